/**
 * Short-term pressure: a plan that pulls SEs toward closing this quarter over the customer's
 * success. Four signals, each read from the plan itself:
 *
 * - all variable on bookings (the bookings measures' weights sum to 1);
 * - a steep accelerator on bookings (a tier rate ≥ `short_term_pressure.steep_rate`, default 2);
 * - no customer-outcome measure (no mbo measure);
 * - no clawback (a churned deal keeps its credit).
 */
import type { Plan } from '../model.js';
import { formatRatio, ONE, ZERO } from '../rational.js';
import { exact, isSePlan, listText, num } from './common.js';
import type { DiagnosticsInput, Finding } from './types.js';

const WHY =
  'SE pay should reflect their influence without pulling them toward short-term close pressure over long-term customer success (the essay).';

/**
 * Flags an SE plan by the number of signals present: 3–4 high, 2 medium, 1 low.
 */
export function shortTermPressure(input: DiagnosticsInput, plan: Plan): Finding[] {
  if (!isSePlan(input, plan)) return [];
  const steepRate = exact(input.config.shortTermPressure.steepRate);
  const bookings = plan.measures.filter((m) => m.metric === 'bookings');
  const bookingsWeight = bookings.reduce((a, m) => a.add(m.weight), ZERO);
  const steep = bookings.flatMap((m) => m.tiers.filter((t) => t.rate.ge(steepRate)).map((t) => ({ measure: m, rate: t.rate, capped: m.cap !== undefined })));
  const outcomes = plan.measures.filter((m) => m.metric === 'mbo');
  const signals: string[] = [];
  const fixes: string[] = [];
  if (bookingsWeight.eq(ONE)) {
    signals.push('all of the variable is on bookings');
    fixes.push('move 10–30% of the weight to technical wins or a customer-outcome measure');
  }
  if (steep.length > 0) {
    signals.push(`a steep accelerator on bookings (${listText(steep.map((s) => `${s.measure.id} rate ${formatRatio(s.rate)}${s.capped ? '' : ', uncapped'}`))})`);
    fixes.push(`bring the top bookings rate below ${formatRatio(steepRate)} (e.g. 1.5, as in a 70/30 pod plan)`);
  }
  if (outcomes.length === 0) {
    signals.push('no customer-outcome measure');
    fixes.push('add an mbo measure scored on customer outcomes (adoption, health of won accounts), e.g. weight 0.1');
  }
  if (plan.clawbackDays === undefined) {
    signals.push('no clawback');
    fixes.push('add `clawback: { within_days: 90 }` so a deal that churns soon after closing gives its credit back');
  }
  if (signals.length === 0) return [];
  return [
    {
      rule: 'short-term-pressure',
      severity: signals.length >= 3 ? 'high' : signals.length === 2 ? 'medium' : 'low',
      plan: plan.id,
      message: `${plan.id} has ${signals.length} of the 4 short-term-pressure signals: ${signals.join('; ')}.`,
      why: WHY,
      evidence: {
        signals: signals.length,
        bookings_weight: num(bookingsWeight),
        all_variable_on_bookings: bookingsWeight.eq(ONE),
        steep_rate: input.config.shortTermPressure.steepRate,
        steep_tiers: steep.map((s) => ({ measure: s.measure.id, rate: num(s.rate), capped: s.capped })),
        customer_outcome_measures: outcomes.map((m) => m.id),
        clawback_days: plan.clawbackDays ?? null,
      },
      fix: `${fixes.map((f, i) => (i === 0 ? f.charAt(0).toUpperCase() + f.slice(1) : f)).join('; ')}.`,
    },
  ];
}
