/**
 * Controllability: how much of an SE's variable rides on results they do not reach.
 *
 * By design, each measure has a class from its crediting rule: owner, overlay, split and activity
 * are **high** (they only credit deals the person owned or worked), pod is **medium** (the SE's
 * own team: they share its pipeline, coverage and forecast and can be put on any of its deals),
 * territory is **low** (credit from everyone selling in the area, including people the SE never
 * works with); mbo is **high** (a personal objective scored for the person).
 *
 * From the data, for each SE and deal-based measure: the *off-deal share*, the part of the value
 * credited in the year that came from deals the SE was neither the owner of nor on the deal team of.
 * Off-deal credit counts as out of reach in full under a low-class rule and half under a
 * medium-class one (`OUT_OF_REACH`); high-class rules give none. An SE's outside share is the
 * weight-averaged out-of-reach share over the plan's measures (measures that credited them nothing
 * are left out of the average).
 */
import type { CreditRule, Measure, Metric, Plan } from '../model.js';
import { ONE, Rational, ZERO } from '../rational.js';
import { dealParticipation, exact, listText, median, num, pct, plural, seMembers, spread, yearCreditLines } from './common.js';
import type { DiagnosticsInput, Finding } from './types.js';

export type ControllabilityClass = 'high' | 'medium' | 'low';

/** The controllability class of a measure, from its crediting rule (mbo: high). */
export function controllabilityClass(metric: Metric, credit: CreditRule): ControllabilityClass {
  if (metric === 'mbo') return 'high';
  if (credit === 'pod') return 'medium';
  if (credit === 'territory') return 'low';
  return 'high';
}

/** The part of off-deal credit counted as out of the SE's reach, per class. */
export const OUT_OF_REACH: Readonly<Record<ControllabilityClass, Rational>> = {
  high: ONE,
  medium: Rational.of(1n, 2n),
  low: ONE,
};

const WHY =
  'Pay tied to territory results the SE does not control generates frustration (the essay): the variable should follow what the SE’s own work moves.';

interface MeasureShare {
  readonly measure: Measure;
  readonly offDeal: Rational;
  readonly outside: Rational;
}

/**
 * Flags a plan whose SEs have most of their variable outside their reach: high when the median
 * SE's outside share exceeds `controllability.max_outside_share` (0.5), medium when the median
 * does not but a third or more of the SEs do.
 */
export function controllability(input: DiagnosticsInput, plan: Plan): Finding[] {
  const members = seMembers(input, plan);
  if (members.length === 0) return [];
  const participated = dealParticipation(input.org);
  const perSe: { id: string; outside: Rational; measures: MeasureShare[] }[] = [];
  for (const { person, statements } of members) {
    const shares: MeasureShare[] = [];
    let weighted = ZERO;
    let weights = ZERO;
    for (const measure of plan.measures) {
      if (measure.metric === 'mbo') {
        if (statements.some((s) => s.measures.some((m) => m.measure === measure))) weights = weights.add(measure.weight);
        continue;
      }
      let total = ZERO;
      let on = ZERO;
      for (const line of yearCreditLines(statements, measure.id)) {
        if (line.credit.sign() <= 0) continue;
        total = total.add(line.credit);
        if (participated(line.deal, person.id)) on = on.add(line.credit);
      }
      if (total.isZero()) continue;
      const offDeal = ONE.sub(on.div(total));
      const outside = offDeal.mul(OUT_OF_REACH[controllabilityClass(measure.metric, measure.credit)]);
      shares.push({ measure, offDeal, outside });
      weighted = weighted.add(measure.weight.mul(outside));
      weights = weights.add(measure.weight);
    }
    if (weights.isZero()) continue;
    perSe.push({ id: person.id, outside: weighted.div(weights), measures: shares });
  }
  if (perSe.length === 0) return [];
  const threshold = exact(input.config.controllability.maxOutsideShare);
  const outsides = perSe.map((p) => p.outside);
  const mid = median(outsides) ?? ZERO;
  const above = perSe.filter((p) => p.outside.gt(threshold));
  const high = mid.gt(threshold);
  if (!high && above.length * 3 < perSe.length) return [];
  const measures = plan.measures.map((measure) => {
    const cls = controllabilityClass(measure.metric, measure.credit);
    const own = perSe.flatMap((p) => p.measures.filter((x) => x.measure === measure));
    return {
      measure,
      cls,
      offDeal: median(own.map((x) => x.offDeal)),
      outside: median(own.map((x) => x.outside)),
    };
  });
  // The measure that puts the most variable out of reach: weight × median outside share.
  const worst = measures
    .filter((m) => m.outside !== undefined && m.outside.sign() > 0)
    .sort((a, b) => b.measure.weight.mul(b.outside ?? ZERO).cmp(a.measure.weight.mul(a.outside ?? ZERO)))[0];
  const worstText = worst
    ? `; measure ${worst.measure.id} (credit ${worst.measure.credit}, ${worst.cls} controllability, weight ${num(worst.measure.weight)}) credits the median SE ${pct(worst.offDeal ?? ZERO)} from deals they were not on`
    : '';
  const territory = plan.measures.filter((m) => m.metric !== 'mbo' && m.credit === 'territory').map((m) => m.id);
  const pod = plan.measures.filter((m) => m.metric !== 'mbo' && m.credit === 'pod').map((m) => m.id);
  const changes: string[] = [];
  if (territory.length > 0) changes.push(`credit ${listText(territory)} by pod (the SE's own team) or overlay (the deals they work) instead of territory`);
  if (pod.length > 0) changes.push(`credit ${listText(pod)} by overlay or split (the deals they work), or make pods small enough that an SE works most of their deals`);
  changes.push('move weight from team bookings to technical wins and customer outcomes');
  return [
    {
      rule: 'controllability',
      severity: high ? 'high' : 'medium',
      plan: plan.id,
      measure: worst?.measure.id,
      message: high
        ? `The median SE on ${plan.id} has ${pct(mid)} of their variable outside their reach (threshold ${pct(threshold, 0)})${worstText}.`
        : `${above.length} of ${plural(perSe.length, 'SE')} on ${plan.id} have more than ${pct(threshold, 0)} of their variable outside their reach (median ${pct(mid)})${worstText}.`,
      why: WHY,
      evidence: {
        se_count: perSe.length,
        outside_share: spread(outsides),
        max_outside_share: input.config.controllability.maxOutsideShare,
        above_threshold: above.map((p) => p.id),
        measures: measures.map((m) => ({
          measure: m.measure.id,
          metric: m.measure.metric,
          credit: m.measure.metric === 'mbo' ? null : m.measure.credit,
          class: m.cls,
          weight: num(m.measure.weight),
          off_deal_share_median: m.offDeal === undefined ? null : num(m.offDeal),
          outside_share_median: m.measure.metric === 'mbo' ? 0 : m.outside === undefined ? null : num(m.outside),
        })),
        people: perSe.map((p) => ({
          person_id: p.id,
          outside_share: num(p.outside),
          off_deal_share: Object.fromEntries(p.measures.map((x) => [x.measure.id, num(x.offDeal)])),
        })),
      },
      fix: `Pay on what the SE reaches: ${changes.join('; or ')} — until the median outside share is under ${pct(threshold, 0)}.`,
    },
  ];
}
