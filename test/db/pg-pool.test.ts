/**
 * The PostgreSQL pool's two edges. A pooled connection that fails while idle (the server restarted,
 * an administrator ended the backend, the network dropped) is reported and dropped; the process goes
 * on and the next query opens a fresh connection — pg emits such failures as the pool's `error`
 * event, which ends the process when nobody listens. And `close()` resolves only once every
 * connection has gone: pg's `pool.end()` resolves earlier, and a database dropped WITH (FORCE) right
 * after it ended backends still going away, whose errors then reached that unheard event (a CI run
 * failed so).
 */
import type { Socket } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { available, freshDatabase, PG_ADMIN_URL, type TestDb } from './databases.js';

describe.runIf(available('postgres'))('an idle PostgreSQL connection ended under the pool', () => {
  let scratch: TestDb;
  let store: Db;
  const reported: Error[] = [];
  beforeAll(async () => {
    scratch = await freshDatabase('postgres');
    store = await openDatabase({ dialect: 'postgres', location: scratch.url }, { onIdleError: (e) => reported.push(e) });
  });
  afterAll(async () => {
    await store.close();
    await scratch.dispose();
  });

  it('reports the failure, keeps the process, and answers the next query on a new connection', async () => {
    const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
    const pid = before.rows[0]?.pid;
    expect(typeof pid).toBe('number');

    // The connection is back in the pool, idle. End its backend from outside.
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const ended = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
      expect(ended.rows[0]?.ok).toBe(true);
    } finally {
      await admin.end();
    }
    // pg notices the closed socket on its next turn of the event loop.
    for (let i = 0; i < 100 && reported.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

    expect(reported).toHaveLength(1);
    expect(reported[0]?.message).toMatch(/terminat/i);
    const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
    expect(after.rows[0]?.pid).not.toBe(pid);
  });
});

/** A pg client's socket (pg keeps it as connection.stream, outside its types). */
const socketOf = (client: pg.Client): Socket => (client as unknown as { connection: { stream: Socket } }).connection.stream;

describe.runIf(available('postgres'))('closing the PostgreSQL pool', () => {
  let scratch: TestDb;
  beforeAll(async () => {
    scratch = await freshDatabase('postgres');
  });
  afterAll(async () => {
    await scratch.dispose();
  });

  const backends = async (database: string): Promise<number> => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const r = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
      return Number(r.rows[0]?.n);
    } finally {
      await admin.end();
    }
  };

  it('resolves once every connection has ended: each socket closed, no backend of the database left', async () => {
    const database = new URL(scratch.url).pathname.slice(1);
    // The test database's own pool (freshDatabase migrated it) holds a connection of its own.
    const baseline = await backends(database);
    // Every client the pool connects, seen through pg's own Client class (which the pool uses):
    // the spy calls through and keeps each call's `this`.
    const connect = vi.spyOn(pg.Client.prototype, 'connect');
    try {
      for (let round = 0; round < 5; round++) {
        connect.mockClear();
        const reported: Error[] = [];
        const store = await openDatabase({ dialect: 'postgres', location: scratch.url }, { onIdleError: (e) => reported.push(e) });
        // Eight queries at once: the pool opens eight connections.
        await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.02)`.execute(store.db)));
        const clients = connect.mock.contexts as pg.Client[];
        expect(clients.length).toBeGreaterThanOrEqual(8);
        await store.close();
        // pg's pool.end() resolves when it has asked each connection to end; close() waits until
        // the server has closed every one.
        expect(clients.map((c) => socketOf(c).destroyed), `round ${round}`).toEqual(clients.map(() => true));
        expect(await backends(database), `round ${round}`).toBe(baseline);
        expect(reported).toEqual([]);
      }
    } finally {
      connect.mockRestore();
    }
  });
});
