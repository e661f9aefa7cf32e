/**
 * startServer over real HTTP, on SQLite and PostgreSQL: it answers, and close() stops accepting
 * connections, lets a request in flight finish, closes idle keep-alive connections, then resolves.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
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

  it("reads the cookie, the CSRF token and Accept-Encoding from Node's request: statements gzipped for a client that takes gzip, the same JSON", async () => {
    const server = await startServer({ store: w.store, port: 0, clock: w.clock.now, logger: pino({ level: 'silent' }) });
    try {
      const url = new URL(server.url);
      const get = (path: string, headers: Record<string, string>) =>
        new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
          // node:http, not fetch: fetch asks for gzip itself and hides the encoding.
          const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
          req.end();
        });
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'member', password: PASSWORD }) });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
      // Another cookie first: the session cookie is found among others.
      const cookies = `theme=dark; ${cookie}`;

      const plain = await get('/api/me/statements', { cookie: cookies });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('accept-encoding');
      const zipped = await get('/api/me/statements', { cookie: cookies, 'accept-encoding': 'br;q=1, gzip;q=0.8' });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
      expect(gunzipSync(zipped.body).toString('utf8')).toBe(plain.body.toString('utf8'));
      // gzip refused (q=0): as it is.
      expect((await get('/api/me/statements', { cookie: cookies, 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
      // No session cookie among the cookies: not signed in.
      expect((await get('/api/me/statements', { cookie: 'theme=dark' })).status).toBe(401);

      // A mutation reads the CSRF header from Node's request too: refused without it, taken with it.
      const post = (headers: Record<string, string>) => fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: cookies, ...headers } });
      expect((await post({})).status).toBe(403);
      expect((await post({ 'x-csrf-token': csrf })).status).toBe(200);
      expect((await get('/api/me/statements', { cookie: cookies })).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
