import type { Deal, FilterCondition } from './model.js';

/** A compiled `deals:` filter. */
export type DealPredicate = (deal: Deal) => boolean;

/**
 * Compiles filter conditions into a predicate. Values match as exact strings; a YAML boolean
 * (`true`/`false`) matches any case; a list matches any of its values; all conditions must hold.
 */
export function compileFilter(conditions: readonly FilterCondition[]): DealPredicate {
  if (conditions.length === 0) return () => true;
  const checks = conditions.map((c) => {
    const idx = c.columnIndex;
    if (c.boolean) {
      const wanted = new Set(c.values.map((v) => v.toLowerCase()));
      return (deal: Deal) => wanted.has((deal.filterValues[idx] ?? '').toLowerCase());
    }
    if (c.values.length === 1) {
      const only = c.values[0];
      return (deal: Deal) => deal.filterValues[idx] === only;
    }
    const wanted = new Set(c.values);
    return (deal: Deal) => wanted.has(deal.filterValues[idx] ?? '');
  });
  return (deal) => {
    for (const check of checks) if (!check(deal)) return false;
    return true;
  };
}

/** Human-readable filter, for traces: `stage = closed_won, type in [new, expansion]`. */
export function describeFilter(conditions: readonly FilterCondition[]): string {
  return conditions
    .map((c) => (c.values.length === 1 ? `${c.column} = ${c.values[0] ?? ''}` : `${c.column} in [${c.values.join(', ')}]`))
    .join(', ');
}
