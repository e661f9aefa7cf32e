/**
 * /ladder/levels/:id: one level of the ladder — the three answers: what is new at it, how it is
 * evaluated (a minimum rating per competency with the behaviours to observe and the evidence
 * minimums over their windows), and the path forward — with its promotion rule and what the
 * ladder lint finds about it.
 */
import { Link, useParams } from 'wouter';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { decimal } from '../../format';
import { useApi, type Loaded } from '../../useApi';
import { FindingList } from './Findings';
import { humanize, levelLabel, type Ladder, type LadderLevel, type LadderLintJson } from './leader-api';
import { TableScroll } from '../../components/TableScroll';

export default function LevelPage() {
  const { id = '' } = useParams<{ id: string }>();
  const ladder = useApi<Ladder>('/api/ladder');
  const lint = useApi<LadderLintJson>('/api/ladder/lint');
  const level = ladder.data?.levels.find((l) => l.id === id);

  if (ladder.problem !== undefined) {
    return (
      <Page title="Ladder level">
        <Problem problem={ladder.problem} retry={ladder.reload} />
      </Page>
    );
  }
  if (ladder.data === undefined) {
    return (
      <Page title="Ladder level">
        <Loading what="the level" />
      </Page>
    );
  }
  if (level === undefined) {
    return (
      <Page title="Level not found">
        <Empty title={`The ladder has no level "${id}".`}>
          <p>
            It may have been renamed by the latest import. <Link href="/ladder">See the whole ladder</Link>.
          </p>
        </Empty>
      </Page>
    );
  }
  return <LevelDetail ladder={ladder.data} level={level} lint={lint} />;
}

function LevelDetail({ ladder, level, lint }: { readonly ladder: Ladder; readonly level: LadderLevel; readonly lint: Loaded<LadderLintJson> }) {
  const byId = new Map(ladder.levels.map((l) => [l.id, l]));
  const track = ladder.tracks.find((t) => t.id === level.track);
  const competency = new Map(ladder.competencies.map((c) => [c.id, c]));
  const position = track?.levels.indexOf(level.id) ?? -1;
  const below = position > 0 ? track?.levels[position - 1] : track?.fork_from ?? undefined;
  const forks = ladder.tracks.filter((t) => t.fork_from === level.id);
  const findings = lint.data?.findings.filter((f) => f.level === level.id);
  return (
    <Page
      title={`${level.id}: ${level.title}`}
      subtitle={
        <>
          {track?.name ?? level.track} track · {level.grade === null ? 'no grade' : `grade ${level.grade}`}
          {below !== undefined && (
            <>
              {' '}
              · above <Link href={`/ladder/levels/${encodeURIComponent(below)}`}>{levelLabel(byId.get(below), below)}</Link>
            </>
          )}
        </>
      }
    >
      <nav aria-label="Breadcrumb" className="leader-breadcrumb">
        <Link href="/ladder">Career ladder</Link> › <span aria-current="page">{level.id}</span>
      </nav>
      {forks.length > 0 && (
        <p className="leader-callout" data-testid="level-fork">
          The fork: from here the {forks.map((t) => t.name).join(' and ')} track{forks.length > 1 ? 's lead' : ' leads'} away from this track — which way to go is an explicit conversation.
        </p>
      )}

      <section aria-labelledby="new-title" className="card" data-testid="new-at-level">
        <h2 id="new-title">What is new at this level</h2>
        {level.new_at_this_level.length === 0 ? (
          <p className="muted">The ladder does not say (the lint flags it).</p>
        ) : (
          <ul>
            {level.new_at_this_level.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="evaluation-title" className="card" data-testid="evaluation">
        <h2 id="evaluation-title">How it is evaluated</h2>
        <p className="muted">The minimum rating (0–5) per competency, what to observe, and the evidence the data must show over its window.</p>
        {level.evaluation.length === 0 ? (
          <p className="muted">No evaluation item (the lint flags it).</p>
        ) : (
          <TableScroll className="leader-scroll" label={`Evaluation minimums of ${level.id}`}>
            <table className="leader-evaluation">
              <caption className="visually-hidden">Evaluation minimums of {level.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col" className="num">
                    Minimum rating
                  </th>
                  <th scope="col">What to observe</th>
                  <th scope="col">Evidence minimums</th>
                </tr>
              </thead>
              <tbody>
                {level.evaluation.map((e) => (
                  <tr key={e.competency} data-competency={e.competency}>
                    <th scope="row">
                      {competency.get(e.competency)?.name ?? e.competency}
                      <span className="muted leader-small"> {humanize(competency.get(e.competency)?.group ?? '')}</span>
                    </th>
                    <td className="num" data-expectation={e.expectation}>
                      {e.expectation} of 5
                    </td>
                    <td>
                      {e.behaviours.length === 0 ? (
                        <span className="muted">none listed</span>
                      ) : (
                        <ul className="leader-tight">
                          {e.behaviours.map((b, i) => (
                            <li key={i}>{b}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {e.evidence.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        <ul className="leader-tight">
                          {e.evidence.map((x, i) => (
                            <li key={i}>
                              at least {decimal(x.at_least)} {humanize(x.type).toLowerCase()} over {x.window_quarters} {x.window_quarters === 1 ? 'quarter' : 'quarters'}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <h3>Promotion</h3>
        {level.promotion === null ? (
          <p className="muted">No promotion rule is set for this level.</p>
        ) : (
          <p data-testid="promotion">
            {level.promotion.sustained_quarters === null ? 'Meeting the minimums' : `Meeting the minimums for ${level.promotion.sustained_quarters} quarters in a row`}, reviewed by {level.promotion.reviewers.length === 0 ? 'no one named' : level.promotion.reviewers.map((r) => r.replace(/_/g, ' ')).join(', ')}. Evidence informs the review; nothing here promotes anyone.
          </p>
        )}
      </section>

      <section aria-labelledby="path-title" className="card" data-testid="path-forward">
        <h2 id="path-title">The path forward</h2>
        {level.path_forward === null ? (
          <p className="muted">The ladder does not say (the lint flags it).</p>
        ) : (
          <dl className="leader-path">
            <div>
              <dt>Next</dt>
              <dd>
                {level.path_forward.next.length === 0 ? (
                  'The top of this track.'
                ) : (
                  <ul className="leader-inline-list">
                    {level.path_forward.next.map((n) => (
                      <li key={n}>
                        <Link href={`/ladder/levels/${encodeURIComponent(n)}`}>{levelLabel(byId.get(n), n)}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt>At the top of the band</dt>
              <dd>{level.path_forward.top_of_band}</dd>
            </div>
            <div>
              <dt>Growth within the band</dt>
              <dd>{level.path_forward.in_band_growth}</dd>
            </div>
          </dl>
        )}
      </section>

      <section aria-labelledby="level-lint-title" className="leader-section">
        <h2 id="level-lint-title">Lint findings about {level.id}</h2>
        {lint.problem !== undefined ? (
          <Problem problem={lint.problem} retry={lint.reload} />
        ) : findings === undefined ? (
          <Loading what="the ladder lint" />
        ) : (
          <FindingList findings={findings} empty={<p>None: the lint finds nothing about this level.</p>} />
        )}
      </section>
    </Page>
  );
}
