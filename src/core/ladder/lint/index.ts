/**
 * `lintLadder`: every ladder lint rule over a ladder and its bands, findings in a deterministic order.
 * Rules and thresholds: docs/ladder.md ("ladder lint").
 */
import { compareIds } from '../../diagnostics/common.js';
import { LadderIndex, type Band, type Ladder } from '../model.js';
import { bands } from './bands.js';
import { decreasingExpectation } from './decreasing-expectation.js';
import { noAiSignal } from './no-ai-signal.js';
import { singlePath } from './single-path.js';
import { tenure } from './tenure.js';
import { threeAnswers } from './three-answers.js';
import { tokenLevel } from './token-level.js';
import { DEFAULT_LADDER_LINT, LADDER_RULES, type LadderFinding, type LadderLintOptions, type LadderRule, type Severity } from './types.js';
import { unobservable } from './unobservable.js';

export { explainLadderLint, ladderLintJson, type LadderLintJson } from './report.js';
export { DEFAULT_LADDER_LINT, LADDER_RULES, type LadderFinding, type LadderLintOptions, type LadderRuleId } from './types.js';

const RULES: readonly LadderRule[] = [threeAnswers, tokenLevel, unobservable, tenure, decreasingExpectation, noAiSignal, singlePath, bands];

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** True when `severity` is `threshold` or more severe (high > medium > low > info). */
export function atLeastSeverity(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/**
 * Lints a ladder. `bands` is the bands.csv rows, or undefined when there is no bands.csv (reported
 * as "bands missing"). Findings are ordered by severity (high first), rule (LADDER_RULES order),
 * level (ladder order; ladder-wide findings first), competency (ladder order), then message.
 */
export function lintLadder(ladder: Ladder, bandRows: readonly Band[] | undefined, options: Partial<LadderLintOptions> = {}): LadderFinding[] {
  const input = { ladder, index: new LadderIndex(ladder), bands: bandRows, options: { ...DEFAULT_LADDER_LINT, ...options } };
  const levelOrder = new Map(ladder.levels.map((l, i) => [l.id, i]));
  const competencyOrder = new Map(ladder.competencies.map((c, i) => [c.id, i]));
  const pos = (order: ReadonlyMap<string, number>, id: string | undefined) => (id === undefined ? -1 : (order.get(id) ?? order.size));
  return RULES.flatMap((rule) => rule(input)).sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      LADDER_RULES.indexOf(a.rule) - LADDER_RULES.indexOf(b.rule) ||
      pos(levelOrder, a.level) - pos(levelOrder, b.level) ||
      pos(competencyOrder, a.competency) - pos(competencyOrder, b.competency) ||
      compareIds(a.message, b.message),
  );
}
