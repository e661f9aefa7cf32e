import { assignmentOn, isActiveOn, type Assignment } from './assignments.js';
import type { Day } from './dates.js';
import { passesFilter, withImplicitStage } from './filter.js';
import { convert } from './fx.js';
import type { CreditRule, Deal, Measure, Org, Plan } from './model.js';
import { Rational } from './rational.js';

/** One credit (or clawback) of one deal to one person under one plan file's measure id. */
export interface Credit {
  readonly personId: string;
  readonly plan: Plan;
  readonly measureId: string;
  readonly dealId: string;
  readonly date: Day;
  /** In the person's currency for bookings; a count share otherwise. Negative for a clawback. */
  readonly value: Rational;
  readonly clawback: boolean;
}

interface Share {
  readonly personId: string;
  readonly share: Rational;
}

export function shares(org: Org, rule: CreditRule, deal: Deal): Share[] {
  const members = org.team.filter((m) => m.dealId === deal.id);
  switch (rule) {
    case 'owner':
      return org.people.some((p) => p.id === deal.ownerId) ? [{ personId: deal.ownerId, share: Rational.ONE }] : [];
    case 'overlay':
      return members.map((m) => ({ personId: m.personId, share: Rational.ONE }));
    case 'split': {
      const given = Rational.sum(members.flatMap((m) => (m.split === undefined ? [] : [m.split])));
      const blanks = members.filter((m) => m.split === undefined).length;
      const rest = blanks === 0 ? Rational.ZERO : Rational.ONE.sub(given).div(Rational.of(blanks));
      return members.map((m) => ({ personId: m.personId, share: m.split ?? rest }));
    }
    case 'activity': {
      const total = Rational.sum(members.map((m) => m.hours));
      if (total.isZero()) return [];
      return members.map((m) => ({ personId: m.personId, share: m.hours.div(total) }));
    }
    case 'pod': {
      const owner = org.people.find((p) => p.id === deal.ownerId);
      if (owner === undefined || owner.team === '') return [];
      return org.people.filter((p) => p.team === owner.team).map((p) => ({ personId: p.id, share: Rational.ONE }));
    }
    case 'territory':
      if (deal.territory === '') return [];
      return org.people.filter((p) => p.territory === deal.territory).map((p) => ({ personId: p.id, share: Rational.ONE }));
  }
}

/** The date a metric dates a deal by, or undefined when the deal does not count for it at all. */
function metricDate(measure: Measure, deal: Deal): Day | undefined {
  switch (measure.metric) {
    case 'bookings':
    case 'deals_supported':
      return deal.closeDate;
    case 'technical_wins':
      return deal.technicalWin ? (deal.technicalWinDate ?? deal.closeDate) : undefined;
    case 'mbo':
      return undefined;
  }
}

function creditsOfMeasure(org: Org, assignments: readonly Assignment[], plan: Plan, measure: Measure): Credit[] {
  const out: Credit[] = [];
  const rule = measure.credit;
  if (rule === undefined) throw new Error(`${plan.file}: measure ${measure.id} has no credit rule`);
  const filter = measure.metric === 'bookings' ? withImplicitStage(measure.filter) : measure.filter;
  for (const deal of org.deals) {
    if (!passesFilter(filter, deal)) continue;
    const date = metricDate(measure, deal);
    if (date === undefined) continue;
    for (const { personId, share } of shares(org, rule, deal)) {
      const assignment = assignments.find((a) => a.person.id === personId && a.plan === plan);
      if (assignment === undefined || !isActiveOn(assignment, date)) continue;
      const value =
        measure.metric === 'bookings'
          ? share.mul(convert(org.fx, org.currency, deal.amount, deal.currency, assignment.person.currency, date))
          : share;
      out.push({ personId, plan, measureId: measure.id, dealId: deal.id, date, value, clawback: false });
    }
  }
  return out;
}

/** The exact negative of a churned deal's credit, landing on the plan the person is on at churn. */
function clawbackOf(org: Org, assignments: readonly Assignment[], credit: Credit): Credit | undefined {
  const deal = org.deals.find((d) => d.id === credit.dealId);
  const within = credit.plan.clawbackWithinDays;
  if (deal?.churnDate === undefined || deal.closeDate === undefined || within === undefined) return undefined;
  if (deal.churnDate - deal.closeDate > within) return undefined;
  const landing = assignmentOn(assignments, credit.personId, deal.churnDate);
  const measure = landing?.plan.measures.find((m) => m.id === credit.measureId);
  if (landing === undefined || measure === undefined || measure.metric === 'mbo') return undefined; // dropped (warning)
  return { ...credit, plan: landing.plan, date: deal.churnDate, value: credit.value.neg(), clawback: true };
}

export function computeCredits(org: Org, assignments: readonly Assignment[]): Credit[] {
  const credits: Credit[] = [];
  for (const plan of org.plans) {
    for (const measure of plan.measures) {
      if (measure.metric !== 'mbo') credits.push(...creditsOfMeasure(org, assignments, plan, measure));
    }
  }
  const clawbacks = credits.flatMap((c) => {
    const back = clawbackOf(org, assignments, c);
    return back === undefined ? [] : [back];
  });
  return [...credits, ...clawbacks];
}
