/** Shared by the bad-input and fuzz tests: a valid body per mutating route, who may send it, hostile strings. */
import { ACTION_ROLES } from '../../src/server/policy.js';
import { demoFiles, PASSWORD, type Client, type World } from './world.js';

type Json = Record<string, unknown>;

export const NASTY: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "Robert'); DROP TABLE run_statements;--",
  '" OR ""="',
  '1; SELECT * FROM sessions',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '${7*7}{{7*7}}#{7*7}',
  '../../../../etc/passwd',
  '\u0000\u0001\u001f',
  '🙂 ünïcödé ‮',
  'x'.repeat(6000),
];


/** A valid body for each mutating route, and the caller that may send it. */
export function validBodies(w: World, ids: { inquiry: () => Promise<number>; user: () => Promise<number>; statement: number }): Record<string, { body: () => Promise<Json | undefined>; path: () => Promise<string> }> {
  let n = 0;
  const fixed = (path: string) => () => Promise.resolve(path);
  return {
    'POST /api/auth/login': { path: fixed('/api/auth/login'), body: () => Promise.resolve({ username: 'member', password: PASSWORD }) },
    'POST /api/auth/logout': { path: fixed('/api/auth/logout'), body: () => Promise.resolve(undefined) },
    'POST /api/users': { path: fixed('/api/users'), body: () => Promise.resolve({ username: `u${n++}-x`, password: PASSWORD, role: 'member', person_id: 'se-012' }) },
    'POST /api/users/:id/disable': { path: async () => `/api/users/${await ids.user()}/disable`, body: () => Promise.resolve(undefined) },
    'POST /api/org/import': { path: fixed('/api/org/import'), body: () => Promise.resolve({ files: Object.fromEntries(demoFiles()), note: 'again' }) },
    'POST /api/org/import/preview': { path: fixed('/api/org/import/preview'), body: () => Promise.resolve({ files: Object.fromEntries(demoFiles()), note: 'preview' }) },
    // A wrong current password: the body is well-formed, and the shared admin session keeps its password.
    'POST /api/auth/password': { path: fixed('/api/auth/password'), body: () => Promise.resolve({ current_password: 'not the password', new_password: 'a new long password' }) },
    'POST /api/users/:id/password': { path: async () => `/api/users/${await ids.user()}/password`, body: () => Promise.resolve({ password: 'a new long password' }) },
    'POST /api/users/:id/role': { path: async () => `/api/users/${await ids.user()}/role`, body: () => Promise.resolve({ role: 'manager' }) },
    'POST /api/runs': { path: fixed('/api/runs'), body: () => Promise.resolve({ period: '2026-Q2' }) },
    'POST /api/runs/:id/approve': { path: fixed(`/api/runs/${w.runs.published.id}/approve`), body: () => Promise.resolve(undefined) },
    'POST /api/runs/:id/publish': { path: fixed(`/api/runs/${w.runs.published.id}/publish`), body: () => Promise.resolve(undefined) },
    'POST /api/calc/preview': { path: fixed('/api/calc/preview'), body: () => Promise.resolve({ period: '2026-Q2', person_id: 'se-001' }) },
    'POST /api/whatif': { path: fixed('/api/whatif'), body: () => Promise.resolve({ period: '2026-Q4', person_id: 'se-001', deal: { amount: '25000', close_date: '2026-11-03', territory: 'na-east-ent' }, team: [{ person_id: 'se-001' }] }) },
    'POST /api/diagnose': { path: fixed('/api/diagnose'), body: () => Promise.resolve({ plans: ['se-pod-2026'], year: 2026 }) },
    'POST /api/simulate': { path: fixed('/api/simulate'), body: () => Promise.resolve({ plan: 'se-pod-2026', trials: 10, seed: 3 }) },
    'POST /api/compare': { path: fixed('/api/compare'), body: () => Promise.resolve({ plans: ['se-pod-2026', 'se-territory-2026'], trials: 10 }) },
    'POST /api/inquiries': { path: fixed('/api/inquiries'), body: () => Promise.resolve({ statement_id: ids.statement, line: 'bookings', message: 'why?' }) },
    'POST /api/inquiries/:id/messages': { path: async () => `/api/inquiries/${await ids.inquiry()}/messages`, body: () => Promise.resolve({ message: 'more' }) },
    'POST /api/inquiries/:id/resolve': { path: async () => `/api/inquiries/${await ids.inquiry()}/resolve`, body: () => Promise.resolve({ resolution: 'done', adjustment: { amount: '12.50', reason: 'correction' } }) },
  };
}

/** A client whose role may use the route (so the body is what is judged); a fresh session for sign-out. */
export async function callerFor(w: World, key: string): Promise<Client> {
  const route = w.router.routes.find((r) => `${r.method} ${r.path}` === key);
  if (!route) throw new Error(`no route ${key}`);
  if (route.action === 'public') return w.client();
  if (key === 'POST /api/auth/logout') return w.signIn('member');
  const roles = ACTION_ROLES[route.action];
  const who = roles.includes('admin') ? 'admin' : roles.includes('member') ? 'member' : 'leader';
  return w.clients[who];
}

