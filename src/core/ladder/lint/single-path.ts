/**
 * single-path: the ladder offers two real paths. Findings: no management track, or no IC track
 * (high); a management track without `fork_from`, so the fork is undefined (medium); a level without
 * a grade (medium: the paths cannot be compared); the IC track topping out below the lowest
 * management grade (high) or more than `maxIcGradeGap` grades below the top management grade (medium).
 */
import type { Level, TrackKind } from '../model.js';
import { levelLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'SE management and senior IC work are different skill sets; a ladder that treats management as the only real way up (or has no way to lead) pushes the best ICs into management or out of the company (the essay).';

export function singlePath({ ladder, index, options }: LadderLintInput): LadderFinding[] {
  const findings: LadderFinding[] = [];
  const kindOf = (level: Level): TrackKind | undefined => index.tracks.get(level.track)?.kind;
  const management = ladder.tracks.filter((t) => t.kind === 'management');
  const ic = ladder.tracks.filter((t) => t.kind === 'ic');
  if (management.length === 0) {
    findings.push({
      rule: 'single-path',
      severity: 'high',
      message: `Ladder ${ladder.id} has no management track: ${ladder.tracks.length === 1 ? 'its one track is an individual-contributor track' : `all ${ladder.tracks.length} of its tracks are individual-contributor tracks`}.`,
      why: WHY,
      fix: 'Add a track with kind: management (e.g. M1 SE Manager, M2 Director) and fork_from naming the IC level where people choose, usually Senior SE.',
      evidence: { ic_tracks: ic.map((t) => t.id), management_tracks: [] },
    });
  }
  if (ic.length === 0) {
    findings.push({
      rule: 'single-path',
      severity: 'high',
      message: `Ladder ${ladder.id} has no individual-contributor track: management is the only way up.`,
      why: WHY,
      fix: 'Add an IC track that continues past the fork (Staff and Principal SE) with real scope: a segment’s technical strategy, product feedback loops, mentoring.',
      evidence: { ic_tracks: [], management_tracks: management.map((t) => t.id) },
    });
  }
  for (const t of management) {
    if (t.forkFrom !== undefined) continue;
    findings.push({
      rule: 'single-path',
      severity: 'medium',
      message: `Management track ${t.id} has no fork_from: the ladder does not say from which IC level people move into management.`,
      why: WHY,
      fix: `Add fork_from to track ${t.id} naming the IC level people move from (the default ladder forks at SE3, Senior SE), and list the first management level in that level's path_forward.next.`,
      evidence: { track: t.id },
    });
  }
  for (const level of ladder.levels) {
    if (level.grade !== undefined) continue;
    findings.push({
      rule: 'single-path',
      severity: 'medium',
      level: level.id,
      message: `${levelLabel(level)} has no grade, so it cannot be compared with the levels of the other track.`,
      why: 'Grades make levels comparable across tracks (Staff SE = SE Manager at GitLab’s grade 9); without them neither the paths nor their bands can be checked for parity.',
      fix: `Add grade to ${level.id}: a number comparable across the tracks.`,
      evidence: { track: level.track },
    });
  }
  const graded = (kind: TrackKind) => ladder.levels.filter((l): l is Level & { grade: number } => kindOf(l) === kind && l.grade !== undefined);
  const icLevels = graded('ic');
  const mgmtLevels = graded('management');
  if (icLevels.length === 0 || mgmtLevels.length === 0) return findings;
  const icTop = icLevels.reduce((a, b) => (b.grade > a.grade ? b : a));
  const mgmtLow = mgmtLevels.reduce((a, b) => (b.grade < a.grade ? b : a));
  const mgmtTop = mgmtLevels.reduce((a, b) => (b.grade > a.grade ? b : a));
  const evidence = { ic_top_grade: icTop.grade, ic_top_level: icTop.id, management_lowest_grade: mgmtLow.grade, management_top_grade: mgmtTop.grade, management_top_level: mgmtTop.id };
  if (icTop.grade < mgmtLow.grade) {
    findings.push({
      rule: 'single-path',
      severity: 'high',
      level: icTop.id,
      message: `The IC track tops out at grade ${icTop.grade} (${levelLabel(icTop)}), below the lowest management grade, ${mgmtLow.grade} (${levelLabel(mgmtLow)}): any move into management is a step up that no IC level matches.`,
      why: WHY,
      fix: `Give the IC track levels at the management grades: at least grade ${mgmtLow.grade} (Staff SE = SE Manager), and within ${options.maxIcGradeGap} of ${mgmtTop.grade}.`,
      evidence,
    });
  } else if (mgmtTop.grade - icTop.grade > options.maxIcGradeGap) {
    findings.push({
      rule: 'single-path',
      severity: 'medium',
      level: icTop.id,
      message: `The IC track tops out at grade ${icTop.grade} (${levelLabel(icTop)}), ${mgmtTop.grade - icTop.grade} grades below the top management grade, ${mgmtTop.grade} (${levelLabel(mgmtTop)}); at most ${options.maxIcGradeGap} is expected.`,
      why: WHY,
      fix: `Raise the top IC level to grade ${mgmtTop.grade - options.maxIcGradeGap} or above (Principal SE = Director at grade 10 in the default ladder), or add an IC level there (e.g. Distinguished SE / Field CTO).`,
      evidence,
    });
  }
  return findings;
}
