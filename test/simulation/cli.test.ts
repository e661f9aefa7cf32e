/**
 * `tandem simulate` and `tandem compare` end to end on the standard demo org: the JSON contracts
 * (docs/simulation.md), determinism for a seed, the HTML reports written to disk, clear errors, and
 * the same report whether the trials run in worker threads or not.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Session from '../../src/app/org-session.js';
import type * as Simulate from '../../src/app/simulate.js';
import type { CompareJson, SimulateJson } from '../../src/core/simulation/types.js';
import { runCli } from '../support/run-cli.js';

let org = '';
beforeAll(async () => {
  org = join(mkdtempSync(join(tmpdir(), 'tandem-sim-cli-')), 'org');
  expect((await runCli(['demo', org])).code).toBe(0);
});

const MONEY = /^-?\d+\.\d{2}$/;
const cents = (s: string) => {
  expect(s).toMatch(MONEY);
  return BigInt(s.replace('.', ''));
};

describe('tandem simulate', () => {
  it('prints the public JSON contract, the same for the same seed', async () => {
    const args = ['simulate', org, '--plan', 'se-pod-2026', '--trials', '600', '--seed', '7', '--json'];
    const out = await runCli(args);
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as SimulateJson;
    expect(r).toMatchObject({ plan: 'se-pod-2026', trials: 600, seed: 7, year: 2026, currency: 'USD' });
    for (const key of ['cost_share_of_bookings', 'share_below_threshold', 'share_at_cap', 'controllability_index'] as const) {
      expect(r[key]).toBeGreaterThanOrEqual(0);
      expect(r[key]).toBeLessThanOrEqual(1);
    }
    const [mean, p10, p50, p90] = [r.cost.mean, r.cost.p10, r.cost.p50, r.cost.p90].map(cents) as [bigint, bigint, bigint, bigint];
    expect(p10 <= p50 && p50 <= p90 && p10 < mean && mean < p90).toBe(true);
    expect(r.payout_to_ti.p10).toBeLessThanOrEqual(r.payout_to_ti.p50);
    expect(r.payout_to_ti.p50).toBeLessThanOrEqual(r.payout_to_ti.p90);
    // Every SE on the plan, each with a payout spread and a controllability in [0, 1].
    expect(r.per_person).toHaveLength(r.people);
    for (const p of r.per_person) {
      expect(cents(p.p10_payout) <= cents(p.mean_payout) || cents(p.p90_payout) === cents(p.p10_payout)).toBe(true);
      expect(p.controllability).toBeGreaterThanOrEqual(0);
      expect(p.controllability).toBeLessThanOrEqual(1);
    }
    // The histogram of cost counts every trial once.
    expect(r.histograms.cost.counts.reduce((a, b) => a + b, 0)).toBe(600);
    expect((await runCli(args)).stdout).toBe(out.stdout);
    const other = JSON.parse((await runCli(['simulate', org, '--plan', 'se-pod-2026', '--trials', '600', '--seed', '8', '--json'])).stdout) as SimulateJson;
    expect(other.cost.mean).not.toBe(r.cost.mean);
  });

  it('prints tidy tables and writes a self-contained HTML report', async () => {
    const html = join(mkdtempSync(join(tmpdir(), 'tandem-sim-html-')), 'sim.html');
    const out = await runCli(['simulate', org, '--plan', 'se-territory-2026', '--trials', '300', '--html', html]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Plan se-territory-2026, fiscal year 2026: 300 trials, seed 1');
    expect(out.stdout).toMatch(/plan cost \(USD\)\s+\d+\.\d\d\s+\d+\.\d\d/);
    expect(out.stdout).toContain('controllability index');
    expect(out.stderr).toContain(`wrote ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<canvas');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('rejects an unknown plan, a bad trial count and a missing plan (exit 1)', async () => {
    const unknown = await runCli(['simulate', org, '--plan', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nope');
    const trials = await runCli(['simulate', org, '--plan', 'se-pod-2026', '--trials', '0']);
    expect(trials.code).toBe(1);
    expect(trials.stderr).toContain('--trials');
    expect((await runCli(['simulate', org])).code).toBe(1);
  });
});

describe('tandem compare', () => {
  it('prints both simulations, per-person changes that add up, and the diagnostics that differ', async () => {
    const out = await runCli(['compare', org, '--plan', 'se-pod-2026', '--plan', 'se-territory-2026', '--trials', '400', '--json']);
    expect(out.code).toBe(0);
    const c = JSON.parse(out.stdout) as CompareJson;
    expect([c.a.plan, c.b.plan, c.a.trials, c.b.seed]).toEqual(['se-pod-2026', 'se-territory-2026', 400, 1]);
    // Everyone on either plan is simulated under both (the demo's 22 SEs: 15 on pod, 7 on territory).
    expect(c.a.people).toBe(c.b.people);
    expect(c.per_person).toHaveLength(c.a.people);
    for (const p of c.per_person) expect(cents(p.delta)).toBe(cents(p.b_mean) - cents(p.a_mean));
    // People moved onto a plan borrow a peer's quota; nobody is left out.
    expect(c.borrowed.length).toBeGreaterThan(0);
    expect(c.excluded).toEqual([]);
    // The territory plan is flagged for controllability and the pod plan is not.
    expect(c.diagnostics.only_b.map((f) => f.rule)).toContain('controllability');
    expect(c.diagnostics.only_a.map((f) => f.rule)).not.toContain('controllability');
    // Territory credit leaves less of each SE's pay to their own deals.
    expect(c.b.controllability_index).toBeLessThan(c.a.controllability_index);
  });

  it('needs exactly two plans', async () => {
    const one = await runCli(['compare', org, '--plan', 'se-pod-2026']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('give exactly two plans');
  });
});

describe('worker threads', () => {
  it('give the same report as one thread', async () => {
    // The compiled build (npm test builds first): workers load dist/app/simulate-worker.js.
    const dist = new URL('../../dist/app/', import.meta.url).href;
    const { calculateOrg } = (await import(`${dist}org-session.js`)) as typeof Session;
    const { simulatePlan } = (await import(`${dist}simulate.js`)) as typeof Simulate;
    const calc = await calculateOrg(org);
    const options = { planId: 'se-pod-2026', trials: 1300, seed: 3 };
    const [one, two] = await Promise.all([simulatePlan(calc, { ...options, workers: 0 }), simulatePlan(calc, { ...options, workers: 2 })]);
    expect(two.report).toEqual(one.report);
  });

  it('offThread runs even a small simulation off the calling thread (as the server asks), with the same report', async () => {
    const dist = new URL('../../dist/app/', import.meta.url).href;
    const { calculateOrg } = (await import(`${dist}org-session.js`)) as typeof Session;
    const { simulatePlan } = (await import(`${dist}simulate.js`)) as typeof Simulate;
    const calc = await calculateOrg(org);
    const options = { planId: 'se-pod-2026', trials: 300, seed: 5 };
    // Inline, the trials run before simulatePlan even returns its promise: progress is reported at once.
    let inlineCalls = 0;
    const inline = simulatePlan(calc, { ...options, onProgress: () => inlineCalls++ });
    expect(inlineCalls).toBeGreaterThan(0);
    // Off the thread, nothing has run yet when the call returns: the work waits for a worker's messages.
    let threadCalls = 0;
    const threaded = simulatePlan(calc, { ...options, offThread: true, onProgress: () => threadCalls++ });
    expect(threadCalls).toBe(0);
    expect((await threaded).report).toEqual((await inline).report);
    expect(threadCalls).toBeGreaterThan(0);
  });
});
