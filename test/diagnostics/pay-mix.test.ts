/**
 * pay-mix: SE variable share of OTE = target_incentive / (base_salary + target_incentive), against
 * the band for the level (diagnostics.pay_mix.by_level) or the default 15%–30%.
 *
 * All SEs are on se-2026 (one yearly bookings measure on their pod's quota).
 *   se-1 SE2 base 100000, TI 25000: 25000 / 125000 = 0.2      (in 0.15–0.3)
 *   se-2 SE1 base 120000, TI 12000: 12000 / 132000 = 0.0909…  (below 0.15)
 *   se-3 SE5 base 100000, TI 50000: 50000 / 150000 = 0.3333…  (above 0.3)
 *   se-4 SE3 base  90000, TI 10000: 10000 / 100000 = 0.1      (band SE3 0.05–0.12 from org.yaml: in)
 *   ae-1 AE  base 100000, TI 100000 is on the plan too, but is not an SE: not checked.
 */
import { describe, expect, it } from 'vitest';
import { payMix } from '../../src/core/diagnostics/pay-mix.js';
import { csv, inputOf, only, planOf, yaml } from './helpers.js';

function files(people: string[], orgExtra: string[] = []): Record<string, string> {
  return {
    'org.yaml': yaml('name: Mix Co', 'currency: USD', ...orgExtra),
    'people.csv': csv('id,role,level,team,base_salary,target_incentive,plan', ...people),
    'quotas.csv': csv('person_id,team,measure,period,target', ',pod-a,bookings,2026,400000'),
    'plans/se.yaml': yaml(
      'id: se-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: overlay }',
    ),
  };
}

const SE1 = 'se-1,SE,SE2,pod-a,100000,25000,se-2026';
const SE2 = 'se-2,SE,SE1,pod-a,120000,12000,se-2026';
const SE3 = 'se-3,SE,SE5,pod-a,100000,50000,se-2026';
const SE4 = 'se-4,SE,SE3,pod-a,90000,10000,se-2026';
const AE1 = 'ae-1,AE,AE3,pod-a,100000,100000,se-2026';
const BY_LEVEL = ['diagnostics:', '  pay_mix: { by_level: { SE3: { min: 0.05, max: 0.12 } } }'];

describe('pay-mix', () => {
  it('fires for SEs outside their band, with the shares and the target incentive that would fix each', () => {
    const input = inputOf(files([SE1, SE2, SE3, SE4, AE1, 'se-5,SE,SE2,pod-a,,20000,se-2026'], BY_LEVEL));
    const f = only(payMix(input, planOf(input, 'se-2026')));
    // 2 of the 4 SEs with a base salary are outside: not more than half, so medium.
    expect(f).toMatchObject({ rule: 'pay-mix', severity: 'medium', plan: 'se-2026' });
    expect(f.evidence).toEqual({
      se_count: 4,
      outside_count: 2,
      // Shares 0.0909, 0.1, 0.2, 0.3333: median (0.1 + 0.2) / 2 = 0.15.
      share_of_ote: { min: 0.0909, median: 0.15, max: 0.3333 },
      band: { min: 0.15, max: 0.3 },
      by_level: { SE3: { min: 0.05, max: 0.12 } },
      outside: [
        // TI for the band edge b: base × b / (1 − b) = 120000 × 0.15 / 0.85 = 21176.470588… → 21176.47.
        { person_id: 'se-2', level: 'SE1', share_of_ote: 0.0909, band: { min: 0.15, max: 0.3 }, currency: 'USD', base_salary: '120000.00', target_incentive: '12000.00', suggested_target_incentive: '21176.47' },
        // 100000 × 0.3 / 0.7 = 42857.142857… → 42857.14.
        { person_id: 'se-3', level: 'SE5', share_of_ote: 0.3333, band: { min: 0.15, max: 0.3 }, currency: 'USD', base_salary: '100000.00', target_incentive: '50000.00', suggested_target_incentive: '42857.14' },
      ],
      missing_base_salary: ['se-5'],
    });
    expect(f.message).toContain('se-2 9.1% (band 15%–30%)');
    expect(f.message).toContain('se-3 33.3% (band 15%–30%)');
    expect(f.fix).toContain('se-2 21,176.47 USD (now 12,000.00 USD)');
  });

  it('is high when more than half of the SEs are outside', () => {
    // se-2 and se-3 outside, se-1 inside: 2 of 3.
    const input = inputOf(files([SE1, SE2, SE3]));
    expect(only(payMix(input, planOf(input, 'se-2026'))).severity).toBe('high');
  });

  it('does not fire when every SE is inside their band (a level band from org.yaml applies)', () => {
    const input = inputOf(files([SE1, SE4, AE1], BY_LEVEL));
    expect(payMix(input, planOf(input, 'se-2026'))).toEqual([]);
    // Without the SE3 band, se-4's 0.1 is below the default 0.15.
    const plain = inputOf(files([SE1, SE4, AE1]));
    const f = only(payMix(plain, planOf(plain, 'se-2026')));
    expect(f.evidence.outside_count).toBe(1);
    expect(f.evidence.share_of_ote).toEqual({ min: 0.1, median: 0.15, max: 0.2 });
  });

  it('says so (info) when SEs have no base salary and nobody else is outside', () => {
    const input = inputOf(files([SE1, 'se-5,SE,SE2,pod-a,,20000,se-2026']));
    const f = only(payMix(input, planOf(input, 'se-2026')));
    expect(f).toMatchObject({ severity: 'info', evidence: { se_count: 2, checked: 1, missing_base_salary: ['se-5'] } });
  });
});
