/**
 * Civil-calendar arithmetic on day numbers (days since 1970-01-01), without Date objects, so the
 * generator stays pure and fast. Algorithms from Howard Hinnant's "chrono-compatible low-level date
 * algorithms".
 */

/** Days since 1970-01-01 of a proleptic-Gregorian date (month 1–12). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The year, month (1–12) and day of a day number. */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  return dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
}

/** Day of the week, 0 = Monday … 6 = Sunday. */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** An ISO `YYYY-MM-DD` string. */
export function isoDate(days: number): string {
  const { year, month, day } = civilDate(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `date + months`, keeping the day of month and clamping it to the end of a shorter month. */
export function addMonths(days: number, months: number): number {
  const { year, month, day } = civilDate(days);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayNumber(y, m, Math.min(day, daysInMonth(y, m)));
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
