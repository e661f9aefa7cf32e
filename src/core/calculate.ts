import { Crediting, CreditSeries, DealIndex, EMPTY_SERIES, SeriesBuilder, type DealLookup } from './crediting.js';
import { minorUnits } from './currency.js';
import { fastFactor } from './curve.js';
import { DealBook } from './deal-book.js';
import { contains, formatDay, intersect, rangeDays, type DayRange } from './dates.js';
import { compileFilter, type DealPredicate } from './filter.js';
import { FxTable } from './fx.js';
import type { Adjustment, Deal, DealTeamMember, Measure, Org, Person, Plan, Problem, Spiff } from './model.js';
import { periodsOverlapping, within, yearFraction, type Period } from './periods.js';
import { MboBook, QuotaBook, rampDays } from './quota.js';
import { Rational, ZERO, roundToUnits } from './rational.js';
import {
  compareStatements,
  type AdjustmentLine,
  type CreditWindow,
  type MeasureResult,
  type Membership,
  type PeriodQuota,
  type PeriodTi,
  type SpiffLine,
  type Statement,
} from './statement.js';

/** Statements for every payout period in which someone has an active day, and the problems met. */
export interface CalcResult {
  readonly statements: readonly Statement[];
  readonly problems: readonly Problem[];
}

/** A hypothetical deal and its team, for what-if questions. */
export interface ExtraDeal {
  readonly deal: Deal;
  readonly team: readonly DealTeamMember[];
}

/** Collects problems, each reported once. */
class ProblemSink {
  readonly list: Problem[] = [];
  private readonly seen = new Set<string>();

  add(p: Problem): void {
    const key = `${p.severity}|${p.file}|${p.line}|${p.column}|${p.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(p);
  }
}

/**
 * Works out which plans each person is on and when, reporting a person on two plans on one day.
 */
export function planMemberships(org: Org): { memberships: Map<string, Membership[]>; problems: Problem[] } {
  const problems: Problem[] = [];
  const memberships = new Map<string, Membership[]>();
  const byId = new Map<string, Plan[]>();
  for (const plan of org.plans) {
    const list = byId.get(plan.id);
    if (list) list.push(plan);
    else byId.set(plan.id, [plan]);
  }
  for (const person of org.people) {
    const plans = person.plan !== '' ? (byId.get(person.plan) ?? []) : org.plans.filter((p) => p.roles?.includes(person.role) ?? false);
    const list: Membership[] = [];
    for (const plan of plans) {
      const active = intersect(plan.effective, { from: person.hireDate ?? -Infinity, to: person.endDate ?? Infinity });
      if (active) list.push({ person, plan, active });
    }
    list.sort((a, b) => a.active.from - b.active.from || (a.plan.file < b.plan.file ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as Membership;
      const cur = list[i] as Membership;
      if (cur.active.from <= prev.active.to) {
        problems.push({
          severity: 'error',
          file: 'people.csv',
          line: person.line,
          column: person.plan !== '' ? 'plan' : 'role',
          message: `${person.id} is on two plans on ${formatDay(cur.active.from)}: ${prev.plan.id} (${prev.plan.file}) and ${cur.plan.id} (${cur.plan.file}); a person is on at most one plan on any day`,
        });
      }
    }
    if (list.length > 0) memberships.set(person.id, list);
  }
  return { memberships, problems };
}

interface MeasureCredits {
  readonly main: CreditSeries;
  readonly claw: SeriesBuilder;
  clawSeries?: CreditSeries;
}

interface DraftStatement {
  readonly membership: Membership;
  readonly period: Period;
  readonly active: DayRange;
  readonly ti: PeriodTi;
  readonly measures: MeasureResult[];
  readonly spiffs: SpiffLine[];
  readonly adjustments: AdjustmentLine[];
}

interface SpiffCandidate {
  /** Index of the SPIF in spiffs.yaml. */
  readonly k: number;
  readonly deal: Deal;
}

/** SPIF lines come in spiffs.yaml order, then by deal id. */
function compareCandidates(a: SpiffCandidate, b: SpiffCandidate): number {
  return a.k - b.k || (a.deal.id < b.deal.id ? -1 : a.deal.id > b.deal.id ? 1 : 0);
}

interface YtdState {
  fy: number;
  windowFrom: number;
  paid: bigint;
  tis: PeriodTi[];
  quotas: PeriodQuota[];
  missingQuota: boolean;
}

/**
 * The calculation engine over one validated org. Build it once (indexes over deals, quotas, fx),
 * then calculate everyone, or one person, or one person with a hypothetical deal.
 */
export class Engine {
  private constructor(
    readonly org: Org,
    private readonly people: ReadonlyMap<string, Person>,
    private readonly baseIndex: DealIndex,
    private readonly lookup: DealLookup,
    private readonly fx: FxTable,
    private readonly quotas: QuotaBook,
    private readonly mbo: MboBook,
    private readonly memberships: ReadonlyMap<string, Membership[]>,
    private readonly adjustments: ReadonlyMap<string, Adjustment[]>,
    /** Problems found while building (e.g. a person on two plans on one day). */
    readonly problems: readonly Problem[],
    private readonly extraDeals: readonly ExtraDeal[] = [],
    private readonly spiffCache: { value?: ReadonlyMap<string, SpiffCandidate[]> } = {},
  ) {
    this.spiffOrder = new Map(org.spiffs.map((s, i) => [s, i]));
    this.spiffFilters = org.spiffs.map((s) => compileFilter(s.filter));
  }

  private readonly spiffOrder: ReadonlyMap<Spiff, number>;
  private readonly spiffFilters: readonly DealPredicate[];

  /** Builds the indexes for `org`. */
  static create(org: Org): Engine {
    const people = new Map(org.people.map((p) => [p.id, p]));
    const index = new DealIndex(DealBook.of(org), people);
    const { memberships, problems } = planMemberships(org);
    const adjustments = new Map<string, Adjustment[]>();
    for (const a of org.adjustments) {
      const list = adjustments.get(a.personId);
      if (list) list.push(a);
      else adjustments.set(a.personId, [a]);
    }
    return new Engine(
      org,
      people,
      index,
      index,
      new FxTable(org.settings.currency, org.fx),
      new QuotaBook(org.quotas),
      new MboBook(org.mbo),
      memberships,
      adjustments,
      problems,
    );
  }

  /** The same engine seeing extra (hypothetical) deals; the base indexes are shared, not rebuilt. */
  withDeals(extra: readonly ExtraDeal[]): Engine {
    const lookup = this.baseIndex.extend(extra);
    return new Engine(this.org, this.people, this.baseIndex, lookup, this.fx, this.quotas, this.mbo, this.memberships, this.adjustments, this.problems, [...this.extraDeals, ...extra], this.spiffCache);
  }

  /** The person with this id, if any. */
  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  /** The plans a person is on, with their active days. */
  membershipsOf(personId: string): readonly Membership[] {
    return this.memberships.get(personId) ?? [];
  }

  /** Every statement of every payout period, sorted; plus every problem met. */
  calculateAll(): CalcResult {
    const sink = new ProblemSink();
    for (const p of this.problems) sink.add(p);
    const crediting = new Crediting(this.lookup, this.fx);
    const statements: Statement[] = [];
    for (const person of this.org.people) statements.push(...this.statementsOf(person, crediting, sink));
    this.reportMissingRates(crediting, sink);
    statements.sort(compareStatements);
    return { statements, problems: sink.list };
  }

  /** Every statement of one person (all payout periods), sorted; plus the problems met. */
  calculatePerson(personId: string): CalcResult {
    const person = this.people.get(personId);
    if (!person) return { statements: [], problems: [] };
    const sink = new ProblemSink();
    const crediting = new Crediting(this.lookup, this.fx);
    const statements = this.statementsOf(person, crediting, sink);
    this.reportMissingRates(crediting, sink);
    statements.sort(compareStatements);
    return { statements, problems: sink.list };
  }

  private reportMissingRates(crediting: Crediting, sink: ProblemSink): void {
    for (const m of crediting.missingRates) {
      sink.add({
        severity: 'error',
        file: 'fx.csv',
        line: 1,
        column: 'rate_to_org_currency',
        message: `no ${m.currency} rate covering ${formatDay(m.day)} (needed for deal ${m.deal.id}, deals.csv line ${m.deal.line})`,
      });
    }
  }

  private statementsOf(person: Person, crediting: Crediting, sink: ProblemSink): Statement[] {
    const memberships = this.memberships.get(person.id) ?? [];
    if (memberships.length === 0) {
      this.placeSpiffs(person, [], crediting, sink);
      this.placeAdjustments(person, [], sink);
      return [];
    }
    if (person.targetIncentive === undefined) {
      sink.add({
        severity: 'error',
        file: 'people.csv',
        line: person.line,
        column: 'target_incentive',
        message: `${person.id} is on plan ${memberships[0]?.plan.id ?? ''} but has no target_incentive`,
        subject: person.id,
      });
      return [];
    }
    const credits = this.creditsOf(person, memberships, crediting, sink);
    const drafts: DraftStatement[] = [];
    for (const membership of memberships) drafts.push(...this.draftsOf(membership, credits.get(membership) ?? new Map<Measure, MeasureCredits>(), sink));
    this.placeSpiffs(person, drafts, crediting, sink);
    this.placeAdjustments(person, drafts, sink);
    return drafts.map((d) => finish(d, this.spiffOrder));
  }

  /** Credit series per membership and measure, with clawbacks routed to where they land. */
  private creditsOf(person: Person, memberships: readonly Membership[], crediting: Crediting, sink: ProblemSink): Map<Membership, Map<Measure, MeasureCredits>> {
    const out = new Map<Membership, Map<Measure, MeasureCredits>>();
    for (const m of memberships) {
      const perMeasure = new Map<Measure, MeasureCredits>();
      for (const measure of m.plan.measures) {
        if (measure.metric !== 'mbo') perMeasure.set(measure, { main: crediting.seriesFor(measure, person), claw: new SeriesBuilder() });
      }
      out.set(m, perMeasure);
    }
    for (const m of memberships) {
      const days = m.plan.clawbackDays;
      if (days === undefined) continue;
      for (const [measure, c] of out.get(m) ?? []) {
        const { lo, hi } = c.main.window(m.active);
        for (const i of c.main.churned) {
          if (i < lo || i >= hi) continue;
          const line = c.main.line(i);
          const { closeDate, churnDate } = line.deal;
          if (closeDate === undefined || churnDate === undefined || churnDate - closeDate > days) continue;
          const target = memberships.find((x) => contains(x.active, churnDate));
          const landing = target?.plan.measures.find((x) => x.id === measure.id && x.metric !== 'mbo');
          const landingCredits = target && landing ? out.get(target)?.get(landing) : undefined;
          if (!landingCredits) {
            sink.add({
              severity: 'warning',
              file: 'deals.csv',
              line: line.deal.line,
              column: 'churn_date',
              message: target
                ? `clawback of ${line.deal.id} for ${person.id} dropped: plan ${target.plan.id} has no deal-based measure ${measure.id}`
                : `clawback of ${line.deal.id} for ${person.id} dropped: ${person.id} is on no plan on ${formatDay(churnDate)}`,
            });
            continue;
          }
          landingCredits.claw.add(line.deal, churnDate, line.amount, line.share, line.credit.neg(), line.fx, line.rule === landing?.credit ? undefined : line.rule);
        }
      }
    }
    for (const perMeasure of out.values()) {
      for (const [measure, c] of perMeasure) c.clawSeries = c.claw.length === 0 ? EMPTY_SERIES : new CreditSeries(c.claw, measure.credit, true);
    }
    return out;
  }

  private draftsOf(m: Membership, credits: Map<Measure, MeasureCredits>, sink: ProblemSink): DraftStatement[] {
    const { person, plan } = m;
    const drafts: DraftStatement[] = [];
    const ytd = new Map<Measure, YtdState>();
    const [lNum, lDen] = yearFraction(plan.payoutPeriod);
    const annualTi = person.targetIncentive ?? ZERO;
    const digits = minorUnits(person.currency);
    const mode = this.org.settings.rounding;
    for (const period of periodsOverlapping(m.active, plan.payoutPeriod, this.org.settings.calendar)) {
      const active = intersect(m.active, period);
      if (!active) continue;
      const periodDays = rangeDays(period);
      const activeDays = rangeDays(active);
      const ti: PeriodTi = {
        period,
        activeDays,
        periodDays,
        ti: annualTi.mul(Rational.of(lNum * BigInt(activeDays), lDen * BigInt(periodDays))),
      };
      const measures: MeasureResult[] = [];
      for (const measure of plan.measures) {
        if (measure.metric === 'mbo') {
          const score = this.mbo.score(person, plan, measure, period);
          if (!score) {
            sink.add({
              severity: 'error',
              file: 'mbo.csv',
              line: 1,
              column: 'score',
              message: `no score for ${person.id}, measure ${measure.id} (plan ${plan.id}), period ${period.label}`,
              subject: person.id,
            });
          }
          const a = score?.score ?? ZERO;
          const working = fastFactor(a, measure);
          const exact = ti.ti.mul(measure.weight).mul(working.factor);
          const rounded = roundToUnits(exact, digits, mode);
          if (score) measures.push({ kind: 'mbo', measure, credited: a, quota: Rational.fromInt(1), attainment: a, working, ti: ti.ti, exact, rounded, payout: rounded, score });
          continue;
        }
        const c = credits.get(measure) ?? { main: EMPTY_SERIES, claw: new SeriesBuilder(), clawSeries: EMPTY_SERIES };
        const quota = this.periodQuota(person, plan, measure, period, active, sink);
        if (measure.measurement === 'period') {
          const windows = creditWindows(c, active);
          const credited = windowTotal(windows);
          const q = quota?.quota;
          const a = q ? credited.div(q) : ZERO;
          const working = fastFactor(a, measure);
          const exact = ti.ti.mul(measure.weight).mul(working.factor);
          const rounded = roundToUnits(exact, digits, mode);
          if (quota) measures.push({ kind: 'period', measure, credited, quota: quota.quota, attainment: a, working, ti: ti.ti, exact, rounded, payout: rounded, credits: windows, quotaWorking: quota });
          continue;
        }
        let state = ytd.get(measure);
        if (!state || state.fy !== period.fy) {
          state = { fy: period.fy, windowFrom: period.from, paid: 0n, tis: [], quotas: [], missingQuota: false };
          ytd.set(measure, state);
        }
        state.tis.push(ti);
        if (quota) state.quotas.push(quota);
        else state.missingQuota = true;
        const window = { from: state.windowFrom, to: period.to };
        const creditRange = intersect(m.active, window);
        const windows = creditRange ? creditWindows(c, creditRange) : [];
        const credited = windowTotal(windows);
        const tiCum = state.tis.reduce((s, x) => s.add(x.ti), ZERO);
        const quotaCum = state.quotas.reduce((s, x) => s.add(x.quota), ZERO);
        const a = quotaCum.isZero() ? ZERO : credited.div(quotaCum);
        const working = fastFactor(a, measure);
        const exact = tiCum.mul(measure.weight).mul(working.factor);
        const rounded = roundToUnits(exact, digits, mode);
        const line = rounded - state.paid;
        const payout = line > 0n ? line : 0n;
        const paidBefore = state.paid;
        state.paid += payout;
        if (!state.missingQuota) {
          measures.push({
            kind: 'ytd',
            measure,
            credited,
            quota: quotaCum,
            attainment: a,
            working,
            ti: tiCum,
            exact,
            rounded,
            payout,
            window,
            credits: windows,
            quotas: [...state.quotas],
            tis: [...state.tis],
            paidBefore,
            balance: line < 0n ? line : 0n,
          });
        }
      }
      drafts.push({ membership: m, period, active, ti, measures, spiffs: [], adjustments: [] });
    }
    return drafts;
  }

  private periodQuota(person: Person, plan: Plan, measure: Measure, period: Period, active: DayRange, sink: ProblemSink): PeriodQuota | undefined {
    const source = this.quotas.target(person, plan, measure, period);
    if (!source) {
      sink.add({
        severity: 'error',
        file: 'quotas.csv',
        line: 1,
        column: 'target',
        message: `no quota for ${person.id}, measure ${measure.id} (plan ${plan.id}), period ${period.label}`,
        subject: person.id,
      });
      return undefined;
    }
    const { weightedDays, segments } = rampDays(person.hireDate, plan.ramp, active);
    const periodDays = rangeDays(period);
    return {
      period,
      active,
      source,
      ramp: segments,
      weightedDays,
      periodDays,
      quota: source.target.mul(weightedDays).div(Rational.fromInt(periodDays)),
    };
  }

  /** SPIF awards for `person`, placed on the statement of the payout period containing close_date. */
  /** SPIF candidates per person: (SPIF index, deal) for every qualifying deal they own or worked. */
  private spiffCandidates(): ReadonlyMap<string, SpiffCandidate[]> {
    if (!this.spiffCache.value) {
      const map = new Map<string, SpiffCandidate[]>();
      const book = DealBook.of(this.org);
      const personIds = book.team.personIds;
      this.org.deals.forEach((deal, i) => this.addSpiffCandidates(map, deal, () => Array.from(book.teamOf(i), (r) => personIds[r] ?? '')));
      for (const list of map.values()) list.sort(compareCandidates);
      this.spiffCache.value = map;
    }
    return this.spiffCache.value;
  }

  private addSpiffCandidates(map: Map<string, SpiffCandidate[]>, deal: Deal, teamIds: () => readonly string[]): void {
    const close = deal.closeDate;
    if (close === undefined) return;
    for (let k = 0; k < this.org.spiffs.length; k++) {
      const spiff = this.org.spiffs[k] as Spiff;
      if (close < spiff.period.from || close > spiff.period.to || !(this.spiffFilters[k] as DealPredicate)(deal)) continue;
      const people = new Set([deal.ownerId, ...teamIds()]);
      for (const id of people) {
        const list = map.get(id);
        if (list) list.push({ k, deal });
        else map.set(id, [{ k, deal }]);
      }
    }
  }

  /** SPIF awards for `person`, placed on the statement of the payout period containing close_date. */
  private placeSpiffs(person: Person, drafts: DraftStatement[], crediting: Crediting, sink: ProblemSink): void {
    if (this.org.spiffs.length === 0) return;
    let candidates = this.spiffCandidates().get(person.id) ?? [];
    if (this.extraDeals.length > 0) {
      const extra = new Map<string, SpiffCandidate[]>();
      for (const e of this.extraDeals) this.addSpiffCandidates(extra, e.deal, () => e.team.map((m) => m.personId));
      candidates = [...candidates, ...(extra.get(person.id) ?? [])].sort(compareCandidates);
    }
    for (const { k, deal } of candidates) {
      const spiff = this.org.spiffs[k] as Spiff;
      if (spiff.roles && !spiff.roles.includes(person.role)) continue;
      const close = deal.closeDate ?? 0;
      const base = spiff.award.kind === 'per_deal' ? { amount: spiff.award.amount, currency: this.org.settings.currency } : { amount: deal.amount.mul(spiff.award.rate), currency: deal.currency };
      const converted = crediting.convert(base.amount, base.currency, person.currency, close, deal);
      if (!converted) continue;
      const target = spiffStatement(drafts, close);
      if (!target) {
        sink.add({
          severity: 'warning',
          file: 'spiffs.yaml',
          line: spiff.line,
          column: 'id',
          message: `SPIF ${spiff.id} award to ${person.id} for deal ${deal.id} is not paid: ${person.id} has no statement for the period containing ${formatDay(close)}`,
        });
        continue;
      }
      const payout = roundToUnits(converted.amount, minorUnits(person.currency), this.org.settings.rounding);
      target.spiffs.push({ spiff, deal, exact: converted.amount, payout, fx: converted.fx });
    }
  }

  private placeAdjustments(person: Person, drafts: DraftStatement[], sink: ProblemSink): void {
    for (const adj of this.adjustments.get(person.id) ?? []) {
      const candidates = drafts.filter((d) => within(adj.period, d.period)).sort(compareDrafts);
      if (candidates.length === 0) {
        const overlapping = drafts.some((d) => intersect(d.period, adj.period));
        sink.add({
          severity: 'error',
          file: 'adjustments.csv',
          line: adj.line,
          column: 'period',
          message: overlapping
            ? `adjustment period ${adj.period.label} is longer than ${person.id}'s payout period; give the payout period it belongs to`
            : `adjustment for ${person.id} in ${adj.period.label} lands on no statement: ${person.id} has no active plan day in ${adj.period.label}`,
        });
        continue;
      }
      let best = candidates[0] as DraftStatement;
      let bestLast = -Infinity;
      for (const d of candidates) {
        const overlap = intersect(d.active, adj.period);
        const last = overlap ? overlap.to : -Infinity;
        if (last > bestLast) {
          best = d;
          bestLast = last;
        }
      }
      const payout = roundToUnits(adj.amount, minorUnits(person.currency), this.org.settings.rounding);
      best.adjustments.push({ adjustment: adj, payout });
    }
  }
}

function creditWindows(c: MeasureCredits, range: DayRange): CreditWindow[] {
  const out: CreditWindow[] = [];
  for (const series of [c.main, c.clawSeries ?? EMPTY_SERIES]) {
    if (series.length === 0) continue;
    const { lo, hi } = series.window(range);
    if (hi > lo) out.push({ series, lo, hi });
  }
  return out;
}

function windowTotal(windows: readonly CreditWindow[]): Rational {
  let total = ZERO;
  for (const w of windows) total = total.add(w.series.total(w.lo, w.hi));
  return total;
}

/** Statement order for drafts: period start, plan id, plan version start. */
function compareDrafts(a: DraftStatement, b: DraftStatement): number {
  if (a.period.from !== b.period.from) return a.period.from - b.period.from;
  const pa = a.membership.plan;
  const pb = b.membership.plan;
  if (pa.id !== pb.id) return pa.id < pb.id ? -1 : 1;
  return pa.effective.from - pb.effective.from;
}

/**
 * The statement a SPIF award on `close` lands on (see docs/calculation.md, SPIFs): of the person's
 * statements whose payout period contains the close date, the one whose plan is active that day,
 * else the first in statement order.
 */
function spiffStatement(drafts: readonly DraftStatement[], close: number): DraftStatement | undefined {
  const inPeriod = drafts.filter((d) => contains(d.period, close)).sort(compareDrafts);
  return inPeriod.find((d) => contains(d.membership.active, close)) ?? inPeriod[0];
}

function compareAdjustments(a: AdjustmentLine, b: AdjustmentLine): number {
  const x = a.adjustment;
  const y = b.adjustment;
  if (x.period.from !== y.period.from) return x.period.from - y.period.from;
  if (x.period.to !== y.period.to) return x.period.to - y.period.to;
  const c = x.amount.cmp(y.amount);
  if (c !== 0) return c;
  if (x.reason !== y.reason) return x.reason < y.reason ? -1 : 1;
  if (x.approver !== y.approver) return x.approver < y.approver ? -1 : 1;
  return 0;
}

function finish(d: DraftStatement, spiffOrder: ReadonlyMap<Spiff, number>): Statement {
  const { person, plan } = d.membership;
  d.spiffs.sort((a, b) => (spiffOrder.get(a.spiff) ?? 0) - (spiffOrder.get(b.spiff) ?? 0) || (a.deal.id < b.deal.id ? -1 : a.deal.id > b.deal.id ? 1 : 0));
  d.adjustments.sort(compareAdjustments);
  let total = 0n;
  for (const m of d.measures) total += m.payout;
  for (const s of d.spiffs) total += s.payout;
  for (const a of d.adjustments) total += a.payout;
  return {
    person,
    plan,
    period: d.period,
    currency: person.currency,
    minorDigits: minorUnits(person.currency),
    active: d.active,
    ti: d.ti,
    measures: d.measures,
    spiffs: d.spiffs,
    adjustments: d.adjustments,
    total,
  };
}

/** The payout periods of `kind` lying wholly inside `outer` — the statements `calc --period` prints. */
export function statementsInside(statements: readonly Statement[], outer: Period): Statement[] {
  return statements.filter((s) => within(s.period, outer));
}
