/**
 * Runs Monte-Carlo trials of a fitted plan model. Trial t draws from its own seeded stream
 * (`seed`, t), so results do not depend on how trials are split between worker threads.
 *
 * Per payout period: one shock per unit (pod or territory), then each stream's deals — a Poisson
 * count at the shocked rate, and for money metrics the sum of that many deal credits drawn as one
 * lognormal with the exact mean and variance of the sum (Fenton–Wilkinson), rounded to cents; for
 * count metrics the count times the stream's mean share. Credit goes to people as the plan credits
 * it (their own stream, or their group's total for pod and territory credit), and is paid through
 * the plan's curve: the same tier lines the engine uses (curve.ts `tierLines`), threshold, cap,
 * year-to-date true-up, one rounding per line. Tests hold these payouts equal to the engine's for
 * the same outcome.
 */
import { ptrsParams, Random, streamSeed, type PtrsParams } from '../random.js';
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
  /** e^-λ for rates below 10 (inversion), PTRS constants above. */
  readonly expNeg: Float64Array;
  readonly ptrs: (PtrsParams | undefined)[];
  readonly m1: Float64Array;
  readonly logM1: Float64Array;
  /** Variance over squared mean of one deal's credit: the sum of n deals has n× less. */
  readonly cv2: Float64Array;
  /** Standard deviation of one deal's credit. */
  readonly sd1: Float64Array;
  readonly countStream: Uint8Array;
  readonly unit: Int32Array;
  readonly memberStart: Int32Array;
  readonly memberStream: Int32Array;
  readonly unsupported: Int32Array;
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
    expNeg: Float64Array.from(streams, (x) => Math.exp(-x.lambda)),
    ptrs: streams.map((x) => (x.lambda >= 10 ? ptrsParams(x.lambda) : undefined)),
    m1: Float64Array.from(streams, (x) => x.m1),
    logM1: Float64Array.from(streams, (x) => (x.m1 > 0 ? Math.log(x.m1) : 0)),
    cv2: Float64Array.from(streams, (x) => (x.m1 > 0 ? Math.max(0, x.m2 - x.m1 * x.m1) / (x.m1 * x.m1) : 0)),
    sd1: Float64Array.from(streams, (x) => Math.sqrt(Math.max(0, x.m2 - x.m1 * x.m1))),
    countStream,
    unit: Int32Array.from(model.streamUnit),
    memberStart,
    memberStream,
    unsupported: Int32Array.from(groups, (g) => g.unsupported),
  };
}

/** Transposes a trial-major [trials × people] array to person-major [people × trials]. */
function personMajor(values: Float64Array<ArrayBuffer>, trials: number, people: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(trials * people);
  for (let t = 0; t < trials; t++) {
    const row = t * people;
    for (let i = 0; i < people; i++) out[i * trials + t] = values[row + i] ?? 0;
  }
  return out;
}

/** Rate (deals per period) from which a stream's sum is drawn in one step. */
const BUSY = 10;

/** Runs trials [from, to) of `model` with `seed`; `detail` receives trial `from`'s draws. */
export function runTrials(model: SimModel, seed: number, from: number, to: number, detail?: TrialDetail, onTrial?: (done: number) => void): TrialBlock {
  const f = flatten(model);
  const { nPeople, nMeasures, nPeriods } = f;
  const nStreams = f.lambda.length;
  const nGroups = f.unsupported.length;
  const trials = to - from;
  const payout = new Float64Array(trials * nPeople);
  const ownOut = new Float64Array(trials * nPeople);
  const costOut = new Float64Array(trials);
  const bookingsOut = new Float64Array(trials);
  let evaluations = 0;
  let belowThreshold = 0;
  let atCap = 0;
  const sigma = model.shockSigma;
  const halfSigma2 = (sigma * sigma) / 2;
  const shock = new Float64Array(model.shockUnits.length);
  const draw = new Float64Array(nStreams);
  const deals = new Float64Array(nStreams);
  const groupTotal = new Float64Array(nGroups);
  const periodPay = new Float64Array(nPeople);
  const cumCredit = new Float64Array(nPeople * nMeasures);
  const cumQuota = new Float64Array(nPeople * nMeasures);
  const cumTi = new Float64Array(nPeople * nMeasures);
  const paid = new Float64Array(nPeople * nMeasures);
  const rng = new Random(0);
  const bookingStreams = Int32Array.from(model.bookingStreams);
  // Hot arrays as locals (loads from the flat object inside the loops are not hoisted).
  const lambdaOf = f.lambda;
  const expNegOf = f.expNeg;
  const ptrsOf = f.ptrs;
  const m1Of = f.m1;
  const logM1Of = f.logM1;
  const cv2Of = f.cv2;
  const unitOf = f.unit;
  const countStream = f.countStream;
  const meanSum = Float64Array.from(model.streams, (x) => x.lambda * x.m1);
  const sdSum = Float64Array.from(model.streams, (x) => Math.sqrt(x.lambda * x.m2));
  // Lognormal parameters of a busy stream's sum: mean λ·m1, variance λ·m2.
  const busySigma = Float64Array.from(model.streams, (x) => (x.m1 > 0 ? Math.sqrt(Math.log1p(x.m2 / (x.lambda * x.m1 * x.m1))) : 0));
  const busyMu = Float64Array.from(model.streams, (x, i) => (x.m1 > 0 ? Math.log(x.lambda * x.m1) - (busySigma[i] ?? 0) ** 2 / 2 : -Infinity));
  const tiOf = f.ti;
  const quotaOf = f.quota;
  const ownOf = f.own;
  const groupOf = f.group;
  const scaleOf = f.scale;
  const tierTo = f.tierTo;
  const tierRate = f.tierRate;
  const tierOffset = f.tierOffset;
  const bookingToOrg = Float64Array.from(model.bookingToOrg);
  const ownMeasure = model.ownMeasure;

  for (let t = from; t < to; t++) {
    rng.reseed(streamSeed(seed, 'trial', t));
    const row = (t - from) * nPeople;
    cumCredit.fill(0);
    cumQuota.fill(0);
    cumTi.fill(0);
    paid.fill(0);
    let cost = 0;
    let bookings = 0;
    for (let p = 0; p < nPeriods; p++) {
      if (sigma > 0) for (let u = 0; u < shock.length; u++) shock[u] = Math.exp(sigma * rng.gaussian() - halfSigma2);
      for (let s = 0; s < nStreams; s++) {
        const lambda = lambdaOf[s] ?? 0;
        let n = 0;
        let credit = 0;
        if (lambda >= BUSY && !detail) {
          // A busy stream (no zero count to speak of: e^-10 < 0.00005): its compound-Poisson sum
          // drawn directly as a lognormal with the sum's exact mean λ·m1 and variance λ·m2; count
          // streams as a normal count. The unit's shock scales money sums.
          const z = rng.gaussian();
          if (countStream[s] === 1) {
            const count = Math.round((meanSum[s] ?? 0) + (sdSum[s] ?? 0) * z);
            credit = count > 0 ? count * (m1Of[s] ?? 1) : 0;
          } else {
            const u = unitOf[s] ?? -1;
            const boost = u >= 0 && sigma > 0 ? (shock[u] ?? 1) : 1;
            // From λ = 30 the sum is close to normal (central limit) and a normal draw needs no exp.
            const sum = lambda >= 30 ? Math.max(0, (meanSum[s] ?? 0) + (sdSum[s] ?? 0) * z) : Math.exp((busyMu[s] ?? 0) + (busySigma[s] ?? 0) * z);
            credit = Math.round(sum * boost * 100) / 100;
          }
          n = NaN;
        } else if (lambda > 0) {
          const c = ptrsOf[s];
          // Exact counts: inversion below λ = 10; PTRS only when a replay (detail) asks for counts.
          n = c === undefined ? rng.poissonInversion(lambda, expNegOf[s] ?? 1) : rng.poissonPtrs(c);
          if (n > 0) {
            if (countStream[s] === 1) credit = n * (m1Of[s] ?? 0);
            else {
              const u = unitOf[s] ?? -1;
              const boost = u >= 0 && sigma > 0 ? (shock[u] ?? 1) : 1;
              // The sum of n deals: mean n·m1, variance n·(m2 − m1²), drawn as a lognormal with
              // those moments; the unit's shock (mean 1) scales it, so a pod's quarter is good or
              // bad together.
              const cv2 = cv2Of[s] ?? 0;
              const s2 = cv2 > 0 ? Math.log1p(cv2 / n) : 0;
              const sum = s2 > 0 ? Math.exp(Math.log(n) + (logM1Of[s] ?? 0) - s2 / 2 + Math.sqrt(s2) * rng.gaussian()) : n * (m1Of[s] ?? 0);
              credit = Math.round(sum * boost * 100) / 100;
            }
          }
        }
        draw[s] = credit;
        deals[s] = n;
      }
      if (detail && t === from) {
        for (let s = 0; s < nStreams; s++) {
          detail.deals[s * nPeriods + p] = deals[s] ?? 0;
          detail.credit[s * nPeriods + p] = draw[s] ?? 0;
        }
      }
      for (let k = 0; k < bookingStreams.length; k++) bookings += (draw[bookingStreams[k] ?? 0] ?? 0) * (bookingToOrg[k] ?? 1);
      for (let g = 0; g < nGroups; g++) {
        let total = draw[f.unsupported[g] ?? 0] ?? 0;
        const end = f.memberStart[g + 1] ?? 0;
        for (let k = f.memberStart[g] ?? 0; k < end; k++) {
          const s = f.memberStream[k] ?? -1;
          if (s >= 0) total += draw[s] ?? 0;
        }
        groupTotal[g] = total;
      }
      periodPay.fill(0);
      for (let m = 0; m < nMeasures; m++) {
        const isMbo = f.mbo[m] === 1;
        const isYtd = f.ytd[m] === 1;
        const threshold = f.threshold[m] ?? 0;
        const cap = f.cap[m] ?? Infinity;
        const w = f.weight[m] ?? 0;
        const tierFirst = f.tierStart[m] ?? 0;
        const tierLast = (f.tierStart[m + 1] ?? 0) - 1;
        const trackOwn = m === ownMeasure;
        for (let i = 0; i < nPeople; i++) {
          const ti = tiOf[i * nPeriods + p] ?? 0;
          if (ti <= 0) continue;
          const key = i * nMeasures + m;
          let a: number;
          let credited: number;
          if (isMbo) {
            const sd = f.mboSd[key] ?? 0;
            a = (f.mboMean[key] ?? 0) + (sd > 0 ? sd * rng.gaussian() : 0);
            if (a < 0) a = 0;
            credited = a;
          } else {
            const g = groupOf[key] ?? -1;
            const own = ownOf[key] ?? -1;
            const ownDraw = own >= 0 ? (draw[own] ?? 0) : 0;
            credited = g >= 0 ? (groupTotal[g] ?? 0) : ownDraw;
            if (trackOwn) ownOut[row + i] = (ownOut[row + i] ?? 0) + ownDraw;
            const quota = quotaOf[key * nPeriods + p] ?? 0;
            if (isYtd) {
              const cc = (cumCredit[key] ?? 0) + credited;
              const cq = (cumQuota[key] ?? 0) + quota;
              cumCredit[key] = cc;
              cumQuota[key] = cq;
              a = cq > 0 ? cc / cq : 0;
            } else {
              a = quota > 0 ? credited / quota : 0;
            }
          }
          evaluations++;
          let factor = 0;
          if (a < threshold) belowThreshold++;
          else if (a > 0) {
            let k = tierFirst;
            while (k < tierLast && a > (tierTo[k] ?? Infinity)) k++;
            factor = (tierRate[k] ?? 0) * a + (tierOffset[k] ?? 0);
            if (factor > cap) {
              factor = cap;
              atCap++;
            }
          }
          const scale = scaleOf[i] ?? 100;
          let line: number;
          if (isYtd) {
            const ct = (cumTi[key] ?? 0) + ti;
            cumTi[key] = ct;
            line = Math.round(ct * w * factor * scale) / scale - (paid[key] ?? 0);
            if (line < 0) line = 0;
            paid[key] = (paid[key] ?? 0) + line;
          } else {
            line = Math.round(ti * w * factor * scale) / scale;
          }
          periodPay[i] = (periodPay[i] ?? 0) + line;
          if (detail && t === from) {
            detail.credited[key * nPeriods + p] = credited;
            detail.line[key * nPeriods + p] = line;
          }
        }
      }
      for (let i = 0; i < nPeople; i++) {
        const pay = periodPay[i] ?? 0;
        payout[row + i] = (payout[row + i] ?? 0) + pay;
        cost += pay * (f.toOrg[i] ?? 1);
      }
    }
    costOut[t - from] = cost;
    bookingsOut[t - from] = bookings;
    onTrial?.(t - from + 1);
  }
  // Person-major for the summary, which reads each person's trials in a row.
  return { from, to, payout: personMajor(payout, trials, nPeople), own: personMajor(ownOut, trials, nPeople), cost: costOut, bookings: bookingsOut, evaluations, belowThreshold, atCap };
}
