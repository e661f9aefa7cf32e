/**
 * The commands end to end on a small org whose numbers are worked out by hand below.
 *
 * ae-1, ae-2 (AE, TI 40000/yr) and se-1 (SE, TI 20000/yr) share pod "pod-a". Quarterly plans:
 * AEs on owner bookings, the SE on pod bookings; tiers 1.0 up to 100% then 2.0 above.
 * Quotas for 2026: ae-1 400000, ae-2 400000, se-1 800000 (a quarter: 100000, 100000, 200000).
 * Deals won: d1 ae-1 60000 (2026-02-10), d2 ae-2 500000 (2026-05-05), d3 ae-1 380000 (2026-08-01).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

function writeOrg(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
  mkdirSync(join(dir, 'plans'));
  const files: Record<string, string> = {
    'org.yaml': 'name: Tiny Co\ncurrency: USD\n',
    'people.csv': 'id,name,role,team,target_incentive\nae-1,Ana,AE,pod-a,40000\nae-2,Ben,AE,pod-a,40000\nse-1,Cy,SE,pod-a,20000\n',
    'deals.csv': 'id,owner_id,amount,stage,close_date\nd1,ae-1,60000,closed_won,2026-02-10\nd2,ae-2,500000,closed_won,2026-05-05\nd3,ae-1,380000,closed_won,2026-08-01\n',
    'quotas.csv': 'person_id,measure,period,target\nae-1,bookings,2026,400000\nae-2,bookings,2026,400000\nse-1,bookings,2026,800000\n',
    'plans/ae.yaml': [
      'id: ae-2026',
      'applies_to: { role: AE }',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: quarter',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: owner, tiers: [{ to: 1.0, rate: 1 }, { rate: 2 }] }',
      '',
    ].join('\n'),
    'plans/se.yaml': [
      'id: se-2026',
      'applies_to: { role: SE }',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: quarter',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: pod, tiers: [{ to: 1.0, rate: 1 }, { rate: 2 }] }',
      '',
    ].join('\n'),
    'recognition.yaml': [
      '- id: club',
      '  name: President\'s Club 2026',
      '  year: 2026',
      '  criteria:',
      '    - { roles: [AE], measure: bookings, attainment_at_least: 1.0 }',
      '    - { roles: [SE], measure: bookings, attainment_at_least: 1.0 }',
      '  seats: 2',
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('tandem whatif', () => {
  it("shows the deal's marginal value", async () => {
    // ae-1, 2026-Q1: TI 40000 / 4 = 10000; quota 100000.
    // Before: 60000 / 100000 = 0.6 → factor 0.6 → 10000 × 0.6 = 6000.00.
    // With a 50000 deal: 110000 / 100000 = 1.1 → factor 1 × 1.0 + 2 × 0.1 = 1.2 → 12000.00.
    // Marginal value: 12000.00 − 6000.00 = 6000.00.
    const dir = writeOrg();
    const out = await runCli(['whatif', dir, '--period', '2026-Q1', '--person', 'ae-1', '--deal', 'amount=50000,close_date=2026-03-15', '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { marginal: string; before: { total: string }[]; after: { total: string; measures: { attainment: string }[] }[] };
    expect(json.before[0]?.total).toBe('6000.00');
    expect(json.after[0]?.total).toBe('12000.00');
    expect(json.after[0]?.measures[0]?.attainment).toBe('1.1');
    expect(json.marginal).toBe('6000.00');
    const text = await runCli(['whatif', dir, '--period', '2026-Q1', '--person', 'ae-1', '--deal', 'amount=50000,close_date=2026-03-15']);
    expect(text.stdout).toContain('Marginal value of deal whatif-1 in 2026-Q1: 6000.00 USD');
  });

  it('rejects a malformed deal precisely', async () => {
    const dir = writeOrg();
    const out = await runCli(['whatif', dir, '--period', '2026-Q1', '--person', 'ae-1', '--deal', 'amount=5e4,close_date=2026-02-30,colour=red']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--deal:1:amount: error:');
    expect(out.stderr).toContain('--deal:1:close_date: error:');
    expect(out.stderr).toContain('--deal:1:colour: error: unknown key');
  });
});

describe('tandem recognition', () => {
  it('qualifies on yearly attainment and seats the best', async () => {
    // Year attainment: ae-1 (60000 + 380000) / 400000 = 1.1; ae-2 500000 / 400000 = 1.25;
    // se-1 pod (60000 + 500000 + 380000) / 800000 = 1.175. All meet 1.0; 2 seats → ae-2, se-1.
    const dir = writeOrg();
    const out = await runCli(['recognition', dir, '--year', '2026', '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { programs: { people: { person_id: string; attainment: string; qualified: boolean; seat: boolean }[]; by_role: unknown[] }[] };
    const people = json.programs[0]?.people ?? [];
    expect(people.map((p) => [p.person_id, p.attainment, p.qualified, p.seat])).toEqual([
      ['ae-2', '1.25', true, true],
      ['se-1', '1.175', true, true],
      ['ae-1', '1.1', true, false],
    ]);
    expect(json.programs[0]?.by_role).toEqual([
      { role: 'AE', evaluated: 2, qualified: 2, seated: 1 },
      { role: 'SE', evaluated: 1, qualified: 1, seated: 1 },
    ]);
  });
});

describe('tandem calc output formats', () => {
  it('writes statements, measures and credits as CSV', async () => {
    const dir = writeOrg();
    const out = join(mkdtempSync(join(tmpdir(), 'tandem-csv-')), 'out');
    const run = await runCli(['calc', dir, '--period', '2026', '--csv', out]);
    expect(run.code).toBe(0);
    const statements = readFileSync(join(out, 'statements.csv'), 'utf8').trim().split('\n');
    // 3 people × 4 quarters, plus the header.
    expect(statements).toHaveLength(13);
    // ae-2, 2026-Q2: 500000 / 100000 = 5 → factor 1 + 2 × 4 = 9 → 10000 × 9 = 90000.00.
    expect(statements).toContain('ae-2,Ben,ae-2026,2026-Q2,USD,10000.00,90000.00,0.00,0.00,90000.00');
    const credits = readFileSync(join(out, 'credits.csv'), 'utf8');
    expect(credits).toContain('se-1,se-2026,2026-Q2,bookings,d2,2026-05-05,500000.00,1,pod,500000.00,false');
  });

  it('writes one explained Markdown statement per statement', async () => {
    const dir = writeOrg();
    const out = join(mkdtempSync(join(tmpdir(), 'tandem-md-')), 'md');
    expect((await runCli(['calc', dir, '--period', '2026-Q3', '--md', out])).code).toBe(0);
    const md = readFileSync(join(out, 'ae-1_2026-Q3_ae-2026.md'), 'utf8');
    // ae-1, Q3: 380000 / 100000 = 3.8 → factor 1 + 2 × 2.8 = 6.6 → 66000.00.
    expect(md).toContain('# Statement for Ana (ae-1), 2026-Q3');
    expect(md).toContain('Total: 66000.00 USD');
  });

  it('filters to one person and refuses two formats at once', async () => {
    const dir = writeOrg();
    const one = await runCli(['calc', dir, '--period', '2026-Q1', '--json', '--person', 'se-1']);
    expect((JSON.parse(one.stdout) as { statements: unknown[] }).statements).toHaveLength(1);
    const both = await runCli(['calc', dir, '--period', '2026-Q1', '--json', '--md', '/tmp/x']);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('choose one of');
  });
});

describe('tandem usage and messages', () => {
  it('validates a good org with a summary and exit 0', async () => {
    const out = await runCli(['validate', writeOrg()]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/valid\. 3 people, 3 deals, 0 deal-team rows, 2 plans; 12 statements/);
  });

  it('explains a person with no statement in the period instead of printing nothing', async () => {
    const out = await runCli(['explain', writeOrg(), '--period', '2026-M01', '--person', 'ae-1']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('no statement wholly inside 2026-M01');
  });

  it('rejects a bad period, an unknown person and a missing folder without a stack trace', async () => {
    const dir = writeOrg();
    const period = await runCli(['calc', dir, '--period', '2026-Q5']);
    expect(period.code).toBe(1);
    expect(period.stderr).toContain('is not a period');
    const person = await runCli(['explain', dir, '--period', '2026-Q1', '--person', 'nobody']);
    expect(person.code).toBe(1);
    const missing = await runCli(['validate', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such folder');
    for (const out of [period, person, missing]) expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to write the demo into a folder that is not empty', async () => {
    const dir = writeOrg();
    const out = await runCli(['demo', dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^tandem: .* is not empty/);
    expect(out.stderr).not.toContain('bug');
    expect(existsSync(join(dir, 'deal_team.csv'))).toBe(false);
  });
});
