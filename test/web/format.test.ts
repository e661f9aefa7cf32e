/**
 * The web app formats money from the API's decimal strings, never through a float: amounts beyond
 * a double's 15–17 significant digits come out digit for digit, halves are not nudged, and a ratio
 * string becomes a percent without binary error.
 */
import { describe, expect, it } from 'vitest';
import { decimal, money, percent } from '../../web/src/format.js';

describe('web money formatting', () => {
  it('keeps every digit of amounts a float would round', () => {
    // 12345678901234567.89 as a double is 12345678901234568 — the string path keeps .89.
    expect(money('12345678901234567.89', 'USD')).toBe('$12,345,678,901,234,567.89');
    expect(Number('12345678901234567.89').toFixed(2)).not.toBe('12345678901234567.89');
    expect(money('-1234.50', 'EUR')).toBe('-€1,234.50');
    expect(money('0.10', 'GBP')).toBe('£0.10');
    expect(money('1000', 'JPY')).toBe('¥1,000');
  });

  it('formats ratios and decimals exactly', () => {
    // 1.005 × 100 in floating point is 100.49999999999999; as a decimal string it is 100.5.
    expect(1.005 * 100).not.toBe(100.5);
    expect(percent('1.005')).toBe('100.5%');
    expect(percent('0.0000333333')).toBe('0%');
    expect(decimal('1234567.125')).toBe('1,234,567.125');
  });
});
