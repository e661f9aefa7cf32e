/**
 * Checks across rows and files of an org: duplicate ids, references to unknown people, deals and
 * plans, deal-team splits, overlapping quota/score rows, fx rows, plan versions. Each problem names
 * the file, line and column where it can be fixed.
 */
import { formatDay, intersect } from './dates.js';
import { DealBook } from './deal-book.js';
import type { Org, Problem } from './model.js';
import { ONE, ZERO, type Rational } from './rational.js';

/**
 * Ids of people.csv and deals.csv rows that were rejected for another reason (so references to them
 * are not reported again), or undefined when the file could not be read at all (then references
 * into it are not checked: one broken file must not cascade into an error for every row pointing
 * at it).
 */
export interface RejectedIds {
  readonly people: readonly string[] | undefined;
  readonly deals: readonly string[] | undefined;
}

/** Cross-file validation of an org. */
export function validateOrg(org: Org, rejected: RejectedIds = { people: [], deals: [] }): Problem[] {
  const problems: Problem[] = [];
  const error = (file: string, line: number, column: string, message: string) => problems.push({ severity: 'error', file, line, column, message });
  const warn = (file: string, line: number, column: string, message: string) => problems.push({ severity: 'warning', file, line, column, message });

  // people.csv
  const people = new Map<string, number>();
  const book = DealBook.of(org);
  const deals = book.indexById;
  for (const p of org.people) {
    const first = people.get(p.id);
    if (first !== undefined) error('people.csv', p.line, 'id', `duplicate person id "${p.id}" (first on line ${first})`);
    else people.set(p.id, p.line);
    if (p.hireDate !== undefined && p.endDate !== undefined && p.endDate < p.hireDate) {
      error('people.csv', p.line, 'end_date', `end_date ${formatDay(p.endDate)} is before hire_date ${formatDay(p.hireDate)}`);
    }
  }
  const rejectedPeople = new Set(rejected.people ?? []);
  const rejectedDeals = new Set(rejected.deals ?? []);
  const known = {
    people: rejected.people === undefined ? undefined : { has: (id: string) => people.has(id) || rejectedPeople.has(id) },
    deals: rejected.deals === undefined ? undefined : { has: (id: string) => deals.has(id) || rejectedDeals.has(id) },
  };

  const planIds = new Set(org.plans.map((p) => p.id));
  for (const p of org.people) {
    if (p.plan !== '' && !planIds.has(p.plan)) error('people.csv', p.line, 'plan', `plan "${p.plan}" matches no plan id in plans/`);
    if (p.managerId !== '' && known.people && !known.people.has(p.managerId)) warn('people.csv', p.line, 'manager_id', `manager "${p.managerId}" is not in people.csv`);
  }

  // plans: versions of one id must not overlap
  const byId = new Map<string, typeof org.plans>();
  for (const plan of org.plans) byId.set(plan.id, [...(byId.get(plan.id) ?? []), plan]);
  for (const versions of byId.values()) {
    for (let i = 1; i < versions.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = versions[j];
        const b = versions[i];
        if (a && b && intersect(a.effective, b.effective)) {
          error(b.file, 1, 'id', `plan id "${b.id}" is also used by ${a.file} with an overlapping effective range; versions of a plan must not overlap`);
        }
      }
    }
  }

  // deals.csv
  for (const i of book.duplicates) {
    const d = org.deals[i];
    const first = d ? org.deals[deals.get(d.id) ?? -1] : undefined;
    if (d && first) error('deals.csv', d.line, 'id', `duplicate deal id "${d.id}" (first on line ${first.line})`);
  }
  for (const d of org.deals) {
    if (known.people && !known.people.has(d.ownerId)) warn('deals.csv', d.line, 'owner_id', `deal owner "${d.ownerId}" is not in people.csv`);
    if (d.churnDate !== undefined) {
      if (d.closeDate === undefined) error('deals.csv', d.line, 'churn_date', 'churn_date is set but close_date is blank');
      else if (d.churnDate < d.closeDate) error('deals.csv', d.line, 'churn_date', `churn_date ${formatDay(d.churnDate)} is before close_date ${formatDay(d.closeDate)}`);
    }
  }

  // deal_team.csv
  const team = org.dealTeam;
  for (let r = 0; r < team.length; r++) {
    const dealId = team.dealIds[r] ?? '';
    const personId = team.personIds[r] ?? '';
    const line = team.lines[r] ?? 0;
    if (book.rowDeal[r] === -1 && rejected.deals !== undefined && !rejectedDeals.has(dealId)) error('deal_team.csv', line, 'deal_id', `deal "${dealId}" is not in deals.csv`);
    if (!people.has(personId) && rejected.people !== undefined && !rejectedPeople.has(personId)) {
      error('deal_team.csv', line, 'person_id', `person "${personId}" is not in people.csv`);
    }
  }
  for (let d = 0; d < org.deals.length; d++) {
    const rows = book.teamOf(d);
    if (rows.length === 0) continue;
    const dealId = org.deals[d]?.id ?? '';
    let given: Rational = ZERO;
    let blanks = 0;
    let firstLine = Infinity;
    const seen: number[] = [];
    for (const r of rows) {
      const personId = team.personIds[r] ?? '';
      if (!people.has(personId)) continue;
      const dup = seen.find((x) => team.personIds[x] === personId);
      if (dup !== undefined) {
        error('deal_team.csv', team.lines[r] ?? 0, 'person_id', `${personId} is already on deal ${dealId} (line ${team.lines[dup] ?? 0}); a person appears at most once per deal`);
        continue;
      }
      seen.push(r);
      firstLine = Math.min(firstLine, team.lines[r] ?? 0);
      const split = team.splits[r];
      if (split === undefined) blanks++;
      else given = given.add(split);
    }
    if (seen.length === 0) continue;
    if (given.gt(ONE)) error('deal_team.csv', firstLine, 'split', `splits on deal ${dealId} add up to ${given.reduce().toFraction()}, more than 1`);
    else if (blanks === 0 && !given.eq(ONE)) error('deal_team.csv', firstLine, 'split', `splits on deal ${dealId} add up to ${given.reduce().toFraction()}; with no blank split they must add up to exactly 1`);
  }

  // quotas.csv and mbo.csv
  const measureIds = new Set(org.plans.flatMap((p) => p.measures.map((m) => m.id)));
  const knownMeasure = (planId: string | undefined, measureId: string) =>
    planId === undefined ? measureIds.has(measureId) : org.plans.some((p) => p.id === planId && p.measures.some((m) => m.id === measureId));
  const teamsInUse = new Set(org.people.map((p) => p.team).filter((t) => t !== ''));
  const overlap = new Map<string, { from: number; to: number; line: number }[]>();
  for (const q of org.quotas) {
    const label = q.planId === undefined ? q.measureId : `${q.planId}/${q.measureId}`;
    if (q.personId === '' && q.team === '') {
      error('quotas.csv', q.line, 'person_id', 'a quota row needs a person_id or a team');
      continue;
    }
    if (q.personId !== '' && known.people && !known.people.has(q.personId)) error('quotas.csv', q.line, 'person_id', `person "${q.personId}" is not in people.csv`);
    if (q.personId === '' && !teamsInUse.has(q.team)) warn('quotas.csv', q.line, 'team', `no one in people.csv is on team "${q.team}"`);
    if (q.planId !== undefined && !planIds.has(q.planId)) warn('quotas.csv', q.line, 'measure', `"${label}" names plan "${q.planId}", which does not exist`);
    else if (!knownMeasure(q.planId, q.measureId)) warn('quotas.csv', q.line, 'measure', `"${label}" names a measure no plan has`);
    const key = `${q.personId === '' ? `team:${q.team}` : `person:${q.personId}`}\u0000${q.measureId}`;
    const seen = overlap.get(key) ?? [];
    const clash = seen.find((s) => intersect(s, q.period));
    if (clash) {
      error('quotas.csv', q.line, 'period', `quota rows overlap in time for ${q.personId === '' ? `team ${q.team}` : q.personId}, measure ${q.measureId}: ${q.period.label} overlaps line ${clash.line}`);
    }
    seen.push({ from: q.period.from, to: q.period.to, line: q.line });
    overlap.set(key, seen);
  }
  const mboSeen = new Map<string, { from: number; to: number; line: number }[]>();
  for (const m of org.mbo) {
    const label = m.planId === undefined ? m.measureId : `${m.planId}/${m.measureId}`;
    if (known.people && !known.people.has(m.personId)) error('mbo.csv', m.line, 'person_id', `person "${m.personId}" is not in people.csv`);
    if (!knownMeasure(m.planId, m.measureId)) warn('mbo.csv', m.line, 'measure', `"${label}" names a measure no plan has`);
    const key = `${m.personId}\u0000${m.measureId}`;
    const seen = mboSeen.get(key) ?? [];
    const clash = seen.find((s) => intersect(s, m.period));
    if (clash) error('mbo.csv', m.line, 'period', `mbo rows overlap in time for ${m.personId}, measure ${m.measureId}: ${m.period.label} overlaps line ${clash.line}`);
    seen.push({ from: m.period.from, to: m.period.to, line: m.line });
    mboSeen.set(key, seen);
  }

  // fx.csv
  const fxSeen = new Map<string, number>();
  for (const r of org.fx) {
    const key = `${r.currency}\u0000${r.period.label}`;
    const first = fxSeen.get(key);
    if (first !== undefined) error('fx.csv', r.line, 'period', `a second ${r.currency} rate for ${r.period.label} (first on line ${first}); a rate is unique per currency and period`);
    else fxSeen.set(key, r.line);
    if (r.currency === org.settings.currency && !r.rate.eq(ONE)) {
      error('fx.csv', r.line, 'rate_to_org_currency', `${r.currency} is the org currency; its rate is 1`);
    }
  }

  // adjustments.csv
  for (const a of org.adjustments) {
    if (known.people && !known.people.has(a.personId)) error('adjustments.csv', a.line, 'person_id', `person "${a.personId}" is not in people.csv`);
  }

  // recognition.yaml
  for (const r of org.recognition) {
    for (const c of r.criteria) {
      if (!measureIds.has(c.measureId)) warn('recognition.yaml', 1, 'criteria', `program ${r.id} uses measure "${c.measureId}", which no plan has`);
    }
  }
  return problems;
}
