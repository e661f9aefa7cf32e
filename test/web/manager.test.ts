/**
 * The manager's journey against a real demo server: /team lists exactly their reports with the
 * API's pay, readiness, stuck and conversation flags; opening a report shows that report's path
 * and pay as the report sees them; someone outside the team, reached by editing the URL, is a
 * not-found page with none of their data. Every figure compared with the API's JSON. Accessible,
 * screenshots of every page, 375 px on the main ones.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { careerSchema, explainSchema, runSchema, statementSchema, teamSchema } from '../../src/server/schemas.js';
import { attrs, browserAvailable, DEMO_PASSWORD, expectAccessible, expectChartsDrawn, expectNoOverflow, json, newPage, screenshot, signIn, useTandem } from './harness.js';

type Team = z.infer<typeof teamSchema>;
type Career = z.infer<typeof careerSchema>;
type Run = z.infer<typeof runSchema>;
type Statement = z.infer<typeof statementSchema>;
type Explain = z.infer<typeof explainSchema>;

const ready = browserAvailable();

describe.runIf(ready)('My team (manager)', () => {
  const web = useTandem();

  it("lists exactly their reports with the API's pay, readiness and flags, and filters them", async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'manager');
    expect(new URL(page.url()).pathname).toBe('/team');
    await page.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    // Theirs is "My team"; "Everyone" is for accounts linked to no person.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Everyone' }).count()).toBe(0);
    const team = await json<Team>(page, '/api/team');
    expect(team.items.length).toBeGreaterThan(0);

    const rows = page.getByTestId('team-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await attrs(rows, 'data-person')).toEqual(team.items.map((i) => i.person_id));
    for (const item of team.items) {
      const row = page.locator(`[data-testid=team-table] tbody tr[data-person="${item.person_id}"]`);
      expect(await row.getByRole('rowheader').getByRole('link').textContent()).toBe(item.name);
      expect(await row.getAttribute('data-stuck')).toBe(String(item.stuck !== null));
      expect(await row.getAttribute('data-conversation-due')).toBe(String(item.conversation.due));
      expect(await row.locator('[data-flag=stuck]').count()).toBe(item.stuck === null ? 0 : 1);
      expect(await row.locator('[data-flag=conversation-due]').count()).toBe(item.conversation.due ? 1 : 0);
      // Pay: the API's decimal strings, per statement of the latest published period.
      const pay = row.getByTestId('team-pay').locator('.money');
      expect(await attrs(pay, 'data-amount')).toEqual((item.statements ?? []).map((s) => s.total));
      expect(await attrs(pay, 'data-currency')).toEqual((item.statements ?? []).map((s) => s.currency));
      const readiness = row.getByTestId('team-readiness').locator('[data-meets]');
      if (item.readiness === null) expect(await readiness.count()).toBe(0);
      else {
        expect(await readiness.getAttribute('data-meets')).toBe(String(item.readiness.meets_minimums));
        if (!item.readiness.meets_minimums) expect(await readiness.getAttribute('data-gaps')).toBe(String(item.readiness.gaps));
      }
    }
    // The demo plants people stuck at Senior (se-006, se-014) and one with no recent path
    // conversation (se-012): those in this team are flagged.
    const ids = new Set(team.items.map((i) => i.person_id));
    for (const id of ['se-006', 'se-014']) if (ids.has(id)) expect(await page.locator(`tr[data-person="${id}"]`).getAttribute('data-stuck')).toBe('true');
    if (ids.has('se-012')) expect(await page.locator('tr[data-person="se-012"]').getAttribute('data-conversation-due')).toBe('true');
    expect(team.items.some((i) => i.stuck !== null)).toBe(true);
    expect(team.items.some((i) => (i.statements ?? []).length > 0)).toBe(true);

    // The counts at a glance, and the filter.
    const stuck = team.items.filter((i) => i.stuck !== null);
    expect((await page.getByTestId('stat-people').locator('.value').textContent())?.trim()).toBe(String(team.items.length));
    expect((await page.getByTestId('stat-stuck').locator('.value').textContent())?.trim()).toBe(String(stuck.length));
    expect((await page.getByTestId('stat-due').locator('.value').textContent())?.trim()).toBe(String(team.items.filter((i) => i.conversation.due).length));
    expect((await page.getByTestId('stat-ready').locator('.value').textContent())?.trim()).toBe(String(team.items.filter((i) => i.readiness?.meets_minimums === true).length));
    await expectAccessible(page, 'my team');
    await screenshot(page, 'team-manager');
    await page.getByLabel('Show').selectOption('stuck');
    await expect.poll(() => attrs(rows, 'data-person')).toEqual(stuck.map((i) => i.person_id));
    await page.getByLabel('Show').selectOption('all');
    await expect.poll(() => rows.count()).toBe(team.items.length);

    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it("opens a report's path and pay as the report sees them", async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'manager');
    const team = await json<Team>(page, '/api/team');
    // The report to open: one with published pay and a next level (se-001, the member, in the demo).
    const report = team.items.find((i) => i.person_id === 'se-001') ?? team.items.find((i) => (i.statements ?? []).length > 0 && i.readiness !== null);
    if (!report) throw new Error('no report with pay and a next level');
    await page.locator(`tr[data-person="${report.person_id}"]`).getByRole('link', { name: report.name }).click();
    await page.getByRole('heading', { level: 1, name: report.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/team/${report.person_id}`);

    // Their path: the same as on their own /path, from the same API.
    const career = await json<Career>(page, `/api/org/people/${report.person_id}/career`);
    await expect.poll(() => page.getByTestId('path-level').getAttribute('data-level')).toBe(career.level);
    expect((await page.getByTestId('path-track').textContent())?.trim()).toBe(career.track?.name);
    expect(await attrs(page.getByTestId('path-next-level'), 'data-level')).toEqual(career.next_levels.map((l) => l.id));
    await expectChartsDrawn(page, 1 + career.next_levels.length);
    expect(await page.getByTestId('path-stuck').count()).toBe(career.stuck === null ? 0 : 1);
    expect(await page.getByTestId('path-conversation-due').count()).toBe(career.conversation.due ? 1 : 0);
    expect(await page.getByTestId('path-conversations').locator('tbody tr').count()).toBe(career.conversations.length);
    // Bands are private in the demo org: the manager sees what the report sees — no band position.
    expect(career.band_position).toBeNull();
    expect(await page.getByTestId('band-position').count()).toBe(0);
    await expectAccessible(page, "a report's path");
    await screenshot(page, 'team-report-path');

    // A level page for them.
    const next = career.next_levels[0];
    if (next) {
      await page.getByRole('link', { name: `Everything ${next.id} expects, competency by competency` }).click();
      await page.getByTestId('level-verdict').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/team/${report.person_id}/levels/${next.id}`);
      const readiness = await json<{ meets_minimums: boolean }>(page, `/api/org/people/${report.person_id}/readiness?level=${next.id}`);
      expect(await page.getByTestId('level-verdict').getAttribute('data-meets')).toBe(String(readiness.meets_minimums));
      await expectAccessible(page, "a report's level page");
      await screenshot(page, 'team-report-level');
    }

    // Their pay: every statement of theirs in the published runs, with the API's totals and lines.
    await page.getByRole('navigation', { name: `${report.name}'s pages` }).getByRole('link', { name: 'Pay' }).click();
    await page.getByRole('heading', { level: 1, name: `${report.name}: pay` }).waitFor();
    const runs = (await json<{ items: Run[] }>(page, '/api/runs?status=published&limit=200')).items;
    const statements: Statement[] = [];
    for (const run of runs.slice(0, 8)) statements.push(...(await json<{ items: Statement[] }>(page, `/api/runs/${run.id}/statements?person_id=${report.person_id}&limit=200`)).items);
    expect(statements.length).toBeGreaterThan(0);
    const cards = page.locator('article[data-statement]');
    await cards.first().waitFor();
    expect(await attrs(cards, 'data-statement')).toEqual(statements.map((s) => String(s.id)));
    for (const s of statements) {
      const card = page.locator(`article[data-statement="${s.id}"]`);
      expect(await card.locator('.report-total').getAttribute('data-amount')).toBe(s.statement.total);
      const lines = card.locator('tbody tr[data-line]');
      expect(await attrs(lines, 'data-line')).toEqual(s.statement.measures.map((m) => m.id));
      expect(await attrs(lines.locator('td:last-child .money'), 'data-amount')).toEqual(s.statement.measures.map((m) => m.payout));
    }
    // The latest published statements on /team are among these.
    for (const s of report.statements ?? []) expect(statements.map((x) => x.id)).toContain(s.statement_id);
    await expectAccessible(page, "a report's pay");
    await screenshot(page, 'team-report-pay');

    // One statement explained in words, as the API explains it.
    const first = statements[0];
    if (!first) throw new Error('no statement');
    await page.locator(`article[data-statement="${first.id}"]`).getByRole('link', { name: 'Explain this statement line by line' }).click();
    const explained = page.getByTestId('statement-explained');
    await explained.waitFor();
    const explain = await json<Explain>(page, `/api/statements/${first.id}/explain?format=text`);
    expect(await explained.textContent()).toBe(explain.text);
    await expectAccessible(page, "a report's statement explained");
    await screenshot(page, 'team-report-statement');

    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('cannot open someone outside the team by editing the URL: not found, none of their data', async () => {
    // Who is outside: someone the leader sees and the manager's team does not hold.
    const leader = await web.browser.newContext({ baseURL: web.tandem.url });
    expect((await leader.request.post('/api/auth/login', { data: { username: 'leader', password: DEMO_PASSWORD } })).status()).toBe(200);
    const everyone = ((await (await leader.request.get('/api/org/people?limit=200')).json()) as { items: { id: string; name: string; role: string }[] }).items;
    await leader.close();

    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'manager');
    const team = await json<Team>(page, '/api/team');
    const session = await json<{ user: { person_id: string } }>(page, '/api/auth/session');
    const outsider = everyone.find((p) => p.role === 'SE' && p.id !== session.user.person_id && !team.items.some((i) => i.person_id === p.id));
    if (!outsider) throw new Error('everyone is in the team');
    for (const path of [`/team/${outsider.id}`, `/team/${outsider.id}/pay`, `/team/${outsider.id}/levels/SE4`]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Not in your team' }).waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(`There is no one with the id "${outsider.id}" in your team.`);
      expect(text).not.toContain(outsider.name);
      expect(await page.locator('[data-testid=path-level], article[data-statement], [data-testid=level-verdict]').count()).toBe(0);
    }
    await expectAccessible(page, 'a report outside the team');
    await screenshot(page, 'team-outsider');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('fits 375 px: the team and a report', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url, { width: 375, height: 800 });
    await signIn(page, 'manager');
    await page.getByTestId('team-table').waitFor();
    await expectNoOverflow(page, 'my team at 375 px');
    await expectAccessible(page, 'my team at 375 px');
    await screenshot(page, 'team-manager-375');
    const team = await json<Team>(page, '/api/team');
    const id = team.items[0]?.person_id ?? '';
    await page.goto(`/team/${id}`);
    await page.getByTestId('path-level').waitFor();
    await page.getByTestId('path-history').waitFor();
    await expectNoOverflow(page, 'a report at 375 px');
    await screenshot(page, 'team-report-path-375');
    await page.goto(`/team/${id}/pay`);
    await page.locator('article[data-statement]').first().waitFor();
    await expectNoOverflow(page, "a report's pay at 375 px");
    await expectAccessible(page, "a report's pay at 375 px");
    await screenshot(page, 'team-report-pay-375');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('an admin (linked to no person) has "Everyone": every employed person as the API lists them, each opening their pages', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Everyone' }).click();
    await page.waitForURL('**/team');
    await page.getByRole('heading', { level: 1, name: 'Everyone' }).waitFor();
    const team = await json<Team>(page, '/api/team');
    expect(team.manager).toBeNull();
    // The demo org's SEs, managers and directors alike: more people than any one manager's team.
    const managers = new Set(team.items.map((i) => i.person_id).filter((id) => id.startsWith('sem-')));
    expect(managers.size).toBeGreaterThan(1);
    const rows = page.getByTestId('team-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await attrs(rows, 'data-person')).toEqual(team.items.map((i) => i.person_id));
    expect((await page.getByTestId('stat-people').locator('.value').textContent())?.trim()).toBe(String(team.items.length));
    const someone = team.items.find((i) => i.person_id === 'se-008');
    expect(someone).toBeDefined();
    await page.locator('tr[data-person="se-008"]').getByRole('link', { name: someone?.name }).click();
    await page.waitForURL('**/team/se-008');
    await page.getByTestId('path-level').waitFor();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Everyone' }).waitFor();
    await expectAccessible(page, 'everyone, as an admin');
    await screenshot(page, 'team-everyone-admin');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('an admin opening a report sees the band position (admins always do), as the API has it', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'admin');
    await page.goto('/team/se-001');
    await page.getByTestId('path-level').waitFor();
    const career = await json<Career>(page, '/api/org/people/se-001/career');
    const band = career.band_position;
    expect(band).not.toBeNull();
    if (band === null) return;
    const shown = page.getByTestId('band-position');
    await shown.waitFor();
    expect(await shown.locator('p .money').first().getAttribute('data-amount')).toBe(band.base_salary);
    if (band.compa_ratio !== null) expect(await shown.locator('[data-compa]').getAttribute('data-compa')).toBe(String(band.compa_ratio));
    if (band.range_penetration !== null) expect(await shown.locator('[data-penetration]').getAttribute('data-penetration')).toBe(String(band.range_penetration));
    await expectChartsDrawn(page, 2 + career.next_levels.length);
    await expectAccessible(page, "a report's path, as an admin");
    await screenshot(page, 'team-report-path-admin');
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
