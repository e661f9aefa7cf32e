import type { Day, DayRange } from './dates.js';
import { compileFilter, type DealPredicate } from './filter.js';
import type { FxTable } from './fx.js';
import { DealBook } from './deal-book.js';
import { DealTeamTable } from './deal-team.js';
import type { CreditRule, Deal, DealTeamMember, Measure, Person } from './model.js';
import { gcd, ONE, Rational, ZERO } from './rational.js';

/** One deal's credit to one person under one measure (or its reversal on churn). */
export interface CreditLine {
  readonly deal: Deal;
  /** The metric's date for a credit; the churn date for a clawback. */
  readonly date: Day;
  /** The deal's value in the person's currency (1 for count metrics). */
  readonly amount: Rational;
  /** The person's share of the deal under the crediting rule. */
  readonly share: Rational;
  /** `amount × share`; negative for a clawback. */
  readonly credit: Rational;
  readonly rule: CreditRule;
  readonly clawback: boolean;
  /** Set when the amount was converted: the deal currency and `rate(deal) / rate(person)`. */
  readonly fx: { readonly currency: string; readonly amount: Rational; readonly factor: Rational } | undefined;
}

/** Collects credit lines column by column before they become a sorted series. */
export class SeriesBuilder {
  readonly deals: Deal[] = [];
  readonly dates: number[] = [];
  readonly amounts: Rational[] = [];
  readonly shares: Rational[] = [];
  readonly credits: Rational[] = [];
  fxs: CreditLine['fx'][] | undefined;
  rules: (CreditRule | undefined)[] | undefined;

  get length(): number {
    return this.deals.length;
  }

  /** Adds a line; `rule` only when it differs from the series' rule (a clawback from another plan). */
  add(deal: Deal, date: number, amount: Rational, share: Rational, credit: Rational, fx: CreditLine['fx'], rule?: CreditRule): void {
    const i = this.deals.length;
    this.deals.push(deal);
    this.dates.push(date);
    this.amounts.push(amount);
    this.shares.push(share);
    this.credits.push(credit);
    if (fx) (this.fxs ??= [])[i] = fx;
    if (rule !== undefined) (this.rules ??= [])[i] = rule;
  }
}

/**
 * Credit lines of one rule, sorted by date, stored by column (a large org has millions of lines;
 * `line(i)` materialises one for a trace), with prefix sums for O(log n) window totals. The prefix
 * sums are bigint numerators over one common denominator (the lcm of the few distinct ones): a
 * bigint addition per line, no object per line.
 */
export class CreditSeries {
  readonly length: number;
  /** Indexes of the lines whose deal has a churn date (candidates for a clawback). */
  readonly churned: readonly number[];
  /** The builder's columns, in the order lines were added; `order[i]` is the i-th line by date. */
  private readonly columns: SeriesBuilder;
  private readonly order: Int32Array;
  private readonly dates: Int32Array;
  private readonly denominator: bigint;
  /** Prefix sums of the numerators: exact doubles when every partial sum is a safe integer. */
  private readonly prefix: Float64Array | bigint[];

  constructor(
    b: SeriesBuilder,
    readonly rule: CreditRule,
    readonly clawback: boolean,
  ) {
    const order = byDate(b.dates);
    const n = order.length;
    this.length = n;
    this.columns = b;
    this.order = order;
    this.dates = new Int32Array(n);
    const sorted = new Array<Rational>(n);
    const churned: number[] = [];
    const dens = new Set<bigint>();
    let lastDen = -1n;
    for (let i = 0; i < n; i++) {
      const j = order[i] as number;
      const credit = b.credits[j] as Rational;
      this.dates[i] = b.dates[j] ?? 0;
      sorted[i] = credit;
      if (credit.d !== lastDen) {
        dens.add(credit.d);
        lastDen = credit.d;
      }
      if ((b.deals[j] as Deal).churnDate !== undefined && !clawback) churned.push(i);
    }
    this.churned = churned;
    let lcm = 1n;
    for (const d of dens) lcm = (lcm / gcd(lcm, d)) * d;
    this.denominator = lcm;
    this.prefix = prefixSums(sorted, lcm);
  }

  /** Line `i` (by date) as an object (for traces and clawbacks). */
  line(i: number): CreditLine {
    const b = this.columns;
    const j = this.order[i] ?? 0;
    return {
      deal: b.deals[j] as Deal,
      date: this.dates[i] ?? 0,
      amount: b.amounts[j] as Rational,
      share: b.shares[j] as Rational,
      credit: b.credits[j] as Rational,
      rule: b.rules?.[j] ?? this.rule,
      clawback: this.clawback,
      fx: b.fxs?.[j],
    };
  }

  /** Index range [lo, hi) of the lines dated inside `range`. */
  window(range: DayRange): { readonly lo: number; readonly hi: number } {
    return { lo: this.firstOnOrAfter(range.from), hi: this.firstOnOrAfter(range.to + 1) };
  }

  /** Exact sum of the credits of lines [lo, hi). */
  total(lo: number, hi: number): Rational {
    const p = this.prefix;
    if (p instanceof Float64Array) return Rational.of(BigInt((p[hi] ?? 0) - (p[lo] ?? 0)), this.denominator);
    return Rational.of((p[hi] as bigint) - (p[lo] as bigint), this.denominator);
  }

  private firstOnOrAfter(day: Day): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.dates[mid] ?? 0) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Prefix sums of `credits` as numerators over `lcm`. When every numerator and partial sum is a safe
 * integer (|x| < 2^53, true for any realistic cents) a Float64Array holds them exactly and costs no
 * allocation per line; otherwise bigints.
 */
function prefixSums(credits: readonly Rational[], lcm: bigint): Float64Array | bigint[] {
  const n = credits.length;
  const exact = new Float64Array(n + 1);
  const limit = Number.MAX_SAFE_INTEGER;
  let acc = 0;
  let safe = true;
  for (let i = 0; i < n; i++) {
    const c = credits[i] as Rational;
    const num = c.d === lcm ? c.n : c.n * (lcm / c.d);
    if (num > SAFE || num < -SAFE) {
      safe = false;
      break;
    }
    acc += Number(num);
    // Every operand and partial sum is an integer below 2^53 in magnitude, so each addition is exact.
    if (acc > limit || acc < -limit) {
      safe = false;
      break;
    }
    exact[i + 1] = acc;
  }
  if (safe) return exact;
  const big = new Array<bigint>(n + 1);
  let sum = 0n;
  big[0] = sum;
  for (let i = 0; i < n; i++) {
    const c = credits[i] as Rational;
    sum += c.d === lcm ? c.n : c.n * (lcm / c.d);
    big[i + 1] = sum;
  }
  return big;
}

/**
 * Positions ordered by date (ties in input order), via a native numeric sort of
 * `date × 2^22 + position` keys: much faster than a comparator for series of a million lines.
 * Order inside a day does not change any sum; traces order a day's lines by deal id when shown.
 */
function byDate(dates: readonly number[]): Int32Array {
  const n = dates.length;
  if (n >= 1 << 22) return Int32Array.from([...dates.keys()].sort((x, y) => (dates[x] ?? 0) - (dates[y] ?? 0) || x - y));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((dates[i] ?? 0) + 1048576) * 4194304 + i; // days from year -900: keys stay positive
  keys.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = (keys[i] as number) % 4194304;
  return order;
}

/** Trace order: date, then deal id, then credits before clawbacks. */
export function compareLines(a: CreditLine, b: CreditLine): number {
  if (a.date !== b.date) return a.date - b.date;
  if (a.deal.id !== b.deal.id) return a.deal.id < b.deal.id ? -1 : 1;
  return Number(a.clawback) - Number(b.clawback);
}

export const EMPTY_SERIES = new CreditSeries(new SeriesBuilder(), 'owner', false);

/** A missing fx rate found while crediting. */
export interface MissingRate {
  readonly currency: string;
  readonly day: Day;
  readonly deal: Deal;
}

/** The deals a person worked (from deal_team.csv), and their share of each by team rule. */
export interface MemberDeals {
  readonly deals: readonly Deal[];
  /** The person's share of `deals[i]` under `split` or `activity`; undefined when it gives no credit. */
  share(rule: 'split' | 'activity', i: number): Rational | undefined;
}

const NO_MEMBER_DEALS: MemberDeals = { deals: [], share: () => undefined };

/** Look-ups over deals and deal teams. */
export interface DealLookup {
  ownerDeals(personId: string): readonly Deal[];
  memberDeals(personId: string): MemberDeals;
  ownerTeamDeals(team: string): readonly Deal[];
  territoryDeals(territory: string): readonly Deal[];
}

/** Deal look-ups built once per org. `extend` adds hypothetical deals without rebuilding. */
export class DealIndex implements DealLookup {
  private readonly byOwner = new Map<string, Deal[]>();
  private readonly byMember = new Map<string, { deals: Deal[]; rows: number[] }>();
  private readonly byOwnerTeam = new Map<string, Deal[]>();
  private readonly byTerritory = new Map<string, Deal[]>();

  constructor(
    private readonly book: DealBook,
    private readonly people: ReadonlyMap<string, Person>,
  ) {
    const { deals, team } = book;
    for (const deal of deals) {
      push(this.byOwner, deal.ownerId, deal);
      const ownerTeam = this.people.get(deal.ownerId)?.team ?? '';
      if (ownerTeam !== '') push(this.byOwnerTeam, ownerTeam, deal);
      if (deal.territory !== '') push(this.byTerritory, deal.territory, deal);
    }
    for (let r = 0; r < team.length; r++) {
      const d = book.rowDeal[r] ?? -1;
      if (d < 0) continue;
      const personId = team.personIds[r] as string;
      let list = this.byMember.get(personId);
      if (!list) {
        list = { deals: [], rows: [] };
        this.byMember.set(personId, list);
      }
      list.deals.push(deals[d] as Deal);
      list.rows.push(r);
    }
  }

  ownerDeals(personId: string): readonly Deal[] {
    return this.byOwner.get(personId) ?? [];
  }
  memberDeals(personId: string): MemberDeals {
    const list = this.byMember.get(personId);
    if (!list) return NO_MEMBER_DEALS;
    const { book } = this;
    return {
      deals: list.deals,
      share: (rule, i) => {
        const r = list.rows[i] ?? 0;
        return teamShare(rule, book.team, r, book.teamOf(book.rowDeal[r] ?? 0));
      },
    };
  }
  ownerTeamDeals(team: string): readonly Deal[] {
    return this.byOwnerTeam.get(team) ?? [];
  }
  territoryDeals(territory: string): readonly Deal[] {
    return this.byTerritory.get(territory) ?? [];
  }

  /** A look-up that also sees `extra` deals (each with its team), leaving this index untouched. */
  extend(extra: readonly { readonly deal: Deal; readonly team: readonly DealTeamMember[] }[]): DealLookup {
    const more = new DealIndex(
      new DealBook(
        extra.map((e) => e.deal),
        DealTeamTable.of(extra.flatMap((e) => e.team)),
      ),
      this.people,
    );
    const both = <T>(a: readonly T[], b: readonly T[]): readonly T[] => (b.length === 0 ? a : a.length === 0 ? b : [...a, ...b]);
    return {
      ownerDeals: (id) => both(this.ownerDeals(id), more.ownerDeals(id)),
      memberDeals: (id) => {
        const a = this.memberDeals(id);
        const b = more.memberDeals(id);
        if (b.deals.length === 0) return a;
        const n = a.deals.length;
        return { deals: both(a.deals, b.deals), share: (rule, i) => (i < n ? a.share(rule, i) : b.share(rule, i - n)) };
      },
      ownerTeamDeals: (t) => both(this.ownerTeamDeals(t), more.ownerTeamDeals(t)),
      territoryDeals: (t) => both(this.territoryDeals(t), more.territoryDeals(t)),
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The share of a deal that deal-team row `row` gets under `split` (its split, or an equal part of
 * what the given splits leave) or `activity` (its hours over the team's; undefined when the team
 * logged no hours). `teamRows` are the rows of the deal's whole team.
 */
export function teamShare(rule: 'split' | 'activity', table: DealTeamTable, row: number, teamRows: ArrayLike<number>): Rational | undefined {
  if (rule === 'activity') {
    let total = ZERO;
    for (let k = 0; k < teamRows.length; k++) total = total.add(table.hours[teamRows[k] ?? 0] as Rational);
    return total.isZero() ? undefined : (table.hours[row] as Rational).div(total);
  }
  const own = table.splits[row];
  if (own !== undefined) return own;
  let given = ZERO;
  let blanks = 0;
  for (let k = 0; k < teamRows.length; k++) {
    const split = table.splits[teamRows[k] ?? 0];
    if (split === undefined) blanks++;
    else given = given.add(split);
  }
  return ONE.sub(given).div(Rational.fromInt(blanks));
}

/** How a metric dates a deal: the date it counts on, or undefined when the deal does not count. */
export function metricDate(metric: Measure['metric']): (deal: Deal) => Day | undefined {
  switch (metric) {
    case 'technical_wins':
      return (d) => (d.technicalWin ? (d.technicalWinDate ?? d.closeDate) : undefined);
    case 'mbo':
      return () => undefined;
    default:
      return (d) => d.closeDate;
  }
}

/**
 * Builds credit series for deal-based measures, memoised: pod and territory series are shared by
 * every member of the group with the same currency, so a large pod costs one series, not one per
 * person.
 */
export class Crediting {
  private readonly series = new Map<Measure, Map<string, CreditSeries>>();
  private readonly predicates = new Map<Measure, DealPredicate>();
  readonly missingRates: MissingRate[] = [];
  private readonly factors = new Map<string, Map<Day, Rational>>();

  constructor(
    private readonly index: DealLookup,
    private readonly fx: FxTable,
  ) {}

  /** The series holding `person`'s credits under `measure` (before the active-days window). */
  seriesFor(measure: Measure, person: Person): CreditSeries {
    const rule = measure.credit;
    let key: string;
    switch (rule) {
      case 'pod':
        if (person.team === '') return EMPTY_SERIES;
        key = `pod\u0000${person.team}\u0000${person.currency}`;
        break;
      case 'territory':
        if (person.territory === '') return EMPTY_SERIES;
        key = `territory\u0000${person.territory}\u0000${person.currency}`;
        break;
      default:
        key = `${rule}\u0000${person.id}`;
    }
    let perMeasure = this.series.get(measure);
    if (!perMeasure) {
      perMeasure = new Map();
      this.series.set(measure, perMeasure);
    }
    let s = perMeasure.get(key);
    if (!s) {
      s = this.build(measure, person);
      perMeasure.set(key, s);
    }
    return s;
  }

  private qualifies(measure: Measure): DealPredicate {
    let p = this.predicates.get(measure);
    if (!p) {
      const filter = compileFilter(measure.filter);
      const implicitWon = measure.metric === 'bookings' && !measure.filter.some((c) => c.column === 'stage');
      p = implicitWon ? (d) => d.stage === 'closed_won' && filter(d) : filter;
      this.predicates.set(measure, p);
    }
    return p;
  }

  private build(measure: Measure, person: Person): CreditSeries {
    const rule = measure.credit;
    const ok = this.qualifies(measure);
    const lines = new SeriesBuilder();
    const bookings = measure.metric === 'bookings';
    const currency = person.currency;
    const dateOf = metricDate(measure.metric);
    const add = (deal: Deal, share: Rational) => {
      const date = dateOf(deal);
      if (date === undefined || !ok(deal)) return;
      if (!bookings) lines.add(deal, date, ONE, share, share, undefined);
      else if (deal.currency === currency) lines.add(deal, date, deal.amount, share, deal.amount.mul(share), undefined);
      else {
        const converted = this.convert(deal.amount, deal.currency, currency, date, deal);
        if (converted) lines.add(deal, date, converted.amount, share, converted.amount.mul(share), converted.fx);
      }
    };
    switch (rule) {
      case 'owner':
        for (const deal of this.index.ownerDeals(person.id)) add(deal, ONE);
        break;
      case 'pod':
        for (const deal of this.index.ownerTeamDeals(person.team)) add(deal, ONE);
        break;
      case 'territory':
        for (const deal of this.index.territoryDeals(person.territory)) add(deal, ONE);
        break;
      case 'overlay':
        for (const deal of this.index.memberDeals(person.id).deals) add(deal, ONE);
        break;
      case 'split':
      case 'activity': {
        const member = this.index.memberDeals(person.id);
        for (let i = 0; i < member.deals.length; i++) {
          const share = member.share(rule, i);
          if (share !== undefined && !share.isZero()) add(member.deals[i] as Deal, share);
        }
        break;
      }
    }
    return new CreditSeries(lines, rule, false);
  }

  /** Converts `amount` from one currency to another through the org currency at `day`'s rates. */
  convert(
    amount: Rational,
    from: string,
    to: string,
    day: Day,
    deal: Deal,
  ): { amount: Rational; fx: CreditLine['fx'] } | undefined {
    if (from === to) return { amount, fx: undefined };
    const rFrom = this.fx.rate(from, day);
    const rTo = this.fx.rate(to, day);
    if (!rFrom) this.missingRates.push({ currency: from, day, deal });
    if (!rTo) this.missingRates.push({ currency: to, day, deal });
    if (!rFrom || !rTo) return undefined;
    let byDay = this.factors.get(`${from}>${to}`);
    if (!byDay) {
      byDay = new Map();
      this.factors.set(`${from}>${to}`, byDay);
    }
    let factor = byDay.get(day);
    if (!factor) {
      factor = rFrom.div(rTo);
      byDay.set(day, factor);
    }
    // Unreduced: one product per line; the prefix sums bring denominators together anyway.
    return { amount: amount.mulUnreduced(factor), fx: { currency: from, amount, factor } };
  }
}
