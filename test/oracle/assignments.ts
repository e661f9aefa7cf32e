import type { Day } from './dates.js';
import type { Org, Person, Plan } from './model.js';
import type { Period } from './periods.js';

/** One person on one plan file, with the inclusive range of their active days (never empty). */
export interface Assignment {
  readonly person: Person;
  readonly plan: Plan;
  readonly from: Day;
  readonly to: Day;
}

export function plansOf(org: Org, person: Person): Plan[] {
  if (person.plan !== '') {
    const plans = org.plans.filter((p) => p.id === person.plan);
    if (plans.length === 0) throw new Error(`people.csv: ${person.id} names unknown plan ${person.plan}`);
    return plans;
  }
  return org.plans.filter((p) => p.roles?.includes(person.role) ?? false);
}

export function buildAssignments(org: Org): Assignment[] {
  const out: Assignment[] = [];
  for (const person of org.people) {
    const mine: Assignment[] = [];
    for (const plan of plansOf(org, person)) {
      const from = Math.max(person.hireDate ?? -Infinity, plan.from);
      const to = Math.min(person.endDate ?? Infinity, plan.to);
      if (from <= to) mine.push({ person, plan, from, to });
    }
    mine.sort((a, b) => a.from - b.from);
    for (let i = 1; i < mine.length; i++) {
      const prev = mine[i - 1];
      const cur = mine[i];
      if (prev !== undefined && cur !== undefined && cur.from <= prev.to) {
        throw new Error(`people.csv: ${person.id} is on two plans on one day`);
      }
    }
    if (mine.length > 0 && person.targetIncentive === undefined) {
      throw new Error(`people.csv: ${person.id} is on a plan but has no target_incentive`);
    }
    out.push(...mine);
  }
  return out;
}

export function isActiveOn(a: Assignment, day: Day): boolean {
  return a.from <= day && day <= a.to;
}

export function activeDaysIn(a: Assignment, p: Period): number {
  return Math.max(0, Math.min(a.to, p.end) - Math.max(a.from, p.start) + 1);
}

/** The assignment a person is active on that day, if any (at most one by construction). */
export function assignmentOn(all: readonly Assignment[], personId: string, day: Day): Assignment | undefined {
  return all.find((a) => a.person.id === personId && isActiveOn(a, day));
}
