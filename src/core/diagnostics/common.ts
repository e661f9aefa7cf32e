/**
 * Helpers shared by the diagnostics rules: who counts as an SE or an AE, a plan's statements and
 * people in the analysed year, year attainment and credit per person, medians and number formats.
 * Every computation is exact (rationals); evidence numbers are rounded only when shown.
 */
import type { CreditLine } from '../crediting.js';
import { minorUnits } from '../currency.js';
import { DealBook } from '../deal-book.js';
import type { Deal, Org, Person, Plan } from '../model.js';
import { makePeriod, type Period } from '../periods.js';
import { formatMoney, formatRatio, parseDecimal, Rational, ZERO } from '../rational.js';
import { yearAttainment } from '../recognition.js';
import type { Statement } from '../statement.js';
import { creditLines } from '../trace.js';
import type { DiagnosticsConfig, DiagnosticsInput, RuleId } from './types.js';

/** The rules in report order (the order of the issue that defined them). */
export const RULE_ORDER: readonly RuleId[] = ['pay-mix', 'noise', 'controllability', 'short-term-pressure', 'parity', 'curve-sanity', 'quota-realism'];

/** True when `role` is a Sales Engineer role: `se_roles`, or by default any role starting with "SE". */
export function isSeRole(role: string, config: DiagnosticsConfig): boolean {
  return config.seRoles ? config.seRoles.includes(role) : role.startsWith('SE');
}

/** True when `role` is a sales-peer (AE) role: `ae_roles`, or by default any role starting with "AE". */
export function isAeRole(role: string, config: DiagnosticsConfig): boolean {
  return config.aeRoles ? config.aeRoles.includes(role) : role.startsWith('AE');
}

/** The statements of `plan` (this plan version) in the analysed fiscal year. */
export function planStatements(input: DiagnosticsInput, plan: Plan): Statement[] {
  return input.statements.filter((s) => s.plan === plan && s.period.fy === input.year);
}

/** Statements grouped by person, in person-id order. */
export function byPerson(statements: readonly Statement[]): { person: Person; statements: Statement[] }[] {
  const map = new Map<string, { person: Person; statements: Statement[] }>();
  for (const s of statements) {
    const entry = map.get(s.person.id);
    if (entry) entry.statements.push(s);
    else map.set(s.person.id, { person: s.person, statements: [s] });
  }
  return [...map.values()].sort((a, b) => compareIds(a.person.id, b.person.id));
}

/** The SEs with a statement on `plan` in the year, with their statements, in person-id order. */
export function seMembers(input: DiagnosticsInput, plan: Plan): { person: Person; statements: Statement[] }[] {
  return byPerson(planStatements(input, plan)).filter((m) => isSeRole(m.person.role, input.config));
}

/**
 * True when the SE rules (pay mix, noise, controllability, short-term pressure) apply to `plan`:
 * an SE is on it in the year, or its `applies_to` names an SE role.
 */
export function isSePlan(input: DiagnosticsInput, plan: Plan): boolean {
  return (plan.roles ?? []).some((r) => isSeRole(r, input.config)) || seMembers(input, plan).length > 0;
}

/** Total order on ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The fiscal year as a period. */
export function yearPeriod(input: DiagnosticsInput): Period {
  return makePeriod('year', input.year, 1, input.org.settings.calendar);
}

/**
 * Each person's attainment on `measureId` over the year (cumulative credit over cumulative quota;
 * an mbo measure's mean score), as computed for recognition. People without one are left out.
 */
export function personYearAttainments(statements: readonly Statement[], measureId: string): { person: Person; attainment: Rational }[] {
  const out: { person: Person; attainment: Rational }[] = [];
  for (const { person, statements: own } of byPerson(statements)) {
    const withMeasure = own.filter((s) => s.measures.some((m) => m.measure.id === measureId));
    if (withMeasure.length === 0) continue;
    const mbo = withMeasure.flatMap((s) => s.measures.filter((m) => m.measure.id === measureId && m.kind === 'mbo'));
    if (mbo.length > 0) {
      out.push({ person, attainment: mbo.reduce((a, m) => a.add(m.attainment), ZERO).div(Rational.fromInt(mbo.length)) });
      continue;
    }
    const a = yearAttainment(withMeasure, measureId);
    if (a) out.push({ person, attainment: a.attainment });
  }
  return out;
}

/**
 * The credit lines (not clawbacks) a person's statements counted under `measureId` in the year,
 * each once: a year-to-date measure shows the same line in every later period's window.
 */
export function yearCreditLines(statements: readonly Statement[], measureId: string): CreditLine[] {
  const seen = new Map<string, CreditLine>();
  for (const s of statements) {
    for (const m of s.measures) {
      if (m.measure.id !== measureId || m.kind === 'mbo') continue;
      for (const line of creditLines(m.credits)) {
        if (line.clawback) continue;
        seen.set(`${line.deal.id}\u0000${line.date}`, line);
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.date - b.date || compareIds(a.deal.id, b.deal.id));
}

/** A look-up: was this person the deal's owner or on its deal team? */
export function dealParticipation(org: Org): (deal: Deal, personId: string) => boolean {
  const book = DealBook.of(org);
  const personIds = book.team.personIds;
  return (deal, personId) => {
    if (deal.ownerId === personId) return true;
    const i = book.indexById.get(deal.id);
    if (i === undefined) return false;
    for (const r of book.teamOf(i)) if (personIds[r] === personId) return true;
    return false;
  };
}

/** The ids of the people on a deal's team (from deal_team.csv), in file order. */
export function dealTeamIds(org: Org): (deal: Deal) => string[] {
  const book = DealBook.of(org);
  const personIds = book.team.personIds;
  return (deal) => {
    const i = book.indexById.get(deal.id);
    if (i === undefined) return [];
    return Array.from(book.teamOf(i), (r) => personIds[r] ?? '');
  };
}

/** The median (the mean of the two middle values for an even count); undefined when empty. */
export function median(values: readonly Rational[]): Rational | undefined {
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const n = sorted.length;
  if (n === 0) return undefined;
  const hi = sorted[Math.floor(n / 2)] as Rational;
  if (n % 2 === 1) return hi;
  const lo = sorted[n / 2 - 1] as Rational;
  return lo.add(hi).div(Rational.fromInt(2));
}

/** Smallest, median and largest value, as evidence numbers. */
export function spread(values: readonly Rational[]): { min: number; median: number; max: number } | null {
  const m = median(values);
  if (m === undefined) return null;
  const sorted = [...values].sort((a, b) => a.cmp(b));
  return { min: num(sorted[0] as Rational), median: num(m), max: num(sorted[sorted.length - 1] as Rational) };
}

/** An evidence number: a ratio rounded half-even to 4 decimals. */
export function num(r: Rational, places = 4): number {
  return Number(formatRatio(r, places));
}

/** A ratio as a percentage for messages: `0.1234` → `12.3%`. */
export function pct(r: Rational, places = 1): string {
  return `${formatRatio(r.mul(Rational.fromInt(100)), places)}%`;
}

/** A threshold from org.yaml (a number parsed from a plain decimal) as an exact rational. */
export function exact(n: number): Rational {
  const text = String(n);
  const parsed = parseDecimal(text) ?? parseDecimal(n.toFixed(12));
  if (!parsed) throw new RangeError(`not a finite decimal: ${text}`);
  return parsed;
}

/** A money amount in `currency`, rounded with the org's mode, as a decimal string. */
export function money(r: Rational, currency: string, org: Org): string {
  return formatMoney(r, minorUnits(currency), org.settings.rounding);
}

/** `money` with thousands separators and the currency code, for messages: `12,500.00 USD`. */
export function moneyText(r: Rational, currency: string, org: Org): string {
  return `${groupThousands(money(r, currency, org))} ${currency}`;
}

/** A decimal string with thousands separators in its whole part: `1234567.50` → `1,234,567.50`. */
export function groupThousands(decimal: string): string {
  const [whole = '', frac] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** `a, b, c and 4 more`: at most `limit` items named. */
export function listText(items: readonly string[], limit = 5): string {
  if (items.length <= limit) return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

/** `1 SE`, `3 SEs`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
