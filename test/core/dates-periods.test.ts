import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDay, dayFromCivil, formatDay, parseIsoDate } from '../../src/core/dates.js';
import { fiscalYearOf, latestCompleteQuarter, parsePeriod, periodContaining, periodsOverlapping } from '../../src/core/periods.js';

const day = (s: string) => {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(s);
  return d;
};

describe('dates', () => {
  it('round-trips every day through civil dates and text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const { y, m, d: dd } = civilFromDay(d);
        expect(dayFromCivil(y, m, dd)).toBe(d);
        if (y >= 0 && y <= 9999) expect(parseIsoDate(formatDay(d))).toBe(d);
      }),
    );
  });
  it('agrees with JavaScript Date on the epoch offset', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(day('2026-11-27')).toBe(Date.UTC(2026, 10, 27) / 86_400_000);
  });
  it.each(['2026-02-29', '2026-02-30', '2026/03/01', '03/01/2026', '2026-3-1', '2026-13-01', ''])('rejects %j', (s) => {
    expect(parseIsoDate(s)).toBeUndefined();
  });
  it('adds months keeping the day, clamped to the end of a shorter month', () => {
    expect(formatDay(addMonths(day('2026-01-31'), 1))).toBe('2026-02-28');
    expect(formatDay(addMonths(day('2028-01-31'), 1))).toBe('2028-02-29');
    expect(formatDay(addMonths(day('2026-01-31'), 2))).toBe('2026-03-31'); // always from the start date
    expect(formatDay(addMonths(day('2026-11-15'), 3))).toBe('2027-02-15');
  });
});

describe('fiscal periods', () => {
  const calendar = { startMonth: 1, label: 'end' as const };
  const feb = { startMonth: 2, label: 'end' as const };
  const febStart = { startMonth: 2, label: 'start' as const };
  const range = (p: { from: number; to: number } | undefined) => (p ? `${formatDay(p.from)}..${formatDay(p.to)}` : 'none');

  it('reads calendar periods', () => {
    expect(range(parsePeriod('2026', calendar))).toBe('2026-01-01..2026-12-31');
    expect(range(parsePeriod('2026-H2', calendar))).toBe('2026-07-01..2026-12-31');
    expect(range(parsePeriod('2026-Q3', calendar))).toBe('2026-07-01..2026-09-30');
    expect(range(parsePeriod('2026-M02', calendar))).toBe('2026-02-01..2026-02-28');
  });
  it('names a February fiscal year after the year it ends in (label end) or starts in (label start)', () => {
    // The spec: with fiscal_year_start 2, FY2027 runs Feb 2026 – Jan 2027 under label "end".
    expect(range(parsePeriod('2027', feb))).toBe('2026-02-01..2027-01-31');
    expect(range(parsePeriod('2027-Q1', feb))).toBe('2026-02-01..2026-04-30');
    expect(range(parsePeriod('2027-M12', feb))).toBe('2027-01-01..2027-01-31');
    expect(range(parsePeriod('2026', febStart))).toBe('2026-02-01..2027-01-31');
    expect(fiscalYearOf(day('2026-01-15'), feb)).toBe(2026);
    expect(fiscalYearOf(day('2026-02-01'), feb)).toBe(2027);
  });
  it.each(['2026-Q5', '2026-Q0', '2026-H3', '2026-M13', '2026-M7', '26-Q1', '2026Q1', '2026-q1'])('rejects %j', (s) => {
    expect(parsePeriod(s, calendar)).toBeUndefined();
  });
  it('finds containing and overlapping periods', () => {
    expect(periodContaining(day('2026-05-15'), 'quarter', feb).label).toBe('2027-Q2');
    expect(periodsOverlapping({ from: day('2026-03-15'), to: day('2026-08-01') }, 'quarter', calendar).map((p) => p.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });
  it('knows the latest complete quarter', () => {
    expect(latestCompleteQuarter(new Date('2026-11-27T00:00:00Z'), calendar).label).toBe('2026-Q3');
    expect(latestCompleteQuarter(new Date('2027-01-01T00:00:00Z'), calendar).label).toBe('2026-Q4');
  });
});
