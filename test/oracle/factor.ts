import type { Measure } from './model.js';
import { Rational } from './rational.js';

/**
 * f(a): 0 below the threshold or at a ≤ 0; otherwise the tiers from 0 (marginal: each rate on its
 * slice; retroactive: the rate of the first tier whose `to` ≥ a, on all of a); then capped.
 */
export function factor(measure: Measure, a: Rational): Rational {
  if (a.lt(measure.threshold) || a.le(Rational.ZERO)) return Rational.ZERO;
  let f = Rational.ZERO;
  if (measure.mode === 'marginal') {
    let lo = Rational.ZERO;
    for (const tier of measure.tiers) {
      const hi = tier.to === undefined ? a : tier.to.min(a);
      if (hi.gt(lo)) f = f.add(tier.rate.mul(hi.sub(lo)));
      if (tier.to === undefined || tier.to.ge(a)) break;
      lo = tier.to;
    }
  } else {
    const tier = measure.tiers.find((t) => t.to === undefined || t.to.ge(a));
    if (tier === undefined) throw new Error('no tier contains the attainment');
    f = tier.rate.mul(a);
  }
  return measure.cap === undefined ? f : f.min(measure.cap);
}
