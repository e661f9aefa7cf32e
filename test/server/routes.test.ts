/**
 * Every route, in-process, on SQLite and PostgreSQL: refusals first (401, 403, 404), then the happy
 * path, against the demo org. Every reply is checked against the OpenAPI document by the world's
 * client (success bodies against their route's schema, errors against the error shape).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createUser } from '../../src/app/users.js';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { currentVersion, versionFiles } from '../../src/db/repositories/org-versions.js';
import type {
  auditEventSchema,
  evidenceSchema,
  explainSchema,
  importPreviewSchema,
  inquirySchema,
  inquiryThreadSchema,
  personSchema,
  previewSchema,
  readinessSchema,
  runCreatedSchema,
  runDiffSchema,
  runSchema,
  sessionSchema,
  statementSchema,
  userSchema,
  versionSchema,
  whatifSchema,
} from '../../src/server/schemas.js';
import { available, DIALECTS } from '../db/databases.js';
import { field } from '../demo/helpers.js';
import { buildWorld, demoFiles, PASSWORD, reportsFrom, statementIds, type Client, type Reply, type World } from './world.js';

type Page<T> = { items: T[]; next_cursor: string | null };
type Statement = z.infer<typeof statementSchema>;
type Person = z.infer<typeof personSchema>;
type Run = z.infer<typeof runSchema>;
type Inquiry = z.infer<typeof inquiryThreadSchema>;
type Preview = z.infer<typeof importPreviewSchema>;

/** Every item of a paginated list, following next_cursor. */
async function all<T>(client: Client, path: string, limit = 7): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const r: Reply = await client.get(`${path}${sep}limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(r.status, r.text).toBe(200);
    const page = r.as<Page<T>>();
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.next_cursor;
    if (cursor === null) return out;
  }
  throw new Error('pagination does not end');
}

describe.each(DIALECTS.filter((d) => available(d)))('routes on %s', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('refuses every signed-in route without a session (401), whatever the method', async () => {
    for (const route of w.router.routes.filter((r) => r.action !== 'public')) {
      const path = route.path.replace(/:id/g, route.path.includes('people') ? 'se-001' : '1');
      const r = await w.clients.anonymous.request(route.method, path, route.method === 'GET' ? {} : { json: {} });
      expect([r.status, r.code], `${route.method} ${route.path}`).toEqual([401, 'unauthenticated']);
    }
  });

  describe('system', () => {
    it('healthz and readyz answer without a session', async () => {
      const anon = w.clients.anonymous;
      expect((await anon.get('/healthz')).json).toEqual({ status: 'ok' });
      expect((await anon.get('/readyz')).json).toEqual({ status: 'ok' });
    });

    it('serves OpenAPI 3.1 listing every route with its schemas, roles and security', async () => {
      const r = await w.clients.anonymous.get('/api/openapi.json');
      const doc = r.as<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security: unknown[]; 'x-roles': unknown; requestBody?: unknown }>> }>();
      expect(doc.openapi).toBe('3.1.0');
      for (const route of w.router.routes) {
        const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
        expect(op, `${route.method} ${route.path}`).toBeDefined();
        expect(op?.responses[String(route.status)]).toBeDefined();
        expect(op?.security).toEqual(route.action === 'public' ? [] : route.csrf ? [{ session: [], csrf: [] }] : [{ session: [] }]);
        if (route.body) expect(op?.requestBody).toBeDefined();
      }
      expect(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0)).toBe(w.router.routes.length);
    });

    it('answers 404 for an unknown path and 405 with Allow for a known path and another method', async () => {
      const admin = w.clients.admin;
      const missing = await admin.get('/api/nothing-here');
      expect([missing.status, missing.code]).toEqual([404, 'not_found']);
      const wrong = await admin.request('DELETE', '/api/runs');
      expect([wrong.status, wrong.code]).toEqual([405, 'method_not_allowed']);
      expect(wrong.headers.get('allow')).toBe('GET, POST');
    });

    it('sends a request id and security headers on every reply', async () => {
      const r = await w.clients.anonymous.get('/healthz');
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('auth', () => {
    it('GET /api/auth/session: 401 without a session; the account and CSRF token with one', async () => {
      expect((await w.clients.anonymous.get('/api/auth/session')).status).toBe(401);
      const r = await w.clients.member.get('/api/auth/session');
      const s = r.as<z.infer<typeof sessionSchema>>();
      expect(s.user).toEqual({ id: w.userIds.member, username: 'member', role: 'member', person_id: 'se-001' });
      expect(s.csrf_token).toBe(w.clients.member.csrf);
    });

    it('POST /api/auth/logout: 401 without a session, 403 without CSRF, then ends the session', async () => {
      expect((await w.clients.anonymous.post('/api/auth/logout')).status).toBe(401);
      const c = await w.signIn('member');
      const noCsrf = await c.request('POST', '/api/auth/logout', { csrf: false });
      expect([noCsrf.status, noCsrf.code]).toEqual([403, 'csrf_failed']);
      const r = await c.post('/api/auth/logout');
      expect(r.status).toBe(200);
      expect(r.headers.get('set-cookie')).toMatch(/tandem_session=;/);
      expect((await c.get('/api/auth/session')).status).toBe(401);
      expect((await w.clients.member.get('/api/auth/session')).status).toBe(200);
    });
  });

  describe('users', () => {
    it('refuses non-admins (403) and anonymous (401)', async () => {
      for (const who of ['member', 'other', 'manager', 'leader'] as const) {
        expect((await w.clients[who].get('/api/users')).status).toBe(403);
        expect((await w.clients[who].post('/api/users', { username: 'x1', password: PASSWORD, role: 'member', person_id: 'se-002' })).status).toBe(403);
        expect((await w.clients[who].post(`/api/users/${w.userIds.other}/disable`)).status).toBe(403);
      }
      expect((await w.clients.anonymous.get('/api/users')).status).toBe(401);
    });

    it('lists accounts page by page, never a password hash', async () => {
      const users = await all<z.infer<typeof userSchema>>(w.clients.admin, '/api/users', 2);
      expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'leader', 'manager', 'member', 'other']));
      expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
      expect(JSON.stringify(users)).not.toMatch(/argon2|password/);
    });

    it('creates an account linked to a person, refuses duplicates and unknown people, and the new account signs in', async () => {
      const admin = w.clients.admin;
      const r = await admin.post('/api/users', { username: 'se-002-user', password: PASSWORD, role: 'member', person_id: 'se-002' });
      expect(r.status, r.text).toBe(201);
      expect(r.as<z.infer<typeof userSchema>>()).toMatchObject({ username: 'se-002-user', role: 'member', person_id: 'se-002', disabled: false });
      const dup = await admin.post('/api/users', { username: 'SE-002-user', password: PASSWORD, role: 'member', person_id: 'se-002' });
      expect([dup.status, dup.code]).toEqual([409, 'conflict']);
      const unknown = await admin.post('/api/users', { username: 'ghost', password: PASSWORD, role: 'member', person_id: 'se-999' });
      expect([unknown.status, unknown.code]).toEqual([400, 'bad_request']);
      const unlinked = await admin.post('/api/users', { username: 'unlinked', password: PASSWORD, role: 'manager', person_id: null });
      expect(unlinked.status).toBe(400);
      const short = await admin.post('/api/users', { username: 'shorty', password: 'short', role: 'admin', person_id: null });
      expect(short.status).toBe(400);
      const c = w.client();
      expect((await c.login('se-002-user', PASSWORD)).status).toBe(200);
      const row = await w.store.db.selectFrom('users').select('password_hash').where('username', '=', 'se-002-user').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('disables an account: its sessions end and it cannot sign in; an admin cannot disable themselves', async () => {
      const admin = w.clients.admin;
      const created = await admin.post('/api/users', { username: 'to-disable', password: PASSWORD, role: 'member', person_id: 'se-003' });
      const id = created.as<{ id: number }>().id;
      const c = w.client();
      expect((await c.login('to-disable', PASSWORD)).status).toBe(200);
      const r = await admin.post(`/api/users/${id}/disable`);
      expect(r.status).toBe(200);
      expect(r.as<{ disabled: boolean }>().disabled).toBe(true);
      expect((await c.get('/api/auth/session')).status).toBe(401);
      expect((await w.client().login('to-disable', PASSWORD)).status).toBe(401);
      expect((await admin.post('/api/users/999999/disable')).status).toBe(404);
      expect((await admin.post(`/api/users/${w.userIds.admin}/disable`)).status).toBe(409);
    });
  });

  describe('org', () => {
    it('GET /api/org: the current version, to any signed-in account', async () => {
      expect((await w.clients.anonymous.get('/api/org')).status).toBe(401);
      const r = await w.clients.member.get('/api/org');
      expect(r.as<{ version: z.infer<typeof versionSchema> }>().version).toMatchObject({ org_name: 'Northwind Cloud', file_count: 19 });
    });

    it('GET /api/org/versions: admins and leaders only', async () => {
      for (const who of ['member', 'other', 'manager'] as const) expect((await w.clients[who].get('/api/org/versions')).status).toBe(403);
      const versions = await all<z.infer<typeof versionSchema>>(w.clients.leader, '/api/org/versions', 1);
      expect(versions.length).toBeGreaterThanOrEqual(1);
      expect(versions.map((v) => v.id)).toEqual([...versions.map((v) => v.id)].sort((a, b) => b - a));
    });

    it('GET /api/org/people: admins see everyone with attr_*, leaders everyone without, managers their reports and themselves, members themselves', async () => {
      const everyone = w.people.map((p) => field(p, 'id')).sort();
      const admin = await all<Person>(w.clients.admin, '/api/org/people', 20);
      expect(admin.map((p) => p.id)).toEqual(everyone);
      expect(admin.find((p) => p.id === 'se-001')?.attrs).toEqual({ attr_gender: expect.any(String) as string });
      const leader = await all<Person>(w.clients.leader, '/api/org/people', 50);
      expect(leader.map((p) => p.id)).toEqual(everyone);
      expect(leader.every((p) => p.attrs === undefined)).toBe(true);
      const manager = await all<Person>(w.clients.manager, '/api/org/people');
      expect(manager.map((p) => p.id)).toEqual(['sem-001', ...w.managerReports].sort());
      expect(w.managerReports).toEqual(new Set(['se-001', 'se-002', 'se-003', 'se-004', 'se-005', 'se-006', 'se-007']));
      expect((await all<Person>(w.clients.member, '/api/org/people')).map((p) => p.id)).toEqual(['se-001']);
      expect((await all<Person>(w.clients.other, '/api/org/people')).map((p) => p.id)).toEqual(['se-008']);
    });

    it('GET /api/org/people/:id: 404 for someone you may not see', async () => {
      expect((await w.clients.member.get('/api/org/people/se-001')).status).toBe(200);
      expect((await w.clients.member.get('/api/org/people/se-008')).status).toBe(404);
      expect((await w.clients.manager.get('/api/org/people/se-002')).status).toBe(200);
      expect((await w.clients.manager.get('/api/org/people/se-008')).status).toBe(404);
      expect((await w.clients.admin.get('/api/org/people/nobody')).status).toBe(404);
      expect((await w.clients.admin.get('/api/org/people/se-001')).as<Person>().attrs).toBeDefined();
      expect((await w.clients.leader.get('/api/org/people/se-001')).as<Person>().attrs).toBeUndefined();
    });
  });

  describe('runs', () => {
    it('GET /api/runs: admins see every run with totals; others published runs only, without totals', async () => {
      const admin = await all<Run>(w.clients.admin, '/api/runs', 1);
      expect(admin.map((r) => r.status)).toEqual(expect.arrayContaining(['draft', 'approved', 'published']));
      expect(admin.every((r) => r.totals !== undefined)).toBe(true);
      for (const who of ['member', 'other', 'manager', 'leader'] as const) {
        const runs = await all<Run>(w.clients[who], '/api/runs');
        expect(runs.map((r) => r.id)).toEqual([w.runs.published.id]);
        expect(runs[0]?.totals).toBeUndefined();
      }
      const drafts = await w.clients.admin.get('/api/runs?status=draft');
      expect(drafts.as<Page<Run>>().items.map((r) => r.id)).toEqual([w.runs.draft.id]);
      expect((await w.clients.member.get('/api/runs?status=draft')).as<Page<Run>>().items).toEqual([]);
    });

    it('GET /api/runs/:id: a draft or approved run is 404 to non-admins', async () => {
      expect((await w.clients.admin.get(`/api/runs/${w.runs.draft.id}`)).as<Run>().status).toBe('draft');
      expect((await w.clients.member.get(`/api/runs/${w.runs.draft.id}`)).status).toBe(404);
      expect((await w.clients.manager.get(`/api/runs/${w.runs.approved.id}`)).status).toBe(404);
      expect((await w.clients.member.get(`/api/runs/${w.runs.published.id}`)).status).toBe(200);
      expect((await w.clients.admin.get('/api/runs/999999')).status).toBe(404);
    });

    it('POST /api/runs: admins only; the same inputs return the existing run (200)', async () => {
      for (const who of ['member', 'manager', 'leader'] as const) expect((await w.clients[who].post('/api/runs', { period: '2026-Q2' })).status).toBe(403);
      const again = await w.clients.admin.post('/api/runs', { period: '2026-Q2' });
      expect(again.status).toBe(200);
      expect(again.as<z.infer<typeof runCreatedSchema>>()).toMatchObject({ created: false, run: { id: w.runs.published.id } });
      const bad = await w.clients.admin.post('/api/runs', { period: '2026-Q5' });
      expect(bad.status).toBe(400);
    });

    it('creates, reviews, approves and publishes a run of another period', async () => {
      const admin = w.clients.admin;
      const created = await admin.post('/api/runs', { period: '2026-Q1' });
      expect(created.status).toBe(201);
      const run = created.as<z.infer<typeof runCreatedSchema>>().run;
      expect(run).toMatchObject({ period: '2026-Q1', status: 'draft' });
      const diff = await admin.get(`/api/runs/${run.id}/diff`);
      expect(diff.as<z.infer<typeof runDiffSchema>>()).toMatchObject({ baseline: null, diff: { unchanged: 0 } });
      expect((await w.clients.member.get(`/api/runs/${run.id}/diff`)).status).toBe(403);
      expect((await w.clients.leader.post(`/api/runs/${run.id}/approve`)).status).toBe(403);
      expect((await admin.post(`/api/runs/${run.id}/publish`)).status).toBe(409);
      expect((await admin.post(`/api/runs/${run.id}/approve`)).as<Run>().status).toBe('approved');
      expect((await admin.post(`/api/runs/${run.id}/approve`)).status).toBe(409);
      expect((await w.clients.member.get(`/api/runs/${run.id}/statements`)).status).toBe(404);
      expect((await admin.post(`/api/runs/${run.id}/publish`)).as<Run>().status).toBe('published');
      const mine = await all<Statement>(w.clients.member, `/api/runs/${run.id}/statements`);
      expect(mine.map((s) => s.statement.person_id)).toEqual(['se-001']);
    });

    it('GET /api/runs/:id/statements: each role sees exactly the statements the policy allows, page by page', async () => {
      const runId = w.runs.published.id;
      const everyone = await all<Statement>(w.clients.admin, `/api/runs/${runId}/statements`, 13);
      expect(everyone.length).toBe(w.runs.published.statement_count);
      expect(new Set(everyone.map((s) => s.id)).size).toBe(everyone.length);
      const manager = await all<Statement>(w.clients.manager, `/api/runs/${runId}/statements`);
      expect(new Set(manager.map((s) => s.statement.person_id))).toEqual(new Set(everyone.map((s) => s.statement.person_id).filter((p) => w.managerReports.has(p) || p === 'sem-001')));
      expect((await all<Statement>(w.clients.member, `/api/runs/${runId}/statements`)).map((s) => s.statement.person_id)).toEqual(['se-001']);
      expect(await all<Statement>(w.clients.leader, `/api/runs/${runId}/statements`)).toEqual([]);
      expect(await all<Statement>(w.clients.member, `/api/runs/${runId}/statements?person_id=se-008`)).toEqual([]);
      expect((await all<Statement>(w.clients.manager, `/api/runs/${runId}/statements?person_id=se-002`)).map((s) => s.statement.person_id)).toEqual(['se-002']);
      expect((await w.clients.member.get(`/api/runs/${w.runs.draft.id}/statements`)).status).toBe(404);
      expect((await all<Statement>(w.clients.admin, `/api/runs/${w.runs.draft.id}/statements`, 100)).length).toBe(w.runs.draft.statement_count);
    });

    it('GET /api/statements/:id and /explain: the statement with its trace, explained in words', async () => {
      const [own] = w.publishedStatements.get('se-001') ?? [];
      const s = (await w.clients.member.get(`/api/statements/${own}`)).as<Statement>();
      expect(s.statement).toMatchObject({ person_id: 'se-001', period: '2026-Q2' });
      expect(s.statement.adjustments).toEqual([expect.objectContaining({ amount: '1500.00', approver: 'sed-001' })]);
      expect(s.statement.measures[0]?.trace?.length).toBeGreaterThan(0);
      const text = (await w.clients.member.get(`/api/statements/${own}/explain`)).as<z.infer<typeof explainSchema>>();
      expect(text.text).toContain('Statement for Jade Mendes (se-001), 2026-Q2');
      expect(text.text).toContain(s.statement.total);
      const md = (await w.clients.manager.get(`/api/statements/${own}/explain?format=markdown`)).as<z.infer<typeof explainSchema>>();
      expect(md.format).toBe('markdown');
      expect(md.text).toMatch(/^#/m);
      const [others] = w.publishedStatements.get('se-008') ?? [];
      expect((await w.clients.member.get(`/api/statements/${others}`)).status).toBe(404);
      expect((await w.clients.member.get(`/api/statements/${others}/explain`)).status).toBe(404);
      expect((await w.clients.admin.get('/api/statements/999999')).status).toBe(404);
      expect((await w.clients.admin.get(`/api/statements/${own}/explain?format=pdf`)).status).toBe(400);
    });

    it("GET /api/me/statements: one's own statements in published runs only", async () => {
      const mine = await all<Statement>(w.clients.member, '/api/me/statements', 1);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.every((s) => s.statement.person_id === 'se-001' && s.run_status === 'published')).toBe(true);
      expect(await all<Statement>(w.clients.admin, '/api/me/statements')).toEqual([]);
    });
  });

  describe('computations', () => {
    it('POST /api/calc/preview: the same numbers as the stored run, for the people you may see', async () => {
      const r = await w.clients.member.post('/api/calc/preview', { period: '2026-Q2' });
      const preview = r.as<z.infer<typeof previewSchema>>();
      expect(preview.statements.map((s) => s.person_id)).toEqual(['se-001']);
      const [own] = w.publishedStatements.get('se-001') ?? [];
      const stored = (await w.clients.member.get(`/api/statements/${own}`)).as<Statement>();
      expect(preview.statements[0]).toEqual(stored.statement);
      expect((await w.clients.member.post('/api/calc/preview', { period: '2026-Q2', person_id: 'se-008' })).status).toBe(404);
      const team = (await w.clients.manager.post('/api/calc/preview', { period: '2026-Q2' })).as<z.infer<typeof previewSchema>>();
      expect(new Set(team.statements.map((s) => s.person_id))).toEqual(w.managerReports);
      expect((await w.clients.admin.post('/api/calc/preview', { period: '2026-Q2', person_id: 'se-008' })).as<z.infer<typeof previewSchema>>().statements).toHaveLength(1);
      expect((await w.clients.leader.post('/api/calc/preview', { period: '2026-Q2' })).status).toBe(403);
      expect((await w.clients.admin.post('/api/calc/preview', { period: '2026-Q9' })).status).toBe(400);
      expect((await w.clients.admin.post('/api/calc/preview', { period: '2026-Q2', person_id: 'nobody' })).status).toBe(404);
      // Nothing was stored.
      expect((await w.clients.admin.get('/api/runs?period=2026-Q2')).as<Page<Run>>().items).toHaveLength(1);
    });

    it("POST /api/whatif: a hypothetical deal raises the member's pay by its marginal value", async () => {
      const body = { period: '2026-Q4', person_id: 'se-001', deal: { amount: 400000, close_date: '2026-11-20', type: 'new', technical_win: true } };
      const r = await w.clients.member.post('/api/whatif', body);
      expect(r.status, r.text).toBe(200);
      const result = r.as<z.infer<typeof whatifSchema>>();
      expect(result.person_id).toBe('se-001');
      expect(Number(result.marginal)).toBeGreaterThan(0);
      const before = result.before.reduce((a, s) => a + Number(s.total), 0);
      const after = result.after.reduce((a, s) => a + Number(s.total), 0);
      expect(after - before).toBeCloseTo(Number(result.marginal), 2);
      expect((await w.clients.member.post('/api/whatif', { ...body, person_id: 'se-008' })).status).toBe(404);
      expect((await w.clients.manager.post('/api/whatif', { ...body, person_id: 'se-002', team: [{ person_id: 'se-002' }, { person_id: 'se-003', split: '0.5' }] })).status).toBe(200);
      expect((await w.clients.leader.post('/api/whatif', body)).status).toBe(403);
      const invalid = await w.clients.member.post('/api/whatif', { ...body, deal: { close_date: '2026-11-20', colour: 'red' } });
      expect([invalid.status, invalid.code]).toEqual([422, 'invalid_input']);
      expect(invalid.as<{ error: { details: { column: string }[] } }>().error.details.map((p) => p.column)).toEqual(expect.arrayContaining(['amount', 'colour']));
    });

    it('POST /api/diagnose, /api/simulate, /api/compare: leaders and admins; unknown plans are 400', async () => {
      const leader = w.clients.leader;
      const d = await leader.post('/api/diagnose', { plans: ['se-pod-2026'] });
      expect(d.as<{ plans: string[]; findings: unknown[] }>().plans).toEqual(['se-pod-2026']);
      expect((await leader.post('/api/diagnose', { plans: ['nope'] })).status).toBe(400);
      const s = await leader.post('/api/simulate', { plan: 'se-pod-2026', trials: 100, seed: 7 });
      expect(s.as<{ plan: string; trials: number; seed: number }>()).toMatchObject({ plan: 'se-pod-2026', trials: 100, seed: 7 });
      expect((await leader.post('/api/simulate', { plan: 'se-pod-2026', trials: 100, seed: 7 })).json).toEqual(s.json);
      expect((await leader.post('/api/simulate', { plan: 'nope', trials: 10 })).status).toBe(400);
      expect((await leader.post('/api/simulate', { plan: 'se-pod-2026', trials: 1_000_000 })).status).toBe(400);
      const c = await w.clients.admin.post('/api/compare', { plans: ['se-pod-2026', 'se-territory-2026'], trials: 100 });
      expect(c.as<{ a: { plan: string }; b: { plan: string } }>()).toMatchObject({ a: { plan: 'se-pod-2026' }, b: { plan: 'se-territory-2026' } });
      expect((await leader.post('/api/compare', { plans: ['se-pod-2026', 'se-pod-2026'], trials: 10 })).status).toBe(400);
      for (const who of ['member', 'manager'] as const) {
        expect((await w.clients[who].post('/api/diagnose', {})).status).toBe(403);
        expect((await w.clients[who].post('/api/simulate', { plan: 'se-pod-2026' })).status).toBe(403);
        expect((await w.clients[who].post('/api/compare', { plans: ['se-pod-2026', 'se-territory-2026'] })).status).toBe(403);
      }
    });

    it('GET /api/ladder/lint: the demo ladder lints clean', async () => {
      expect((await w.clients.leader.get('/api/ladder/lint')).json).toEqual({ ladder: 'se-ladder', findings: [] });
      expect((await w.clients.member.get('/api/ladder/lint')).status).toBe(403);
    });
  });

  describe('ladder and people', () => {
    it("GET /api/org/people/:id/evidence and /readiness: one's own, a manager's reports, everyone for leaders", async () => {
      const e = (await w.clients.member.get('/api/org/people/se-001/evidence?as_of=2026-12-31')).as<z.infer<typeof evidenceSchema>>();
      expect(e).toMatchObject({ person_id: 'se-001', as_of: '2026-12-31', level: 'SE3' });
      const r = (await w.clients.manager.get('/api/org/people/se-001/readiness')).as<z.infer<typeof readinessSchema>>();
      expect(r).toMatchObject({ person_id: 'se-001', level: 'SE3', as_of: '2026-12-15' });
      expect((await w.clients.leader.get('/api/org/people/se-008/readiness?level=SE5')).as<z.infer<typeof readinessSchema>>().target_level).toBe('SE5');
      expect((await w.clients.member.get('/api/org/people/se-008/evidence')).status).toBe(404);
      expect((await w.clients.manager.get('/api/org/people/se-008/readiness')).status).toBe(404);
      expect((await w.clients.admin.get('/api/org/people/se-001/readiness?level=NOPE')).status).toBe(400);
      expect((await w.clients.admin.get('/api/org/people/se-001/evidence?as_of=2026-02-30')).status).toBe(400);
      expect((await w.clients.admin.get('/api/org/people/ghost/evidence')).status).toBe(404);
    });

    it('GET /api/reports/people: pay equity by attr_* group for admins only', async () => {
      const admin = (await w.clients.admin.get('/api/reports/people?as_of=2026-12-31')).as<{ pay_equity?: unknown[]; tenure_promotions: { person_id: string }[] }>();
      expect(admin.pay_equity).toBeDefined();
      expect(admin.tenure_promotions.map((t) => t.person_id)).toContain('se-002');
      const leader = await w.clients.leader.get('/api/reports/people?as_of=2026-12-31&stuck_years=2');
      expect(leader.as<{ pay_equity?: unknown }>().pay_equity).toBeUndefined();
      expect(leader.text).not.toMatch(/attr_/);
      for (const who of ['member', 'manager'] as const) expect((await w.clients[who].get('/api/reports/people')).status).toBe(403);
    });
  });

  describe('plans, the ladder and passwords', () => {
    it('GET /api/plans and GET /api/ladder answer every signed-in role (contents: test/server/plans.test.ts)', async () => {
      for (const who of ['member', 'manager', 'leader', 'admin'] as const) {
        expect((await w.clients[who].get('/api/plans')).status).toBe(200);
        expect((await w.clients[who].get('/api/ladder')).status).toBe(200);
      }
    });

    it('GET /api/team and GET /api/org/people/:id/career answer within scope (contents: test/server/team.test.ts)', async () => {
      expect((await w.clients.manager.get('/api/team')).status).toBe(200);
      expect((await w.clients.member.get('/api/org/people/se-001/career')).status).toBe(200);
      expect((await w.clients.member.get('/api/org/people/se-008/career')).status).toBe(404);
      expect((await w.clients.member.get('/api/team')).status).toBe(403);
    });

    it('POST /api/auth/password and POST /api/users/:id/password (rules: test/server/passwords.test.ts)', async () => {
      const { id } = await createUser(w.store, { username: 'pw-routes', password: PASSWORD, role: 'member', personId: 'se-010' }, { actorId: null, clock: w.clock.now });
      const c = w.client();
      expect((await c.login('pw-routes', PASSWORD)).status).toBe(200);
      expect((await c.post('/api/auth/password', { current_password: PASSWORD, new_password: 'pw-routes new one' })).status).toBe(200);
      expect((await w.clients.admin.post(`/api/users/${id}/password`, { password: 'reset for pw-routes' })).status).toBe(200);
      expect((await w.clients.leader.post(`/api/users/${id}/password`, { password: 'reset for pw-routes' })).status).toBe(403);
      expect((await w.clients.admin.post(`/api/users/${id}/role`, { role: 'manager' })).status).toBe(200);
    });
  });

  describe('inquiries', () => {
    let inquiryId = 0;

    it('opens an inquiry on a line of a published statement of one\'s own, with a snapshot of the line and its trace', async () => {
      const [own] = w.publishedStatements.get('se-001') ?? [];
      const stored = (await w.clients.member.get(`/api/statements/${own}`)).as<Statement>();
      const r = await w.clients.member.post('/api/inquiries', { statement_id: own, line: 'bookings', message: 'Deal op-00048 was sourced by my pod: is the credit right?' });
      expect(r.status, r.text).toBe(201);
      const inquiry = r.as<Inquiry>();
      inquiryId = inquiry.id;
      expect(inquiry).toMatchObject({ statement_id: own, person_id: 'se-001', line: 'bookings', status: 'open', opened_by: w.userIds.member });
      expect(inquiry.line_snapshot).toMatchObject({ kind: 'measure', measure: stored.statement.measures[0] });
      expect(inquiry.messages.map((m) => [m.author, m.body])).toEqual([['member', 'Deal op-00048 was sourced by my pod: is the credit right?']]);
      const adjustment = await w.clients.member.post('/api/inquiries', { statement_id: own, line: 'adjustment:1', message: 'What is this?' });
      expect(adjustment.as<Inquiry>().line_snapshot).toMatchObject({ kind: 'adjustment', amount: '1500.00' });
      const total = await w.clients.member.post('/api/inquiries', { statement_id: own, line: 'total', message: 'And the total?' });
      expect(total.as<Inquiry>().line_snapshot).toMatchObject({ kind: 'total', total: stored.statement.total });
    });

    it('refuses a line the statement does not have (400) and statements that are not one\'s own or not published (404)', async () => {
      const [own] = w.publishedStatements.get('se-001') ?? [];
      const [others] = w.publishedStatements.get('se-008') ?? [];
      const [draft] = await statementIds(w, w.runs.draft.id, 'se-001');
      const [approved] = await statementIds(w, w.runs.approved.id, 'se-001');
      expect((await w.clients.member.post('/api/inquiries', { statement_id: own, line: 'nope', message: 'x' })).status).toBe(400);
      expect((await w.clients.member.post('/api/inquiries', { statement_id: others, line: 'bookings', message: 'x' })).status).toBe(404);
      expect((await w.clients.member.post('/api/inquiries', { statement_id: draft, line: 'bookings', message: 'x' })).status).toBe(404);
      expect((await w.clients.member.post('/api/inquiries', { statement_id: approved, line: 'bookings', message: 'x' })).status).toBe(404);
      expect((await w.clients.manager.post('/api/inquiries', { statement_id: own, line: 'bookings', message: 'x' })).status).toBe(404);
      expect((await w.clients.admin.post('/api/inquiries', { statement_id: own, line: 'bookings', message: 'x' })).status).toBe(403);
    });

    it('the person and admins read it; others do not see it exists', async () => {
      expect((await w.clients.member.get(`/api/inquiries/${inquiryId}`)).status).toBe(200);
      expect((await w.clients.admin.get(`/api/inquiries/${inquiryId}`)).status).toBe(200);
      for (const who of ['other', 'manager', 'leader'] as const) expect((await w.clients[who].get(`/api/inquiries/${inquiryId}`)).status).toBe(404);
      const mine = await all<z.infer<typeof inquirySchema>>(w.clients.member, '/api/inquiries', 2);
      expect(mine.length).toBe(3);
      expect(await all(w.clients.other, '/api/inquiries')).toEqual([]);
      const open = await all<z.infer<typeof inquirySchema>>(w.clients.admin, '/api/inquiries?status=open');
      expect(open.map((i) => i.id)).toContain(inquiryId);
    });

    it("admins answer, the person replies, and an admin resolves it with an adjustment: a new org version whose adjustments.csv has the row", async () => {
      const answered = await w.clients.admin.post(`/api/inquiries/${inquiryId}/messages`, { message: 'The credit follows the pod rule; we will add a correction.' });
      expect(answered.as<Inquiry>().status).toBe('answered');
      expect((await w.clients.other.post(`/api/inquiries/${inquiryId}/messages`, { message: 'me too' })).status).toBe(404);
      expect((await w.clients.manager.post(`/api/inquiries/${inquiryId}/messages`, { message: 'me too' })).status).toBe(404);
      const reply = await w.clients.member.post(`/api/inquiries/${inquiryId}/messages`, { message: 'Thanks.' });
      expect(reply.as<Inquiry>().status).toBe('open');
      expect((await w.clients.member.post(`/api/inquiries/${inquiryId}/resolve`, { resolution: 'self-service' })).status).toBe(403);
      const before = (await w.clients.admin.get('/api/org')).as<{ version: { id: number } }>().version.id;
      const resolved = await w.clients.admin.post(`/api/inquiries/${inquiryId}/resolve`, { resolution: 'Corrected by an adjustment in the next run.', adjustment: { amount: '250.00', reason: 'Pod credit for op-00048, inquiry follow-up' } });
      expect(resolved.status, resolved.text).toBe(200);
      const inquiry = resolved.as<Inquiry>();
      expect(inquiry).toMatchObject({ status: 'resolved', resolution: 'Corrected by an adjustment in the next run.' });
      expect(inquiry.messages.map((m) => m.author)).toEqual(['member', 'admin', 'member']);
      const after = (await w.clients.admin.get('/api/org')).as<{ version: { id: number } }>().version.id;
      expect(inquiry.adjustment_version_id).toBe(after);
      expect(after).toBeGreaterThan(before);
      const file = await w.store.db.selectFrom('org_files').select('content').where('version_id', '=', after).where('path', '=', 'adjustments.csv').executeTakeFirstOrThrow();
      expect(file.content.trimEnd().split('\n').at(-1)).toBe('se-001,2026-Q2,250.00,"Pod credit for op-00048, inquiry follow-up",admin');
      // The correction shows in a recalculation, never in the published statement.
      const preview = (await w.clients.member.post('/api/calc/preview', { period: '2026-Q2' })).as<z.infer<typeof previewSchema>>();
      expect(preview.statements[0]?.adjustments.map((a) => a.amount).sort()).toEqual(['1500.00', '250.00']);
      const [own] = w.publishedStatements.get('se-001') ?? [];
      expect((await w.clients.member.get(`/api/statements/${own}`)).as<Statement>().statement.adjustments).toHaveLength(1);
      expect((await w.clients.member.post(`/api/inquiries/${inquiryId}/messages`, { message: 'again' })).status).toBe(409);
      expect((await w.clients.admin.post(`/api/inquiries/${inquiryId}/resolve`, { resolution: 'again' })).status).toBe(409);
    });

    it('an adjustment that would make the files invalid is 422 with the problems, and nothing changes', async () => {
      const [own] = w.publishedStatements.get('se-001') ?? [];
      const id = (await w.clients.member.post('/api/inquiries', { statement_id: own, line: 'tech_wins', message: 'tech wins?' })).as<Inquiry>().id;
      const versions = await w.store.db.selectFrom('org_versions').select('id').execute();
      // A blank reason passes the request schema but not adjustments.csv's (cells are trimmed).
      const r = await w.clients.admin.post(`/api/inquiries/${id}/resolve`, { resolution: 'x', adjustment: { amount: '10.00', reason: '   ' } });
      expect([r.status, r.code]).toEqual([422, 'invalid_input']);
      expect(r.as<{ error: { details: { file: string; column: string }[] } }>().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'adjustments.csv', column: 'reason' })]));
      expect(await w.store.db.selectFrom('org_versions').select('id').execute()).toEqual(versions);
      expect((await w.clients.admin.get(`/api/inquiries/${id}`)).as<Inquiry>().status).toBe('open');
    });

    it('every step is in the audit trail, and the chain verifies', async () => {
      const events = await all<z.infer<typeof auditEventSchema>>(w.clients.admin, '/api/audit?entity=inquiry', 3);
      expect(new Set(events.map((e) => e.action))).toEqual(new Set(['inquiry.open', 'inquiry.answer', 'inquiry.message', 'inquiry.resolve']));
      const adjust = await all<z.infer<typeof auditEventSchema>>(w.clients.admin, '/api/audit?action=org.adjust');
      expect(adjust.length).toBeGreaterThanOrEqual(1);
      expect(adjust[0]?.after).toMatchObject({ person_id: 'se-001', period: '2026-Q2', amount: '250.00', approver: 'admin' });
      expect((await w.clients.admin.get('/api/audit/verify')).json).toMatchObject({ ok: true });
      expect((await verifyAudit(w.store.db)).ok).toBe(true);
    });
  });

  describe('audit', () => {
    it('admins only; newest first; every mutation of these tests is there, with no password anywhere', async () => {
      for (const who of ['member', 'manager', 'leader'] as const) {
        expect((await w.clients[who].get('/api/audit')).status).toBe(403);
        expect((await w.clients[who].get('/api/audit/verify')).status).toBe(403);
      }
      const events = await all<z.infer<typeof auditEventSchema>>(w.clients.admin, '/api/audit', 50);
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => b - a));
      const actions = new Set(events.map((e) => e.action));
      for (const a of ['org.import', 'user.create', 'user.disable', 'auth.login', 'auth.logout', 'run.create', 'run.approve', 'run.publish']) expect(actions).toContain(a);
      expect(JSON.stringify(events)).not.toContain(PASSWORD);
    });
  });

  describe('managers see their reports transitively', () => {
    it("a manager linked to the SE director sees everyone under the director's managers", async () => {
      await w.clients.admin.post('/api/users', { username: 'director', password: PASSWORD, role: 'manager', person_id: 'sed-001' });
      const c = await (async () => {
        const client = w.client();
        await client.login('director', PASSWORD);
        return client;
      })();
      const expected = reportsFrom(w.people, 'sed-001');
      expect(expected.has('se-008') && expected.has('se-001') && expected.has('sem-002')).toBe(true);
      const seen = await all<Statement>(c, `/api/runs/${w.runs.published.id}/statements`, 50);
      const everyone = await all<Statement>(w.clients.admin, `/api/runs/${w.runs.published.id}/statements`, 200);
      expect(new Set(seen.map((s) => s.statement.person_id))).toEqual(new Set(everyone.map((s) => s.statement.person_id).filter((p) => expected.has(p))));
      expect((await c.get('/api/org/people/ae-001')).status).toBe(404);
    });
  });

  describe('imports (last: they change the current version)', () => {
    it('POST /api/org/import/preview: admins only; every problem the import would report, what the files hold, what would change — and nothing stored', async () => {
      const current = await currentVersion(w.store.db);
      if (!current) throw new Error('no current version');
      const files = Object.fromEntries(await versionFiles(w.store.db, current.id));
      for (const who of ['member', 'manager', 'leader'] as const) expect((await w.clients[who].post('/api/org/import/preview', { files })).status).toBe(403);
      expect((await w.clients.anonymous.post('/api/org/import/preview', { files })).status).toBe(401);
      const stored = async () => ({
        versions: (await w.store.db.selectFrom('org_versions').select('id').orderBy('id').execute()).map((v) => v.id),
        files: Number((await w.store.db.selectFrom('org_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
        audit: Number((await w.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      });
      const before = await stored();
      const preview = async (f: Record<string, string>) => {
        const r = await w.clients.admin.post('/api/org/import/preview', { files: f, note: 'ignored by a preview' });
        expect(r.status, r.text).toBe(200);
        return r.as<Preview>();
      };

      // Broken files: the same problems, in the same order, as the import's 422 — and no version.
      const broken = { ...files, 'people.csv': 'id,name,role,team,hire_date,target_incentive\nse-1,Ada,SE,east,2024-13-01,80000\nse-2,Ben,SE,east,2024-01-01,-5\n', 'notes.txt': 'hello' };
      const bad = await preview(broken);
      const refused = await w.clients.admin.post('/api/org/import', { files: broken, note: 'broken' });
      expect(refused.status).toBe(422);
      expect(bad.valid).toBe(false);
      expect(bad.problems).toEqual(refused.as<{ error: { details: unknown[] } }>().error.details);
      expect(bad.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(expect.arrayContaining(['people.csv:2:hire_date', 'people.csv:3:target_incentive', 'notes.txt:1:1']));
      expect(bad.changes.files).toEqual({ added: ['notes.txt'], changed: ['people.csv'], removed: [] });

      // The current version's own files: valid, unchanged, nothing moves; the summary counts the files' rows.
      const same = await preview(files);
      expect(same.valid).toBe(true);
      expect(same.changes).toEqual({ base_version_id: current.id, unchanged: true, files: { added: [], changed: [], removed: [] }, people: { added: [], removed: [], changed: [] } });
      const rows = (name: string) => (files[name] ?? '').trimEnd().split('\n').length - 1;
      expect(same.summary).toMatchObject({ org_name: current.org_name, files: Object.keys(files).length, people: rows('people.csv'), deals: rows('deals.csv') });
      expect(same.summary?.plans.map((p) => p.file).sort()).toEqual(Object.keys(files).filter((f) => f.startsWith('plans/')).sort());
      expect(same.summary?.periods).toEqual(expect.arrayContaining(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']));
      expect(same.summary?.periods.indexOf('2026-Q1')).toBeLessThan(same.summary?.periods.indexOf('2026-Q4') ?? -1);

      // Edited files: a renamed person, a new one, a file removed.
      const people = (files['people.csv'] ?? '').trimEnd().split('\n');
      const renamed = people.map((l) => (l.startsWith('se-001,') ? l.replace(/^se-001,[^,]*,/, 'se-001,Renamed Person,') : l));
      const edited: Record<string, string> = { ...files, 'people.csv': `${[...renamed, 'ops-001,New Person,new.person@northwind.example,OPS,OPS1,ic,sed-001,,,2025-01-01,2025-01-01,us-tier1,USD,90000.00,0.00,,,F'].join('\n')}\n` };
      delete edited['conversations.csv'];
      const next = await preview(edited);
      expect(next.valid, JSON.stringify(next.problems.slice(0, 3))).toBe(true);
      expect(next.summary?.people).toBe(rows('people.csv') + 1);
      expect(next.changes).toEqual({
        base_version_id: current.id,
        unchanged: false,
        files: { added: [], changed: ['people.csv'], removed: ['conversations.csv'] },
        people: { added: [{ id: 'ops-001', name: 'New Person' }], removed: [], changed: [{ id: 'se-001', name: 'Renamed Person', fields: ['name'] }] },
      });

      expect(await stored()).toEqual(before);
    });

    it('POST /api/org/import: admins only; the same files are unchanged (200); invalid files are 422 with every problem and nothing stored', async () => {
      const files = Object.fromEntries(demoFiles());
      for (const who of ['member', 'manager', 'leader'] as const) expect((await w.clients[who].post('/api/org/import', { files, note: 'x' })).status).toBe(403);
      const versionsBefore = await w.store.db.selectFrom('org_versions').select('id').execute();
      const broken = { ...files, 'people.csv': 'id,name,role,team,hire_date,target_incentive\nse-1,Ada,SE,east,2024-13-01,80000\nse-2,Ben,SE,east,2024-01-01,-5\n', 'notes.txt': 'hello' };
      const r = await w.clients.admin.post('/api/org/import', { files: broken, note: 'broken' });
      expect([r.status, r.code]).toEqual([422, 'invalid_input']);
      const problems = r.as<{ error: { details: { severity: string; file: string; line: number; column: string; message: string }[] } }>().error.details;
      expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(expect.arrayContaining(['people.csv:2:hire_date', 'people.csv:3:target_incentive', 'notes.txt:1:1']));
      expect(await w.store.db.selectFrom('org_versions').select('id').execute()).toEqual(versionsBefore);
      const changed = { ...files, 'org.yaml': `${files['org.yaml'] ?? ''}\n# edited\n` };
      const imported = await w.clients.admin.post('/api/org/import', { files: changed, note: 'edited comment' });
      expect(imported.status, imported.text).toBe(201);
      const again = await w.clients.admin.post('/api/org/import', { files: changed, note: 'same again' });
      expect(again.status).toBe(200);
      expect(again.as<{ unchanged: boolean; version_id: number }>()).toMatchObject({ unchanged: true, version_id: imported.as<{ version_id: number }>().version_id });
    });
  });

  it('exercised every route of the registry with a success, and every signed-in route with a refusal', () => {
    const missing: string[] = [];
    for (const route of w.router.routes) {
      const key = `${route.method} ${route.path}`;
      const statuses = [...(w.contract.statuses.get(key) ?? [])];
      if (!statuses.some((s) => s < 300)) missing.push(`${key}: no success`);
      if (route.action !== 'public' && !statuses.some((s) => s === 401 || s === 403 || s === 404)) missing.push(`${key}: no refusal`);
    }
    expect(missing).toEqual([]);
  });
});
