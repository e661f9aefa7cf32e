/**
 * Quota realism: the year's attainment distribution of the people on a plan, per deal-based
 * measure (each person's cumulative credit over cumulative quota for the year, as for recognition).
 * A realistic quota leaves few people at zero and puts the median near 100%.
 */
import type { Plan } from '../model.js';
import { ONE, Rational } from '../rational.js';
import { exact, median, num, pct, personYearAttainments, planStatements, plural, spread } from './common.js';
import type { DiagnosticsInput, Finding } from './types.js';

const WHY =
  'A quota most people cannot reach, or one everyone clears, turns the variable into luck or a fixed bonus: either way it stops rewarding the work, and SEs stop trusting the plan.';

/**
 * Flags a deal-based measure whose share of people at zero exceeds `quota_realism.max_zero_share`
 * (20%) or whose median attainment is outside `median_low`..`median_high` (70%–130%): high when
 * both, medium when one.
 */
export function quotaRealism(input: DiagnosticsInput, plan: Plan): Finding[] {
  const { config } = input;
  const statements = planStatements(input, plan);
  if (statements.length === 0) return [];
  const maxZero = exact(config.quotaRealism.maxZeroShare);
  const low = exact(config.quotaRealism.medianLow);
  const high = exact(config.quotaRealism.medianHigh);
  const findings: Finding[] = [];
  for (const measure of plan.measures) {
    if (measure.metric === 'mbo') continue;
    const rows = personYearAttainments(statements, measure.id);
    if (rows.length === 0) continue;
    const values = rows.map((r) => r.attainment);
    const n = BigInt(rows.length);
    const zero = rows.filter((r) => r.attainment.sign() <= 0);
    const zeroShare = Rational.of(BigInt(zero.length), n);
    const atOrAbove = Rational.of(BigInt(rows.filter((r) => r.attainment.ge(ONE)).length), n);
    const mid = median(values) ?? ONE;
    const zeroHigh = zeroShare.gt(maxZero);
    const medianOut = mid.lt(low) ? 'low' : mid.gt(high) ? 'high' : undefined;
    if (!zeroHigh && medianOut === undefined) continue;
    const parts: string[] = [];
    if (zeroHigh) parts.push(`${zero.length} of ${plural(rows.length, 'person', 'people')} (${pct(zeroShare)}) are at zero, more than ${pct(maxZero, 0)}`);
    if (medianOut) parts.push(`the median attainment is ${pct(mid)}, ${medianOut === 'low' ? `below ${pct(low, 0)}` : `above ${pct(high, 0)}`}`);
    const fixes: string[] = [];
    if (medianOut === 'low') fixes.push(`lower ${measure.id} quotas toward what the median person delivered (about ${pct(mid, 0)} of today's targets)`);
    if (medianOut === 'high') fixes.push(`raise ${measure.id} quotas toward what the median person delivered (about ${pct(mid, 0)} of today's targets), or budget for the cost`);
    if (zeroHigh) fixes.push(`check the people at zero (${zero.slice(0, 5).map((r) => r.person.id).join(', ')}${zero.length > 5 ? ', …' : ''}): is the measure's crediting (${measure.credit}) reaching them, and do their deals pass its filter?`);
    findings.push({
      rule: 'quota-realism',
      severity: zeroHigh && medianOut ? 'high' : 'medium',
      plan: plan.id,
      measure: measure.id,
      message: `${measure.id} on ${plan.id} in ${input.year}: ${parts.join('; ')}.`,
      why: WHY,
      evidence: {
        people: rows.length,
        attainment: spread(values),
        share_at_zero: num(zeroShare),
        share_at_or_above_100: num(atOrAbove),
        at_zero: zero.map((r) => r.person.id),
        thresholds: { max_zero_share: config.quotaRealism.maxZeroShare, median_low: config.quotaRealism.medianLow, median_high: config.quotaRealism.medianHigh },
      },
      fix: `${fixes.map((f, i) => (i === 0 ? f.charAt(0).toUpperCase() + f.slice(1) : f)).join('; ')}.`,
    });
  }
  return findings;
}
