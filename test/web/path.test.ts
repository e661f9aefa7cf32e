/**
 * The member's "My path" journey against a real demo server: their level and track, the next
 * levels with what each expects, their readiness gaps, their evidence charted against every
 * minimum, their path conversations, and the band position only where it may be shown — every
 * figure compared with the API's JSON, never with values copied from the app. Accessible, fits
 * 375 px, and an API error is said in a sentence with a way to try again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ReadinessJson } from '../../src/core/ladder/person-reports.js';
import type { careerSchema, ladderSchema } from '../../src/server/schemas.js';
import { generateDemoOrg, DEMO_DEFAULT_SEED } from '../../src/core/demo/generate-demo-org.js';
import { orgTexts } from '../../src/io/write-org-files.js';
import { attrs, browserAvailable, DEMO_PASSWORD, expectAccessible, expectChartsDrawn, expectNoOverflow, json, newPage, screenshot, signIn, useTandem } from './harness.js';

type Career = z.infer<typeof careerSchema>;
type Ladder = z.infer<typeof ladderSchema>;
interface Evidence {
  minimums: { level: string; competencies: { name: string; evidence: { type: string; found: string; required: string; met: boolean; assessable: boolean }[] }[] }[];
}

const ready = browserAvailable();

/** The rows of a chart's "Show the numbers" table, as text. */
async function chartRows(page: Page, testId: string): Promise<string[][]> {
  const figure = page.getByTestId(testId);
  await figure.getByText('Show the numbers').click();
  const rows = figure.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) out.push((await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim()));
  return out;
}

describe.runIf(ready)('My path (member)', () => {
  const web = useTandem();

  it('shows their level and track, each next level with what it expects, their gaps, evidence charts and conversations, as the API has them', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My path' }).click();
    await page.getByRole('heading', { level: 1, name: 'My path' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/path');

    const session = await json<{ user: { person_id: string } }>(page, '/api/auth/session');
    const me = session.user.person_id;
    expect(me).toBe('se-001');
    const career = await json<Career>(page, `/api/org/people/${me}/career`);
    const ladder = await json<Ladder>(page, '/api/ladder');
    const evidence = await json<Evidence>(page, `/api/org/people/${me}/evidence`);
    expect(career.on_ladder).toBe(true);
    expect(career.next_levels.length).toBeGreaterThan(0);

    // Level and track.
    const level = page.getByTestId('path-level');
    await expect.poll(() => level.getAttribute('data-level')).toBe(career.level);
    expect(await level.textContent()).toContain(career.level_title ?? career.level);
    expect((await page.getByTestId('path-track').textContent())?.trim()).toBe(career.track?.name);

    // The next levels: which, what is new at each, readiness gaps.
    const next = page.getByTestId('path-next-level');
    expect(await attrs(next, 'data-level')).toEqual(career.next_levels.map((l) => l.id));
    for (const n of career.next_levels) {
      const article = page.locator(`[data-testid=path-next-level][data-level="${n.id}"]`);
      expect(await article.getByRole('heading', { level: 3 }).textContent()).toContain(n.title);
      const expected = ladder.levels.find((l) => l.id === n.id)?.new_at_this_level ?? [];
      expect(expected.length).toBeGreaterThan(0);
      expect((await article.getByTestId('path-new-at-level').locator('li').allTextContents()).map((t) => t.trim())).toEqual(expected);

      const readiness = await json<ReadinessJson>(page, `/api/org/people/${me}/readiness?level=${n.id}`);
      const verdict = article.getByTestId('readiness-verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-meets')).toBe(String(readiness.meets_minimums));
      const gaps = article.getByRole('list', { name: `Gaps for ${n.id}` }).locator('li');
      expect(await attrs(gaps, 'data-competency')).toEqual(readiness.gaps.map((g) => g.competency));
      for (const [i, g] of readiness.gaps.entries()) {
        const text = (await gaps.nth(i).textContent()) ?? '';
        expect(text).toContain(g.name);
        if (!g.rating_met && g.rating !== null) expect(text).toContain(`rated ${g.rating}, the minimum is ${g.expected}`);
        for (const e of g.evidence.filter((x) => !x.met)) expect(text).toContain(`${e.found} of ${e.required}`);
      }
    }

    // Evidence against every minimum: one chart per level (theirs and each next), each drawn, its
    // numbers the evidence report's.
    await expectChartsDrawn(page, 1 + career.next_levels.length);
    for (const m of evidence.minimums) {
      const rows = await chartRows(page, `evidence-${m.level}`);
      const expected = m.competencies.flatMap((c) => c.evidence.map((e) => [c.name, e.type.replace(/_/g, ' '), e.found, e.required, e.assessable ? (e.met ? 'met' : 'gap') : 'no data']));
      expect(expected.length).toBeGreaterThan(0);
      expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[5]])).toEqual(expected);
    }

    // Flags, conversations and level history as the career API has them.
    expect(await page.getByTestId('path-stuck').count()).toBe(career.stuck === null ? 0 : 1);
    expect(await page.getByTestId('path-conversation-due').count()).toBe(career.conversation.due ? 1 : 0);
    const conversations = page.getByTestId('path-conversations');
    if (career.conversations.length === 0) await conversations.getByText('No path conversation is recorded yet.').waitFor();
    else expect(await attrs(conversations.locator('tbody tr'), 'data-date')).toEqual(career.conversations.map((c) => c.date));
    expect(await page.getByTestId('path-history').locator('tbody tr').count()).toBe(career.level_history.length);

    // The demo org keeps bands private: a member sees no band position, and is told why.
    expect(career.bands_shared).toBe(false);
    expect(career.band_position).toBeNull();
    expect(await page.getByTestId('band-position').count()).toBe(0);
    await page.getByTestId('band-private').waitFor();

    await expectAccessible(page, 'my path');
    await screenshot(page, 'path-member');

    // A next level's page: the three answers, with their own ratings and evidence beside each minimum.
    const target = career.next_levels[0];
    if (!target) throw new Error('no next level');
    await page.getByRole('link', { name: `Everything ${target.id} expects, competency by competency` }).click();
    await page.getByRole('heading', { level: 1, name: `What ${target.id} expects` }).waitFor();
    const level2 = ladder.levels.find((l) => l.id === target.id);
    const readiness = await json<ReadinessJson>(page, `/api/org/people/${me}/readiness?level=${target.id}`);
    await expect.poll(() => page.getByTestId('level-verdict').getAttribute('data-meets')).toBe(String(readiness.meets_minimums));
    const rows = page.getByTestId('level-evaluation').locator('tbody tr');
    expect(await attrs(rows, 'data-competency')).toEqual(level2?.evaluation.map((e) => e.competency));
    for (const c of readiness.competencies) {
      const row = page.locator(`[data-testid=level-evaluation] tbody tr[data-competency="${c.competency}"]`);
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toBe(String(c.expected));
      expect(cells[1]).toContain(c.rating === null ? 'none yet' : String(c.rating));
      for (const e of c.evidence) expect(cells[2]).toContain(`${e.found} of ${e.required}`);
      expect(cells[3]).toBe(c.met ? 'met' : 'gap');
    }
    expect((await page.getByTestId('level-new').locator('li').allTextContents()).map((t) => t.trim())).toEqual(level2?.new_at_this_level);
    await expectAccessible(page, 'a level, as the member sees it');
    await screenshot(page, 'path-level-member');

    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('fits 375 px: the path and a level page', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url, { width: 375, height: 800 });
    await signIn(page, 'member');
    await page.goto('/path');
    await page.getByRole('heading', { level: 1, name: 'My path' }).waitFor();
    const career = await json<Career>(page, '/api/org/people/se-001/career');
    await expectChartsDrawn(page, 1 + career.next_levels.length);
    await page.getByTestId('path-history').waitFor();
    await expectNoOverflow(page, 'my path at 375 px');
    await expectAccessible(page, 'my path at 375 px');
    await screenshot(page, 'path-member-375');
    await page.goto(`/path/levels/${career.next_levels[0]?.id ?? ''}`);
    await page.getByTestId('level-verdict').waitFor();
    await expectNoOverflow(page, 'a level at 375 px');
    await screenshot(page, 'path-level-member-375');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('a leader sees where their own pay sits in the band (leaders always do), as the API has it', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'leader');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My path' }).click();
    await page.getByRole('heading', { level: 1, name: 'My path' }).waitFor();
    const session = await json<{ user: { person_id: string } }>(page, '/api/auth/session');
    const career = await json<Career>(page, `/api/org/people/${session.user.person_id}/career`);
    const band = career.band_position;
    expect(band).not.toBeNull();
    if (band === null) return;
    const shown = page.getByTestId('band-position');
    await shown.waitFor();
    expect(await shown.locator('p .money').first().getAttribute('data-amount')).toBe(band.base_salary);
    if (band.compa_ratio !== null) expect(await shown.locator('[data-compa]').getAttribute('data-compa')).toBe(String(band.compa_ratio));
    if (band.band !== null) {
      await expectChartsDrawn(page, 1);
      const rows = await chartRows(page, 'band-chart');
      const amounts = await attrs(page.getByTestId('band-chart').locator('tbody .money'), 'data-amount');
      expect(amounts).toEqual([band.band.min, band.band.mid, band.band.max, band.base_salary]);
      expect(rows).toHaveLength(1);
    }
    expect(await page.getByTestId('band-private').count()).toBe(0);
    await expectAccessible(page, 'my path, a leader with a band position');
    await screenshot(page, 'path-leader-band');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('says an API error in a sentence, and tries again', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    let fail = true;
    await page.route('**/api/org/people/se-001/career', async (route) => {
      if (!fail) return route.continue();
      await route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', message: 'there is no person "se-001" you may see', details: null } }) });
    });
    await page.goto('/path');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('There is no person "se-001" you may see. It may have been removed, or it is not yours to see.');
    await expectAccessible(page, 'my path, an error');
    await screenshot(page, 'path-member-error');
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('path-level').waitFor();
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  // Last: it imports a new org version (the same demo org, sharing bands).
  it('once the org shares bands (ladder.yaml share_bands: true), the member sees where their pay sits, as the API has it', async () => {
    const admin = await web.browser.newContext({ baseURL: web.tandem.url });
    const login = await admin.request.post('/api/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
    const org = (await (await admin.request.get('/api/org')).json()) as { version: { note: string } };
    const fy = Number(/fiscal year (\d{4})/.exec(org.version.note)?.[1]);
    expect(fy).toBeGreaterThan(2000);
    const files = orgTexts(generateDemoOrg({ seed: DEMO_DEFAULT_SEED, size: 'standard', fiscalYear: fy }));
    const shared = Object.fromEntries([...files].map(([name, text]) => [name, name === 'ladder.yaml' ? `share_bands: true\n${text}` : text]));
    const imported = await admin.request.post('/api/org/import', { data: { files: shared, note: 'share bands' }, headers: { 'x-csrf-token': csrf } });
    expect(imported.status(), await imported.text()).toBe(201);
    await admin.close();

    const { context, page, watch } = await newPage(web.browser, web.tandem.url);
    await signIn(page, 'member');
    await page.goto('/path');
    const career = await json<Career>(page, '/api/org/people/se-001/career');
    expect(career.bands_shared).toBe(true);
    const band = career.band_position;
    expect(band?.band).not.toBeNull();
    if (band === null || band.band === null) return;
    const shown = page.getByTestId('band-position');
    await shown.waitFor();
    expect(await shown.locator('p .money').first().getAttribute('data-amount')).toBe(band.base_salary);
    if (band.compa_ratio !== null) expect(await shown.locator('[data-compa]').getAttribute('data-compa')).toBe(String(band.compa_ratio));
    if (band.range_penetration !== null) expect(await shown.locator('[data-penetration]').getAttribute('data-penetration')).toBe(String(band.range_penetration));
    await expectChartsDrawn(page, 2 + career.next_levels.length);
    expect(await attrs(page.getByTestId('band-chart').locator('tbody .money'), 'data-amount')).toEqual([band.band.min, band.band.mid, band.band.max, band.base_salary]);
    expect(await page.getByTestId('band-private').count()).toBe(0);
    expect(await page.getByTestId('band-role-only').count()).toBe(0);
    await expectAccessible(page, 'my path with bands shared');
    await screenshot(page, 'path-member-bands-shared');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

});
