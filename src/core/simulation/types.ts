/**
 * The public JSON shapes of `tandem simulate --json` and `tandem compare --json` (documented in
 * docs/simulation.md). Money is a decimal string in the org currency; shares and ratios are numbers
 * (0–1 for shares), rounded to 4 decimals.
 */
import type { DiagnoseJson } from '../diagnostics/report.js';

/** A histogram: `counts[i]` values fell in [edges[i], edges[i + 1]). */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** A measure's payout curve sampled for charts: factor at attainment 0 … 2.5. */
export interface CurveJson {
  readonly id: string;
  readonly name: string;
  readonly metric: string;
  readonly credit: string | null;
  readonly weight: number;
  readonly points: readonly { readonly attainment: number; readonly factor: number }[];
}

export interface SimulatedPersonJson {
  readonly person_id: string;
  readonly role: string;
  /** Annual target incentive in the org currency. */
  readonly target_incentive: string;
  readonly mean_payout: string;
  readonly p10_payout: string;
  readonly p90_payout: string;
  /** Share of the variance of this person's payout explained by their own deals (0–1). */
  readonly controllability: number;
}

export interface SimulateJson {
  readonly plan: string;
  readonly trials: number;
  readonly seed: number;
  readonly year: number;
  readonly currency: string;
  /** Payees simulated (people on the plan). */
  readonly people: number;
  /** Their annual target incentive, in total. */
  readonly target_incentive: string;
  readonly cost: { readonly mean: string; readonly p10: string; readonly p50: string; readonly p90: string };
  readonly cost_share_of_bookings: number;
  readonly payout_to_ti: { readonly p10: number; readonly p50: number; readonly p90: number };
  /** Share of person-periods whose attainment fell below a measure's threshold. */
  readonly share_below_threshold: number;
  /** Share of person-periods where a cap bound. */
  readonly share_at_cap: number;
  /** Mean over people of the share of payout variance explained by their own deals (0–1). */
  readonly controllability_index: number;
  readonly histograms: { readonly cost: Histogram; readonly payout_to_ti: Histogram };
  readonly measures: readonly CurveJson[];
  readonly per_person: readonly SimulatedPersonJson[];
}

export interface CompareJson {
  readonly a: SimulateJson;
  readonly b: SimulateJson;
  /** Everyone on either plan: mean simulated payout under each, and the change from A to B
   * (b_mean − a_mean exactly, as printed). */
  readonly per_person: readonly { readonly person_id: string; readonly role: string; readonly a_mean: string; readonly b_mean: string; readonly delta: string }[];
  /** People on either plan whom one of the plans cannot pay (e.g. no quota for a measure), left out of both simulations. */
  readonly excluded: readonly string[];
  /** Quotas and MBO scores lent to people moved onto the other plan, as "PERSON MEASURE from PEER". */
  readonly borrowed: readonly string[];
  /** Findings of each plan that the other does not have (by rule and measure). */
  readonly diagnostics: { readonly only_a: DiagnoseJson['findings']; readonly only_b: DiagnoseJson['findings'] };
}
