/**
 * Calculation runs: create (the same engine, on the current org version, for a fiscal period) →
 * review the diff against the last approved run → approve → publish. Approved runs never change;
 * a recalculation is a new run. Runs of one period are serialized across server instances by a
 * database lock, so two instances never compute the same run twice or interleave approvals.
 */
import { createHash } from 'node:crypto';
import { Engine, statementsInside } from '../core/calculate.js';
import { minorUnits } from '../core/currency.js';
import { statementJson, type StatementJson } from '../core/output.js';
import { parsePeriod } from '../core/periods.js';
import { formatMoney, parseDecimal, ZERO, type Rational } from '../core/rational.js';
import { diffStatements, type RunDiff } from '../core/run-diff.js';
import type { Db } from '../db/connect.js';
import { appendAudit } from '../db/repositories/audit.js';
import { currentVersion, versionFiles } from '../db/repositories/org-versions.js';
import { findRun, findRunByInputs, insertRun, latestApproved, lockPeriod, runStatements, transition } from '../db/repositories/runs.js';
import type { Database, RunRow } from '../db/schema.js';
import type { Transaction } from 'kysely';
import { parseOrg } from '../io/parse-org.js';
import { faultPoint } from './fault.js';
import type { Clock } from './org-store.js';
import { InvalidInputError } from './org-session.js';

/** Bumped when the engine's results for the same input may change. Part of every run's input hash. */
export const ENGINE_VERSION = '1';

/** Why a run operation was refused: the HTTP layer maps the code to a status. */
export class RunError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface RunSummary {
  readonly id: number;
  readonly period: string;
  readonly version_id: number;
  readonly inputs_hash: string;
  readonly status: string;
  readonly baseline_run_id: number | null;
  readonly totals: Readonly<Record<string, string>>;
  readonly statement_count: number;
  readonly plan_versions: readonly { readonly id: string; readonly file: string; readonly sha: string }[];
  readonly created_at: string;
  readonly approved_at: string | null;
  readonly published_at: string | null;
}

export function runSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    period: r.period,
    version_id: r.version_id,
    inputs_hash: r.inputs_hash,
    status: r.status,
    baseline_run_id: r.baseline_run_id,
    totals: JSON.parse(r.totals) as Record<string, string>,
    statement_count: r.statement_count,
    plan_versions: JSON.parse(r.plan_versions) as RunSummary['plan_versions'],
    created_at: r.created_at,
    approved_at: r.approved_at,
    published_at: r.published_at,
  };
}

/**
 * Creates a run of `periodLabel` on the current org version, or returns the run that already has
 * exactly these inputs (`created: false`).
 */
export async function createRun(store: Db, periodLabel: string, options: { actorId: number | null; clock: Clock }): Promise<{ run: RunSummary; created: boolean }> {
  const version = await currentVersion(store.db);
  if (!version) throw new RunError('invalid', 'the database holds no org yet: import one first');
  const files = await versionFiles(store.db, version.id);
  const parsed = parseOrg(files);
  if (!parsed.org) throw new InvalidInputError(parsed.problems, `org version ${version.id}`);
  const org = parsed.org;
  const period = parsePeriod(periodLabel, org.settings.calendar);
  if (!period) throw new RunError('invalid', `"${periodLabel}" is not a period (use 2026, 2026-H1, 2026-Q3 or 2026-M07)`);
  const inputsHash = createHash('sha256').update(`${version.sha256}\n${period.label}\n${ENGINE_VERSION}`).digest('hex');
  return store.db.transaction().execute(async (trx) => {
    await lockPeriod(trx, store.dialect, period.label);
    const existing = await findRunByInputs(trx, period.label, inputsHash);
    if (existing) return { run: runSummary(existing), created: false };
    const result = Engine.create(org).calculateAll();
    const errors = result.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new InvalidInputError(result.problems, `org version ${version.id}`);
    const statements = statementsInside(result.statements, period);
    const bodies = statements.map((s) => statementJson(s, org));
    const totals = new Map<string, Rational>();
    for (const s of bodies) totals.set(s.currency, (totals.get(s.currency) ?? ZERO).add(parseDecimal(s.total) ?? ZERO));
    const planVersions = [...new Map(statements.map((s) => [`${s.plan.id}\u0000${s.plan.file}`, { id: s.plan.id, file: s.plan.file, sha: s.plan.hash }])).values()].sort((a, b) => (a.file < b.file ? -1 : 1));
    const baseline = await latestApproved(trx, period.label);
    const at = options.clock().toISOString();
    const totalsJson = Object.fromEntries([...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, v]) => [c, formatMoney(v, minorUnits(c), 'half_even')]));
    const id = await insertRun(
      trx,
      { period: period.label, versionId: version.id, inputsHash, planVersions: JSON.stringify(planVersions), baselineRunId: baseline?.id ?? null, totals: JSON.stringify(totalsJson), createdAt: at, createdBy: options.actorId },
      bodies.map((b) => ({ personId: b.person_id, planId: b.plan, period: b.period, currency: b.currency, total: b.total, body: JSON.stringify(b) })),
    );
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: 'run.create', entity: 'run', entityId: String(id), after: { period: period.label, version_id: version.id, inputs_hash: inputsHash, statements: bodies.length, totals: totalsJson, baseline_run_id: baseline?.id ?? null } });
    const row = await findRun(trx, id);
    if (!row) throw new Error(`run ${id} vanished inside its own transaction`);
    return { run: runSummary(row), created: true };
  });
}

export async function getRun(store: Db, id: number): Promise<RunSummary> {
  const run = await findRun(store.db, id);
  if (!run) throw new RunError('not_found', `there is no run ${id}`);
  return runSummary(run);
}

/** The statements of a run as the core JSON shape (with traces), optionally only some people's. */
export async function statementsOf(store: Db, runId: number, personIds?: readonly string[]): Promise<{ id: number; statement: StatementJson }[]> {
  const rows = await runStatements(store.db, runId, personIds);
  return rows.map((r) => ({ id: r.id, statement: JSON.parse(r.body) as StatementJson }));
}

/** The run's diff against its baseline (the approved run it was created after); all new when none. */
export async function runDiff(store: Db, id: number): Promise<{ run: RunSummary; baseline: RunSummary | null; diff: RunDiff }> {
  const run = await getRun(store, id);
  const baselineRow = run.baseline_run_id === null ? undefined : await findRun(store.db, run.baseline_run_id);
  const before = baselineRow ? (await statementsOf(store, baselineRow.id)).map((s) => s.statement) : [];
  const after = (await statementsOf(store, id)).map((s) => s.statement);
  return { run, baseline: baselineRow ? runSummary(baselineRow) : null, diff: diffStatements(before, after) };
}

/**
 * Moves a run one step (draft → approved, approved → published) under its period's lock, with its
 * audit event in the same transaction. `check` refuses the move for reasons of its own.
 */
async function moveRun(
  store: Db,
  id: number,
  step: { from: 'draft' | 'approved'; to: 'approved' | 'published'; verb: string; fault?: string },
  options: { actorId: number | null; clock: Clock },
  check: (trx: Transaction<Database>, run: RunRow) => Promise<void> = () => Promise.resolve(),
): Promise<RunSummary> {
  const first = await findRun(store.db, id);
  if (!first) throw new RunError('not_found', `there is no run ${id}`);
  return store.db.transaction().execute(async (trx) => {
    await lockPeriod(trx, store.dialect, first.period);
    const run = await findRun(trx, id);
    if (!run) throw new RunError('not_found', `there is no run ${id}`);
    if (run.status !== step.from) {
      throw new RunError('conflict', `run ${id} is ${run.status}: only ${step.from === 'draft' ? 'a draft' : 'an approved'} run can be ${step.verb}${step.from === 'draft' ? ', and an approved run never changes' : ''}`);
    }
    await check(trx, run);
    const at = options.clock().toISOString();
    if (!(await transition(trx, id, step.from, step.to, at, options.actorId))) throw new RunError('conflict', `run ${id} changed while it was being ${step.verb}`);
    if (step.fault !== undefined) await faultPoint(step.fault);
    await appendAudit(trx, store.dialect, at, { actorId: options.actorId, action: step.to === 'approved' ? 'run.approve' : 'run.publish', entity: 'run', entityId: String(id), before: { status: step.from }, after: { status: step.to } });
    const row = await findRun(trx, id);
    if (!row) throw new Error(`run ${id} vanished`);
    return runSummary(row);
  });
}

/**
 * Approves a draft run. Refused when it is not a draft, or when another run of the period was
 * approved after it was calculated (its diff would be against a stale baseline: recalculate).
 */
export function approveRun(store: Db, id: number, options: { actorId: number | null; clock: Clock }): Promise<RunSummary> {
  return moveRun(store, id, { from: 'draft', to: 'approved', verb: 'approved', fault: 'approve.inside-transaction' }, options, async (trx, run) => {
    const latest = await latestApproved(trx, run.period);
    if ((latest?.id ?? null) !== run.baseline_run_id) {
      throw new RunError('conflict', `run ${latest?.id ?? '?'} of ${run.period} was approved after run ${id} was calculated: recalculate to review the difference against it`);
    }
  });
}

/** Publishes an approved run: its statements become visible to the people they pay. */
export function publishRun(store: Db, id: number, options: { actorId: number | null; clock: Clock }): Promise<RunSummary> {
  return moveRun(store, id, { from: 'approved', to: 'published', verb: 'published' }, options);
}
