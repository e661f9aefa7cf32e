import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoOrg, generateResearchOrg, type DemoOrg } from '../../src/core/demo/generate-demo-org.js';
import { checkValidity, csvRows, field, type Row } from './helpers.js';

const FY = 2026;
const org = generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: FY });
const people = csvRows(org, 'people.csv');
const deals = csvRows(org, 'deals.csv');
const team = csvRows(org, 'deal_team.csv');
const quotas = csvRows(org, 'quotas.csv');

const byRole = (role: string): Row[] => people.filter((p) => field(p, 'role') === role);
const ses = byRole('SE');
const aes = byRole('AE');
const newBusiness = deals.filter((d) => field(d, 'type') !== 'renewal');
const decided = newBusiness.filter((d) => field(d, 'stage') === 'closed_won' || field(d, 'stage') === 'closed_lost');
const won = (d: Row): boolean => field(d, 'stage') === 'closed_won';
const share = (rows: readonly Row[], test: (r: Row) => boolean): number => rows.filter(test).length / rows.length;

function text(o: DemoOrg, path: string): string {
  const f = o.files.find((x) => x.path === path);
  return f && f.kind === 'text' ? f.text : '';
}

describe('the standard demo org', () => {
  it('is valid under docs/calculation.md (checked independently of the loader)', () => {
    expect(checkValidity(org, FY)).toEqual([]);
  });

  it('has the research-sized roster: ~48 AEs, ~20 SEs, 2–3 SE managers, an SE director, sales managers', () => {
    expect(aes).toHaveLength(48);
    expect(ses.length).toBeGreaterThanOrEqual(18);
    expect(ses.length).toBeLessThanOrEqual(24);
    expect(byRole('SE_MANAGER').length).toBeGreaterThanOrEqual(2);
    expect(byRole('SE_MANAGER').length).toBeLessThanOrEqual(3);
    expect(byRole('SE_DIRECTOR')).toHaveLength(1);
    expect(byRole('AE_MANAGER')).toHaveLength(6); // RepVue: 48 AEs, 6 managers, 2 directors
    expect(byRole('AE_DIRECTOR')).toHaveLength(2);
  });

  it('splits AEs 20/45/35 across SMB/MM/ENT', () => {
    const segmentOf = new Map(deals.map((d) => [field(d, 'owner_id'), field(d, 'segment')]));
    const mix = (s: string): number => share(aes, (a) => segmentOf.get(field(a, 'id')) === s);
    expect(mix('SMB')).toBeCloseTo(0.2, 1);
    expect(mix('MM')).toBeCloseTo(0.45, 1);
    expect(mix('ENT')).toBeCloseTo(0.35, 1);
  });

  it('covers AEs at the research AE:SE ratios (ENT 2:1, MM 3:1, SMB 5:1)', () => {
    for (const [segment, ratio] of [['ent', 2], ['mm', 3], ['smb', 5]] as const) {
      const territoryAes = aes.filter((a) => field(a, 'territory').includes(`-${segment}`)).length;
      // Regular SEs (specialty overlays have no team; the leaver's replacement counts once).
      const territorySes = ses.filter(
        (s) => field(s, 'territory').includes(`-${segment}`) && field(s, 'team') !== '' && field(s, 'end_date') === '',
      ).length;
      expect(territorySes).toBeGreaterThan(0);
      expect(territoryAes / territorySes).toBeGreaterThan(ratio * 0.6);
      expect(territoryAes / territorySes).toBeLessThan(ratio * 1.3);
    }
  });

  it('wins new business at the research win rates per segment (SMB 30%, MM 20%, ENT 15%)', () => {
    for (const [segment, rate] of [['SMB', 0.3], ['MM', 0.2], ['ENT', 0.15]] as const) {
      const rows = decided.filter((d) => field(d, 'segment') === segment);
      expect(rows.length).toBeGreaterThan(500);
      expect(Math.abs(share(rows, won) - rate)).toBeLessThan(0.04);
    }
  });

  it('ties commercial wins to technical wins: P(win | tech win) ≈ 0.55, P(win | tech loss) ≈ 0.03', () => {
    const techWins = decided.filter((d) => field(d, 'technical_win') === 'true');
    const techLosses = decided.filter((d) => field(d, 'technical_win') === 'false');
    expect(Math.abs(share(techWins, won) - 0.55)).toBeLessThan(0.06);
    expect(Math.abs(share(techLosses, won) - 0.03)).toBeLessThan(0.02);
  });

  it('puts SEs on the research share of new-business deals and POCs by segment', () => {
    const supported = new Set(team.map((t) => field(t, 'deal_id')));
    for (const [segment, need, poc] of [['ENT', 0.9, 0.4], ['MM', 0.6, 0.2], ['SMB', 0.25, 0.05]] as const) {
      const rows = newBusiness.filter((d) => field(d, 'segment') === segment);
      const withSe = rows.filter((d) => supported.has(field(d, 'id')));
      expect(Math.abs(withSe.length / rows.length - need)).toBeLessThan(0.06);
      expect(Math.abs(share(withSe, (d) => field(d, 'poc') === 'true') - poc)).toBeLessThan(0.06);
    }
    expect(deals.filter((d) => field(d, 'poc') === 'true').every((d) => supported.has(field(d, 'id')))).toBe(true);
  });

  it('has ACVs around the research medians (SMB $12K, MM $40K, ENT $120K) for USD new deals', () => {
    for (const [segment, median] of [['SMB', 12_000], ['MM', 40_000], ['ENT', 120_000]] as const) {
      const amounts = deals
        .filter((d) => field(d, 'segment') === segment && field(d, 'type') === 'new' && field(d, 'currency') === 'USD')
        .map((d) => Number(field(d, 'amount')))
        .sort((a, b) => a - b);
      const mid = amounts[Math.floor(amounts.length / 2)] ?? 0;
      expect(mid / median).toBeGreaterThan(0.85);
      expect(mid / median).toBeLessThan(1.15);
    }
  });

  it('pays SEs the research pay mix by level and AEs 50/50 with quota 5x OTE', () => {
    const variable: Record<string, number> = { SE1: 0.15, SE2: 0.2, SE3: 0.225, SE4: 0.25, SE5: 0.3, M1: 0.25, M2: 0.3 };
    for (const p of people) {
      const level = field(p, 'level');
      const expected = variable[level];
      if (expected === undefined) continue;
      const base = Number(field(p, 'base_salary'));
      const ti = Number(field(p, 'target_incentive'));
      expect(Math.abs(ti / (base + ti) - expected)).toBeLessThan(0.01);
    }
    const quota = new Map(quotas.filter((q) => field(q, 'measure') === `ae-${FY}/bookings`).map((q) => [field(q, 'person_id'), Number(field(q, 'target'))]));
    for (const a of aes) {
      const base = Number(field(a, 'base_salary'));
      const ti = Number(field(a, 'target_incentive'));
      expect(base).toBe(ti);
      expect(quota.get(field(a, 'id'))).toBe(5 * (base + ti));
    }
  });

  it('plants the scenarios: hires, a leaver, fx, churn on both sides of 90 days, the SPIFs', () => {
    const hires = people.filter((p) => field(p, 'hire_date').startsWith(String(FY)));
    expect(hires.filter((p) => field(p, 'role') === 'AE').length).toBeGreaterThanOrEqual(2);
    expect(people.filter((p) => field(p, 'end_date') !== '')).toHaveLength(1);
    expect(people.some((p) => field(p, 'currency') === 'EUR')).toBe(true);
    expect(people.some((p) => field(p, 'currency') === 'GBP')).toBe(true);
    expect(deals.some((d) => field(d, 'currency') === 'EUR' && won(d))).toBe(true);
    expect(deals.some((d) => field(d, 'currency') === 'GBP' && won(d))).toBe(true);
    const churnDays = deals
      .filter((d) => field(d, 'churn_date') !== '')
      .map((d) => (Date.parse(field(d, 'churn_date')) - Date.parse(field(d, 'close_date'))) / 86_400_000);
    expect(churnDays.filter((d) => d <= 90).length).toBeGreaterThanOrEqual(2);
    expect(churnDays.filter((d) => d > 90).length).toBeGreaterThanOrEqual(2);
    expect(churnDays.length).toBeLessThan(0.05 * deals.filter(won).length); // a few, not a trend
    // The AE-only SPIF has qualifying deals, and SEs worked them.
    const supported = new Set(team.map((t) => field(t, 'deal_id')));
    const spiffDeals = deals.filter(
      (d) => won(d) && field(d, 'product') === 'observability' && field(d, 'technical_win') === 'true' && field(d, 'close_date') >= `${FY}-07-01` && field(d, 'close_date') <= `${FY}-09-30`,
    );
    expect(spiffDeals.length).toBeGreaterThan(3);
    expect(spiffDeals.some((d) => supported.has(field(d, 'id')))).toBe(true);
    expect(text(org, 'spiffs.yaml')).toContain('roles: [AE]\n');
    expect(text(org, 'spiffs.yaml')).toContain('roles: [AE, SE]');
  });

  it('assigns SEs to both SE plans through people.csv plan, and nobody else to them', () => {
    expect(ses.filter((s) => field(s, 'plan') === `se-pod-${FY}`).length).toBeGreaterThan(8);
    expect(ses.filter((s) => field(s, 'plan') === `se-territory-${FY}`).length).toBeGreaterThan(3);
    expect(people.filter((p) => field(p, 'role') !== 'SE' && field(p, 'plan') !== '')).toEqual([]);
  });

  it('has blank splits and blank hours on some deal-team rows, and only SE roles', () => {
    expect(team.some((t) => field(t, 'split') === '')).toBe(true);
    expect(team.some((t) => field(t, 'hours') === '')).toBe(true);
    const roles = new Set(team.map((t) => field(t, 'role')));
    expect([...roles].sort()).toEqual(['primary_se', 'secondary_se', 'specialist']);
  });

  it('writes YAML numbers as plain decimals', () => {
    for (const f of org.files) {
      if (f.kind !== 'text') continue;
      expect(f.text).not.toMatch(/\d[eE][+-]?\d/);
      expect(f.text).not.toMatch(/\b\d{1,3}(,\d{3})+\b/);
    }
  });

  it('is valid for any seed and fiscal year (leap years too)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(2024, 2026, 2028, 2031), (seed, fiscalYear) => {
        const other = generateResearchOrg({ seed, fiscalYear }, 48);
        expect(checkValidity(other, fiscalYear)).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  it('scales the research profile to other AE counts', () => {
    const small = generateResearchOrg({ seed: 7, fiscalYear: FY }, 12);
    expect(csvRows(small, 'people.csv').filter((p) => field(p, 'role') === 'AE')).toHaveLength(12);
    expect(checkValidity(small, FY)).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => generateDemoOrg({ seed: 1.5, size: 'standard', fiscalYear: FY })).toThrow(RangeError);
    expect(() => generateDemoOrg({ seed: 1, size: 'standard', fiscalYear: 26 })).toThrow(RangeError);
  });
});
