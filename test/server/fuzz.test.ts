/**
 * Fuzzing every mutating route with fast-check: random JSON values, random objects, bodies with the
 * route's own fields holding random values (so validation gets past the first check), and random
 * text that is not JSON. Whatever arrives, the answer is a 2xx or a 4xx with the one error shape —
 * never a 5xx, a stack trace or SQL (the world's client checks every reply against the OpenAPI
 * document). Thousands of bodies per route on SQLite; fewer on PostgreSQL, the same code path.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInquiry } from '../../src/app/inquiries.js';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { available, DIALECTS } from '../db/databases.js';
import { callerFor, NASTY, validBodies } from './bodies.js';
import { buildWorld, type Client, type World } from './world.js';

const RUNS: Readonly<Record<'sqlite' | 'postgres', number>> = { sqlite: 2000, postgres: 200 };
/** Sign-in verifies an argon2 hash whenever the body has the right shape: fewer runs. */
const LOGIN_RUNS: Readonly<Record<'sqlite' | 'postgres', number>> = { sqlite: 400, postgres: 100 };

/**
 * A value for one of a route's fields: random JSON, random text or numbers, a hostile string, and
 * now and then the valid value (so some bodies get past validation into the use case — rarely,
 * since a fully valid body does the route's real work).
 */
function fieldValue(valid: unknown): fc.Arbitrary<unknown> {
  const random: fc.Arbitrary<unknown>[] = [fc.string({ maxLength: 80 })];
  if (typeof valid === 'number') random.push(fc.integer({ min: -3, max: 8 }), fc.double());
  return fc.oneof(
    { weight: 12, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 12, arbitrary: fc.oneof(...random) },
    { weight: 6, arbitrary: fc.constantFrom(...NASTY.slice(0, 11)) },
    { weight: 1, arbitrary: fc.constant(valid) },
  );
}

/** Bodies shaped like the route's valid body: its fields with random values, sometimes one dropped, sometimes extra ones. */
function nearValid(valid: Record<string, unknown> | undefined): fc.Arbitrary<unknown> {
  const extras = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 });
  if (valid === undefined) return fc.oneof({ weight: 20, arbitrary: extras }, { weight: 1, arbitrary: fc.constant({}) });
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(valid)) shape[k] = fieldValue(v);
  const keys = Object.keys(valid);
  return fc
    .tuple(fc.record(shape), fc.option(fc.constantFrom(...keys), { freq: 3 }), fc.option(extras, { freq: 4 }))
    .map(([body, drop, extra]) => {
      const out: Record<string, unknown> = { ...body, ...(extra ?? {}) };
      if (drop !== null) delete out[drop];
      return out;
    });
}

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

function bodies(valid: Record<string, unknown> | undefined): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.object({ maxDepth: 2 }).map((value): Body => ({ kind: 'json', value })) },
    { weight: 5, arbitrary: nearValid(valid).map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text): Body => ({ kind: 'raw', text })) },
  );
}

describe.each(DIALECTS.filter((d) => available(d)))('fuzzing the mutating routes on %s', (dialect) => {
  let w: World;
  let valid: ReturnType<typeof validBodies>;
  let inquiry = 0;
  const totals = new Map<string, number>();
  beforeAll(async () => {
    w = await buildWorld(dialect);
    const statement = (w.publishedStatements.get('se-001') ?? [])[0] ?? 0;
    inquiry = (await openInquiry(w.store, { statementId: statement, line: 'bookings', message: 'fuzz target' }, { actorId: w.userIds.member, clock: w.clock.now })).id;
    let u = 0;
    valid = validBodies(w, {
      statement,
      inquiry: () => Promise.resolve(inquiry),
      user: async () => (await w.store.db.insertInto('users').values({ username: `fuzz-${u++}`, password_hash: 'x', role: 'member', person_id: 'se-014', created_at: w.clock.now().toISOString(), disabled: 0 }).returning('id').executeTakeFirstOrThrow()).id,
    });
  });
  afterAll(async () => {
    const total = [...totals.values()].reduce((a, b) => a + b, 0);
    console.log(`[${dialect}] fuzz: ${total} random bodies over ${totals.size} mutating routes (${[...totals].map(([k, n]) => `${k.replace(/^POST /, '')} ${n}`).join(', ')})`);
    await w.close();
  });

  const routes = [
    'POST /api/auth/login',
    'POST /api/auth/logout',
    'POST /api/users',
    'POST /api/users/:id/disable',
    'POST /api/org/import',
    'POST /api/org/import/preview',
    'POST /api/auth/password',
    'POST /api/users/:id/password',
    'POST /api/users/:id/role',
    'POST /api/runs',
    'POST /api/runs/:id/approve',
    'POST /api/runs/:id/publish',
    'POST /api/calc/preview',
    'POST /api/whatif',
    'POST /api/diagnose',
    'POST /api/simulate',
    'POST /api/compare',
    'POST /api/inquiries',
    'POST /api/inquiries/:id/messages',
    'POST /api/inquiries/:id/resolve',
  ];

  it('fuzzes every mutating route of the registry', () => {
    expect(new Set(routes)).toEqual(new Set(w.router.routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)));
  });

  it.each(routes)('%s: never a 5xx, whatever the body', async (key) => {
    const base = await valid[key]!.body();
    // The fuzzed routes are tried with their own fields, except an import's: the demo org's files
    // would make each request a full validation; random file maps exercise the same path faster.
    const template = key === 'POST /api/org/import' || key === 'POST /api/org/import/preview' ? { files: { 'org.yaml': 'name: x\n', 'people.csv': 'id,name\n' }, note: 'x' } : base;
    const runs = key === 'POST /api/auth/login' ? LOGIN_RUNS[dialect] : RUNS[dialect];
    let client: Client = await callerFor(w, key);
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies(template), async (body) => {
        if (key === 'POST /api/auth/logout' && (await client.get('/api/auth/session')).status === 401) client = await callerFor(w, key);
        const path = await valid[key]!.path();
        const r = body.kind === 'json' ? await client.request('POST', path, { json: body.value }) : await client.request('POST', path, { raw: body.text });
        sent++;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        // The client has already checked the reply against the OpenAPI document and the error shape.
        return r.status < 500;
      }),
      { numRuns: runs },
    );
    totals.set(key, sent);
    expect(sent).toBe(runs);
    // Most bodies are refused, and by validation rather than by the policy.
    expect([...statuses.keys()].some((s) => s === 400)).toBe(true);
    expect(statuses.get(403) ?? 0).toBe(0);
  });

  it('leaves the audit chain whole', async () => {
    expect((await verifyAudit(w.store.db)).ok).toBe(true);
  });
});
