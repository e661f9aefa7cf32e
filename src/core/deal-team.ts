import type { DealTeamMember } from './model.js';
import type { Rational } from './rational.js';

/** The columns of a deal-team table. */
export interface DealTeamColumns {
  readonly dealIds: string[];
  readonly personIds: string[];
  readonly roles: string[];
  /** undefined when blank: shares equally what the given splits leave. */
  readonly splits: (Rational | undefined)[];
  /** Blank counts as 0. */
  readonly hours: Rational[];
  readonly lines: number[];
}

/**
 * Deal-team rows stored by column. A large org has millions of rows; one object per row made
 * loading spend most of its time in the garbage collector, while a few long arrays of shared
 * values (interned ids, memoised decimals) cost little. `row(i)` gives one row as an object.
 */
export class DealTeamTable implements DealTeamColumns {
  readonly dealIds: string[];
  readonly personIds: string[];
  readonly roles: string[];
  readonly splits: (Rational | undefined)[];
  readonly hours: Rational[];
  readonly lines: number[];

  /** An empty table, or one over whole columns of equal length (kept, not copied). */
  constructor(columns?: DealTeamColumns) {
    this.dealIds = columns?.dealIds ?? [];
    this.personIds = columns?.personIds ?? [];
    this.roles = columns?.roles ?? [];
    this.splits = columns?.splits ?? [];
    this.hours = columns?.hours ?? [];
    this.lines = columns?.lines ?? [];
  }

  get length(): number {
    return this.dealIds.length;
  }

  /** Appends a row. */
  push(m: DealTeamMember): void {
    this.dealIds.push(m.dealId);
    this.personIds.push(m.personId);
    this.roles.push(m.role);
    this.splits.push(m.split);
    this.hours.push(m.hours);
    this.lines.push(m.line);
  }

  /** Row `i` as an object. */
  row(i: number): DealTeamMember {
    return {
      dealId: this.dealIds[i] ?? '',
      personId: this.personIds[i] ?? '',
      role: this.roles[i] ?? '',
      split: this.splits[i],
      hours: this.hours[i] as Rational,
      line: this.lines[i] ?? 0,
    };
  }

  /** A table of the given rows. */
  static of(rows: Iterable<DealTeamMember>): DealTeamTable {
    const t = new DealTeamTable();
    for (const m of rows) t.push(m);
    return t;
  }
}
