/**
 * The leader's journey against a real demo server: the plans with their payout curves and
 * diagnostics, a simulation and a comparison (numbers equal to the API's for the same request and
 * seed), the ladder drawn as two tracks with the fork and grades, a level's detail, the ladder lint,
 * and the people report (stuck, tenure promotion, no conversation, SPIF parity, compa-ratios, pay
 * equity in aggregate only). Every figure is checked against the API, never copied from the app.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DiagnoseJson } from '../../src/core/diagnostics/report.js';
import type { LadderLintJson } from '../../src/core/ladder/lint/report.js';
import type { PeopleReport } from '../../src/core/ladder/people-report.js';
import type { CompareJson, SimulateJson } from '../../src/core/simulation/types.js';
import type { z } from 'zod';
import type { ladderSchema, plansSchema } from '../../src/server/schemas.js';
import { DEMO_DEFAULT_SEED, generateDemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { latestCompleteQuarter } from '../../src/core/periods.js';
import { orgTexts } from '../../src/io/write-org-files.js';
import { browserAvailable, DEMO_PASSWORD, expectAccessible, expectChartsDrawn, expectNoOverflow, newPage, screenshot, signIn, useTandem } from './harness.js';

type Plans = z.infer<typeof plansSchema>;
type Ladder = z.infer<typeof ladderSchema>;
type LeaderReport = Omit<PeopleReport, 'pay_equity'> & { pay_equity?: unknown; pay_equity_aggregate: { characteristic: string; reference: string | null; groups: { group: string; adjusted_gap: number | null }[]; groups_withheld: number }[] };

const ready = browserAvailable();

/** GET as the signed-in page (its cookie). */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(path);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return (await r.json()) as T;
}

/** POST as the signed-in page, with its CSRF token. */
async function postJson<T>(page: Page, path: string, body: unknown): Promise<T> {
  const { csrf_token } = await getJson<{ csrf_token: string }>(page, '/api/auth/session');
  const r = await page.request.post(path, { data: body, headers: { 'x-csrf-token': csrf_token } });
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return (await r.json()) as T;
}

const sorted = (xs: readonly string[]) => [...xs].sort();

/** An attribute of every element a locator finds, in page order ('' when absent). */
async function attrs(locator: Locator, name: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0, n = await locator.count(); i < n; i++) out.push((await locator.nth(i).getAttribute(name)) ?? '');
  return out;
}

/** Several attributes of every element, joined with "|" per element. */
async function joined(locator: Locator, names: readonly string[]): Promise<string[]> {
  const columns = await Promise.all(names.map((n) => attrs(locator, n)));
  return (columns[0] ?? []).map((_, i) => columns.map((c) => c[i] ?? '').join('|'));
}


describe.runIf(ready)('the leader journey', () => {
  const web = useTandem();

  it('lands on /plans: every plan listed with its findings count, the org-wide findings as POST /api/diagnose gives them', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    expect(new URL(page.url()).pathname).toBe('/plans');
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const label of ['Plans', 'Simulate', 'Compare', 'Ladder', 'People report']) expect(await nav.getByRole('link', { name: label, exact: true }).count()).toBe(1);

    const plans = await getJson<Plans>(page, '/api/plans');
    const diagnosis = await postJson<DiagnoseJson>(page, '/api/diagnose', {});
    expect(plans.items.length).toBeGreaterThan(1);
    const list = page.getByRole('list', { name: 'Plans' });
    expect(await list.locator(':scope > li').count()).toBe(plans.items.length);
    for (const p of plans.items) {
      const item = list.locator(`li[data-plan="${p.id}"]`);
      await expect.poll(() => item.getByRole('link', { name: p.name, exact: true }).count()).toBe(1);
      const n = diagnosis.findings.filter((f) => f.plan === p.id).length;
      await expect.poll(() => item.getByTestId('plan-finding-count').textContent()).toContain(n === 0 ? 'no findings' : `${n} ${n === 1 ? 'finding' : 'findings'}`);
      for (const m of p.measures) expect(await item.getByText(m.name).count()).toBeGreaterThan(0);
    }
    const orgWide = diagnosis.findings.filter((f) => f.plan === null);
    expect(orgWide.length).toBeGreaterThan(0);
    const section = page.getByRole('region', { name: 'Org-wide findings' });
    await expect.poll(() => section.getByTestId('finding').count()).toBe(orgWide.length);
    expect(sorted(await attrs(section.getByTestId('finding'), 'data-rule'))).toEqual(sorted(orgWide.map((f) => f.rule)));
    await expectAccessible(page, 'leader plans');
    await screenshot(page, 'leader-plans');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("a plan: each measure's payout curve drawn, its diagnostics equal to POST /api/diagnose, each with its evidence and fix", async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    const plans = await getJson<Plans>(page, '/api/plans');
    for (const plan of plans.items) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans', exact: true }).click();
      await page.getByRole('list', { name: 'Plans' }).getByRole('link', { name: plan.name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: plan.name }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/plans/${plan.id}`);
      // A payout curve per measure, drawn, with the curve's points as its table.
      await expectChartsDrawn(page, plan.measures.length);
      for (const m of plan.measures) {
        const curve = page.getByTestId(`curve-${m.id}`);
        expect(await curve.locator('[data-chart=plot] svg path').count()).toBeGreaterThan(0);
        expect(await curve.locator('.chart-table tbody tr').count()).toBe(m.curve.length);
      }
      const diagnosis = await postJson<DiagnoseJson>(page, '/api/diagnose', { plans: [plan.id] });
      const findings = page.getByTestId('finding');
      await expect.poll(() => findings.count()).toBe(diagnosis.findings.length);
      const shown = await joined(findings, ['data-plan', 'data-rule', 'data-severity']);
      expect(sorted(shown)).toEqual(sorted(diagnosis.findings.map((f) => `${f.plan ?? ''}|${f.rule}|${f.severity}`)));
      const fixes = await page.getByTestId('finding-fix').allTextContents();
      expect(sorted(fixes)).toEqual(sorted(diagnosis.findings.map((f) => f.fix)));
      // Every finding carries its evidence: open one and read the numbers the rule used.
      const own = diagnosis.findings.filter((f) => f.plan === plan.id);
      if (own[0] !== undefined) {
        const first = page.locator(`[data-testid=finding][data-plan="${plan.id}"][data-rule="${own[0].rule}"]`).first();
        await first.getByText('Evidence', { exact: true }).click();
        const evidence = first.getByTestId('evidence');
        await evidence.waitFor();
        const figures = Object.entries(own[0].evidence).filter(([, v]) => !(Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))));
        expect(await attrs(evidence.locator('th[title]'), 'title')).toEqual(figures.map(([k]) => k));
      }
      await expectAccessible(page, `leader plan ${plan.id}`);
      await screenshot(page, `leader-plan-${plan.id}`);
    }
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('simulates a plan: a visible running state, P10/P50/P90 equal to POST /api/simulate with the same seed, the histograms and controllability drawn', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulate', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Simulate a plan' }).waitFor();
    const plan = 'se-pod-2026';
    await page.getByLabel('Plan', { exact: true }).selectOption(plan);
    // A wrong field is said in a sentence and nothing runs.
    await page.getByLabel('Trials').fill('0');
    await page.getByRole('button', { name: 'Run the simulation' }).click();
    await page.getByText('Trials must be a whole number from 1 to 10,000.').waitFor();
    expect(await page.getByTestId('simulation').count()).toBe(0);
    await page.getByLabel('Trials').fill('2000');
    await page.getByLabel('Seed').fill('7');
    // Hold the answer back a moment so the running state can be seen.
    await page.route('**/api/simulate', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Run the simulation' }).click();
    await page.getByTestId('running').waitFor();
    expect(await page.getByRole('button', { name: 'Running…' }).isDisabled()).toBe(true);
    await page.getByTestId('simulation').waitFor();
    await page.unroute('**/api/simulate');
    expect(new URL(page.url()).search).toBe(`?plan=${plan}&trials=2000&seed=7`);

    const api = await postJson<SimulateJson>(page, '/api/simulate', { plan, trials: 2000, seed: 7 });
    const amount = (id: string) => page.getByTestId(id).locator('.money').getAttribute('data-amount');
    expect(await amount('cost-mean')).toBe(api.cost.mean);
    expect(await amount('cost-p10')).toBe(api.cost.p10);
    expect(await amount('cost-p50')).toBe(api.cost.p50);
    expect(await amount('cost-p90')).toBe(api.cost.p90);
    const value = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
    expect(await value('ti-p10')).toBe(api.payout_to_ti.p10);
    expect(await value('ti-p50')).toBe(api.payout_to_ti.p50);
    expect(await value('ti-p90')).toBe(api.payout_to_ti.p90);
    expect(await value('controllability')).toBe(api.controllability_index);
    // The cost distribution, payout ÷ TI and controllability per person: drawn, with their numbers.
    await expectChartsDrawn(page, 3);
    expect(await page.getByTestId('cost-histogram').locator('.chart-table tbody tr').count()).toBe(api.histograms.cost.counts.length + 3);
    expect(await page.getByTestId('payout-ti-histogram').locator('.chart-table tbody tr').count()).toBe(api.histograms.payout_to_ti.counts.length + 3);
    expect(await page.getByTestId('controllability-chart').locator('[data-chart=plot] svg rect').count()).toBeGreaterThanOrEqual(api.per_person.length);
    const rows = page.getByTestId('per-person').locator('tbody tr');
    expect(await rows.count()).toBe(api.per_person.length);
    for (const p of api.per_person.slice(0, 5)) {
      expect(await page.locator(`[data-testid=per-person] tr[data-person="${p.person_id}"] .money`).nth(1).getAttribute('data-amount')).toBe(p.mean_payout);
    }
    await expectAccessible(page, 'leader simulate');
    await screenshot(page, 'leader-simulate');

    // An API error is a sentence with a way to try again.
    await page.goto('/simulate?plan=no-such-plan&trials=10&seed=1');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No plan with id "no-such-plan"');
    expect(await page.getByRole('alert').getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('compares two plans side by side: every figure equal to POST /api/compare, the distributions and who gains drawn, the differing diagnostics listed', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compare', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare two plans' }).waitFor();
    const [a, b] = ['se-pod-2026', 'se-territory-2026'];
    await page.getByLabel('Plan A').selectOption(a);
    await page.getByLabel('Plan B').selectOption(a);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText('Pick two different plans: A and B are the same.').waitFor();
    await page.getByLabel('Plan B').selectOption(b);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('comparison').waitFor({ timeout: 30_000 });

    const api = await postJson<CompareJson>(page, '/api/compare', { plans: [a, b], trials: 2000, seed: 1 });
    const side = page.getByTestId('side-by-side');
    for (const [row, pick] of [
      ['target-incentive', (r: SimulateJson) => r.target_incentive],
      ['cost-mean', (r: SimulateJson) => r.cost.mean],
      ['cost-p10', (r: SimulateJson) => r.cost.p10],
      ['cost-p50', (r: SimulateJson) => r.cost.p50],
      ['cost-p90', (r: SimulateJson) => r.cost.p90],
    ] as const) {
      expect(await side.locator(`tr[data-row="${row}"] td[data-plan=a] .money`).getAttribute('data-amount'), row).toBe(pick(api.a));
      expect(await side.locator(`tr[data-row="${row}"] td[data-plan=b] .money`).getAttribute('data-amount'), row).toBe(pick(api.b));
    }
    for (const [row, pick] of [
      ['ti-p50', (r: SimulateJson) => r.payout_to_ti.p50],
      ['controllability', (r: SimulateJson) => r.controllability_index],
      ['people', (r: SimulateJson) => r.people],
    ] as const) {
      expect(Number(await side.locator(`tr[data-row="${row}"] td[data-plan=a]`).getAttribute('data-value')), row).toBe(pick(api.a));
      expect(Number(await side.locator(`tr[data-row="${row}"] td[data-plan=b]`).getAttribute('data-value')), row).toBe(pick(api.b));
    }
    // Who gains and who loses: every person with the API's change.
    const people = page.getByTestId('per-person-delta').locator('tbody tr');
    expect(await people.count()).toBe(api.per_person.length);
    for (const [i, p] of api.per_person.entries()) {
      expect(await people.nth(i).getAttribute('data-person')).toBe(p.person_id);
      expect(await people.nth(i).locator('.money').nth(2).getAttribute('data-amount')).toBe(p.delta);
    }
    await expectChartsDrawn(page, 3);
    expect(await page.getByTestId('only-a').getByTestId('finding').count()).toBe(api.diagnostics.only_a.length);
    expect(await page.getByTestId('only-b').getByTestId('finding').count()).toBe(api.diagnostics.only_b.length);
    expect(api.diagnostics.only_a.length + api.diagnostics.only_b.length).toBeGreaterThan(0);
    await expectAccessible(page, 'leader compare');
    await screenshot(page, 'leader-compare');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('the ladder: both tracks drawn with their grades, the fork at the level it leaves from, a level opens to its detail; lint as GET /api/ladder/lint', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ladder', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Career ladder' }).waitFor();
    const ladder = await getJson<Ladder>(page, '/api/ladder');
    const lint = await getJson<LadderLintJson>(page, '/api/ladder/lint');
    const drawing = page.getByTestId('ladder');
    await drawing.waitFor();
    expect(ladder.tracks.map((t) => t.kind).sort()).toEqual(['ic', 'management']);
    for (const t of ladder.tracks) {
      const track = page.getByRole('region', { name: new RegExp(`^${t.name}`) });
      const levels = track.locator('li[data-level]');
      expect(await attrs(levels, 'data-level')).toEqual(t.levels);
      for (const id of t.levels) {
        const level = ladder.levels.find((l) => l.id === id);
        const li = track.locator(`li[data-level="${id}"]`);
        expect(await li.getByRole('link').textContent()).toContain(level?.title ?? '?');
        expect(await li.textContent()).toContain(level?.grade === null || level === undefined ? 'no grade' : `grade ${level.grade}`);
      }
    }
    // The fork: the management track's marker names the level it forks from, sits on that level's
    // row, and that level says the track starts there; the management levels come after it.
    const management = ladder.tracks.find((t) => t.kind === 'management');
    const forkFrom = management?.fork_from ?? '';
    expect(forkFrom).not.toBe('');
    const fork = page.getByTestId('fork');
    expect(await fork.getAttribute('data-fork-from')).toBe(forkFrom);
    expect(await fork.textContent()).toContain(`Forks from ${forkFrom}`);
    expect(await page.locator(`li[data-level="${forkFrom}"]`).getByTestId('fork-point').textContent()).toContain(`the ${management?.name} track starts here`);
    const forkBox = await fork.boundingBox();
    const fromBox = await page.locator(`li[data-level="${forkFrom}"]`).boundingBox();
    const firstBox = await page.locator(`li[data-level="${management?.levels[0]}"]`).boundingBox();
    expect(forkBox && fromBox && Math.abs(forkBox.y + forkBox.height - (fromBox.y + fromBox.height))).toBeLessThan(4);
    expect(firstBox && fromBox && firstBox.y > fromBox.y + fromBox.height - 1).toBe(true);
    // The lint, as the API gives it.
    await expect.poll(() => page.getByTestId('lint-summary').textContent()).toContain(lint.findings.length === 0 ? 'no findings' : `${lint.findings.length} finding`);
    expect(await page.getByTestId('lint-findings').getByTestId('finding').count()).toBe(lint.findings.length);
    await expectAccessible(page, 'leader ladder');
    await screenshot(page, 'leader-ladder');

    // A level's detail: the fork level, with the three answers.
    await page.locator(`li[data-level="${forkFrom}"]`).getByRole('link').click();
    const level = ladder.levels.find((l) => l.id === forkFrom);
    if (level === undefined) throw new Error('no fork level');
    await page.getByRole('heading', { level: 1, name: `${level.id}: ${level.title}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/ladder/levels/${forkFrom}`);
    expect(await page.getByTestId('new-at-level').locator('li').allTextContents()).toEqual(level.new_at_this_level);
    const rows = page.getByTestId('evaluation').locator('tbody tr');
    expect(await rows.count()).toBe(level.evaluation.length);
    for (const e of level.evaluation) expect(await page.locator(`tr[data-competency="${e.competency}"] td[data-expectation]`).getAttribute('data-expectation')).toBe(String(e.expectation));
    for (const next of level.path_forward?.next ?? []) expect(await page.getByTestId('path-forward').getByRole('link', { name: new RegExp(`^${next} `) }).count()).toBe(1);
    expect(await page.getByTestId('level-fork').textContent()).toContain(management?.name ?? '?');
    expect(await page.getByTestId('promotion').textContent()).toContain(`${level.promotion?.sustained_quarters} quarters`);
    await expectAccessible(page, 'leader ladder level');
    await screenshot(page, 'leader-ladder-level');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('the people report: stuck, tenure promotion, no conversation, the SE-excluding SPIF and compa-ratios as GET /api/reports/people; pay equity in aggregate, no attr_* anywhere', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People report', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'People report' }).waitFor();
    const reply = await page.request.get('/api/reports/people');
    expect(reply.status()).toBe(200);
    const text = await reply.text();
    expect(text).not.toMatch(/attr_/);
    const report = JSON.parse(text) as LeaderReport;
    expect(report.pay_equity).toBeUndefined();

    // The planted cases of the demo org are in the API's answer, and the page shows exactly its lists.
    expect(report.stuck.map((s) => s.person_id)).toEqual(expect.arrayContaining(['se-006', 'se-014']));
    expect(report.tenure_promotions.map((t) => t.person_id)).toContain('se-002');
    expect(report.no_conversation.map((c) => c.person_id)).toContain('se-012');
    const ids = (testId: string) => attrs(page.getByTestId(testId).locator('[data-person]'), 'data-person');
    await page.getByTestId('stuck').waitFor();
    expect(await ids('stuck')).toEqual(report.stuck.map((s) => s.person_id));
    expect(await ids('tenure')).toEqual(report.tenure_promotions.map((t) => t.person_id));
    expect(await ids('no-conversation')).toEqual(report.no_conversation.map((c) => c.person_id));
    for (const s of report.stuck) expect(await page.getByTestId('stuck').locator(`[data-person="${s.person_id}"]`).textContent()).toContain(s.message);
    expect(Number(await page.getByTestId('count-stuck').getAttribute('data-value'))).toBe(report.stuck.length);

    // SE/AE parity: the SPIF that leaves SEs out is flagged, with the API's message.
    const spif = report.parity.find((p) => p.kind === 'spiff' && !p.se.eligible && p.flagged);
    expect(spif).toBeDefined();
    const card = page.getByTestId('parity').locator(`[data-program="${spif?.program}"]`);
    expect(await card.getAttribute('data-flagged')).toBe('true');
    expect(await card.textContent()).toContain('SEs not eligible');
    expect(await card.textContent()).toContain(spif?.message ?? '?');
    expect(await page.getByTestId('parity').locator('[data-program]').count()).toBe(report.parity.length);

    // Compa-ratio against the bands: every person, base and band as the API's decimal strings.
    const compa = page.getByTestId('compa-table').locator('tbody tr');
    expect(await compa.count()).toBe(report.compa_ratio.length);
    for (const c of report.compa_ratio.slice(0, 8)) {
      const row = page.getByTestId('compa-table').locator(`tr[data-person="${c.person_id}"]`);
      expect(await row.getAttribute('data-compa')).toBe(c.compa_ratio === null ? '' : String(c.compa_ratio));
      expect(await row.getAttribute('data-position')).toBe(c.position);
      const amounts = await attrs(row.locator('.money'), 'data-amount');
      expect(amounts).toEqual(c.band === null ? [c.base_salary] : [c.base_salary, c.band.min, c.band.mid, c.band.max]);
    }

    // Pay equity in aggregate: the groups the API shows, the withheld ones only counted; no attr_*.
    const equity = page.getByTestId('pay-equity');
    for (const a of report.pay_equity_aggregate) {
      for (const g of a.groups) expect(await equity.locator(`tr[data-characteristic="${a.characteristic}"][data-group="${g.group}"] td[data-gap]`).nth(1).getAttribute('data-gap')).toBe(g.adjusted_gap === null ? '' : String(g.adjusted_gap));
      expect(await equity.locator(`tr[data-characteristic="${a.characteristic}"][data-group]`).count()).toBe(a.groups.length);
      if (a.groups_withheld > 0) expect(await equity.locator(`tr[data-characteristic="${a.characteristic}"][data-withheld="${a.groups_withheld}"]`).count()).toBe(1);
    }
    expect(report.pay_equity_aggregate.length).toBeGreaterThan(0);
    await expectChartsDrawn(page, 3);
    const html = await page.content();
    expect(html).not.toMatch(/attr_|by_level|median_compa/);
    await expectAccessible(page, 'leader people report');
    await screenshot(page, 'leader-people-report');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('the main leader pages fit 375 px and stay accessible there', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url, { width: 375, height: 800 });
    await signIn(page, 'leader');
    const pages: [string, string, () => Promise<void>][] = [
      ['/plans', 'plans', () => page.getByTestId('finding').first().waitFor()],
      ['/plans/se-territory-2026', 'plan', () => expectChartsDrawn(page, 2)],
      ['/simulate?plan=se-pod-2026&trials=500&seed=1', 'simulate', () => expectChartsDrawn(page, 3)],
      ['/compare?a=se-pod-2026&b=se-territory-2026&trials=500&seed=1', 'compare', () => expectChartsDrawn(page, 3)],
      ['/ladder', 'ladder', () => page.getByTestId('ladder').waitFor()],
      ['/ladder/levels/SE3', 'ladder-level', () => page.getByTestId('evaluation').waitFor()],
      ['/people-report', 'people-report', () => expectChartsDrawn(page, 3)],
    ];
    for (const [path, name, loaded] of pages) {
      await page.goto(path);
      await page.locator('h1#page-title').waitFor();
      await loaded();
      await expectNoOverflow(page, `leader ${name} at 375 px`);
      await expectAccessible(page, `leader ${name} at 375 px`);
      await screenshot(page, `leader-${name}-375`);
    }
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('other roles cannot open the leader pages; a ladder with tenure in disguise shows its lint findings as the API lists them', async () => {
    const member = await newPage(web.browser, web.tandem.url);
    await signIn(member.page, 'member');
    expect(await member.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans', exact: true }).count()).toBe(0);
    await member.page.goto('/people-report');
    await member.page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(member.watch.problems).toEqual([]);
    await member.context.close();

    // An admin imports the same org with a tenure phrase at SE3 (through the API, as the import page does).
    const admin = await newPage(web.browser, web.tandem.url);
    await signIn(admin.page, 'admin');
    const fy = latestCompleteQuarter(new Date(), { startMonth: 1, label: 'end' }).fy;
    const files = orgTexts(generateDemoOrg({ seed: DEMO_DEFAULT_SEED, size: 'standard', fiscalYear: fy }));
    const ladderYaml = files.get('ladder.yaml') ?? '';
    const bullet = '      - Mentors newer SEs through their first technical wins';
    expect(ladderYaml).toContain(bullet);
    files.set('ladder.yaml', ladderYaml.replace(bullet, '      - Has 5+ years in presales and mentors newer SEs through their first technical wins'));
    const { csrf_token } = await getJson<{ csrf_token: string }>(admin.page, '/api/auth/session');
    const imported = await admin.page.request.post('/api/org/import', { data: { files: Object.fromEntries(files), note: 'ladder with tenure in disguise' }, headers: { 'x-csrf-token': csrf_token } });
    expect(imported.status(), await imported.text()).toBe(201);
    await admin.context.close();

    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader', DEMO_PASSWORD);
    await page.goto('/ladder');
    const lint = await getJson<LadderLintJson>(page, '/api/ladder/lint');
    expect(lint.findings.some((f) => f.rule === 'tenure' && f.level === 'SE3')).toBe(true);
    const list = page.getByTestId('lint-findings').getByTestId('finding');
    await expect.poll(() => list.count()).toBe(lint.findings.length);
    const shown = await joined(list, ['data-rule', 'data-level', 'data-severity']);
    expect(sorted(shown)).toEqual(sorted(lint.findings.map((f) => `${f.rule}|${f.level ?? ''}|${f.severity}`)));
    expect(sorted(await page.getByTestId('lint-findings').getByTestId('finding-fix').allTextContents())).toEqual(sorted(lint.findings.map((f) => f.fix)));
    await expectAccessible(page, 'leader ladder with lint findings');
    await screenshot(page, 'leader-ladder-lint');
    await page.goto('/ladder/levels/SE3');
    await expect.poll(() => page.getByTestId('finding').count()).toBe(lint.findings.filter((f) => f.level === 'SE3').length);
    expect(await page.getByTestId('finding').first().getAttribute('data-rule')).toBe('tenure');
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
