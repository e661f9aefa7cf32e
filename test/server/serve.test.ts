/**
 * startServer over real HTTP, on SQLite and PostgreSQL: it answers, and close() stops accepting
 * connections, lets a request in flight finish, closes idle keep-alive connections, then resolves.
 */
import { request } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.js';
import { available, DIALECTS } from '../db/databases.js';
import { buildWorld, PASSWORD, type World } from './world.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DIALECTS.filter((d) => available(d)))('startServer on %s', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('serves over HTTP and shuts down gracefully: a request in flight completes, new connections are refused', async () => {
    const server = await startServer({ store: w.store, port: 0, clock: w.clock.now, logger: pino({ level: 'silent' }) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
    // An idle keep-alive connection (fetch keeps one) must not hold the shutdown up.
    expect((await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).status).toBe(200);

    // A request whose body arrives slowly: in flight when close() is called.
    const url = new URL(`${server.url}/api/runs`);
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"period":');
      setTimeout(() => req.end('"2026-Q2"}'), 300);
    });
    await sleep(100);
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await sleep(50);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ created: false, run: { id: w.runs.published.id } });
    await closing;
    expect(closed).toBe(true);
    // The caller closes the database afterwards; it still answers until then.
    expect((await w.store.db.selectFrom('runs').select('id').execute()).length).toBe(3);
  });
});
