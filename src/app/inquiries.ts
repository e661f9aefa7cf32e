/**
 * Inquiries: a person asks about one line of one of their published statements. The inquiry keeps
 * a snapshot of the line with its trace (the statement never changes, but the snapshot makes the
 * question self-contained), a thread of messages, and how it was resolved. A resolution may add an
 * adjustment: a correction line, never an edit — a new org version whose adjustments.csv has one
 * more row, validated exactly as an import is, stored in the same transaction as the resolution.
 */
import { sql } from 'kysely';
import type { StatementJson } from '../core/output.js';
import type { Db } from '../db/connect.js';
import { appendAudit } from '../db/repositories/audit.js';
import { currentVersion, insertVersion, versionFiles } from '../db/repositories/org-versions.js';
import type { InquiryRow } from '../db/schema.js';
import { readCsv } from '../io/csv.js';
import { csvLine } from '../io/write-org-files.js';
import { filesHash, validateFiles, type Clock } from './org-store.js';

/** Why an inquiry operation was refused: the HTTP layer maps the code to a status. */
export class InquiryError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export type InquiryStatus = 'open' | 'answered' | 'resolved';

export interface InquiryMessageView {
  readonly id: number;
  readonly author_id: number;
  readonly author: string;
  readonly body: string;
  readonly created_at: string;
}

export interface InquiryView {
  readonly id: number;
  readonly run_id: number;
  readonly statement_id: number;
  readonly person_id: string;
  readonly line: string;
  readonly line_snapshot: unknown;
  readonly opened_by: number;
  readonly status: InquiryStatus;
  readonly resolution: string | null;
  readonly adjustment_version_id: number | null;
  readonly created_at: string;
  readonly resolved_at: string | null;
}

export interface InquiryWithMessages extends InquiryView {
  readonly messages: readonly InquiryMessageView[];
}

function inquiryView(r: InquiryRow): InquiryView {
  return {
    id: r.id,
    run_id: r.run_id,
    statement_id: r.statement_id,
    person_id: r.person_id,
    line: r.line,
    line_snapshot: JSON.parse(r.line_snapshot) as unknown,
    opened_by: r.opened_by,
    status: r.status,
    resolution: r.resolution,
    adjustment_version_id: r.adjustment_version_id,
    created_at: r.created_at,
    resolved_at: r.resolved_at,
  };
}

/** The lines of a statement an inquiry can be about: each measure id, `spiff:<id>`, `adjustment:<n>` (1-based) and `total`. */
export function statementLines(s: StatementJson): string[] {
  return [...s.measures.map((m) => m.id), ...[...new Set(s.spiffs.map((x) => `spiff:${x.id}`))], ...s.adjustments.map((_, i) => `adjustment:${i + 1}`), 'total'];
}

/** The line as the statement shows it, with its trace; undefined when the statement has no such line. */
export function lineSnapshot(s: StatementJson, line: string): unknown {
  const context = { person_id: s.person_id, plan: s.plan, period: s.period, currency: s.currency };
  if (line === 'total') return { kind: 'total', ...context, target_incentive: s.target_incentive, total: s.total };
  if (line.startsWith('spiff:')) {
    const entries = s.spiffs.filter((x) => `spiff:${x.id}` === line);
    return entries.length === 0 ? undefined : { kind: 'spiff', ...context, entries };
  }
  const adjustment = /^adjustment:([1-9]\d{0,5})$/.exec(line);
  if (adjustment) {
    const entry = s.adjustments[Number(adjustment[1]) - 1];
    return entry === undefined ? undefined : { kind: 'adjustment', ...context, ...entry };
  }
  const measure = s.measures.find((m) => m.id === line);
  return measure === undefined ? undefined : { kind: 'measure', ...context, measure };
}

/**
 * Opens an inquiry on a line of a statement. The caller has already decided the actor may (the
 * statement is theirs and published).
 */
export async function openInquiry(
  store: Db,
  input: { statementId: number; line: string; message: string },
  options: { actorId: number; clock: Clock },
): Promise<InquiryWithMessages> {
  const at = options.clock().toISOString();
  const id = await store.db.transaction().execute(async (trx) => {
    const statement = await trx.selectFrom('run_statements').selectAll().where('id', '=', input.statementId).executeTakeFirst();
    if (!statement) throw new InquiryError('not_found', `there is no statement ${input.statementId}`);
    const body = JSON.parse(statement.body) as StatementJson;
    const snapshot = lineSnapshot(body, input.line);
    if (snapshot === undefined) throw new InquiryError('invalid', `statement ${input.statementId} has no line "${input.line}" (its lines: ${statementLines(body).join(', ')})`);
    const row = await trx
      .insertInto('inquiries')
      .values({
        run_id: statement.run_id,
        statement_id: statement.id,
        person_id: statement.person_id,
        line: input.line,
        line_snapshot: JSON.stringify(snapshot),
        opened_by: options.actorId,
        status: 'open',
        resolution: null,
        adjustment_version_id: null,
        created_at: at,
        resolved_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('inquiry_messages').values({ inquiry_id: row.id, author_id: options.actorId, body: input.message, created_at: at }).execute();
    await appendAudit(trx, store.dialect, at, {
      actorId: options.actorId,
      action: 'inquiry.open',
      entity: 'inquiry',
      entityId: String(row.id),
      after: { statement_id: statement.id, run_id: statement.run_id, person_id: statement.person_id, line: input.line, message: input.message },
    });
    return row.id;
  });
  return (await getInquiry(store, id)) as InquiryWithMessages;
}

/** An inquiry without its messages (for access decisions). */
export async function findInquiry(store: Db, id: number): Promise<InquiryView | undefined> {
  const row = await store.db.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? inquiryView(row) : undefined;
}

/** An inquiry with its whole thread, oldest message first. */
export async function getInquiry(store: Db, id: number): Promise<InquiryWithMessages | undefined> {
  const row = await store.db.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const messages = await store.db
    .selectFrom('inquiry_messages')
    .innerJoin('users', 'users.id', 'inquiry_messages.author_id')
    .select(['inquiry_messages.id', 'inquiry_messages.author_id', 'users.username as author', 'inquiry_messages.body', 'inquiry_messages.created_at'])
    .where('inquiry_messages.inquiry_id', '=', id)
    .orderBy('inquiry_messages.id')
    .execute();
  return { ...inquiryView(row), messages };
}

/** Inquiries newest first, `limit` before `beforeId`; of everyone or of some people / one opener. */
export async function listInquiries(
  store: Db,
  options: { limit: number; beforeId?: number; status?: InquiryStatus; visibleTo: 'all' | { readonly personId: string | null; readonly userId: number } },
): Promise<InquiryView[]> {
  let q = store.db.selectFrom('inquiries').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) q = q.where('id', '<', options.beforeId);
  if (options.status !== undefined) q = q.where('status', '=', options.status);
  const who = options.visibleTo;
  if (who !== 'all') {
    q = q.where((eb) => (who.personId === null ? eb('opened_by', '=', who.userId) : eb.or([eb('opened_by', '=', who.userId), eb('person_id', '=', who.personId)])));
  }
  return (await q.execute()).map(inquiryView);
}

/**
 * Adds a message to an inquiry's thread. An admin's message answers it (status `answered`); the
 * person's reopens it (`open`). A resolved inquiry takes no more messages.
 */
export async function addMessage(store: Db, id: number, input: { message: string; answers: boolean }, options: { actorId: number; clock: Clock }): Promise<InquiryWithMessages> {
  const at = options.clock().toISOString();
  await store.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('inquiries').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new InquiryError('not_found', `there is no inquiry ${id}`);
    const status: InquiryStatus = input.answers ? 'answered' : 'open';
    const updated = await trx.updateTable('inquiries').set({ status }).where('id', '=', id).where('status', '!=', 'resolved').executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new InquiryError('conflict', `inquiry ${id} is resolved: it takes no more messages (open a new one)`);
    const message = await trx.insertInto('inquiry_messages').values({ inquiry_id: id, author_id: options.actorId, body: input.message, created_at: at }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, store.dialect, at, {
      actorId: options.actorId,
      action: input.answers ? 'inquiry.answer' : 'inquiry.message',
      entity: 'inquiry',
      entityId: String(id),
      before: { status: row.status },
      after: { status, message_id: message.id, message: input.message },
    });
  });
  return (await getInquiry(store, id)) as InquiryWithMessages;
}

export const ADJUSTMENTS_FILE = 'adjustments.csv';
const ADJUSTMENT_COLUMNS = ['person_id', 'period', 'amount', 'reason', 'approver'] as const;
const ALIASES: Readonly<Record<string, (typeof ADJUSTMENT_COLUMNS)[number]>> = { person: 'person_id', approver_id: 'approver' };

/** The org's files with one more adjustments.csv row (the file is created when there is none). */
export function withAdjustment(files: ReadonlyMap<string, string>, row: Readonly<Record<(typeof ADJUSTMENT_COLUMNS)[number], string>>): Map<string, string> {
  const next = new Map(files);
  const existing = files.get(ADJUSTMENTS_FILE);
  if (existing === undefined || existing.trim() === '') {
    next.set(ADJUSTMENTS_FILE, csvLine([...ADJUSTMENT_COLUMNS]) + csvLine(ADJUSTMENT_COLUMNS.map((c) => row[c])));
    return next;
  }
  let header: string[] | undefined;
  readCsv(existing, (fields) => {
    header ??= [...fields];
  });
  const columns = (header ?? [...ADJUSTMENT_COLUMNS]).map((h) => {
    const name = h.trim().toLowerCase();
    return ALIASES[name] ?? name;
  });
  const values = columns.map((c) => ((ADJUSTMENT_COLUMNS as readonly string[]).includes(c) ? row[c as (typeof ADJUSTMENT_COLUMNS)[number]] : ''));
  next.set(ADJUSTMENTS_FILE, `${existing}${/\r?\n$/.test(existing) ? '' : '\n'}${csvLine(values)}`);
  return next;
}

/** Serializes writes of new org versions across PostgreSQL sessions. */
const ORG_LOCK = 7_246_002;

/**
 * Resolves an inquiry, optionally with an adjustment of `amount` for the statement's person and
 * period, approved by `approver` (the admin's username). The new org version, the resolution and
 * their audit events are written in one transaction; invalid files (InvalidInputError) or a
 * version imported meanwhile (conflict) leave everything as it was.
 */
export async function resolveInquiry(
  store: Db,
  id: number,
  input: { resolution: string; adjustment?: { amount: string; reason: string } },
  options: { actorId: number; approver: string; clock: Clock },
): Promise<InquiryWithMessages> {
  const inquiry = await findInquiry(store, id);
  if (!inquiry) throw new InquiryError('not_found', `there is no inquiry ${id}`);
  if (inquiry.status === 'resolved') throw new InquiryError('conflict', `inquiry ${id} is already resolved`);
  let adjustment: { files: Map<string, string>; baseVersionId: number; period: string; people: { id: string; name: string; email: string; role: string; level: string; managerId: string; attrs: Readonly<Record<string, string>> }[]; orgName: string } | undefined;
  if (input.adjustment) {
    const version = await currentVersion(store.db);
    if (!version) throw new InquiryError('invalid', 'the database holds no org: an adjustment needs one');
    const statement = await store.db.selectFrom('run_statements').select(['period', 'person_id']).where('id', '=', inquiry.statement_id).executeTakeFirstOrThrow();
    const files = withAdjustment(await versionFiles(store.db, version.id), {
      person_id: statement.person_id,
      period: statement.period,
      amount: input.adjustment.amount,
      reason: input.adjustment.reason,
      approver: options.approver,
    });
    const { org } = validateFiles(files, `${ADJUSTMENTS_FILE} with the adjustment of inquiry ${id}`);
    adjustment = {
      files,
      baseVersionId: version.id,
      period: statement.period,
      orgName: org.settings.name,
      people: org.people.map((p) => ({ id: p.id, name: p.name, email: '', role: p.role, level: p.level, managerId: p.managerId, attrs: p.attrs })),
    };
  }
  const at = options.clock().toISOString();
  await store.db.transaction().execute(async (trx) => {
    let versionId: number | null = null;
    if (adjustment) {
      if (store.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${ORG_LOCK})`.execute(trx);
      const current = await currentVersion(trx);
      if (current?.id !== adjustment.baseVersionId) throw new InquiryError('conflict', `org version ${current?.id ?? '?'} was imported while the adjustment was prepared: resolve again`);
      const sha = filesHash(adjustment.files);
      const note = `adjustment for inquiry ${id}: ${input.adjustment?.reason ?? ''}`.slice(0, 500);
      versionId = await insertVersion(trx, { createdAt: at, createdBy: options.actorId, sha256: sha, orgName: adjustment.orgName, note, files: adjustment.files, people: adjustment.people });
      await appendAudit(trx, store.dialect, at, {
        actorId: options.actorId,
        action: 'org.adjust',
        entity: 'org_version',
        entityId: String(versionId),
        before: { version_id: adjustment.baseVersionId },
        after: { sha256: sha, inquiry_id: id, person_id: inquiry.person_id, period: adjustment.period, amount: input.adjustment?.amount, reason: input.adjustment?.reason, approver: options.approver },
      });
    }
    const updated = await trx
      .updateTable('inquiries')
      .set({ status: 'resolved', resolution: input.resolution, adjustment_version_id: versionId, resolved_at: at })
      .where('id', '=', id)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new InquiryError('conflict', `inquiry ${id} was resolved meanwhile`);
    await appendAudit(trx, store.dialect, at, {
      actorId: options.actorId,
      action: 'inquiry.resolve',
      entity: 'inquiry',
      entityId: String(id),
      before: { status: inquiry.status },
      after: { status: 'resolved', resolution: input.resolution, adjustment_version_id: versionId },
    });
  });
  return (await getInquiry(store, id)) as InquiryWithMessages;
}
