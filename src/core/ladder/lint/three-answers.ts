/**
 * three-answers: every level answers the essay's three questions — what is new versus the level
 * below (`new_at_this_level`), how it is evaluated (`evaluation`), and the path forward from the top
 * of the band (`path_forward` with `next` levels, or for a top level a `top_of_band` sentence).
 */
import type { Level } from '../model.js';
import { isBlank, levelLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'A ladder worth having answers three questions for each level: what someone at this level does that someone at the level below does not, how that is evaluated, and what the path forward looks like at the top of the band (the essay); a level that skips one leaves promotions to impression.';

const ANSWERS = [
  {
    key: 'new_at_this_level',
    name: 'what is new',
    missing: (l: Level) => !l.newAtThisLevel.some((b) => !isBlank(b)),
    fix: 'new_at_this_level: 2–4 things someone at this level does that someone at the level below does not',
  },
  {
    key: 'evaluation',
    name: 'how it is evaluated',
    missing: (l: Level) => l.evaluation.length === 0,
    fix: 'evaluation: per competency a minimum milestone (expectation), behaviours to observe and an evidence requirement',
  },
  {
    key: 'path_forward',
    name: 'the path forward',
    missing: (l: Level) => l.pathForward === undefined || (l.pathForward.next.length === 0 && isBlank(l.pathForward.topOfBand)),
    fix: 'path_forward: the next levels (next), what the top of the band looks like (top_of_band) and how people grow within the band (in_band_growth); a top level says what growth looks like without a next level',
  },
] as const;

export function threeAnswers({ ladder }: LadderLintInput): LadderFinding[] {
  const findings: LadderFinding[] = [];
  for (const level of ladder.levels) {
    const missing = ANSWERS.filter((a) => a.missing(level));
    if (missing.length === 0) continue;
    findings.push({
      rule: 'three-answers',
      severity: 'high',
      level: level.id,
      message: `${levelLabel(level)} does not answer ${missing.length} of the three questions: ${missing.map((a) => a.name).join(', ')}.`,
      why: WHY,
      fix: `Add ${missing.map((a) => a.fix).join('; and ')}.`,
      evidence: { missing: missing.map((a) => a.key) },
    });
  }
  return findings;
}
