/**
 * The web app's browser tests: a real `tandem serve --demo` (its own SQLite file, one process) and
 * Debian's Chromium driven by playwright-core (no browser is ever downloaded). Helpers to sign in
 * as a demo role, scan a page with axe-core, take a screenshot (test-output/web/, not committed),
 * check a 375 px layout, and collect what must never happen on a page: uncaught errors, console
 * errors, requests to other origins.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo';
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/web/', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The demo logins `tandem serve --demo` creates (src/app/main-job.ts). */
export type DemoRole = 'admin' | 'leader' | 'manager' | 'member';

/**
 * True when the browser tests can run. Without Chromium (or without a built web app) they fail in
 * CI — a missing browser must not pass silently — and on a developer machine print why they did nothing.
 */
export function browserAvailable(): boolean {
  const reason = !existsSync(CHROMIUM) ? `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)` : !existsSync(WEB_INDEX) ? 'the web app is not built (npm run build)' : undefined;
  if (reason === undefined) return true;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') throw new Error(`${reason}; CI must provide it, see .ci/run.`);
  console.warn(`[web tests] NOT RUN: ${reason}.`);
  return false;
}

export interface Tandem {
  readonly url: string;
  /** The server's output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `tandem serve --demo` on a fresh SQLite file and a free port. */
export async function startTandem(): Promise<Tandem> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-web-'));
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--demo', '--port', '0', '--workers', '1', '--database', `sqlite:${join(dir, 'tandem.sqlite')}`], {
    env: { ...process.env, LOG_LEVEL: 'warn', TANDEM_DEMO_PASSWORD: DEMO_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running at (http:\/\/\S+) /.exec(out);
      if (m?.[1] !== undefined) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`tandem serve stopped (exit ${code}): ${out}`));
    });
  });
  return {
    url,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A demo server and a browser for the enclosing describe block: both started (at once) before its
 * tests, stopped after them. Read them from the returned holder inside hooks and tests.
 */
export function useTandem(): { readonly tandem: Tandem; readonly browser: Browser } {
  let tandem: Tandem | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [tandem, browser] = await Promise.all([startTandem(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await tandem?.stop();
  });
  return {
    get tandem() {
      if (tandem === undefined) throw new Error('the demo server is not started yet: use it inside a hook or test');
      return tandem;
    },
    get browser() {
      if (browser === undefined) throw new Error('the browser is not launched yet: use it inside a hook or test');
      return browser;
    },
  };
}

/** What went wrong on a page that no test expects: uncaught errors, console errors, foreign requests. */
export interface Watch {
  readonly problems: string[];
}

/**
 * A new browser context and page at `base`, watched. `expectedStatuses` are API answers a test
 * provokes on purpose (e.g. 401 on the sign-in page's session check), which the browser logs as
 * console errors; any other failed response is a problem.
 */
export async function newPage(browser: Browser, base: string, options: { width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const watch: Watch = { problems: [] };
  const origin = new URL(base).origin;
  page.on('pageerror', (e) => watch.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The browser reports every 4xx fetch as a console error; API answers are checked by the tests.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) watch.problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) watch.problems.push(`request to another origin: ${u}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) watch.problems.push(`server error ${r.status()} on ${r.url()}`);
  });
  return { context, page, watch };
}

/** Signs in through the sign-in form and waits for the landing page. */
export async function signIn(page: Page, role: DemoRole, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(role);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
  await page.locator('h1#page-title').waitFor();
}

/** Runs axe-core on the page (WCAG 2 A/AA and best practices); fails on serious or critical violations. */
export async function expectAccessible(page: Page, name: string): Promise<number> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on for the app.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    passes: unknown[];
  }>(`window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`);
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}`);
  expect(bad, `axe on ${name}`).toEqual([]);
  return result.passes.length;
}

/** A full-page screenshot to test-output/web/NAME.png (for people to look at; not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Nothing on the page is wider than the viewport (checked at 375 px). */
export async function expectNoOverflow(page: Page, name: string): Promise<void> {
  const facts = await page.evaluate<{ scrollWidth: number; clientWidth: number; wide: string[] }>(`(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('body *')).filter((el) => {
      if (el.closest('.table-scroll')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1;
    }).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''));
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide };
  })()`);
  // The page must not scroll sideways at all; the elements named help find why (an element that
  // escapes a scrolling table frame widens the page without being listed).
  const overflow = facts.scrollWidth > facts.clientWidth + 1 ? [`the page is ${facts.scrollWidth} px wide in a ${facts.clientWidth} px viewport`, ...facts.wide] : [];
  expect({ page: name, overflow }).toEqual({ page: name, overflow: [] });
}

/** Every chart on the page drawn (an SVG with marks inside each `[data-chart=plot]`). */
export async function expectChartsDrawn(page: Page, atLeast = 1): Promise<void> {
  // A locator wait, not waitForFunction: the page's CSP (no eval) refuses a function given as a string.
  await page.locator('[data-chart=plot] svg').nth(atLeast - 1).waitFor();
  const counts = await page.evaluate<number[]>(`Array.from(document.querySelectorAll('[data-chart=plot]')).map((d) => d.querySelectorAll('svg path, svg rect, svg circle, svg line').length)`);
  expect(counts.length).toBeGreaterThanOrEqual(atLeast);
  for (const n of counts) expect(n).toBeGreaterThan(0);
}

/** GETs `path` with the page's session (the API's own answer to compare the page with); fails unless 200. */
export async function json<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(path);
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return (await r.json()) as T;
}

/** An attribute of every element a locator matches, in page order (null where absent). */
export async function attrs(locator: Locator, name: string): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0, n = await locator.count(); i < n; i++) out.push(await locator.nth(i).getAttribute(name));
  return out;
}
