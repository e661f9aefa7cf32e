/**
 * What-if: how a person's statements for a period change if a hypothetical deal closes, and the
 * marginal value of the deal. Runs the same engine on the same data plus the deal.
 */
import type { Engine, ExtraDeal } from './calculate.js';
import { statementsInside } from './calculate.js';
import type { Org } from './model.js';
import type { Period } from './periods.js';
import { formatRatio, formatUnits } from './rational.js';
import type { Statement } from './statement.js';
import { textTable } from './text-table.js';
import { statementJson, type StatementJson } from './output.js';

export interface WhatIfResult {
  readonly personId: string;
  readonly period: Period;
  readonly deal: ExtraDeal;
  readonly before: readonly Statement[];
  readonly after: readonly Statement[];
  /** Σ after totals − Σ before totals, in minor units of the person's currency. */
  readonly marginal: bigint;
  readonly currency: string;
  readonly minorDigits: number;
}

/** Recalculates one person with and without the hypothetical deal. */
export function whatIf(engine: Engine, personId: string, period: Period, deal: ExtraDeal): { result: WhatIfResult; problems: ReturnType<Engine['calculatePerson']>['problems'] } {
  const base = engine.calculatePerson(personId);
  const withDeal = engine.withDeals([deal]).calculatePerson(personId);
  const before = statementsInside(base.statements, period);
  const after = statementsInside(withDeal.statements, period);
  const sum = (list: readonly Statement[]) => list.reduce((a, s) => a + s.total, 0n);
  const person = engine.person(personId);
  const sample = after[0] ?? before[0];
  return {
    result: {
      personId,
      period,
      deal,
      before,
      after,
      marginal: sum(after) - sum(before),
      currency: sample?.currency ?? person?.currency ?? engine.org.settings.currency,
      minorDigits: sample?.minorDigits ?? 2,
    },
    problems: withDeal.problems,
  };
}

export interface WhatIfJson {
  readonly person_id: string;
  readonly period: string;
  readonly deal_id: string;
  readonly currency: string;
  readonly marginal: string;
  readonly before: readonly StatementJson[];
  readonly after: readonly StatementJson[];
}

/** The what-if as JSON: both sets of statements (without traces) and the marginal value. */
export function whatIfJson(r: WhatIfResult, org: Org): WhatIfJson {
  return {
    person_id: r.personId,
    period: r.period.label,
    deal_id: r.deal.deal.id,
    currency: r.currency,
    marginal: formatUnits(r.marginal, r.minorDigits),
    before: r.before.map((s) => statementJson(s, org, { trace: false })),
    after: r.after.map((s) => statementJson(s, org, { trace: false })),
  };
}

/** A readable comparison: each measure before and after, SPIFs, totals and the deal's marginal value. */
export function explainWhatIf(r: WhatIfResult): string {
  const money = (u: bigint) => formatUnits(u, r.minorDigits);
  const change = (b: bigint, a: bigint) => `${a - b > 0n ? '+' : ''}${money(a - b)}`;
  const lines: string[] = [`What if deal ${r.deal.deal.id} closes? ${r.personId}, ${r.period.label} (${r.currency})`, ''];
  const rows: string[][] = [['statement', 'line', 'attainment before', 'after', 'payout before', 'after', 'change']];
  const key = (s: Statement) => `${s.period.label} ${s.plan.id}`;
  const beforeBy = new Map(r.before.map((s) => [key(s), s]));
  for (const after of r.after) {
    const before = beforeBy.get(key(after));
    for (const m of after.measures) {
      const b = before?.measures.find((x) => x.measure.id === m.measure.id);
      rows.push([key(after), m.measure.id, b ? formatRatio(b.attainment) : '-', formatRatio(m.attainment), money(b?.payout ?? 0n), money(m.payout), change(b?.payout ?? 0n, m.payout)]);
    }
    const spiffs = (s: Statement | undefined) => (s?.spiffs ?? []).reduce((a, x) => a + x.payout, 0n);
    rows.push([key(after), 'SPIFs', '', '', money(spiffs(before)), money(spiffs(after)), change(spiffs(before), spiffs(after))]);
    rows.push([key(after), 'total', '', '', money(before?.total ?? 0n), money(after.total), change(before?.total ?? 0n, after.total)]);
  }
  lines.push(...textTable(rows, new Set([2, 3, 4, 5, 6])));
  lines.push('', `Marginal value of deal ${r.deal.deal.id} in ${r.period.label}: ${money(r.marginal)} ${r.currency}`);
  if (r.after.some((s) => s.measures.some((m) => m.kind === 'ytd'))) {
    lines.push('(Year-to-date measures carry the deal into the true-ups of later periods of this fiscal year too.)');
  }
  return `${lines.join('\n')}\n`;
}
