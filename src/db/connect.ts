/**
 * Opening the database: SQLite through better-sqlite3 (the embedded default, a file under ./data/)
 * or PostgreSQL through pg, chosen by DATABASE_URL. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type Migration } from 'kysely';
import { CommitStamp } from './commit-stamp.js';
import { FairSqliteDialect } from './fair-sqlite.js';
import pg from 'pg';
import { initial } from './migrations/2026-11-27-0001-initial.js';
import { locks } from './migrations/2026-11-27-0002-locks.js';
import { statementPersonIndex } from './migrations/2026-11-28-0003-statement-person-index.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where it is, without a password (for logs). */
  readonly where: string;
  /**
   * SQLite only: runs a read at once, synchronously, when no query or transaction holds the
   * connection (undefined when one does: go through `db`). See src/db/fair-sqlite.ts.
   */
  readonly readIfIdle?: (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;
  /**
   * SQLite file in WAL mode only: a stamp that two calls return equal only if nothing was
   * committed in between, by any connection of any process (undefined when it cannot tell).
   * Without a transaction: see src/db/commit-stamp.ts.
   */
  readonly commitStamp?: () => number | undefined;
  close(): Promise<void>;
}

/** The default embedded database file. */
export const DEFAULT_SQLITE_PATH = 'data/tandem.sqlite';

/** A database URL that is neither `sqlite:PATH` nor `postgres://…`. */
export class DatabaseUrlError extends Error {}

export interface Target {
  readonly dialect: Dialect;
  /** SQLite file path, or the PostgreSQL connection string. */
  readonly location: string;
}

/** Reads DATABASE_URL: unset → the embedded file; `sqlite:PATH`; `postgres://` or `postgresql://`. */
export function parseDatabaseUrl(url: string | undefined): Target {
  if (url === undefined || url === '') return { dialect: 'sqlite', location: DEFAULT_SQLITE_PATH };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new DatabaseUrlError('DATABASE_URL "sqlite:" names no file: use sqlite:PATH, e.g. sqlite:data/tandem.sqlite');
    return { dialect: 'sqlite', location: path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', location: url };
  throw new DatabaseUrlError(`DATABASE_URL must be sqlite:PATH or a postgres:// URL, not "${url.replace(/:[^:@/]*@/, ':***@')}"`);
}

/** The migrations, in order: append new ones, never edit old ones. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return { '2026-11-27-0001-initial': initial(dialect), '2026-11-27-0002-locks': locks, '2026-11-28-0003-statement-person-index': statementPersonIndex };
}

/** Prepared statements kept per SQL text: Kysely asks for one per query, and preparing costs more than running. */
const STATEMENT_CACHE = 512;

function cachedStatements(sqlite: SqliteDatabase.Database): { prepare: (sql: string) => SqliteDatabase.Statement; close: () => void } {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare: (text) => {
      let stmt = cache.get(text);
      if (!stmt) {
        if (cache.size >= STATEMENT_CACHE) cache.clear();
        stmt = sqlite.prepare(text);
        cache.set(text, stmt);
      }
      return stmt;
    },
    close: () => {
      cache.clear();
      sqlite.close();
    },
  };
}

export interface OpenOptions {
  /**
   * PostgreSQL only: told when an idle pooled connection fails (the server restarted, an
   * administrator ended the backend, the network dropped). The pool drops that connection and
   * opens another for the next query; without a listener pg's error event would end the process.
   * Default: one line on stderr.
   */
  readonly onIdleError?: (error: Error) => void;
}

const idleErrorToStderr = (error: Error): void => {
  process.stderr.write(`tandem: a pooled PostgreSQL connection failed while idle and was dropped: ${error.message}\n`);
};

/** Opens the database and brings its schema up to date. */
export async function openDatabase(target: Target, options: OpenOptions = {}): Promise<Db> {
  let db: Kysely<Database>;
  let where: string;
  let dialect: FairSqliteDialect | undefined;
  let connections: OpenConnections | undefined;
  let stamp: CommitStamp | undefined;
  if (target.dialect === 'sqlite') {
    const inMemory = target.location === ':memory:' || target.location === '';
    if (!inMemory) mkdirSync(dirname(target.location), { recursive: true });
    const sqlite = new SqliteDatabase(target.location);
    const journal: unknown = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (!inMemory && journal === 'wal') stamp = new CommitStamp(target.location);
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    const statements = cachedStatements(sqlite);
    dialect = new FairSqliteDialect({ database: statements }, statements.prepare);
    db = new Kysely<Database>({ dialect });
    where = `sqlite:${target.location}`;
  } else {
    const pool = new pg.Pool({ connectionString: target.location, max: 10 });
    pool.on('error', options.onIdleError ?? idleErrorToStderr);
    connections = openConnections(pool);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    where = target.location.replace(/:[^:@/]*@/, ':***@');
  }
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations(target.dialect)) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration${failed ? ` ${failed}` : ''} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  const sqliteDialect = dialect;
  return {
    db,
    dialect: target.dialect,
    where,
    ...(sqliteDialect === undefined ? {} : { readIfIdle: (text: string, parameters: readonly unknown[]) => sqliteDialect.readIfIdle(text, parameters) }),
    ...(stamp === undefined ? {} : { commitStamp: () => stamp.read() }),
    close: async () => {
      await db.destroy();
      // After SQLite's own connection is closed (commit-stamp.ts: POSIX locks).
      stamp?.close();
      await connections?.allClosed();
    },
  };
}

/** How long close() waits for the server to close the pool's connections before cutting them. */
const CLOSE_GRACE_MS = 5000;

interface OpenConnections {
  /** Resolves when every connection the pool opened has closed. */
  allClosed(): Promise<void>;
}

/**
 * The pool's connections until each has closed. pg's `pool.end()` resolves once it has asked its
 * idle connections to end, not once they have: a caller that then drops the database or stops the
 * server would meet backends still going away (and their errors).
 */
function openConnections(pool: pg.Pool): OpenConnections {
  const open = new Set<pg.PoolClient>();
  let waiting: (() => void) | undefined;
  pool.on('connect', (client) => open.add(client));
  pool.on('remove', (client) => {
    open.delete(client);
    if (open.size === 0) waiting?.();
  });
  return {
    allClosed: () =>
      open.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            // A server that never answers the goodbye does not hold the process: after a while the
            // sockets are cut.
            const cut = setTimeout(() => {
              for (const client of open) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
              resolve();
            }, CLOSE_GRACE_MS);
            cut.unref();
            waiting = () => {
              clearTimeout(cut);
              resolve();
            };
          }),
  };
}
