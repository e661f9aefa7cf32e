/**
 * tenure: criteria that are tenure in disguise — "3 years", "5+ yrs", "tenure", "time in role",
 * "years of experience" — in any text of a level: its title, new_at_this_level, behaviours and
 * path_forward sentences. A "3-year strategy" is not tenure (the number must stand apart from
 * "year"). One finding per text, naming the first phrase found.
 */
import { clip, competencyLabel, levelLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)`;
const PLACE = String.raw`(?:the\s+|their\s+|his\s+|her\s+|current\s+)?(?:role|level|grade|seat|position|job|company|team)`;

/** The phrases that make a criterion tenure in disguise (case-insensitive). */
export const TENURE_PATTERNS: readonly RegExp[] = [
  // "3 years", "5+ yrs", "two years"
  new RegExp(String.raw`\b${NUMBER}\s*\+?\s*(?:years?|yrs?)\b`, 'i'),
  // "6 months in role", "4 quarters at the level"
  new RegExp(String.raw`\b(?:${NUMBER}|a)\s*\+?\s*(?:months?|quarters?|years?)\s+(?:in|at|on)\s+${PLACE}\b`, 'i'),
  /\btenured?\b/i,
  // "time in role", "time at the level", "time in seat"
  new RegExp(String.raw`\btime\s+(?:in|at|on)\s+${PLACE}\b`, 'i'),
  /\byears?\s+of\s+(?:experience|service)\b/i,
  new RegExp(String.raw`\b(?:years?|yrs?)\s+(?:in|at|on)\s+${PLACE}\b`, 'i'),
];

const WHY =
  'Time served is not a skill: people promoted to Senior because they were tenured, not because they showed the skills that matter at that level, are a failure of the framework (the essay); readiness comes from evidence.';

/** The first tenure phrase in `text`, if any. */
export function tenurePhrase(text: string): string | undefined {
  let first: { at: number; phrase: string } | undefined;
  for (const pattern of TENURE_PATTERNS) {
    const m = pattern.exec(text);
    if (m && (first === undefined || m.index < first.at)) first = { at: m.index, phrase: m[0] };
  }
  return first?.phrase;
}

export function tenure({ ladder }: LadderLintInput): LadderFinding[] {
  const findings: LadderFinding[] = [];
  for (const level of ladder.levels) {
    const texts: { where: string; text: string; competency?: string }[] = [
      { where: 'title', text: level.title },
      ...level.newAtThisLevel.map((text, i) => ({ where: `new_at_this_level[${i}]`, text })),
      ...level.evaluation.flatMap((e) => e.behaviours.map((text, i) => ({ where: `behaviours[${i}] of ${e.competency}`, text, competency: e.competency }))),
      ...(level.pathForward
        ? [
            { where: 'path_forward.top_of_band', text: level.pathForward.topOfBand },
            { where: 'path_forward.in_band_growth', text: level.pathForward.inBandGrowth },
          ]
        : []),
    ];
    for (const t of texts) {
      const phrase = tenurePhrase(t.text);
      if (phrase === undefined) continue;
      const about = t.competency === undefined ? '' : ` (${competencyLabel(ladder, t.competency)})`;
      findings.push({
        rule: 'tenure',
        severity: 'high',
        level: level.id,
        ...(t.competency === undefined ? {} : { competency: t.competency }),
        message: `${levelLabel(level)}: "${phrase}" in ${t.where}${about} is tenure in disguise: "${clip(t.text)}".`,
        why: WHY,
        fix: 'Replace the time criterion with what the person does and the evidence that shows it (e.g. "leads discovery on multi-stakeholder deals" with at least 6 technical_wins over 4 quarters); promotion.sustained_quarters already says how long the new bar must be held.',
        evidence: { where: t.where, phrase },
      });
    }
  }
  return findings;
}
