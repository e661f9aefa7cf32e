/**
 * Exact rational numbers over bigint.
 *
 * Invariant: the denominator is positive; numerator and denominator are NOT necessarily reduced.
 * Keeping parsed decimals unreduced (150/100 rather than 3/2) means amounts of one scale share a
 * denominator, so the hot path of summing credit lines is a single bigint addition. Products and
 * quotients are reduced so denominators never grow without bound.
 */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** A rational n/d; d must be non-zero (its sign moves to the numerator). */
  static of(n: bigint, d: bigint = 1n): Rational {
    if (d === 0n) throw new RangeError('division by zero');
    return d < 0n ? new Rational(-n, -d) : new Rational(n, d);
  }

  static fromInt(n: number | bigint): Rational {
    return new Rational(BigInt(n), 1n);
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }

  add(o: Rational): Rational {
    if (this.d === o.d) return new Rational(this.n + o.n, this.d);
    return reduced(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Rational): Rational {
    if (this.d === o.d) return new Rational(this.n - o.n, this.d);
    return reduced(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  neg(): Rational {
    return new Rational(-this.n, this.d);
  }

  mul(o: Rational): Rational {
    if (o.d === 1n && o.n === 1n) return this;
    if (this.d === 1n && this.n === 1n) return o;
    return reduced(this.n * o.n, this.d * o.d);
  }

  /** The product without reducing (cheaper; for a value that is not multiplied again). */
  mulUnreduced(o: Rational): Rational {
    return new Rational(this.n * o.n, this.d * o.d);
  }

  div(o: Rational): Rational {
    if (o.n === 0n) throw new RangeError('division by zero');
    return o.n < 0n ? reduced(-this.n * o.d, this.d * -o.n) : reduced(this.n * o.d, this.d * o.n);
  }

  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.d === o.d ? this.n : this.n * o.d;
    const r = this.d === o.d ? o.n : o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
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

  min(o: Rational): Rational {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Rational): Rational {
    return this.cmp(o) >= 0 ? this : o;
  }

  /** The same value in lowest terms. */
  reduce(): Rational {
    return reduced(this.n, this.d);
  }

  /** `n/d` in lowest terms (for traces and tests). */
  toFraction(): string {
    const r = this.reduce();
    return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
  }
}

export const ZERO = Rational.of(0n);
export const ONE = Rational.of(1n);

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Greatest common divisor of |a| and b (b ≥ 0). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (a <= SAFE && b <= SAFE) {
    // Both fit in a double exactly: Euclid on doubles is several times faster than on bigints.
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    return BigInt(x);
  }
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function reduced(n: bigint, d: bigint): Rational {
  if (n === 0n) return Rational.of(0n, 1n);
  const g = gcd(n, d);
  return g === 1n ? Rational.of(n, d) : Rational.of(n / g, d / g);
}

export type RoundingMode = 'half_even' | 'half_up';

const POW10: bigint[] = [];
/** 10^k as bigint (cached). */
export function pow10(k: number): bigint {
  let p = POW10[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    POW10[k] = p;
  }
  return p;
}

/**
 * Rounds `r` to an integer number of units of 10^-scale with the given mode:
 * `half_even` sends ties to the even unit, `half_up` sends ties away from zero.
 */
export function roundToUnits(r: Rational, scale: number, mode: RoundingMode): bigint {
  const num = r.n * pow10(scale);
  const den = r.d;
  const negative = num < 0n;
  const a = negative ? -num : num;
  let q = a / den;
  const rem2 = (a % den) * 2n;
  if (rem2 > den || (rem2 === den && (mode === 'half_up' || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/** Formats an integer count of 10^-scale units as a fixed decimal string ("-12.50"). */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const s = (negative ? -units : units).toString();
  if (scale === 0) return (negative ? '-' : '') + s;
  const padded = s.padStart(scale + 1, '0');
  const body = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** A money amount rounded to `scale` digits with `mode`, as a fixed decimal string. */
export function formatMoney(r: Rational, scale: number, mode: RoundingMode): string {
  return formatUnits(roundToUnits(r, scale, mode), scale);
}

/** A ratio rounded half-even to at most `places` decimals, trailing zeros removed ("1.1875", "1", "0"). */
export function formatRatio(r: Rational, places = 10): string {
  const units = roundToUnits(r, places, 'half_even');
  if (units === 0n) return '0';
  const s = formatUnits(units, places);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal string ("1250000.00", "-0.25", "3") exactly, keeping its scale
 * (so "1.50" is 150/100). Returns undefined for anything else: thousands separators, exponents,
 * a leading ".", spaces, "NaN".
 */
export function parseDecimal(text: string): Rational | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const n = BigInt((m[2] ?? '') + frac);
  return Rational.of(m[1] === '-' ? -n : n, pow10(frac.length));
}
