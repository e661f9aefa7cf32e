import { addMonths, civilFromDay, dayFromCivil, type Day, type DayRange } from './dates.js';

/** How an org names its fiscal years (org.yaml `fiscal_year_start`, `fiscal_year_label`). */
export interface FiscalCalendar {
  /** Month 1-12 in which the fiscal year starts. */
  readonly startMonth: number;
  /** `end`: FY2027 runs Feb 2026 – Jan 2027 (start month 2); `start`: FY2026 does. */
  readonly label: 'end' | 'start';
}

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';

/** A fiscal period: a labelled, inclusive range of days. */
export interface Period extends DayRange {
  readonly kind: PeriodKind;
  /** Fiscal year label. */
  readonly fy: number;
  /** 1-based position of the period inside its fiscal year. */
  readonly index: number;
  readonly label: string;
}

const MONTHS: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };

/** Months in a period of this kind. */
export function monthsIn(kind: PeriodKind): number {
  return MONTHS[kind];
}

/** The fraction of a year a period of this kind is worth: 1/12, 1/4, 1/2, 1 — as [numerator, denominator]. */
export function yearFraction(kind: PeriodKind): readonly [bigint, bigint] {
  return [BigInt(MONTHS[kind]), 12n];
}

/** The first day of fiscal year `fy`. */
export function fiscalYearStart(fy: number, cal: FiscalCalendar): Day {
  const startCalendarYear = cal.startMonth > 1 && cal.label === 'end' ? fy - 1 : fy;
  return dayFromCivil(startCalendarYear, cal.startMonth, 1);
}

/** The fiscal year label of the year containing `day`. */
export function fiscalYearOf(day: Day, cal: FiscalCalendar): number {
  const { y, m } = civilFromDay(day);
  const startCalendarYear = m >= cal.startMonth ? y : y - 1;
  return cal.startMonth > 1 && cal.label === 'end' ? startCalendarYear + 1 : startCalendarYear;
}

function label(kind: PeriodKind, fy: number, index: number): string {
  switch (kind) {
    case 'year':
      return String(fy);
    case 'half':
      return `${fy}-H${index}`;
    case 'quarter':
      return `${fy}-Q${index}`;
    case 'month':
      return `${fy}-M${String(index).padStart(2, '0')}`;
  }
}

/** The `index`-th period of `kind` in fiscal year `fy`. */
export function makePeriod(kind: PeriodKind, fy: number, index: number, cal: FiscalCalendar): Period {
  const months = MONTHS[kind];
  const from = addMonths(fiscalYearStart(fy, cal), (index - 1) * months);
  const to = addMonths(from, months) - 1;
  return { kind, fy, index, label: label(kind, fy, index), from, to };
}

const PERIOD = /^(\d{4})(?:-(H|Q|M)(\d{1,2}))?$/;

/** Parses `2026`, `2026-H1`, `2026-Q3`, `2026-M07`; undefined when malformed or out of range. */
export function parsePeriod(text: string, cal: FiscalCalendar): Period | undefined {
  const m = PERIOD.exec(text);
  if (!m) return undefined;
  const fy = Number(m[1]);
  if (m[2] === undefined) return makePeriod('year', fy, 1, cal);
  const digits = m[3] ?? '';
  const index = Number(digits);
  switch (m[2]) {
    case 'H':
      return digits.length === 1 && index >= 1 && index <= 2 ? makePeriod('half', fy, index, cal) : undefined;
    case 'Q':
      return digits.length === 1 && index >= 1 && index <= 4 ? makePeriod('quarter', fy, index, cal) : undefined;
    default:
      return digits.length === 2 && index >= 1 && index <= 12 ? makePeriod('month', fy, index, cal) : undefined;
  }
}

/** The period of `kind` containing `day`. */
export function periodContaining(day: Day, kind: PeriodKind, cal: FiscalCalendar): Period {
  const fy = fiscalYearOf(day, cal);
  const start = civilFromDay(fiscalYearStart(fy, cal));
  const { y, m } = civilFromDay(day);
  const monthOffset = (y - start.y) * 12 + (m - start.m);
  return makePeriod(kind, fy, Math.floor(monthOffset / MONTHS[kind]) + 1, cal);
}

/** The periods of `kind` that overlap `range`, in order. */
export function periodsOverlapping(range: DayRange, kind: PeriodKind, cal: FiscalCalendar): Period[] {
  const out: Period[] = [];
  if (range.from > range.to) return out;
  let p = periodContaining(range.from, kind, cal);
  while (p.from <= range.to) {
    out.push(p);
    p = next(p, cal);
  }
  return out;
}

/** The period of the same kind that follows `p`. */
export function next(p: Period, cal: FiscalCalendar): Period {
  const perYear = 12 / MONTHS[p.kind];
  return p.index < perYear ? makePeriod(p.kind, p.fy, p.index + 1, cal) : makePeriod(p.kind, p.fy + 1, 1, cal);
}

/** True when `inner` lies wholly inside `outer`. */
export function within(inner: DayRange, outer: DayRange): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}

/** Shorter kinds rank lower: month < quarter < half < year. */
export function kindRank(kind: PeriodKind): number {
  return MONTHS[kind];
}

/** The latest quarter that ended before `today` (a calendar date given by the caller). */
export function latestCompleteQuarter(today: { getUTCFullYear(): number; getUTCMonth(): number; getUTCDate(): number }, cal: FiscalCalendar): Period {
  const day = dayFromCivil(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate());
  const current = periodContaining(day, 'quarter', cal);
  return periodContaining(current.from - 1, 'quarter', cal);
}
