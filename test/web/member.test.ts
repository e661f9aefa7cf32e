/**
 * The member's journey against a real demo server: My pay explains the latest published statement
 * (total, each measure's attainment and payout, its payout curve with the member's attainment
 * marked, the credited deals with share and rule, the arithmetic steps — each compared with the
 * API's JSON for that statement), earlier statements a click away, what-if with the deal's marginal
 * value as POST /api/whatif computes it, an inquiry opened on a line, answered by an admin and read
 * in the app, and nobody else's statement reachable through the UI or by editing the address.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StatementJson, TraceDealJson } from '../../src/core/output.js';
import type { TraceStep } from '../../src/core/trace.js';
import type { WhatIfJson } from '../../src/core/whatif.js';
import { browserAvailable, DEMO_PASSWORD, expectAccessible, expectChartsDrawn, expectNoOverflow, newPage, screenshot, signIn, useTandem } from './harness.js';

const ready = browserAvailable();

interface StatementRecord {
  id: number;
  run_id: number;
  statement: StatementJson;
}
interface PlanJson {
  id: string;
  name: string;
  measures: { id: string; name: string; metric: string; curve: { attainment: string; factor: string }[] }[];
}
interface Thread {
  id: number;
  status: string;
  statement_id: number;
  line: string;
  messages: { author: string; body: string }[];
  resolution: string | null;
}

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });
const pct = (ratio: string) => percent.format(ratio as unknown as number);
const usd = (amount: string, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount as unknown as number);
const isDeal = (e: unknown): e is TraceDealJson => typeof e === 'object' && e !== null && 'deal_id' in e;
const isStep = (e: unknown): e is TraceStep => typeof e === 'object' && e !== null && 'step' in e;

/** The API as an admin (node fetch with the admin's session), for what the test sets up and checks. */
async function adminApi(base: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  expect(login.status).toBe(200);
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return { get: <T>(path: string) => call<T>('GET', path), post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body) };
}

/** GET and POST from inside the signed-in page (its cookie, its CSRF token). */
async function asPage(page: Page) {
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrf_token: string; user: { person_id: string } };
  return {
    personId: session.user.person_id,
    get: async <T>(path: string): Promise<T> => {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    },
    post: async <T>(path: string, body: unknown): Promise<T> => {
      const res = await page.request.post(path, { data: body, headers: { 'x-csrf-token': session.csrf_token } });
      expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
      return (await res.json()) as T;
    },
  };
}

/** The given attributes of every element the locator finds, in order. */
async function attributes(locator: Locator, names: readonly string[]): Promise<(string | null)[][]> {
  const out: (string | null)[][] = [];
  for (const el of await locator.all()) out.push(await Promise.all(names.map((n) => el.getAttribute(n))));
  return out;
}

const newest = (list: StatementRecord[]) => [...list].sort((a, b) => (a.statement.period === b.statement.period ? b.id - a.id : a.statement.period < b.statement.period ? 1 : -1));

/** Waits until the statement view shows `record` fully (its total and every curve drawn). */
async function expectStatementShown(page: Page, record: StatementRecord, plans: PlanJson[]): Promise<void> {
  const s = record.statement;
  await page.locator(`[data-statement-id="${record.id}"]`).waitFor();
  expect(await page.getByTestId('statement-total').locator('[data-amount]').getAttribute('data-amount')).toBe(s.total);
  const plan = plans.find((p) => p.id === s.plan);
  expect(plan, `GET /api/plans has the member's plan ${s.plan}`).toBeDefined();
  // Waited for here first: the harness's waitForFunction evaluates a string, which the page's CSP refuses while it polls.
  await page.locator('[data-chart=plot] svg').nth(s.measures.length - 1).waitFor();
  await expectChartsDrawn(page, s.measures.length);
  for (const m of s.measures) {
    const section = page.getByTestId(`measure-${m.id}`);
    const planMeasure = plan?.measures.find((x) => x.id === m.id);
    expect(planMeasure).toBeDefined();
    await expect.poll(() => section.getByRole('heading', { level: 2 }).textContent()).toContain(planMeasure?.name ?? '');
    // The figures, as the API gives them and as people read them.
    for (const figure of ['credited', 'quota', 'attainment', 'factor', 'payout'] as const) {
      expect(await section.locator(`[data-figure="${figure}"]`).getAttribute('data-value'), `${m.id} ${figure}`).toBe(m[figure]);
    }
    expect(await section.locator('[data-figure="attainment"]').textContent()).toBe(pct(m.attainment));
    expect(await section.locator('[data-figure="payout"] [data-amount]').getAttribute('data-amount')).toBe(m.payout);
    expect(await section.locator('[data-figure="payout"]').textContent()).toBe(usd(m.payout, s.currency));
    // The summary table has the same line.
    const row = page.locator(`.member-lines tr[data-line="${m.id}"]`);
    expect(await row.locator('td').nth(0).textContent()).toBe(pct(m.attainment));
    expect(await row.locator('[data-amount]').getAttribute('data-amount')).toBe(m.payout);
    // The payout curve: drawn, the member's attainment marked, the engine's points in its table.
    const curve = page.getByTestId(`curve-${m.id}`);
    expect(await curve.getAttribute('data-attainment')).toBe(m.attainment);
    expect(await curve.getAttribute('data-factor')).toBe(m.factor);
    expect(await curve.locator('svg circle').count()).toBe(1);
    await expect.poll(() => curve.locator('svg').textContent()).toContain(`You: ${pct(m.attainment)}`);
    expect(await curve.locator('.chart-table tbody tr').count()).toBe((planMeasure?.curve.length ?? 0) + 1);
    expect(await curve.locator('.chart-table tbody tr').first().locator('td').allTextContents()).toEqual([pct(planMeasure?.curve[0]?.attainment ?? ''), pct(planMeasure?.curve[0]?.factor ?? '')]);
    // The credited deals: ids, shares, rules, credits, in the trace's order.
    const deals = (m.trace ?? []).filter(isDeal);
    const shown = await attributes(section.locator('tr[data-deal]'), ['data-deal', 'data-share', 'data-rule', 'data-credit']);
    expect(shown).toEqual(deals.slice(0, 20).map((d) => [d.deal_id, d.share, d.rule, d.credit]));
    if (deals[0] !== undefined) {
      const first = section.locator('tr[data-deal]').first();
      expect(await first.locator('td').nth(2).textContent()).toBe(pct(deals[0].share));
      expect(await first.locator('td').nth(3).textContent()).toBe(deals[0].rule);
    }
    // The arithmetic, step by step, word for word.
    const steps = (m.trace ?? []).filter(isStep);
    expect(steps.length).toBeGreaterThan(3);
    const shownSteps: (string | null)[][] = [];
    for (const li of await section.locator('li[data-step]').all()) shownSteps.push([await li.getAttribute('data-step'), await li.locator('.member-step-text').textContent()]);
    expect(shownSteps).toEqual(steps.map((st) => [st.step, st.text]));
  }
  // The total as the sum of its lines, each term the API's.
  expect((await attributes(page.getByTestId('total-sum').locator('[data-amount]'), ['data-amount'])).flat()).toEqual([...s.measures.map((m) => m.payout), ...s.spiffs.map((x) => x.payout), ...s.adjustments.map((a) => a.amount), s.total]);
  expect(await page.getByTestId('spiffs').locator('li').count()).toBe(s.spiffs.length);
  expect(await page.getByTestId('adjustments').locator('li').count()).toBe(s.adjustments.length);
}

describe.runIf(ready)('the member journey: My pay, what-if, inquiries', () => {
  const web = useTandem();
  let admin: Awaited<ReturnType<typeof adminApi>>;
  beforeAll(async () => {
    admin = await adminApi(web.tandem.url);
    // The demo publishes the latest complete quarter; publish the one before too, so the member has a past statement.
    const latest = (await admin.get<{ items: { period: string; status: string }[] }>('/api/runs?status=published')).items[0];
    expect(latest?.period).toMatch(/^\d{4}-Q[2-4]$/);
    const [year, q] = (latest?.period ?? '').split('-Q');
    const { run } = await admin.post<{ run: { id: number } }>('/api/runs', { period: `${year}-Q${Number(q) - 1}` });
    await admin.post(`/api/runs/${run.id}/approve`);
    await admin.post(`/api/runs/${run.id}/publish`);
  }, 120_000);

  it('My pay explains the latest statement: total, measures, curves with the attainment marked, deals, steps — as the API has them; fits 375 px', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    expect(new URL(page.url()).pathname).toBe('/pay');
    const me = await asPage(page);
    expect(me.personId).toBe('se-001');
    const mine = (await me.get<{ items: StatementRecord[] }>('/api/me/statements?limit=200')).items;
    const plans = (await me.get<{ items: PlanJson[] }>('/api/plans')).items;
    expect(mine.length).toBe(2);
    const latest = newest(mine)[0];
    if (latest === undefined) throw new Error('no statement');
    expect(latest.statement.person_id).toBe('se-001');
    await page.getByRole('heading', { level: 1, name: 'My pay' }).waitFor();
    await expectStatementShown(page, latest, plans);
    // The total in words too.
    expect(await page.getByTestId('statement-total').textContent()).toBe(usd(latest.statement.total, latest.statement.currency));
    // The page marks when it is fully drawn (what `npm run bench` reads).
    expect(await page.evaluate(`performance.getEntriesByName('tandem:pay-rendered').length`)).toBe(1);
    await expectAccessible(page, 'my pay');
    await screenshot(page, 'member-pay');
    // The whole statement in words, from /explain, opened on demand.
    await page.getByText('The whole statement in words').click();
    await expect.poll(() => page.locator('.member-explain-text').textContent()).toContain(`Statement for`);
    expect(watch.problems).toEqual([]);
    await context.close();

    const narrow = await newPage(web.browser, web.tandem.url, { width: 375, height: 800 });
    await signIn(narrow.page, 'member');
    await expectStatementShown(narrow.page, latest, plans);
    await expectNoOverflow(narrow.page, 'my pay 375');
    await expectAccessible(narrow.page, 'my pay 375');
    await screenshot(narrow.page, 'member-pay-375');
    expect(narrow.watch.problems).toEqual([]);
    await narrow.context.close();
  });

  it('past statements: every published one in the switcher, each opening as the API has it; fits 375 px', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    const me = await asPage(page);
    const mine = newest((await me.get<{ items: StatementRecord[] }>('/api/me/statements?limit=200')).items);
    const plans = (await me.get<{ items: PlanJson[] }>('/api/plans')).items;
    const switcher = page.getByRole('navigation', { name: 'Your statements' });
    await switcher.waitFor();
    expect((await attributes(switcher.getByRole('link'), ['data-statement-link'])).flat()).toEqual(mine.map((r) => String(r.id)));
    const past = mine[1];
    if (past === undefined) throw new Error('no past statement');
    await switcher.getByRole('link', { name: new RegExp(`^Q${past.statement.period.slice(-1)} ${past.statement.period.slice(0, 4)}`) }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/pay/statements/${past.id}`);
    await expectStatementShown(page, past, plans);
    expect(await switcher.locator('[aria-current="page"]').getAttribute('data-statement-link')).toBe(String(past.id));
    await expectAccessible(page, 'past statement');
    await screenshot(page, 'member-statement');
    // Opened straight from its address too, and at 375 px.
    const narrow = await newPage(web.browser, web.tandem.url, { width: 375, height: 800 });
    await signIn(narrow.page, 'member');
    await narrow.page.goto(`/pay/statements/${past.id}`);
    await expectStatementShown(narrow.page, past, plans);
    await expectNoOverflow(narrow.page, 'statement 375');
    await screenshot(narrow.page, 'member-statement-375');
    expect(narrow.watch.problems).toEqual([]);
    await narrow.context.close();
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("what-if: a hypothetical deal's new statement and marginal value, exactly as POST /api/whatif computes them", async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    const me = await asPage(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What-if' }).click();
    await page.getByRole('heading', { level: 1, name: 'What-if' }).waitFor();
    await expectAccessible(page, 'what-if, empty');
    // A deal in the quarter after the latest published one (the open quarter).
    const latest = newest((await me.get<{ items: StatementRecord[] }>('/api/me/statements?limit=200')).items)[0];
    const year = latest?.statement.period.slice(0, 4) ?? '';
    const input = { amount: '180000', close_date: `${year}-11-16`, type: 'new' };
    const expected = await me.post<WhatIfJson>('/api/whatif', { period: year, person_id: me.personId, deal: input });
    expect(expected.marginal).not.toMatch(/^0+(\.0+)?$/);
    // Nothing entered: said in sentences, nothing sent.
    await page.getByRole('button', { name: 'Show what it pays' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual(['Amount: Enter the amount as a number, such as 120000 or 85000.50.', 'Close date: Enter the day the deal would close.']);
    await page.getByLabel('Amount (USD)').fill(input.amount);
    await page.getByLabel('Close date').fill(input.close_date);
    await page.getByLabel('Type', { exact: true }).fill(input.type);
    expect(await page.getByLabel('Fiscal year').inputValue()).toBe(year);
    await page.getByRole('button', { name: 'Show what it pays' }).click();
    const marginal = page.getByTestId('whatif-marginal');
    await marginal.waitFor();
    expect(await marginal.locator('[data-amount]').getAttribute('data-amount')).toBe(expected.marginal);
    expect(await marginal.textContent()).toBe(usd(expected.marginal, expected.currency));
    // The new statement(s): each changed one with its new total and each measure's new attainment.
    const before = new Map(expected.before.map((s) => [s.period, s]));
    const changed = expected.after.filter((s) => before.get(s.period)?.total !== s.total);
    expect(changed.length).toBeGreaterThan(0);
    for (const after of changed) {
      const card = page.getByTestId(`whatif-statement-${after.period}`);
      expect(await card.getByTestId(`whatif-total-${after.period}`).locator('[data-amount]').getAttribute('data-amount')).toBe(after.total);
      for (const m of after.measures) {
        const cells = await card.locator(`tr[data-line="${m.id}"] td`).allTextContents();
        expect(cells[1]).toBe(pct(m.attainment));
        expect(cells[3]).toBe(usd(m.payout, after.currency));
      }
    }
    expect(await page.locator('[data-testid^="whatif-statement-"]').count()).toBe(changed.length);
    await expectAccessible(page, 'what-if, answered');
    await screenshot(page, 'member-whatif');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('inquiry: asked on a statement line, listed, answered by an admin, the answer read in the app', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    const me = await asPage(page);
    const latest = newest((await me.get<{ items: StatementRecord[] }>('/api/me/statements?limit=200')).items)[0];
    const measure = latest?.statement.measures[0];
    if (latest === undefined || measure === undefined) throw new Error('no statement');
    const section = page.getByTestId(`measure-${measure.id}`);
    await section.waitFor();
    await section.getByRole('button', { name: /^Ask about this line/ }).click();
    const question = `Is deal ${(measure.trace ?? []).find(isDeal)?.deal_id ?? ''} credited in full?`;
    await section.getByLabel(/^Your question about/).fill(question);
    await section.getByRole('button', { name: 'Send question' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/inquiries\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    // The API has it as the member asked it: on that statement and line.
    const opened = await me.get<Thread>(`/api/inquiries/${id}`);
    expect({ statement: opened.statement_id, line: opened.line, status: opened.status, first: opened.messages[0]?.body }).toEqual({ statement: latest.id, line: measure.id, status: 'open', first: question });
    await page.getByRole('heading', { level: 1, name: `Inquiry ${id}` }).waitFor();
    await expect.poll(() => page.getByTestId('inquiry-messages').textContent()).toContain(question);
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('open');
    await expectAccessible(page, 'inquiry, open');
    // In the list, and on the statement it is about.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inquiries' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your inquiries' }).waitFor();
    const row = page.locator(`tr[data-inquiry="${id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('open');
    await expectAccessible(page, 'inquiries');
    await screenshot(page, 'member-inquiries');
    await page.goto('/pay');
    await expect.poll(() => page.getByRole('region', { name: 'Your questions about this statement' }).getByRole('link').allTextContents()).toEqual([`Inquiry ${id}: ${measure.id}`]);

    // An admin answers (through the API); the member reads the answer in the app.
    const answer = 'Yes: the pod rule credits every pod member the full amount.';
    await admin.post(`/api/inquiries/${id}/messages`, { message: answer });
    await page.goto('/inquiries');
    await row.locator('[data-status="answered"]').waitFor();
    await row.getByRole('link', { name: new RegExp(`^#${id}`) }).click();
    await expect.poll(() => page.getByTestId('inquiry-messages').locator('li').count()).toBe(2);
    expect(await page.getByTestId('inquiry-messages').locator('li').last().textContent()).toContain(answer);
    expect(await page.getByTestId('inquiry-messages').locator('li').last().getAttribute('data-author')).toBe('admin');
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('answered');
    await expectAccessible(page, 'inquiry, answered');
    await screenshot(page, 'member-inquiry');
    // The member replies in the app; the admin resolves it; the member sees the resolution.
    await page.getByLabel(/^Reply/).fill('Thanks, that is clear.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByTestId('inquiry-messages').locator('li').count()).toBe(3);
    expect((await me.get<Thread>(`/api/inquiries/${id}`)).messages.map((m) => m.body)).toEqual([question, answer, 'Thanks, that is clear.']);
    const resolution = 'Explained: the credit is correct.';
    await admin.post(`/api/inquiries/${id}/resolve`, { resolution });
    await page.reload();
    await expect.poll(() => page.getByTestId('inquiry-resolution').textContent()).toContain(resolution);
    expect(await page.locator('main textarea').count()).toBe(0);
    await screenshot(page, 'member-inquiry-resolved');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("nobody else's statement: not through the UI, not by editing the address (members and managers alike)", async () => {
    const published = (await admin.get<{ items: { id: number; status: string }[] }>('/api/runs?status=published')).items;
    const others: StatementRecord[] = [];
    for (const run of published) others.push(...(await admin.get<{ items: StatementRecord[] }>(`/api/runs/${run.id}/statements?limit=200`)).items);
    const someoneElse = others.find((r) => r.statement.person_id !== 'se-001' && r.statement.plan === 'se-pod-2026');
    if (someoneElse === undefined) throw new Error('no other statement');

    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    const me = await asPage(page);
    const own = new Set((await me.get<{ items: StatementRecord[] }>('/api/me/statements?limit=200')).items.map((r) => r.id));
    expect(own.has(someoneElse.id)).toBe(false);
    // The API refuses it…
    expect((await page.request.get(`/api/statements/${someoneElse.id}`)).status()).toBe(404);
    // …and the page, opened by its address, says so and shows none of their numbers.
    await page.goto(`/pay/statements/${someoneElse.id}`);
    await page.getByTestId('statement-not-found').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Statement not found');
    expect(await page.getByTestId('statement-not-found').textContent()).toContain(`There is no statement ${someoneElse.id} of yours.`);
    expect(await page.locator('[data-statement-id]').count()).toBe(0);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain(usd(someoneElse.statement.total, someoneElse.statement.currency));
    for (const m of someoneElse.statement.measures) expect(text).not.toContain(usd(m.payout, someoneElse.statement.currency));
    expect(text).not.toContain(someoneElse.statement.person_id);
    await expectAccessible(page, 'statement not found');
    await screenshot(page, 'member-statement-not-found');
    // A made-up address likewise.
    await page.goto('/pay/statements/not-a-number');
    await page.getByTestId('statement-not-found').waitFor();
    // No link anywhere in the member's pages leads to a statement that is not theirs.
    for (const path of ['/pay', '/inquiries', '/whatif', ...[...own].map((id) => `/pay/statements/${id}`)]) {
      await page.goto(path);
      await page.locator('h1#page-title').waitFor();
      if (path.startsWith('/pay')) await page.locator('[data-statement-id]').waitFor();
      const targets = (await attributes(page.locator('a[href*="/pay/statements/"]'), ['href'])).map(([href]) => Number(/\/pay\/statements\/(\d+)/.exec(href ?? '')?.[1]));
      for (const t of targets) expect(own.has(t), `${path} links to statement ${t}`).toBe(true);
    }
    expect(watch.problems).toEqual([]);
    await context.close();

    // A manager may read their reports' statements through the API, but My pay is their own pay only.
    const people: { id: string; manager_id: string }[] = [];
    let cursor: string | null = null;
    do {
      const pageOfPeople: { items: { id: string; manager_id: string }[]; next_cursor: string | null } = await admin.get(`/api/org/people?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`);
      people.push(...pageOfPeople.items);
      cursor = pageOfPeople.next_cursor;
    } while (cursor !== null);
    const manager = await newPage(web.browser, web.tandem.url);
    await signIn(manager.page, 'manager');
    const managerId = (await asPage(manager.page)).personId;
    const reports = new Set(people.filter((p) => p.manager_id === managerId).map((p) => p.id));
    const reportStatement = others.find((r) => reports.has(r.statement.person_id));
    if (reportStatement === undefined) throw new Error('no statement of a report');
    expect((await manager.page.request.get(`/api/statements/${reportStatement.id}`)).status()).toBe(200);
    await manager.page.goto(`/pay/statements/${reportStatement.id}`);
    await manager.page.getByTestId('statement-not-found').waitFor();
    expect(await manager.page.locator('[data-statement-id]').count()).toBe(0);
    expect((await manager.page.locator('main').textContent()) ?? '').not.toContain(usd(reportStatement.statement.total, reportStatement.statement.currency));
    expect(manager.watch.problems).toEqual([]);
    await manager.context.close();
  });
});
