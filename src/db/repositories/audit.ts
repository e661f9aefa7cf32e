/**
 * The audit trail: every mutation writes an event in the same transaction as the change. Events are
 * hash-chained — each hash covers the previous hash and the event's canonical JSON — so an edit,
 * insertion or deletion anywhere breaks the chain from there on, which `verifyAudit` finds.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../connect.js';
import type { AuditEventRow, Database } from '../schema.js';

/** The hash before the first event. */
export const GENESIS = '0'.repeat(64);

/** Advisory lock key that serializes appends to the chain across PostgreSQL sessions. */
const AUDIT_LOCK = 7_246_001;

export interface AuditInput {
  readonly actorId: number | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** JSON with object keys sorted, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function eventHash(prevHash: string, e: { at: string; actor_id: number | null; action: string; entity: string; entity_id: string; before: string | null; after: string | null }): string {
  const body = canonicalJson({ at: e.at, actor_id: e.actor_id, action: e.action, entity: e.entity, entity_id: e.entity_id, before: e.before, after: e.after });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Appends an event to the chain; call inside the transaction that makes the change. */
export async function appendAudit(trx: Transaction<Database>, dialect: Dialect, at: string, input: AuditInput): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const row = {
    at,
    actor_id: input.actorId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
  };
  await trx.insertInto('audit_events').values({ ...row, prev_hash: prev, hash: eventHash(prev, row) }).execute();
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly events: number;
  /** The first event that does not fit the chain, and why. */
  readonly broken?: { readonly id: number; readonly reason: string };
}

/** Walks the chain in id order, recomputing every hash. */
export async function verifyAudit(db: Kysely<Database>, pageSize = 5_000): Promise<AuditVerification> {
  let prev = GENESIS;
  let after = 0;
  let count = 0;
  for (;;) {
    const page: AuditEventRow[] = await db.selectFrom('audit_events').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (page.length === 0) return { ok: true, events: count };
    for (const e of page) {
      if (e.prev_hash !== prev) return { ok: false, events: count, broken: { id: e.id, reason: `its prev_hash is not the hash of the event before it (an event was removed, inserted or reordered)` } };
      const expected = eventHash(prev, e);
      if (e.hash !== expected) return { ok: false, events: count, broken: { id: e.id, reason: 'its content does not match its hash (the event was edited)' } };
      prev = e.hash;
      after = e.id;
      count++;
    }
  }
}
