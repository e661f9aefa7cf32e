// The web app benchmark (part of `npm run bench`): the demo member's My pay page, loaded cold (a new
// browser context: no cache, no storage but the session cookie) in Chromium against `tandem serve
// --demo` on loopback, timed by the page itself — the app sets the performance mark
// `tandem:pay-rendered` once the statement is on the page and every payout curve is drawn; its
// startTime counts from navigation start. Then the built bundle sizes, read from dist/web: the
// initial JavaScript (the entry chunk and everything it imports statically) and each lazy chunk,
// raw and gzipped (node:zlib, level 9). Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startDemoServer } from './serve-demo.js';

const RUNS = Number(process.env.TANDEM_BENCH_WEB_RUNS ?? 9);
const WORKERS = process.env.TANDEM_BENCH_WORKERS;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const MARK = 'tandem:pay-rendered';
const root = join(import.meta.dirname, '..');
const web = join(root, 'dist', 'web');

// ---------------------------------------------------------------- bundle sizes

const assets = join(web, 'assets');
const size = (file) => {
  const bytes = readFileSync(join(assets, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const html = readFileSync(join(web, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]+src="\/assets\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
// Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
const initial = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (initial.has(file)) continue;
  initial.add(file);
  const code = readFileSync(join(assets, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^"'();]*?from\s*|)["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]);
}
const initialFiles = [...initial].sort().map(size);
const sum = (list, key) => list.reduce((a, x) => a + x[key], 0);
const lazy = readdirSync(assets)
  .filter((f) => f.endsWith('.js') && !initial.has(f))
  .map(size)
  .sort((a, b) => b.raw - a.raw || a.file.localeCompare(b.file));
const css = readdirSync(assets)
  .filter((f) => f.endsWith('.css'))
  .map(size);

// ---------------------------------------------------------------- the page, in the browser

const { url, child } = await startDemoServer({ prefix: 'tandem-bench-web-', workers: WORKERS, env: { LOG_LEVEL: process.env.TANDEM_BENCH_LOG_LEVEL ?? 'info', TANDEM_DEMO_PASSWORD: 'demo' } });

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
let result;
try {
  // Signed in once; every measured load starts from a new context holding only the session cookie.
  const signIn = await browser.newContext({ baseURL: url });
  const login = await signIn.request.post('/api/auth/login', { data: { username: 'member', password: 'demo' } });
  if (!login.ok()) throw new Error(`member sign-in failed: ${login.status()} ${await login.text()}`);
  const person = (await login.json()).user.person_id;
  const storageState = await signIn.storageState();
  await signIn.close();

  const load = async () => {
    const context = await browser.newContext({ baseURL: url, storageState, viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/pay');
    // Evaluated through the DevTools protocol (the page's CSP allows no eval): waits for the app's mark.
    const facts = await page.evaluate(
      (mark) =>
        new Promise((resolve, reject) => {
          const done = () => {
            const m = performance.getEntriesByName(mark)[0];
            if (m === undefined) return false;
            const nav = performance.getEntriesByType('navigation')[0];
            const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
            resolve({
              renderedMs: m.startTime,
              responseEndMs: nav?.responseEnd ?? null,
              domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
              scripts: scripts.length,
              scriptBytes: scripts.reduce((a, r) => a + r.encodedBodySize, 0),
              charts: document.querySelectorAll('[data-chart=plot] svg').length,
            });
            return true;
          };
          if (done()) return;
          const observer = new PerformanceObserver(() => {
            if (done()) observer.disconnect();
          });
          observer.observe({ type: 'mark', buffered: true });
          setTimeout(() => reject(new Error(`no ${mark} mark after 15 s`)), 15_000);
        }),
      MARK,
    );
    await context.close();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    if (facts.charts === 0) throw new Error('the page drew no payout curve');
    return facts;
  };

  // One load first, unmeasured: the server's first answers fill its per-generation caches.
  await load();
  const loadBefore = loadavg()[0];
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await load());
  const times = loads.map((l) => l.renderedMs).sort((a, b) => a - b);
  result = {
    member: person,
    runs: RUNS,
    // The machine's 1-minute load average around the measured loads (other work competing for the CPU).
    loadAverage: [loadBefore, loadavg()[0]].map((x) => Math.round(x * 10) / 10),
    cores: cpus().length,
    renderedMedianMs: times[Math.floor(times.length / 2)],
    renderedWorstMs: times[times.length - 1],
    renderedBestMs: times[0],
    responseEndMedianMs: loads.map((l) => l.responseEndMs).sort((a, b) => a - b)[Math.floor(RUNS / 2)],
    charts: loads[0].charts,
    payScripts: loads[0].scripts,
    payScriptBytes: loads[0].scriptBytes,
    initial: { raw: sum(initialFiles, 'raw'), gzip: sum(initialFiles, 'gzip'), files: initialFiles },
    lazy,
    css,
  };
} finally {
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
}
console.log(JSON.stringify(result));
