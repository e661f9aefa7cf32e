/**
 * The store on SQLite and PostgreSQL: importing an org folder as a version (all or nothing),
 * exporting it byte for byte, runs (create → approve → publish; approved runs never change) and the
 * recalculation diff, checked against the golden credit-owner org worked by hand in its README.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/app/org-session.js';
import { exportVersion, importFiles, readFolder } from '../../src/app/org-store.js';
import { approveRun, createRun, publishRun, runDiff, RunError, statementsOf } from '../../src/app/runs.js';
import { verifyAudit } from '../../src/db/repositories/audit.js';
import { DIALECTS, useDatabase } from './databases.js';

const GOLDEN = new URL('../fixtures/golden/credit-owner/org/', import.meta.url).pathname;
let tick = 0;
const clock = () => new Date(Date.UTC(2026, 10, 27, 12, 0, tick++));

describe.each(DIALECTS)('store on %s', (dialect) => {
  const database = useDatabase(dialect);

  it('imports a folder as a version, exports it byte for byte, and re-imports it as unchanged', async () => {
    const store = database.store;
    if (!store) return;
    const files = await readFolder(GOLDEN);
    const first = await importFiles(store, files, { actorId: null, note: 'golden', clock, where: GOLDEN });
    expect(first.unchanged).toBe(false);
    const out = join(mkdtempSync(join(tmpdir(), 'tandem-export-')), 'org');
    expect(await exportVersion(store, out)).toEqual({ versionId: first.versionId, files: 6 });
    for (const path of ['org.yaml', 'people.csv', 'deals.csv', 'deal_team.csv', 'quotas.csv', 'plans/ae-2026.yaml']) {
      expect(readFileSync(join(out, path), 'utf8'), path).toBe(readFileSync(join(GOLDEN, path), 'utf8'));
    }
    const again = await importFiles(store, await readFolder(out), { actorId: null, note: 'round trip', clock, where: out });
    expect(again).toMatchObject({ versionId: first.versionId, unchanged: true });
  });

  it('rejects an invalid folder whole: every problem, nothing stored', async () => {
    const store = database.store;
    if (!store) return;
    const before = await store.db.selectFrom('org_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const files = await readFolder(GOLDEN);
    files.set('people.csv', 'id,name,role,team,hire_date,target_incentive\nae-1,Ada,AE,east,2024-13-01,80000\nae-2,Ben,AE,east,2024-01-01,-5\n');
    const error = await importFiles(store, files, { actorId: null, note: 'bad', clock, where: 'upload' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const messages = (error as InvalidInputError).problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column}`);
    expect(messages).toEqual(expect.arrayContaining(['people.csv:2:hire_date', 'people.csv:3:target_incentive']));
    const after = await store.db.selectFrom('org_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('creates a run once, approves and publishes it, and never changes it after', async () => {
    const store = database.store;
    if (!store) return;
    const { run, created } = await createRun(store, '2026-Q1', { actorId: null, clock });
    expect(created).toBe(true);
    expect(run).toMatchObject({ period: '2026-Q1', status: 'draft', baseline_run_id: null, statement_count: 2 });
    // ae-1 14000.00 + ae-2 11250.00 (README of credit-owner).
    expect(run.totals).toEqual({ USD: '25250.00' });
    expect((await createRun(store, '2026-Q1', { actorId: null, clock })).run.id).toBe(run.id);
    expect((await approveRun(store, run.id, { actorId: null, clock })).status).toBe('approved');
    await expect(approveRun(store, run.id, { actorId: null, clock })).rejects.toMatchObject({ code: 'conflict' });
    expect((await publishRun(store, run.id, { actorId: null, clock })).status).toBe('published');
    await expect(publishRun(store, run.id, { actorId: null, clock })).rejects.toBeInstanceOf(RunError);
    const statements = await statementsOf(store, run.id);
    expect(statements.map((s) => [s.statement.person_id, s.statement.total])).toEqual([
      ['ae-1', '14000.00'],
      ['ae-2', '11250.00'],
    ]);
  });

  it('recalculates after a change with a diff that matches the arithmetic by hand', async () => {
    const store = database.store;
    if (!store) return;
    // d2 (ae-1, 30000.00) turns from closed_lost to closed_won. ae-1: credited 70000 + 30000 =
    // 100000.00 of quota 100000.00, attainment 1, payout 20000 × 1 = 20000.00 (was 14000.00):
    // +6000.00. ae-2 is unchanged.
    const files = await readFolder(GOLDEN);
    files.set('deals.csv', (files.get('deals.csv') ?? '').replace('d2,Lost deal,ae-1,30000.00,closed_lost', 'd2,Lost deal,ae-1,30000.00,closed_won'));
    await importFiles(store, files, { actorId: null, note: 'd2 won after all', clock, where: 'upload' });
    const { run } = await createRun(store, '2026-Q1', { actorId: null, clock });
    const { diff, baseline } = await runDiff(store, run.id);
    expect(baseline?.status).toBe('published');
    expect(run.baseline_run_id).toBe(baseline?.id);
    expect(diff).toEqual({
      changes: [
        {
          person_id: 'ae-1',
          plan: 'ae-2026',
          period: '2026-Q1',
          currency: 'USD',
          before: '14000.00',
          after: '20000.00',
          delta: '6000.00',
          lines: [
            {
              line: 'measure:bookings',
              before: '14000.00',
              after: '20000.00',
              delta: '6000.00',
              why: 'credited 70000.00 of quota 100000.00, attainment 0.7, factor 0.7 → credited 100000.00 of quota 100000.00, attainment 1, factor 1',
            },
          ],
        },
      ],
      net: { USD: '6000.00' },
      unchanged: 1,
    });
    // The published run still holds what it held.
    expect((await statementsOf(store, run.baseline_run_id ?? 0)).map((s) => s.statement.total)).toEqual(['14000.00', '11250.00']);
  });

  it('refuses to approve a run whose baseline is no longer the latest approved run', async () => {
    const store = database.store;
    if (!store) return;
    // Two drafts computed against the same baseline: approving one makes the other stale.
    const files = await readFolder(GOLDEN);
    files.set('deals.csv', (files.get('deals.csv') ?? '').replace('d6,Open deal,ae-2,10000.00,negotiation', 'd6,Open deal,ae-2,10000.00,closed_won'));
    const latest = (await createRun(store, '2026-Q1', { actorId: null, clock })).run;
    await importFiles(store, files, { actorId: null, note: 'd6 won', clock, where: 'upload' });
    const other = (await createRun(store, '2026-Q1', { actorId: null, clock })).run;
    expect(other.baseline_run_id).toBe(latest.baseline_run_id);
    await approveRun(store, other.id, { actorId: null, clock });
    const refused = await approveRun(store, latest.id, { actorId: null, clock }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RunError);
    expect((refused as RunError).code).toBe('conflict');
    expect((refused as RunError).message).toContain('recalculate');
  });

  it('keeps an audit chain that verifies, and detects an edit', async () => {
    const store = database.store;
    if (!store) return;
    const ok = await verifyAudit(store.db);
    expect(ok.ok).toBe(true);
    expect(ok.events).toBeGreaterThanOrEqual(8);
    const victim = await store.db.selectFrom('audit_events').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    await store.db.updateTable('audit_events').set({ after: '{"forged":true}' }).where('id', '=', victim.id).execute();
    expect(await verifyAudit(store.db)).toMatchObject({ ok: false, broken: { id: victim.id } });
  });
});
