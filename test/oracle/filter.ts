import type { Deal, DealFilter } from './model.js';

function isBooleanText(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false';
}

function valueMatches(wanted: string, actual: string): boolean {
  return isBooleanText(wanted) ? actual.toLowerCase() === wanted.toLowerCase() : actual === wanted;
}

/** Every filter entry must match; a list entry matches when any of its values does. */
export function passesFilter(filter: DealFilter, deal: Deal): boolean {
  return filter.every(({ column, values }) => {
    const actual = deal.values[column];
    if (actual === undefined) throw new Error(`filter on unknown deal column ${column}`);
    return values.some((wanted) => valueMatches(wanted, actual));
  });
}

/** `bookings` counts only closed_won deals unless its filter names `stage`. */
export function withImplicitStage(filter: DealFilter): DealFilter {
  return filter.some((f) => f.column === 'stage') ? filter : [...filter, { column: 'stage', values: ['closed_won'] }];
}
