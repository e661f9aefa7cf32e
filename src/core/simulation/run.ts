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
import { Random, streamSeed } from '../random.js';
import type { SimModel } from './model.js';

/** The outcome of trials [from, to). Arrays are trial-major: `payout[(t - from) * people + i]`. */
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

/** Runs trials [from, to) of `model` with `seed`; `detail` receives trial `from`'s draws. */
export function runTrials(model: SimModel, seed: number, from: number, to: number, detail?: TrialDetail, onTrial?: (done: number) => void): TrialBlock {
  const people = model.people;
  const nPeople = people.length;
  const measures = model.measures;
  const nMeasures = measures.length;
  const nPeriods = model.periods.length;
  const streams = model.streams;
  const nStreams = streams.length;
  const trials = to - from;
  const block: TrialBlock = {
    from,
    to,
    payout: new Float64Array(trials * nPeople),
    own: new Float64Array(trials * nPeople),
    cost: new Float64Array(trials),
    bookings: new Float64Array(trials),
    evaluations: 0,
    belowThreshold: 0,
    atCap: 0,
  };
  const lambda = Float64Array.from(streams, (s) => s.lambda);
  const m1 = Float64Array.from(streams, (s) => s.m1);
  const spread = Float64Array.from(streams, (s) => Math.max(0, s.m2 - s.m1 * s.m1));
  const countStream = new Uint8Array(nStreams);
  for (const p of people) for (let m = 0; m < nMeasures; m++) if (measures[m]?.count && (p.own[m] ?? -1) >= 0) countStream[p.own[m] ?? 0] = 1;
  for (const g of model.groups) if (measures[g.measure]?.count) countStream[g.unsupported] = 1;
  const unitOf = Int32Array.from(model.streamUnit);
  const sigma = model.shockSigma;
  const shock = new Float64Array(model.shockUnits.length);
  const draw = new Float64Array(nStreams);
  const groupTotal = new Float64Array(model.groups.length);
  // Year-to-date state per person and measure.
  const cumCredit = new Float64Array(nPeople * nMeasures);
  const cumQuota = new Float64Array(nPeople * nMeasures);
  const cumTi = new Float64Array(nPeople * nMeasures);
  const paid = new Float64Array(nPeople * nMeasures);
  const rng = new Random(0);
  const scales = people.map((p) => 10 ** p.digits);
  const bookingStreams = model.bookingStreams;
  const bookingToOrg = model.bookingToOrg;
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
      for (let u = 0; u < shock.length; u++) shock[u] = sigma > 0 ? Math.exp(sigma * rng.normal() - (sigma * sigma) / 2) : 1;
      for (let s = 0; s < nStreams; s++) {
        const u = unitOf[s] ?? -1;
        const rate = (lambda[s] ?? 0) * (u >= 0 ? (shock[u] ?? 1) : 1);
        const n = rng.poisson(rate);
        let credit = 0;
        if (n > 0) {
          const mean = n * (m1[s] ?? 0);
          if (countStream[s] === 1) credit = mean;
          else {
            const variance = n * (spread[s] ?? 0);
            if (variance <= 0 || mean <= 0) credit = mean;
            else {
              const s2 = Math.log(1 + variance / (mean * mean));
              credit = Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * rng.normal());
            }
            credit = Math.round(credit * 100) / 100;
          }
        }
        draw[s] = credit;
        if (detail && t === from) {
          detail.deals[s * nPeriods + p] = n;
          detail.credit[s * nPeriods + p] = credit;
        }
      }
      for (let k = 0; k < bookingStreams.length; k++) bookings += (draw[bookingStreams[k] ?? 0] ?? 0) * (bookingToOrg[k] ?? 1);
      for (let g = 0; g < model.groups.length; g++) {
        const group = model.groups[g];
        if (!group) continue;
        let total = draw[group.unsupported] ?? 0;
        for (const i of group.members) total += draw[people[i]?.own[group.measure] ?? 0] ?? 0;
        groupTotal[g] = total;
      }
      for (let i = 0; i < nPeople; i++) {
        const person = people[i];
        if (!person) continue;
        const ti = person.ti[p] ?? 0;
        if (ti <= 0) continue;
        const scale = scales[i] ?? 100;
        let periodPay = 0;
        for (let m = 0; m < nMeasures; m++) {
          const measure = measures[m];
          if (!measure) continue;
          const key = i * nMeasures + m;
          let a: number;
          let credited = 0;
          if (measure.mbo) {
            const sd = person.mboSd[m] ?? 0;
            a = Math.max(0, (person.mboMean[m] ?? 0) + (sd > 0 ? sd * rng.normal() : 0));
            credited = a;
          } else {
            const g = person.group[m] ?? -1;
            credited = g >= 0 ? (groupTotal[g] ?? 0) : (draw[person.own[m] ?? 0] ?? 0);
            if (m === ownMeasure) block.own[row + i] = (block.own[row + i] ?? 0) + (draw[person.own[m] ?? 0] ?? 0);
            const quota = person.quota[m]?.[p] ?? 0;
            if (measure.ytd) {
              cumCredit[key] = (cumCredit[key] ?? 0) + credited;
              cumQuota[key] = (cumQuota[key] ?? 0) + quota;
              a = (cumQuota[key] ?? 0) > 0 ? (cumCredit[key] ?? 0) / (cumQuota[key] ?? 1) : 0;
            } else {
              a = quota > 0 ? credited / quota : 0;
            }
          }
          block.evaluations++;
          let f = 0;
          if (a <= 0 || a < measure.threshold) {
            if (a < measure.threshold) block.belowThreshold++;
          } else {
            let k = 0;
            const last = measure.tierTo.length - 1;
            while (k < last && a > (measure.tierTo[k] ?? Infinity)) k++;
            f = (measure.tierRate[k] ?? 0) * a + (measure.retroactive ? 0 : (measure.tierOffset[k] ?? 0));
            if (f > measure.cap) {
              f = measure.cap;
              block.atCap++;
            }
          }
          let line: number;
          if (measure.ytd) {
            cumTi[key] = (cumTi[key] ?? 0) + ti;
            const earned = Math.round((cumTi[key] ?? 0) * measure.weight * f * scale) / scale;
            line = earned - (paid[key] ?? 0);
            if (line < 0) line = 0;
            paid[key] = (paid[key] ?? 0) + line;
          } else {
            line = Math.round(ti * measure.weight * f * scale) / scale;
          }
          periodPay += line;
          if (detail && t === from) {
            detail.credited[(key * nPeriods) + p] = credited;
            detail.line[(key * nPeriods) + p] = line;
          }
        }
        block.payout[row + i] = (block.payout[row + i] ?? 0) + periodPay;
        cost += periodPay * person.toOrg;
      }
    }
    block.cost[t - from] = cost;
    block.bookings[t - from] = bookings;
    onTrial?.(t - from + 1);
  }
  return block;
}
