/**
 * `tandem diagnose` end to end on a small org: SEs se-1..se-3 paid 80% on territory t1's bookings
 * (2× above quota, no customer-outcome measure, no clawback) and 20% on technical wins; an AE plan;
 * an AE-only SPIF on deals SEs worked. Numbers as in controllability.test.ts: the median SE has
 * 0.64 of their variable outside their reach.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnoseJson } from '../../src/core/diagnostics/report.js';
import { runCli } from '../support/run-cli.js';
import { csv, yaml } from './helpers.js';

function writeOrg(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-diagnose-'));
  mkdirSync(join(dir, 'plans'));
  const files: Record<string, string> = {
    'org.yaml': yaml('name: Reach Co', 'currency: USD'),
    'people.csv': csv(
      'id,role,team,territory,base_salary,target_incentive,plan',
      'ae-1,AE,pod-1,t1,100000,100000,ae-2026',
      'ae-2,AE,pod-1,t1,100000,100000,ae-2026',
      'se-1,SE,pod-1,t1,100000,25000,se-2026',
      'se-2,SE,pod-1,t1,100000,25000,se-2026',
      'se-3,SE,pod-1,t1,100000,25000,se-2026',
    ),
    'deals.csv': csv(
      'id,owner_id,amount,stage,close_date,territory,technical_win',
      'd1,ae-1,100000,closed_won,2026-02-10,t1,true',
      'd2,ae-2,300000,closed_won,2026-05-10,t1,true',
      'd3,ae-2,100000,closed_won,2026-08-10,t1,true',
    ),
    'deal_team.csv': csv('deal_id,person_id', 'd1,se-1', 'd2,se-2', 'd3,se-3'),
    'quotas.csv': csv('person_id,team,measure,period,target', ',pod-1,bookings,2026,1000000', ',pod-1,tech_wins,2026,2', 'ae-1,,bookings,2026,250000', 'ae-2,,bookings,2026,250000'),
    'plans/se.yaml': yaml(
      'id: se-2026',
      'name: SE territory',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: bookings, weight: 0.8, metric: bookings, credit: territory, tiers: [{ to: 1, rate: 1 }, { rate: 2 }] }',
      '  - { id: tech_wins, weight: 0.2, metric: technical_wins, credit: overlay }',
    ),
    'plans/ae.yaml': yaml(
      'id: ae-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: owner }',
      'clawback: { within_days: 90 }',
    ),
    'spiffs.yaml': yaml('- id: launch', '  period: 2026-Q1', '  roles: [AE]', '  deals: { stage: closed_won }', '  award: { per_deal: 1000 }'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('tandem diagnose', () => {
  it('prints the findings as JSON (the public contract)', async () => {
    const out = await runCli(['diagnose', writeOrg(), '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as DiagnoseJson;
    // The latest fiscal year with statements; every plan in effect in it.
    expect([json.org, json.year, json.plans]).toEqual(['Reach Co', 2026, ['ae-2026', 'se-2026']]);
    for (const f of json.findings) expect(Object.keys(f).sort()).toEqual(f.measure === undefined ? ['evidence', 'fix', 'message', 'plan', 'rule', 'severity', 'why'] : ['evidence', 'fix', 'measure', 'message', 'plan', 'rule', 'severity', 'why']);
    const se = json.findings.filter((f) => f.plan === 'se-2026').map((f) => [f.rule, f.severity, f.measure ?? null]);
    expect(se).toContainEqual(['controllability', 'high', 'bookings']);
    // All variable is not on bookings (0.8), but rate 2 is steep, there is no mbo and no clawback: 3 signals.
    expect(se).toContainEqual(['short-term-pressure', 'high', null]);
    const controllability = json.findings.find((f) => f.rule === 'controllability');
    expect(controllability?.evidence.outside_share).toEqual({ min: 0.32, median: 0.64, max: 0.64 });
    // launch pays the owner of each deal won in 2026-Q1: only d1 (ae-1, 1000.00), which se-1 worked.
    const spiff = json.findings.find((f) => f.rule === 'parity');
    expect(spiff).toMatchObject({ plan: null, severity: 'high', evidence: { spiff: 'launch', deals_with_se: 1, ae_award_total: { USD: '1000.00' }, ses_left_out: ['se-1'] } });
  });

  it('prints tidy text grouped by plan, and takes --plan and --year', async () => {
    const dir = writeOrg();
    const text = await runCli(['diagnose', dir, '--plan', 'se-2026', '--year', '2026']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Reach Co — plan diagnostics, fiscal year 2026');
    expect(text.stdout).toContain('== se-2026 — SE territory ==');
    expect(text.stdout).toMatch(/\d\. HIGH controllability \(bookings\)/);
    expect(text.stdout).toContain('why: Pay tied to territory results');
    expect(text.stdout).toContain('== org-wide');
    expect(text.stdout).not.toContain('== ae-2026');
    const json = JSON.parse((await runCli(['diagnose', dir, '--plan', 'se-2026', '--json'])).stdout) as DiagnoseJson;
    expect(json.plans).toEqual(['se-2026']);
    expect(new Set(json.findings.map((f) => f.plan))).toEqual(new Set(['se-2026', null]));
  });

  it('rejects an unknown plan and a malformed year (exit 1)', async () => {
    const dir = writeOrg();
    const plan = await runCli(['diagnose', dir, '--plan', 'nope']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('--plan "nope" is not a plan id in plans/ (plans: ae-2026, se-2026)');
    const year = await runCli(['diagnose', dir, '--year', '26']);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('--year "26" is not a fiscal year');
    const later = await runCli(['diagnose', dir, '--plan', 'se-2026', '--year', '2027']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('plan "se-2026" is not in effect in fiscal year 2027');
  });
});
