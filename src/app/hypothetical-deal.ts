/**
 * Builds a hypothetical deal for what-if questions from `key=value,…` text, validated by the same
 * schema as a deals.csv row.
 */
import type { ExtraDeal } from '../core/calculate.js';
import type { DealTeamMember, Org, Person, Problem } from '../core/model.js';
import { ONE, parseDecimal } from '../core/rational.js';
import { dealFromRow } from '../io/parse-org.js';
import { csvSchemas } from '../io/schemas.js';
import { InvalidInputError } from './org-session.js';

const WHERE = '--deal';

/**
 * Parses `amount=50000,close_date=2026-08-14[,owner_id=ae-3][,team=se-1|se-2:0.25][,…]` into a deal
 * and its team. Defaults: the person owns it and is its only team member, it is closed_won, in the
 * org currency and the person's territory.
 */
export function hypotheticalDeal(text: string, org: Org, person: Person, index = 1): ExtraDeal {
  const schema = csvSchemas(org.settings.calendar).deals;
  const known = new Set([...Object.keys(schema.shape), 'team', ...org.filterColumns]);
  const given = new Map<string, string>();
  const problems: Problem[] = [];
  const fail = (column: string, message: string) => problems.push({ severity: 'error', file: WHERE, line: index, column, message });
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      fail(part.trim(), `"${part.trim()}" is not key=value`);
      continue;
    }
    const key = part.slice(0, eq).trim().toLowerCase();
    if (!known.has(key)) fail(key, `unknown key "${key}" (use deals.csv columns such as amount, close_date, type, owner_id, territory, technical_win; or team=ID|ID:SPLIT)`);
    given.set(key, part.slice(eq + 1).trim());
  }
  for (const required of ['amount', 'close_date']) if (!given.has(required)) fail(required, `${required}= is required`);
  const row: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) row[key] = '';
  Object.assign(row, { id: `whatif-${index}`, name: 'hypothetical deal', owner_id: person.id, stage: 'closed_won', territory: person.territory, technical_win: 'false', poc: 'false' });
  for (const [k, v] of given) if (k in row) row[k] = v;
  const parsed = schema.safeParse(row);
  if (!parsed.success) for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? ''), issue.message);
  const people = new Set(org.people.map((p) => p.id));
  if (!people.has(row.owner_id ?? '')) fail('owner_id', `owner "${row.owner_id ?? ''}" is not in people.csv`);
  if (org.deals.some((d) => d.id === row.id)) fail('id', `deal id "${row.id ?? ''}" already exists in deals.csv`);
  const team: DealTeamMember[] = [];
  for (const entry of (given.get('team') ?? person.id).split('|')) {
    if (entry.trim() === '') continue;
    const [id = '', splitText] = entry.split(':').map((s) => s.trim());
    if (!people.has(id)) fail('team', `team member "${id}" is not in people.csv`);
    const split = splitText === undefined ? undefined : parseDecimal(splitText);
    if (splitText !== undefined && split === undefined) fail('team', `split "${splitText}" is not a decimal`);
    team.push({ dealId: row.id ?? '', personId: id, role: 'whatif', split, hours: ONE, line: 0 });
  }
  if (problems.length > 0 || !parsed.success) throw new InvalidInputError(problems, WHERE);
  const deal = dealFromRow(
    parsed.data,
    org.settings.currency,
    org.filterColumns.map((c) => given.get(c) ?? row[c] ?? ''),
    0,
  );
  return { deal, team };
}
