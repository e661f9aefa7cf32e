/**
 * Bad input on every route, on SQLite and PostgreSQL: malformed JSON, the wrong media type, bodies
 * that are not objects, wrong types, unknown fields, oversized bodies, bad path and query values,
 * and SQL-injection and script strings in every string field. Always a 4xx with the one error shape
 * (the world's client checks the shape, and that no reply holds a stack trace or SQL) — or, for
 * free text, the text stored and returned verbatim as JSON — never a 5xx, and the data intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInquiry } from '../../src/app/inquiries.js';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { available, DIALECTS } from '../db/databases.js';
import { callerFor, NASTY, validBodies } from './bodies.js';
import { buildWorld, type World } from './world.js';

type Json = Record<string, unknown>;

/** Every path to a string leaf of a JSON value. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return (value as unknown[]).flatMap((v, i) => stringPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function setAt(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const obj = value as Json;
  return { ...obj, [String(head)]: setAt(obj[String(head)], rest, leaf) };
}

describe.each(DIALECTS.filter((d) => available(d)))('bad input on %s', (dialect) => {
  let w: World;
  let bodies: ReturnType<typeof validBodies>;
  let mutating: string[];
  beforeAll(async () => {
    w = await buildWorld(dialect);
    const statement = (w.publishedStatements.get('se-001') ?? [])[0] ?? 0;
    let u = 0;
    bodies = validBodies(w, {
      statement,
      inquiry: async () => (await openInquiry(w.store, { statementId: statement, line: 'total', message: 'q' }, { actorId: w.userIds.member, clock: w.clock.now })).id,
      user: async () => (await w.store.db.insertInto('users').values({ username: `plain-${u++}`, password_hash: 'x', role: 'member', person_id: 'se-013', created_at: w.clock.now().toISOString(), disabled: 0 }).returning('id').executeTakeFirstOrThrow()).id,
    });
    mutating = w.router.routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(new Set(mutating)).toEqual(new Set(Object.keys(bodies)));
  });
  afterAll(async () => {
    await w.close();
  });

  it('malformed JSON, a body that is not JSON text, or not UTF-8: 400 invalid_json on every mutating route', async () => {
    for (const key of mutating) {
      const path = await bodies[key]!.path();
      for (const raw of ['{"a":', '{period: 2026}', "{'a': 1}", '[1,2', 'nul', '{"a":1}}', '\u0000']) {
        const r = await (await callerFor(w, key)).request('POST', path, { raw });
        expect([r.status, r.code], `${key} ${raw}`).toEqual([400, 'invalid_json']);
      }
      const r = await (await callerFor(w, key)).request('POST', path, { raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
      expect([r.status, r.code], `${key} invalid UTF-8`).toEqual([400, 'invalid_json']);
    }
  });

  it('a body that is not declared JSON: 415', async () => {
    for (const key of mutating) {
      const path = await bodies[key]!.path();
      const body = JSON.stringify((await bodies[key]!.body()) ?? {});
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const r = await (await callerFor(w, key)).request('POST', path, { raw: body, headers: { 'content-type': type } });
        expect([r.status, r.code], `${key} ${type}`).toEqual([415, 'unsupported_media_type']);
      }
    }
  });

  it('JSON that is not an object, a missing body, wrong types and unknown fields: 400 naming the field', async () => {
    for (const key of mutating) {
      const path = await bodies[key]!.path();
      const valid = await bodies[key]!.body();
      for (const notObject of [[], [valid], 'text', 42, true, null]) {
        const r = await (await callerFor(w, key)).request('POST', path, { json: notObject });
        expect([r.status, r.code], `${key} ${JSON.stringify(notObject)?.slice(0, 40)}`).toEqual([400, 'bad_request']);
      }
      const unknown = await (await callerFor(w, key)).request('POST', await bodies[key]!.path(), { json: { ...(valid ?? {}), sneaky: 1 } });
      expect([unknown.status, unknown.code], `${key} unknown field`).toEqual([400, 'bad_request']);
      expect(JSON.stringify(unknown.json)).toContain('sneaky');
      if (valid === undefined) continue;
      const missing = await (await callerFor(w, key)).request('POST', await bodies[key]!.path());
      expect([missing.status, missing.code], `${key} no body`).toEqual([400, 'bad_request']);
      for (const field of Object.keys(valid)) {
        const kind = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
        for (const wrong of [12345, { nested: true }, ['a'], false, 'text'].filter((x) => kind(x) !== kind(valid[field]))) {
          const body = { ...valid, [field]: wrong };
          if (key === 'POST /api/simulate' && field === 'trials' && wrong === 12345) continue; // a valid count above the limit is covered below
          const r = await (await callerFor(w, key)).request('POST', await bodies[key]!.path(), { json: body });
          expect([r.status, r.code], `${key} ${field}=${JSON.stringify(wrong)}`).toEqual([400, 'bad_request']);
          expect((r.as<{ error: { details: { path: string }[] } }>().error.details ?? []).some((d) => d.path.startsWith(`body.${field}`)), `${key} ${field}`).toBe(true);
        }
      }
    }
    const nested = await w.clients.admin.post(`/api/inquiries/${(await w.store.db.selectFrom('inquiries').select('id').executeTakeFirst())?.id ?? 1}/resolve`, { resolution: 'x', adjustment: { amount: '1.00', reason: 'r', approver: 'someone-else' } });
    expect([nested.status, nested.code]).toEqual([400, 'bad_request']);
    const tooMany = await w.clients.leader.post('/api/simulate', { plan: 'se-pod-2026', trials: 10_001 });
    expect(tooMany.status).toBe(400);
  });

  it('oversized bodies: 413 above 256 KB, 10 MB for an import; an import just under its limit is judged on its content', async () => {
    const big = JSON.stringify({ period: '2026-Q2', pad: 'x'.repeat(256 * 1024) });
    for (const key of mutating.filter((k) => k !== 'POST /api/org/import' && k !== 'POST /api/org/import/preview')) {
      const r = await (await callerFor(w, key)).request('POST', await bodies[key]!.path(), { raw: big });
      expect([r.status, r.code], key).toEqual([413, 'payload_too_large']);
    }
    const declared = await w.clients.admin.request('POST', '/api/runs', { raw: '{}', headers: { 'content-length': String(300 * 1024) } });
    expect(declared.status).toBe(413);
    const huge = JSON.stringify({ files: { 'org.yaml': 'x'.repeat(10 * 1024 * 1024) }, note: '' });
    const over = await w.clients.admin.request('POST', '/api/org/import', { raw: huge });
    expect([over.status, over.code]).toEqual([413, 'payload_too_large']);
    const under = await w.clients.admin.post('/api/org/import', { files: { 'org.yaml': `name: big\n#${'x'.repeat(9 * 1024 * 1024)}\n` }, note: 'nearly 10 MB' });
    expect([under.status, under.code]).toEqual([422, 'invalid_input']);
  });

  it('bad path values and query strings: 400 (or 404 for a well-formed id that is not there)', async () => {
    const admin = w.clients.admin;
    for (const id of ['abc', '0', '-1', '1.5', '1e3', '99999999999999999999', "1'%20OR%20'1'='1", '1;DROP%20TABLE%20runs', '%00']) {
      const r = await admin.get(`/api/runs/${id}`);
      expect([r.status, r.code], id).toEqual([400, 'bad_request']);
      expect((await admin.get(`/api/statements/${id}`)).status, id).toBe(400);
    }
    for (const id of ["se-001'%20OR%20'1'='1", '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'se-001%00', 'x'.repeat(200)]) {
      expect((await admin.get(`/api/org/people/${id}`)).status, id).toBe(400);
      expect((await admin.get(`/api/org/people/${id}/evidence`)).status, id).toBe(400);
    }
    expect((await admin.get('/api/runs/123456')).status).toBe(404);
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'limit=1&limit=2', 'cursor=not-a-cursor', 'cursor=%27%20OR%201%3D1', 'status=deleted', 'period=2026-Q9', 'sneaky=1']) {
      const r = await admin.get(`/api/runs?${query}`);
      expect([r.status, r.code], query).toEqual([400, 'bad_request']);
    }
    // A cursor of another list (a string key where a number is expected) is refused too.
    const people = (await admin.get('/api/org/people?limit=1')).as<{ next_cursor: string }>();
    expect((await admin.get(`/api/runs?cursor=${people.next_cursor}`)).status).toBe(400);
    expect((await admin.get('/api/statements/1/explain?format=html')).status).toBe(400);
    expect((await admin.get('/api/reports/people?stuck_years=-1')).status).toBe(400);
    expect((await admin.get('/api/org/people/se-001/readiness?as_of=tomorrow')).status).toBe(400);
  });

  it('SQL-injection and script strings in every string field: refused (4xx) or stored verbatim; never a 5xx; the data intact', async () => {
    const count = async (table: 'users' | 'run_statements' | 'sessions' | 'runs') => Number((await w.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const statementsBefore = await count('run_statements');
    const runsBefore = await count('runs');
    let requests = 0;
    let stored = 0;
    for (const key of mutating) {
      const base = await bodies[key]!.body();
      if (base === undefined) continue;
      // Import bodies are the whole demo org: try its note and two file entries, not every file.
      const whole = key === 'POST /api/org/import' || key === 'POST /api/org/import/preview';
      const paths = whole ? [['note'], ['files', 'org.yaml']] : stringPaths(base);
      const payloads = whole ? NASTY.slice(0, 3) : NASTY;
      for (const path of paths) {
        for (const payload of payloads) {
          const body = setAt(key === 'POST /api/users' ? await bodies[key]!.body() : base, path, payload);
          const r = await (await callerFor(w, key)).request('POST', await bodies[key]!.path(), { json: body });
          requests++;
          expect(r.status, `${key} ${path.join('.')}=${payload.slice(0, 30)}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
          expect(r.headers.get('content-type')).toMatch(/^application\/json/);
          if (r.status < 300 && (key === 'POST /api/inquiries/:id/messages' || key === 'POST /api/inquiries')) {
            stored++;
            const thread = r.as<{ messages: { body: string }[] }>();
            expect(thread.messages.at(-1)?.body).toBe(payload);
          }
        }
      }
    }
    // Paths with the files themselves as keys.
    const keyed = await w.clients.admin.post('/api/org/import', { files: { "org.yaml'; DROP TABLE org_files;--": 'name: x', '<script>.csv': 'a' }, note: '' });
    expect([keyed.status, keyed.code]).toEqual([422, 'invalid_input']);
    // Query strings.
    for (const payload of NASTY.slice(0, 9)) {
      const q = encodeURIComponent(payload);
      for (const path of [`/api/audit?entity=${q}`, `/api/audit?action=${q}`, `/api/runs?period=${q}`, `/api/runs/${w.runs.published.id}/statements?person_id=${q}`, `/api/inquiries?status=${q}`, `/api/org/people/se-001/readiness?level=${q}`]) {
        const r = await w.clients.admin.get(path);
        requests++;
        expect(r.status, path).toBeLessThan(500);
      }
    }
    expect(requests).toBeGreaterThan(200);
    expect(stored).toBeGreaterThan(0);
    expect(await count('run_statements')).toBe(statementsBefore);
    expect(await count('runs')).toBe(runsBefore);
    expect(await count('users')).toBeGreaterThan(5);
    expect((await verifyAudit(w.store.db)).ok).toBe(true);
    expect((await w.clients.member.get('/api/me/statements')).status).toBe(200);
  });
});
