/**
 * token-level: a level that is a higher title for the same work. Two checks against the level below
 * in the same track (for a track's first level, the level it forks from): every `new_at_this_level`
 * bullet already appears there (after normalising case and whitespace), or every competency
 * expectation equals the level below's.
 */
import { levelLabel, normalise } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'A Staff or Principal title without real scope — owning product feedback loops, running the technical strategy for a segment, mentoring — is just a higher title for the same work (the essay); people see through it, and the path above the level stays undefined.';

export function tokenLevel({ ladder, index }: LadderLintInput): LadderFinding[] {
  const findings: LadderFinding[] = [];
  for (const level of ladder.levels) {
    const below = index.below(level.id);
    if (!below) continue;
    const label = levelLabel(level);
    const bullets = level.newAtThisLevel.map(normalise).filter((b) => b !== '');
    const belowBullets = new Set(below.newAtThisLevel.map(normalise));
    if (bullets.length > 0 && bullets.every((b) => belowBullets.has(b))) {
      findings.push({
        rule: 'token-level',
        severity: 'high',
        level: level.id,
        message: `${label} repeats the level below: all ${bullets.length} of its new_at_this_level bullets are already ${below.id}'s.`,
        why: WHY,
        fix: `Write what someone at ${level.id} does that someone at ${below.id} does not: the scope that comes with the level (a segment's technical strategy, a product feedback loop, who they mentor), not the same work described again.`,
        evidence: { below: below.id, bullets: bullets.length, repeated: bullets.length },
      });
    }
    const belowExpectation = new Map(below.evaluation.map((e) => [e.competency, e.expectation]));
    if (level.evaluation.length > 0 && level.evaluation.every((e) => belowExpectation.get(e.competency) === e.expectation)) {
      findings.push({
        rule: 'token-level',
        severity: 'high',
        level: level.id,
        message: `${label} expects the same as the level below: all ${level.evaluation.length} of its competency expectations equal ${below.id}'s.`,
        why: WHY,
        fix: `Raise the expectations of the competencies that carry ${level.id}'s extra scope (e.g. mentoring, product feedback, commercial) above ${below.id}'s, or merge the two levels.`,
        evidence: { below: below.id, competencies: level.evaluation.length, expectations: Object.fromEntries(level.evaluation.map((e) => [e.competency, e.expectation])) },
      });
    }
  }
  return findings;
}
