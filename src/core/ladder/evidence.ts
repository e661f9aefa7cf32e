/**
 * Evidence per person, derived from the data the org already has: deals and deal teams
 * (deals_supported, technical_wins, win_rate, pocs_run, pocs_converted) and activities.csv (every
 * other type, counted by `type`). Evidence informs people; it never promotes anyone.
 *
 * Windows are trailing: N quarters ending on the as-of day, i.e. the days
 * (as-of − 3N months, as-of]. Definitions (docs/ladder.md):
 * - deals_supported: distinct decided deals (closed_won or closed_lost) the person is on the deal
 *   team of, closing in the window;
 * - technical_wins: distinct deals on their team with technical_win true, dated by
 *   technical_win_date (close_date when blank), in the window;
 * - win_rate: won ÷ decided among the deals supported (0 when none), with the segment's rate over
 *   the same deals for comparison;
 * - pocs_run / pocs_converted: deals supported with poc true / and won.
 * An evidence count is *assessable* only when the window starts on or after the data's coverage
 * start (deal-derived types: the earliest decided close date; activity types: the earliest activity):
 * before that, a zero means "no data", not "no evidence".
 */
import { addMonths, formatDay, type Day } from '../dates.js';
import type { Deal, Org } from '../model.js';
import { Rational, ZERO } from '../rational.js';
import { isDerivedEvidence, type Activity, type Career, type DerivedEvidence } from './model.js';

export interface EvidenceWindow {
  /** First day in the window. */
  readonly from: Day;
  /** Last day in the window (the as-of day). */
  readonly to: Day;
  readonly quarters: number;
}

/** The trailing window of `quarters` quarters ending on `asOf`. */
export function windowEnding(asOf: Day, quarters: number): EvidenceWindow {
  return { from: addMonths(asOf, -3 * quarters) + 1, to: asOf, quarters };
}

export interface EvidenceCount {
  readonly type: string;
  readonly window: EvidenceWindow;
  /** A count, or for win_rate a ratio. */
  readonly value: Rational;
  /** False when the window starts before the data does (see the module comment). */
  readonly assessable: boolean;
  /** The deals or activities counted (ids), for the trace. */
  readonly items: readonly string[];
  /** win_rate only: won, decided, and the segment rate over the same deals. */
  readonly winRate?: { readonly won: number; readonly decided: number; readonly segmentRate: Rational | undefined };
}

const WON = 'closed_won';
const LOST = 'closed_lost';

/** Lookups that evidence needs, built once per org. */
export class EvidenceSource {
  private readonly dealsByPerson = new Map<string, Deal[]>();
  private readonly activitiesByPerson = new Map<string, Activity[]>();
  private readonly segmentOf: (d: Deal) => string;
  private readonly pocOf: (d: Deal) => boolean;
  /** Earliest decided close date in deals.csv. */
  readonly dealCoverage: Day | undefined;
  /** Earliest activity date in activities.csv. */
  readonly activityCoverage: Day | undefined;
  /** Decided deals by segment, sorted by close date, for segment win rates. */
  private readonly decidedBySegment = new Map<string, Deal[]>();

  constructor(
    readonly org: Org,
    readonly career: Career,
  ) {
    const segmentCol = org.filterColumns.indexOf('segment');
    const pocCol = org.filterColumns.indexOf('poc');
    this.segmentOf = (d) => (segmentCol < 0 ? '' : (d.filterValues[segmentCol] ?? ''));
    this.pocOf = (d) => pocCol >= 0 && (d.filterValues[pocCol] ?? '').toLowerCase() === 'true';
    const byId = new Map(org.deals.map((d) => [d.id, d]));
    const team = org.dealTeam;
    const seen = new Map<string, Set<string>>();
    for (let i = 0; i < team.length; i++) {
      const personId = team.personIds[i] ?? '';
      const dealId = team.dealIds[i] ?? '';
      const deal = byId.get(dealId);
      if (!deal) continue;
      let set = seen.get(personId);
      if (!set) seen.set(personId, (set = new Set()));
      if (set.has(dealId)) continue;
      set.add(dealId);
      const list = this.dealsByPerson.get(personId);
      if (list) list.push(deal);
      else this.dealsByPerson.set(personId, [deal]);
    }
    let dealCoverage: Day | undefined;
    for (const d of org.deals) {
      if ((d.stage !== WON && d.stage !== LOST) || d.closeDate === undefined) continue;
      if (dealCoverage === undefined || d.closeDate < dealCoverage) dealCoverage = d.closeDate;
      const seg = this.segmentOf(d);
      const list = this.decidedBySegment.get(seg);
      if (list) list.push(d);
      else this.decidedBySegment.set(seg, [d]);
    }
    this.dealCoverage = dealCoverage;
    let activityCoverage: Day | undefined;
    for (const a of career.activities) {
      if (activityCoverage === undefined || a.date < activityCoverage) activityCoverage = a.date;
      const list = this.activitiesByPerson.get(a.personId);
      if (list) list.push(a);
      else this.activitiesByPerson.set(a.personId, [a]);
    }
    this.activityCoverage = activityCoverage;
  }

  /** The evidence of one type for one person over a window. */
  count(personId: string, type: string, window: EvidenceWindow): EvidenceCount {
    const inWindow = (day: Day | undefined) => day !== undefined && day >= window.from && day <= window.to;
    if (!isDerivedEvidence(type)) {
      const items = (this.activitiesByPerson.get(personId) ?? []).filter((a) => a.type === type && inWindow(a.date)).map((a) => a.id || `activities.csv:${a.line}`);
      const assessable = this.activityCoverage !== undefined && window.from >= this.activityCoverage;
      return { type, window, value: Rational.fromInt(items.length), assessable, items };
    }
    const assessable = this.dealCoverage !== undefined && window.from >= this.dealCoverage;
    const deals = this.dealsByPerson.get(personId) ?? [];
    const decided = deals.filter((d) => (d.stage === WON || d.stage === LOST) && inWindow(d.closeDate));
    const derived = type satisfies DerivedEvidence;
    let counted: Deal[];
    switch (derived) {
      case 'deals_supported':
        counted = decided;
        break;
      case 'technical_wins':
        counted = deals.filter((d) => d.technicalWin && inWindow(d.technicalWinDate ?? d.closeDate));
        break;
      case 'pocs_run':
        counted = decided.filter((d) => this.pocOf(d));
        break;
      case 'pocs_converted':
        counted = decided.filter((d) => this.pocOf(d) && d.stage === WON);
        break;
      case 'win_rate': {
        const won = decided.filter((d) => d.stage === WON);
        const value = decided.length === 0 ? ZERO : Rational.fromInt(won.length).div(Rational.fromInt(decided.length));
        return { type, window, value, assessable, items: ids(decided), winRate: { won: won.length, decided: decided.length, segmentRate: this.segmentRate(decided, window) } };
      }
    }
    return { type, window, value: Rational.fromInt(counted.length), assessable, items: ids(counted) };
  }

  /**
   * The rate a typical deal of the same segments was won at over the window: the mean over the
   * person's decided deals of their segment's won ÷ decided (all deals of the org in the window).
   */
  private segmentRate(deals: readonly Deal[], window: EvidenceWindow): Rational | undefined {
    if (deals.length === 0) return undefined;
    const rates = new Map<string, Rational>();
    let sum = ZERO;
    for (const d of deals) {
      const seg = this.segmentOf(d);
      let rate = rates.get(seg);
      if (rate === undefined) {
        const all = (this.decidedBySegment.get(seg) ?? []).filter((x) => x.closeDate !== undefined && x.closeDate >= window.from && x.closeDate <= window.to);
        const won = all.filter((x) => x.stage === WON).length;
        rate = all.length === 0 ? ZERO : Rational.fromInt(won).div(Rational.fromInt(all.length));
        rates.set(seg, rate);
      }
      sum = sum.add(rate);
    }
    return sum.div(Rational.fromInt(deals.length));
  }

  /** The activity types this person has any row of, sorted. */
  activityTypes(personId: string): string[] {
    return [...new Set((this.activitiesByPerson.get(personId) ?? []).map((a) => a.type))].sort();
  }
}

function ids(deals: readonly Deal[]): string[] {
  return deals.map((d) => d.id).sort();
}

/** A window as text: `2025-10-01 – 2026-09-30 (4 quarters)`. */
export function windowText(w: EvidenceWindow): string {
  return `${formatDay(w.from)} – ${formatDay(w.to)} (${w.quarters} quarter${w.quarters === 1 ? '' : 's'})`;
}
