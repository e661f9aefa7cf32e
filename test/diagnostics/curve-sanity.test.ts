/**
 * curve-sanity: a threshold above the median attainment, a cap that binds on more than 20% of
 * statements (diagnostics.curve_sanity.cap_binds_share), a retroactive drop, a zero-rate gap, a
 * decelerator, weights not summing to 1, a measure with no quota data, a plan nobody is on.
 *
 * se-1..se-3 (SE) on se-2026, paid yearly. Every deal is won in 2026 with a technical win, owned
 * by ae-1 and worked by one SE:
 *   se-1: d1 10000, d2 10000, d3 20000  → bookings 40000 / 100000 = 0.4;  tech wins 3 / 2 = 1.5
 *   se-2: d4 20000, d5 20000, d6 10000  → bookings 50000 / 100000 = 0.5;  tech wins 1.5
 *   se-3: d7 120000                     → bookings 1.2;                   tech wins 1 / 2 = 0.5
 */
import { describe, expect, it } from 'vitest';
import { capAttainment, curveSanity } from '../../src/core/diagnostics/curve-sanity.js';
import { Rational } from '../../src/core/rational.js';
import { csv, inputOf, only, planOf, yaml } from './helpers.js';

function files(threshold: string, cap: string): Record<string, string> {
  const deals: [string, string, string][] = [
    ['d1', '10000', 'se-1'],
    ['d2', '10000', 'se-1'],
    ['d3', '20000', 'se-1'],
    ['d4', '20000', 'se-2'],
    ['d5', '20000', 'se-2'],
    ['d6', '10000', 'se-2'],
    ['d7', '120000', 'se-3'],
  ];
  return {
    'org.yaml': yaml('name: Curve Co', 'currency: USD'),
    'people.csv': csv('id,role,target_incentive,plan', 'ae-1,AE,,', 'se-1,SE,20000,se-2026', 'se-2,SE,20000,se-2026', 'se-3,SE,20000,se-2026'),
    'deals.csv': csv('id,owner_id,amount,stage,close_date,technical_win', ...deals.map(([id, amount]) => `${id},ae-1,${amount},closed_won,2026-04-15,true`)),
    'deal_team.csv': csv('deal_id,person_id', ...deals.map(([id, , se]) => `${id},${se}`)),
    'quotas.csv': csv('person_id,measure,period,target', ...['se-1', 'se-2', 'se-3'].flatMap((p) => [`${p},bookings,2026,100000`, `${p},tech_wins,2026,2`])),
    'mbo.csv': csv('person_id,measure,period,score', 'se-1,outcomes,2026,1', 'se-2,outcomes,2026,1', 'se-3,outcomes,2026,1'),
    'plans/se.yaml': yaml(
      'id: se-2026',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      `  - { id: bookings, weight: 0.5, metric: bookings, credit: overlay, threshold: ${threshold}, tiers: [{ to: 1, rate: 1 }, { rate: 1.5 }] }`,
      `  - { id: tech_wins, weight: 0.3, metric: technical_wins, credit: overlay, cap: ${cap}, tiers: [{ to: 1, rate: 1 }, { rate: 2 }] }`,
      '  - { id: outcomes, weight: 0.2, metric: mbo }',
    ),
    'plans/odd.yaml': yaml(
      'id: odd-2026',
      'applies_to: { role: XX }',
      'effective: { from: 2026-01-01, to: 2026-12-31 }',
      'payout_period: year',
      'measures:',
      '  - { id: m1, weight: 0.5, metric: bookings, credit: owner, mode: retroactive, tiers: [{ to: 1, rate: 1.2 }, { rate: 1 }] }',
      '  - { id: m2, weight: 0.5, metric: bookings, credit: owner, tiers: [{ to: 0.5, rate: 0 }, { to: 1, rate: 1 }, { to: 2, rate: 2 }, { rate: 1 }] }',
    ),
  };
}

describe('curve-sanity', () => {
  it('fires for a threshold above the median and a cap that binds for many', () => {
    const input = inputOf(files('0.6', '1.2'));
    const findings = curveSanity(input, planOf(input, 'se-2026'));
    expect(findings.map((f) => [f.severity, f.measure])).toEqual([
      ['high', 'bookings'],
      ['medium', 'tech_wins'],
    ]);
    // Bookings year attainments 0.4, 0.5, 1.2: median 0.5 < threshold 0.6; se-1 and se-2 below it,
    // so their (single, yearly) statements have factor 0.
    expect(findings[0]?.evidence).toEqual({ threshold: 0.6, median_attainment: 0.5, people: 3, people_below_threshold: 2, statements: 3, statements_with_factor_zero: 2 });
    // Tech wins 1.5, 1.5, 0.5: f(1.5) = 1 + 2 × 0.5 = 2 > cap 1.2, so 2 of 3 statements are capped
    // (0.6667 > 0.2). The cap binds from 1 + (1.2 − 1) / 2 = 1.1. The 80% point of attainment
    // (nearest rank ⌈0.8 × 3⌉ = 3rd of 0.5, 1.5, 1.5) is 1.5, whose uncapped factor 2 is the suggested cap.
    expect(findings[1]?.evidence).toEqual({ cap: 1.2, binds_from_attainment: 1.1, statements: 3, capped: 2, capped_share: 0.6667, cap_binds_share: 0.2, suggested_cap: 2 });
    expect(findings[1]?.fix).toContain('Raise the cap to 2');
  });

  it('fires for a retroactive drop, a zero-rate gap, a decelerator and a plan nobody is on', () => {
    const input = inputOf(files('0.6', '1.2'));
    const findings = curveSanity(input, planOf(input, 'odd-2026'));
    expect(findings.map((f) => [f.severity, f.measure ?? null])).toEqual([
      ['high', 'm1'],
      ['medium', 'm2'],
      ['low', 'm2'],
      ['info', null],
    ]);
    // Retroactive: at 1 the factor is 1.2 × 1 = 1.2; just past it 1 × 1 = 1.
    expect(findings[0]?.evidence).toEqual({
      mode: 'retroactive',
      tiers: [
        { to: 1, rate: 1.2 },
        { to: null, rate: 1 },
      ],
      drops: [{ at_attainment: 1, factor_before: 1.2, factor_after: 1 }],
    });
    expect(findings[1]?.evidence).toMatchObject({ zero_rate_tiers: [1] });
    expect(findings[1]?.message).toContain('0–0.5 at rate 0');
    // Tier 4 (rate 1) after tier 3 (rate 2); tier 2 (rate 1 after 0) is the gap's end, not a decelerator.
    expect(findings[2]?.evidence).toMatchObject({ decelerating_tiers: [4] });
    expect(findings[3]?.evidence).toEqual({ statements: 0, applies_to: ['XX'] });
  });

  it('fires for weights not summing to 1 and a measure without data (built around validation)', () => {
    const input = inputOf(files('0.4', '2.5'));
    const odd = planOf(input, 'odd-2026');
    const reweighted = { ...odd, measures: odd.measures.map((m) => (m.id === 'm1' ? { ...m, weight: Rational.of(3n, 10n) } : m)) };
    const weights = curveSanity(input, reweighted).find((f) => f.evidence.sum !== undefined);
    // 0.3 + 0.5 = 0.8.
    expect(weights).toMatchObject({ severity: 'high', evidence: { weights: { m1: 0.3, m2: 0.5 }, sum: 0.8 } });
    const stripped = { ...input, statements: input.statements.map((s) => ({ ...s, measures: s.measures.filter((m) => m.measure.id !== 'tech_wins') })) };
    const f = only(curveSanity(stripped, planOf(input, 'se-2026')));
    expect(f).toMatchObject({ severity: 'high', measure: 'tech_wins', evidence: { people: 3, statements: 3, statements_with_measure: 0 } });
  });

  it('does not fire for a threshold under the median and a cap that rarely binds', () => {
    // Threshold 0.4 ≤ median 0.5; cap 2.5 above the largest factor 2.
    const input = inputOf(files('0.4', '2.5'));
    expect(curveSanity(input, planOf(input, 'se-2026'))).toEqual([]);
  });

  it('finds where a cap starts to bind', () => {
    const input = inputOf(files('0.6', '1.2'));
    const [m1, m2] = planOf(input, 'odd-2026').measures;
    if (!m1 || !m2) throw new Error('measures');
    // Marginal 0 to 0.5, 1 to 1, 2 to 2: f(1) = 0.5, f(2) = 2.5; a cap of 1.5 is reached at 1 + (1.5 − 0.5) / 2 = 1.5.
    expect(capAttainment({ ...m2, cap: Rational.of(3n, 2n) })?.toFraction()).toBe('3/2');
    // Retroactive 1.2 × a up to 1: a cap of 0.6 is reached at 0.6 / 1.2 = 0.5.
    expect(capAttainment({ ...m1, cap: Rational.of(3n, 5n) })?.toFraction()).toBe('1/2');
  });
});
