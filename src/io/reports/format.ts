/**
 * Number formatting for the HTML reports. Money arrives as decimal strings and is rounded exactly
 * (rationals, half away from zero) to whole units; shares and ratios arrive as JSON numbers with at
 * most a few decimals and are rounded from their shortest decimal spelling, so 0.1235 shows as 12.4%
 * rather than whatever its binary neighbour rounds to.
 */
import { formatUnits, parseDecimal, type Rational, roundToUnits } from '../../core/rational.js';

/** "1234567" → "1,234,567" (digits only, no sign). */
function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A fixed decimal string ("-1234.5") with its integer part grouped ("-1,234.5"). */
function groupDecimal(text: string): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot);
  return `${negative ? '-' : ''}${groupDigits(intPart)}${fraction}`;
}

/** The exact value of a JSON number, from its shortest round-trip spelling (undefined for 1e-7 style). */
function exactNumber(value: number): Rational | undefined {
  return Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
}

/** `value` rounded half away from zero to `places` decimals, grouped ("12,345.7"). */
export function formatNumber(value: number, places = 0): string {
  const exact = exactNumber(value);
  if (exact === undefined) return Number.isFinite(value) ? groupDecimal(value.toFixed(places)) : String(value);
  return groupDecimal(formatUnits(roundToUnits(exact, places, 'half_up'), places));
}

/** A money decimal string in whole units, grouped, without a currency (for table columns headed with it): "1234567.89" → "1,234,568". */
export function formatAmount(amount: string): string {
  const exact = parseDecimal(amount);
  return exact === undefined ? amount : groupDecimal(formatUnits(roundToUnits(exact, 0, 'half_up'), 0));
}

/** A change in money in whole units with an explicit sign and no currency: "+1,234", "-56", "0". */
export function formatSignedAmount(amount: string): string {
  const exact = parseDecimal(amount);
  if (exact === undefined) return amount;
  const units = roundToUnits(exact, 0, 'half_up');
  return `${units > 0n ? '+' : ''}${groupDecimal(formatUnits(units, 0))}`;
}

/** A money decimal string in whole units with its currency: "1234567.89", "USD" → "1,234,568 USD". */
export function formatMoney(amount: string, currency: string): string {
  const exact = parseDecimal(amount);
  if (exact === undefined) return `${amount} ${currency}`;
  const units = roundToUnits(exact, 0, 'half_up');
  return `${groupDecimal(formatUnits(units, 0))} ${currency}`;
}

/** A change in money with an explicit sign: "+1,234 USD", "-56 USD", "0 USD". */
export function formatSignedMoney(amount: string, currency: string): string {
  const exact = parseDecimal(amount);
  if (exact === undefined) return `${amount} ${currency}`;
  const units = roundToUnits(exact, 0, 'half_up');
  return `${units > 0n ? '+' : ''}${groupDecimal(formatUnits(units, 0))} ${currency}`;
}

/** The exact difference `b − a` of two money decimal strings, as a decimal string (undefined if either is malformed). */
export function moneyDifference(a: string, b: string): string | undefined {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x === undefined || y === undefined) return undefined;
  const d = y.sub(x);
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  return formatUnits(roundToUnits(d, scale, 'half_up'), scale);
}

/** Compares two money decimal strings exactly (malformed strings sort first). */
export function compareMoney(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
  return x.cmp(y);
}

/** A share 0–1 as a percentage with one decimal: 0.1234 → "12.3%". */
export function formatShare(share: number): string {
  const exact = exactNumber(share);
  if (exact === undefined) return `${(share * 100).toFixed(1)}%`;
  // The share in thousandths is the percentage in tenths.
  return `${groupDecimal(formatUnits(roundToUnits(exact, 3, 'half_up'), 1))}%`;
}

/** A ratio to target as a multiple with two decimals: 0.9734 → "0.97×". */
export function formatMultiple(ratio: number): string {
  return `${formatNumber(ratio, 2)}×`;
}

/** A plotting coordinate from a money decimal string (charts only; every printed figure is exact). */
export function chartNumber(amount: string): number {
  const value = Number(amount);
  return Number.isFinite(value) ? value : 0;
}

/** The ratio of two money decimal strings as a multiple with two decimals ("0.97×"); "n/a" when the divisor is zero or malformed. */
export function formatMoneyRatio(numerator: string, denominator: string): string {
  const n = parseDecimal(numerator);
  const d = parseDecimal(denominator);
  if (n === undefined || d === undefined || d.isZero()) return 'n/a';
  return `${groupDecimal(formatUnits(roundToUnits(n.div(d), 2, 'half_up'), 2))}×`;
}

/** Orders text by UTF-16 code units: a total order that does not depend on the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function signed(units: bigint, places: number): string {
  return `${units > 0n ? '+' : ''}${groupDecimal(formatUnits(units, places))}`;
}

/** The change from share `a` to share `b` in percentage points, one decimal: 0.12, 0.145 → "+2.5 pts". */
export function formatShareChange(a: number, b: number): string {
  const x = exactNumber(a);
  const y = exactNumber(b);
  if (x === undefined || y === undefined) return `${((b - a) * 100).toFixed(1)} pts`;
  return `${signed(roundToUnits(y.sub(x), 3, 'half_up'), 1)} pts`;
}

/** The change from multiple `a` to multiple `b`, two decimals: 0.97, 1.02 → "+0.05×". */
export function formatMultipleChange(a: number, b: number): string {
  const x = exactNumber(a);
  const y = exactNumber(b);
  if (x === undefined || y === undefined) return `${(b - a).toFixed(2)}×`;
  return `${signed(roundToUnits(y.sub(x), 2, 'half_up'), 2)}×`;
}

/** The exact sum of money decimal strings (malformed ones are skipped), as a decimal string with the widest scale seen. */
export function sumMoney(amounts: readonly string[]): string {
  let scale = 0;
  let total: Rational | undefined;
  for (const amount of amounts) {
    const value = parseDecimal(amount);
    if (value === undefined) continue;
    scale = Math.max(scale, amount.split('.')[1]?.length ?? 0);
    total = total === undefined ? value : total.add(value);
  }
  return total === undefined ? '0' : formatUnits(roundToUnits(total, scale, 'half_up'), scale);
}

/** A share as a percentage with at most one decimal, for axes and curves: 1.5 → "150%", 0.125 → "12.5%". */
export function formatPercent(share: number): string {
  return formatShare(share).replace(/\.0%$/, '%');
}
