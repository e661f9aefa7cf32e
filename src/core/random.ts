/**
 * A small, fast, seeded pseudo-random generator (demo org, simulation), plus the distributions the
 * generator needs. Everything here is deterministic: the same seed gives the same sequence on every
 * platform (V8's Math.log/exp/cos are its own fdlibm ports, not the system's libm).
 */

/** Murmur3's 32-bit finaliser: a cheap, well-mixing hash of one 32-bit integer. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of a string, for naming independent random streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The seed of one independent stream: a function of the org seed, a stream name and an index
 * (e.g. the deal's position), so any deal can be regenerated on its own, in any order.
 */
export function streamSeed(seed: number, stream: string, index = 0): number {
  return mix32(mix32(seed ^ hashString(stream)) + Math.imul(index + 1, 0x9e3779b1));
}

/** mulberry32: a 32-bit state generator, fast and good enough for synthetic data. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Restart the sequence from a new seed (reusing one object avoids an allocation per deal). */
  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** A raw 32-bit draw. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /**
   * A standard normal draw by Marsaglia and Tsang's ziggurat (2000): about four times faster than
   * Box–Muller. Used by the simulation; the demo generator keeps `normal` so its output never changes.
   */
  gaussian(): number {
    for (;;) {
      const bits = this.nextUint32();
      const i = bits & 127;
      const sign = bits & 128 ? -1 : 1;
      const u = this.next();
      const x = u * (ZIG_X[i] ?? 0);
      if (u < (ZIG_R[i] ?? 0)) return sign * x;
      if (i === 0) {
        // The tail beyond the base strip, by Marsaglia's method.
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(1 - this.next()) / ZIG_TAIL;
          ty = -Math.log(1 - this.next());
        } while (ty + ty < tx * tx);
        return sign * (ZIG_TAIL + tx);
      }
      const y0 = ZIG_F[i] ?? 0;
      const y1 = ZIG_F[i + 1] ?? 0;
      if (y1 + this.next() * (y0 - y1) < Math.exp(-0.5 * x * x)) return sign * x;
    }
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A uniform integer in [0, count). */
  int(count: number): number {
    return Math.floor(this.next() * count);
  }

  /** An integer in [low, high], both included. */
  intBetween(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** true with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal draw (Box–Muller; one of the pair is discarded to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A lognormal draw with the given median and log-scale standard deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A Poisson draw (Knuth's method in the log domain; a normal approximation above λ = 500). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let product = this.next();
    let count = 0;
    while (product > limit) {
      product *= this.next();
      count += 1;
    }
    return count;
  }

  /**
   * An exact Poisson draw in constant expected time: inversion by sequential search below λ = 10,
   * Hörmann's transformed rejection with squeeze (PTRS, 1993) above. Used by the simulation, where
   * rates reach the hundreds (the demo generator keeps `poisson` so its output never changes).
   */
  poissonFast(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 10) return this.poissonInversion(lambda, Math.exp(-lambda));
    return this.poissonPtrs(ptrsParams(lambda));
  }

  /** Poisson by inversion, given e^-λ (for λ below about 10). */
  poissonInversion(lambda: number, expNegLambda: number): number {
    let p = expNegLambda;
    let cumulative = p;
    let k = 0;
    const u = this.next();
    while (u > cumulative && k < 1000) {
      k += 1;
      p *= lambda / k;
      cumulative += p;
    }
    return k;
  }

  /** Poisson by PTRS, given the constants of its rate (`ptrsParams`; for λ ≥ 10). */
  poissonPtrs(c: PtrsParams): number {
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * c.a) / us + c.b) * u + c.lambda + 0.43);
      if (us >= 0.07 && v <= c.vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + c.logInvAlpha - Math.log(c.a / (us * us) + c.b) <= -c.lambda + k * c.logLambda - logFactorial(k)) return k;
    }
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** An index drawn with the given (non-negative, not all zero) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** A Fisher–Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(i + 1);
      const a = copy[i];
      const b = copy[j];
      if (a === undefined || b === undefined) continue;
      copy[i] = b;
      copy[j] = a;
    }
    return copy;
  }
}

/*
 * Ziggurat tables for the standard normal, 128 strips (Marsaglia & Tsang 2000): ZIG_X[i] is the
 * strip's right edge, ZIG_F[i] = f(ZIG_X[i]) with f(x) = e^(-x²/2), ZIG_R[i] = ZIG_X[i+1] / ZIG_X[i]
 * (the part of the strip inside the curve for sure).
 */
const ZIG_TAIL = 3.442619855899;
const ZIG_AREA = 9.91256303526217e-3;
const ZIG_X = new Float64Array(129);
const ZIG_F = new Float64Array(129);
const ZIG_R = new Float64Array(128);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  ZIG_X[0] = ZIG_AREA / f(ZIG_TAIL);
  ZIG_X[1] = ZIG_TAIL;
  for (let i = 2; i < 128; i++) ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_AREA / (ZIG_X[i - 1] ?? 1) + f(ZIG_X[i - 1] ?? 0)));
  ZIG_X[128] = 0;
  for (let i = 0; i <= 128; i++) ZIG_F[i] = f(ZIG_X[i] ?? 0);
  for (let i = 0; i < 128; i++) ZIG_R[i] = (ZIG_X[i + 1] ?? 0) / (ZIG_X[i] ?? 1);
}

/**
 * The standard normal's quantile function (Acklam's rational approximation, relative error below
 * 1.2e-9), for building draw tables.
 */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const at = (xs: number[], i: number) => xs[i] ?? 0;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) / ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((at(a, 0) * r + at(a, 1)) * r + at(a, 2)) * r + at(a, 3)) * r + at(a, 4)) * r + at(a, 5)) * q) / (((((at(b, 0) * r + at(b, 1)) * r + at(b, 2)) * r + at(b, 3)) * r + at(b, 4)) * r + 1);
}

/** Constants of PTRS for one rate λ ≥ 10. */
export interface PtrsParams {
  readonly lambda: number;
  readonly logLambda: number;
  readonly a: number;
  readonly b: number;
  readonly vr: number;
  readonly logInvAlpha: number;
}

/** PTRS constants for rate λ (Hörmann 1993). */
export function ptrsParams(lambda: number): PtrsParams {
  const b = 0.931 + 2.53 * Math.sqrt(lambda);
  return { lambda, logLambda: Math.log(lambda), a: -0.059 + 0.02483 * b, b, vr: 0.9277 - 3.6224 / (b - 2), logInvAlpha: Math.log(1.1239 + 1.1328 / (b - 3.4)) };
}

const LOG_FACTORIALS: number[] = [0];

/** ln(k!) — a table up to 256, Stirling's series beyond (error below 1e-10). */
export function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = LOG_FACTORIALS.length; i <= k; i += 1) LOG_FACTORIALS[i] = (LOG_FACTORIALS[i - 1] ?? 0) + Math.log(i);
    return LOG_FACTORIALS[k] ?? 0;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

/** Clamp a number into [low, high]. */
export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/**
 * Largest-remainder apportionment: split `total` whole units in proportion to `weights`, so the
 * parts sum to exactly `total`. Ties go to the earlier index, so the result is deterministic.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
