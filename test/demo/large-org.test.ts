import { describe, expect, it } from 'vitest';
import { LARGE_TOTALS, generateDemoOrg, generateLoadOrg, type DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { checkValidity, csvRows, field } from './helpers.js';

const FY = 2026;

function countRows(org: DemoOrg): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of org.files) {
    if (f.kind !== 'csv') continue;
    let n = 0;
    for (const row of f.rows) {
      if (row.length !== f.header.length) throw new Error(`${f.path}: row ${n + 1} has ${row.length} fields`);
      n += 1;
    }
    counts.set(f.path, n);
  }
  return counts;
}

describe('the large demo org (load profile)', () => {
  it('has exactly 10,000 people, 1,000,000 deals and 2,500,000 deal-team rows (counted by streaming)', () => {
    const org = generateDemoOrg({ seed: 42, size: 'large', fiscalYear: FY });
    const counts = countRows(org);
    expect(counts.get('people.csv')).toBe(LARGE_TOTALS.people);
    expect(counts.get('deals.csv')).toBe(LARGE_TOTALS.deals);
    expect(counts.get('deal_team.csv')).toBe(LARGE_TOTALS.dealTeamRows);
    expect(org.files.map((f) => f.path)).toEqual(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: FY }).files.map((f) => f.path));
  });

  it('keeps territories and pods at realistic sizes', () => {
    const org = generateDemoOrg({ seed: 42, size: 'large', fiscalYear: FY });
    const people = csvRows(org, 'people.csv');
    const territory = new Map<string, number>();
    const team = new Map<string, number>();
    for (const p of people) {
      const t = field(p, 'territory');
      if (t !== '') territory.set(t, (territory.get(t) ?? 0) + 1);
      const k = field(p, 'team');
      if (k !== '') team.set(k, (team.get(k) ?? 0) + 1);
    }
    expect(territory.size).toBeGreaterThan(500);
    expect(Math.max(...territory.values())).toBeLessThanOrEqual(20);
    expect(Math.min(...territory.values())).toBeGreaterThanOrEqual(8);
    expect(Math.max(...team.values())).toBeLessThanOrEqual(16);
  });

  it('hits exact totals at any scale, and the scaled org is valid', () => {
    const totals = { people: 640, deals: 40_000, dealTeamRows: 100_000 };
    const org = generateLoadOrg({ seed: 9, fiscalYear: FY }, totals);
    const counts = countRows(org);
    expect(counts.get('people.csv')).toBe(totals.people);
    expect(counts.get('deals.csv')).toBe(totals.deals);
    expect(counts.get('deal_team.csv')).toBe(totals.dealTeamRows);
    expect(checkValidity(org, FY)).toEqual([]);
  });

  it('spreads a different mean team size exactly too', () => {
    const totals = { people: 300, deals: 12_345, dealTeamRows: 20_000 };
    const counts = countRows(generateLoadOrg({ seed: 3, fiscalYear: 2028 }, totals));
    expect(counts.get('people.csv')).toBe(totals.people);
    expect(counts.get('deals.csv')).toBe(totals.deals);
    expect(counts.get('deal_team.csv')).toBe(totals.dealTeamRows);
  });
});
