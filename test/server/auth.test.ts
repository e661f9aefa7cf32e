/**
 * Sign-in, sessions, CSRF, rate limiting and logs, on SQLite and PostgreSQL. Two app instances over
 * one database stand for two server processes: sessions and login limits hold across them.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES, SESSION_HOURS } from '../../src/app/auth.js';
import { createAppWithRouter } from '../../src/server/app.js';
import { available, DIALECTS } from '../db/databases.js';
import { buildWorld, Client, PASSWORD, type World } from './world.js';

describe.each(DIALECTS.filter((d) => available(d)))('auth on %s', (dialect) => {
  let w: World;
  const logLines: string[] = [];
  beforeAll(async () => {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    w = await buildWorld(dialect, { logger });
  });
  afterAll(async () => {
    await w.close();
  });

  /** A second server instance over the same database. */
  const secondInstance = (options: { cookieSecure?: boolean } = {}) => createAppWithRouter({ store: w.store, clock: w.clock.now, logger: pino({ level: 'silent' }), ...options }).app;

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict, Path=/ and lasts the session; Secure when asked', async () => {
    const c = w.client();
    const r = await c.login('member', PASSWORD);
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tandem_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_HOURS * 3600}`);
    expect(cookie).not.toContain('Secure');
    const secure = await new Client(secondInstance({ cookieSecure: true })).login('member', PASSWORD);
    expect(secure.headers.get('set-cookie')).toContain('Secure');
    // The database holds the token's hash, never the token.
    const token = (c.cookie ?? '').split('=')[1] ?? '';
    const rows = await w.store.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((s) => s.id === token)).toBe(false);
    expect(rows.some((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
  });

  it('gives one answer for a wrong password, an unknown user and a disabled account', async () => {
    const wrong = await w.client().login('member', 'not the password');
    const unknown = await w.client().login('nobody-at-all', 'whatever password');
    await w.clients.admin.post('/api/users', { username: 'soon-disabled', password: PASSWORD, role: 'member', person_id: 'se-004' });
    const id = (await w.store.db.selectFrom('users').select('id').where('username', '=', 'soon-disabled').executeTakeFirstOrThrow()).id;
    await w.clients.admin.post(`/api/users/${id}/disable`);
    const disabled = await w.client().login('soon-disabled', PASSWORD);
    for (const r of [wrong, unknown, disabled]) {
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ error: { code: 'unauthenticated', message: 'wrong username or password', details: null } });
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it('takes about as long for an unknown user as for a wrong password (the dummy hash is verified)', async () => {
    const time = async (username: string) => {
      const t0 = performance.now();
      await w.client().login(username, 'wrong password');
      return performance.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    // Distinct unknown names and few attempts per known one, so the rate limit does not answer first.
    for (let i = 0; i < 4; i++) {
      known.push(await time('leader'));
      unknown.push(await time(`ghost-${i}`));
    }
    await w.client().login('leader', PASSWORD);
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it(`refuses a username's ${LOGIN_MAX_FAILURES + 1}th attempt in ${LOGIN_WINDOW_MINUTES} minutes with 429 and Retry-After, on every instance, even with the right password`, async () => {
    await w.clients.admin.post('/api/users', { username: 'target', password: PASSWORD, role: 'member', person_id: 'se-005' });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await w.client().login('target', `guess ${i}`)).status).toBe(401);
    const limited = await w.client().login('target', 'guess 6');
    expect([limited.status, limited.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(LOGIN_WINDOW_MINUTES * 60);
    expect((await w.client().login('TARGET', PASSWORD)).status).toBe(429);
    expect((await new Client(secondInstance()).login('target', PASSWORD)).status).toBe(429);
    // Other usernames are not affected.
    expect((await w.client().login('other', PASSWORD)).status).toBe(200);
    w.clock.advance(LOGIN_WINDOW_MINUTES * 60_000 + 1000);
    expect((await w.client().login('target', PASSWORD)).status).toBe(200);
    // A success clears the count.
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await w.client().login('target', `again ${i}`)).status).toBe(401);
    expect((await w.client().login('target', 'again')).status).toBe(429);
  });

  it('counts concurrent attempts exactly (one atomic statement per attempt)', async () => {
    await w.clients.admin.post('/api/users', { username: 'crowd', password: PASSWORD, role: 'member', person_id: 'se-006' });
    const apps = [w.app, secondInstance()];
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => new Client(apps[i % 2] as typeof w.app).login('crowd', `parallel ${i}`)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LOGIN_MAX_FAILURES);
  });

  it('serves a session on any instance, until it expires or is ended', async () => {
    const c = await w.signIn('manager');
    const elsewhere = new Client(secondInstance());
    elsewhere.cookie = c.cookie;
    elsewhere.csrf = c.csrf;
    expect((await elsewhere.get('/api/auth/session')).status).toBe(200);
    expect((await elsewhere.post('/api/calc/preview', { period: '2026-Q2', person_id: 'se-002' })).status).toBe(200);
    w.clock.advance(SESSION_HOURS * 3_600_000 - 1000);
    expect((await c.get('/api/auth/session')).status).toBe(200);
    w.clock.advance(2000);
    const expired = await c.get('/api/auth/session');
    expect([expired.status, expired.code]).toEqual([401, 'unauthenticated']);
    expect((await elsewhere.get('/api/auth/session')).status).toBe(401);
    const again = await w.signIn('manager');
    expect((await elsewhere.post('/api/auth/logout', undefined, {})).status).toBe(401);
    elsewhere.cookie = again.cookie;
    elsewhere.csrf = again.csrf;
    expect((await elsewhere.post('/api/auth/logout')).status).toBe(200);
    expect((await again.get('/api/auth/session')).status).toBe(401);
  });

  it('refuses a mutation without the CSRF token, with a wrong one or with another session\'s (403), and never needs it for reads', async () => {
    const a = await w.signIn('admin');
    const b = await w.signIn('admin');
    const body = { period: '2026-Q2' };
    const none = await a.post('/api/runs', body, { csrf: false });
    expect([none.status, none.code]).toEqual([403, 'csrf_failed']);
    expect((await a.post('/api/runs', body, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } })).status).toBe(403);
    expect((await a.post('/api/runs', body, { csrf: false, headers: { 'x-csrf-token': b.csrf ?? '' } })).status).toBe(403);
    expect((await a.post('/api/runs', body, { csrf: false, headers: { 'x-csrf-token': '' } })).status).toBe(403);
    expect((await a.post('/api/runs', body)).status).toBe(200);
    expect((await a.get('/api/runs')).status).toBe(200);
    // Sign-in itself needs no token (there is no session yet) but does not accept a cross-site form either.
    const form = await w.client().request('POST', '/api/auth/login', { raw: 'username=admin&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([form.status, form.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('logs every request with its id, method, path, status, time and user, and never a password, token or cookie', async () => {
    const c = await w.signIn('member');
    await c.get('/api/me/statements');
    await w.client().login('member', 'a wrong password to log');
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(10);
    const mine = requests.find((l) => l.path === '/api/me/statements' && l.user_id === w.userIds.member);
    expect(mine).toMatchObject({ method: 'GET', status: 200, req_id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string });
    expect(typeof mine?.ms).toBe('number');
    const text = logLines.join('');
    const token = (c.cookie ?? '').split('=')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    for (const secret of [PASSWORD, 'a wrong password to log', token, c.csrf ?? '', 'tandem_session=']) expect(text).not.toContain(secret);
  });
});
