import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatRatio, parseDecimal, Rational, roundToUnits } from '../../src/core/rational.js';

const r = (n: bigint, d: bigint = 1n) => Rational.of(n, d);
const dec = (s: string) => {
  const v = parseDecimal(s);
  if (!v) throw new Error(`bad decimal ${s}`);
  return v;
};

describe('parseDecimal', () => {
  it('reads plain decimals exactly, keeping their scale', () => {
    expect(dec('1250000.00').eq(r(1250000n))).toBe(true);
    expect(dec('1.50').d).toBe(100n); // unreduced: 150/100, so amounts of one scale share a denominator
    expect(dec('-0.25').eq(r(-1n, 4n))).toBe(true);
    expect(dec('+3').eq(r(3n))).toBe(true);
  });
  it.each(['1,250.00', '1e3', '.5', '5.', '', ' 1', '1 ', 'NaN', '0x10', '--1', '1.2.3'])('rejects %j', (s) => {
    expect(parseDecimal(s)).toBeUndefined();
  });
});

describe('roundToUnits', () => {
  // Ties: 2.5 → 2 (even) or 3 (away from zero); -2.5 → -2 or -3; 0.125 at 2 places → 0.12 or 0.13.
  it.each([
    ['2.5', 0, 'half_even', 2n],
    ['2.5', 0, 'half_up', 3n],
    ['3.5', 0, 'half_even', 4n],
    ['-2.5', 0, 'half_even', -2n],
    ['-2.5', 0, 'half_up', -3n],
    ['0.125', 2, 'half_even', 12n],
    ['0.125', 2, 'half_up', 13n],
    ['0.135', 2, 'half_even', 14n],
    ['10089.84375', 2, 'half_even', 1008984n],
    ['-0.004', 2, 'half_up', 0n],
  ] as const)('%s at %i places, %s → %s', (value, scale, mode, units) => {
    expect(roundToUnits(dec(value), scale, mode)).toBe(units);
  });

  it('rounds an exact third-based tie correctly where early decimal rounding would not', () => {
    // 18703.785 / 3 = 6234.595 exactly: a tie, half_even → 6234.60 (the 9 is odd, so up).
    expect(formatMoney(dec('18703.785').div(r(3n)), 2, 'half_even')).toBe('6234.60');
    // The same value reached through 1/3 rounded to 28 digits first lands below the tie:
    // 0.3333333333333333333333333333 × 18703.785 = 6234.5949999… → 6234.59 (wrong).
    const early = dec('0.3333333333333333333333333333').mul(dec('18703.785'));
    expect(formatMoney(early, 2, 'half_even')).toBe('6234.59');
  });

  it('is within half a unit of the exact value, and ties go the way the mode says', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.integer({ min: 0, max: 4 }), (n, d, scale) => {
        const value = r(n, d);
        for (const mode of ['half_even', 'half_up'] as const) {
          const units = roundToUnits(value, scale, mode);
          const diff = r(units, 10n ** BigInt(scale)).sub(value);
          const half = r(1n, 2n * 10n ** BigInt(scale));
          expect(diff.le(half) && diff.ge(half.neg())).toBe(true);
          if (diff.eq(half) || diff.eq(half.neg())) {
            if (mode === 'half_even') expect(units % 2n).toBe(0n);
            else expect(units < 0n ? diff.sign() < 0 : diff.sign() > 0).toBe(true);
          }
        }
      }),
    );
  });
});

describe('formatRatio', () => {
  it.each([
    [r(1n, 3n), '0.3333333333'],
    [r(2n, 3n), '0.6666666667'],
    [dec('1.50'), '1.5'],
    [r(0n), '0'],
    [r(-1n, 10n ** 12n), '0'],
    [r(19n, 16n), '1.1875'],
    [r(-4n, 5n), '-0.8'],
    [r(7n), '7'],
  ])('%o → %s', (value, text) => {
    expect(formatRatio(value)).toBe(text);
  });
});

describe('Rational arithmetic', () => {
  const arb = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n })).map(([n, d]) => r(n, d));
  it('add/sub/mul/div agree with cross-multiplied integers', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(a.add(b).sub(b).eq(a)).toBe(true);
        expect(a.add(b).eq(b.add(a))).toBe(true);
        expect(a.mul(b).eq(r(a.n * b.n, a.d * b.d))).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).eq(a)).toBe(true);
        expect(a.cmp(b)).toBe(Math.sign(Number(a.n * b.d - b.n * a.d)));
      }),
    );
  });
  it('refuses division by zero', () => {
    expect(() => r(1n).div(r(0n))).toThrow(RangeError);
  });
});
