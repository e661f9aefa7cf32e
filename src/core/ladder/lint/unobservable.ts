/**
 * unobservable: an evaluation item nobody can observe — no behaviours to look for, or no evidence
 * requirement (type, at_least, window_quarters) that would show them.
 */
import { competencyLabel, isBlank, levelLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'A criterion without behaviours or evidence is applied inconsistently — the essay’s vague criteria — and decided by impression; behaviours say what to look for and evidence says what shows it.';

export function unobservable({ ladder }: LadderLintInput): LadderFinding[] {
  const findings: LadderFinding[] = [];
  for (const level of ladder.levels) {
    for (const item of level.evaluation) {
      const behaviours = item.behaviours.filter((b) => !isBlank(b)).length;
      const evidence = item.evidence.length;
      if (behaviours > 0 && evidence > 0) continue;
      const lacking = behaviours === 0 && evidence === 0 ? 'no behaviour to observe and no evidence requirement' : behaviours === 0 ? 'no behaviour to observe' : 'no evidence requirement';
      const adds = [
        ...(behaviours === 0 ? ['behaviours: what someone at this level is seen doing in this competency'] : []),
        ...(evidence === 0 ? ['evidence: what shows it, e.g. { type: technical_wins, at_least: 6, window_quarters: 4 }'] : []),
      ];
      findings.push({
        rule: 'unobservable',
        severity: 'medium',
        level: level.id,
        competency: item.competency,
        message: `${levelLabel(level)} evaluates ${competencyLabel(ladder, item.competency)} at milestone ${item.expectation} with ${lacking}.`,
        why: WHY,
        fix: `Add ${adds.join('; and ')}.`,
        evidence: { expectation: item.expectation, behaviours, evidence },
      });
    }
  }
  return findings;
}
