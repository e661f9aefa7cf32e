/**
 * A tiny exact rational number over bigint. Always normalised: the denominator is positive and the
 * fraction is reduced, so structural equality of (num, den) is numeric equality.
 */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new Error('Rational: division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return new Rational(n / g, d / g);
  }

  /** Parses a plain decimal string: optional minus, digits, optional fraction. No exponent. */
  static parseDecimal(text: string): Rational {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (!m) throw new Error(`not a decimal: "${text}"`);
    const sign = m[1] === '-' ? -1n : 1n;
    const whole = m[2] ?? '0';
    const frac = m[3] ?? '';
    const digits = BigInt(whole + frac);
    return Rational.of(sign * digits, 10n ** BigInt(frac.length));
  }

  static sum(values: readonly Rational[]): Rational {
    return values.reduce((acc, v) => acc.add(v), Rational.ZERO);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new Error('Rational: division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  cmp(o: Rational): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  min(o: Rational): Rational {
    return this.le(o) ? this : o;
  }
  max(o: Rational): Rational {
    return this.ge(o) ? this : o;
  }

  /** The exact decimal text, for values whose denominator has only the factors 2 and 5. */
  toDecimalString(): string {
    for (let scale = 0; scale <= 64; scale++) {
      const pow = 10n ** BigInt(scale);
      if (pow % this.den === 0n) return formatUnits(this.num * (pow / this.den), scale);
    }
    throw new Error(`not a finite decimal: ${this.num}/${this.den}`);
  }

  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** Writes an integer count of 10^-scale units as a decimal string with exactly `scale` decimals. */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale);
  return (negative ? '-' : '') + (scale > 0 ? `${whole}.${frac}` : whole);
}
