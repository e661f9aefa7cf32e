/**
 * The payout curve drawn for a measure (src/core/plan-curve.ts) against the engine's traced factor
 * `payoutFactor` (which works tier by tier, not from the precomputed tier lines the curve uses):
 * between any two consecutive points the curve is the straight line the engine pays by (checked
 * at the midpoint and a third of the way, exactly), every point is the engine's value there or the
 * other side of a jump, and the curve spans 0 to its end. Plus hand-worked curves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payoutFactor } from '../../src/core/curve.js';
import type { Tier } from '../../src/core/model.js';
import { curvePoints } from '../../src/core/plan-curve.js';
import { ONE, Rational, ZERO } from '../../src/core/rational.js';

const r = (n: number, d = 1) => Rational.of(BigInt(n), BigInt(d));
const show = (pts: { attainment: Rational; factor: Rational }[]) => pts.map((p) => [p.attainment.toFraction(), p.factor.toFraction()]);

describe('curvePoints', () => {
  it('a marginal plan with an accelerator and a cap, by hand', () => {
    // 0.5 threshold; rate 1 to 100%, then 2 (accelerator), capped at 1.5.
    // f(1) = 1; beyond, f(a) = 1 + 2(a − 1) reaches 1.5 at a = 1.25, then stays 1.5 to the end (3).
    const m = { threshold: r(1, 2), mode: 'marginal' as const, tiers: [{ to: ONE, rate: ONE }, { to: undefined, rate: r(2) }] as Tier[], cap: r(3, 2) };
    expect(show(curvePoints(m))).toEqual(show([
      { attainment: ZERO, factor: ZERO },
      { attainment: r(1, 2), factor: ZERO },
      { attainment: r(1, 2), factor: r(1, 2) },
      { attainment: ONE, factor: ONE },
      { attainment: r(5, 4), factor: r(3, 2) },
      { attainment: r(3), factor: r(3, 2) },
    ]));
  });

  it('a retroactive plan jumps at each tier boundary, by hand', () => {
    // Rate 0.8 up to and including 100%, 1.2 above: f(1) = 0.8, just above 1 the rate is 1.2 on all of a.
    // Last boundary 1 → the drawing ends at max(3, 1 + 0.5) = 3 where f = 1.2 × 3 = 3.6.
    const m = { threshold: ZERO, mode: 'retroactive' as const, tiers: [{ to: ONE, rate: r(4, 5) }, { to: undefined, rate: r(6, 5) }] as Tier[], cap: undefined };
    expect(show(curvePoints(m))).toEqual(show([
      { attainment: ZERO, factor: ZERO },
      { attainment: ONE, factor: r(4, 5) },
      { attainment: ONE, factor: r(6, 5) },
      { attainment: r(3), factor: r(18, 5) },
    ]));
  });

  const decimal = fc.integer({ min: 0, max: 40_000 }).map((n) => Rational.of(BigInt(n), 10_000n));
  const curve = fc.record({
    threshold: decimal,
    mode: fc.constantFrom('marginal' as const, 'retroactive' as const),
    bounds: fc.uniqueArray(fc.integer({ min: 1, max: 30_000 }), { maxLength: 3 }).map((xs) => xs.sort((a, b) => a - b).map((n) => Rational.of(BigInt(n), 10_000n))),
    rates: fc.array(decimal, { minLength: 4, maxLength: 4 }),
    cap: fc.option(decimal, { nil: undefined }),
  });

  it('is, between consecutive points, exactly the line the engine pays by; each point is the engine value or a jump', () => {
    fc.assert(
      fc.property(curve, (c) => {
        // As plan files must: every tier bounded but the last, which is open-ended.
        const tiers: Tier[] = [...c.bounds.map((to, i) => ({ to, rate: c.rates[i] as Rational })), { to: undefined, rate: c.rates[c.bounds.length] as Rational }];
        const m = { threshold: c.threshold, mode: c.mode, tiers, cap: c.cap };
        const pts = curvePoints(m);
        const f = (a: Rational) => payoutFactor(a, m).factor;
        expect(pts[0]?.attainment.isZero()).toBe(true);
        expect(pts.at(-1)?.attainment.ge(r(3))).toBe(true);
        for (let i = 0; i + 1 < pts.length; i++) {
          const p = pts[i] as { attainment: Rational; factor: Rational };
          const q = pts[i + 1] as { attainment: Rational; factor: Rational };
          expect(q.attainment.ge(p.attainment)).toBe(true);
          if (q.attainment.eq(p.attainment)) continue; // a jump
          for (const t of [r(1, 2), r(1, 3)]) {
            const a = p.attainment.add(q.attainment.sub(p.attainment).mul(t));
            const line = p.factor.add(q.factor.sub(p.factor).mul(t));
            expect(f(a).eq(line), `at ${a.toFraction()}: engine ${f(a).toFraction()}, curve ${line.toFraction()}`).toBe(true);
          }
        }
        for (const p of pts) {
          const same = pts.filter((x) => x.attainment.eq(p.attainment));
          expect(same.some((x) => x.factor.eq(f(p.attainment))) || p.attainment.isZero()).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
