/**
 * Reads the HTTP layer needs, with the facts access decisions are made on (who manages whom, whose
 * statement this is, which run it belongs to and its status). The decisions themselves are made in
 * one place, src/server/policy.ts; these functions only fetch.
 */
import type { Db } from '../db/connect.js';
import { executeShaped } from '../db/compiled.js';
import { verifyAudit, type AuditVerification } from '../db/repositories/audit.js';
import { currentVersion, listVersions, versionFiles, versionPeople, type PersonRecord } from '../db/repositories/org-versions.js';
import { listRuns } from '../db/repositories/runs.js';
import type { AuditEventRow, OrgVersionRow, RunStatus } from '../db/schema.js';
import { runSummary, type RunSummary } from './runs.js';

export interface VersionView {
  readonly id: number;
  readonly created_at: string;
  readonly created_by: number | null;
  readonly sha256: string;
  readonly org_name: string;
  readonly file_count: number;
  readonly note: string;
}

export function versionView(v: OrgVersionRow): VersionView {
  return { id: v.id, created_at: v.created_at, created_by: v.created_by, sha256: v.sha256, org_name: v.org_name, file_count: v.file_count, note: v.note };
}

export async function currentVersionView(store: Db): Promise<VersionView | undefined> {
  const v = await currentVersion(store.db);
  return v ? versionView(v) : undefined;
}

/** Versions newest first, `limit` before `beforeId`. */
export async function versionViews(store: Db, options: { limit: number; beforeId?: number }): Promise<VersionView[]> {
  return (await listVersions(store.db, options.limit, options.beforeId)).map(versionView);
}

/** The files of a version (path → text). */
export function filesOfVersion(store: Db, versionId: number): Promise<Map<string, string>> {
  return versionFiles(store.db, versionId);
}

/** People of a version in id order, `limit` after `afterId`, optionally only `ids`. */
export async function peoplePage(store: Db, versionId: number, options: { limit: number; afterId?: string; ids?: ReadonlySet<string> }): Promise<PersonRecord[]> {
  if (options.ids !== undefined && options.ids.size === 0) return [];
  let q = store.db.selectFrom('people').selectAll().where('version_id', '=', versionId).orderBy('id').limit(options.limit);
  if (options.afterId !== undefined) q = q.where('id', '>', options.afterId);
  if (options.ids !== undefined) q = q.where('id', 'in', [...options.ids]);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, level: r.level, managerId: r.manager_id, attrs: JSON.parse(r.attrs) as Record<string, string> }));
}

/** Per database and version: manager id → direct reports. Versions never change, so this never goes stale. */
const reportTreesOf = new WeakMap<Db, Map<number, Promise<Map<string, string[]>>>>();
const TREES_KEPT = 8;

async function reportTree(store: Db, versionId: number): Promise<Map<string, string[]>> {
  let reportTrees = reportTreesOf.get(store);
  if (!reportTrees) {
    reportTrees = new Map();
    reportTreesOf.set(store, reportTrees);
  }
  const trees = reportTrees;
  let tree = trees.get(versionId);
  if (!tree) {
    tree = versionPeople(store.db, versionId).then((people: PersonRecord[]) => {
      const children = new Map<string, string[]>();
      for (const p of people) {
        if (p.managerId === '' || p.managerId === p.id) continue;
        const list = children.get(p.managerId) ?? [];
        list.push(p.id);
        children.set(p.managerId, list);
      }
      return children;
    });
    tree.catch(() => trees.delete(versionId));
    trees.set(versionId, tree);
    while (trees.size > TREES_KEPT) {
      const oldest = trees.keys().next().value;
      if (oldest === undefined) break;
      trees.delete(oldest);
    }
  }
  return tree;
}

/**
 * Everyone who reports to `personId`, directly or through other managers, on the current org
 * version (not `personId` themselves). Empty when there is no org or no such person.
 */
export async function reportsOf(store: Db, personId: string): Promise<Set<string>> {
  const version = await currentVersion(store.db);
  const found = new Set<string>();
  if (!version) return found;
  const tree = await reportTree(store, version.id);
  const queue = [...(tree.get(personId) ?? [])];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (found.has(id) || id === personId) continue;
    found.add(id);
    queue.push(...(tree.get(id) ?? []));
  }
  return found;
}

/** Runs newest first, `limit` before `beforeId`. */
export async function runPage(store: Db, options: { limit: number; beforeId?: number; status?: RunStatus; publishedOnly: boolean; period?: string }): Promise<RunSummary[]> {
  if (options.publishedOnly && options.status !== undefined && options.status !== 'published') return [];
  const rows = await listRuns(store.db, { limit: options.limit, beforeId: options.beforeId, status: options.publishedOnly ? 'published' : options.status, period: options.period });
  return rows.map(runSummary);
}

/** A statement with the facts access is decided on. */
export interface StatementRecord {
  readonly id: number;
  readonly run_id: number;
  readonly run_status: RunStatus;
  readonly version_id: number;
  readonly person_id: string;
  readonly plan_id: string;
  readonly period: string;
  readonly currency: string;
  readonly total: string;
  /** The core statement JSON, with its trace. */
  readonly body: string;
}

function statementQuery(store: Db) {
  return store.db
    .selectFrom('run_statements')
    .innerJoin('runs', 'runs.id', 'run_statements.run_id')
    .select([
      'run_statements.id',
      'run_statements.run_id',
      'runs.status as run_status',
      'runs.version_id',
      'run_statements.person_id',
      'run_statements.plan_id',
      'run_statements.period',
      'run_statements.currency',
      'run_statements.total',
      'run_statements.body',
    ]);
}

export async function statementRecord(store: Db, id: number): Promise<StatementRecord | undefined> {
  return statementQuery(store).where('run_statements.id', '=', id).executeTakeFirst();
}

/**
 * Statements in id order, `limit` after `afterId`: of one run or of every run, of some people or
 * everyone, of published runs only or of any.
 */
export async function statementPage(
  store: Db,
  options: { limit: number; afterId?: number; runId?: number; personIds: 'all' | ReadonlySet<string>; publishedOnly: boolean },
): Promise<StatementRecord[]> {
  if (options.personIds !== 'all' && options.personIds.size === 0) return [];
  const people = options.personIds === 'all' ? [] : [...options.personIds];
  // Parameters in the order of the SQL: id, run, people, status, limit (checked on first compile).
  const parameters: unknown[] = [];
  if (options.afterId !== undefined) parameters.push(options.afterId);
  if (options.runId !== undefined) parameters.push(options.runId);
  parameters.push(...people);
  if (options.publishedOnly) parameters.push('published');
  parameters.push(options.limit);
  const shape = `statementPage:${options.afterId !== undefined}:${options.runId !== undefined}:${options.personIds === 'all' ? 'all' : people.length}:${options.publishedOnly}`;
  return executeShaped(store, shape, parameters, () => {
    let q = statementQuery(store).orderBy('run_statements.id').limit(options.limit);
    if (options.afterId !== undefined) q = q.where('run_statements.id', '>', options.afterId);
    if (options.runId !== undefined) q = q.where('run_statements.run_id', '=', options.runId);
    if (options.personIds !== 'all') q = q.where('run_statements.person_id', 'in', people);
    if (options.publishedOnly) q = q.where('runs.status', '=', 'published');
    return q;
  });
}

export interface AuditEventView {
  readonly id: number;
  readonly at: string;
  readonly actor_id: number | null;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly hash: string;
}

function auditView(e: AuditEventRow): AuditEventView {
  return {
    id: e.id,
    at: e.at,
    actor_id: e.actor_id,
    action: e.action,
    entity: e.entity,
    entity_id: e.entity_id,
    before: e.before === null ? null : (JSON.parse(e.before) as unknown),
    after: e.after === null ? null : (JSON.parse(e.after) as unknown),
    hash: e.hash,
  };
}

/** Audit events newest first, `limit` before `beforeId`, optionally of one entity or action. */
export async function auditPage(store: Db, options: { limit: number; beforeId?: number; entity?: string; action?: string }): Promise<AuditEventView[]> {
  let q = store.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) q = q.where('id', '<', options.beforeId);
  if (options.entity !== undefined) q = q.where('entity', '=', options.entity);
  if (options.action !== undefined) q = q.where('action', '=', options.action);
  return (await q.execute()).map(auditView);
}

export function verifyAuditTrail(store: Db): Promise<AuditVerification> {
  return verifyAudit(store.db);
}

/** True when the database answers. */
export async function databaseAnswers(store: Db): Promise<boolean> {
  try {
    await store.db.selectFrom('org_versions').select('id').limit(1).execute();
    return true;
  } catch {
    return false;
  }
}
