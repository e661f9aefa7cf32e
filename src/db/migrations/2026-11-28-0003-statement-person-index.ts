/** People read their own statements: an index by person (then id, the list order) instead of a scan. */
import type { Kysely } from 'kysely';

export const statementPersonIndex = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('run_statements_person_id').on('run_statements').columns(['person_id', 'id']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('run_statements_person_id').execute();
  },
};
