/**
 * noise: what one more supported deal of the SE's median size, and +10 points of attainment on the
 * main bookings measure (a deal of 10% of the annual quota), add to a year's pay, as a share of
 * base salary; the median SE is compared with 1% and 2% (diagnostics.noise).
 *
 * Plan se-2026: one yearly measure, bookings credited by overlay, rate 1, uncapped (payout = TI ×
 * attainment). The what-if deal closes on the last active day of each payout period.
 */
import { describe, expect, it } from 'vitest';
import { noise } from '../../src/core/diagnostics/noise.js';
import { csv, inputOf, only, planOf, yaml } from './helpers.js';

interface Options {
  quota1: string;
  quota2: string;
  orgExtra?: string[];
}

/**
 * se-1: base 100000, TI 20000; on deals d1 50000, d2 100000, d3 200000 (median d2, 100000).
 * se-2: base 50000, TI 10000; on deal d4 50000 (median d4).
 */
function files(o: Options): Record<string, string> {
  return {
    'org.yaml': yaml('name: Noise Co', 'currency: USD', ...(o.orgExtra ?? [])),
    'people.csv': csv('id,role,base_salary,target_incentive,plan', 'ae-1,AE,100000,100000,', `se-1,SE,100000,20000,se-2026`, `se-2,SE,50000,10000,se-2026`),
    'deals.csv': csv(
      'id,owner_id,amount,stage,close_date',
      'd1,ae-1,50000,closed_won,2026-02-10',
      'd2,ae-1,100000,closed_won,2026-05-10',
      'd3,ae-1,200000,closed_won,2026-08-10',
      'd4,ae-1,50000,closed_won,2026-03-10',
    ),
    'deal_team.csv': csv('deal_id,person_id', 'd1,se-1', 'd2,se-1', 'd3,se-1', 'd4,se-2'),
    'quotas.csv': csv('person_id,measure,period,target', `se-1,bookings,2026,${o.quota1}`, `se-2,bookings,2026,${o.quota2}`),
    'plans/se.yaml': yaml(
      'id: se-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: overlay }',
    ),
  };
}

describe('noise', () => {
  it('fires when one more median deal is worth under 1% of base for the median SE', () => {
    // se-1, quota 10,000,000: before 350000 / 1e7 = 0.035 → 20000 × 0.035 = 700.
    //   one more 100000 deal: 450000 / 1e7 = 0.045 → 900: gain 200, 200 / 100000 = 0.002.
    //   +10 points = a 1,000,000 deal: 1350000 / 1e7 = 0.135 → 2700: gain 2000, 0.02.
    // se-2, quota 1,000,000: before 50000 / 1e6 = 0.05 → 10000 × 0.05 = 500.
    //   one more 50000 deal: 0.1 → 1000: gain 500, 500 / 50000 = 0.01.
    //   a 100000 deal: 0.15 → 1500: gain 1000, 0.02.
    // Median deal share (0.002 + 0.01) / 2 = 0.006 < 0.01: fires; ten points median 0.02 is not
    // below 0.02: one of two, medium.
    const input = inputOf(files({ quota1: '10000000', quota2: '1000000' }));
    const f = only(noise(input, planOf(input, 'se-2026')));
    expect(f).toMatchObject({ rule: 'noise', severity: 'medium', plan: 'se-2026' });
    expect(f.evidence).toEqual({
      se_count: 2,
      main_measure: 'bookings',
      deal_share_of_base: { min: 0.002, median: 0.006, max: 0.01 },
      ten_points_share_of_base: { min: 0.02, median: 0.02, max: 0.02 },
      thresholds: { min_deal_share_of_base: 0.01, min_ten_points_share_of_base: 0.02 },
      people: [
        { person_id: 'se-1', currency: 'USD', base_salary: '100000.00', reference_deal: { deal_id: 'd2', amount: '100000.00', currency: 'USD' }, deal_gain: '200.00', ten_points_gain: '2000.00', deal_share_of_base: 0.002, ten_points_share_of_base: 0.02 },
        { person_id: 'se-2', currency: 'USD', base_salary: '50000.00', reference_deal: { deal_id: 'd4', amount: '50000.00', currency: 'USD' }, deal_gain: '500.00', ten_points_gain: '1000.00', deal_share_of_base: 0.01, ten_points_share_of_base: 0.02 },
      ],
    });
    expect(f.message).toContain('a median 0.6% of base salary a year (below 1%)');
    // 0.01 / 0.006 = 1.67 → ×1.7.
    expect(f.fix).toContain('about ×1.7');
  });

  it('is high when both fall short (thresholds from org.yaml)', () => {
    const input = inputOf(files({ quota1: '10000000', quota2: '1000000', orgExtra: ['diagnostics:', '  noise: { min_ten_points_share_of_base: 0.05 }'] }));
    const f = only(noise(input, planOf(input, 'se-2026')));
    expect(f.severity).toBe('high');
    expect(f.evidence.thresholds).toEqual({ min_deal_share_of_base: 0.01, min_ten_points_share_of_base: 0.05 });
  });

  it('does not fire when a deal moves pay enough', () => {
    // se-1, quota 1,000,000: 350000 → 7000; +100000 → 9000: gain 2000 = 0.02 of base; +10 points
    // (a 100000 deal) the same 0.02. se-2 as above: 0.01 and 0.02. Medians 0.015 ≥ 0.01, 0.02 ≥ 0.02.
    const input = inputOf(files({ quota1: '1000000', quota2: '1000000' }));
    expect(noise(input, planOf(input, 'se-2026'))).toEqual([]);
  });

  it('averages a deal over the payout periods it could close in', () => {
    // Half-yearly, tiers 1.0 to 100% then 2.0; quota 1,000,000 a year = 500000 a half; TI 20000 =
    // 10000 a half. Deals: d1 450000 (H1), d2 100000 (H2); median of two: the lower, d2 100000.
    //   H1 before 450000 / 500000 = 0.9 → 9000; with d2's copy 1.1 → 1 + 2 × 0.1 = 1.2 → 12000: +3000.
    //   H2 before 0.2 → 2000; with it 0.4 → 4000: +2000.
    // Mean gain (3000 + 2000) / 2 = 2500 = 0.025 of base 100000. +10 points is the same 100000 deal.
    const input = inputOf({
      'org.yaml': yaml('name: Noise Co', 'currency: USD', 'diagnostics:', '  noise: { min_deal_share_of_base: 0.03 }'),
      'people.csv': csv('id,role,base_salary,target_incentive,plan', 'ae-1,AE,,,', 'se-1,SE,100000,20000,se-2026'),
      'deals.csv': csv('id,owner_id,amount,stage,close_date', 'd1,ae-1,450000,closed_won,2026-03-10', 'd2,ae-1,100000,closed_won,2026-08-10'),
      'deal_team.csv': csv('deal_id,person_id', 'd1,se-1', 'd2,se-1'),
      'quotas.csv': csv('person_id,measure,period,target', 'se-1,bookings,2026,1000000'),
      'plans/se.yaml': yaml(
        'id: se-2026',
        'effective: { from: 2026-01-01, to: 2026-12-31 }',
        'payout_period: half',
        'measures:',
        '  - { id: bookings, weight: 1, metric: bookings, credit: overlay, tiers: [{ to: 1.0, rate: 1 }, { rate: 2 }] }',
      ),
    });
    const f = only(noise(input, planOf(input, 'se-2026')));
    expect(f.evidence.deal_share_of_base).toEqual({ min: 0.025, median: 0.025, max: 0.025 });
    expect(f.evidence.people).toEqual([
      { person_id: 'se-1', currency: 'USD', base_salary: '100000.00', reference_deal: { deal_id: 'd2', amount: '100000.00', currency: 'USD' }, deal_gain: '2500.00', ten_points_gain: '2500.00', deal_share_of_base: 0.025, ten_points_share_of_base: 0.025 },
    ]);
  });
});
