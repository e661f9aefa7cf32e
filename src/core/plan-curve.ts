/**
 * A measure's payout curve as points to draw: attainment → payout factor, from 0 to `end`, through
 * every place the curve bends or jumps — the threshold, each tier's end, where the cap starts to
 * bind. Between two consecutive points the curve is a straight line; a jump (the threshold, a
 * retroactive tier boundary) is two points at the same attainment. The factors come from the
 * engine's own tier lines (`tierLines`, the lines `fastFactor` pays by), so the picture is the
 * plan the engine applies.
 */
import { tierLines } from './curve.js';
import type { Measure } from './model.js';
import { Rational, ZERO } from './rational.js';

export interface CurvePoint {
  readonly attainment: Rational;
  readonly factor: Rational;
}

type Curve = Pick<Measure, 'threshold' | 'mode' | 'tiers' | 'cap'>;

/** Where the drawing ends by default: half a point (50%) past the threshold and the last tier boundary, and at least 300%. */
export function curveEnd(m: Curve): Rational {
  const half = Rational.of(1n, 2n);
  let end = Rational.of(3n);
  for (const at of [m.threshold, ...m.tiers.map((t) => t.to)]) if (at !== undefined && at.add(half).gt(end)) end = at.add(half);
  return end;
}

export function curvePoints(m: Curve, end: Rational = curveEnd(m)): CurvePoint[] {
  const points: CurvePoint[] = [{ attainment: ZERO, factor: ZERO }];
  const push = (attainment: Rational, factor: Rational) => {
    const last = points[points.length - 1];
    if (last !== undefined && last.attainment.eq(attainment) && last.factor.eq(factor)) return;
    points.push({ attainment, factor });
  };
  const lines = tierLines(m);
  const start = m.threshold.gt(ZERO) ? m.threshold : ZERO;
  // Below the threshold nothing is paid.
  if (start.gt(ZERO)) push(start, ZERO);
  let lo = ZERO;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) break;
    // The last line goes on past its own end (the engine pays by it beyond the last tier).
    const open = i === lines.length - 1 || line.to === undefined;
    const hi = open || line.to === undefined ? end : line.to.min(end);
    const from = lo.max(start);
    if (hi.gt(from) || (hi.eq(from) && from.eq(start) && start.gt(ZERO))) {
      const value = (a: Rational) => (m.mode === 'marginal' ? line.rate.mul(a).add(line.offset) : line.rate.mul(a));
      const capped = (f: Rational) => (m.cap !== undefined && f.gt(m.cap) ? m.cap : f);
      push(from, capped(value(from)));
      // Where the line crosses the cap inside this stretch, the curve turns flat.
      if (m.cap !== undefined && line.rate.gt(ZERO) && value(from).lt(m.cap) && value(hi).gt(m.cap)) {
        const cross = m.mode === 'marginal' ? m.cap.sub(line.offset).div(line.rate) : m.cap.div(line.rate);
        push(cross, m.cap);
      }
      push(hi, capped(value(hi)));
    }
    if (open || line.to === undefined || line.to.ge(end)) break;
    lo = line.to;
  }
  return points;
}
