/**
 * Numbers as people read them. Money arrives from the API as exact decimal strings ("12345.67")
 * and is formatted from the string — Intl.NumberFormat formats a decimal string exactly — never
 * parsed into a float or re-computed in the browser.
 */

/** The reader's locale (the browser's; en-US where there is none, as in tests under Node). */
const LOCALE = (globalThis as { navigator?: { language?: string } }).navigator?.language || 'en-US';
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `money("12345.6", "USD")` → "$12,345.60" (in the browser's locale). */
export function money(amount: string, currency: string): string {
  let f = moneyFormats.get(currency);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2 });
    }
    moneyFormats.set(currency, f);
  }
  // The string form is exact (ECMA-402 "Intl.NumberFormat v3": strings are decimal, not floats).
  return f.format(amount as unknown as number);
}

const ratioFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 2 });

/** A ratio string ("1.0425") as a percent ("104.25%"), exactly. */
export function percent(ratio: string): string {
  // Formatted from the string: the × 100 is exact (a decimal, not a float).
  return ratioFormat.format(ratio as unknown as number);
}

const decimalFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 });

/** A decimal string with grouping ("12345.5" → "12,345.5"). */
export function decimal(value: string): string {
  return decimalFormat.format(value as unknown as number);
}

const dayFormat = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "2026-03-31" → "Mar 31, 2026". */
export function day(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dayFormat.format(d);
}

const timeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO timestamp in the reader's time zone. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : timeFormat.format(d);
}

/** "2026-Q3" → "Q3 2026"; years and halves likewise. */
export function period(label: string): string {
  const m = /^(\d{4})-(.+)$/.exec(label);
  return m ? `${m[2]} ${m[1]}` : label;
}
