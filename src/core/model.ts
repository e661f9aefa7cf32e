/**
 * The validated domain model of an org folder. `io` builds it from files; `core` computes from it.
 * Every row keeps its source line so later checks can report `FILE:LINE:COLUMN`.
 */
import type { Day, DayRange } from './dates.js';
import type { DealTeamTable } from './deal-team.js';
import type { DiagnosticsConfig } from './diagnostics/types.js';
import type { FiscalCalendar, Period, PeriodKind } from './periods.js';
import type { Rational, RoundingMode } from './rational.js';

export interface OrgSettings {
  readonly name: string;
  /** ISO 4217 code of the org currency; fx.csv rates convert to it. */
  readonly currency: string;
  readonly calendar: FiscalCalendar;
  readonly rounding: RoundingMode;
  /** Plan-diagnostics thresholds (org.yaml `diagnostics:`, defaults filled in). */
  readonly diagnostics: DiagnosticsConfig;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly level: string;
  readonly track: string;
  readonly managerId: string;
  /** Pod: AEs and SEs aligned together. Blank matches nothing. */
  readonly team: string;
  /** One territory key. Blank matches nothing. */
  readonly territory: string;
  readonly hireDate: Day | undefined;
  /** When the person reached their current level (people.csv `level_since`). */
  readonly levelSince: Day | undefined;
  readonly endDate: Day | undefined;
  readonly location: string;
  /** Resolved currency (blank in the file = org currency). */
  readonly currency: string;
  readonly baseSalary: Rational | undefined;
  /** Annual, in the person's currency. */
  readonly targetIncentive: Rational | undefined;
  /** Plan id from people.csv, '' when blank (then plans match by role). */
  readonly plan: string;
  /** people.csv `attr_*` columns (e.g. `attr_gender`), for pay-equity analysis: admins only. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly line: number;
}

export interface Deal {
  readonly id: string;
  readonly ownerId: string;
  /** In the deal's currency. */
  readonly amount: Rational;
  /** Resolved currency (blank = org currency). */
  readonly currency: string;
  readonly stage: string;
  readonly closeDate: Day | undefined;
  readonly territory: string;
  readonly technicalWin: boolean;
  readonly technicalWinDate: Day | undefined;
  readonly churnDate: Day | undefined;
  /** Raw trimmed values of the columns that filters use, aligned with `Org.filterColumns`. */
  readonly filterValues: readonly string[];
  readonly line: number;
}

export interface DealTeamMember {
  readonly dealId: string;
  readonly personId: string;
  readonly role: string;
  /** undefined when blank: shares equally what the given splits leave. */
  readonly split: Rational | undefined;
  /** Blank counts as 0. */
  readonly hours: Rational;
  readonly line: number;
}

export interface QuotaRow {
  /** '' for a team row. */
  readonly personId: string;
  readonly team: string;
  /** Set when the row's measure is `plan_id/measure_id`. */
  readonly planId: string | undefined;
  readonly measureId: string;
  readonly period: Period;
  readonly target: Rational;
  readonly line: number;
}

export interface MboRow {
  readonly personId: string;
  readonly planId: string | undefined;
  readonly measureId: string;
  readonly period: Period;
  readonly score: Rational;
  readonly line: number;
}

export interface FxRate {
  readonly currency: string;
  readonly period: Period;
  readonly rate: Rational;
  readonly line: number;
}

export interface Adjustment {
  readonly personId: string;
  readonly period: Period;
  /** In the person's currency. */
  readonly amount: Rational;
  readonly reason: string;
  readonly approver: string;
  readonly line: number;
}

export type Metric = 'bookings' | 'technical_wins' | 'deals_supported' | 'mbo';
export type CreditRule = 'owner' | 'overlay' | 'split' | 'activity' | 'pod' | 'territory';

/** One `deals:` filter condition: the column's value must equal one of `values`. */
export interface FilterCondition {
  readonly column: string;
  /** Index of the column in `Org.filterColumns`. */
  readonly columnIndex: number;
  readonly values: readonly string[];
  /** YAML `true`/`false`: matched case-insensitively. */
  readonly boolean: boolean;
}

export interface Tier {
  /** Upper bound (inclusive); undefined for the open-ended last tier. */
  readonly to: Rational | undefined;
  readonly rate: Rational;
}

export interface Measure {
  readonly id: string;
  readonly name: string;
  readonly weight: Rational;
  readonly metric: Metric;
  readonly filter: readonly FilterCondition[];
  readonly credit: CreditRule;
  readonly measurement: 'period' | 'ytd';
  readonly threshold: Rational;
  readonly mode: 'marginal' | 'retroactive';
  readonly tiers: readonly Tier[];
  readonly cap: Rational | undefined;
  /** 1-based line of the measure in its plan file. */
  readonly line: number;
}

export interface Plan {
  readonly id: string;
  readonly name: string;
  /** Path of the plan file relative to the org folder. */
  readonly file: string;
  /** Short content hash of the plan file: with the file and range, the plan version. */
  readonly hash: string;
  readonly roles: readonly string[] | undefined;
  readonly effective: DayRange;
  readonly payoutPeriod: PeriodKind;
  readonly measures: readonly Measure[];
  readonly clawbackDays: number | undefined;
  /** Quota fraction in a new hire's 1st, 2nd, … month. */
  readonly ramp: readonly Rational[];
}

export type SpiffAward = { readonly kind: 'per_deal'; readonly amount: Rational } | { readonly kind: 'percent_of_amount'; readonly rate: Rational };

export interface Spiff {
  readonly id: string;
  readonly name: string;
  readonly period: Period;
  readonly roles: readonly string[] | undefined;
  readonly filter: readonly FilterCondition[];
  readonly award: SpiffAward;
  readonly line: number;
}

export interface RecognitionCriterion {
  readonly roles: readonly string[];
  readonly measureId: string;
  readonly attainmentAtLeast: Rational;
}

export interface RecognitionProgram {
  readonly id: string;
  readonly name: string;
  readonly year: number;
  readonly criteria: readonly RecognitionCriterion[];
  readonly seats: number | undefined;
}

/** A validated org folder. */
export interface Org {
  readonly settings: OrgSettings;
  readonly people: readonly Person[];
  readonly deals: readonly Deal[];
  readonly dealTeam: DealTeamTable;
  readonly quotas: readonly QuotaRow[];
  readonly plans: readonly Plan[];
  readonly spiffs: readonly Spiff[];
  readonly recognition: readonly RecognitionProgram[];
  readonly mbo: readonly MboRow[];
  readonly adjustments: readonly Adjustment[];
  readonly fx: readonly FxRate[];
  /** The deals.csv columns that filters reference, in a fixed order. */
  readonly filterColumns: readonly string[];
}

/** A problem found in input, located in a file. Errors stop a run; warnings do not. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  /** CSV header name, YAML key path, or a numeric column for YAML syntax errors. */
  readonly column: string;
  readonly message: string;
  /** The person a calculation problem is about, when there is one. */
  readonly subject?: string;
}
