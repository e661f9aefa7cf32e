/**
 * The databases the repository and route tests run on: SQLite (a temporary file) always, and
 * PostgreSQL when a server answers on 127.0.0.1:5432 (trust auth, user postgres). In CI PostgreSQL
 * must be there; on a developer machine without it those tests print why and do nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Db, type Dialect } from '../../src/db/connect.js';

export const PG_ADMIN_URL = process.env.TANDEM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await probe();
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/**
 * True when tests on `dialect` can run. PostgreSQL missing fails in CI, and on a developer machine
 * prints why the test did nothing.
 */
export function available(dialect: Dialect): boolean {
  if (dialect === 'sqlite' || pgProblem === undefined) return true;
  const reason = `PostgreSQL at ${PG_ADMIN_URL} did not answer (${pgProblem})`;
  if (inCi) throw new Error(`${reason}; CI runs these tests against it.`);
  console.warn(`[postgres tests] NOT RUN: ${reason}. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
  return false;
}

let counter = 0;

export interface TestDb extends Db {
  /** The DATABASE_URL of this database (for a server process). */
  readonly url: string;
  /** Closes it and drops it. */
  dispose(): Promise<void>;
}

/** A new, empty, migrated database of `dialect`. */
export async function freshDatabase(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const path = join(mkdtempSync(join(tmpdir(), 'tandem-db-')), 'tandem.sqlite');
    const db = await openDatabase({ dialect, location: path });
    return { ...db, url: `sqlite:${path}`, dispose: () => db.close() };
  }
  const name = `tandem_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase({ dialect, location: url });
  return {
    ...db,
    url,
    dispose: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A fresh database of `dialect` for the enclosing describe block: created before its tests, dropped
 * after. `store` is undefined when the dialect cannot run here (see `available`).
 */
export function useDatabase(dialect: Dialect): { readonly store: TestDb | undefined } {
  const holder: { store: TestDb | undefined } = { store: undefined };
  beforeAll(async () => {
    if (available(dialect)) holder.store = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await holder.store?.dispose();
  });
  return holder;
}
