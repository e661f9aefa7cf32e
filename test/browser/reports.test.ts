/**
 * Opens each HTML report in Debian's Chromium (headless, through playwright-core; no browser is
 * downloaded), waits for every chart to draw, checks the canvases hold pixels, the key numbers are
 * on the page, nothing is fetched from the network and nothing overflows a 375 px phone screen,
 * and writes full-page screenshots to test-output/screenshots/ for people to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compareHtml, diagnoseHtml, simulateHtml } from '../../src/io/reports/index.js';
import { jsonForScript } from '../../src/io/reports/html-page.js';
import { runCli } from '../support/run-cli.js';
import { sampleComparison, sampleDiagnosis, sampleSimulation } from './sample-reports.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const REPORTS = join(OUTPUT, 'reports');
const SCREENSHOTS = join(OUTPUT, 'screenshots');
const PHONE_WIDTH = 375;
/** Sub-pixel rounding can report one pixel more than the viewport. */
const OVERFLOW_TOLERANCE = 1;

const hasChromium = existsSync(CHROMIUM);
let browser: Browser | undefined;

/**
 * True when the browser tests can run. Without Chromium they fail in CI (a missing browser must
 * not pass silently) and, on a developer machine, print why they did nothing.
 */
function browserReady(): boolean {
  if (hasChromium && browser !== undefined) return true;
  const reason = hasChromium ? 'Chromium did not start' : `Chromium is not installed at ${CHROMIUM}`;
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    throw new Error(`${reason}; CI must install it (apt-get install -y chromium), see .ci/run.`);
  }
  console.warn(`[browser tests] NOT RUN: ${reason}. Install it with: apt-get install -y chromium`);
  return false;
}

beforeAll(async () => {
  if (!hasChromium) return;
  await mkdir(REPORTS, { recursive: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

const CanvasPixels = z.array(
  z.object({ id: z.string(), label: z.string(), role: z.string(), rendered: z.string(), width: z.number(), height: z.number(), painted: z.number(), colors: z.number() }),
);

/** Per canvas: its accessible label, whether it was marked rendered, how many pixels are painted and in how many colours. */
const READ_CANVASES = `Array.from(document.querySelectorAll('canvas')).map(function (canvas) {
  var context = canvas.getContext('2d');
  var data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  var painted = 0;
  var colors = new Set();
  for (var i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0) {
      painted += 1;
      if (colors.size < 64) colors.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
  }
  return { id: canvas.id, label: canvas.getAttribute('aria-label') || '', role: canvas.getAttribute('role') || '',
    rendered: canvas.getAttribute('data-rendered') || '', width: canvas.width, height: canvas.height, painted: painted, colors: colors.size };
})`;

const ALL_RENDERED = `(function () {
  var canvases = Array.from(document.querySelectorAll('canvas'));
  return canvases.length > 0 && canvases.every(function (c) { return c.getAttribute('data-rendered') === 'true'; });
})()`;

const PageFacts = z.object({ scrollWidth: z.number(), clientWidth: z.number(), h1: z.number(), chartError: z.string().nullable(), wideElements: z.array(z.string()) });

const READ_FACTS = `(function () {
  var width = document.documentElement.clientWidth;
  var wide = Array.from(document.querySelectorAll('body *')).filter(function (el) {
    var box = el.getBoundingClientRect();
    return box.right > width + ${OVERFLOW_TOLERANCE} && !el.closest('.table-wrap');
  }).slice(0, 10).map(function (el) { return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : ''); });
  return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, h1: document.querySelectorAll('h1').length,
    chartError: document.body.getAttribute('data-chart-error'), wideElements: wide };
})()`;

interface Opened {
  readonly page: Page;
  readonly text: string;
  readonly requests: readonly string[];
  readonly errors: readonly string[];
  close(): Promise<void>;
}

/** Writes the report, opens it as a file:// URL at `width` and waits until every chart has drawn. */
async function openReport(name: string, html: string, width: number): Promise<Opened> {
  if (browser === undefined) throw new Error('no browser');
  const file = join(REPORTS, `${name}.html`);
  await writeFile(file, html);
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(ALL_RENDERED, undefined, { timeout: 15_000 });
  const text = await page.locator('body').innerText();
  return { page, text, requests, errors, close: () => context.close() };
}

/** The checks every report gets: charts drawn and non-blank and labelled, one h1, no network, no errors, a screenshot. */
async function checkDesktop(name: string, html: string, expectedCharts: number): Promise<Opened> {
  const opened = await openReport(name, html, 1280);
  const canvases = CanvasPixels.parse(await opened.page.evaluate(READ_CANVASES));
  expect(canvases).toHaveLength(expectedCharts);
  for (const canvas of canvases) {
    expect(canvas.rendered, canvas.id).toBe('true');
    expect(canvas.role, canvas.id).toBe('img');
    expect(canvas.label.length, canvas.id).toBeGreaterThan(20);
    expect(canvas.width * canvas.height, canvas.id).toBeGreaterThan(10_000);
    // Axes, labels and data: a drawn chart paints well over 2% of its canvas in several colours.
    expect(canvas.painted / (canvas.width * canvas.height), canvas.id).toBeGreaterThan(0.02);
    expect(canvas.colors, canvas.id).toBeGreaterThanOrEqual(3);
  }
  const facts = PageFacts.parse(await opened.page.evaluate(READ_FACTS));
  expect(facts.h1).toBe(1);
  expect(facts.chartError).toBeNull();
  expect(opened.requests).toEqual([]);
  expect(opened.errors).toEqual([]);
  await opened.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return opened;
}

/** At phone width the page must not scroll sideways (wide tables scroll inside their own box). */
async function checkPhone(name: string, html: string): Promise<void> {
  const opened = await openReport(`${name}-375`, html, PHONE_WIDTH);
  try {
    const facts = PageFacts.parse(await opened.page.evaluate(READ_FACTS));
    expect(facts.wideElements).toEqual([]);
    expect(facts.scrollWidth).toBeLessThanOrEqual(PHONE_WIDTH + OVERFLOW_TOLERANCE);
    await opened.page.screenshot({ path: join(SCREENSHOTS, `${name}-375.png`), fullPage: true });
  } finally {
    await opened.close();
  }
}

/** The report's data as embedded in the page. */
async function embeddedData(page: Page): Promise<unknown> {
  const text: unknown = await page.evaluate(`document.getElementById('report-data').textContent`);
  if (typeof text !== 'string') throw new Error('no #report-data block');
  const data: unknown = JSON.parse(text);
  return data;
}

describe('HTML reports in Chromium', () => {
  it('diagnose: findings by plan with badges, evidence and a severity chart', async () => {
    if (!browserReady()) return;
    const report = sampleDiagnosis();
    const html = diagnoseHtml(report);
    const opened = await checkDesktop('diagnose', html, 1);
    try {
      const { text, page } = opened;
      expect(text).toContain('Plan diagnostics: Acme Cloud (demo), FY2026');
      expect(text).toContain('6 findings');
      for (const heading of ['Plan se-pod-2026', 'Plan se-territory-2026', 'Org-wide programs']) {
        expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1);
      }
      // Every finding's message, why and fix are on the page.
      for (const finding of report.findings) {
        expect(text).toContain(finding.message);
        expect(text).toContain(finding.why);
        expect(text).toContain(finding.fix);
      }
      // Evidence numbers as the rule recorded them, nested rows included.
      for (const figure of ['0.724', '0.276', '2310400.00', 'se-016', '315000.00', '0.0041', '150%+', '42000.00']) expect(text).toContain(figure);
      // Severity totals: 2 high, 2 medium, 1 low, 1 info.
      for (const badge of ['2 HIGH', '2 MEDIUM', '1 LOW', '1 INFO']) expect(text).toContain(badge);
      // The territory plan is flagged for controllability, the SPIF (org-wide) for parity.
      const territory = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Plan se-territory-2026' }) });
      expect(await territory.innerText()).toContain('Controllability');
      const orgWide = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Org-wide programs' }) });
      expect(await orgWide.innerText()).toContain('Big S parity');
      expect(await embeddedData(page)).toEqual(report);
    } finally {
      await opened.close();
    }
    await checkPhone('diagnose', html);
  });

  it('simulate: cost distribution with percentiles, payout ÷ TI, payout curves, per person', async () => {
    if (!browserReady()) return;
    const report = sampleSimulation();
    const html = simulateHtml(report);
    // Cost, payout ÷ TI and one curve per measure (3).
    const opened = await checkDesktop('simulate', html, 5);
    try {
      const { text, page } = opened;
      for (const figure of [
        '1,048,214 USD', // mean 1048213.57
        '931,402 USD', // P10 931402.10
        '1,045,877 USD', // P50
        '1,169,931 USD', // P90 1169930.55
        '4.1%', // cost share of bookings 0.0412
        '0.61×',
        '0.97×',
        '1.33×',
        '13.8%', // below threshold 0.1375
        '6.3%', // at cap 0.0625
        '54.2%', // controllability index 0.5418
        '10,000 trials, seed 42',
        'Pod bookings (bookings)',
        'Technical wins (tech_wins)',
        'se-022',
      ]) {
        expect(text, figure).toContain(figure);
      }
      // The cost chart's legend names the three percentiles (drawn as marker lines).
      const ids = CanvasPixels.parse(await page.evaluate(READ_CANVASES)).map((c) => c.id);
      expect(ids).toEqual(['chart-cost', 'chart-payout-to-ti', 'chart-curve-1', 'chart-curve-2', 'chart-curve-3']);
      const legend: unknown = await page.evaluate(`Chart.getChart('chart-cost').legend.legendItems.map(function (item) { return item.text; })`);
      expect(legend).toEqual(['P10 931,402 USD', 'P50 1,045,877 USD', 'P90 1,169,931 USD', 'Trials']);
      expect(await embeddedData(page)).toEqual(report);
    } finally {
      await opened.close();
    }
    await checkPhone('simulate', html);
  });

  it('compare: both cost distributions, sorted gains and losses, differing diagnostics', async () => {
    if (!browserReady()) return;
    const report = sampleComparison();
    const html = compareHtml(report);
    const opened = await checkDesktop('compare', html, 3);
    try {
      const { text, page } = opened;
      for (const figure of [
        'Comparison: se-pod-2026 vs se-territory-2026',
        '1,048,214 USD', // A mean
        '1,112,480 USD', // B mean
        '+64,266', // 1112480.00 − 1048213.57 = 64266.43
        '+18,770 USD', // largest gain, se-005
        '-17,415 USD', // largest loss, se-010 (−17414.50 rounds half away from zero)
        '54.2%',
        '22.3%',
        '-31.9 pts', // controllability 0.5418 → 0.2231
        'Only plan A (se-pod-2026) has',
        'Only plan B (se-territory-2026) has',
      ]) {
        expect(text, figure).toContain(figure);
      }
      // The gain/loss chart is sorted: largest gain first, largest loss last.
      const labels: unknown = await page.evaluate(`Chart.getChart('chart-per-person').data.labels`);
      const people = z.array(z.string()).parse(labels);
      expect(people).toHaveLength(22);
      expect(people[0]).toBe('se-005');
      expect(people[people.length - 1]).toBe('se-010');
      const values = z.array(z.number()).parse(await page.evaluate(`Chart.getChart('chart-per-person').data.datasets[0].data`));
      expect([...values].sort((x, y) => y - x)).toEqual(values);
      expect(await embeddedData(page)).toEqual(report);
    } finally {
      await opened.close();
    }
    await checkPhone('compare', html);
  });

  it('text from the data cannot end a script element or inject markup', async () => {
    if (!browserReady()) return;
    const hostile = '</script><script>window.injected = true</script><img src=x onerror="window.injected = true">';
    const report = sampleDiagnosis();
    const first = report.findings[0];
    if (first === undefined) throw new Error('sample has findings');
    const html = diagnoseHtml({ ...report, org: `Acme ${hostile}`, findings: [{ ...first, message: hostile, evidence: { [hostile]: hostile } }] });
    expect(html).not.toContain('<script>window.injected');
    const opened = await openReport('diagnose-hostile', html, 1280);
    try {
      expect(await opened.page.evaluate('window.injected === undefined')).toBe(true);
      expect(opened.text).toContain(hostile);
      expect(opened.requests).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe('reports the CLI writes for the demo org', () => {
  it('open in Chromium with every chart drawn, and carry the numbers of the JSON output', async () => {
    if (!browserReady()) return;
    const org = join(await mkdtemp(join(tmpdir(), 'tandem-demo-reports-')), 'org');
    expect((await runCli(['demo', org])).code).toBe(0);
    const run = async (args: string[]): Promise<{ html: string; json: unknown }> => {
      const file = join(REPORTS, `demo-${args[0] ?? ''}.html`);
      const out = await runCli([...args.slice(0, 1), org, ...args.slice(1), '--html', file]);
      expect(out.code, out.stderr).toBe(0);
      const json = await runCli([...args.slice(0, 1), org, ...args.slice(1), '--json']);
      return { html: await readFile(file, 'utf8'), json: JSON.parse(json.stdout) };
    };
    const diagnose = await run(['diagnose']);
    const simulate = await run(['simulate', '--plan', 'se-pod-2026', '--trials', '500']);
    const compare = await run(['compare', '--plan', 'se-pod-2026', '--plan', 'se-territory-2026', '--trials', '300']);
    const pod = z.object({ measures: z.array(z.unknown()) }).parse(simulate.json);
    // Diagnose: the severity chart. Simulate: cost, payout ÷ TI and one curve per measure.
    // Compare: both costs, both payout ÷ TI, gains and losses.
    for (const [name, report, charts] of [
      ['demo-diagnose', diagnose, 1],
      ['demo-simulate', simulate, 2 + pod.measures.length],
      ['demo-compare', compare, 3],
    ] as const) {
      const opened = await checkDesktop(name, report.html, charts);
      try {
        // The page embeds exactly what --json prints.
        expect(await embeddedData(opened.page)).toEqual(report.json);
      } finally {
        await opened.close();
      }
    }
    // Findings the issue names are on the page: the territory plan's controllability, the SPIF's parity.
    const opened = await openReport('demo-diagnose-text', diagnose.html, 1280);
    try {
      const territory = opened.page.locator('section', { has: opened.page.getByRole('heading', { level: 2, name: 'Plan se-territory-2026' }) });
      expect(await territory.innerText()).toContain('Controllability');
      expect(opened.text).toContain('Big S parity');
    } finally {
      await opened.close();
    }
  });
});

describe('the people report the CLI writes for the demo org', () => {
  it('opens in Chromium with its four charts drawn, the planted cases listed and the JSON embedded', async () => {
    if (!browserReady()) return;
    const org = join(await mkdtemp(join(tmpdir(), 'tandem-demo-people-')), 'org');
    expect((await runCli(['demo', org])).code).toBe(0);
    const file = join(REPORTS, 'demo-people.html');
    const out = await runCli(['people', 'report', org, '--as-of', '2026-12-31', '--html', file]);
    expect(out.code, out.stderr).toBe(0);
    const raw: unknown = JSON.parse((await runCli(['people', 'report', org, '--as-of', '2026-12-31', '--json'])).stdout);
    const json = z
      .object({ tenure_promotions: z.array(z.object({ person_id: z.string() })), stuck: z.array(z.object({ person_id: z.string() })), no_conversation: z.array(z.object({ person_id: z.string() })) })
      .parse(raw);
    // Compa-ratio, pay equity, club parity and SPIF parity.
    const opened = await checkDesktop('demo-people', await readFile(file, 'utf8'), 4);
    try {
      expect(await embeddedData(opened.page)).toEqual(raw);
      for (const p of [...json.tenure_promotions, ...json.stuck, ...json.no_conversation]) expect(opened.text).toContain(p.person_id);
      expect(opened.text).toContain('Tenure promotions');
    } finally {
      await opened.close();
    }
    await checkPhone('demo-people', await readFile(file, 'utf8'));
  });
});

describe('reports without data', () => {
  it('render a plain message where a chart or table would be empty', () => {
    const diagnosis = diagnoseHtml({ org: 'Empty Org', year: 2026, plans: ['se-pod-2026'], findings: [] });
    expect(diagnosis).toContain('No findings for this plan.');
    expect(diagnosis).not.toContain('<canvas');
    // No chart: no chart library and no runtime either.
    expect(diagnosis).not.toContain('Chart.js v4');

    const simulation = { ...sampleSimulation(), measures: [], per_person: [], histograms: { cost: { edges: [], counts: [] }, payout_to_ti: { edges: [0], counts: [] } } };
    const page = simulateHtml(simulation);
    expect(page).toContain('The plan has no measures with a payout curve.');
    expect(page).toContain('No one is on this plan.');

    const comparison = compareHtml({ a: simulation, b: simulation, per_person: [], excluded: [], borrowed: [], diagnostics: { only_a: [], only_b: [] } });
    expect(comparison).toContain('No one is on either plan.');
    expect(comparison).not.toContain('chart-per-person');
  });
});

describe('embedded JSON', () => {
  it('escapes <, >, & and the line separators, and reads back unchanged', () => {
    const value = { text: '</script><!-- & \u2028\u2029 -->' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });
});
