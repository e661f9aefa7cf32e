import { describe, expect, it } from 'vitest';
import { LARGE_TOTALS, generateDemoOrg, generateLoadOrg, type DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { checkValidity, csvRows, field, payees } from './helpers.js';

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

const LEADER_ROLES = ['AE_MANAGER', 'AE_DIRECTOR', 'SE_MANAGER', 'SE_DIRECTOR'];

describe('the large demo org (load profile)', () => {
  it('has exactly 10,000 payees, 1,000,000 deals and 2,500,000 deal-team rows (counted by streaming)', () => {
    expect(LARGE_TOTALS).toEqual({ payees: 10_000, deals: 1_000_000, dealTeamRows: 2_500_000 });
    const org = generateDemoOrg({ seed: 42, size: 'large', fiscalYear: FY });
    const counts = countRows(org);
    expect(payees(org, FY)).toHaveLength(10_000);
    expect(counts.get('deals.csv')).toBe(1_000_000);
    expect(counts.get('deal_team.csv')).toBe(2_500_000);
    expect(org.files.map((f) => f.path)).toEqual(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: FY }).files.map((f) => f.path));
  });

  it('adds only managers and directors on top of the payees, at the standard org\'s spans', () => {
    const org = generateDemoOrg({ seed: 42, size: 'large', fiscalYear: FY });
    const people = csvRows(org, 'people.csv');
    const paid = new Set(payees(org, FY).map((p) => field(p, 'id')));
    const others = people.filter((p) => !paid.has(field(p, 'id')));
    expect(others.every((p) => LEADER_ROLES.includes(field(p, 'role')) && field(p, 'plan') === '')).toBe(true);
    expect(people.filter((p) => LEADER_ROLES.includes(field(p, 'role')))).toEqual(others);
    // Research spans: ~8 AEs per sales manager, ~7 SEs per SE manager (standard org: 12 leaders to 70 payees).
    expect(others.length).toBeGreaterThan(0.12 * paid.size);
    expect(others.length).toBeLessThan(0.2 * paid.size);
    const count = (role: string): number => people.filter((p) => field(p, 'role') === role).length;
    expect(count('AE') / count('AE_MANAGER')).toBeGreaterThanOrEqual(7.5);
    expect(count('SE') / count('SE_MANAGER')).toBeGreaterThanOrEqual(6.5);
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

  it('hits exact payee totals at any scale, and the scaled org is valid', () => {
    const totals = { payees: 640, deals: 40_000, dealTeamRows: 100_000 };
    const org = generateLoadOrg({ seed: 9, fiscalYear: FY }, totals);
    const counts = countRows(org);
    expect(payees(org, FY)).toHaveLength(totals.payees);
    expect(counts.get('people.csv')).toBeGreaterThan(totals.payees);
    expect(counts.get('deals.csv')).toBe(totals.deals);
    expect(counts.get('deal_team.csv')).toBe(totals.dealTeamRows);
    expect(checkValidity(org, FY)).toEqual([]);
  });

  it('can fix the rows of people.csv instead of the payees', () => {
    const totals = { people: 640, deals: 40_000, dealTeamRows: 100_000 };
    const org = generateLoadOrg({ seed: 9, fiscalYear: FY }, totals);
    const counts = countRows(org);
    expect(counts.get('people.csv')).toBe(totals.people);
    expect(payees(org, FY).length).toBeLessThan(totals.people);
    expect(counts.get('deals.csv')).toBe(totals.deals);
    expect(counts.get('deal_team.csv')).toBe(totals.dealTeamRows);
    expect(checkValidity(org, FY)).toEqual([]);
  });

  it('spreads a different mean team size exactly too', () => {
    const totals = { payees: 300, deals: 12_345, dealTeamRows: 20_000 };
    const org = generateLoadOrg({ seed: 3, fiscalYear: 2028 }, totals);
    const counts = countRows(org);
    expect(payees(org, 2028)).toHaveLength(totals.payees);
    expect(counts.get('deals.csv')).toBe(totals.deals);
    expect(counts.get('deal_team.csv')).toBe(totals.dealTeamRows);
  });

  it('is exact for every payee count (extra specialty overlays fill the gaps)', () => {
    for (let n = 60; n <= 120; n += 1) {
      const org = generateLoadOrg({ seed: n, fiscalYear: FY }, { payees: n, deals: 2_000, dealTeamRows: 5_000 });
      expect(payees(org, FY), `${n} payees`).toHaveLength(n);
    }
  });

  it('rejects impossible totals', () => {
    expect(() => generateLoadOrg({ seed: 1, fiscalYear: FY }, { payees: 5, deals: 100, dealTeamRows: 250 })).toThrow(RangeError);
    expect(() => generateLoadOrg({ seed: 1, fiscalYear: FY }, { payees: 100.5, deals: 100, dealTeamRows: 250 })).toThrow(RangeError);
  });
});
