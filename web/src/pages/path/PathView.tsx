/**
 * A person's path, as they see it (their own /path, or a manager's /team/{id}): their level and
 * track; each next level with what is new at it, their readiness gaps and their evidence against
 * its minimums (a chart); the path forward from the top of their band; where their pay sits in
 * the band when the org shares bands; their path conversations and level history.
 */
import { Link } from 'wouter';
import { Empty, Loaded, Loading, Problem } from '../../components/States';
import { day } from '../../format';
import { useApi } from '../../useApi';
import { BandPosition } from './BandPosition';
import { EvidenceChart } from './EvidenceChart';
import { careerPath, changeKind, gapParts, levelHref, levelName, pathChoice, readinessPath, type Career, type Ladder, type PathBase, type ReadinessJson } from './path-api';
import { TableScroll } from '../../components/TableScroll';

export function PathView({ base }: { readonly base: PathBase }) {
  const career = useApi<Career>(careerPath(base.personId));
  const ladder = useApi<Ladder>('/api/ladder');
  if (career.problem !== undefined) return <Problem problem={career.problem} retry={career.reload} />;
  if (ladder.problem !== undefined) return <Problem problem={ladder.problem} retry={ladder.reload} />;
  if (career.data === undefined || ladder.data === undefined) return <Loading what={base.self ? 'your path' : 'their path'} />;
  return <PathContent base={base} career={career.data} ladder={ladder.data} />;
}

function PathContent({ base, career: c, ladder }: { readonly base: PathBase; readonly career: Career; readonly ladder: Ladder }) {
  const levels = new Map(ladder.levels.map((l) => [l.id, l]));
  const current = levels.get(c.level);
  if (!c.on_ladder || current === undefined) {
    return (
      <Empty title={`${base.self ? 'Your' : `${c.name}'s`} level "${c.level}" is not a level of the career ladder.`}>
        <p>The path pages follow the ladder's levels. {base.self ? 'Ask your manager or a Tandem admin' : 'Ask a Tandem admin'} whether people.csv has the right level.</p>
      </Empty>
    );
  }
  const evidenceOf = (level: string) => c.evidence.find((e) => e.level === level);
  const tracks = new Map(ladder.tracks.map((t) => [t.id, t]));
  const currentEvidence = evidenceOf(c.level);
  return (
    <div className="path-view" data-person={c.person_id}>
      <section className="card" aria-labelledby="where-title" data-testid="path-where">
        <h2 id="where-title">{base.self ? 'Where you are' : 'Where they are'}</h2>
        <dl className="path-facts">
          <div>
            <dt>Level</dt>
            <dd data-testid="path-level" data-level={c.level}>
              <Link href={levelHref(base, c.level)}>{levelName(c.level_title, c.level)}</Link>
            </dd>
          </div>
          <div>
            <dt>Track</dt>
            <dd data-testid="path-track" data-track={c.track?.id}>
              {c.track?.name ?? '—'}
            </dd>
          </div>
          <div>
            <dt>At this level since</dt>
            <dd>{c.level_since === null ? 'not recorded' : day(c.level_since)}</dd>
          </div>
          <div>
            <dt>Manager</dt>
            <dd>{c.manager?.name ?? 'none recorded'}</dd>
          </div>
        </dl>
        {c.stuck !== null && (
          <p className="path-callout path-callout-warn" data-testid="path-stuck">
            <strong>Ready for a review, not yet promoted.</strong>{' '}
            {c.stuck.reason === 'meets_next_level' && c.stuck.next_level !== null
              ? `The ratings have met ${c.stuck.next_level} on every competency${c.stuck.meeting_next_since === null ? '' : ` since ${day(c.stuck.meeting_next_since)}`}, after ${c.stuck.years_at_level.toFixed(1)} years at ${c.level}.`
              : `Rated above ${c.level}'s expectation on every competency, after ${c.stuck.years_at_level.toFixed(1)} years at it.`}{' '}
            {base.self ? 'Raise it with your manager: a promotion review looks at exactly this.' : 'Raise it at the next promotion review.'}
          </p>
        )}
        {c.conversation.due && (
          <p className="path-callout path-callout-warn" data-testid="path-conversation-due">
            <strong>A path conversation is due.</strong> {c.conversation.last === null ? 'None is recorded' : `The last was on ${day(c.conversation.last)}`}; the org asks for one every {c.conversation.window_months} months.{' '}
            {base.self ? 'Ask your manager for one: which path, IC or management, and why.' : 'Schedule one: which path, IC or management, and why.'}
          </p>
        )}
      </section>

      <section aria-labelledby="next-title" data-testid="path-next">
        <h2 id="next-title">{c.next_levels.length === 1 ? 'The next level' : 'The next levels'}</h2>
        {c.next_levels.length === 0 ? (
          <Empty title={`${levelName(c.level_title, c.level)} is the top of its track.`}>
            <p>Growth from here is in scope and in the band: see the path forward below.</p>
          </Empty>
        ) : (
          c.next_levels.map((n) => {
            const level = levels.get(n.id);
            const track = tracks.get(n.track);
            const evidence = evidenceOf(n.id);
            return (
              <article key={n.id} className="card path-next" aria-labelledby={`next-${n.id}`} data-testid="path-next-level" data-level={n.id}>
                <h3 id={`next-${n.id}`}>
                  {levelName(n.title, n.id)}
                  {n.track !== c.track?.id && <span className="path-track-note"> · {track?.name ?? n.track} track</span>}
                </h3>
                <h4>What is new at {n.id}</h4>
                {level === undefined || level.new_at_this_level.length === 0 ? (
                  <p className="muted">The ladder does not say.</p>
                ) : (
                  <ul data-testid="path-new-at-level">
                    {level.new_at_this_level.map((x, i) => (
                      <li key={i}>{x}</li>
                    ))}
                  </ul>
                )}
                <Readiness base={base} level={n.id} />
                <h4>Evidence against {n.id}'s minimums</h4>
                {evidence === undefined ? <p className="muted">No evidence is reported for {n.id}.</p> : <EvidenceChart items={evidence.items} level={n.id} testId={`evidence-${n.id}`} />}
                <p>
                  <Link href={levelHref(base, n.id)}>Everything {n.id} expects, competency by competency</Link>
                </p>
              </article>
            );
          })
        )}
      </section>

      <section className="card" aria-labelledby="level-title" data-testid="path-current">
        <h2 id="level-title">At {base.self ? 'your' : 'their'} level</h2>
        <h3>Evidence against {c.level}'s minimums</h3>
        {currentEvidence === undefined ? <p className="muted">No evidence is reported for {c.level}.</p> : <EvidenceChart items={currentEvidence.items} level={c.level} testId={`evidence-${c.level}`} />}
        <h3>The path forward from the top of the band</h3>
        {current.path_forward === null ? (
          <p className="muted">The ladder does not say.</p>
        ) : (
          <dl className="path-forward">
            <dt>At the top of the band</dt>
            <dd>{current.path_forward.top_of_band || '—'}</dd>
            <dt>Growing within the band</dt>
            <dd>{current.path_forward.in_band_growth || '—'}</dd>
          </dl>
        )}
      </section>

      {c.band_position !== null ? (
        <section className="card" aria-labelledby="band-title">
          <h2 id="band-title">Where {base.self ? 'your' : 'their'} pay sits in the band</h2>
          <BandPosition position={c.band_position} level={c.level} self={base.self} />
          {!c.bands_shared && (
            <p className="muted path-small" data-testid="band-role-only">
              The org keeps pay bands private: {base.self ? 'you see this as a leader or admin; people do not see their own.' : `${c.name} does not see this; you see it as a leader or admin.`}
            </p>
          )}
        </section>
      ) : (
        !c.bands_shared && (
          <p className="muted path-note" data-testid="band-private">
            The org keeps pay bands private, so band positions are not shown here.
          </p>
        )
      )}

      <section className="card" aria-labelledby="conversations-title" data-testid="path-conversations">
        <h2 id="conversations-title">Path conversations</h2>
        {c.conversations.length === 0 ? (
          <Empty title="No path conversation is recorded yet.">
            <p>{base.self ? 'Ask your manager for one' : 'Schedule one'}: which path — individual contributor or management — and why, written down.</p>
          </Empty>
        ) : (
          <TableScroll label="Path conversations table">
            <table>
              <caption className="visually-hidden">Path conversations, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">With</th>
                  <th scope="col">Path</th>
                  <th scope="col">Next level</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {c.conversations.map((x, i) => (
                  <tr key={i} data-date={x.date}>
                    <td className="path-nowrap">{day(x.date)}</td>
                    <td>{x.with_name ?? (x.with_id || '—')}</td>
                    <td>{pathChoice(x.path)}</td>
                    <td>{x.next_level === '' ? '—' : x.next_level}</td>
                    <td>{x.notes || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="card" aria-labelledby="history-title" data-testid="path-history">
        <h2 id="history-title">Level history</h2>
        {c.level_history.length === 0 ? (
          <p className="muted">No level change is recorded.</p>
        ) : (
          <TableScroll label="Level history table">
            <table>
              <caption className="visually-hidden">Level changes, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Change</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Packet</th>
                </tr>
              </thead>
              <tbody>
                {c.level_history.map((h, i) => (
                  <tr key={i}>
                    <td className="path-nowrap">{day(h.date)}</td>
                    <td>{changeKind(h.kind)}</td>
                    <td>{h.from_level || '—'}</td>
                    <td>{h.to_level}</td>
                    <td>{h.packet || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}

/** Readiness for one next level: every minimum met, or each gap in words. */
function Readiness({ base, level }: { readonly base: PathBase; readonly level: string }) {
  const state = useApi<ReadinessJson>(readinessPath(base.personId, level));
  return (
    <div data-testid="path-readiness" data-level={level}>
      <h4>Readiness for {level}</h4>
      <Loaded state={state} what={`readiness for ${level}`}>
        {(r) => (
          <>
            <p>
              {r.meets_minimums ? (
                <span className="badge good" data-testid="readiness-verdict" data-meets="true">
                  Every minimum met
                </span>
              ) : (
                <span className="badge bad" data-testid="readiness-verdict" data-meets="false" data-gaps={r.gaps.length}>
                  {r.gaps.length} {r.gaps.length === 1 ? 'gap' : 'gaps'}
                </span>
              )}{' '}
              {r.sustained.meeting_since === null
                ? `The ratings do not meet ${level} yet.`
                : `The ratings have met ${level} since ${day(r.sustained.meeting_since)} (${r.sustained.quarters} ${r.sustained.quarters === 1 ? 'quarter' : 'quarters'}${r.sustained.required_quarters === null ? '' : `; a promotion asks for ${r.sustained.required_quarters}`}).`}
            </p>
            {r.gaps.length > 0 && (
              <ul className="path-gaps" aria-label={`Gaps for ${level}`}>
                {r.gaps.map((g) => (
                  <li key={g.competency} data-competency={g.competency}>
                    <strong>{g.name}</strong>: {gapParts(g).join('; ')}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted path-small">Readiness informs a promotion review; it never promotes anyone.</p>
          </>
        )}
      </Loaded>
    </div>
  );
}
