/**
 * controllability: the share of each SE's variable that rides on credit from deals they were not
 * on, weighted by the crediting rule's class (territory: off-deal credit fully out of reach; pod:
 * half; owner/overlay/split/activity: none) and by measure weight.
 *
 * The same deals under two plans. AEs ae-1, ae-2 and SEs se-1..se-3 share territory t1 and pod
 * pod-1. Deals won in 2026, all with a technical win: d1 ae-1 100000 (team se-1), d2 ae-2 300000
 * (team se-2), d3 ae-2 100000 (team se-3). Every SE is credited all 500000 of t1's (or pod-1's)
 * bookings; the deals they were on:
 *   se-1: 100000 → off-deal 1 − 100000/500000 = 0.8
 *   se-2: 300000 → off-deal 0.4
 *   se-3: 100000 → off-deal 0.8
 * tech_wins (overlay) credits each SE only their own deal: off-deal 0.
 */
import { describe, expect, it } from 'vitest';
import { controllability, controllabilityClass } from '../../src/core/diagnostics/controllability.js';
import type { CreditRule } from '../../src/core/model.js';
import { csv, inputOf, only, planOf, yaml } from './helpers.js';

function files(credit: 'territory' | 'pod', orgExtra: string[] = []): Record<string, string> {
  return {
    'org.yaml': yaml('name: Reach Co', 'currency: USD', ...orgExtra),
    'people.csv': csv(
      'id,role,team,territory,base_salary,target_incentive,plan',
      'ae-1,AE,pod-1,t1,,,',
      'ae-2,AE,pod-1,t1,,,',
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
    'quotas.csv': csv('person_id,team,measure,period,target', ',pod-1,bookings,2026,1000000', ',pod-1,tech_wins,2026,2'),
    'plans/se.yaml': yaml(
      'id: se-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      `  - { id: bookings, weight: 0.8, metric: bookings, credit: ${credit} }`,
      '  - { id: tech_wins, weight: 0.2, metric: technical_wins, credit: overlay }',
    ),
  };
}

describe('controllability', () => {
  it('classes measures by crediting rule', () => {
    const rules: CreditRule[] = ['owner', 'overlay', 'split', 'activity', 'pod', 'territory'];
    expect(rules.map((c) => controllabilityClass('bookings', c))).toEqual(['high', 'high', 'high', 'high', 'medium', 'low']);
    expect(controllabilityClass('mbo', 'owner')).toBe('high');
  });

  it('fires for territory credit: most of the variable comes from deals the SE was not on', () => {
    // Territory: outside = off-deal × 1. Per SE: 0.8 × 0.8 + 0.2 × 0 = 0.64; 0.8 × 0.4 = 0.32; 0.64.
    // Median 0.64 > 0.5: high.
    const input = inputOf(files('territory'));
    const f = only(controllability(input, planOf(input, 'se-2026')));
    expect(f).toMatchObject({ rule: 'controllability', severity: 'high', plan: 'se-2026', measure: 'bookings' });
    expect(f.evidence).toEqual({
      se_count: 3,
      outside_share: { min: 0.32, median: 0.64, max: 0.64 },
      max_outside_share: 0.5,
      above_threshold: ['se-1', 'se-3'],
      measures: [
        { measure: 'bookings', metric: 'bookings', credit: 'territory', class: 'low', weight: 0.8, off_deal_share_median: 0.8, outside_share_median: 0.8 },
        { measure: 'tech_wins', metric: 'technical_wins', credit: 'overlay', class: 'high', weight: 0.2, off_deal_share_median: 0, outside_share_median: 0 },
      ],
      people: [
        { person_id: 'se-1', outside_share: 0.64, off_deal_share: { bookings: 0.8, tech_wins: 0 } },
        { person_id: 'se-2', outside_share: 0.32, off_deal_share: { bookings: 0.4, tech_wins: 0 } },
        { person_id: 'se-3', outside_share: 0.64, off_deal_share: { bookings: 0.8, tech_wins: 0 } },
      ],
    });
    expect(f.message).toContain('has 64% of their variable outside their reach (threshold 50%)');
    expect(f.fix).toContain('credit bookings by pod');
  });

  it('does not fire for pod credit on the same deals', () => {
    // Pod: outside = off-deal × 1/2. Per SE: 0.8 × 0.4 = 0.32; 0.8 × 0.2 = 0.16; 0.32. Median 0.32,
    // nobody above 0.5.
    const input = inputOf(files('pod'));
    expect(controllability(input, planOf(input, 'se-2026'))).toEqual([]);
  });

  it('uses the threshold from org.yaml', () => {
    // Pod again, max_outside_share 0.3: the median 0.32 exceeds it.
    const input = inputOf(files('pod', ['diagnostics:', '  controllability: { max_outside_share: 0.3 }']));
    const f = only(controllability(input, planOf(input, 'se-2026')));
    expect(f.severity).toBe('high');
    expect(f.evidence.outside_share).toEqual({ min: 0.16, median: 0.32, max: 0.32 });
    expect(f.evidence.max_outside_share).toBe(0.3);
  });

  it('is medium when a third of the SEs are out of reach but the median is not', () => {
    // Territory, max_outside_share 0.6, and se-3 on d2 as well as d3: se-3 was on 400000 of the
    // 500000, off-deal 0.2 → 0.8 × 0.2 = 0.16.
    const f0 = files('territory', ['diagnostics:', '  controllability: { max_outside_share: 0.6 }']);
    const input = inputOf({ ...f0, 'deal_team.csv': csv('deal_id,person_id', 'd1,se-1', 'd2,se-2', 'd2,se-3', 'd3,se-3') });
    // se-1 0.64, se-2 0.32, se-3 0.8 × 0.2 = 0.16: median 0.32 ≤ 0.6; 1 of 3 above: medium.
    const f = only(controllability(input, planOf(input, 'se-2026')));
    expect(f.severity).toBe('medium');
    expect(f.evidence.outside_share).toEqual({ min: 0.16, median: 0.32, max: 0.64 });
    expect(f.evidence.above_threshold).toEqual(['se-1']);
  });
});
