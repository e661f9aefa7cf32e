/**
 * /ladder: the career ladder drawn as its tracks side by side (IC and management), each level at
 * its grade so peers across the tracks line up, the fork where the management track leaves the IC
 * track, every level a link to its detail; then what the ladder lint finds (GET /api/ladder/lint).
 * Plain lists in a grid: the ladder is a structure, not a data chart.
 */
import type { CSSProperties } from 'react';
import { Link } from 'wouter';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { useApi } from '../../useApi';
import { FindingList, severityCounts } from './Findings';
import { levelLabel, type Ladder as LadderJson, type LadderLintJson } from './leader-api';

/** The row of each level in the drawing: by grade when every level has one, else by position from the fork. */
const KIND: Readonly<Record<LadderJson['tracks'][number]['kind'], string>> = { ic: 'individual contributor', management: 'management' };

function ladderRows(ladder: LadderJson): { rows: Map<string, number>; count: number } {
  const rows = new Map<string, number>();
  const graded = ladder.levels.every((l) => l.grade !== null);
  if (graded) {
    const grades = [...new Set(ladder.levels.map((l) => l.grade ?? 0))].sort((a, b) => a - b);
    for (const l of ladder.levels) rows.set(l.id, grades.indexOf(l.grade ?? 0) + 1);
    return { rows, count: grades.length };
  }
  // Without grades: a track's levels one row each, a forked track starting the row after its fork.
  const pending = [...ladder.tracks];
  for (let guard = 0; pending.length > 0 && guard < 50; guard++) {
    const track = pending.shift();
    if (track === undefined) break;
    const start = track.fork_from === null ? 1 : rows.get(track.fork_from);
    if (start === undefined) {
      pending.push(track);
      continue;
    }
    track.levels.forEach((id, i) => rows.set(id, start + (track.fork_from === null ? 0 : 1) + i));
  }
  return { rows, count: Math.max(1, ...rows.values()) };
}

export default function Ladder() {
  const ladder = useApi<LadderJson>('/api/ladder');
  const lint = useApi<LadderLintJson>('/api/ladder/lint');
  return (
    <Page title="Career ladder" subtitle={ladder.data === undefined ? undefined : `${ladder.data.name}, version ${ladder.data.version}`}>
      {ladder.problem !== undefined ? (
        <Problem problem={ladder.problem} retry={ladder.reload} />
      ) : ladder.data === undefined ? (
        <Loading what="the ladder" />
      ) : ladder.data.levels.length === 0 ? (
        <Empty title="The current org version has no ladder levels.">
          <p>A Tandem admin adds ladder.yaml (start from the default SE ladder: tandem ladder init) with an org import.</p>
        </Empty>
      ) : (
        <LadderDrawing ladder={ladder.data} />
      )}
      <section aria-labelledby="lint-title" className="leader-section">
        <h2 id="lint-title">Ladder lint</h2>
        <p className="muted">Does every level say what is new, how it is evaluated and where it leads; are the criteria observable and free of tenure; are there two real paths and bands for both?</p>
        {lint.problem !== undefined ? (
          <Problem problem={lint.problem} retry={lint.reload} />
        ) : lint.data === undefined ? (
          <Loading what="the ladder lint" />
        ) : (
          <>
            <p data-testid="lint-summary">
              <code>{lint.data.ladder}</code>: {severityCounts(lint.data.findings)}.
            </p>
            <div data-testid="lint-findings">
              <FindingList findings={lint.data.findings} empty={<p>The ladder is clean: every level answers the three questions, with observable criteria, no tenure in disguise, two paths and bands for both.</p>} />
            </div>
          </>
        )}
      </section>
    </Page>
  );
}

function LadderDrawing({ ladder }: { readonly ladder: LadderJson }) {
  const { rows, count } = ladderRows(ladder);
  const byId = new Map(ladder.levels.map((l) => [l.id, l]));
  const forksAt = new Map<string, string[]>();
  for (const t of ladder.tracks) if (t.fork_from !== null) forksAt.set(t.fork_from, [...(forksAt.get(t.fork_from) ?? []), t.name]);
  const style = { '--ladder-rows': count, '--ladder-tracks': ladder.tracks.length } as CSSProperties;
  const forked = ladder.tracks.filter((t) => t.fork_from !== null);
  return (
    <section aria-labelledby="tracks-title">
      <h2 id="tracks-title">
        {ladder.tracks.length === 1 ? 'One track' : `${ladder.tracks.length} tracks`}, {ladder.levels.length} levels, {ladder.competencies.length} competencies
      </h2>
      <p className="muted">
        Each track runs from its entry level (top) to its most senior (bottom); levels on one row share a grade.
        {forked.map((t) => ` The ${t.name} track forks from ${levelLabel(byId.get(t.fork_from ?? ''), t.fork_from ?? '')}.`).join('')} Open a level for what is new at it, how it is evaluated and where it leads.
      </p>
      <div className="leader-ladder" style={style} data-testid="ladder">
        {ladder.tracks.map((t) => (
          <section key={t.id} className={`leader-track leader-track-${t.kind}`} aria-labelledby={`track-${t.id}`} data-track={t.id}>
            <h3 id={`track-${t.id}`} className="leader-track-title">
              {t.name} {!t.name.toLowerCase().includes(KIND[t.kind]) && <span className="muted">({KIND[t.kind]} track)</span>}
            </h3>
            <ol className="leader-track-levels" aria-labelledby={`track-${t.id}`}>
              {t.fork_from !== null && (
                <li className="leader-fork" data-testid="fork" data-fork-from={t.fork_from} style={{ gridRow: rows.get(t.fork_from) ?? 1 }}>
                  <span aria-hidden="true" className="leader-fork-arrow">
                    ↳
                  </span>{' '}
                  Forks from <Link href={`/ladder/levels/${encodeURIComponent(t.fork_from)}`}>{levelLabel(byId.get(t.fork_from), t.fork_from)}</Link>
                </li>
              )}
              {t.levels.map((id) => {
                const level = byId.get(id);
                const forks = forksAt.get(id) ?? [];
                return (
                  <li key={id} className={`leader-level${forks.length > 0 ? ' leader-level-fork' : ''}`} style={{ gridRow: rows.get(id) ?? 1 }} data-level={id} data-grade={level?.grade ?? ''}>
                    <Link href={`/ladder/levels/${encodeURIComponent(id)}`} className="leader-level-link">
                      <span className="leader-level-id">{id}</span> <span className="leader-level-title">{level?.title ?? ''}</span>
                    </Link>
                    <span className="leader-level-meta">
                      {level?.grade === null || level === undefined ? 'no grade' : `grade ${level.grade}`}
                      {level !== undefined && ` · ${level.new_at_this_level.length} new · ${level.evaluation.length} competencies`}
                    </span>
                    {forks.length > 0 && (
                      <span className="leader-fork-note" data-testid="fork-point">
                        Fork: the {forks.join(' and ')} track{forks.length > 1 ? 's start' : ' starts'} here
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
