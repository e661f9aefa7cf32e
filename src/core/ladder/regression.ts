/**
 * Ordinary least squares with an intercept, for the pay-equity statistics of the people report.
 * Statistics, not money: floating point. Columns that add nothing (constant, or a combination of
 * earlier ones) are left out and get a null coefficient.
 */

/** Tolerance, relative to a column's own norm, under which what is left of it after projection counts as nothing. */
const DEPENDENT = 1e-9;

/**
 * Fits y ≈ b0 + Σ bj·xj; returns [b1, …, bk] (null for a column left out), or undefined when there are
 * fewer rows than coefficients.
 */
export function leastSquares(y: readonly number[], columns: readonly (readonly number[])[]): (number | null)[] | undefined {
  const n = y.length;
  const all = [y.map(() => 1), ...columns];
  if (n < all.length) return undefined;
  // Keep the columns that are independent of those before them (modified Gram–Schmidt).
  const kept: number[] = [];
  const basis: number[][] = [];
  all.forEach((col, j) => {
    const v = [...col];
    const norm0 = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    if (norm0 === 0) return;
    for (const q of basis) {
      const dot = v.reduce((a, x, i) => a + x * (q[i] ?? 0), 0);
      for (let i = 0; i < n; i++) v[i] = (v[i] ?? 0) - dot * (q[i] ?? 0);
    }
    const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
    if (norm <= DEPENDENT * norm0) return;
    basis.push(v.map((x) => x / norm));
    kept.push(j);
  });
  // Normal equations on the kept columns, solved by Gaussian elimination with partial pivoting.
  const k = kept.length;
  const a: number[][] = kept.map((p) => kept.map((q) => dot(all[p] ?? [], all[q] ?? [])).concat(dot(all[p] ?? [], y)));
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] ?? [], a[c] ?? []];
    const row = a[c] ?? [];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const other = a[r] ?? [];
      const f = (other[c] ?? 0) / (row[c] ?? 1);
      for (let j = c; j <= k; j++) other[j] = (other[j] ?? 0) - f * (row[j] ?? 0);
    }
  }
  const coef = new Map<number, number>();
  kept.forEach((j, i) => coef.set(j, (a[i]?.[k] ?? 0) / (a[i]?.[i] ?? 1)));
  return columns.map((_, j) => coef.get(j + 1) ?? null);
}

function dot(u: readonly number[], v: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] ?? 0) * (v[i] ?? 0);
  return s;
}
