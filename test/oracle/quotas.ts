import type { Assignment } from './assignments.js';
import { addMonths, type Day } from './dates.js';
import type { Measure, MeasureRef, Org, Plan } from './model.js';
import { MONTHS_IN, periodContains, periodDays, type Period } from './periods.js';
import { Rational } from './rational.js';

function refApplies(ref: MeasureRef, plan: Plan, measure: Measure): boolean {
  return ref.measureId === measure.id && (ref.planId === undefined || ref.planId === plan.id);
}

/** A row for the payout period itself or a longer period containing it (shorter rows do not apply). */
function rowCovers(rowPeriod: Period, payout: Period): boolean {
  return periodContains(rowPeriod, payout) && MONTHS_IN[rowPeriod.kind] >= MONTHS_IN[payout.kind];
}

function exactlyOne<T>(rows: readonly T[], what: string): T {
  const [first, second] = rows;
  if (first === undefined) throw new Error(`missing ${what}`);
  if (second !== undefined) throw new Error(`overlapping rows for ${what}`);
  return first;
}

/** The target for one payout period: the covering row's target divided evenly over its payout periods. */
export function targetFor(org: Org, a: Assignment, measure: Measure, payout: Period): Rational {
  const what = `quotas.csv:1:target (${a.person.id}, ${measure.id}, ${payout.label})`;
  const personal = org.quotas.filter((q) => q.personId === a.person.id && q.measureId === measure.id);
  const candidates =
    personal.length > 0
      ? personal
      : org.quotas.filter((q) => q.personId === '' && a.person.team !== '' && q.team === a.person.team && q.measureId === measure.id);
  const row = exactlyOne(
    candidates.filter((q) => refApplies(q, a.plan, measure) && rowCovers(q.period, payout)),
    what,
  );
  const payoutPeriodsInRow = MONTHS_IN[row.period.kind] / MONTHS_IN[payout.kind];
  return row.target.div(Rational.of(payoutPeriodsInRow));
}

/** Month of tenure containing `day`: month k runs from hire + (k-1) months to the day before hire + k months. */
export function tenureMonth(hire: Day, day: Day): number {
  let k = 1;
  while (addMonths(hire, k) <= day) k++;
  return k;
}

export function rampOn(a: Assignment, day: Day): Rational {
  const hire = a.person.hireDate;
  if (hire === undefined) return Rational.ONE;
  return a.plan.ramp[tenureMonth(hire, day) - 1] ?? Rational.ONE;
}

/** quota = target_p × Σ_{active days d in the period} ramp(d) / period_days. */
export function quotaFor(org: Org, a: Assignment, measure: Measure, payout: Period): Rational {
  const target = targetFor(org, a, measure, payout);
  let rampSum = Rational.ZERO;
  for (let day = Math.max(a.from, payout.start); day <= Math.min(a.to, payout.end); day++) {
    rampSum = rampSum.add(rampOn(a, day));
  }
  return target.mul(rampSum).div(Rational.of(periodDays(payout)));
}

/** An mbo score: the row for the payout period or a longer period containing it. */
export function scoreFor(org: Org, a: Assignment, measure: Measure, payout: Period): Rational {
  const rows = org.mbo.filter((r) => r.personId === a.person.id && refApplies(r, a.plan, measure) && rowCovers(r.period, payout));
  return exactlyOne(rows, `mbo.csv:1:score (${a.person.id}, ${measure.id}, ${payout.label})`).score;
}
