import type { Measure } from './model.js';
import { ZERO, type Rational } from './rational.js';

/** How a factor was reached, for the trace. */
export interface FactorWorking {
  readonly factor: Rational;
  /** Why the factor is 0 before any tier applied, if it is. */
  readonly gated: 'not-positive' | 'below-threshold' | undefined;
  /** Marginal: each tier's slice and rate; retroactive: the one tier applied to all of `a` (empty from `fastFactor`). */
  readonly slices: readonly { readonly from: Rational; readonly to: Rational; readonly rate: Rational; readonly index: number }[];
  /** The factor before the cap (equal to `factor` when the cap did not bind). */
  readonly uncapped: Rational;
  readonly capped: boolean;
}

/**
 * The payout factor f(a) of a measure's curve: 0 below the threshold or for a ≤ 0; otherwise the
 * tiers from 0 (marginal: each rate on its slice of a; retroactive: the rate of the tier containing
 * a — a tier includes its `to` — on all of a); then the cap.
 */
export function payoutFactor(a: Rational, m: Pick<Measure, 'threshold' | 'mode' | 'tiers' | 'cap'>): FactorWorking {
  if (a.sign() <= 0) return { factor: ZERO, gated: 'not-positive', slices: [], uncapped: ZERO, capped: false };
  if (a.lt(m.threshold)) return { factor: ZERO, gated: 'below-threshold', slices: [], uncapped: ZERO, capped: false };
  const slices: { from: Rational; to: Rational; rate: Rational; index: number }[] = [];
  let f = ZERO;
  if (m.mode === 'marginal') {
    let lo = ZERO;
    for (let i = 0; i < m.tiers.length; i++) {
      const tier = m.tiers[i];
      if (!tier) break;
      const hi = tier.to === undefined ? a : tier.to.min(a);
      if (hi.gt(lo)) {
        slices.push({ from: lo, to: hi, rate: tier.rate, index: i });
        f = f.add(tier.rate.mul(hi.sub(lo)));
      }
      if (tier.to === undefined || a.le(tier.to)) break;
      lo = tier.to;
    }
  } else {
    const index = m.tiers.findIndex((t) => t.to === undefined || a.le(t.to));
    const tier = m.tiers[index];
    if (tier) {
      slices.push({ from: ZERO, to: a, rate: tier.rate, index });
      f = tier.rate.mul(a);
    }
  }
  if (m.cap !== undefined && f.gt(m.cap)) return { factor: m.cap, gated: undefined, slices, uncapped: f, capped: true };
  return { factor: f, gated: undefined, slices, uncapped: f, capped: false };
}

/** Per tier: f(a) = rate × a + offset for a inside the tier (marginal), the upper bound and the rate. */
export interface TierLine {
  readonly to: Rational | undefined;
  readonly rate: Rational;
  readonly offset: Rational;
}

const lines = new WeakMap<object, readonly TierLine[]>();

/** The tier lines of a measure's curve (cached per measure). */
export function tierLines(m: Pick<Measure, 'mode' | 'tiers'>): readonly TierLine[] {
  let cached = lines.get(m);
  if (!cached) {
    const out: TierLine[] = [];
    let lo = ZERO;
    let atLo = ZERO; // f at the tier's lower bound (marginal)
    for (const tier of m.tiers) {
      out.push({ to: tier.to, rate: tier.rate, offset: m.mode === 'marginal' ? atLo.sub(tier.rate.mul(lo)) : ZERO });
      if (tier.to === undefined) break;
      atLo = atLo.add(tier.rate.mul(tier.to.sub(lo)));
      lo = tier.to;
    }
    cached = out;
    lines.set(m, cached);
  }
  return cached;
}

/**
 * The same factor as `payoutFactor`, without the working: one multiplication and one addition for
 * the tier containing `a` (its line `rate × a + offset` is precomputed per measure). The engine uses
 * this; traces re-derive the slices with `payoutFactor`. Tests hold the two equal.
 */
export function fastFactor(a: Rational, m: Pick<Measure, 'threshold' | 'mode' | 'tiers' | 'cap'>): FactorWorking {
  if (a.sign() <= 0) return { factor: ZERO, gated: 'not-positive', slices: [], uncapped: ZERO, capped: false };
  if (a.lt(m.threshold)) return { factor: ZERO, gated: 'below-threshold', slices: [], uncapped: ZERO, capped: false };
  const tiers = tierLines(m);
  const line = tiers.find((t) => t.to === undefined || a.le(t.to)) ?? tiers[tiers.length - 1];
  if (!line) return { factor: ZERO, gated: undefined, slices: [], uncapped: ZERO, capped: false };
  const f = m.mode === 'marginal' ? line.rate.mul(a).add(line.offset) : line.rate.mul(a);
  if (m.cap !== undefined && f.gt(m.cap)) return { factor: m.cap, gated: undefined, slices: [], uncapped: f, capped: true };
  return { factor: f, gated: undefined, slices: [], uncapped: f, capped: false };
}
