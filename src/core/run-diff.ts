/**
 * The difference between two sets of statements of one period (a recalculation against the last
 * approved run): who gains or loses how much, and why — the lines that changed. Pure and exact:
 * amounts are the statements' decimal strings, subtracted as exact decimals.
 */
import { minorUnits } from './currency.js';
import type { StatementJson } from './output.js';
import { formatMoney, parseDecimal, ZERO, type Rational } from './rational.js';

export interface LineChange {
  /** `measure:<id>`, `spiff:<id>:<deal>` or `adjustment:<period>:<reason>`. */
  readonly line: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly delta: string;
  /** For a measure: what moved (credited, attainment, factor), in words. */
  readonly why: string;
}

export interface PersonChange {
  readonly person_id: string;
  readonly plan: string;
  readonly period: string;
  readonly currency: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly delta: string;
  readonly lines: readonly LineChange[];
}

export interface RunDiff {
  /** Statements whose total or any line changed, by delta: the largest gain first, the largest loss last. */
  readonly changes: readonly PersonChange[];
  /** Per currency: the sum of the deltas. */
  readonly net: Readonly<Record<string, string>>;
  readonly unchanged: number;
}

const dec = (s: string | null | undefined): Rational => (s === null || s === undefined ? ZERO : (parseDecimal(s) ?? ZERO));
const money = (r: Rational, currency: string) => formatMoney(r, minorUnits(currency), 'half_even');
const key = (s: StatementJson) => `${s.person_id}\u0000${s.plan}\u0000${s.period}\u0000${s.currency}`;

function lineValues(s: StatementJson | undefined): Map<string, { amount: string; why: string }> {
  const out = new Map<string, { amount: string; why: string }>();
  if (!s) return out;
  for (const m of s.measures) out.set(`measure:${m.id}`, { amount: m.payout, why: `credited ${m.credited} of quota ${m.quota}, attainment ${m.attainment}, factor ${m.factor}` });
  const spiffs = new Map<string, Rational>();
  for (const sp of s.spiffs) spiffs.set(`spiff:${sp.id}:${sp.deal_id}`, (spiffs.get(`spiff:${sp.id}:${sp.deal_id}`) ?? ZERO).add(dec(sp.payout)));
  for (const [k, v] of spiffs) out.set(k, { amount: money(v, s.currency), why: 'SPIF award' });
  const adjustments = new Map<string, Rational>();
  for (const a of s.adjustments) adjustments.set(`adjustment:${a.period}:${a.reason}`, (adjustments.get(`adjustment:${a.period}:${a.reason}`) ?? ZERO).add(dec(a.amount)));
  for (const [k, v] of adjustments) out.set(k, { amount: money(v, s.currency), why: 'adjustment' });
  return out;
}

function describe(before: { amount: string; why: string } | undefined, after: { amount: string; why: string } | undefined): string {
  if (!before) return `new line: ${after?.why ?? ''}`;
  if (!after) return `line removed (was: ${before.why})`;
  return before.why === after.why ? after.why : `${before.why} → ${after.why}`;
}

export function diffStatements(baseline: readonly StatementJson[], next: readonly StatementJson[]): RunDiff {
  const old = new Map(baseline.map((s) => [key(s), s]));
  const now = new Map(next.map((s) => [key(s), s]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: PersonChange[] = [];
  const net = new Map<string, Rational>();
  let unchanged = 0;
  for (const k of keys) {
    const a = old.get(k);
    const b = now.get(k);
    const s = (b ?? a) as StatementJson;
    const la = lineValues(a);
    const lb = lineValues(b);
    const lines: LineChange[] = [];
    for (const line of [...new Set([...la.keys(), ...lb.keys()])].sort()) {
      const x = la.get(line);
      const y = lb.get(line);
      if (x?.amount === y?.amount && x?.why === y?.why) continue;
      lines.push({ line, before: x?.amount ?? null, after: y?.amount ?? null, delta: money(dec(y?.amount).sub(dec(x?.amount)), s.currency), why: describe(x, y) });
    }
    const delta = dec(b?.total).sub(dec(a?.total));
    if (lines.length === 0 && delta.isZero() && a && b) {
      unchanged++;
      continue;
    }
    net.set(s.currency, (net.get(s.currency) ?? ZERO).add(delta));
    changes.push({ person_id: s.person_id, plan: s.plan, period: s.period, currency: s.currency, before: a?.total ?? null, after: b?.total ?? null, delta: money(delta, s.currency), lines });
  }
  changes.sort((x, y) => dec(y.delta).cmp(dec(x.delta)) || (x.person_id < y.person_id ? -1 : x.person_id > y.person_id ? 1 : 0));
  return { changes, net: Object.fromEntries([...net].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, v]) => [c, money(v, c)])), unchanged };
}
