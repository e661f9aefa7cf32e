/**
 * A table of named locks for SQLite: a transaction that will write takes its lock with a write to
 * this table as its first statement, so two processes queue for the database's write lock (waiting
 * up to busy_timeout) instead of failing when both read first and then try to write. PostgreSQL
 * uses advisory locks instead; the table exists there too, unused, so both schemas stay alike.
 */
import type { Kysely } from 'kysely';

export const locks = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('locks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('n', 'integer', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('locks').execute();
  },
};
