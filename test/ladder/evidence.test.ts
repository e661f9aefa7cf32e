/**
 * Evidence and readiness on the hand-made org of fixture.ts, as of 2026-06-30. Every expected
 * number is worked out by hand from the fixture's rows (see the comments).
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/core/dates.js';
import { windowEnding } from '../../src/core/ladder/evidence.js';
import { careerData, evidence, readiness, CareerQueryError } from '../../src/core/ladder/person-reports.js';
import { Rational } from '../../src/core/rational.js';
import { loadFixture } from './fixture.js';

const day = (s: string) => {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(s);
  return d;
};
const asOf = day('2026-06-30');
const { org, career } = loadFixture();
if (!career.ladder) throw new Error('no ladder');
const data = careerData(org, career, career.ladder);

describe('evidence windows', () => {
  it('are the 3N months ending on the as-of day, both ends included', () => {
    // 4 quarters ending 2026-06-30: 2025-07-01 through 2026-06-30.
    expect(windowEnding(asOf, 4)).toEqual({ from: day('2025-07-01'), to: day('2026-06-30'), quarters: 4 });
    // 1 quarter ending 2026-03-31: 2026-01-01 through 2026-03-31.
    expect(windowEnding(day('2026-03-31'), 1)).toEqual({ from: day('2026-01-01'), to: day('2026-03-31'), quarters: 1 });
  });
});

describe('evidence from deals, deal teams and activities', () => {
  const w = windowEnding(asOf, 4);
  const count = (type: string) => data.source.count('s1', type, w);

  it('counts decided deals supported in the window', () => {
    // s1 is on d1, d2, d3, d4, d5, d7. d4 closed 2025-06-30 (a day early), d5 is open, d7 closes
    // 2026-07-01 (a day late): d1, d2, d3 remain.
    expect(count('deals_supported').items).toEqual(['d1', 'd2', 'd3']);
    expect(count('deals_supported').value.eq(Rational.fromInt(3))).toBe(true);
  });

  it('dates technical wins by technical_win_date, else close date', () => {
    // d1 (tw 2025-07-20), d3 (no tw date: close 2026-01-10), d7 (tw 2026-06-30 although it closes
    // after the window); d4's technical win (2025-06-01) is before the window.
    expect(count('technical_wins').items).toEqual(['d1', 'd3', 'd7']);
  });

  it('counts POCs run and converted among the deals supported', () => {
    expect(count('pocs_run').items).toEqual(['d1', 'd2']);
    expect(count('pocs_converted').items).toEqual(['d1']);
  });

  it('gives the win rate with the segment rate over the same deals', () => {
    const c = count('win_rate');
    // Won d1 and d3 of the 3 decided: 2/3.
    expect(c.value.eq(Rational.of(2n, 3n))).toBe(true);
    // ENT decided in the window: d1 won, d2 lost, d8 lost → 1/3. MM: d3 won, d6 lost → 1/2.
    // s1's deals d1 (ENT), d2 (ENT), d3 (MM): (1/3 + 1/3 + 1/2) / 3 = (7/6) / 3 = 7/18.
    expect(c.winRate?.won).toBe(2);
    expect(c.winRate?.decided).toBe(3);
    expect(c.winRate?.segmentRate?.eq(Rational.of(7n, 18n))).toBe(true);
  });

  it('counts activities by type, both window ends included', () => {
    // product_gap on 2025-07-01 and 2026-06-30 count; the one on 2025-06-30 does not.
    expect(count('product_gap').items).toEqual(['a-1', 'a-3']);
    expect(count('mentoring').items).toEqual(['a-4']);
    expect(count('external_talk').value.isZero()).toBe(true);
  });

  it('marks a window that starts before the data as not assessable', () => {
    // Deals start 2025-06-30 (d4), activities 2025-06-30 (a-2). A 4-quarter window from
    // 2025-07-01 is covered; an 8-quarter window from 2024-07-01 is not.
    expect(count('technical_wins').assessable).toBe(true);
    expect(count('product_gap').assessable).toBe(true);
    const w8 = windowEnding(asOf, 8);
    expect(data.source.count('s1', 'technical_wins', w8).assessable).toBe(false);
    expect(data.source.count('s1', 'product_gap', w8).assessable).toBe(false);
  });

  it('reports every window of the ladder and the minimums of the level and the next ones', () => {
    const e = evidence(data, 's1', asOf);
    expect(e.windows.map((x) => [x.quarters, x.from, x.to])).toEqual([[4, '2025-07-01', '2026-06-30']]);
    const values = Object.fromEntries((e.windows[0]?.evidence ?? []).map((x) => [x.type, x.value]));
    expect(values).toMatchObject({ deals_supported: '3', technical_wins: '3', pocs_run: '2', pocs_converted: '1', win_rate: '0.6667', product_gap: '2', mentoring: '1', deal_review: '0' });
    // SE2, then its next levels SE3 and M1.
    expect(e.minimums.map((m) => m.level)).toEqual(['SE2', 'SE3', 'M1']);
    expect(e.coverage).toEqual({ deals_from: '2025-06-30', activities_from: '2025-06-30' });
  });
});

describe('readiness', () => {
  it('lists every gap against the next level', () => {
    const r = readiness(data, 's1', asOf);
    expect([r.level, r.target_level]).toEqual(['SE2', 'SE3']);
    // discovery: the calibrated 3 (2025-12-15) decides over the later manager 3; expected 3: met.
    // Its evidence: 3 technical wins of the 4 required: a gap.
    // ai: no calibrated rating; the manager's 1 (2026-06-15) is below 2: a gap. product_gap 2 ≥ 2
    // and win_rate 2/3 ≥ 0.5 are met.
    expect(r.gaps.map((g) => g.competency)).toEqual(['discovery', 'ai']);
    const [discovery, ai] = r.gaps;
    expect(discovery).toMatchObject({ expected: 3, rating: 3, rating_source: 'calibrated', rating_date: '2025-12-15', self_rating: 4, rating_met: true });
    expect(discovery?.evidence).toEqual([{ type: 'technical_wins', required: '4', found: '3', window: '2025-07-01 – 2026-06-30 (4 quarters)', window_quarters: 4, assessable: true, met: false }]);
    expect(ai).toMatchObject({ expected: 2, rating: 1, rating_source: 'manager', rating_met: false });
    expect(ai?.evidence.map((e) => [e.type, e.found, e.required, e.met])).toEqual([
      ['product_gap', '2', '2', true],
      ['win_rate', '0.6667', '0.5', true],
    ]);
    expect(r.meets_minimums).toBe(false);
  });

  it('meets the current level, with how long the ratings have met it', () => {
    const r = readiness(data, 's1', asOf, 'SE2');
    // discovery 3 ≥ 2 with 3 technical wins ≥ 2; ai 1 ≥ 1 with 2 product gaps ≥ 1.
    expect(r.gaps).toEqual([]);
    expect(r.meets_minimums).toBe(true);
    // On 2025-12-15 there was no ai rating yet; from 2026-06-15 both competencies meet SE2.
    expect(r.sustained).toEqual({ required_quarters: null, meeting_since: '2026-06-15', quarters: 0 });
  });

  it('reports no rating as a gap', () => {
    // s4 (SE1) has no assessments at all: both SE2 competencies are gaps with rating null.
    const r = readiness(data, 's4', asOf);
    expect(r.gaps.map((g) => [g.competency, g.rating, g.rating_source])).toEqual([
      ['discovery', null, null],
      ['ai', null, null],
    ]);
  });

  it('refuses an unknown person, a level outside the ladder and the top of a track', () => {
    expect(() => readiness(data, 'nobody', asOf)).toThrow(CareerQueryError);
    expect(() => readiness(data, 'a1', asOf)).toThrow(/AE1.*not a level/);
    expect(() => readiness(data, 's3', asOf)).toThrow(/top of its track/);
    expect(() => readiness(data, 's1', asOf, 'SE9')).toThrow(/--level "SE9"/);
  });
});
