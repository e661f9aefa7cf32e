/**
 * The admin's journey against a real demo server, in Chromium: import an org folder (a broken one
 * listed problem by problem as file:line:column with nothing stored, then a valid zip previewed and
 * stored), calculate a run and review its diff against the last approved run (who gains or loses
 * and why, the API's numbers), approve and publish it, answer and resolve a member's inquiry,
 * create and disable an account, read the audit log and verify its chain. Every page is scanned
 * with axe and photographed; the main ones are checked at 375 px.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { request as playwrightRequest, type Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { auditEventSchema, auditVerifySchema, importPreviewSchema, inquirySchema, inquiryThreadSchema, runDiffSchema, runSchema, userSchema, versionSchema } from '../../src/server/schemas.js';
import { attrs, browserAvailable, DEMO_PASSWORD, expectAccessible, expectNoOverflow, json, newPage, screenshot, signIn, useTandem } from './harness.js';

const ready = browserAvailable();
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

type Files = Record<string, string>;
type List<T> = { items: T[]; next_cursor: string | null };
type Run = z.infer<typeof runSchema>;
type RunDiff = z.infer<typeof runDiffSchema>;
type Version = z.infer<typeof versionSchema>;
type ImportPreview = z.infer<typeof importPreviewSchema>;
type Inquiry = z.infer<typeof inquirySchema>;
type InquiryThread = z.infer<typeof inquiryThreadSchema>;
type User = z.infer<typeof userSchema>;
type AuditEvent = z.infer<typeof auditEventSchema>;
type AuditVerify = z.infer<typeof auditVerifySchema>;

async function readTree(dir: string): Promise<Files> {
  const out: Files = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[relative(dir, full).split('\\').join('/')] = await readFile(full, 'utf8');
  }
  return out;
}

/** The first and last day of a quarter label ("2026-Q3"), for an org whose fiscal year is the calendar year (the demo's). */
function quarterDays(label: string): { from: string; to: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!m) throw new Error(`not a quarter: ${label}`);
  const year = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: `${year}-${String(first + 2).padStart(2, '0')}-${last}` };
}

describe.runIf(ready)('the admin journey', () => {
  const web = useTandem();
  let demo: Files;
  let demoDir: string;
  /** Filled as the journey goes. */
  const seen: { publishedPeriod?: string; runId?: number; inquiryId?: number } = {};

  beforeAll(async () => {
    // The demo org's files, as `tandem demo` writes them: the same org the demo server imported.
    demoDir = join(await mkdtemp(join(tmpdir(), 'tandem-admin-')), 'demo');
    execFileSync(process.execPath, [CLI, 'demo', demoDir], { stdio: 'pipe' });
    demo = await readTree(demoDir);
  });

  it('lands on the runs page: every run the API lists, with its status and exact totals', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin/runs');
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    const runs = await json<List<Run>>(page, '/api/runs?limit=200');
    expect(runs.items.length).toBeGreaterThan(0);
    const table = page.getByTestId('runs-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(runs.items.length);
    for (const run of runs.items) {
      const row = table.locator(`tr[data-run-id="${run.id}"]`);
      await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe(run.status);
      for (const [currency, amount] of Object.entries(run.totals ?? {})) expect(await row.locator(`.money[data-currency="${currency}"]`).getAttribute('data-amount')).toBe(amount);
    }
    seen.publishedPeriod = runs.items.find((r) => r.status === 'published')?.period;
    expect(seen.publishedPeriod).toMatch(/^\d{4}-Q[1-4]$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Runs', 'Import', 'Inquiries', 'Users', 'Audit log']) expect(await nav.getByRole('link', { name: label }).count()).toBe(1);
    await expectAccessible(page, 'admin runs');
    await screenshot(page, 'admin-runs');

    // A period that is not one: the API's refusal, as a sentence with what is wrong.
    await page.getByLabel('Period', { exact: true }).fill('2026-Q5');
    await page.getByRole('button', { name: 'Calculate' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('must be a fiscal period');
    expect(new URL(page.url()).pathname).toBe('/admin/runs');
    // A run that does not exist: the page says so and what to do.
    await page.goto('/admin/runs/999999');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('There is no run 999999');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('import: a broken org is listed problem by problem (file:line:column) and nothing is stored; a valid zip is previewed, then stored', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import an org' }).waitFor();
    const versionsBefore = await json<List<Version>>(page, '/api/org/versions?limit=200');
    const versionsTable = page.getByTestId('versions-table');
    await versionsTable.waitFor();
    expect(await versionsTable.locator('tbody tr').count()).toBe(versionsBefore.items.length);
    await expectAccessible(page, 'admin import');
    await screenshot(page, 'admin-import');

    // Broken: one CSV cell of people.csv and one of deals.csv, chosen as loose files (plans by name).
    const people = (demo['people.csv'] ?? '').split('\n');
    const peopleLine = people.findIndex((l) => l.startsWith('se-002,'));
    const hireDate = /,(\d{4}-\d{2}-\d{2}),\d{4}-\d{2}-\d{2},/.exec(people[peopleLine] ?? '')?.[1];
    expect(hireDate).toBeDefined();
    people[peopleLine] = (people[peopleLine] ?? '').replace(`,${hireDate},`, ',2025-13-45,');
    const deals = (demo['deals.csv'] ?? '').split('\n');
    deals[7] = (deals[7] ?? '').replace(/,(\d+\.\d{2}),([A-Z]{3}),/, ',twelve,$2,');
    const broken: Files = { ...demo, 'people.csv': people.join('\n'), 'deals.csv': deals.join('\n') };
    const expected = (await (await page.request.post('/api/org/import/preview', { data: { files: broken }, headers: { 'x-csrf-token': await csrfOf(page) } })).json()) as ImportPreview;
    expect(expected.valid).toBe(false);
    const where = (p: { file: string; line: number; column: string }) => `${p.file}:${p.line}:${p.column}`;
    expect(expected.problems.map(where)).toEqual(expect.arrayContaining([`people.csv:${peopleLine + 1}:hire_date`, 'deals.csv:8:amount']));

    const chooser = page.getByLabel('A zip of the folder, or its files');
    await chooser.setInputFiles(Object.entries(broken).map(([path, text]) => ({ name: path.split('/').at(-1) ?? path, mimeType: 'text/plain', buffer: Buffer.from(text) })));
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('must be fixed');
    // Focus moved to the report, so a keyboard or screen-reader user lands on it.
    await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null")).toBe('import-report');
    const rows = page.getByTestId('problems').locator('tbody tr');
    expect(await rows.count()).toBe(expected.problems.length);
    const shown = await rows.locator('th code').allTextContents();
    expect(shown).toEqual(expected.problems.map(where));
    const messages = await rows.locator('td:last-child').allTextContents();
    expect(messages).toEqual(expected.problems.map((p) => p.message));
    // Grouped by file, each file with its count, linked to its problems.
    const files = [...new Set(expected.problems.map((p) => p.file))];
    expect(files.length).toBeGreaterThan(1);
    const fileList = page.getByTestId('problem-files');
    expect(await fileList.locator('li code').allTextContents()).toEqual(files);
    const peopleErrors = expected.problems.filter((p) => p.file === 'people.csv' && p.severity === 'error').length;
    expect(await fileList.locator('li').filter({ hasText: 'people.csv' }).textContent()).toBe(`people.csv: ${peopleErrors} error${peopleErrors === 1 ? '' : 's'}`);
    await fileList.getByRole('link', { name: 'people.csv' }).click();
    await expect.poll(() => page.evaluate<boolean>("location.hash === '#problems-people-csv' && location.pathname === '/admin/import'")).toBe(true);
    // The loose plan files went to plans/, so plans are not among the problems' files.
    expect(expected.problems.some((p) => p.file.startsWith('plans/') || !(p.file in demo))).toBe(false);
    expect(await page.getByRole('button', { name: 'Store this version' }).count()).toBe(0);
    expect(await json<List<Version>>(page, '/api/org/versions?limit=200')).toEqual(versionsBefore);
    await expectAccessible(page, 'admin import problems');
    await screenshot(page, 'admin-import-problems');

    // Valid: the demo with one new-business deal of the published quarter bigger, another (another
    // owner's) smaller, and a new person — zipped under one top-level folder.
    const quarter = quarterDays(seen.publishedPeriod ?? '');
    const dealLines = (demo['deals.csv'] ?? '').split('\n');
    const deal = /,([a-z]+-\d+),(\d+)\.(\d{2}),USD,closed_won,(\d{4}-\d{2}-\d{2}),new,/;
    const inQuarter = (l: string, min: bigint, notOwner?: string) => {
      const m = deal.exec(l);
      return m !== null && (m[4] ?? '') >= quarter.from && (m[4] ?? '') <= quarter.to && BigInt(m[2] ?? '0') > min && m[1] !== notOwner;
    };
    const bigger = dealLines.findIndex((l) => inQuarter(l, 0n));
    expect(bigger).toBeGreaterThan(0);
    const owner = deal.exec(dealLines[bigger] ?? '')?.[1];
    const smaller = dealLines.findIndex((l) => inQuarter(l, 60000n, owner));
    expect(smaller).toBeGreaterThan(0);
    const shift = (line: string, by: bigint) => line.replace(deal, (_, who: string, whole: string, cents: string, day: string) => `,${who},${BigInt(whole) + by}.${cents},USD,closed_won,${day},new,`);
    dealLines[bigger] = shift(dealLines[bigger] ?? '', 150000n);
    dealLines[smaller] = shift(dealLines[smaller] ?? '', -50000n);
    const valid: Files = {
      ...demo,
      'deals.csv': dealLines.join('\n'),
      'people.csv': `${demo['people.csv'] ?? ''}ops-001,New Person,new.person@northwind.example,OPS,OPS1,ic,sed-001,,,2025-01-01,2025-01-01,us-tier1,USD,90000.00,0.00,,,F\n`,
    };
    const zip = zipSync(Object.fromEntries(Object.entries(valid).map(([path, text]) => [`northwind-org/${path}`, strToU8(text)])));
    const previewed = (await (await page.request.post('/api/org/import/preview', { data: { files: valid }, headers: { 'x-csrf-token': await csrfOf(page) } })).json()) as ImportPreview;
    expect(previewed.valid).toBe(true);
    await chooser.setInputFiles({ name: 'northwind-org.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('These files are valid');
    expect(await page.getByTestId('summary-people').textContent()).toBe(String(previewed.summary?.people));
    expect(await page.getByTestId('summary-deals').textContent()).toBe(String(previewed.summary?.deals));
    const changes = page.getByTestId('changes');
    expect(await changes.locator('[data-change="Files changed"]').textContent()).toBe(`Files changed: ${previewed.changes.files.changed.join(', ')}`);
    expect(previewed.changes.files.changed).toEqual(['deals.csv', 'people.csv']);
    expect(await changes.locator('[data-change="People added"]').textContent()).toBe('People added: New Person (ops-001)');
    // Still nothing stored: the preview is only a preview.
    expect(await json<List<Version>>(page, '/api/org/versions?limit=200')).toEqual(versionsBefore);
    await expectAccessible(page, 'admin import preview');
    await screenshot(page, 'admin-import-preview');

    await page.getByLabel('Note for this version (optional)').fill('Bigger deal and a new ops hire');
    await page.getByRole('button', { name: 'Store this version' }).click();
    await expect.poll(() => page.getByTestId('stored').textContent()).toMatch(/Stored as org version \d+/);
    const stored = Number(/version (\d+)/.exec((await page.getByTestId('stored').textContent()) ?? '')?.[1]);
    const after = await json<List<Version>>(page, '/api/org/versions?limit=200');
    expect(after.items.length).toBe(versionsBefore.items.length + 1);
    expect(after.items[0]).toMatchObject({ id: stored, note: 'Bigger deal and a new ops hire' });
    await expect.poll(() => versionsTable.locator('tbody tr').first().getAttribute('data-version-id')).toBe(String(stored));
    expect(await versionsTable.locator('tbody tr').count()).toBe(after.items.length);

    // The folder itself (the demo as `tandem demo` wrote it), against the version just stored:
    // the new person would go, the two files would change back — and again nothing is stored.
    await page.getByLabel('Or the folder itself').setInputFiles(demoDir);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('These files are valid');
    expect(await changes.locator('[data-change="Files changed"]').textContent()).toBe('Files changed: deals.csv, people.csv');
    expect(await changes.locator('[data-change="People removed"]').textContent()).toBe('People removed: New Person (ops-001)');
    expect(await changes.locator('[data-change="Files added"]').textContent()).toBe('Files added: none');
    expect((await json<List<Version>>(page, '/api/org/versions?limit=200')).items.length).toBe(after.items.length);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('runs: calculate the period, review who gains or loses and why against the approved run, approve, publish', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    const period = seen.publishedPeriod ?? '';
    const approvedBefore = (await json<List<Run>>(page, `/api/runs?period=${period}&limit=200`)).items.find((r) => r.status === 'published');
    await page.getByLabel('Period', { exact: true }).fill(period);
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.waitForURL(/\/admin\/runs\/\d+$/);
    const runId = Number(/\/admin\/runs\/(\d+)$/.exec(page.url())?.[1]);
    seen.runId = runId;
    const { run, baseline, diff } = await json<RunDiff>(page, `/api/runs/${runId}/diff`);
    expect(run.status).toBe('draft');
    expect(baseline?.id).toBe(approvedBefore?.id);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Run ${runId} · `) }).waitFor();
    await expect.poll(() => page.getByTestId('baseline').textContent()).toContain(`run ${baseline?.id}`);
    expect(await page.getByTestId('baseline').textContent()).toContain(`${diff.unchanged} statement`);
    for (const [currency, amount] of Object.entries(run.totals ?? {})) expect(await page.getByTestId('run-total').locator(`.money[data-currency="${currency}"]`).getAttribute('data-amount')).toBe(amount);
    for (const [currency, amount] of Object.entries(diff.net)) expect(await page.getByTestId(`net-${currency}`).locator('.money').getAttribute('data-amount')).toBe(amount);

    // The bigger deal pays someone more: every change is on the page with the API's amounts and reasons.
    expect(diff.changes.length).toBeGreaterThan(0);
    const gains = diff.changes.filter((c) => !c.delta.startsWith('-') && !/^0+(\.0+)?$/.test(c.delta));
    const losses = diff.changes.filter((c) => c.delta.startsWith('-'));
    expect(gains.length).toBeGreaterThan(0);
    expect(await page.getByTestId('changes-gains').locator('tbody tr').count()).toBe(gains.length);
    expect(await page.getByTestId('changes-losses').count()).toBe(losses.length === 0 ? 0 : 1);
    const people = await json<List<{ id: string; name: string }>>(page, '/api/org/people?limit=200');
    for (const c of diff.changes) {
      const row = page.locator(`tr[data-person-id="${c.person_id}"][data-plan="${c.plan}"]`);
      expect(await row.getByTestId('delta').locator('.money').getAttribute('data-amount')).toBe(c.delta);
      if (c.before !== null) expect(await row.locator(`td:nth-of-type(2) .money`).getAttribute('data-amount')).toBe(c.before);
      if (c.after !== null) expect(await row.locator(`td:nth-of-type(3) .money`).getAttribute('data-amount')).toBe(c.after);
      const name = people.items.find((p) => p.id === c.person_id)?.name;
      if (name !== undefined) await expect.poll(() => row.locator('th').textContent()).toBe(`${name} (${c.person_id})`);
      for (const l of c.lines) {
        const item = row.locator(`li[data-line="${l.line}"]`);
        expect(await item.textContent()).toContain(l.why);
        expect(await item.locator('.money').getAttribute('data-amount')).toBe(l.delta);
      }
    }
    await expectAccessible(page, 'admin run review');
    await screenshot(page, 'admin-run-review');

    // Approve: the first press asks and moves focus to the confirmation; the second approves.
    await page.getByRole('button', { name: 'Approve this run' }).click();
    const confirm = page.getByRole('button', { name: `Yes, approve run ${runId}` });
    await confirm.waitFor();
    expect(await page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe(`Yes, approve run ${runId}`);
    await expectAccessible(page, 'admin run approve question');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Publish this run' }).waitFor();
    expect((await json<Run>(page, `/api/runs/${runId}`)).status).toBe('approved');
    await page.getByRole('button', { name: 'Publish this run' }).click();
    await page.getByRole('button', { name: `Yes, publish run ${runId}` }).click();
    await expect.poll(() => page.locator('[data-status]').first().getAttribute('data-status')).toBe('published');
    const published = await json<Run>(page, `/api/runs/${runId}`);
    expect(published.status).toBe('published');
    expect(published.published_at).not.toBeNull();
    await screenshot(page, 'admin-run-published');

    // The runs list shows it published.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await expect.poll(() => page.locator(`tr[data-run-id="${runId}"] [data-status]`).getAttribute('data-status')).toBe('published');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("inquiries: a member asks about a line; the admin answers and resolves it with an adjustment, and the thread shows it", async () => {
    // The member asks through the API, as the member pages do.
    const member = await playwrightRequest.newContext({ baseURL: web.tandem.url });
    const login = await member.post('/api/auth/login', { data: { username: 'member', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
    const mine = (await (await member.get('/api/me/statements?limit=200')).json()) as List<{ id: number; run_id: number }>;
    const statement = mine.items.find((s) => s.run_id === seen.runId) ?? mine.items.at(-1);
    expect(statement).toBeDefined();
    const asked = await member.post('/api/inquiries', { data: { statement_id: statement?.id, line: 'total', message: 'My total looks low for the quarter: was the Fjord renewal credited?' }, headers: { 'x-csrf-token': csrf } });
    expect(asked.status(), await asked.text()).toBe(201);
    const inquiry = (await asked.json()) as Inquiry;
    seen.inquiryId = inquiry.id;

    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inquiries' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inquiries' }).waitFor();
    const open = await json<List<Inquiry>>(page, '/api/inquiries?status=open&limit=200');
    const table = page.getByTestId('inquiries-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(open.items.length);
    expect(await table.locator(`tr[data-inquiry-id="${inquiry.id}"] [data-status]`).getAttribute('data-status')).toBe('open');
    await expectAccessible(page, 'admin inquiries');
    await screenshot(page, 'admin-inquiries');

    await table.getByRole('link', { name: `Inquiry ${inquiry.id}` }).click();
    await page.getByRole('heading', { level: 1, name: `Inquiry ${inquiry.id}: Total` }).waitFor();
    const thread = page.getByTestId('thread');
    await expect.poll(() => thread.locator('li').count()).toBe(1);
    expect(await thread.textContent()).toContain('was the Fjord renewal credited?');
    const snapshot = inquiry.line_snapshot as { total: string; currency: string };
    expect(await page.getByTestId('line-snapshot').locator(`.money[data-amount="${snapshot.total}"]`).count()).toBe(1);
    await expectAccessible(page, 'admin inquiry');
    await screenshot(page, 'admin-inquiry-open');

    await page.getByLabel('Your answer').fill('Yes: it is in the bookings line. The new run adds a correction for the split.');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => thread.locator('li').count()).toBe(2);
    expect((await json<InquiryThread>(page, `/api/inquiries/${inquiry.id}`)).status).toBe('answered');

    await page.getByLabel('Resolution', { exact: true }).fill('Corrected with an adjustment for the split credit.');
    await page.getByLabel(/Add an adjustment/).check();
    await page.getByLabel('Amount').fill('125.50');
    await page.getByLabel('Reason').fill('Split credit correction after inquiry');
    await page.getByRole('button', { name: 'Resolve inquiry' }).click();
    await page.getByTestId('resolution').waitFor();
    const resolved = await json<InquiryThread>(page, `/api/inquiries/${inquiry.id}`);
    expect(resolved.status).toBe('resolved');
    expect(resolved.adjustment_version_id).not.toBeNull();
    expect(await page.getByTestId('resolution').textContent()).toContain(`org version ${resolved.adjustment_version_id}`);
    expect(await thread.locator('li').count()).toBe(resolved.messages.length);
    for (const m of resolved.messages) expect(await thread.textContent()).toContain(m.body);
    expect(await page.getByRole('button', { name: 'Send answer' }).count()).toBe(0);
    await expectAccessible(page, 'admin inquiry resolved');
    await screenshot(page, 'admin-inquiry-resolved');

    // Back in the queue: nothing waits for an answer any more (the empty state says so), and the resolved filter lists it.
    await page.getByRole('link', { name: 'All inquiries' }).click();
    expect((await json<List<Inquiry>>(page, '/api/inquiries?status=open&limit=200')).items).toEqual([]);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No inquiry is in' }).textContent()).toContain('No inquiry is in “Waiting for an answer”.');
    await page.getByLabel('Show', { exact: true }).selectOption('resolved');
    const resolvedList = await json<List<Inquiry>>(page, '/api/inquiries?status=resolved&limit=200');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(resolvedList.items.length);
    expect(await table.locator(`tr[data-inquiry-id="${inquiry.id}"] [data-status]`).getAttribute('data-status')).toBe('resolved');
    expect(new URL(page.url()).search).toBe('?status=resolved');
    await member.dispose();
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('users: create an account with a role, see it listed, change its role, disable it', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const before = await json<List<User>>(page, '/api/users?limit=200');
    const table = page.getByTestId('users-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(before.items.length);

    // A manager, linked to a person of the org.
    await page.getByLabel('Username').fill('new-analyst');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Role', { exact: true }).selectOption('manager');
    await page.getByLabel('Person').selectOption('se-002');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Created the account' }).textContent()).toContain('new-analyst (manager)');
    const made = (await json<List<User>>(page, '/api/users?limit=200')).items.find((u) => u.username === 'new-analyst');
    expect(made).toMatchObject({ role: 'manager', person_id: 'se-002', disabled: false });
    const row = table.locator('tr[data-username="new-analyst"]');
    await row.waitFor();
    expect(await row.getByLabel('Role of new-analyst').inputValue()).toBe('manager');
    await expect.poll(() => row.locator('td').nth(1).textContent()).toMatch(/^.+ \(se-002\)$/);
    await expectAccessible(page, 'admin users');
    await screenshot(page, 'admin-users');

    // A taken username: refused in a sentence, nothing created.
    await page.getByLabel('Username').fill('member');
    await page.getByLabel('Password').fill('another long password');
    await page.getByLabel('Role', { exact: true }).selectOption('leader');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Username "member" is taken');

    // The role changed in place, as the API then has it; the row shows the new role.
    await row.getByLabel('Role of new-analyst').selectOption('leader');
    await row.getByRole('button', { name: 'Make new-analyst leader' }).click();
    await expect.poll(async () => (await json<List<User>>(page, '/api/users?limit=200')).items.find((u) => u.username === 'new-analyst')?.role).toBe('leader');
    await expect.poll(() => row.getByRole('button', { name: 'Make new-analyst leader' }).count()).toBe(0);
    expect(await row.getByLabel('Role of new-analyst').inputValue()).toBe('leader');

    await row.getByRole('button', { name: 'Disable new-analyst' }).click();
    await row.getByRole('button', { name: 'Yes, disable new-analyst' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Disabled');
    expect((await json<List<User>>(page, '/api/users?limit=200')).items.find((u) => u.username === 'new-analyst')?.disabled).toBe(true);
    expect((await json<List<User>>(page, '/api/users?limit=200')).items.length).toBe(before.items.length + 1);
    // One cannot disable oneself: there is no button for it.
    expect(await table.locator('tr[data-username="admin"]').getByRole('button').count()).toBe(0);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('audit: the log lists the events just caused, filters them, and "Verify" shows the chain intact', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const first = await json<List<AuditEvent>>(page, '/api/audit?limit=50');
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    expect(await attrs(table.locator('tbody tr'), 'data-audit-id')).toEqual(first.items.map((e) => String(e.id)));
    const actions = new Set(first.items.map((e) => e.action));
    for (const a of ['org.import', 'run.create', 'run.approve', 'run.publish', 'inquiry.open', 'inquiry.answer', 'inquiry.resolve', 'org.adjust', 'user.create', 'user.disable', 'auth.login']) expect(actions, a).toContain(a);
    const approve = first.items.find((e) => e.action === 'run.approve' && e.entity_id === String(seen.runId));
    expect(approve).toBeDefined();
    expect(await table.locator(`tr[data-audit-id="${approve?.id}"] td`).nth(1).textContent()).toBe('admin');

    // Older events page in when there are more than one page of them.
    expect(await page.getByRole('button', { name: 'Show older events' }).count()).toBe(first.next_cursor === null ? 0 : 1);

    // Filter by action.
    await page.getByLabel('Action').fill('run.approve');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const approvals = await json<List<AuditEvent>>(page, '/api/audit?action=run.approve&limit=50');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(approvals.items.length);
    expect(await attrs(table.locator('tbody tr'), 'data-action')).toEqual(approvals.items.map(() => 'run.approve'));
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(first.items.length);

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const verify = await json<AuditVerify>(page, '/api/audit/verify');
    expect(verify.ok).toBe(true);
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toBe(`The chain is intact: all ${verify.events} events fit together, none was changed.`);
    await expectAccessible(page, 'admin audit');
    await screenshot(page, 'admin-audit');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('every admin page fits a 375 px screen', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url, { width: 375, height: 740 });
    await signIn(page, 'admin');
    const pages: [path: string, title: string, ready: string][] = [
      ['/admin/runs', 'Runs', 'runs-table'],
      [`/admin/runs/${seen.runId}`, `Run ${seen.runId}`, 'changes-gains'],
      ['/admin/import', 'Import an org', 'versions-table'],
      ['/admin/inquiries?status=all', 'Inquiries', 'inquiries-table'],
      [`/admin/inquiries/${seen.inquiryId}`, `Inquiry ${seen.inquiryId}`, 'thread'],
      ['/admin/users', 'Users', 'users-table'],
      ['/admin/audit', 'Audit log', 'audit-table'],
    ];
    for (const [path, title, readyId] of pages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${title}`) }).waitFor();
      await page.getByTestId(readyId).waitFor();
      await expectNoOverflow(page, path);
      // And the document itself is no wider than the screen (nothing escapes a scrolling table).
      expect({ path, width: await page.evaluate<number>('document.documentElement.scrollWidth') }).toEqual({ path, width: 375 });
      await expectAccessible(page, `${path} at 375 px`);
      await screenshot(page, `admin-375${path.replace(/[/?=]/g, '-')}`);
    }
    // The import report at 375 px too.
    await page.goto('/admin/import');
    await page.getByLabel('A zip of the folder, or its files').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\nx,\n') });
    await page.getByTestId('import-report').waitFor();
    await expectNoOverflow(page, 'import report');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBe(375);
    await screenshot(page, 'admin-375-import-report');
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});

/** The page's session CSRF token (for API calls the test makes beside the page). */
async function csrfOf(page: Page): Promise<string> {
  const r = await page.request.get('/api/auth/session');
  return ((await r.json()) as { csrf_token: string }).csrf_token;
}
