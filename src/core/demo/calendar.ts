/**
 * Calendar helpers for the generator, on day numbers (days since 1970-01-01) from core/dates.ts,
 * plus a fast formatter for the millions of dates the large org writes.
 */
import { addMonths, civilFromDay, dayFromCivil, daysInMonth, formatDay } from '../dates.js';

export { addMonths, daysInMonth };

/** Days since 1970-01-01 of a proleptic-Gregorian date (month 1–12). */
export const dayNumber = dayFromCivil;

/** An ISO `YYYY-MM-DD` string. */
export const isoDate = formatDay;

/** The year, month (1–12) and day of a day number. */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const { y, m, d } = civilFromDay(days);
  return { year: y, month: m, day: d };
}

/** Day of the week, 0 = Monday … 6 = Sunday. */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** Formats day numbers in a window quickly, from a table built once. */
export class DateFormatter {
  private readonly first: number;
  private readonly table: string[];

  constructor(first: number, last: number) {
    this.first = first;
    this.table = [];
    for (let d = first; d <= last; d += 1) this.table.push(isoDate(d));
  }

  /** The ISO string of a day number (computed directly outside the table's window). */
  format(days: number): string {
    return this.table[days - this.first] ?? isoDate(days);
  }
}
