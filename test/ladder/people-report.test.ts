/**
 * The people report on the hand-made org of fixture.ts, as of 2026-06-30; the expected numbers are
 * worked out by hand in the comments. Pay equity also on a roster built for a known gap, and the
 * least-squares fit against exact data.
 */
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/core/dates.js';
import { DEFAULT_PEOPLE_OPTIONS, peopleReport } from '../../src/core/ladder/people-report.js';
import { careerData } from '../../src/core/ladder/person-reports.js';
import { leastSquares } from '../../src/core/ladder/regression.js';
import { FILES, loadFixture } from './fixture.js';

const asOf = parseIsoDate('2026-06-30') ?? 0;

function reportOf(changes: Record<string, string | undefined> = {}) {
  const { org, career } = loadFixture(changes);
  if (!career.ladder) throw new Error('no ladder');
  return peopleReport(careerData(org, career, career.ladder), [], { ...DEFAULT_PEOPLE_OPTIONS, asOf });
}

describe('people report', () => {
  const r = reportOf();

  it('covers the people on the ladder who are employed on the day', () => {
    // m1, s1, s2, s3 and s4 have ladder levels; a1 (AE1) does not.
    expect(r.in_scope).toBe(5);
  });

  it('finds the promotion made without meeting the bar, and counts the one it cannot judge', () => {
    // s3: SE2 → SE3 on 2026-03-01. The calibrated ratings of 2025-12-15 were discovery 2 (SE3
    // expects 3) and ai 1 (expects 2). Their evidence windows start 2025-03-02, before the deals
    // (2025-06-30) and activities (2025-06-30) start: not judged. s1's 2021 promotion had no rating
    // before it: counted as unassessed, not listed.
    expect(r.tenure_promotions.map((t) => [t.person_id, t.from_level, t.to_level, t.packet])).toEqual([['s3', 'SE2', 'SE3', '']]);
    const t = r.tenure_promotions[0];
    expect(t?.gaps.map((g) => [g.competency, g.rating, g.expected, g.rating_met])).toEqual([
      ['discovery', 2, 3, false],
      ['ai', 1, 2, false],
    ]);
    // SE3 asks technical_wins for discovery, product_gap and win_rate for ai: none judged.
    expect(t?.gaps.flatMap((g) => g.evidence.map((e) => [e.type, e.assessable]))).toEqual([
      ['technical_wins', false],
      ['product_gap', false],
      ['win_rate', false],
    ]);
    // Hired 2024-03-01 at SE2: 730 days (365 + 365) before the promotion; 730 / 365.25 = 1.99863.
    expect(t?.years_at_previous_level).toBe(1.9986);
    expect(r.unassessed_promotions).toBe(1);
  });

  it('finds people three years or more at a level whose ratings meet a next level', () => {
    // s1: SE2 since 2021-06-01. SE3 needs ai 2 (rated 1); M1 needs discovery 2 and ai 1 (rated 3
    // and 1): meets M1. 2021-06-01 → 2026-06-01 is 1826 days (one leap day), + 29 = 1855 days;
    // 1855 / 365.25 = 5.07871.
    // s2: SE2 since 2022-01-01; calibrated discovery 3 and ai 2 meet SE3. 2022-01-01 → 2026-01-01
    // is 1461 days, + 31+28+31+30+31+29 = 180 → 1641 days; 1641 / 365.25 = 4.49281.
    // m1 (M1 since 2022) has no ratings; s3 and s4 are new at their levels.
    expect(r.stuck.map((s) => [s.person_id, s.level, s.reason, s.next_level, s.years_at_level, s.meeting_next_since])).toEqual([
      ['s1', 'SE2', 'meets_next_level', 'M1', 5.0787, '2026-06-15'],
      ['s2', 'SE2', 'meets_next_level', 'SE3', 4.4928, '2026-06-15'],
    ]);
  });

  it('counts a person rated above their own level everywhere as stuck at the top of the band', () => {
    // Rate m1 (M1 since 2022-01-01, top of the management track) 3 and 2: above M1's 2 and 1.
    const assessments = `${FILES['assessments.csv'] ?? ''}m1,2026-06-01,m1,calibrated,discovery,3,\nm1,2026-06-01,m1,calibrated,ai,2,\n`;
    const stuck = reportOf({ 'assessments.csv': assessments }).stuck.find((s) => s.person_id === 'm1');
    expect(stuck).toMatchObject({ reason: 'top_of_band', next_level: null, level_since: '2022-01-01' });
  });

  it('lists people with no path conversation in twelve months, except new hires', () => {
    // The window is 2025-06-30 (excluded) to 2026-06-30. s2's last was 2025-05-01: 13 whole months
    // before (2025-05-01 + 13 months = 2026-06-01 ≤ 2026-06-30 < 2026-07-01). s3 never had one.
    // s4 was hired 2026-05-01, 60 days before: not listed. m1 and s1 had one in 2026.
    expect(r.no_conversation.map((c) => [c.person_id, c.last_conversation, c.months_since])).toEqual([
      ['s2', '2025-05-01', 13],
      ['s3', null, null],
    ]);
  });

  it('gives compa-ratio and range penetration against the band for the level and location', () => {
    // s1: 100000 in 90000–100000–110000: compa 1, penetration 10000/20000 = 0.5.
    // s2: 120000: compa 1.2, penetration 30000/20000 = 1.5, above the band.
    // s3: 130000 in the blank-location SE3 band 110000–130000–150000: compa 1, penetration 0.5.
    // m1 (M1) and s4 (SE1) have no band.
    expect(r.compa_ratio.map((c) => [c.person_id, c.compa_ratio, c.range_penetration, c.position])).toEqual([
      ['m1', null, null, 'no_band'],
      ['s1', 1, 0.5, 'within'],
      ['s2', 1.2, 1.5, 'above'],
      ['s3', 1, 0.5, 'within'],
      ['s4', null, null, 'no_band'],
    ]);
  });

  it('has no parity entries without statements', () => {
    expect(r.parity).toEqual([]);
  });
});

describe('pay equity', () => {
  it('finds a known gap within a level and flags it', () => {
    // Ten SE2s hired the same day in one location: five with attr_gender F on 90000, five M on
    // 100000. Equal group sizes: the reference is the first by name, F. M's gap: 100000 / 90000 − 1
    // = 0.11111, raw and adjusted alike (location, currency and tenure do not vary).
    const rows = Array.from({ length: 10 }, (_, i) => `p${i},P ${i},SE,SE2,ic,,2020-01-01,2020-01-01,us,USD,${i < 5 ? 90000 : 100000},${i < 5 ? 'F' : 'M'}`);
    const people = ['id,name,role,level,track,manager_id,hire_date,level_since,location,currency,base_salary,attr_gender', 'a1,Ann AE,AE,AE1,ic,,2019-01-01,,us,USD,90000,', ...rows].join('\n');
    const r = reportOf({ 'people.csv': `${people}\n`, 'deal_team.csv': 'deal_id,person_id\n', 'activities.csv': undefined, 'assessments.csv': undefined, 'level_history.csv': undefined, 'conversations.csv': undefined });
    expect(r.pay_equity.map((g) => [g.attribute, g.group, g.reference, g.n_group, g.n_reference, g.raw_gap, g.adjusted_gap, g.flagged])).toEqual([['attr_gender', 'M', 'F', 5, 5, 0.1111, 0.1111, true]]);
    expect(r.pay_equity[0]?.by_level).toEqual([{ level: 'SE2', n_group: 5, n_reference: 5, median_compa_group: 1, median_compa_reference: 0.9 }]);
  });

  it('does not flag a gap below the threshold or with small groups', () => {
    // The fixture: F (m1, s2, a1) is the reference; M and X groups of 2 and 1 are below 5 people.
    expect(reportOf().pay_equity.every((g) => !g.flagged)).toBe(true);
  });
});

describe('least squares', () => {
  it('recovers exact coefficients and leaves out dependent columns', () => {
    // y = 1 + 2·x1 + 3·x2 on five points; x3 = x1 + x2 adds nothing; x4 is constant.
    const x1 = [0, 1, 2, 3, 4];
    const x2 = [1, 0, 2, 1, 3];
    const y = x1.map((v, i) => 1 + 2 * v + 3 * (x2[i] ?? 0));
    const b = leastSquares(y, [x1, x2, x1.map((v, i) => v + (x2[i] ?? 0)), [7, 7, 7, 7, 7]]);
    expect(b?.[0]).toBeCloseTo(2, 9);
    expect(b?.[1]).toBeCloseTo(3, 9);
    expect(b?.slice(2)).toEqual([null, null]);
  });

  it('fits the mean difference of two groups', () => {
    // Group 1 at 5 and 7 (mean 6), group 0 at 1 and 3 (mean 2): the coefficient is 4.
    expect(leastSquares([1, 3, 5, 7], [[0, 0, 1, 1]])?.[0]).toBeCloseTo(4, 9);
    expect(leastSquares([1, 2], [[0, 1], [1, 0]])).toBeUndefined();
  });
});
