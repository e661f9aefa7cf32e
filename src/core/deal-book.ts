import type { DealTeamTable } from './deal-team.js';
import { IdIndex } from './id-index.js';
import type { Deal, Org } from './model.js';

/**
 * Deals by id and deal-team rows grouped by deal (compressed: the rows of deal d are
 * `teamRows[teamStart[d] .. teamStart[d + 1])`), built once per org and shared by validation and
 * the engine's indexes.
 */
export class DealBook {
  /** Deal id → index in `deals` of its first occurrence. */
  readonly indexById: IdIndex;
  /** Indexes of deals whose id an earlier row already used. */
  readonly duplicates: number[] = [];
  /** For each deal-team row, the index of its deal, or -1 when deals.csv has no such deal. */
  readonly rowDeal: Int32Array;
  readonly teamStart: Int32Array;
  readonly teamRows: Int32Array;

  constructor(
    readonly deals: readonly Deal[],
    readonly team: DealTeamTable,
  ) {
    this.indexById = new IdIndex((i) => (deals[i] as Deal).id, deals.length);
    for (let i = 0; i < deals.length; i++) {
      if (this.indexById.add(i) !== undefined) this.duplicates.push(i);
    }
    // Deal-team rows usually come in deals.csv order: follow both lists side by side and only look
    // an id up when a row is out of step.
    const n = team.length;
    const rowDeal = new Int32Array(n);
    const counts = new Int32Array(deals.length + 1);
    const follow = this.duplicates.length === 0;
    let cursor = 0;
    for (let r = 0; r < n; r++) {
      const id = team.dealIds[r] as string;
      let index: number | undefined;
      if (follow && deals[cursor]?.id === id) index = cursor;
      else if (follow && deals[cursor + 1]?.id === id) index = cursor + 1;
      else index = this.indexById.get(id);
      if (index === undefined) {
        rowDeal[r] = -1;
        continue;
      }
      cursor = index;
      rowDeal[r] = index;
      counts[index + 1] = (counts[index + 1] ?? 0) + 1;
    }
    for (let d = 0; d < deals.length; d++) counts[d + 1] = (counts[d + 1] ?? 0) + (counts[d] ?? 0);
    const teamStart = counts;
    const fill = teamStart.slice(0, deals.length);
    const teamRows = new Int32Array(teamStart[deals.length] ?? 0);
    for (let r = 0; r < n; r++) {
      const d = rowDeal[r] ?? -1;
      if (d < 0) continue;
      teamRows[fill[d] ?? 0] = r;
      fill[d] = (fill[d] ?? 0) + 1;
    }
    this.rowDeal = rowDeal;
    this.teamStart = teamStart;
    this.teamRows = teamRows;
  }

  private static readonly cache = new WeakMap<readonly Deal[], DealBook>();

  /** The book of `org`'s deals and team (built on first use, then shared by orgs with the same deals). */
  static of(org: Org): DealBook {
    let book = DealBook.cache.get(org.deals);
    if (!book || book.team !== org.dealTeam) {
      book = new DealBook(org.deals, org.dealTeam);
      DealBook.cache.set(org.deals, book);
    }
    return book;
  }

  /** Deal-team row indexes of deal `d`, in file order. */
  teamOf(d: number): Int32Array {
    return this.teamRows.subarray(this.teamStart[d] ?? 0, this.teamStart[d + 1] ?? 0);
  }
}
