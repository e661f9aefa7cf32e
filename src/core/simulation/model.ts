/**
 * The Monte-Carlo model of one plan over one fiscal year, fitted to the org's own history.
 *
 * Each person's credit under a deal-based measure is split into *streams* of won deals: the deals
 * they were on themselves ("own", drawn per person) and, for pod and territory credit, the group's
 * deals no plan member was on ("unsupported", drawn per group). A stream is compound Poisson: the
 * number of deals per payout period is Poisson with the historical rate, each deal's credit drawn
 * from the stream's fitted size distribution (moment-matched lognormal sums, see run.ts). A group
 * shock — one lognormal multiplier per group and period, mean 1 — correlates everyone in a pod or
 * territory. Targets, quotas and proration are the engine's own for the year; MBO scores are drawn
 * around the plan's historical scores.
 *
 * The model is plain data (numbers, strings, arrays) so worker threads can receive it as is.
 */
import { tierLines } from '../curve.js';
import { DealBook } from '../deal-book.js';
import { minorUnits } from '../currency.js';
import { FxTable } from '../fx.js';
import type { Deal, Measure, Org, Plan } from '../model.js';
import { makePeriod, periodsOverlapping } from '../periods.js';
import { hashString } from '../random.js';
import type { Rational, RoundingMode } from '../rational.js';
import type { CreditLine } from '../crediting.js';
import type { CreditWindow, Statement } from '../statement.js';


export interface SimMeasure {
  readonly id: string;
  readonly name: string;
  readonly metric: string;
  readonly credit: string | null;
  readonly weight: number;
  readonly ytd: boolean;
  readonly mbo: boolean;
  /** Count metric (technical wins, deals supported): credit is a count, not money. */
  readonly count: boolean;
  /** Pod or territory credit: members share their group's deals. */
  readonly grouped: boolean;
  readonly threshold: number;
  /** Infinity when uncapped. */
  readonly cap: number;
  readonly retroactive: boolean;
  /** Tier lines `f(a) = rate × a + offset` up to `to` (Infinity for the last). */
  readonly tierTo: readonly number[];
  readonly tierRate: readonly number[];
  readonly tierOffset: readonly number[];
}

/** A compound-Poisson stream of won deals: `lambda` deals per payout period, credit moments m1, m2. */
export interface SimStream {
  readonly lambda: number;
  readonly m1: number;
  readonly m2: number;
}

export interface SimPerson {
  readonly id: string;
  readonly role: string;
  readonly se: boolean;
  readonly currency: string;
  /** Minor units of the currency (payout lines are rounded to them). */
  readonly digits: number;
  /** Org currency per unit of the person's currency (the fiscal year's rate; 1 for the org's). */
  readonly toOrg: number;
  /** Annual target incentive, person currency. */
  readonly tiAnnual: number;
  /** TI per payout period (0 where not on the plan). */
  readonly ti: readonly number[];
  /** Quota per measure per payout period (0 where none). */
  readonly quota: readonly (readonly number[])[];
  /** Own stream index per measure (-1: none). */
  readonly own: readonly number[];
  /** Group index per measure (-1: not grouped). */
  readonly group: readonly number[];
  /** Historical MBO score mean and standard deviation per measure (mbo measures only). */
  readonly mboMean: readonly number[];
  readonly mboSd: readonly number[];
}

export interface SimGroup {
  readonly measure: number;
  readonly key: string;
  /** Person indexes. */
  readonly members: readonly number[];
  /** The unsupported stream: group deals no plan member was on. */
  readonly unsupported: number;
}

export interface SegmentFit {
  readonly segment: string;
  readonly opportunities: number;
  readonly won: number;
  readonly winRate: number;
  /** Won deals per owner per payout period. */
  readonly wonPerOwnerPeriod: number;
  /** Lognormal fit of won amounts in the org currency. */
  readonly logMean: number;
  readonly logSd: number;
}

export interface SimModel {
  readonly plan: string;
  readonly year: number;
  readonly currency: string;
  /** How payout lines are rounded (org.yaml `rounding`), as the engine rounds them. */
  readonly rounding: RoundingMode;
  readonly periods: readonly string[];
  readonly measures: readonly SimMeasure[];
  readonly people: readonly SimPerson[];
  readonly groups: readonly SimGroup[];
  readonly streams: readonly SimStream[];
  /** Log-scale standard deviation of the group shock. */
  readonly shockSigma: number;
  /** Shock units (`pod:TEAM`, `territory:KEY`): one shock per unit and payout period. */
  readonly shockUnits: readonly string[];
  /** The shock unit of each stream (-1: none). */
  readonly streamUnit: readonly number[];
  /** The measure whose own deals measure controllability (the heaviest deal-based measure; -1: none). */
  readonly ownMeasure: number;
  /** Streams whose credit counts toward bookings (each deal once), and their org-currency factor. */
  readonly bookingStreams: readonly number[];
  readonly bookingToOrg: readonly number[];
  /** The segment fits behind the model, for the report. */
  readonly segments: readonly SegmentFit[];
}

const num = (r: Rational): number => Number(r.n) / Number(r.d);

interface StreamFit {
  count: number;
  sum: number;
  sumSq: number;
}

function newFit(): StreamFit {
  return { count: 0, sum: 0, sumSq: 0 };
}

/** Segment statistics from deals.csv: opportunities, win rate, won deals per owner and period, sizes. */
export function fitSegments(org: Org, periodsPerYear: number, year: number): SegmentFit[] {
  const segmentIndex = org.filterColumns.indexOf('segment');
  const bySegment = new Map<string, { opps: number; won: number; owners: Set<string>; logs: number[] }>();
  const fy = makePeriod('year', year, 1, org.settings.calendar);
  for (const d of org.deals) {
    if (d.closeDate === undefined || d.closeDate < fy.from || d.closeDate > fy.to) continue;
    if (d.stage !== 'closed_won' && d.stage !== 'closed_lost') continue;
    const segment = segmentIndex >= 0 ? (d.filterValues[segmentIndex] ?? '') : '';
    let s = bySegment.get(segment);
    if (!s) {
      s = { opps: 0, won: 0, owners: new Set(), logs: [] };
      bySegment.set(segment, s);
    }
    s.opps++;
    s.owners.add(d.ownerId);
    const amount = num(d.amount);
    if (d.stage === 'closed_won') {
      s.won++;
      if (amount > 0) s.logs.push(Math.log(amount));
    }
  }
  return [...bySegment]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([segment, s]) => {
      const mean = s.logs.reduce((a, b) => a + b, 0) / Math.max(1, s.logs.length);
      const variance = s.logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.logs.length - 1);
      return {
        segment,
        opportunities: s.opps,
        won: s.won,
        winRate: s.opps === 0 ? 0 : s.won / s.opps,
        wonPerOwnerPeriod: s.owners.size === 0 ? 0 : s.won / s.owners.size / periodsPerYear,
        logMean: mean,
        logSd: Math.sqrt(variance),
      };
    });
}

const SE_ROLE = /^SE/;

/** Why a plan cannot be simulated (no one on it in the year, an unknown id). */
export class SimulationInputError extends Error {}

interface GroupFit {
  readonly measure: number;
  readonly key: string;
  readonly members: number[];
  readonly unsupported: number;
  /** Deals already counted, per payout period (every member's statement lists the group's deals). */
  /** Deals already counted (a deal's credit lines fall in the one period of its date). */
  readonly seen: Set<object>;
  /** Credited total per payout period (for the shock fit). */
  readonly perPeriod: number[];
  /** Org currency per unit of the group's currency. */
  readonly toOrg: number;
}

/**
 * Fits the model of plan `planId` over fiscal year `year` from the year's statements (the engine's
 * results for the org). Deterministic: people, streams and groups come in a fixed order.
 */
export function fitModel(org: Org, statements: readonly Statement[], planId: string, year: number): SimModel {
  const versions = org.plans.filter((p) => p.id === planId);
  if (versions.length === 0) throw new SimulationInputError(`no plan with id "${planId}" in plans/`);
  const fy = makePeriod('year', year, 1, org.settings.calendar);
  const ofPlan = statements.filter((s) => s.plan.id === planId && s.period.fy === year);
  if (ofPlan.length === 0) throw new SimulationInputError(`no one is on plan "${planId}" in fiscal year ${year}`);
  // The version covering most of the year defines the measures (versions keep measure ids).
  const plan = versions.reduce((best, v) => (overlapDays(v, fy) > overlapDays(best, fy) ? v : best));
  const periodList = periodsOverlapping(fy, plan.payoutPeriod, org.settings.calendar).filter((p) => p.fy === year);
  const periodIndex = new Map(periodList.map((p, i) => [p.label, i]));
  const nPeriods = periodList.length;
  const measures = plan.measures.map(simMeasure);
  const measureIndex = new Map(plan.measures.map((m, i) => [m.id, i]));

  const seRoles = org.settings.diagnostics.seRoles;
  const fx = new FxTable(org.settings.currency, org.fx);
  const midYear = Math.floor((fy.from + fy.to) / 2);
  const toOrg = (currency: string) => {
    const r = fx.rate(currency, midYear);
    return r ? num(r) : 1;
  };

  const byPerson = new Map<string, Statement[]>();
  for (const s of ofPlan) {
    const list = byPerson.get(s.person.id);
    if (list) list.push(s);
    else byPerson.set(s.person.id, [s]);
  }
  const ids = [...byPerson.keys()].sort();
  const teams = new Map(ids.map((id) => [id, byPerson.get(id)?.[0]?.person.team ?? '']));
  const book = DealBook.of(org);
  /**
   * Whose own deal a group deal is: the group's members on it (as owner or on the team); when
   * several worked it, one of them picked by a hash of the deal id, so no one is favoured by the
   * order of ids; undefined when none did (the group's unsupported deals).
   */
  const memberOn = (dealId: string, ownerId: string, group: ReadonlySet<string>): string | undefined => {
    let first = group.has(ownerId) ? ownerId : undefined;
    let several: string[] | undefined;
    const d = book.indexById.get(dealId);
    if (d !== undefined) {
      for (const r of book.teamOf(d)) {
        const id = org.dealTeam.personIds[r] ?? '';
        if (!group.has(id) || id === first || several?.includes(id)) continue;
        if (first === undefined) first = id;
        else (several ??= [first]).push(id);
      }
    }
    if (several === undefined) return first;
    several.sort();
    return several[hashString(dealId) % several.length];
  };
  /** Group deals in the order first seen, assigned to streams once every group's members are known. */
  const groupDealGroup: number[] = [];
  const groupDeal: Deal[] = [];
  const groupDealValue: number[] = [];

  const streams: StreamFit[] = [];
  const streamIndex = new Map<string, number>();
  const stream = (key: string): number => {
    let i = streamIndex.get(key);
    if (i === undefined) {
      i = streams.length;
      streams.push(newFit());
      streamIndex.set(key, i);
    }
    return i;
  };
  const groups: GroupFit[] = [];
  const groupIndex = new Map<string, number>();
  const scores = measures.map((): number[] => []);
  const activePeriods = new Map<number, number>();

  const people: SimPerson[] = ids.map((id, personIndex) => {
    const list = byPerson.get(id) ?? [];
    const person = (list[0] as Statement).person;
    const ti = new Array<number>(nPeriods).fill(0);
    const quota = measures.map(() => new Array<number>(nPeriods).fill(0));
    const own = measures.map((m, i) => (m.mbo ? -1 : stream(`own\u0000${id}\u0000${i}`)));
    const group = measures.map(() => -1);
    const personScores = measures.map((): number[] => []);
    for (const s of list) {
      const p = periodIndex.get(s.period.label);
      if (p === undefined) continue;
      ti[p] = num(s.ti.ti);
      for (const r of s.measures) {
        const m = measureIndex.get(r.measure.id);
        const sm = m === undefined ? undefined : measures[m];
        if (m === undefined || !sm) continue;
        if (r.kind === 'mbo') {
          scores[m]?.push(num(r.credited));
          personScores[m]?.push(num(r.credited));
          continue;
        }
        const q = r.kind === 'ytd' ? r.quotas[r.quotas.length - 1]?.quota : r.quotaWorking.quota;
        (quota[m] as number[])[p] = q ? num(q) : 0;
        let grp: GroupFit | undefined;
        if (sm.grouped) {
          const key = `${m}\u0000${r.measure.credit}\u0000${r.measure.credit === 'pod' ? person.team : person.territory}\u0000${person.currency}`;
          let g = groupIndex.get(key);
          if (g === undefined) {
            g = groups.length;
            groups.push({ measure: m, key, members: [], unsupported: stream(`unsupported\u0000${key}`), seen: new Set(), perPeriod: new Array<number>(nPeriods).fill(0), toOrg: toOrg(person.currency) });
            groupIndex.set(key, g);
          }
          grp = groups[g];
          if (grp && !grp.members.includes(personIndex)) grp.members.push(personIndex);
          group[m] = g;
        }
        for (const line of unsortedLines(r.credits)) {
          if (line.clawback || line.date < s.period.from || line.date > s.period.to) continue;
          const value = num(line.credit);
          if (!grp) {
            add(streams[own[m] ?? 0] as StreamFit, value);
            continue;
          }
          if (grp.seen.has(line.deal)) continue;
          grp.seen.add(line.deal);
          grp.perPeriod[p] = (grp.perPeriod[p] ?? 0) + value;
          groupDealGroup.push(group[m] ?? 0);
          groupDeal.push(line.deal);
          groupDealValue.push(value);
        }
      }
    }
    const active = list.filter((s) => periodIndex.has(s.period.label)).length;
    for (const o of own) if (o >= 0) activePeriods.set(o, Math.max(1, active));
    return {
      id,
      role: person.role,
      se: seRoles ? seRoles.includes(person.role) : SE_ROLE.test(person.role),
      currency: person.currency,
      digits: minorUnits(person.currency),
      toOrg: toOrg(person.currency),
      tiAnnual: person.targetIncentive ? num(person.targetIncentive) : 0,
      ti,
      quota,
      own,
      group,
      mboMean: personScores.map((xs) => mean(xs)),
      mboSd: measures.map(() => 0),
    };
  });

  // Each group deal to its member's own stream, or to the group's unsupported stream.
  const groupMembers = groups.map((g) => new Set(g.members.map((i) => people[i]?.id ?? '')));
  const personIndex = new Map(people.map((p, i) => [p.id, i]));
  groupDeal.forEach((deal, k) => {
    const gi = groupDealGroup[k] ?? 0;
    const g = groups[gi] as GroupFit;
    const member = memberOn(deal.id, deal.ownerId, groupMembers[gi] ?? new Set());
    const own = member === undefined ? -1 : (people[personIndex.get(member) ?? -1]?.own[g.measure] ?? -1);
    add(streams[own >= 0 ? own : g.unsupported] as StreamFit, groupDealValue[k] ?? 0);
  });

  // MBO: each person's own mean score, with the spread of the plan's scores around people's means.
  const spread = measures.map((_, m) => {
    const deviations: number[] = [];
    for (const [i, p] of people.entries()) {
      const list = byPerson.get(p.id) ?? [];
      for (const s of list) for (const r of s.measures) if (r.kind === 'mbo' && measureIndex.get(r.measure.id) === m) deviations.push(num(r.credited) - (people[i]?.mboMean[m] ?? 0));
    }
    return Math.sqrt(deviations.reduce((a, d) => a + d * d, 0) / Math.max(1, deviations.length - 1));
  });
  const withSpread: SimPerson[] = people.map((p) => ({ ...p, mboSd: spread }));

  const simStreams: SimStream[] = streams.map((f, i) => ({
    lambda: f.count / (activePeriods.get(i) ?? nPeriods),
    m1: f.count === 0 ? 0 : f.sum / f.count,
    m2: f.count === 0 ? 0 : f.sumSq / f.count,
  }));

  // The first bookings measure's streams count toward bookings, each deal once.
  const bookingsMeasure = measures.findIndex((m) => m.metric === 'bookings');
  const bookingStreams: number[] = [];
  const bookingToOrg: number[] = [];
  if (bookingsMeasure >= 0) {
    for (const p of withSpread) {
      const o = p.own[bookingsMeasure] ?? -1;
      if (o >= 0) {
        bookingStreams.push(o);
        bookingToOrg.push(p.toOrg);
      }
    }
    for (const g of groups) {
      if (g.measure !== bookingsMeasure) continue;
      bookingStreams.push(g.unsupported);
      bookingToOrg.push(g.toOrg);
    }
  }

  // Shock units: a pod's members' own deals and its unsupported deals share one shock per period.
  const units: string[] = [];
  const unitIndex = new Map<string, number>();
  const unit = (key: string) => {
    let u = unitIndex.get(key);
    if (u === undefined) {
      u = units.length;
      units.push(key);
      unitIndex.set(key, u);
    }
    return u;
  };
  const streamUnit = simStreams.map(() => -1);
  withSpread.forEach((p) => {
    const team = teams.get(p.id) ?? '';
    for (const o of p.own) if (o >= 0 && team !== '') streamUnit[o] = unit(`pod:${team}`);
  });
  for (const g of groups) {
    const [, credit, key] = g.key.split('\u0000');
    streamUnit[g.unsupported] = unit(`${credit ?? ''}:${key ?? ''}`);
  }
  const dealBased = measures.map((m, i) => ({ m, i })).filter(({ m }) => !m.mbo);
  const ownMeasure = dealBased.length === 0 ? -1 : dealBased.reduce((best, x) => (x.m.weight > best.m.weight || (x.m.weight === best.m.weight && !x.m.count && best.m.count) ? x : best)).i;

  return {
    plan: planId,
    year,
    currency: org.settings.currency,
    rounding: org.settings.rounding,
    periods: periodList.map((p) => p.label),
    measures,
    people: withSpread,
    groups: groups.map((g) => ({ measure: g.measure, key: g.key, members: [...g.members], unsupported: g.unsupported })),
    streams: simStreams,
    shockSigma: fitShock(groups, simStreams, withSpread),
    shockUnits: units,
    streamUnit,
    ownMeasure,
    bookingStreams,
    bookingToOrg,
    segments: fitSegments(org, nPeriods, year),
  };
}

/**
 * The group shock's log-scale deviation: the spread of groups' period totals beyond what their
 * compound-Poisson streams explain (method of moments, pooled over groups, clamped to [0, 0.5]).
 * The shock S (mean 1, variance v) multiplies a period's credit, so a group total with mean m and
 * Poisson variance P = Σ λ·m2 has variance E[S²]·P + v·m² = P + v·(P + m²); hence
 * v = (observed − P) / (P + m²).
 */
function fitShock(groups: readonly GroupFit[], streams: readonly SimStream[], people: readonly SimPerson[]): number {
  const excess: number[] = [];
  for (const g of groups) {
    const totals = g.perPeriod;
    const n = totals.length;
    if (n < 2) continue;
    const m = mean(totals);
    if (m <= 0) continue;
    const observed = totals.reduce((a, t) => a + (t - m) ** 2, 0) / (n - 1);
    let poisson = 0;
    const own = g.members.map((i) => people[i]?.own[g.measure] ?? -1);
    for (const s of [...own, g.unsupported]) {
      const st = s >= 0 ? streams[s] : undefined;
      if (st) poisson += st.lambda * st.m2;
    }
    excess.push((observed - poisson) / (poisson + m * m));
  }
  if (excess.length === 0) return 0;
  const cv2 = Math.max(0, mean(excess));
  return Math.min(0.5, Math.sqrt(Math.log(1 + cv2)));
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function add(f: StreamFit, value: number): void {
  f.count++;
  f.sum += value;
  f.sumSq += value * value;
}

function overlapDays(plan: Plan, range: { from: number; to: number }): number {
  return Math.max(0, Math.min(plan.effective.to, range.to) - Math.max(plan.effective.from, range.from) + 1);
}

function simMeasure(m: Measure): SimMeasure {
  const lines = tierLines(m);
  return {
    id: m.id,
    name: m.name,
    metric: m.metric,
    credit: m.metric === 'mbo' ? null : m.credit,
    weight: num(m.weight),
    ytd: m.measurement === 'ytd' && m.metric !== 'mbo',
    mbo: m.metric === 'mbo',
    count: m.metric === 'technical_wins' || m.metric === 'deals_supported',
    grouped: m.metric !== 'mbo' && (m.credit === 'pod' || m.credit === 'territory'),
    threshold: num(m.threshold),
    cap: m.cap === undefined ? Infinity : num(m.cap),
    retroactive: m.mode === 'retroactive',
    tierTo: lines.map((l) => (l.to === undefined ? Infinity : num(l.to))),
    tierRate: lines.map((l) => num(l.rate)),
    tierOffset: lines.map((l) => num(l.offset)),
  };
}

/** The credit lines of some windows, in no particular order (fitting needs no trace order). */
function* unsortedLines(windows: readonly CreditWindow[]): Generator<CreditLine> {
  for (const w of windows) for (let i = w.lo; i < w.hi; i++) yield w.series.line(i);
}

