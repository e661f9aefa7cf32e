/**
 * Reads for a manager's view of their team: each person's latest published statements (the
 * figures only — the lines and trace stay behind GET /api/statements/{id}). Who may see whose
 * statements is decided in src/server/policy.ts; this only fetches.
 */
import type { Db } from '../db/connect.js';
import { parsePeriod, type FiscalCalendar } from '../core/periods.js';

export interface PublishedStatementFigure {
  readonly statement_id: number;
  readonly run_id: number;
  readonly period: string;
  readonly plan: string;
  readonly currency: string;
  /** Decimal text with the currency's minor digits, as stored. */
  readonly total: string;
}

/**
 * Per person, the statements of their latest published payout period — the period that ends last
 * (on the org's fiscal calendar), and within it the latest published run — one per plan. People
 * with no published statement are absent.
 */
export async function latestPublishedStatements(store: Db, personIds: ReadonlySet<string>, calendar: FiscalCalendar): Promise<Map<string, PublishedStatementFigure[]>> {
  const out = new Map<string, PublishedStatementFigure[]>();
  if (personIds.size === 0) return out;
  const rows = await store.db
    .selectFrom('run_statements')
    .innerJoin('runs', 'runs.id', 'run_statements.run_id')
    .select(['run_statements.id', 'run_statements.run_id', 'run_statements.person_id', 'run_statements.plan_id', 'run_statements.period', 'run_statements.currency', 'run_statements.total'])
    .where('runs.status', '=', 'published')
    .where('run_statements.person_id', 'in', [...personIds])
    .orderBy('run_statements.id')
    .execute();
  // A label the calendar cannot read sorts first (it never wins over a readable one).
  const periodEnd = (label: string) => parsePeriod(label, calendar)?.to ?? Number.NEGATIVE_INFINITY;
  const best = new Map<string, { end: number; run: number }>();
  for (const r of rows) {
    const end = periodEnd(r.period);
    const b = best.get(r.person_id);
    if (b === undefined || end > b.end || (end === b.end && r.run_id > b.run)) best.set(r.person_id, { end, run: r.run_id });
  }
  for (const r of rows) {
    const b = best.get(r.person_id);
    if (b === undefined || r.run_id !== b.run || periodEnd(r.period) !== b.end) continue;
    const list = out.get(r.person_id) ?? [];
    list.push({ statement_id: r.id, run_id: r.run_id, period: r.period, plan: r.plan_id, currency: r.currency, total: r.total });
    out.set(r.person_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : a.statement_id - b.statement_id));
  return out;
}
