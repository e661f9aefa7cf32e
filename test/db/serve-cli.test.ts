/**
 * `tandem serve` as people run it: `--demo` on an empty database prints the logins, a member sees
 * their published statement; two server instances (each with two worker processes) on one database
 * take concurrent recalculations and approvals and leave one consistent result; SIGTERM stops them
 * cleanly. On SQLite and PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentVersion, versionFiles } from '../../src/db/repositories/org-versions.js';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { available, DIALECTS, freshDatabase, type TestDb, useDatabase } from './databases.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Instance {
  readonly url: string;
  readonly stdout: () => string;
  readonly child: ChildProcess;
}

function serve(database: string, extra: string[] = [], password?: string, fault?: string): Promise<Instance> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  if (fault !== undefined) env.TANDEM_FAULT = fault;
  if (password === undefined) delete env.TANDEM_DEMO_PASSWORD;
  else env.TANDEM_DEMO_PASSWORD = password;
  const workers = fault === undefined ? '2' : '1';
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--workers', workers, '--database', database, ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tandem serve did not start: ${out}`)), 60_000);
    child.stdout?.on('data', () => {
      const m = /running at (http:\/\/\S+) /.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], stdout: () => out, child });
      }
    });
    child.on('exit', (code) => reject(new Error(`tandem serve stopped (exit ${code ?? 'null'}): ${out}`)));
  });
}

function stop(i: Instance): Promise<number | null> {
  return new Promise((resolve) => {
    i.child.once('exit', (code) => resolve(code));
    i.child.kill('SIGTERM');
  });
}

class Session {
  cookie = '';
  csrf = '';
  constructor(readonly url: string) {}
  async login(username: string, password: string): Promise<number> {
    const r = await fetch(`${this.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (r.ok) {
      this.cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      this.csrf = ((await r.json()) as { csrf_token: string }).csrf_token;
    }
    return r.status;
  }
  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.url}${path}`, { headers: { cookie: this.cookie } });
    return { status: r.status, body: (await r.json()) as T };
  }
  async post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.url}${path}`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as T };
  }
}

interface Run {
  readonly id: number;
  readonly status: string;
}

describe.each(DIALECTS)('tandem serve on %s', (dialect) => {
  const database = useDatabase(dialect);

  it('--demo refuses an empty TANDEM_DEMO_PASSWORD, then prepares the database once with the default password', async () => {
    const store = database.store;
    if (!store) return;
    await expect(serve(store.url, ['--demo'], '')).rejects.toThrow(/exit 1\): tandem: TANDEM_DEMO_PASSWORD is set but empty: unset it for the default password "demo", or set one/);
    const first = await serve(store.url, ['--demo']);
    expect(first.stdout()).toMatch(/Demo logins \(password: "demo"\):\n {2}admin {4}admin {4}Comp operations\n {2}leader {3}leader {3}sed-001 /);
    const second = await serve(store.url, ['--demo']);
    try {
      expect(second.stdout()).toMatch(/already holds an org/);
      const member = new Session(second.url);
      expect(await member.login('member', 'demo')).toBe(200);
      expect((await member.get<{ items: unknown[] }>('/api/me/statements')).body.items.length).toBeGreaterThan(0);
    } finally {
      expect(await stop(second)).toBe(0);
    }
    expect(await stop(first)).toBe(0);
  });
});

describe.each(DIALECTS)('two instances on one %s database', (dialect) => {
  let store: TestDb | undefined;
  let a: Instance | undefined;
  let b: Instance | undefined;
  beforeAll(async () => {
    if (!available(dialect)) return;
    store = await freshDatabase(dialect);
    a = await serve(store.url, ['--demo'], 'two-instances');
    b = await serve(store.url);
  }, 120_000);
  afterAll(async () => {
    if (a) expect(await stop(a)).toBe(0);
    if (b) expect(await stop(b)).toBe(0);
    await store?.dispose();
  });

  it('serves the demo member their published statement on either instance', async () => {
    if (!store || !a || !b) return;
    for (const i of [a, b]) {
      const member = new Session(i.url);
      expect(await member.login('member', 'two-instances')).toBe(200);
      const mine = await member.get<{ items: { run_status: string; statement: { person_id: string } }[] }>('/api/me/statements');
      expect(mine.status).toBe(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((s) => s.run_status === 'published')).toBe(true);
    }
  });

  it('computes a recalculation once and approves exactly one of the competing drafts', async () => {
    if (!store || !a || !b) return;
    const admins = [new Session(a.url), new Session(b.url)];
    for (const s of admins) expect(await s.login('admin', 'two-instances')).toBe(200);
    const runs = await admins[0]?.get<{ items: (Run & { period: string })[] }>('/api/runs');
    const period = runs?.body.items[0]?.period ?? '';
    // A new version: an adjustment for se-001 in that quarter.
    const files = await currentFiles(store);
    files['adjustments.csv'] = `${files['adjustments.csv'] ?? 'person_id,period,amount,reason,approver\n'}se-001,${period},1000.00,two-instance test,admin\n`;
    expect((await admins[0]?.post('/api/org/import', { files, note: 'adjustment' }))?.status).toBe(201);
    // Both instances ask for the recalculation at once, twice each: one run.
    const created = await Promise.all([0, 1, 0, 1].map((k) => (admins[k] as Session).post<{ run: Run; created: boolean }>('/api/runs', { period })));
    const ids = new Set(created.map((c) => c.body.run.id));
    expect(ids.size).toBe(1);
    expect(created.filter((c) => c.body.created).length).toBe(1);
    const [draft] = [...ids];
    // Both instances approve it at once, twice each: one approval, three conflicts.
    const approvals = await Promise.all([0, 1, 0, 1].map((k) => (admins[k] as Session).post<Run>(`/api/runs/${draft ?? 0}/approve`, {})));
    expect(approvals.map((x) => x.status).sort()).toEqual([200, 409, 409, 409]);
    const run = await admins[1]?.get<Run>(`/api/runs/${draft ?? 0}`);
    expect(run?.body.status).toBe('approved');
    expect((await verifyAudit(store.db)).ok).toBe(true);
  });
});

/** The current org version's files, as the main job stored them. */
async function currentFiles(store: TestDb): Promise<Record<string, string>> {
  const version = await currentVersion(store.db);
  if (!version) throw new Error('no org version');
  return Object.fromEntries(await versionFiles(store.db, version.id));
}

/** Waits until the server says it stopped at `fault`, then kills it with SIGKILL. */
async function killAt(i: Instance, fault: string): Promise<void> {
  for (let k = 0; k < 600 && !i.stdout().includes(`fault:${fault}`); k++) await new Promise((r) => setTimeout(r, 50));
  expect(i.stdout()).toContain(`fault:${fault}`);
  const exited = new Promise((resolve) => i.child.once('exit', (_c, signal) => resolve(signal)));
  i.child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe.each(DIALECTS)('a server killed mid-transaction on %s', (dialect) => {
  const database = useDatabase(dialect);

  it('leaves an import wholly absent and an approval undone, and works after a restart', async () => {
    const store = database.store;
    if (!store) return;
    const boot = await serve(store.url, ['--demo'], 'killed');
    expect(await stop(boot)).toBe(0);
    const versions = async () => (await store?.db.selectFrom('org_versions').select('id').execute())?.map((v) => v.id);
    const files = await currentFiles(store);
    files['adjustments.csv'] = `${files['adjustments.csv'] ?? 'person_id,period,amount,reason,approver\n'}se-001,2026-Q3,500.00,crash test,admin\n`;

    // Killed inside the import's transaction.
    const dying = await serve(store.url, [], undefined, 'import.inside-transaction');
    const admin = new Session(dying.url);
    expect(await admin.login('admin', 'killed')).toBe(200);
    void admin.post('/api/org/import', { files, note: 'dies' }).catch(() => undefined);
    await killAt(dying, 'import.inside-transaction');
    expect(await versions()).toEqual([1]);
    expect((await verifyAudit(store.db)).ok).toBe(true);

    // Restarted: the import goes through whole; a run of it is killed inside its approval.
    const again = await serve(store.url, [], undefined, 'approve.inside-transaction');
    const admin2 = new Session(again.url);
    expect(await admin2.login('admin', 'killed')).toBe(200);
    expect((await admin2.post('/api/org/import', { files, note: 'lives' })).status).toBe(201);
    // Two versions now (on PostgreSQL the killed transaction used up an id: ids are not gapless).
    expect(await versions()).toHaveLength(2);
    const created = await admin2.post<{ run: Run }>('/api/runs', { period: '2026-Q3' });
    expect(created.status).toBe(201);
    void admin2.post(`/api/runs/${created.body.run.id}/approve`, {}).catch(() => undefined);
    await killAt(again, 'approve.inside-transaction');
    const run = await store.db.selectFrom('runs').select(['status', 'approved_at']).where('id', '=', created.body.run.id).executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'draft', approved_at: null });
    expect((await verifyAudit(store.db)).ok).toBe(true);

    // Restarted once more: the approval goes through.
    const last = await serve(store.url);
    try {
      const admin3 = new Session(last.url);
      expect(await admin3.login('admin', 'killed')).toBe(200);
      expect((await admin3.post<Run>(`/api/runs/${created.body.run.id}/approve`, {})).body.status).toBe('approved');
    } finally {
      expect(await stop(last)).toBe(0);
    }
    expect((await verifyAudit(store.db)).ok).toBe(true);
  });
});
