/**
 * Turns trial blocks into the `simulate --json` report: cost and its spread, payout ÷ target
 * incentive, shares below threshold and at cap, and the controllability index.
 */
import { minorUnits } from '../currency.js';
import type { SimMeasure, SimModel } from './model.js';
import type { TrialBlock } from './run.js';
import type { CurveJson, Histogram, SimulateJson, SimulatedPersonJson } from './types.js';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Quantile q of sorted values (linear interpolation between order statistics). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (pos - lo);
}

/** A histogram of `values` over [lo, hi) in `bins` equal bins (values outside go to the end bins). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(((values[i] ?? 0) - lo) / width)));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, k) => round4(lo + k * width)), counts };
}

/** The factor of a simulated measure's curve at attainment `a` (the same tier lines as run.ts). */
export function simFactor(m: SimMeasure, a: number): number {
  if (a <= 0 || a < m.threshold) return 0;
  let k = 0;
  const last = m.tierTo.length - 1;
  while (k < last && a > (m.tierTo[k] ?? Infinity)) k++;
  const f = (m.tierRate[k] ?? 0) * a + (m.retroactive ? 0 : (m.tierOffset[k] ?? 0));
  return Math.min(f, m.cap);
}

/** Squared correlation of x and y: the share of y's variance explained linearly by x. */
export function explained(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i] ?? 0;
    sy += y[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  if (cyy <= 1e-12 * Math.max(1, my * my)) return 1;
  if (cxx === 0) return 0;
  return Math.min(1, (cxy * cxy) / (cxx * cyy));
}

/** Joins blocks (in trial order) and summarises them. */
export function summarize(model: SimModel, blocks: readonly TrialBlock[], seed: number): SimulateJson {
  const sorted = [...blocks].sort((a, b) => a.from - b.from);
  const trials = sorted.reduce((n, b) => n + (b.to - b.from), 0);
  const nPeople = model.people.length;
  const cost = new Float64Array(trials);
  const bookings = new Float64Array(trials);
  const payout = new Float64Array(trials * nPeople);
  const own = new Float64Array(trials * nPeople);
  let offset = 0;
  let evaluations = 0;
  let below = 0;
  let atCap = 0;
  for (const b of sorted) {
    cost.set(b.cost, offset);
    bookings.set(b.bookings, offset);
    payout.set(b.payout, offset * nPeople);
    own.set(b.own, offset * nPeople);
    offset += b.to - b.from;
    evaluations += b.evaluations;
    below += b.belowThreshold;
    atCap += b.atCap;
  }
  const digits = minorUnits(model.currency);
  const money = (x: number) => x.toFixed(digits);
  const sortedCost = Float64Array.from(cost).sort();
  const meanCost = cost.reduce((a, b) => a + b, 0) / Math.max(1, trials);
  const meanBookings = bookings.reduce((a, b) => a + b, 0) / Math.max(1, trials);

  const tiInYear = model.people.map((p) => p.ti.reduce((a, b) => a + b, 0));
  const ratios = new Float64Array(trials * nPeople);
  for (let t = 0; t < trials; t++) for (let i = 0; i < nPeople; i++) ratios[t * nPeople + i] = (tiInYear[i] ?? 0) > 0 ? (payout[t * nPeople + i] ?? 0) / (tiInYear[i] ?? 1) : 0;
  const sortedRatios = ratios.slice().sort();

  const column = new Float64Array(trials);
  const ownColumn = new Float64Array(trials);
  const perPerson: SimulatedPersonJson[] = model.people.map((p, i) => {
    for (let t = 0; t < trials; t++) {
      column[t] = (payout[t * nPeople + i] ?? 0) * p.toOrg;
      ownColumn[t] = own[t * nPeople + i] ?? 0;
    }
    const controllability = explained(ownColumn, column);
    const sortedColumn = column.slice().sort();
    const mean = column.reduce((a, b) => a + b, 0) / Math.max(1, trials);
    return {
      person_id: p.id,
      role: p.role,
      target_incentive: money((tiInYear[i] ?? 0) * p.toOrg),
      mean_payout: money(mean),
      p10_payout: money(quantile(sortedColumn, 0.1)),
      p90_payout: money(quantile(sortedColumn, 0.9)),
      controllability: round4(controllability),
    };
  });
  const ses = perPerson.filter((_, i) => model.people[i]?.se);
  const indexOver = ses.length > 0 ? ses : perPerson;
  const controllabilityIndex = indexOver.reduce((a, p) => a + p.controllability, 0) / Math.max(1, indexOver.length);

  const ratioTop = Math.max(2.5, Math.ceil(quantile(sortedRatios, 0.99) * 10) / 10);
  const curves: CurveJson[] = model.measures.map((m) => ({
    id: m.id,
    name: m.name,
    metric: m.metric,
    credit: m.credit,
    weight: m.weight,
    points: Array.from({ length: 51 }, (_, k) => ({ attainment: round4(k * 0.05), factor: round4(simFactor(m, k * 0.05)) })),
  }));

  return {
    plan: model.plan,
    trials,
    seed,
    year: model.year,
    currency: model.currency,
    people: nPeople,
    target_incentive: money(model.people.reduce((a, p, i) => a + (tiInYear[i] ?? 0) * p.toOrg, 0)),
    cost: {
      mean: money(meanCost),
      p10: money(quantile(sortedCost, 0.1)),
      p50: money(quantile(sortedCost, 0.5)),
      p90: money(quantile(sortedCost, 0.9)),
    },
    cost_share_of_bookings: meanBookings > 0 ? round4(meanCost / meanBookings) : 0,
    payout_to_ti: {
      p10: round4(quantile(sortedRatios, 0.1)),
      p50: round4(quantile(sortedRatios, 0.5)),
      p90: round4(quantile(sortedRatios, 0.9)),
    },
    share_below_threshold: evaluations === 0 ? 0 : round4(below / evaluations),
    share_at_cap: evaluations === 0 ? 0 : round4(atCap / evaluations),
    controllability_index: round4(controllabilityIndex),
    histograms: {
      cost: histogram(cost, sortedCost[0] ?? 0, (sortedCost[trials - 1] ?? 0) + 1e-9, 24),
      payout_to_ti: histogram(ratios, 0, ratioTop, Math.round(ratioTop * 10)),
    },
    measures: curves,
    per_person: perPerson,
  };
}
