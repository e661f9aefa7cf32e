/**
 * Plan diagnostics: the essay's principles as explained, configurable checks over a plan and the
 * org's own data. Each rule lives in its own module and returns findings with the numbers it used.
 */
import type { Engine } from '../calculate.js';
import type { Org, Plan } from '../model.js';
import type { Statement } from '../statement.js';

export type Severity = 'high' | 'medium' | 'low' | 'info';

export type RuleId = 'pay-mix' | 'noise' | 'controllability' | 'short-term-pressure' | 'parity' | 'curve-sanity' | 'quota-realism';

/** JSON-safe evidence: shares and ratios as numbers (0–1, 4 decimals), money as decimal strings. */
export type EvidenceValue = string | number | boolean | null | readonly EvidenceValue[] | { readonly [key: string]: EvidenceValue };

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The plan the finding is about; null for org-wide programs (a SPIF, a recognition program). */
  readonly plan: string | null;
  readonly measure?: string;
  /** What was found, with the key numbers, in one or two sentences. */
  readonly message: string;
  /** Why it matters: one sentence tied to the principle it protects. */
  readonly why: string;
  /** The numbers the rule used. */
  readonly evidence: { readonly [key: string]: EvidenceValue };
  /** A concrete change that would clear the finding. */
  readonly fix: string;
}

/** Thresholds, from org.yaml `diagnostics:` (every key optional; defaults in DEFAULT_DIAGNOSTICS). */
export interface DiagnosticsConfig {
  /** Roles treated as Sales Engineers; default: every role starting with "SE". */
  readonly seRoles: readonly string[] | undefined;
  /** Roles treated as their sales peers for parity; default: every role starting with "AE". */
  readonly aeRoles: readonly string[] | undefined;
  readonly payMix: { readonly min: number; readonly max: number; readonly byLevel: Readonly<Record<string, { readonly min: number; readonly max: number }>> };
  readonly noise: { readonly minDealShareOfBase: number; readonly minTenPointsShareOfBase: number };
  readonly controllability: { readonly maxOutsideShare: number };
  readonly shortTermPressure: { readonly steepRate: number };
  readonly parity: { readonly maxRateGap: number };
  readonly curveSanity: { readonly capBindsShare: number };
  readonly quotaRealism: { readonly maxZeroShare: number; readonly medianLow: number; readonly medianHigh: number };
}

/** Documented defaults (docs/diagnostics.md). */
export const DEFAULT_DIAGNOSTICS: DiagnosticsConfig = {
  seRoles: undefined,
  aeRoles: undefined,
  // The essay and thesalesengineer.com: SE variable is 15–30% of OTE.
  payMix: { min: 0.15, max: 0.3, byLevel: {} },
  // A median-size deal worth under 1% of base, or +10 points of attainment under 2%, is noise.
  noise: { minDealShareOfBase: 0.01, minTenPointsShareOfBase: 0.02 },
  // Flag a plan when more than half of its variable rides on deals the SE was not on.
  controllability: { maxOutsideShare: 0.5 },
  // A tier rate of 2× or more on bookings alone is steep.
  shortTermPressure: { steepRate: 2 },
  // SEs qualifying for recognition at a rate 10 points below AEs.
  parity: { maxRateGap: 0.1 },
  // A cap that binds on more than 20% of statements.
  curveSanity: { capBindsShare: 0.2 },
  // More than 20% of people at zero, or a median attainment outside 70%–130%.
  quotaRealism: { maxZeroShare: 0.2, medianLow: 0.7, medianHigh: 1.3 },
};

/** What every rule sees: the org, its engine, every statement of the analysed fiscal year. */
export interface DiagnosticsInput {
  readonly org: Org;
  readonly engine: Engine;
  /** Statements of `year` (all plans). */
  readonly statements: readonly Statement[];
  /** The fiscal year analysed. */
  readonly year: number;
  readonly config: DiagnosticsConfig;
}

/** A rule: findings about one plan (org-wide rules return them for the plan they concern or null). */
export type Rule = (input: DiagnosticsInput, plan: Plan) => Finding[];
