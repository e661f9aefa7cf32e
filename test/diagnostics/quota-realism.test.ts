/**
 * quota-realism: per deal-based measure, each person's year attainment on the plan; flags more than
 * 20% of people at zero (diagnostics.quota_realism.max_zero_share) or a median outside 70%–130%
 * (median_low, median_high). SEs se-1..se-N on a yearly overlay bookings plan, quota 100000 each,
 * each credited the deal they were on.
 */
import { describe, expect, it } from 'vitest';
import { quotaRealism } from '../../src/core/diagnostics/quota-realism.js';
import { csv, inputOf, only, planOf, yaml } from './helpers.js';

/** One SE per amount; an amount of 0 means no deal. */
function files(amounts: number[], orgExtra: string[] = []): Record<string, string> {
  const ses = amounts.map((_, i) => `se-${i + 1}`);
  const won = amounts.map((a, i): [string, number, string] => [`d${i + 1}`, a, ses[i] ?? '']).filter(([, a]) => a > 0);
  return {
    'org.yaml': yaml('name: Quota Co', 'currency: USD', ...orgExtra),
    'people.csv': csv('id,role,target_incentive,plan', 'ae-1,AE,,', ...ses.map((id) => `${id},SE,20000,se-2026`)),
    'deals.csv': csv('id,owner_id,amount,stage,close_date', ...won.map(([id, a]) => `${id},ae-1,${a},closed_won,2026-06-01`)),
    'deal_team.csv': csv('deal_id,person_id', ...won.map(([id, , se]) => `${id},${se}`)),
    'quotas.csv': csv('person_id,measure,period,target', ...ses.map((id) => `${id},bookings,2026,100000`)),
    'plans/se.yaml': yaml(
      'id: se-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: overlay }',
    ),
  };
}

describe('quota-realism', () => {
  it('fires high when many are at zero and the median is low', () => {
    // Attainments 0, 0, 0.3, 0.5, 0.6: 2 of 5 = 0.4 at zero (> 0.2); median 0.3 (< 0.7); none ≥ 1.
    const input = inputOf(files([0, 0, 30000, 50000, 60000]));
    const f = only(quotaRealism(input, planOf(input, 'se-2026')));
    expect(f).toMatchObject({ rule: 'quota-realism', severity: 'high', plan: 'se-2026', measure: 'bookings' });
    expect(f.evidence).toEqual({
      people: 5,
      attainment: { min: 0, median: 0.3, max: 0.6 },
      share_at_zero: 0.4,
      share_at_or_above_100: 0,
      at_zero: ['se-1', 'se-2'],
      thresholds: { max_zero_share: 0.2, median_low: 0.7, median_high: 1.3 },
    });
    expect(f.message).toContain('2 of 5 people (40%) are at zero');
    expect(f.message).toContain('the median attainment is 30%, below 70%');
  });

  it('fires medium when the median is high', () => {
    // 1.5, 1.4, 1.35: median 1.4 > 1.3; all three ≥ 1.
    const input = inputOf(files([150000, 140000, 135000]));
    const f = only(quotaRealism(input, planOf(input, 'se-2026')));
    expect(f.severity).toBe('medium');
    expect(f.evidence).toMatchObject({ attainment: { min: 1.35, median: 1.4, max: 1.5 }, share_at_zero: 0, share_at_or_above_100: 1 });
    expect(f.fix).toContain('Raise bookings quotas');
  });

  it('does not fire for a realistic spread, and follows the thresholds in org.yaml', () => {
    // 0.8, 1.0, 1.2: median 1.0, nobody at zero.
    const input = inputOf(files([80000, 100000, 120000]));
    expect(quotaRealism(input, planOf(input, 'se-2026'))).toEqual([]);
    const strict = inputOf(files([80000, 100000, 120000], ['diagnostics:', '  quota_realism: { median_low: 1.1 }']));
    const f = only(quotaRealism(strict, planOf(strict, 'se-2026')));
    expect(f).toMatchObject({ severity: 'medium', evidence: { thresholds: { max_zero_share: 0.2, median_low: 1.1, median_high: 1.3 } } });
  });
});
