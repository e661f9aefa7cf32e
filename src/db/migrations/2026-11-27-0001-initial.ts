/**
 * The first schema: org versions and their files, people, users and sessions, login attempts,
 * calculation runs and their statements, inquiries, the audit trail. Append-only: later changes
 * are new migrations, never edits of this one.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

export function initial(dialect: Dialect) {
  /** A database-generated integer primary key. */
  const id = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('org_versions')
        .addColumn('id', 'integer', id)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('org_name', 'text', (c) => c.notNull())
        .addColumn('file_count', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('org_files')
        .addColumn('version_id', 'integer', (c) => c.notNull().references('org_versions.id'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_files_pk', ['version_id', 'path'])
        .execute();
      await db.schema
        .createTable('people')
        .addColumn('version_id', 'integer', (c) => c.notNull().references('org_versions.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('manager_id', 'text', (c) => c.notNull())
        .addColumn('attrs', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('people_pk', ['version_id', 'id'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', id)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('runs')
        .addColumn('id', 'integer', id)
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('version_id', 'integer', (c) => c.notNull().references('org_versions.id'))
        .addColumn('inputs_hash', 'text', (c) => c.notNull())
        .addColumn('plan_versions', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('baseline_run_id', 'integer')
        .addColumn('totals', 'text', (c) => c.notNull())
        .addColumn('statement_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('approved_at', 'text')
        .addColumn('approved_by', 'integer')
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'integer')
        .addUniqueConstraint('runs_period_inputs_unique', ['period', 'inputs_hash'])
        .execute();
      await db.schema
        .createTable('run_statements')
        .addColumn('id', 'integer', id)
        .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('run_statements_run_person').on('run_statements').columns(['run_id', 'person_id']).execute();
      await db.schema
        .createTable('inquiries')
        .addColumn('id', 'integer', id)
        .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
        .addColumn('statement_id', 'integer', (c) => c.notNull().references('run_statements.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('line_snapshot', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('adjustment_version_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .execute();
      await db.schema.createIndex('inquiries_person').on('inquiries').column('person_id').execute();
      await db.schema
        .createTable('inquiry_messages')
        .addColumn('id', 'integer', id)
        .addColumn('inquiry_id', 'integer', (c) => c.notNull().references('inquiries.id'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'integer', id)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();
      if (dialect === 'sqlite') await sql`PRAGMA foreign_keys = ON`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const t of ['audit_events', 'inquiry_messages', 'inquiries', 'run_statements', 'runs', 'login_attempts', 'sessions', 'users', 'people', 'org_files', 'org_versions']) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}
