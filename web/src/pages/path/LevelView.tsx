/**
 * One level of the ladder for one person: the three answers — what is new at it, how it is
 * evaluated (per competency the minimum rating, what to observe, the evidence minimums) and the
 * path forward — with the person's own rating and evidence against each minimum beside them.
 */
import { Link } from 'wouter';
import { Empty, Loading, Problem } from '../../components/States';
import { day } from '../../format';
import { useApi } from '../../useApi';
import { humanize, levelHref, levelName, readinessPath, type Ladder, type PathBase, type ReadinessJson } from './path-api';
import { TableScroll } from '../../components/TableScroll';

export function LevelView({ base, levelId }: { readonly base: PathBase; readonly levelId: string }) {
  const ladder = useApi<Ladder>('/api/ladder');
  const level = ladder.data?.levels.find((l) => l.id === levelId);
  const readiness = useApi<ReadinessJson>(level === undefined ? null : readinessPath(base.personId, levelId));
  if (ladder.problem !== undefined) return <Problem problem={ladder.problem} retry={ladder.reload} />;
  if (ladder.data === undefined) return <Loading what="the level" />;
  if (level === undefined) {
    return (
      <Empty title={`The ladder has no level "${levelId}".`}>
        <p>
          It may have been renamed by the latest import. <Link href={base.href}>Back to {base.self ? 'your' : 'their'} path</Link>.
        </p>
      </Empty>
    );
  }
  const competency = new Map(ladder.data.competencies.map((c) => [c.id, c.name]));
  const track = ladder.data.tracks.find((t) => t.id === level.track);
  const mine = new Map((readiness.data?.competencies ?? []).map((c) => [c.competency, c]));
  const byId = new Map(ladder.data.levels.map((l) => [l.id, l]));
  return (
    <div className="path-level" data-level={level.id}>
      <p className="page-subtitle path-level-sub">
        {track?.name ?? level.track} track{level.grade === null ? '' : ` · grade ${level.grade}`}
      </p>

      <section className="card" aria-labelledby="new-title" data-testid="level-new">
        <h2 id="new-title">What is new at {level.id}</h2>
        {level.new_at_this_level.length === 0 ? (
          <p className="muted">The ladder does not say.</p>
        ) : (
          <ul>
            {level.new_at_this_level.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="evaluation-title" data-testid="level-evaluation">
        <h2 id="evaluation-title">How it is evaluated</h2>
        <p className="muted">The minimum rating (0–5) per competency and the evidence the data must show over its window, with {base.self ? 'yours' : 'theirs'} beside each.</p>
        {readiness.problem !== undefined && <Problem problem={readiness.problem} retry={readiness.reload} />}
        {readiness.data === undefined && readiness.problem === undefined && <Loading what={base.self ? 'your ratings and evidence' : 'their ratings and evidence'} />}
        {readiness.data !== undefined && (
          <p data-testid="level-verdict" data-meets={readiness.data.meets_minimums}>
            {readiness.data.meets_minimums ? (
              <span className="badge good">Every minimum of {level.id} met</span>
            ) : (
              <span className="badge bad">
                {readiness.data.gaps.length} {readiness.data.gaps.length === 1 ? 'gap' : 'gaps'} for {level.id}
              </span>
            )}{' '}
            <span className="muted">as of {day(readiness.data.as_of)}</span>
          </p>
        )}
        {level.evaluation.length === 0 ? (
          <p className="muted">No evaluation item.</p>
        ) : (
          <TableScroll label="Evaluation table">
            <table className="path-evaluation">
              <caption className="visually-hidden">How {level.id} is evaluated, and {base.self ? 'your' : 'their'} ratings and evidence against it</caption>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col" className="num">
                    Minimum
                  </th>
                  <th scope="col" className="num">
                    {base.self ? 'Your rating' : 'Rating'}
                  </th>
                  <th scope="col">Evidence: found of the minimum</th>
                  <th scope="col">Met</th>
                </tr>
              </thead>
              <tbody>
                {level.evaluation.map((e) => {
                  const m = mine.get(e.competency);
                  return (
                    <tr key={e.competency} data-competency={e.competency}>
                      <th scope="row">
                        {competency.get(e.competency) ?? e.competency}
                        {e.behaviours.length > 0 && (
                          <ul className="path-behaviours">
                            {e.behaviours.map((b, i) => (
                              <li key={i}>{b}</li>
                            ))}
                          </ul>
                        )}
                      </th>
                      <td className="num" data-label="Minimum rating">{e.expectation}</td>
                      <td className="num" data-label={base.self ? 'Your rating' : 'Rating'}>{m === undefined ? '…' : m.rating === null ? 'none yet' : `${m.rating}${m.rating_source === null ? '' : ` (${m.rating_source})`}`}</td>
                      <td data-label="Evidence: found of the minimum">
                        {e.evidence.length === 0
                          ? '—'
                          : e.evidence.map((x, i) => {
                              const found = m?.evidence.find((f) => f.type === x.type);
                              return (
                                <div key={i}>
                                  {humanize(x.type)}: {found === undefined ? '…' : found.found} of {x.at_least} over {x.window_quarters} {x.window_quarters === 1 ? 'quarter' : 'quarters'}
                                  {found !== undefined && !found.assessable && <span className="muted"> (no data for the whole window)</span>}
                                </div>
                              );
                            })}
                      </td>
                      <td data-label="Met">{m === undefined ? '…' : m.met ? <span className="badge good">met</span> : <span className="badge bad">gap</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
        {level.promotion !== null && (
          <p className="muted">
            Promotion to {level.id}: {level.promotion.sustained_quarters === null ? 'no sustained period is set' : `${level.promotion.sustained_quarters} quarters at the bar, sustained`}
            {level.promotion.reviewers.length > 0 && `, reviewed by ${level.promotion.reviewers.map(humanize).join(', ')}`}.
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="forward-title" data-testid="level-forward">
        <h2 id="forward-title">The path forward from the top of {level.id}'s band</h2>
        {level.path_forward === null ? (
          <p className="muted">The ladder does not say.</p>
        ) : (
          <dl className="path-forward">
            <dt>Next levels</dt>
            <dd>
              {level.path_forward.next.length === 0
                ? 'none: the top of its track'
                : level.path_forward.next.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <Link href={levelHref(base, id)}>{levelName(byId.get(id)?.title, id)}</Link>
                    </span>
                  ))}
            </dd>
            <dt>At the top of the band</dt>
            <dd>{level.path_forward.top_of_band || '—'}</dd>
            <dt>Growing within the band</dt>
            <dd>{level.path_forward.in_band_growth || '—'}</dd>
          </dl>
        )}
      </section>
    </div>
  );
}
