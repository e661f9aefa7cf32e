/**
 * Several processes on one database at once (the scale-out case: PostgreSQL; SQLite too): the same
 * calculation requested by four processes is computed and stored once; competing approvals of two
 * drafts of one period leave exactly one approved, the other refused; the audit chain verifies.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFiles, readFolder } from '../../src/app/org-store.js';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { runCli } from '../support/run-cli.js';
import { DIALECTS, useDatabase } from './databases.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const GOLDEN = fileURLToPath(new URL('../fixtures/golden/credit-owner/org/', import.meta.url));
const clock = () => new Date('2026-11-27T12:00:00Z');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(DIALECTS)('concurrent processes on %s', (dialect) => {
  const database = useDatabase(dialect);

  it('compute one run once, and approve one of two competing drafts', async () => {
    const store = database.store;
    if (!store) return;
    const db = ['--database', store.url];
    await importFiles(store, await readFolder(GOLDEN), { actorId: null, note: 'v1', clock, where: GOLDEN });
    expect((await runCli(['runs', 'create', '--period', '2026-Q1', ...db])).code).toBe(0);
    await runCli(['runs', 'approve', '1', ...db]);

    const deals = readFileSync(`${GOLDEN}deals.csv`, 'utf8');
    const files = await readFolder(GOLDEN);
    files.set('deals.csv', deals.replace('closed_lost', 'closed_won'));
    await importFiles(store, files, { actorId: null, note: 'v2', clock, where: 'v2' });
    // Four processes ask for the same calculation at once: one run, stored once.
    const creates = await Promise.all([1, 2, 3, 4].map(() => cli(['runs', 'create', '--period', '2026-Q1', ...db])));
    for (const c of creates) expect(c.code, c.stderr).toBe(0);
    expect(creates.filter((c) => c.stdout.startsWith('created run 2 ')).length).toBe(1);
    expect(creates.filter((c) => c.stdout.startsWith('already there: run 2 ')).length).toBe(3);
    expect((await store.db.selectFrom('runs').select('id').execute()).map((r) => r.id)).toEqual([1, 2]);

    files.set('deals.csv', deals.replace('negotiation', 'closed_won'));
    await importFiles(store, files, { actorId: null, note: 'v3', clock, where: 'v3' });
    expect((await runCli(['runs', 'create', '--period', '2026-Q1', ...db])).stdout).toMatch(/^created run 3 /);
    // Runs 2 and 3 are both drafts against approved run 1; two processes approve each at once.
    const approvals = await Promise.all(['2', '3', '2', '3'].map((id) => cli(['runs', 'approve', id, ...db])));
    const ok = approvals.filter((a) => a.code === 0);
    expect(ok.length).toBe(1);
    for (const a of approvals.filter((x) => x.code !== 0)) expect(a.stderr).toMatch(/is approved: only a draft run can be approved|was approved after run \d was calculated/);
    const statuses = await store.db.selectFrom('runs').select(['id', 'status']).orderBy('id').execute();
    expect(statuses.filter((r) => r.status === 'approved').map((r) => r.id)).toHaveLength(2); // run 1 and the winner
    expect(statuses.filter((r) => r.status === 'draft')).toHaveLength(1);
    expect((await verifyAudit(store.db)).ok).toBe(true);
  });
});
