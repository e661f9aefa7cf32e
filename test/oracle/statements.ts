import { activeDaysIn, type Assignment } from './assignments.js';
import type { Credit } from './credits.js';
import type { Day } from './dates.js';
import { factor } from './factor.js';
import { roundMoney } from './format.js';
import type { Measure, Org } from './model.js';
import { MONTHS_IN, periodDays, type Period } from './periods.js';
import { quotaFor, scoreFor } from './quotas.js';
import { Rational } from './rational.js';

/** One measure's exact numbers on one statement (cumulative for ytd). */
export interface MeasureLine {
  readonly measure: Measure;
  readonly credited: Rational;
  readonly quota: Rational;
  readonly attainment: Rational;
  readonly factor: Rational;
  /** Rounded money line (≥ 0). */
  readonly payout: Rational;
  /** ytd only: the negative line not paid (0 when none). */
  readonly balance: Rational | undefined;
}

/** Works out measure lines; remembers the payouts of earlier periods for ytd true-ups. */
export class LineCalculator {
  private readonly paid = new Map<string, Rational>();

  constructor(
    private readonly org: Org,
    private readonly credits: readonly Credit[],
  ) {}

  /** TI_p = target_incentive × L × active_days / period_days (L = months / 12). */
  targetIncentive(a: Assignment, p: Period): Rational {
    const ti = a.person.targetIncentive;
    if (ti === undefined) throw new Error(`${a.person.id} has no target_incentive`);
    return ti
      .mul(Rational.of(MONTHS_IN[p.kind], 12))
      .mul(Rational.of(activeDaysIn(a, p), periodDays(p)));
  }

  private round(a: Assignment, x: Rational): Rational {
    return roundMoney(x, a.person.currency, this.org.rounding);
  }

  private creditedBetween(a: Assignment, measure: Measure, from: Day, to: Day): Rational {
    return Rational.sum(
      this.credits
        .filter((c) => c.personId === a.person.id && c.plan === a.plan && c.measureId === measure.id && from <= c.date && c.date <= to)
        .map((c) => c.value),
    );
  }

  line(a: Assignment, measure: Measure, p: Period): MeasureLine {
    if (measure.metric === 'mbo') return this.mboLine(a, measure, p);
    return measure.ytd ? this.ytdLine(a, measure, p) : this.periodLine(a, measure, p);
  }

  private mboLine(a: Assignment, measure: Measure, p: Period): MeasureLine {
    const score = scoreFor(this.org, a, measure, p);
    const f = factor(measure, score);
    const payout = this.round(a, this.targetIncentive(a, p).mul(measure.weight).mul(f));
    return { measure, credited: score, quota: Rational.ONE, attainment: score, factor: f, payout, balance: undefined };
  }

  private periodLine(a: Assignment, measure: Measure, p: Period): MeasureLine {
    const credited = this.creditedBetween(a, measure, p.start, p.end);
    const quota = quotaFor(this.org, a, measure, p);
    const attainment = credited.div(quota);
    const f = factor(measure, attainment);
    const payout = this.round(a, this.targetIncentive(a, p).mul(measure.weight).mul(f));
    return { measure, credited, quota, attainment, factor: f, payout, balance: undefined };
  }

  /** The payout periods of the ytd window, in order, ending with `p`. */
  ytdWindow(a: Assignment, p: Period): Period[] {
    const cal = this.org.calendar;
    const fyStart = cal.fiscalYearStart(cal.fiscalYearOf(p.start));
    const ytdStart = Math.max(fyStart, a.plan.from, a.person.hireDate ?? -Infinity);
    const windowStart = cal.containing(p.kind, ytdStart).start;
    return cal.periodsBetween(p.kind, windowStart, p.end);
  }

  private ytdLine(a: Assignment, measure: Measure, p: Period): MeasureLine {
    const window = this.ytdWindow(a, p);
    const windowStart = window[0]?.start ?? p.start;
    const withActiveDays = window.filter((q) => activeDaysIn(a, q) > 0);
    const tiCum = Rational.sum(withActiveDays.map((q) => this.targetIncentive(a, q)));
    const quotaCum = Rational.sum(withActiveDays.map((q) => quotaFor(this.org, a, measure, q)));
    const creditCum = this.creditedBetween(a, measure, windowStart, p.end);
    const attainment = creditCum.div(quotaCum);
    const f = factor(measure, attainment);
    const earlier = Rational.sum(withActiveDays.filter((q) => q.start < p.start).map((q) => this.ytdPaid(a, measure, q)));
    const line = this.round(a, tiCum.mul(measure.weight).mul(f)).sub(earlier);
    return {
      measure,
      credited: creditCum,
      quota: quotaCum,
      attainment,
      factor: f,
      payout: line.max(Rational.ZERO),
      balance: line.min(Rational.ZERO),
    };
  }

  private ytdPaid(a: Assignment, measure: Measure, q: Period): Rational {
    const key = `${a.person.id}|${a.plan.file}|${measure.id}|${q.label}`;
    let paid = this.paid.get(key);
    if (paid === undefined) {
      paid = this.ytdLine(a, measure, q).payout;
      this.paid.set(key, paid);
    }
    return paid;
  }
}
