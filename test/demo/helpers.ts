/** Shared helpers for the demo-org tests: serialise, parse and check a generated org. */
import { parse } from 'csv-parse/sync';
import type { DemoFile, DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { orgTexts } from '../../src/io/write-org-files.js';

export type Row = Record<string, string>;

/** The file's bytes as `writeOrgFiles` writes them. */
export function serialise(file: DemoFile): string {
  return orgTexts({ files: [file] }).get(file.path) ?? '';
}

/** Every file of an org, serialised, by path. */
export function serialiseOrg(org: DemoOrg): Map<string, string> {
  return orgTexts(org);
}

/** Parse a CSV text with csv-parse (records keyed by header). */
export function parseCsv(text: string): Row[] {
  const records: unknown = parse(text, { columns: true, skip_empty_lines: false });
  if (!Array.isArray(records)) throw new Error('csv-parse returned no records');
  return records.map((r: unknown) => {
    const row: Row = {};
    if (typeof r === 'object' && r !== null) {
      for (const [k, v] of Object.entries(r)) row[k] = typeof v === 'string' ? v : String(v);
    }
    return row;
  });
}

/** The rows of one CSV file of an org, parsed. */
export function csvRows(org: DemoOrg, path: string): Row[] {
  const file = org.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  return parseCsv(serialise(file));
}

/** A row's field (throws when the column is missing, so typos fail loudly). */
export function field(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`no column ${column}`);
  return value;
}

const DAY = 86_400_000;
function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY;
}

function quarters(fy: number): { label: string; from: number; to: number }[] {
  return [1, 2, 3, 4].map((q) => ({
    label: `${fy}-Q${q}`,
    from: Date.UTC(fy, 3 * (q - 1), 1) / DAY,
    to: Date.UTC(fy, 3 * q, 1) / DAY - 1,
  }));
}

/**
 * Check the validity rules of docs/calculation.md that a generated org must meet, independently
 * of the loader: returns every problem found (empty when valid).
 */
export function checkValidity(org: DemoOrg, fy: number): string[] {
  const problems: string[] = [];
  const people = csvRows(org, 'people.csv');
  const deals = csvRows(org, 'deals.csv');
  const team = csvRows(org, 'deal_team.csv');
  const quotas = csvRows(org, 'quotas.csv');
  const mbo = csvRows(org, 'mbo.csv');
  const fx = csvRows(org, 'fx.csv');
  const adjustments = csvRows(org, 'adjustments.csv');
  const ids = new Set(people.map((p) => field(p, 'id')));
  if (ids.size !== people.length) problems.push('duplicate person ids');
  const planOf = (p: Row): string => (field(p, 'plan') !== '' ? field(p, 'plan') : field(p, 'role') === 'AE' ? `ae-${fy}` : '');
  const onPlan = people.filter((p) => planOf(p) !== '');
  const yearStart = Date.UTC(fy, 0, 1) / DAY;
  const yearEnd = Date.UTC(fy + 1, 0, 1) / DAY - 1;
  const activeIn = (p: Row, from: number, to: number): boolean => {
    const hire = field(p, 'hire_date') === '' ? -Infinity : day(field(p, 'hire_date'));
    const end = field(p, 'end_date') === '' ? Infinity : day(field(p, 'end_date'));
    return Math.max(hire, from, yearStart) <= Math.min(end, to, yearEnd);
  };
  const personalRow = (id: string, measure: string): boolean =>
    quotas.some((q) => field(q, 'person_id') === id && field(q, 'measure') === measure && field(q, 'period') === String(fy) && Number(field(q, 'target')) > 0);
  const teamRow = (teamKey: string, measure: string): boolean =>
    teamKey !== '' &&
    quotas.some((q) => field(q, 'person_id') === '' && field(q, 'team') === teamKey && field(q, 'measure') === measure && Number(field(q, 'target')) > 0);
  for (const p of people) {
    const id = field(p, 'id');
    const manager = field(p, 'manager_id');
    if (manager !== '' && !ids.has(manager)) problems.push(`${id}: unknown manager ${manager}`);
    if (field(p, 'end_date') !== '' && field(p, 'end_date') < field(p, 'hire_date')) problems.push(`${id}: ends before hire`);
  }
  for (const p of onPlan) {
    const id = field(p, 'id');
    const plan = planOf(p);
    if (!(Number(field(p, 'target_incentive')) > 0)) problems.push(`${id}: on ${plan} without target_incentive`);
    if (!activeIn(p, yearStart, yearEnd)) continue;
    if (plan === `ae-${fy}` && !personalRow(id, `ae-${fy}/bookings`)) problems.push(`${id}: no AE quota`);
    if (plan === `se-pod-${fy}`) {
      if (!teamRow(field(p, 'team'), `se-pod-${fy}/bookings`) && !personalRow(id, `se-pod-${fy}/bookings`)) problems.push(`${id}: no pod quota`);
      for (const q of quarters(fy)) {
        if (!activeIn(p, q.from, q.to)) continue;
        const has = mbo.some((m) => field(m, 'person_id') === id && field(m, 'measure') === 'customer_outcomes' && field(m, 'period') === q.label);
        if (!has) problems.push(`${id}: no mbo score for ${q.label}`);
      }
    }
    if (plan === `se-territory-${fy}` && !personalRow(id, `se-territory-${fy}/bookings`)) problems.push(`${id}: no territory quota`);
    if (plan.startsWith('se-') && !personalRow(id, 'tech_wins')) problems.push(`${id}: no technical-win target`);
  }
  const currencies = new Set([...people.map((p) => field(p, 'currency')), ...deals.map((d) => field(d, 'currency'))]);
  for (const c of currencies) {
    if (c === 'USD' || c === '') continue;
    for (let m = 1; m <= 12; m += 1) {
      const period = `${fy}-M${String(m).padStart(2, '0')}`;
      const rates = fx.filter((r) => field(r, 'currency') === c && field(r, 'period') === period);
      if (rates.length !== 1 || !(Number(field(rates[0] ?? {}, 'rate_to_org_currency')) > 0)) problems.push(`fx: ${c} ${period}`);
    }
  }
  const dealIds = new Set<string>();
  for (const d of deals) {
    const id = field(d, 'id');
    dealIds.add(id);
    if (!ids.has(field(d, 'owner_id'))) problems.push(`${id}: unknown owner`);
    if (!/^\d+\.\d{2}$/.test(field(d, 'amount')) || Number(field(d, 'amount')) <= 0) problems.push(`${id}: bad amount`);
    const stage = field(d, 'stage');
    const close = field(d, 'close_date');
    if ((stage === 'closed_won' || stage === 'closed_lost') && !close.startsWith(String(fy))) problems.push(`${id}: closed outside FY`);
    const tw = field(d, 'technical_win_date');
    if (tw !== '' && !(tw < close)) problems.push(`${id}: technical win not before close`);
    if ((tw !== '') !== (field(d, 'technical_win') === 'true')) problems.push(`${id}: technical win date without win`);
    const churn = field(d, 'churn_date');
    if (churn !== '' && (churn < close || stage !== 'closed_won' || !churn.startsWith(String(fy)))) problems.push(`${id}: bad churn date`);
  }
  if (dealIds.size !== deals.length) problems.push('duplicate deal ids');
  const members = new Map<string, Row[]>();
  for (const t of team) {
    if (!dealIds.has(field(t, 'deal_id'))) problems.push(`team: unknown deal ${field(t, 'deal_id')}`);
    if (!ids.has(field(t, 'person_id'))) problems.push(`team: unknown person ${field(t, 'person_id')}`);
    const list = members.get(field(t, 'deal_id')) ?? [];
    list.push(t);
    members.set(field(t, 'deal_id'), list);
  }
  for (const [dealId, list] of members) {
    if (new Set(list.map((t) => field(t, 'person_id'))).size !== list.length) problems.push(`${dealId}: person twice`);
    const given = list.filter((t) => field(t, 'split') !== '').map((t) => Math.round(Number(field(t, 'split')) * 100));
    const total = given.reduce((a, b) => a + b, 0);
    if (total > 100 || (given.length === list.length && total !== 100)) problems.push(`${dealId}: splits ${total / 100}`);
  }
  for (const a of adjustments) {
    const person = people.find((p) => field(p, 'id') === field(a, 'person_id'));
    const q = quarters(fy).find((x) => x.label === field(a, 'period'));
    if (!person || planOf(person) === '' || !q || !activeIn(person, q.from, q.to)) problems.push(`adjustment for ${field(a, 'person_id')} lands on no statement`);
    if (!ids.has(field(a, 'approver'))) problems.push(`adjustment approver ${field(a, 'approver')} unknown`);
  }
  return problems;
}

/** A plan file's id, the roles its `applies_to` names, and its effective range (read with regexes). */
interface PlanHead {
  id: string;
  roles: string[];
  from: string;
  to: string;
}

function planHeads(org: DemoOrg): PlanHead[] {
  return org.files.flatMap((f) => {
    if (f.kind !== 'text' || !f.path.startsWith('plans/')) return [];
    const id = /^id: (\S+)$/m.exec(f.text)?.[1];
    const effective = /^effective: \{ from: (\d{4}-\d{2}-\d{2}), to: (\d{4}-\d{2}-\d{2}) \}$/m.exec(f.text);
    if (id === undefined || !effective) throw new Error(`${f.path}: no id or effective range`);
    const appliesTo = /^applies_to: \{ role: (\[[^\]]*\]|\w+) \}$/m.exec(f.text)?.[1];
    const roles = appliesTo === undefined ? [] : appliesTo.replace(/[[\]]/g, '').split(',').map((r) => r.trim()).filter((r) => r !== '');
    return [{ id, roles, from: effective[1] ?? '', to: effective[2] ?? '' }];
  });
}

/**
 * The payees of an org, computed from the files alone (not the engine): people on a plan — by
 * people.csv `plan`, or by `role` matching a plan's `applies_to` when `plan` is blank — with at
 * least one active day on it in fiscal year `fy`.
 */
export function payees(org: DemoOrg, fy: number): Row[] {
  const plans = planHeads(org);
  const yearStart = `${fy}-01-01`;
  const yearEnd = `${fy}-12-31`;
  return csvRows(org, 'people.csv').filter((p) => {
    const plan = field(p, 'plan');
    const on = plans.filter((h) => (plan !== '' ? h.id === plan : h.roles.includes(field(p, 'role'))));
    if (plan !== '' && on.length === 0) throw new Error(`${field(p, 'id')}: unknown plan ${plan}`);
    return on.some((h) => {
      const from = [field(p, 'hire_date'), h.from, yearStart].reduce((a, b) => (a > b ? a : b));
      const end = field(p, 'end_date');
      const to = [end === '' ? yearEnd : end, h.to, yearEnd].reduce((a, b) => (a < b ? a : b));
      return from <= to;
    });
  });
}
