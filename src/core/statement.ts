import type { CreditLine, CreditSeries } from './crediting.js';
import type { FactorWorking } from './curve.js';
import type { DayRange } from './dates.js';
import type { Adjustment, Deal, MboRow, Measure, Person, Plan, Spiff } from './model.js';
import type { Period } from './periods.js';
import type { RampSegment, TargetSource } from './quota.js';
import type { Rational } from './rational.js';

/** A person's time on a plan: the active days from the later of hire and plan start to the earlier of end and plan end. */
export interface Membership {
  readonly person: Person;
  readonly plan: Plan;
  readonly active: DayRange;
}

/** A slice [lo, hi) of a credit series: the credit lines a measure counted. */
export interface CreditWindow {
  readonly series: CreditSeries;
  readonly lo: number;
  readonly hi: number;
}

/** One payout period's quota, with how it was derived. */
export interface PeriodQuota {
  readonly period: Period;
  readonly active: DayRange;
  readonly source: TargetSource;
  readonly ramp: readonly RampSegment[];
  /** Σ ramp fraction over the active days (= active days without a ramp). */
  readonly weightedDays: Rational;
  readonly periodDays: number;
  /** `target × weightedDays / periodDays`. */
  readonly quota: Rational;
}

/** One payout period's prorated target incentive. */
export interface PeriodTi {
  readonly period: Period;
  readonly activeDays: number;
  readonly periodDays: number;
  readonly ti: Rational;
}

interface MeasureBase {
  readonly measure: Measure;
  /** Credited value (deal-based: cumulative for ytd) or the mbo score. */
  readonly credited: Rational;
  /** Quota (cumulative for ytd); 1 for mbo. */
  readonly quota: Rational;
  readonly attainment: Rational;
  readonly working: FactorWorking;
  /** TI the line is computed on: TI_p, or Σ TI_p over the ytd window. */
  readonly ti: Rational;
  /** `ti × weight × factor`, exact. */
  readonly exact: Rational;
  /** `exact` rounded to minor units. */
  readonly rounded: bigint;
  /** The paid line in minor units (≥ 0 for ytd). */
  readonly payout: bigint;
}

export interface PeriodMeasureResult extends MeasureBase {
  readonly kind: 'period';
  readonly credits: readonly CreditWindow[];
  readonly quotaWorking: PeriodQuota;
}

export interface YtdMeasureResult extends MeasureBase {
  readonly kind: 'ytd';
  readonly window: DayRange;
  readonly credits: readonly CreditWindow[];
  readonly quotas: readonly PeriodQuota[];
  readonly tis: readonly PeriodTi[];
  /** Rounded lines this measure paid in earlier payout periods of the window. */
  readonly paidBefore: bigint;
  /** `rounded − paidBefore` when negative, else 0 (minor units, ≤ 0). */
  readonly balance: bigint;
}

export interface MboMeasureResult extends MeasureBase {
  readonly kind: 'mbo';
  readonly score: MboRow;
}

export type MeasureResult = PeriodMeasureResult | YtdMeasureResult | MboMeasureResult;

export interface SpiffLine {
  readonly spiff: Spiff;
  readonly deal: Deal;
  /** The award before rounding, in the person's currency. */
  readonly exact: Rational;
  readonly payout: bigint;
  readonly fx: CreditLine['fx'];
}

export interface AdjustmentLine {
  readonly adjustment: Adjustment;
  readonly payout: bigint;
}

/** One person's statement for one plan and payout period. Money in minor units of `currency`. */
export interface Statement {
  readonly person: Person;
  readonly plan: Plan;
  readonly period: Period;
  readonly currency: string;
  readonly minorDigits: number;
  /** The person's active days on the plan inside the period. */
  readonly active: DayRange;
  readonly ti: PeriodTi;
  readonly measures: readonly MeasureResult[];
  readonly spiffs: readonly SpiffLine[];
  readonly adjustments: readonly AdjustmentLine[];
  readonly total: bigint;
}

/** Statement order: person id, period start, plan id, plan version start. */
export function compareStatements(a: Statement, b: Statement): number {
  if (a.person.id !== b.person.id) return a.person.id < b.person.id ? -1 : 1;
  if (a.period.from !== b.period.from) return a.period.from - b.period.from;
  if (a.plan.id !== b.plan.id) return a.plan.id < b.plan.id ? -1 : 1;
  if (a.plan.effective.from !== b.plan.effective.from) return a.plan.effective.from - b.plan.effective.from;
  return a.period.to - b.period.to;
}
