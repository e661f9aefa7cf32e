/**
 * Statements as CSV files for payroll and spreadsheets: one row per statement, per measure, and per
 * credited deal. Values are the same strings as the JSON output.
 */
import { stringify } from 'csv-stringify/sync';
import type { Org } from '../core/model.js';
import { measureTrace, statementJson, type TraceDealJson } from '../core/output.js';
import { formatUnits } from '../core/rational.js';
import type { Statement } from '../core/statement.js';

/** File name → CSV text. */
export function statementsCsv(org: Org, statements: readonly Statement[]): Record<string, string> {
  const stmtRows: string[][] = [];
  const measureRows: string[][] = [];
  const creditRows: string[][] = [];
  for (const s of statements) {
    const j = statementJson(s, org, { trace: false });
    const spiffs = s.spiffs.reduce((a, x) => a + x.payout, 0n);
    const adjustments = s.adjustments.reduce((a, x) => a + x.payout, 0n);
    const measures = s.measures.reduce((a, x) => a + x.payout, 0n);
    const fmt = (u: bigint) => formatUnits(u, s.minorDigits);
    stmtRows.push([j.person_id, s.person.name, j.plan, j.period, j.currency, j.target_incentive, fmt(measures), fmt(spiffs), fmt(adjustments), j.total]);
    s.measures.forEach((m, i) => {
      const mj = j.measures[i];
      if (!mj) return;
      measureRows.push([j.person_id, j.plan, j.period, mj.id, mj.credited, mj.quota, mj.attainment, mj.factor, mj.payout, mj.balance ?? '']);
      for (const e of measureTrace(s, m, org)) {
        if (!('deal_id' in e)) continue;
        const d: TraceDealJson = e;
        creditRows.push([j.person_id, j.plan, j.period, mj.id, d.deal_id, d.date, d.amount, d.share, d.rule, d.credit, d.clawback ? 'true' : 'false']);
      }
    });
  }
  return {
    'statements.csv': stringify(stmtRows, { header: true, columns: ['person_id', 'name', 'plan', 'period', 'currency', 'target_incentive', 'measures', 'spiffs', 'adjustments', 'total'] }),
    'measures.csv': stringify(measureRows, { header: true, columns: ['person_id', 'plan', 'period', 'measure', 'credited', 'quota', 'attainment', 'factor', 'payout', 'balance'] }),
    'credits.csv': stringify(creditRows, { header: true, columns: ['person_id', 'plan', 'period', 'measure', 'deal_id', 'date', 'amount', 'share', 'rule', 'credit', 'clawback'] }),
  };
}
