/**
 * The web app's shell against a real demo server: the sign-in page (accessible, a wrong password
 * read as a sentence, usable at 375 px), each demo role landing on its home page with its own
 * navigation, the API and the app on one origin with the page's security headers, and signing out.
 */
import { describe, expect, it } from 'vitest';
import { browserAvailable, type DemoRole, expectAccessible, expectNoOverflow, newPage, screenshot, signIn, useTandem } from './harness.js';

const ready = browserAvailable();

describe.runIf(ready)('the web app shell', () => {
  const web = useTandem();

  it('serves the app at / with the page security headers, assets cached, unknown assets 404, the API still JSON', async () => {
    const page = await fetch(`${web.tandem.url}/pay`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${web.tandem.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${web.tandem.url}/assets/missing-abc123.js`)).status).toBe(404);
    const api = await fetch(`${web.tandem.url}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('the sign-in page: accessible, a wrong password said in a sentence, fits 375 px', async () => {
    const { context, page, watch } = await newPage(web.browser, web.tandem.url, { width: 375, height: 740 });
    await page.goto('/');
    await expect.poll(() => page.url()).toContain('/login');
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await expectNoOverflow(page, 'sign-in');
    await screenshot(page, 'sign-in-375');
    await page.getByLabel('Username').fill('member');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password.');
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  const HOME: Record<DemoRole, { path: string; nav: string[] }> = {
    member: { path: '/pay', nav: ['My pay'] },
    manager: { path: '/team', nav: ['My pay'] },
    leader: { path: '/plans', nav: ['My pay'] },
    admin: { path: '/admin/runs', nav: [] },
  };

  for (const role of ['member', 'manager', 'leader', 'admin'] as const) {
    it(`${role}: signs in, lands on their home page with their navigation, signs out`, async () => {
      const { context, page, watch } = await newPage(web.browser, web.tandem.url);
      await signIn(page, role);
      expect(new URL(page.url()).pathname).toBe(HOME[role].path);
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const label of HOME[role].nav) await expect.poll(() => nav.getByRole('link', { name: label }).count()).toBe(1);
      if (role === 'admin') expect(await nav.getByRole('link', { name: 'My pay' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
      // The session is gone on the server too.
      expect((await page.request.get('/api/auth/session')).status()).toBe(401);
      expect(watch.problems).toEqual([]);
      await context.close();
    });
  }
});
