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

/**
 * Quantile q of `values` (linear interpolation between order statistics, as `quantile` on the sorted
 * values) by selection in O(n); `values` is reordered.
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const a = select(values, lo);
  if (lo + 1 >= n || pos === lo) return a;
  // The next order statistic is the minimum of what lies above position lo after selection.
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if ((values[i] ?? Infinity) < b) b = values[i] ?? Infinity;
  return a + (b - a) * (pos - lo);
}

/** Hoare's selection: afterwards values[k] is the k-th smallest, smaller ones before, larger after. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const pivot = values[(left + right) >>> 1] ?? 0;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k] ?? 0;
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

/** Quantiles of payout ÷ TI come from a histogram with bins this wide over [0, RATIO_MAX). */
const RATIO_BIN = 0.0001;
const RATIO_MAX = 20;

/** Joins blocks (in trial order) and summarises them. */
export function summarize(model: SimModel, blocks: readonly TrialBlock[], seed: number): SimulateJson {
  const sorted = [...blocks].sort((a, b) => a.from - b.from);
  const trials = sorted.reduce((n, b) => n + (b.to - b.from), 0);
  const nPeople = model.people.length;
  const cost = new Float64Array(trials);
  const bookings = new Float64Array(trials);
  let offset = 0;
  let evaluations = 0;
  let below = 0;
  let atCap = 0;
  for (const b of sorted) {
    cost.set(b.cost, offset);
    bookings.set(b.bookings, offset);
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
  const ratioCounts = new Uint32Array(Math.round(RATIO_MAX / RATIO_BIN) + 1);
  const column = new Float64Array(trials);
  const ownColumn = new Float64Array(trials);
  const perPerson: SimulatedPersonJson[] = model.people.map((p, i) => {
    let at = 0;
    for (const b of sorted) {
      const n = b.to - b.from;
      column.set(b.payout.subarray(i * n, (i + 1) * n), at);
      ownColumn.set(b.own.subarray(i * n, (i + 1) * n), at);
      at += n;
    }
    const ti = tiInYear[i] ?? 0;
    let sum = 0;
    // The bin of payout ÷ TI: x ÷ (TI × bin width), truncated (payouts are never negative; the
    // last bin takes everything from RATIO_MAX up).
    const perBin = ti > 0 ? 1 / (ti * RATIO_BIN) : 0;
    const lastBin = ratioCounts.length - 1;
    for (let t = 0; t < trials; t++) {
      const x = column[t] ?? 0;
      sum += x;
      if (perBin > 0) {
        const b = x * perBin;
        const bin = b >= lastBin ? lastBin : b > 0 ? b | 0 : 0;
        ratioCounts[bin] = (ratioCounts[bin] ?? 0) + 1;
      }
    }
    if (p.toOrg !== 1) for (let t = 0; t < trials; t++) column[t] = (column[t] ?? 0) * p.toOrg;
    const controllability = explained(ownColumn, column);
    return {
      person_id: p.id,
      role: p.role,
      target_incentive: money(ti * p.toOrg),
      mean_payout: money((sum / Math.max(1, trials)) * p.toOrg),
      p10_payout: money(selectQuantile(column, 0.1)),
      p90_payout: money(selectQuantile(column, 0.9)),
      controllability: round4(controllability),
    };
  });
  const ses = perPerson.filter((_, i) => model.people[i]?.se);
  const indexOver = ses.length > 0 ? ses : perPerson;
  const controllabilityIndex = indexOver.reduce((a, p) => a + p.controllability, 0) / Math.max(1, indexOver.length);
  const ratioQuantile = (q: number) => binQuantile(ratioCounts, RATIO_BIN, q);

  const ratioTop = Math.max(2.5, Math.ceil(ratioQuantile(0.99) * 10) / 10);
  const curves: CurveJson[] = model.measures.map((m) => ({
    id: m.id,
    name: m.name,
    metric: m.metric,
    credit: m.credit,
    weight: m.weight,
    points: Array.from({ length: 51 }, (_, k) => ({ attainment: round4(k * 0.05), factor: round4(simFactor(m, k * 0.05)) })),
  }));
  const ratioBins = Math.round(ratioTop * 10);
  const ratioHistogram: Histogram = {
    edges: Array.from({ length: ratioBins + 1 }, (_, k) => round4(k * 0.1)),
    counts: Array.from({ length: ratioBins }, (_, k) => {
      const from = Math.round((k * 0.1) / RATIO_BIN);
      const to = k === ratioBins - 1 ? ratioCounts.length : Math.round(((k + 1) * 0.1) / RATIO_BIN);
      let n = 0;
      for (let j = from; j < to; j++) n += ratioCounts[j] ?? 0;
      return n;
    }),
  };

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
    payout_to_ti: { p10: round4(ratioQuantile(0.1)), p50: round4(ratioQuantile(0.5)), p90: round4(ratioQuantile(0.9)) },
    share_below_threshold: evaluations === 0 ? 0 : round4(below / evaluations),
    share_at_cap: evaluations === 0 ? 0 : round4(atCap / evaluations),
    controllability_index: round4(controllabilityIndex),
    histograms: {
      cost: histogram(cost, sortedCost[0] ?? 0, (sortedCost[trials - 1] ?? 0) + 1e-9, 24),
      payout_to_ti: ratioHistogram,
    },
    measures: curves,
    per_person: perPerson,
  };
}

/** Quantile q from bin counts of width `width` starting at 0 (interpolating inside the bin). */
function binQuantile(counts: Uint32Array, width: number, q: number): number {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return 0;
  const target = q * (total - 1);
  let seen = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k] ?? 0;
    if (seen + c > target) return (k + (c === 0 ? 0 : (target - seen + 0.5) / c)) * width;
    seen += c;
  }
  return counts.length * width;
}
