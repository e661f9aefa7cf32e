/**
 * Serializing writers across processes and server instances: PostgreSQL advisory transaction
 * locks; on SQLite, a first write to the `locks` table, which takes the database's write lock
 * (other writers wait up to busy_timeout). Call as the first statement of the transaction.
 */
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../connect.js';
import type { Database } from '../schema.js';

export async function lockFor(trx: Transaction<Database>, dialect: Dialect, name: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`tandem:${name}`}))`.execute(trx);
    return;
  }
  await trx
    .insertInto('locks')
    .values({ name, n: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ n: sql`locks.n + 1` }))
    .execute();
}
