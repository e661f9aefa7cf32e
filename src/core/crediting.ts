import type { Day, DayRange } from './dates.js';
import { compileFilter, type DealPredicate } from './filter.js';
import type { FxTable } from './fx.js';
import type { CreditRule, Deal, DealTeamMember, Measure, Person } from './model.js';
import { ONE, Rational, ZERO } from './rational.js';

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

/** Credit lines sorted by date then deal id, with prefix sums for O(log n) window totals. */
export class CreditSeries {
  readonly lines: readonly CreditLine[];
  /** Indexes of the lines whose deal has a churn date (candidates for a clawback). */
  readonly churned: readonly number[];
  private readonly prefix: Rational[];

  constructor(lines: CreditLine[]) {
    lines.sort(compareLines);
    this.lines = lines;
    const prefix: Rational[] = new Array<Rational>(lines.length + 1);
    const churned: number[] = [];
    let acc = ZERO;
    prefix[0] = acc;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as CreditLine;
      acc = acc.add(line.credit);
      prefix[i + 1] = acc;
      if (line.deal.churnDate !== undefined && !line.clawback) churned.push(i);
    }
    this.prefix = prefix;
    this.churned = churned;
  }

  /** Index range [lo, hi) of the lines dated inside `range`. */
  window(range: DayRange): { readonly lo: number; readonly hi: number } {
    return { lo: this.firstOnOrAfter(range.from), hi: this.firstOnOrAfter(range.to + 1) };
  }

  /** Exact sum of the credits of lines [lo, hi). */
  total(lo: number, hi: number): Rational {
    return (this.prefix[hi] as Rational).sub(this.prefix[lo] as Rational);
  }

  private firstOnOrAfter(day: Day): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.lines[mid] as CreditLine).date < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Trace order: date, then deal id, then credits before clawbacks. */
export function compareLines(a: CreditLine, b: CreditLine): number {
  if (a.date !== b.date) return a.date - b.date;
  if (a.deal.id !== b.deal.id) return a.deal.id < b.deal.id ? -1 : 1;
  return Number(a.clawback) - Number(b.clawback);
}

export const EMPTY_SERIES = new CreditSeries([]);

/** A missing fx rate found while crediting. */
export interface MissingRate {
  readonly currency: string;
  readonly day: Day;
  readonly deal: Deal;
}

/** Look-ups over deals and deal teams. */
export interface DealLookup {
  ownerDeals(personId: string): readonly Deal[];
  memberDeals(personId: string): readonly { readonly deal: Deal; readonly member: DealTeamMember }[];
  ownerTeamDeals(team: string): readonly Deal[];
  territoryDeals(territory: string): readonly Deal[];
  team(dealId: string): readonly DealTeamMember[];
}

/** Deal look-ups built once per org. `extend` adds hypothetical deals without rebuilding. */
export class DealIndex implements DealLookup {
  private readonly byOwner = new Map<string, Deal[]>();
  private readonly byMember = new Map<string, { deal: Deal; member: DealTeamMember }[]>();
  private readonly byOwnerTeam = new Map<string, Deal[]>();
  private readonly byTerritory = new Map<string, Deal[]>();
  private readonly teamOf = new Map<string, DealTeamMember[]>();
  private readonly dealById = new Map<string, Deal>();

  constructor(
    deals: readonly Deal[],
    team: readonly DealTeamMember[],
    private readonly people: ReadonlyMap<string, Person>,
  ) {
    for (const deal of deals) this.addDeal(deal);
    for (const member of team) this.addMember(member);
  }

  private addDeal(deal: Deal): void {
    this.dealById.set(deal.id, deal);
    push(this.byOwner, deal.ownerId, deal);
    const ownerTeam = this.people.get(deal.ownerId)?.team ?? '';
    if (ownerTeam !== '') push(this.byOwnerTeam, ownerTeam, deal);
    if (deal.territory !== '') push(this.byTerritory, deal.territory, deal);
  }

  private addMember(member: DealTeamMember): void {
    const deal = this.dealById.get(member.dealId);
    if (!deal) return;
    push(this.teamOf, member.dealId, member);
    push(this.byMember, member.personId, { deal, member });
  }

  ownerDeals(personId: string): readonly Deal[] {
    return this.byOwner.get(personId) ?? [];
  }
  memberDeals(personId: string): readonly { deal: Deal; member: DealTeamMember }[] {
    return this.byMember.get(personId) ?? [];
  }
  ownerTeamDeals(team: string): readonly Deal[] {
    return this.byOwnerTeam.get(team) ?? [];
  }
  territoryDeals(territory: string): readonly Deal[] {
    return this.byTerritory.get(territory) ?? [];
  }
  team(dealId: string): readonly DealTeamMember[] {
    return this.teamOf.get(dealId) ?? [];
  }

  /** A look-up that also sees `deals` (and their team rows), leaving this index untouched. */
  extend(deals: readonly Deal[], team: readonly DealTeamMember[]): DealLookup {
    const extra = new DealIndex(deals, team, this.people);
    const both = <T>(a: readonly T[], b: readonly T[]): readonly T[] => (b.length === 0 ? a : a.length === 0 ? b : [...a, ...b]);
    return {
      ownerDeals: (id) => both(this.ownerDeals(id), extra.ownerDeals(id)),
      memberDeals: (id) => both(this.memberDeals(id), extra.memberDeals(id)),
      ownerTeamDeals: (t) => both(this.ownerTeamDeals(t), extra.ownerTeamDeals(t)),
      territoryDeals: (t) => both(this.territoryDeals(t), extra.territoryDeals(t)),
      team: (id) => both(this.team(id), extra.team(id)),
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The share of a deal a team member gets under `split` (undefined: none) or `activity`. */
export function teamShare(rule: 'split' | 'activity', member: DealTeamMember, team: readonly DealTeamMember[]): Rational | undefined {
  if (rule === 'activity') {
    let total = ZERO;
    for (const m of team) total = total.add(m.hours);
    return total.isZero() ? undefined : member.hours.div(total);
  }
  if (member.split !== undefined) return member.split;
  let given = ZERO;
  let blanks = 0;
  for (const m of team) {
    if (m.split === undefined) blanks++;
    else given = given.add(m.split);
  }
  return ONE.sub(given).div(Rational.fromInt(blanks));
}

/** The date a metric counts a deal on, or undefined when the deal does not count. */
export function metricDate(measure: Measure, deal: Deal): Day | undefined {
  switch (measure.metric) {
    case 'bookings':
    case 'deals_supported':
      return deal.closeDate;
    case 'technical_wins':
      return deal.technicalWin ? (deal.technicalWinDate ?? deal.closeDate) : undefined;
    case 'mbo':
      return undefined;
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
    const lines: CreditLine[] = [];
    const add = (deal: Deal, share: Rational) => {
      const date = metricDate(measure, deal);
      if (date === undefined || !ok(deal)) return;
      const line = this.line(measure, deal, date, share, person.currency, rule);
      if (line) lines.push(line);
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
        for (const { deal } of this.index.memberDeals(person.id)) add(deal, ONE);
        break;
      case 'split':
      case 'activity':
        for (const { deal, member } of this.index.memberDeals(person.id)) {
          const share = teamShare(rule, member, this.index.team(deal.id));
          if (share !== undefined && !share.isZero()) add(deal, share);
        }
        break;
    }
    return new CreditSeries(lines);
  }

  private line(measure: Measure, deal: Deal, date: Day, share: Rational, currency: string, rule: CreditRule): CreditLine | undefined {
    if (measure.metric !== 'bookings') {
      return { deal, date, amount: ONE, share, credit: share, rule, clawback: false, fx: undefined };
    }
    const converted = this.convert(deal.amount, deal.currency, currency, date, deal);
    if (!converted) return undefined;
    return { deal, date, amount: converted.amount, share, credit: converted.amount.mul(share), rule, clawback: false, fx: converted.fx };
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
    const factor = rFrom.div(rTo);
    return { amount: amount.mul(factor), fx: { currency: from, amount, factor } };
  }
}
