/**
 * short-term-pressure: four signals read from an SE plan — all variable on bookings, a bookings
 * tier rate ≥ 2 (diagnostics.short_term_pressure.steep_rate), no mbo (customer-outcome) measure,
 * no clawback. 3–4 signals high, 2 medium, 1 low.
 */
import { describe, expect, it } from 'vitest';
import { shortTermPressure } from '../../src/core/diagnostics/short-term-pressure.js';
import { csv, inputOf, only, planOf, yaml } from './helpers.js';

/** se-1 (SE) on plan p (yearly); ae-1 (AE) on plan ae-2026, which has all four signals. */
function files(measures: string[], planExtra: string[] = [], orgExtra: string[] = []): Record<string, string> {
  return {
    'org.yaml': yaml('name: Pressure Co', 'currency: USD', ...orgExtra),
    'people.csv': csv('id,role,target_incentive,plan', 'se-1,SE,20000,p', 'ae-1,AE,50000,ae-2026'),
    'quotas.csv': csv('person_id,measure,period,target', 'se-1,bookings,2026,1000000', 'se-1,tech_wins,2026,10', 'ae-1,bookings,2026,1000000'),
    'mbo.csv': csv('person_id,measure,period,score', 'se-1,outcomes,2026,1'),
    'plans/p.yaml': yaml('id: p', 'effective: { from: 2026-01-01, to: 2026-12-31 }', 'payout_period: year', 'measures:', ...measures.map((m) => `  - ${m}`), ...planExtra),
    'plans/ae.yaml': yaml(
      'id: ae-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: bookings, weight: 1, metric: bookings, credit: owner, tiers: [{ to: 1, rate: 1 }, { rate: 3 }] }',
    ),
  };
}

const ALL_BOOKINGS_STEEP = '{ id: bookings, weight: 1, metric: bookings, credit: pod, tiers: [{ to: 1, rate: 1 }, { rate: 2.5 }] }';

describe('short-term-pressure', () => {
  it('fires high with all four signals', () => {
    const input = inputOf(files([ALL_BOOKINGS_STEEP]));
    const f = only(shortTermPressure(input, planOf(input, 'p')));
    expect(f).toMatchObject({ rule: 'short-term-pressure', severity: 'high', plan: 'p' });
    expect(f.evidence).toEqual({
      signals: 4,
      bookings_weight: 1,
      all_variable_on_bookings: true,
      steep_rate: 2,
      steep_tiers: [{ measure: 'bookings', rate: 2.5, capped: false }],
      customer_outcome_measures: [],
      clawback_days: null,
    });
    expect(f.fix).toContain('clawback: { within_days: 90 }');
  });

  it('is medium with two signals (steep, no customer outcome) and low with one (no clawback)', () => {
    // 0.8 bookings at rate 2 (≥ 2: steep) + 0.2 technical wins, clawback 90 days: 2 signals.
    const two = inputOf(
      files(['{ id: bookings, weight: 0.8, metric: bookings, credit: territory, tiers: [{ to: 1, rate: 1 }, { rate: 2 }] }', '{ id: tech_wins, weight: 0.2, metric: technical_wins, credit: overlay }'], ['clawback: { within_days: 90 }']),
    );
    const f2 = only(shortTermPressure(two, planOf(two, 'p')));
    expect(f2.severity).toBe('medium');
    expect(f2.evidence).toMatchObject({ signals: 2, bookings_weight: 0.8, all_variable_on_bookings: false, steep_tiers: [{ measure: 'bookings', rate: 2, capped: false }], clawback_days: 90 });
    // 0.7 bookings at 1.5, 0.3 mbo, no clawback: 1 signal.
    const one = inputOf(files(['{ id: bookings, weight: 0.7, metric: bookings, credit: pod, tiers: [{ to: 1, rate: 1 }, { rate: 1.5 }] }', '{ id: outcomes, weight: 0.3, metric: mbo }']));
    const f1 = only(shortTermPressure(one, planOf(one, 'p')));
    expect(f1.severity).toBe('low');
    expect(f1.evidence).toMatchObject({ signals: 1, customer_outcome_measures: ['outcomes'], clawback_days: null, steep_tiers: [] });
  });

  it('does not fire on a balanced SE plan, nor on a plan with no SE', () => {
    const input = inputOf(
      files(
        [
          '{ id: bookings, weight: 0.7, metric: bookings, credit: pod, tiers: [{ to: 1, rate: 1 }, { rate: 1.5 }] }',
          '{ id: tech_wins, weight: 0.2, metric: technical_wins, credit: overlay }',
          '{ id: outcomes, weight: 0.1, metric: mbo }',
        ],
        ['clawback: { within_days: 90 }'],
      ),
    );
    expect(shortTermPressure(input, planOf(input, 'p'))).toEqual([]);
    // ae-2026 has all four signals but only an AE on it: the rule is about SE plans.
    expect(shortTermPressure(input, planOf(input, 'ae-2026'))).toEqual([]);
  });

  it('takes the steep rate from org.yaml', () => {
    // With steep_rate 3, rate 2.5 is not steep: all bookings, no mbo, no clawback = 3 signals, still high.
    const input = inputOf(files([ALL_BOOKINGS_STEEP], [], ['diagnostics:', '  short_term_pressure: { steep_rate: 3 }']));
    const f = only(shortTermPressure(input, planOf(input, 'p')));
    expect(f.evidence).toMatchObject({ signals: 3, steep_rate: 3, steep_tiers: [] });
  });
});
