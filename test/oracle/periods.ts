import { addMonths, dayOf, ymd, type Day } from './dates.js';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';

export const MONTHS_IN: Readonly<Record<PeriodKind, number>> = { year: 12, half: 6, quarter: 3, month: 1 };

export const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'half', 'quarter', 'month'];

export interface Period {
  readonly kind: PeriodKind;
  readonly fiscalYear: number;
  /** 1-based position inside the fiscal year (H1 = 1, Q3 = 3, M07 = 7; a year is 1). */
  readonly index: number;
  readonly label: string;
  readonly start: Day;
  /** Inclusive. */
  readonly end: Day;
}

export function periodDays(p: Period): number {
  return p.end - p.start + 1;
}

export function periodContains(outer: Period, inner: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function dayInPeriod(day: Day, p: Period): boolean {
  return p.start <= day && day <= p.end;
}

/** Fiscal periods for one org: `fiscal_year_start` and `fiscal_year_label`. */
export class FiscalCalendar {
  constructor(
    readonly startMonth: number,
    readonly labelMode: 'end' | 'start',
  ) {
    if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
      throw new Error(`fiscal_year_start must be 1-12, got ${startMonth}`);
    }
  }

  /** The calendar year in which fiscal year `fy` starts. */
  private startCalendarYear(fy: number): number {
    return this.labelMode === 'end' && this.startMonth !== 1 ? fy - 1 : fy;
  }

  fiscalYearStart(fy: number): Day {
    return dayOf(this.startCalendarYear(fy), this.startMonth, 1);
  }

  fiscalYearOf(day: Day): number {
    const { y, m } = ymd(day);
    const startYear = m >= this.startMonth ? y : y - 1;
    return this.labelMode === 'end' && this.startMonth !== 1 ? startYear + 1 : startYear;
  }

  period(kind: PeriodKind, fy: number, index: number): Period {
    const n = MONTHS_IN[kind];
    if (!Number.isInteger(index) || index < 1 || index > 12 / n) throw new Error(`bad ${kind} index ${index}`);
    const start = addMonths(this.fiscalYearStart(fy), (index - 1) * n);
    const end = addMonths(start, n) - 1;
    return { kind, fiscalYear: fy, index, label: periodLabel(kind, fy, index), start, end };
  }

  parse(label: string): Period {
    const m = /^(\d{4})(?:-(H|Q|M)(\d{1,2}))?$/.exec(label.trim());
    if (!m) throw new Error(`not a period label: "${label}"`);
    const fy = Number(m[1]);
    if (m[2] === undefined) return this.period('year', fy, 1);
    const kind: PeriodKind = m[2] === 'H' ? 'half' : m[2] === 'Q' ? 'quarter' : 'month';
    if (kind === 'month' && m[3]?.length !== 2) throw new Error(`month labels use two digits: "${label}"`);
    if (kind !== 'month' && m[3]?.length !== 1) throw new Error(`bad period label: "${label}"`);
    const p = this.period(kind, fy, Number(m[3]));
    if (p.label !== label.trim()) throw new Error(`bad period label: "${label}"`);
    return p;
  }

  containing(kind: PeriodKind, day: Day): Period {
    const fy = this.fiscalYearOf(day);
    const { m } = ymd(day);
    const offset = (m - this.startMonth + 12) % 12;
    return this.period(kind, fy, Math.floor(offset / MONTHS_IN[kind]) + 1);
  }

  /** Every period of `kind` that has at least one day in [from, to], in order. */
  periodsBetween(kind: PeriodKind, from: Day, to: Day): Period[] {
    const out: Period[] = [];
    if (from > to) return out;
    let p = this.containing(kind, from);
    while (p.start <= to) {
      out.push(p);
      p = this.containing(kind, p.end + 1);
    }
    return out;
  }
}

export function periodLabel(kind: PeriodKind, fy: number, index: number): string {
  switch (kind) {
    case 'year':
      return `${fy}`;
    case 'half':
      return `${fy}-H${index}`;
    case 'quarter':
      return `${fy}-Q${index}`;
    case 'month':
      return `${fy}-M${String(index).padStart(2, '0')}`;
  }
}
