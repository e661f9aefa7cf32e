import type { Day } from './dates.js';
import type { RoundingMode } from './format.js';
import type { FiscalCalendar, Period, PeriodKind } from './periods.js';
import type { Rational } from './rational.js';

/** The parsed org folder: only what the calculation needs. */
export interface Org {
  readonly name: string;
  readonly currency: string;
  readonly rounding: RoundingMode;
  readonly calendar: FiscalCalendar;
  readonly people: readonly Person[];
  readonly deals: readonly Deal[];
  /** Lower-cased column names present in deals.csv (after `columns:` renames). */
  readonly dealColumns: ReadonlySet<string>;
  readonly team: readonly TeamMember[];
  readonly quotas: readonly QuotaRow[];
  readonly mbo: readonly MboRow[];
  /** Sorted by file name. */
  readonly plans: readonly Plan[];
  readonly spiffs: readonly Spiff[];
  readonly adjustments: readonly Adjustment[];
  readonly fx: readonly FxRow[];
}

export interface Person {
  readonly id: string;
  readonly role: string;
  readonly team: string;
  readonly territory: string;
  readonly hireDate: Day | undefined;
  readonly endDate: Day | undefined;
  /** Resolved: a blank people.csv currency is the org currency. */
  readonly currency: string;
  readonly targetIncentive: Rational | undefined;
  readonly plan: string;
}

export interface Deal {
  readonly id: string;
  readonly ownerId: string;
  readonly amount: Rational;
  /** Resolved: a blank deals.csv currency is the org currency. */
  readonly currency: string;
  readonly closeDate: Day | undefined;
  readonly technicalWin: boolean;
  readonly technicalWinDate: Day | undefined;
  readonly churnDate: Day | undefined;
  readonly territory: string;
  /** Every column of the row, trimmed, by lower-cased canonical column name (for filters). */
  readonly values: Readonly<Record<string, string>>;
}

export interface TeamMember {
  readonly dealId: string;
  readonly personId: string;
  readonly split: Rational | undefined;
  readonly hours: Rational;
}

/** A quota or mbo row's `measure`: a bare id, or `plan_id/measure_id`. */
export interface MeasureRef {
  readonly planId: string | undefined;
  readonly measureId: string;
}

export interface QuotaRow extends MeasureRef {
  readonly personId: string;
  readonly team: string;
  readonly period: Period;
  readonly target: Rational;
}

export interface MboRow extends MeasureRef {
  readonly personId: string;
  readonly period: Period;
  readonly score: Rational;
}

export type Metric = 'bookings' | 'technical_wins' | 'deals_supported' | 'mbo';
export type CreditRule = 'owner' | 'overlay' | 'split' | 'activity' | 'pod' | 'territory';

/** A `deals:` filter: every entry must match; an entry matches when any of its values does. */
export type DealFilter = readonly { readonly column: string; readonly values: readonly string[] }[];

export interface Tier {
  readonly to: Rational | undefined;
  readonly rate: Rational;
}

export interface Measure {
  readonly id: string;
  readonly weight: Rational;
  readonly metric: Metric;
  readonly filter: DealFilter;
  readonly credit: CreditRule | undefined;
  readonly ytd: boolean;
  readonly threshold: Rational;
  readonly mode: 'marginal' | 'retroactive';
  readonly tiers: readonly Tier[];
  readonly cap: Rational | undefined;
}

export interface Plan {
  readonly file: string;
  readonly id: string;
  /** undefined: no `applies_to` (nobody joins by role). */
  readonly roles: readonly string[] | undefined;
  readonly from: Day;
  readonly to: Day;
  readonly payoutPeriod: PeriodKind;
  readonly measures: readonly Measure[];
  readonly clawbackWithinDays: number | undefined;
  readonly ramp: readonly Rational[];
}

export interface Spiff {
  readonly id: string;
  readonly period: Period;
  readonly roles: readonly string[] | undefined;
  readonly filter: DealFilter;
  readonly perDeal: Rational | undefined;
  readonly percentOfAmount: Rational | undefined;
}

export interface Adjustment {
  readonly personId: string;
  readonly period: Period;
  readonly amount: Rational;
  readonly reason: string;
  readonly approver: string;
}

export interface FxRow {
  readonly currency: string;
  readonly period: Period;
  readonly rate: Rational;
}
