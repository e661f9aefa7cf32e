/**
 * The authorization matrix, generated: every route × every caller (anonymous, a member, another
 * member, their manager, a leader, an admin) × the resources it can point at (one's own, someone
 * else's — for statements every statement id of every run, as someone guessing ids would). The
 * expected answer comes from the tables below, written from the product's rules, not from the
 * policy module: 401 without a session, 403 for a role that may not use the route, 404 for a
 * resource outside the caller's scope, success otherwise. On top, every 2xx reply is checked for
 * leaks (someone else's data, attr_* for non-admins), every refused mutation for side effects (no
 * audit event), and every mutation is tried without its CSRF token (403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInquiry } from '../../src/app/inquiries.js';
import { createUser } from '../../src/app/users.js';
import { available, DIALECTS } from '../db/databases.js';
import { field } from '../demo/helpers.js';
import { buildWorld, demoFiles, PASSWORD, reportsFrom, WHO, type Reply, type Who, type World } from './world.js';

type Caller = Exclude<Who, 'anonymous'>;
const SIGNED: readonly Caller[] = ['member', 'other', 'manager', 'leader', 'admin'];
const ADMIN: readonly Caller[] = ['admin'];
const PAID: readonly Caller[] = ['admin', 'manager', 'member', 'other'];
const DESIGN: readonly Caller[] = ['admin', 'leader'];

/** Which callers may use each route at all (the product's rules, restated for the test). */
const ROLE_TABLE: Readonly<Record<string, readonly Caller[] | 'public'>> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': SIGNED,
  'GET /api/auth/session': SIGNED,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'POST /api/users/:id/password': ADMIN,
  'POST /api/users/:id/role': ADMIN,
  'POST /api/auth/password': SIGNED,
  'GET /api/org': SIGNED,
  'GET /api/org/versions': DESIGN,
  'POST /api/org/import': ADMIN,
  'POST /api/org/import/preview': ADMIN,
  'GET /api/org/people': SIGNED,
  'GET /api/org/people/:id': SIGNED,
  'GET /api/org/people/:id/evidence': SIGNED,
  'GET /api/org/people/:id/readiness': SIGNED,
  'GET /api/org/people/:id/career': SIGNED,
  'GET /api/team': ['manager', 'leader', 'admin'],
  'GET /api/runs': SIGNED,
  'POST /api/runs': ADMIN,
  'GET /api/runs/:id': SIGNED,
  'GET /api/runs/:id/diff': ADMIN,
  'POST /api/runs/:id/approve': ADMIN,
  'POST /api/runs/:id/publish': ADMIN,
  'GET /api/runs/:id/statements': SIGNED,
  'GET /api/statements/:id': SIGNED,
  'GET /api/statements/:id/explain': SIGNED,
  'GET /api/me/statements': SIGNED,
  'POST /api/calc/preview': PAID,
  'POST /api/whatif': PAID,
  'POST /api/diagnose': DESIGN,
  'POST /api/simulate': DESIGN,
  'POST /api/compare': DESIGN,
  'GET /api/ladder/lint': DESIGN,
  'GET /api/plans': SIGNED,
  'GET /api/ladder': SIGNED,
  'GET /api/reports/people': DESIGN,
  'GET /api/inquiries': SIGNED,
  'POST /api/inquiries': ['member', 'other', 'manager', 'leader'],
  'GET /api/inquiries/:id': SIGNED,
  'POST /api/inquiries/:id/messages': SIGNED,
  'POST /api/inquiries/:id/resolve': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,
};

const PERSON: Readonly<Record<Caller, string | null>> = { admin: null, leader: 'sed-001', manager: 'sem-001', member: 'se-001', other: 'se-008' };

type Expected = 'ok' | 'authorized' | 'forbidden' | 'hidden' | 'unauth';

interface Target {
  readonly label: string;
  readonly path: string;
  readonly body?: () => unknown;
  /** Given a caller the route allows: may they reach this resource? Default yes. */
  readonly reach?: (who: Caller) => boolean;
  /** What success means for an allowed caller: a 2xx, or just not refused (e.g. 409 on an approved run). */
  readonly success?: 'ok' | 'authorized';
  /** Checks on a 2xx reply (what it may contain). */
  readonly check?: (who: Caller, reply: Reply) => void;
  /** Run with a fresh session (the case ends it). */
  readonly fresh?: boolean;
}

function verdictOk(expected: Expected, r: Reply): boolean {
  switch (expected) {
    case 'ok':
      return r.status >= 200 && r.status < 300;
    case 'authorized':
      return r.status < 500 && ![401, 403, 404].includes(r.status);
    case 'forbidden':
      return r.status === 403 && r.code === 'forbidden';
    case 'hidden':
      return r.status === 404 && r.code === 'not_found';
    case 'unauth':
      return r.status === 401 && r.code === 'unauthenticated';
  }
}

describe.each(DIALECTS.filter((d) => available(d)))('authorization matrix on %s', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('covers every route of the registry, and only those', () => {
    expect(new Set(w.router.routes.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(Object.keys(ROLE_TABLE)));
  });

  it('answers every route × caller × resource as the rules say, leaks nothing, and refuses every mutation without CSRF', async () => {
    const everyone = new Set(w.people.map((p) => field(p, 'id')));
    const team = new Set(['sem-001', ...w.managerReports]);
    /** People whose pay a caller may see. */
    const payScope = (who: Caller): ReadonlySet<string> | 'all' => (who === 'admin' ? 'all' : who === 'manager' ? team : new Set([PERSON[who] ?? '']));
    /** People whose ladder data and roster entry a caller may see. */
    const peopleScope = (who: Caller): ReadonlySet<string> | 'all' => (who === 'admin' || who === 'leader' ? 'all' : payScope(who));
    const within = (scope: ReadonlySet<string> | 'all', id: string) => scope === 'all' || scope.has(id);

    const runs = [
      { label: 'published run', run: w.runs.published },
      { label: 'approved run', run: w.runs.approved },
      { label: 'draft run', run: w.runs.draft },
    ];
    const statements = await w.store.db.selectFrom('run_statements').innerJoin('runs', 'runs.id', 'run_statements.run_id').select(['run_statements.id', 'run_statements.person_id', 'runs.status']).orderBy('run_statements.id').execute();
    const statementOf = (person: string, status: string) => statements.find((s) => s.person_id === person && s.status === status)?.id ?? 0;
    const seesStatement = (who: Caller, s: { person_id: string; status: string }) => who === 'admin' || (s.status === 'published' && within(payScope(who), s.person_id));

    const memberInquiry = (await openInquiry(w.store, { statementId: statementOf('se-001', 'published'), line: 'bookings', message: 'why?' }, { actorId: w.userIds.member, clock: w.clock.now })).id;
    const otherInquiry = (await openInquiry(w.store, { statementId: statementOf('se-008', 'published'), line: 'total', message: 'why?' }, { actorId: w.userIds.other, clock: w.clock.now })).id;
    const inquiryOwner: Record<number, string> = { [memberInquiry]: 'se-001', [otherInquiry]: 'se-008' };

    let serial = 0;
    const throwaway = async () => (await createUser(w.store, { username: `throwaway-${serial++}`, password: PASSWORD, role: 'member', personId: 'se-010' }, { actorId: null, clock: w.clock.now })).id;
    const freshInquiry = async () => (await openInquiry(w.store, { statementId: statementOf('se-001', 'published'), line: 'total', message: 'resolve me' }, { actorId: w.userIds.member, clock: w.clock.now })).id;

    const noAttrs = (who: Caller, r: Reply) => {
      if (who !== 'admin') expect(r.text, 'attr_* reached a non-admin').not.toMatch(/"attrs"|"attr_|"pay_equity"/);
    };
    const itemsWithin = (pick: (item: Record<string, unknown>) => string, scope: (who: Caller) => ReadonlySet<string> | 'all') => (who: Caller, r: Reply) => {
      noAttrs(who, r);
      for (const item of r.as<{ items: Record<string, unknown>[] }>().items) expect(within(scope(who), pick(item)), `${who} got ${pick(item)}`).toBe(true);
    };
    const statementItem = (item: Record<string, unknown>) => (item.statement as { person_id: string }).person_id;

    const targetPeople = ['se-001', 'se-008', 'sem-001', 'sed-001', 'se-002', 'ae-001'];
    const demo = Object.fromEntries(demoFiles());

    /** The resources each route is tried on. */
    const TARGETS: Record<string, (who: Caller | 'anonymous') => Target[]> = {
      'GET /healthz': () => [{ label: '', path: '/healthz' }],
      'GET /readyz': () => [{ label: '', path: '/readyz' }],
      'GET /api/openapi.json': () => [{ label: '', path: '/api/openapi.json' }],
      'POST /api/auth/login': () => [{ label: '', path: '/api/auth/login', body: () => ({ username: 'member', password: PASSWORD }) }],
      'POST /api/auth/logout': () => [{ label: '', path: '/api/auth/logout', fresh: true }],
      'GET /api/auth/session': () => [{ label: '', path: '/api/auth/session' }],
      'GET /api/users': () => [{ label: '', path: '/api/users' }],
      'POST /api/users': () => [{ label: '', path: '/api/users', body: () => ({ username: `made-${serial++}`, password: PASSWORD, role: 'member', person_id: 'se-011' }) }],
      'POST /api/users/:id/disable': () => [{ label: 'a throwaway account', path: '', body: undefined }],
      'POST /api/users/:id/password': () => [{ label: 'a throwaway account', path: '', body: () => ({ password: 'a new long password' }) }],
      'POST /api/users/:id/role': () => [{ label: 'a throwaway account', path: '', body: () => ({ role: 'manager' }) }],
      // A wrong current password (400): a right one would sign out the shared sessions the matrix uses.
      'POST /api/auth/password': () => [{ label: 'a wrong current password', path: '/api/auth/password', fresh: true, success: 'authorized' as const, body: () => ({ current_password: 'not it', new_password: 'a new long password' }) }],
      'GET /api/org': () => [{ label: '', path: '/api/org' }],
      'GET /api/org/versions': () => [{ label: '', path: '/api/org/versions' }],
      'POST /api/org/import': () => [{ label: 'the same files', path: '/api/org/import', body: () => ({ files: demo, note: 'again' }) }],
      'POST /api/org/import/preview': () => [{ label: 'the same files', path: '/api/org/import/preview', body: () => ({ files: demo }) }],
      'GET /api/org/people': () => [{ label: '', path: '/api/org/people?limit=200', check: itemsWithin((p) => String(p.id), peopleScope) }],
      'GET /api/org/people/:id': () => targetPeople.map((id) => ({ label: id, path: `/api/org/people/${id}`, reach: (who) => within(peopleScope(who), id), check: noAttrs })),
      'GET /api/org/people/:id/evidence': () => targetPeople.filter((id) => id.startsWith('se')).map((id) => ({ label: id, path: `/api/org/people/${id}/evidence?as_of=2026-12-31`, reach: (who) => within(peopleScope(who), id) })),
      'GET /api/org/people/:id/readiness': () => targetPeople.filter((id) => id.startsWith('se')).map((id) => ({ label: id, path: `/api/org/people/${id}/readiness?as_of=2026-12-31`, reach: (who) => within(peopleScope(who), id) })),
      'GET /api/org/people/:id/career': () =>
        targetPeople.map((id) => ({
          label: id,
          path: `/api/org/people/${id}/career?as_of=2026-12-31`,
          reach: (who) => within(peopleScope(who), id),
          // The demo ladder does not share bands: only admins and leaders see where pay sits in a band (of people on the ladder).
          check: (who, r) => {
            const c = r.as<{ band_position: unknown; on_ladder: boolean }>();
            if (who !== 'admin' && who !== 'leader') expect(c.band_position, `${who} band position`).toBeNull();
            else if (c.on_ladder) expect(c.band_position, `${who} band position`).not.toBeNull();
          },
        })),
      'GET /api/team': () => [
        // Managers: their reports; leaders: theirs (and may ask for any); admins (no person): everyone. Pay only within the pay scope.
        {
          label: 'own team',
          path: '/api/team?as_of=2026-12-31',
          check: (who, r) => {
            const items = r.as<{ items: { person_id: string; statements: unknown[] | null }[] }>().items;
            for (const i of items) {
              expect(who === 'admin' || (who === 'manager' ? w.managerReports.has(i.person_id) : i.person_id !== PERSON[who]), `${who} got ${i.person_id}`).toBe(true);
              expect(i.statements !== null, `${who} pay of ${i.person_id}`).toBe(within(payScope(who), i.person_id));
            }
          },
        },
        ...['sem-001', 'sem-002', 'se-008'].map((id) => ({
          label: `team of ${id}`,
          path: `/api/team?manager_id=${id}&as_of=2026-12-31`,
          reach: (who: Caller) => within(peopleScope(who), id),
          check: (who: Caller, r: Reply) => {
            for (const i of r.as<{ items: { person_id: string }[] }>().items) expect(reportsFrom(w.people, id).has(i.person_id), `${who} got ${i.person_id} in ${id}'s team`).toBe(true);
          },
        })),
      ],
      'GET /api/runs': () => [
        {
          label: '',
          path: '/api/runs',
          check: (who, r) => {
            const items = r.as<{ items: { status: string; totals?: unknown }[] }>().items;
            if (who !== 'admin') expect(items.every((i) => i.status === 'published' && i.totals === undefined)).toBe(true);
          },
        },
      ],
      'POST /api/runs': () => [{ label: 'an existing period', path: '/api/runs', body: () => ({ period: '2026-Q2' }) }],
      'GET /api/runs/:id': () => runs.map(({ label, run }) => ({ label, path: `/api/runs/${run.id}`, reach: (who) => who === 'admin' || run.status === 'published' })),
      'GET /api/runs/:id/diff': () => runs.map(({ label, run }) => ({ label, path: `/api/runs/${run.id}/diff` })),
      'POST /api/runs/:id/approve': () => [w.runs.published, w.runs.approved].map((run) => ({ label: run.status, path: `/api/runs/${run.id}/approve`, success: 'authorized' as const })),
      'POST /api/runs/:id/publish': () => [{ label: 'published', path: `/api/runs/${w.runs.published.id}/publish`, success: 'authorized' as const }],
      'GET /api/runs/:id/statements': () =>
        runs.map(({ label, run }) => ({
          label,
          path: `/api/runs/${run.id}/statements?limit=200`,
          reach: (who: Caller) => who === 'admin' || run.status === 'published',
          check: itemsWithin(statementItem, payScope),
        })),
      'GET /api/statements/:id': () => [
        ...statements.map((s) => ({ label: `${s.person_id} ${s.status} #${s.id}`, path: `/api/statements/${s.id}`, reach: (who: Caller) => seesStatement(who, s) })),
        { label: 'no such id', path: `/api/statements/${(statements.at(-1)?.id ?? 0) + 1}`, reach: () => false },
      ],
      'GET /api/statements/:id/explain': () => statements.map((s) => ({ label: `${s.person_id} ${s.status} #${s.id}`, path: `/api/statements/${s.id}/explain`, reach: (who: Caller) => seesStatement(who, s) })),
      'GET /api/me/statements': () => [{ label: '', path: '/api/me/statements?limit=200', check: itemsWithin(statementItem, (who) => new Set([PERSON[who] ?? ''])) }],
      'POST /api/calc/preview': () => [
        { label: 'everyone I may see', path: '/api/calc/preview', body: () => ({ period: '2026-Q2' }), check: (who: Caller, r: Reply) => r.as<{ statements: { person_id: string }[] }>().statements.forEach((s) => expect(within(payScope(who), s.person_id)).toBe(true)) },
        ...targetPeople.map((id) => ({ label: id, path: '/api/calc/preview', body: () => ({ period: '2026-Q2', person_id: id }), reach: (who: Caller) => within(payScope(who), id) })),
      ],
      'POST /api/whatif': () =>
        targetPeople
          .filter((id) => id.startsWith('se-') || id.startsWith('ae-'))
          .map((id) => ({ label: id, path: '/api/whatif', body: () => ({ period: '2026-Q4', person_id: id, deal: { amount: 50000, close_date: '2026-11-02' } }), reach: (who: Caller) => within(payScope(who), id) })),
      'POST /api/diagnose': () => [{ label: '', path: '/api/diagnose', body: () => ({ plans: ['se-pod-2026'] }) }],
      'POST /api/simulate': () => [{ label: '', path: '/api/simulate', body: () => ({ plan: 'se-pod-2026', trials: 20 }) }],
      'POST /api/compare': () => [{ label: '', path: '/api/compare', body: () => ({ plans: ['se-pod-2026', 'se-territory-2026'], trials: 20 }) }],
      'GET /api/ladder/lint': () => [{ label: '', path: '/api/ladder/lint' }],
      'GET /api/plans': () => [
        {
          label: '',
          path: '/api/plans',
          // Leaders and admins see every plan; others only plans for a role someone in their pay scope has.
          check: (who, r) => {
            const items = r.as<{ items: { id: string; roles: string[] | null }[] }>().items;
            const planCount = Object.keys(demo).filter((f) => f.startsWith('plans/')).length;
            if (who === 'admin' || who === 'leader') expect(items.length).toBe(planCount);
            else {
              const roles = new Set(w.people.filter((p) => within(payScope(who), field(p, 'id'))).map((p) => field(p, 'role')));
              expect(items.length).toBeGreaterThan(0);
              expect(items.length).toBeLessThan(planCount);
              for (const plan of items) expect(plan.roles === null || plan.roles.some((role) => roles.has(role)), `${who} sees ${plan.id}`).toBe(true);
            }
          },
        },
      ],
      'GET /api/ladder': () => [{ label: '', path: '/api/ladder' }],
      'GET /api/reports/people': () => [{ label: '', path: '/api/reports/people?as_of=2026-12-31', check: noAttrs }],
      'GET /api/inquiries': () => [
        {
          label: '',
          path: '/api/inquiries?limit=200',
          check: (who, r) => {
            for (const i of r.as<{ items: { person_id: string }[] }>().items) if (who !== 'admin') expect(i.person_id).toBe(PERSON[who]);
          },
        },
      ],
      'POST /api/inquiries': () =>
        [
          ['se-001', 'published'],
          ['se-008', 'published'],
          ['se-002', 'published'],
          ['se-001', 'approved'],
          ['se-001', 'draft'],
        ].map(([person = '', status = '']) => ({
          label: `${person} ${status}`,
          path: '/api/inquiries',
          body: () => ({ statement_id: statementOf(person, status), line: 'bookings', message: 'question' }),
          reach: (who: Caller) => status === 'published' && PERSON[who] === person,
        })),
      'GET /api/inquiries/:id': () => [memberInquiry, otherInquiry].map((id) => ({ label: `of ${inquiryOwner[id]}`, path: `/api/inquiries/${id}`, reach: (who: Caller) => who === 'admin' || PERSON[who] === inquiryOwner[id] })),
      'POST /api/inquiries/:id/messages': () =>
        [memberInquiry, otherInquiry].map((id) => ({ label: `of ${inquiryOwner[id]}`, path: `/api/inquiries/${id}/messages`, body: () => ({ message: 'more' }), reach: (who: Caller) => who === 'admin' || PERSON[who] === inquiryOwner[id] })),
      'POST /api/inquiries/:id/resolve': () => [{ label: 'a fresh inquiry', path: '', body: () => ({ resolution: 'done' }) }],
      'GET /api/audit': () => [{ label: '', path: '/api/audit' }],
      'GET /api/audit/verify': () => [{ label: '', path: '/api/audit/verify' }],
    };

    const auditCount = async () => Number((await w.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const failures: string[] = [];
    const counts = { cases: 0, csrf: 0, refusedMutations: 0 };
    const byRoute = new Map<string, number>();

    for (const route of w.router.routes) {
      const key = `${route.method} ${route.path}`;
      const allowed = ROLE_TABLE[key];
      const targets = TARGETS[key];
      if (!allowed || !targets) throw new Error(`no matrix entry for ${key}`);
      const mutating = route.method !== 'GET';
      for (const who of WHO) {
        for (const target of targets(who)) {
          let path = target.path;
          if (key === 'POST /api/users/:id/disable') path = `/api/users/${await throwaway()}/disable`;
          if (key === 'POST /api/users/:id/password') path = `/api/users/${await throwaway()}/password`;
          if (key === 'POST /api/users/:id/role') path = `/api/users/${await throwaway()}/role`;
          if (key === 'POST /api/inquiries/:id/resolve') path = `/api/inquiries/${await freshInquiry()}/resolve`;
          const expected: Expected =
            allowed === 'public' ? 'ok' : who === 'anonymous' ? 'unauth' : !allowed.includes(who) ? 'forbidden' : (target.reach?.(who) ?? true) ? (target.success ?? 'ok') : 'hidden';
          const client = target.fresh && who !== 'anonymous' ? await w.signIn(who) : w.clients[who];
          const body = target.body ? await target.body() : undefined;
          const before = mutating && expected !== 'ok' && expected !== 'authorized' ? await auditCount() : 0;
          const r = await client.request(route.method, path, body === undefined ? {} : { json: body });
          counts.cases++;
          byRoute.set(key, (byRoute.get(key) ?? 0) + 1);
          const label = `${key} [${target.label}] as ${who}: expected ${expected}, got ${r.status} ${r.text.slice(0, 160)}`;
          if (!verdictOk(expected, r)) failures.push(label);
          if (r.status < 300 && who !== 'anonymous') {
            try {
              if (key !== 'GET /api/openapi.json') noAttrs(who, r);
              target.check?.(who, r);
            } catch (e) {
              failures.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
            }
          }
          if (mutating && expected !== 'ok' && expected !== 'authorized') {
            counts.refusedMutations++;
            if ((await auditCount()) !== before) failures.push(`${label}: a refused mutation wrote an audit event`);
          }
          // The same mutation without the CSRF token: refused before anything happens.
          if (mutating && route.csrf && who !== 'anonymous') {
            let csrfPath = path;
            if (key === 'POST /api/users/:id/disable') csrfPath = `/api/users/${await throwaway()}/disable`;
            if (key === 'POST /api/users/:id/password') csrfPath = `/api/users/${await throwaway()}/password`;
            if (key === 'POST /api/users/:id/role') csrfPath = `/api/users/${await throwaway()}/role`;
            if (key === 'POST /api/inquiries/:id/resolve') csrfPath = `/api/inquiries/${await freshInquiry()}/resolve`;
            const csrfClient = target.fresh ? await w.signIn(who) : client;
            const auditBefore = await auditCount();
            const n = await csrfClient.request(route.method, csrfPath, { ...(body === undefined ? {} : { json: key === 'POST /api/users' ? { ...(body as object), username: `csrf-${serial++}` } : body }), csrf: false });
            counts.csrf++;
            if (n.status !== 403 || n.code !== 'csrf_failed') failures.push(`${key} [${target.label}] as ${who} without CSRF: expected 403 csrf_failed, got ${n.status}`);
            if ((await auditCount()) !== auditBefore) failures.push(`${key} as ${who} without CSRF: wrote an audit event`);
          }
        }
      }
    }
    console.log(
      `[${dialect}] authorization matrix: ${counts.cases} route × caller × resource cases (${w.router.routes.length} routes, ${WHO.length} callers), ` +
        `${counts.csrf} mutations without CSRF, ${counts.refusedMutations} refused mutations checked for side effects, ${counts.cases + counts.csrf} requests in all`,
    );
    expect(failures).toEqual([]);
    expect(counts.cases).toBeGreaterThan(2000);
    // Every statement id of every run was tried by every caller, both as a statement and its explanation.
    expect(byRoute.get('GET /api/statements/:id')).toBe((statements.length + 1) * WHO.length);
    expect(everyone.size).toBe(w.people.length);
  });
});
