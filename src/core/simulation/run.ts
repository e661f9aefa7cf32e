/**
 * Runs Monte-Carlo trials of a fitted plan model, a chunk of CHUNK trials at a time. Chunk c draws
 * from its own seeded stream (`seed`, c), and workers always receive whole chunks, so results do
 * not depend on how trials are split between threads. Inside a chunk the trials are the innermost
 * loop: each stream's or person's parameters are loaded once and applied to every trial, which
 * made the simulation several times faster than trial-by-trial.
 *
 * Per payout period: one shock per unit (pod or territory), then each stream's deals — a Poisson
 * count, and for money metrics the sum of that many deal credits drawn as one lognormal with the
 * exact mean and variance of the sum (Fenton–Wilkinson), times the unit's shock, rounded to cents;
 * for count metrics the count times the stream's mean share. Busy streams draw the sum in one step
 * (see drawStreams). Credit goes to people as the plan credits
 * it (their own stream, or their group's total for pod and territory credit), and is paid through
 * the plan's curve: the same tier lines the engine uses (curve.ts `tierLines`), threshold, cap,
 * year-to-date true-up, one rounding per line. Tests hold these payouts equal to the engine's for
 * the same outcome.
 */
import { normalQuantile, ptrsParams, Random, streamSeed, type PtrsParams } from '../random.js';
import type { SimModel } from './model.js';

/** The outcome of trials [from, to). Arrays are person-major: `payout[i * (to - from) + (t - from)]`. */
export interface TrialBlock {
  readonly from: number;
  readonly to: number;
  /** Annual payout per trial and person, in the person's currency. */
  readonly payout: Float64Array<ArrayBuffer>;
  /** Annual credit from the person's own deals (the controllability measure), per trial and person. */
  readonly own: Float64Array<ArrayBuffer>;
  /** Plan cost per trial, org currency. */
  readonly cost: Float64Array<ArrayBuffer>;
  /** Bookings per trial (each deal once), org currency. */
  readonly bookings: Float64Array<ArrayBuffer>;
  /** Person-period-measure evaluations, those below a threshold, and those where a cap bound. */
  evaluations: number;
  belowThreshold: number;
  atCap: number;
}

/** Details of one trial, for tests that replay it through the engine. */
export interface TrialDetail {
  /** Per stream and period: deals drawn and credit drawn. */
  readonly deals: Float64Array;
  readonly credit: Float64Array;
  /** Per person, measure and period: credited value, attainment, payout line. */
  readonly credited: Float64Array;
  readonly line: Float64Array;
}

/** The model flattened into typed arrays for the trial loop. */
interface Flat {
  readonly nPeople: number;
  readonly nMeasures: number;
  readonly nPeriods: number;
  readonly ti: Float64Array;
  readonly quota: Float64Array;
  readonly own: Int32Array;
  readonly group: Int32Array;
  readonly mboMean: Float64Array;
  readonly mboSd: Float64Array;
  readonly scale: Float64Array;
  readonly toOrg: Float64Array;
  readonly weight: Float64Array;
  readonly threshold: Float64Array;
  readonly cap: Float64Array;
  readonly ytd: Uint8Array;
  readonly mbo: Uint8Array;
  readonly retro: Uint8Array;
  readonly tierStart: Int32Array;
  readonly tierTo: Float64Array;
  readonly tierRate: Float64Array;
  readonly tierOffset: Float64Array;
  readonly lambda: Float64Array;
  /** PTRS constants for rates of 10 and more (exact counts when a replay asks for them). */
  readonly ptrs: (PtrsParams | undefined)[];
  readonly m1: Float64Array;
  /** Rates below 10: each stream's count distribution and the lognormal of a k-deal sum. */
  readonly small: SmallStreams;
  readonly countStream: Uint8Array;
  readonly unit: Int32Array;
  readonly memberStart: Int32Array;
  readonly memberStream: Int32Array;
  readonly unsupported: Int32Array;
}

/**
 * Streams with a rate below BUSY, drawn exactly: per stream the Poisson CDF F(0..K) (K: where the
 * tail falls below 2^-40) with a guide table (Chen and Asau) so that inversion of a uniform takes one
 * or two comparisons; and per deal count k the lognormal of the sum of k deals (Fenton–Wilkinson:
 * mean k·m1, variance k·(m2 − m1²)) as μ_k and σ_k. All offsets are into the shared pools.
 */
interface SmallStreams {
  /** Start of stream s's entries in `cdf`, `mu` and `sigma` (k = 0 … K), and its K. */
  readonly start: Int32Array;
  readonly top: Int32Array;
  readonly cdf: Float64Array;
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** Start of stream s's guide table in `guide`, and its size. */
  readonly guideStart: Int32Array;
  readonly guideSize: Int32Array;
  readonly guide: Int32Array;
}

const TAIL = 2 ** -40;

function smallStreams(streams: SimModel['streams']): SmallStreams {
  const start = new Int32Array(streams.length).fill(-1);
  const top = new Int32Array(streams.length);
  const guideStart = new Int32Array(streams.length);
  const guideSize = new Int32Array(streams.length);
  const cdf: number[] = [];
  const mu: number[] = [];
  const sigma: number[] = [];
  const guide: number[] = [];
  streams.forEach((x, s) => {
    if (!(x.lambda > 0 && x.lambda < BUSY)) return;
    start[s] = cdf.length;
    const cv2 = x.m1 > 0 ? Math.max(0, x.m2 - x.m1 * x.m1) / (x.m1 * x.m1) : 0;
    let pk = Math.exp(-x.lambda);
    let total = 0;
    let k = 0;
    for (;;) {
      total += pk;
      const s2 = k > 0 && cv2 > 0 ? Math.log1p(cv2 / k) : 0;
      cdf.push(total);
      mu.push(k > 0 && x.m1 > 0 ? Math.log(k * x.m1) - s2 / 2 : -Infinity); // e^-∞ = 0: no credit
      sigma.push(Math.sqrt(s2));
      if (1 - total < TAIL || k >= 200) break;
      k++;
      pk *= x.lambda / k;
    }
    cdf[cdf.length - 1] = 1;
    top[s] = k;
    const size = k + 1;
    guideStart[s] = guide.length;
    guideSize[s] = size;
    let at = 0;
    for (let j = 0; j < size; j++) {
      while ((cdf[(start[s] ?? 0) + at] ?? 1) <= j / size) at++;
      guide.push(at);
    }
  });
  return {
    start,
    top,
    cdf: Float64Array.from(cdf),
    mu: Float64Array.from(mu),
    sigma: Float64Array.from(sigma),
    guideStart,
    guideSize,
    guide: Int32Array.from(guide),
  };
}

function flatten(model: SimModel): Flat {
  const { people, measures, streams, groups } = model;
  const nPeople = people.length;
  const nMeasures = measures.length;
  const nPeriods = model.periods.length;
  const ti = new Float64Array(nPeople * nPeriods);
  const quota = new Float64Array(nPeople * nMeasures * nPeriods);
  const own = new Int32Array(nPeople * nMeasures).fill(-1);
  const group = new Int32Array(nPeople * nMeasures).fill(-1);
  const mboMean = new Float64Array(nPeople * nMeasures);
  const mboSd = new Float64Array(nPeople * nMeasures);
  people.forEach((p, i) => {
    for (let k = 0; k < nPeriods; k++) ti[i * nPeriods + k] = p.ti[k] ?? 0;
    for (let m = 0; m < nMeasures; m++) {
      own[i * nMeasures + m] = p.own[m] ?? -1;
      group[i * nMeasures + m] = p.group[m] ?? -1;
      mboMean[i * nMeasures + m] = p.mboMean[m] ?? 0;
      mboSd[i * nMeasures + m] = p.mboSd[m] ?? 0;
      for (let k = 0; k < nPeriods; k++) quota[(i * nMeasures + m) * nPeriods + k] = p.quota[m]?.[k] ?? 0;
    }
  });
  const tierStart = new Int32Array(nMeasures + 1);
  measures.forEach((m, i) => (tierStart[i + 1] = (tierStart[i] ?? 0) + m.tierTo.length));
  const tierTo = new Float64Array(tierStart[nMeasures] ?? 0);
  const tierRate = new Float64Array(tierTo.length);
  const tierOffset = new Float64Array(tierTo.length);
  measures.forEach((m, i) => {
    const start = tierStart[i] ?? 0;
    m.tierTo.forEach((x, k) => {
      tierTo[start + k] = x;
      tierRate[start + k] = m.tierRate[k] ?? 0;
      tierOffset[start + k] = m.retroactive ? 0 : (m.tierOffset[k] ?? 0);
    });
  });
  const countStream = new Uint8Array(streams.length);
  people.forEach((p) => measures.forEach((m, i) => m.count && (p.own[i] ?? -1) >= 0 && (countStream[p.own[i] ?? 0] = 1)));
  for (const g of groups) if (measures[g.measure]?.count) countStream[g.unsupported] = 1;
  const memberStart = new Int32Array(groups.length + 1);
  groups.forEach((g, i) => (memberStart[i + 1] = (memberStart[i] ?? 0) + g.members.length));
  const memberStream = new Int32Array(memberStart[groups.length] ?? 0);
  groups.forEach((g, i) => g.members.forEach((member, k) => (memberStream[(memberStart[i] ?? 0) + k] = people[member]?.own[g.measure] ?? -1)));
  return {
    nPeople,
    nMeasures,
    nPeriods,
    ti,
    quota,
    own,
    group,
    mboMean,
    mboSd,
    scale: Float64Array.from(people, (p) => 10 ** p.digits),
    toOrg: Float64Array.from(people, (p) => p.toOrg),
    weight: Float64Array.from(measures, (m) => m.weight),
    threshold: Float64Array.from(measures, (m) => m.threshold),
    cap: Float64Array.from(measures, (m) => m.cap),
    ytd: Uint8Array.from(measures, (m) => (m.ytd ? 1 : 0)),
    mbo: Uint8Array.from(measures, (m) => (m.mbo ? 1 : 0)),
    retro: Uint8Array.from(measures, (m) => (m.retroactive ? 1 : 0)),
    tierStart,
    tierTo,
    tierRate,
    tierOffset,
    lambda: Float64Array.from(streams, (x) => x.lambda),
    ptrs: streams.map((x) => (x.lambda >= BUSY ? ptrsParams(x.lambda) : undefined)),
    m1: Float64Array.from(streams, (x) => x.m1),
    small: smallStreams(streams),
    countStream,
    unit: Int32Array.from(model.streamUnit),
    memberStart,
    memberStream,
    unsupported: Int32Array.from(groups, (g) => g.unsupported),
  };
}

/** Trials per chunk: the unit of seeding and of work handed to a thread. */
export const CHUNK = 256;

/** Rate (deals per period) from which a stream's sum is drawn in one step. */
const BUSY = 10;

/**
 * Normal draws for shocks and busy streams by table lookup: the standard normal's quantiles at
 * (k + ½) / 2^14, picked by the top 14 bits of a uniform draw — three to four times faster than the
 * ziggurat, exact to the table's resolution (the tails are cut at ±3.9 σ, the variance is 0.9998).
 */
const QUANTILE_BITS = 14;
const NORMAL_TABLE = Float64Array.from({ length: 1 << QUANTILE_BITS }, (_, k) => normalQuantile((k + 0.5) / (1 << QUANTILE_BITS)));
const TABLE_SHIFT = 32 - QUANTILE_BITS;

/** 1.5 × 2^52: adding and subtracting it rounds a double below 2^51 to an integer (ties to even). */
const ROUND_MAGIC = 6_755_399_441_055_744;

/**
 * A drawn amount rounded to cents (ties to even, like the engine's default `half_even`). The
 * magic-number rounding is exact for amounts below 2^51 cents and two to three times faster
 * than Math.round on V8, which matters at a hundred million draws.
 */
function toCents(x: number): number {
  return (x * 100 + ROUND_MAGIC - ROUND_MAGIC) / 100;
}

/** 2^n for n in [-1074, 1023], for fastExp. */
const POW2 = Float64Array.from({ length: 2098 }, (_, i) => 2 ** (i - 1074));

/**
 * e^x for the lognormal draws, by range reduction (x = n·ln 2 + f, |f| ≤ ln 2 / 2) and the degree-8
 * Taylor polynomial of e^f: relative error below 3e-10 (a test checks it against Math.exp),
 * deterministic, and about twice as fast as Math.exp on V8.
 */
export function fastExp(x: number): number {
  if (!(x > -700)) return 0;
  if (x > 700) return Infinity;
  const y = x * Math.LOG2E;
  const n = y + ROUND_MAGIC - ROUND_MAGIC;
  const f = (y - n) * Math.LN2;
  const p = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f * (1 / 120 + f * (1 / 720 + f * (1 / 5040 + f / 40320)))))));
  return p * (POW2[n + 1074] ?? 0);
}

/**
 * Runs trials [from, to) of `model` with `seed`; `from` must start a chunk (a multiple of CHUNK).
 * `detail` receives trial `from`'s draws (for tests that replay it through the engine).
 */
export function runTrials(model: SimModel, seed: number, from: number, to: number, detail?: TrialDetail, onTrial?: (done: number) => void): TrialBlock {
  if (from % CHUNK !== 0) throw new RangeError(`trials must start at a multiple of ${CHUNK}, not ${from}`);
  const f = flatten(model);
  const { nPeople, nMeasures, nPeriods } = f;
  const nStreams = f.lambda.length;
  const nGroups = f.unsupported.length;
  const trials = to - from;
  const payout = new Float64Array(trials * nPeople);
  const ownOut = new Float64Array(trials * nPeople);
  const costOut = new Float64Array(trials);
  const bookingsOut = new Float64Array(trials);
  const counts = { evaluations: 0, below: 0, atCap: 0 };
  const sigma = model.shockSigma;
  // The group shock's values at the normal table's quantiles: e^(σz − σ²/2), mean 1.
  const shockTable = NORMAL_TABLE.map((z) => Math.exp(sigma * z - (sigma * sigma) / 2));
  const usedUnits = new Uint8Array(model.shockUnits.length);
  model.streams.forEach((x, s) => {
    const u = model.streamUnit[s] ?? -1;
    if (u >= 0 && x.lambda > 0 && f.countStream[s] === 0) usedUnits[u] = 1;
  });
  const shockedUnits = Int32Array.from(usedUnits.keys()).filter((u) => usedUnits[u] === 1);
  // Quotas and targets do not depend on the draws: divisors (as reciprocals) and year-to-date sums
  // are worked out once.
  const quotaRecip = new Float64Array(f.quota.length);
  const cumQuotaRecip = new Float64Array(f.quota.length);
  for (let key = 0; key < nPeople * nMeasures; key++) {
    let cq = 0;
    for (let p = 0; p < nPeriods; p++) {
      const q = f.quota[key * nPeriods + p] ?? 0;
      cq += q;
      quotaRecip[key * nPeriods + p] = q > 0 ? 1 / q : 0;
      cumQuotaRecip[key * nPeriods + p] = cq > 0 ? 1 / cq : 0;
    }
  }
  const cumTi = new Float64Array(nPeople * nPeriods);
  for (let i = 0; i < nPeople; i++) {
    let ct = 0;
    for (let p = 0; p < nPeriods; p++) {
      ct += f.ti[i * nPeriods + p] ?? 0;
      cumTi[i * nPeriods + p] = ct;
    }
  }
  const small = f.small;
  // Per stream: the org-currency rate at which it counts toward bookings (0: it does not), and the
  // groups whose totals it adds to.
  const bookingRate = new Float64Array(nStreams);
  model.bookingStreams.forEach((st, k) => (bookingRate[st] = (bookingRate[st] ?? 0) + (model.bookingToOrg[k] ?? 1)));
  const groupsOf: number[][] = Array.from({ length: nStreams }, () => []);
  for (let g = 0; g < nGroups; g++) {
    groupsOf[f.unsupported[g] ?? 0]?.push(g);
    for (let k = f.memberStart[g] ?? 0; k < (f.memberStart[g + 1] ?? 0); k++) {
      const st = f.memberStream[k] ?? -1;
      if (st >= 0) groupsOf[st]?.push(g);
    }
  }
  const streamGroupStart = new Int32Array(nStreams + 1);
  groupsOf.forEach((list, st) => (streamGroupStart[st + 1] = (streamGroupStart[st] ?? 0) + list.length));
  const streamGroups = Int32Array.from(groupsOf.flat());
  const meanSum = Float64Array.from(model.streams, (x) => x.lambda * x.m1);
  const sdSum = Float64Array.from(model.streams, (x) => Math.sqrt(x.lambda * x.m2));
  // Lognormal parameters of a busy stream's sum: mean λ·m1, variance λ·m2.
  const busySigma = Float64Array.from(model.streams, (x) => (x.m1 > 0 ? Math.sqrt(Math.log1p(x.m2 / (x.lambda * x.m1 * x.m1))) : 0));
  const busyMu = Float64Array.from(model.streams, (x, i) => (x.m1 > 0 ? Math.log(x.lambda * x.m1) - (busySigma[i] ?? 0) ** 2 / 2 : -Infinity));

  const T = CHUNK;
  const shock = new Float64Array(model.shockUnits.length * T).fill(1);
  const draw = new Float64Array(nStreams * T);
  const dealCount = detail ? new Float64Array(nStreams) : undefined;
  const groupTotal = new Float64Array(nGroups * T);
  const cumCredit = new Float64Array(nPeople * nMeasures * T);
  const paid = new Float64Array(nPeople * nMeasures * T);
  const periodPay = new Float64Array(nPeople * T);
  const rng = new Random(0);

  for (let start = from; start < to; start += T) {
    const n = Math.min(T, to - start);
    rng.reseed(streamSeed(seed, 'chunk', start / T));
    cumCredit.fill(0);
    paid.fill(0);
    const row = start - from;
    for (let p = 0; p < nPeriods; p++) {
      if (sigma > 0) {
        for (const u of shockedUnits) {
          const base = u * T;
          for (let t = 0; t < n; t++) shock[base + t] = shockTable[rng.nextUint32() >>> TABLE_SHIFT] ?? 1;
        }
      }
      const record = detail !== undefined && start === from;
      drawStreams(p, n, row, record);
      pay(p, n, row, record);
    }
    onTrial?.(start - from + n);
  }
  return { from, to, payout, own: ownOut, cost: costOut, bookings: bookingsOut, evaluations: counts.evaluations, belowThreshold: counts.below, atCap: counts.atCap };

  /**
   * Every stream's credit for period p, for the chunk's n trials, added (while still in cache) to
   * the bookings of trials row … row + n and to the totals of the groups the stream belongs to.
   */
  function drawStreams(p: number, n: number, row: number, record: boolean): void {
    groupTotal.fill(0);
    for (let s = 0; s < nStreams; s++) {
      drawStream(s, n, record);
      const d = s * T;
      const rate = bookingRate[s] ?? 0;
      if (rate !== 0) for (let t = 0; t < n; t++) bookingsOut[row + t] = (bookingsOut[row + t] ?? 0) + (draw[d + t] ?? 0) * rate;
      const end = streamGroupStart[s + 1] ?? 0;
      for (let k = streamGroupStart[s] ?? 0; k < end; k++) {
        const base = (streamGroups[k] ?? 0) * T;
        for (let t = 0; t < n; t++) groupTotal[base + t] = (groupTotal[base + t] ?? 0) + (draw[d + t] ?? 0);
      }
    }
    if (record && detail) {
      for (let s = 0; s < nStreams; s++) {
        detail.deals[s * nPeriods + p] = dealCount?.[s] ?? 0;
        detail.credit[s * nPeriods + p] = draw[s * T] ?? 0;
      }
    }
  }

  /** Stream s's credit for the chunk's n trials, into draw[s·T …]. */
  function drawStream(s: number, n: number, record: boolean): void {
    const lambda = f.lambda[s] ?? 0;
    const d = s * T;
    if (lambda <= 0) {
      draw.fill(0, d, d + n);
      if (record && dealCount) dealCount[s] = 0;
      return;
    }
    const isCount = f.countStream[s] === 1;
    const u = f.unit[s] ?? -1;
    const shockBase = u >= 0 && sigma > 0 && !isCount ? u * T : -1;
    const m1 = f.m1[s] ?? 0;
    if (lambda >= BUSY && !detail) {
      // A busy stream (a zero count is negligible: e^-10 < 0.00005): its compound-Poisson sum in
      // one draw with the sum's exact mean λ·m1 and variance λ·m2 — lognormal, or from λ = 30
      // normal (central limit, no exp); a count stream as a normal count.
      const mean = meanSum[s] ?? 0;
      const sd = sdSum[s] ?? 0;
      if (isCount) {
        for (let t = 0; t < n; t++) {
          const c = mean + sd * (NORMAL_TABLE[rng.nextUint32() >>> TABLE_SHIFT] ?? 0) + ROUND_MAGIC - ROUND_MAGIC; // the nearest count
          draw[d + t] = c > 0 ? c * m1 : 0;
        }
      } else if (lambda >= 30) {
        for (let t = 0; t < n; t++) {
          const sum = mean + sd * (NORMAL_TABLE[rng.nextUint32() >>> TABLE_SHIFT] ?? 0);
          draw[d + t] = sum <= 0 ? 0 : toCents(sum * (shockBase >= 0 ? (shock[shockBase + t] ?? 1) : 1));
        }
      } else {
        const mu = busyMu[s] ?? 0;
        const sig = busySigma[s] ?? 0;
        for (let t = 0; t < n; t++) draw[d + t] = toCents(fastExp(mu + sig * (NORMAL_TABLE[rng.nextUint32() >>> TABLE_SHIFT] ?? 0)) * (shockBase >= 0 ? (shock[shockBase + t] ?? 1) : 1));
      }
      return;
    }
    // Exact counts: a busy stream in a replay by PTRS, with the lognormal of the sum worked out
    // per draw; a stream below λ = 10 by inversion of its tabulated CDF, the lognormal of a k-deal
    // sum from its table.
    const c = f.ptrs[s];
    if (c !== undefined) {
      const cv2 = m1 > 0 ? Math.max(0, (model.streams[s]?.m2 ?? 0) - m1 * m1) / (m1 * m1) : 0;
      for (let t = 0; t < n; t++) {
        const k = rng.poissonPtrs(c);
        const s2 = cv2 > 0 ? Math.log1p(cv2 / k) : 0;
        const sum = isCount ? k * m1 : fastExp(Math.log(k * m1) - s2 / 2 + Math.sqrt(s2) * (NORMAL_TABLE[rng.nextUint32() >>> TABLE_SHIFT] ?? 0));
        draw[d + t] = k === 0 ? 0 : isCount ? sum : toCents(sum * (shockBase >= 0 ? (shock[shockBase + t] ?? 1) : 1));
        if (t === 0 && record && dealCount) dealCount[s] = k;
      }
      return;
    }
    const at = small.start[s] ?? 0;
    const top = small.top[s] ?? 0;
    const gs = small.guideStart[s] ?? 0;
    const size = small.guideSize[s] ?? 1;
    for (let t = 0; t < n; t++) {
      const u = rng.nextUint32() * 2 ** -32;
      let k = small.guide[gs + ((u * size) | 0)] ?? 0;
      while (k < top && u >= (small.cdf[at + k] ?? 1)) k++;
      let credit = 0;
      if (k > 0) {
        if (isCount) credit = k * m1;
        else {
          const sum = fastExp((small.mu[at + k] ?? 0) + (small.sigma[at + k] ?? 0) * (NORMAL_TABLE[rng.nextUint32() >>> TABLE_SHIFT] ?? 0));
          credit = toCents(sum * (shockBase >= 0 ? (shock[shockBase + t] ?? 1) : 1));
        }
      }
      draw[d + t] = credit;
      if (t === 0 && record && dealCount) dealCount[s] = k;
    }
  }

  /** Pays period p of the chunk's n trials: every person, every measure. */
  function pay(p: number, n: number, row: number, record: boolean): void {
    periodPay.fill(0);
    const halfUp = model.rounding === 'half_up';
    const tierTo = f.tierTo;
    const tierRate = f.tierRate;
    const tierOffset = f.tierOffset;
    let below = 0;
    let capped = 0;
    for (let m = 0; m < nMeasures; m++) {
      const isMbo = f.mbo[m] === 1;
      const isYtd = f.ytd[m] === 1;
      const threshold = f.threshold[m] ?? 0;
      const cap = f.cap[m] ?? Infinity;
      const w = f.weight[m] ?? 0;
      const tierFirst = f.tierStart[m] ?? 0;
      const tierLast = (f.tierStart[m + 1] ?? 0) - 1;
      const trackOwn = m === model.ownMeasure;
      for (let i = 0; i < nPeople; i++) {
        const ti = f.ti[i * nPeriods + p] ?? 0;
        if (ti <= 0) continue;
        const key = i * nMeasures + m;
        const kt = key * T;
        const it = i * T;
        const scale = f.scale[i] ?? 100;
        const lineTi = isYtd ? (cumTi[i * nPeriods + p] ?? 0) : ti;
        const recip = isYtd ? (cumQuotaRecip[key * nPeriods + p] ?? 0) : (quotaRecip[key * nPeriods + p] ?? 0);
        const g = f.group[key] ?? -1;
        const own = f.own[key] ?? -1;
        const source = g >= 0 ? groupTotal : draw;
        const sourceBase = g >= 0 ? g * T : own * T;
        const mboMean = f.mboMean[key] ?? 0;
        const mboSd = f.mboSd[key] ?? 0;
        const outBase = i * trials + row;
        counts.evaluations += n;
        for (let t = 0; t < n; t++) {
          let a: number;
          let credited: number;
          if (isMbo) {
            a = mboMean + (mboSd > 0 ? mboSd * rng.gaussian() : 0);
            if (a < 0) a = 0;
            credited = a;
          } else {
            credited = own >= 0 || g >= 0 ? (source[sourceBase + t] ?? 0) : 0;
            if (trackOwn && own >= 0) ownOut[outBase + t] = (ownOut[outBase + t] ?? 0) + (draw[own * T + t] ?? 0);
            if (isYtd) {
              const cc = (cumCredit[kt + t] ?? 0) + credited;
              cumCredit[kt + t] = cc;
              a = cc * recip;
            } else a = credited * recip;
          }
          let factor = 0;
          if (a < threshold) below++;
          else if (a > 0) {
            let k = tierFirst;
            while (k < tierLast && a > (tierTo[k] ?? Infinity)) k++;
            factor = (tierRate[k] ?? 0) * a + (tierOffset[k] ?? 0);
            if (factor > cap) {
              factor = cap;
              capped++;
            }
          }
          // One rounding per line, as the engine's rounding mode (lines are never negative, so
          // half_up is Math.round; half_even is the magic-number rounding, ties to even).
          const units = lineTi * w * factor * scale;
          let line = (halfUp ? Math.round(units) : units + ROUND_MAGIC - ROUND_MAGIC) / scale;
          if (isYtd) {
            line -= paid[kt + t] ?? 0;
            if (line < 0) line = 0;
            paid[kt + t] = (paid[kt + t] ?? 0) + line;
          }
          periodPay[it + t] = (periodPay[it + t] ?? 0) + line;
          if (record && detail && t === 0) {
            detail.credited[key * nPeriods + p] = credited;
            detail.line[key * nPeriods + p] = line;
          }
        }
      }
    }
    counts.below += below;
    counts.atCap += capped;
    for (let i = 0; i < nPeople; i++) {
      const it = i * T;
      const outBase = i * trials + row;
      const toOrg = f.toOrg[i] ?? 1;
      for (let t = 0; t < n; t++) {
        const v = periodPay[it + t] ?? 0;
        payout[outBase + t] = (payout[outBase + t] ?? 0) + v;
        costOut[row + t] = (costOut[row + t] ?? 0) + v * toOrg;
      }
    }
  }
}
