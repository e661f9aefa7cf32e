/** `tandem import`, `export` and `audit verify` on SQLite and PostgreSQL. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { DIALECTS, useDatabase } from './databases.js';

const GOLDEN = new URL('../fixtures/golden/credit-owner/org/', import.meta.url).pathname;
const FILES = ['org.yaml', 'people.csv', 'deals.csv', 'deal_team.csv', 'quotas.csv', 'plans/ae-2026.yaml'];

describe.each(DIALECTS)('database commands on %s', (dialect) => {
  const database = useDatabase(dialect);

  it('imports, reports an identical re-import, exports byte for byte, verifies the audit trail', async () => {
    const store = database.store;
    if (!store) return;
    const db = ['--database', store.url];
    const first = await runCli(['import', GOLDEN, '--note', 'golden', ...db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/stored as org version 1 \(6 files\)/);
    expect((await runCli(['import', GOLDEN, ...db])).stdout).toMatch(/unchanged — identical to org version 1; nothing stored/);
    const out = join(mkdtempSync(join(tmpdir(), 'tandem-cli-export-')), 'org');
    expect((await runCli(['export', out, ...db])).stdout).toBe(`wrote org version 1 (6 files) to ${out}\n`);
    for (const f of FILES) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(GOLDEN, f), 'utf8'));
    // import → export → import: the same data, so nothing new.
    expect((await runCli(['import', out, ...db])).stdout).toMatch(/unchanged/);
    expect(await runCli(['audit', 'verify', ...db])).toMatchObject({ code: 0, stdout: expect.stringMatching(/audit trail intact: 1 event verified/) as unknown });
  });

  it('rejects an invalid folder with every problem and stores nothing', async () => {
    const store = database.store;
    if (!store) return;
    const dir = join(mkdtempSync(join(tmpdir(), 'tandem-cli-bad-')), 'org');
    cpSync(GOLDEN, dir, { recursive: true });
    writeFileSync(join(dir, 'quotas.csv'), 'person_id,team,measure,period,target\nae-1,,bookings,2026,abc\n');
    const r = await runCli(['import', dir, '--database', store.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('quotas.csv:2:target: error:');
    expect(r.stderr).toMatch(/nothing was written/);
    const versions = await store.db.selectFrom('org_versions').select('id').execute();
    expect(versions.map((v) => v.id)).toEqual([1]);
  });

  it('finds a tampered audit trail (exit 3)', async () => {
    const store = database.store;
    if (!store) return;
    await store.db.updateTable('audit_events').set({ action: 'org.delete' }).execute();
    const r = await runCli(['audit', 'verify', '--database', store.url]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/audit trail BROKEN at event 1: its content does not match its hash/);
  });
});

describe('database URLs', () => {
  it('refuses a URL that is neither sqlite: nor postgres://', async () => {
    const r = await runCli(['audit', 'verify', '--database', 'mysql://root@localhost/x']);
    expect(r).toMatchObject({ code: 1, stderr: 'tandem: DATABASE_URL must be sqlite:PATH or a postgres:// URL, not "mysql://root@localhost/x"\n' });
  });
});
