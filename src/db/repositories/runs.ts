/** Calculation runs and their statements. Statements are written once, with their run, and never changed. */
import type { Kysely, Transaction } from 'kysely';
import { lockFor } from './locks.js';
import type { Dialect } from '../connect.js';
import type { Database, RunRow, RunStatementRow, RunStatus } from '../schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Serializes work on one period's runs across processes and instances (the transaction's first statement). */
export async function lockPeriod(trx: Transaction<Database>, dialect: Dialect, period: string): Promise<void> {
  await lockFor(trx, dialect, `run:${period}`);
}

export async function findRun(db: Q, id: number): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRunByInputs(db: Q, period: string, inputsHash: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('period', '=', period).where('inputs_hash', '=', inputsHash).executeTakeFirst();
}

/** The latest approved (or published) run of a period. */
export async function latestApproved(db: Q, period: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('period', '=', period).where('status', 'in', ['approved', 'published']).orderBy('approved_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function listRuns(db: Q, options: { limit: number; beforeId?: number; status?: RunStatus; period?: string }): Promise<RunRow[]> {
  let q = db.selectFrom('runs').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) q = q.where('id', '<', options.beforeId);
  if (options.status !== undefined) q = q.where('status', '=', options.status);
  if (options.period !== undefined) q = q.where('period', '=', options.period);
  return q.execute();
}

export interface NewStatement {
  readonly personId: string;
  readonly planId: string;
  readonly period: string;
  readonly currency: string;
  readonly total: string;
  readonly body: string;
}

const BATCH = 200;

export async function insertRun(
  trx: Transaction<Database>,
  run: { period: string; versionId: number; inputsHash: string; planVersions: string; baselineRunId: number | null; totals: string; createdAt: string; createdBy: number | null },
  statements: readonly NewStatement[],
): Promise<number> {
  const row = await trx
    .insertInto('runs')
    .values({
      period: run.period,
      version_id: run.versionId,
      inputs_hash: run.inputsHash,
      plan_versions: run.planVersions,
      status: 'draft',
      baseline_run_id: run.baselineRunId,
      totals: run.totals,
      statement_count: statements.length,
      created_at: run.createdAt,
      created_by: run.createdBy,
      approved_at: null,
      approved_by: null,
      published_at: null,
      published_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = statements.map((s) => ({ run_id: row.id, person_id: s.personId, plan_id: s.planId, period: s.period, currency: s.currency, total: s.total, body: s.body }));
  for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto('run_statements').values(rows.slice(i, i + BATCH)).execute();
  return row.id;
}

/** Moves a run from one status to the next; false when it was not in `from` (someone else moved it). */
export async function transition(trx: Transaction<Database>, id: number, from: RunStatus, to: 'approved' | 'published', at: string, by: number | null): Promise<boolean> {
  const set = to === 'approved' ? { status: to, approved_at: at, approved_by: by } : { status: to, published_at: at, published_by: by };
  const result = await trx.updateTable('runs').set(set).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function runStatements(db: Q, runId: number, personIds?: readonly string[]): Promise<RunStatementRow[]> {
  let q = db.selectFrom('run_statements').selectAll().where('run_id', '=', runId).orderBy('person_id').orderBy('period').orderBy('plan_id').orderBy('id');
  if (personIds !== undefined) {
    if (personIds.length === 0) return [];
    q = q.where('person_id', 'in', personIds);
  }
  return q.execute();
}

export async function findStatement(db: Q, id: number): Promise<RunStatementRow | undefined> {
  return db.selectFrom('run_statements').selectAll().where('id', '=', id).executeTakeFirst();
}
