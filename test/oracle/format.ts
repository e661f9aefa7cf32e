import { formatUnits, Rational } from './rational.js';

export type RoundingMode = 'half_even' | 'half_up';

/** ISO 4217 minor units for the currencies Tandem's tests use; anything else is an error here. */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  JPY: 0,
  KRW: 0,
};

export function minorDigits(currency: string): number {
  const digits = MINOR_UNITS[currency];
  if (digits === undefined) throw new Error(`oracle does not know the minor units of ${currency}`);
  return digits;
}

/** x rounded to an integer number of 10^-scale units; ties by `mode` (half_up = away from zero). */
export function roundToUnits(x: Rational, scale: number, mode: RoundingMode): bigint {
  const scaled = x.mul(Rational.of(10n ** BigInt(scale)));
  const negative = scaled.num < 0n;
  const n = negative ? -scaled.num : scaled.num;
  const d = scaled.den;
  let q = n / d;
  const twiceRemainder = 2n * (n - q * d);
  if (twiceRemainder > d) q += 1n;
  else if (twiceRemainder === d) {
    if (mode === 'half_up' || q % 2n === 1n) q += 1n;
  }
  return negative ? -q : q;
}

/** A money line: rounded once to the currency's minor unit, as an exact value. */
export function roundMoney(x: Rational, currency: string, mode: RoundingMode): Rational {
  const scale = minorDigits(currency);
  return Rational.of(roundToUnits(x, scale, mode), 10n ** BigInt(scale));
}

/** Money text with exactly the currency's minor digits (rounded by the org's mode when needed). */
export function formatMoney(x: Rational, currency: string, mode: RoundingMode): string {
  const scale = minorDigits(currency);
  return formatUnits(roundToUnits(x, scale, mode), scale);
}

/** Ratios and counts: half-even to at most 10 places, trailing zeros (and a bare point) removed. */
export function formatRatio(x: Rational): string {
  const text = formatUnits(roundToUnits(x, 10, 'half_even'), 10);
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
