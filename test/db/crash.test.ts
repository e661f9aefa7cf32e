/**
 * Nothing lost: a process killed with SIGKILL in the middle of an import's transaction and of an
 * approval's leaves the database as if the operation never started (SQLite rolls the write-ahead
 * log back, PostgreSQL aborts the dead connection's transaction); the operation then succeeds, and
 * the audit trail verifies. The kill lands exactly inside the transaction: TANDEM_FAULT makes the
 * process stop there and say so (src/app/fault.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { runCli } from '../support/run-cli.js';
import { DIALECTS, type TestDb, useDatabase } from './databases.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../fixtures/golden/credit-owner/org/', import.meta.url));

/** Runs the CLI in a child process stopped at `fault`, kills it with SIGKILL there, and returns its stderr. */
function killInside(args: string[], fault: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TANDEM_FAULT: fault }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the process never reached ${fault}: ${stderr}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`fault:${fault}`)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && stderr.includes(`fault:${fault}`)) resolve(stderr);
      else reject(new Error(`the process ended (${signal ?? 'no signal'}) without reaching ${fault}: ${stderr}`));
    });
  });
}

const count = async (store: TestDb, table: 'org_versions' | 'org_files' | 'people' | 'audit_events' | 'runs') =>
  Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(DIALECTS)('a process killed mid-transaction on %s', (dialect) => {
  const database = useDatabase(dialect);

  it('leaves an import wholly absent, then imports it whole', async () => {
    const store = database.store;
    if (!store) return;
    await killInside(['import', GOLDEN, '--database', store.url], 'import.inside-transaction');
    for (const table of ['org_versions', 'org_files', 'people', 'audit_events'] as const) expect(await count(store, table), table).toBe(0);
    const again = await runCli(['import', GOLDEN, '--database', store.url]);
    expect(again.code, again.stderr).toBe(0);
    // 6 files, 2 people, 1 audit event: wholly there.
    expect([await count(store, 'org_versions'), await count(store, 'org_files'), await count(store, 'people'), await count(store, 'audit_events')]).toEqual([1, 6, 2, 1]);
    expect(await verifyAudit(store.db)).toEqual({ ok: true, events: 1 });
  });

  it('leaves an approval undone, then approves', async () => {
    const store = database.store;
    if (!store) return;
    const created = await runCli(['runs', 'create', '--period', '2026-Q1', '--database', store.url]);
    expect(created.stdout).toMatch(/^created run 1 2026-Q1 draft: 2 statements, 25250.00 USD/);
    await killInside(['runs', 'approve', '1', '--database', store.url], 'approve.inside-transaction');
    const run = await store.db.selectFrom('runs').select(['status', 'approved_at']).where('id', '=', 1).executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'draft', approved_at: null });
    expect(await verifyAudit(store.db)).toEqual({ ok: true, events: 2 });
    const approved = await runCli(['runs', 'approve', '1', '--database', store.url]);
    expect(approved.stdout).toMatch(/^run 1 2026-Q1 approved/);
    const audit = await runCli(['audit', 'verify', '--database', store.url]);
    expect(audit.stdout).toMatch(/audit trail intact: 3 events verified/);
  });
});
