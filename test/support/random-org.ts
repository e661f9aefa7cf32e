/**
 * Random VALID org folders for differential testing (the real engine against test/oracle).
 *
 * The main entities (settings, plans, people, deals, SPIFs) come from small fast-check
 * arbitraries; the data that must cover them (quotas, mbo scores, fx rates, adjustments and the
 * period to calculate) is derived afterwards with `fc.gen()`, because what it must cover depends on
 * who is on which plan on which days.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { addMonths, formatDate, type Day } from '../oracle/dates.js';
import { FiscalCalendar, MONTHS_IN, periodContains, type Period, type PeriodKind } from '../oracle/periods.js';
import { Rational } from '../oracle/rational.js';

export interface GeneratedOrg {
  /** Path relative to the org folder (`org.yaml`, `plans/plan-1.yaml`, …) -> full text. */
  files: Record<string, string>;
  /** The period label to calculate: a quarter, a half, the fiscal year, now and then a month. */
  period: string;
}

export function arbitraryOrg(): fc.Arbitrary<GeneratedOrg> {
  return settingsArb()
    .chain((s) => plansArb(s).map((plans) => ({ s, plans })))
    .chain((c) => peopleArb(c.s, c.plans).map((people) => ({ ...c, people })))
    .chain((c) => dealsArb(c.s, c.people).map((deals) => ({ ...c, deals })))
    .chain((c) => spiffsArb(c.s).map((spiffs) => ({ ...c, spiffs })))
    .chain((core) => fc.gen().map((g) => render(core, derive(core, g))));
}

/** Writes every file of a generated org under `dir` (creating `plans/`). */
export function generatedOrgToDir(org: GeneratedOrg, dir: string): void {
  for (const [path, text] of Object.entries(org.files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, 'utf8');
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes of the generated entities
// ---------------------------------------------------------------------------------------------

type Currency = 'USD' | 'EUR' | 'GBP' | 'JPY';
type Role = 'AE' | 'SE' | 'SE_MANAGER';
type Metric = 'bookings' | 'technical_wins' | 'deals_supported' | 'mbo';
type CreditRule = 'owner' | 'overlay' | 'split' | 'activity' | 'pod' | 'territory';

interface CsvStyle {
  readonly bom: boolean;
  readonly crlf: boolean;
  /** Applied to people.csv and deal_team.csv headers (names match case-insensitively). */
  readonly upperHeaders: boolean;
}

interface Settings {
  readonly name: string;
  readonly currency: Currency;
  readonly fyStartMonth: 1 | 2 | 4 | 7;
  readonly labelMode: 'end' | 'start';
  readonly rounding: 'half_even' | 'half_up';
  /** Write fiscal_year_start/label and rounding even when they are the defaults. */
  readonly explicitDefaults: boolean;
  /** The main fiscal year's label; most dates fall inside it. */
  readonly fy: number;
  readonly cal: FiscalCalendar;
  readonly year: Period;
  /** A day inside the year where "plan changes" happen. */
  readonly cut: Day;
  /** Round amounts and targets, so attainments often land exactly on tier bounds. */
  readonly roundNumbers: boolean;
  /** Use org.yaml `columns:` to rename deals.csv's amount and close_date headers. */
  readonly renameDealColumns: boolean;
  readonly csv: CsvStyle;
}

interface FilterEntry {
  readonly column: string;
  readonly values: readonly string[];
}

interface TierSpec {
  readonly to?: string;
  readonly rate: string;
}

interface MeasureSpec {
  readonly id: string;
  readonly metric: Metric;
  readonly weight: string;
  readonly credit: CreditRule | undefined;
  readonly filter: readonly FilterEntry[];
  readonly measurement: 'period' | 'ytd' | undefined;
  readonly threshold: string | undefined;
  readonly mode: 'marginal' | 'retroactive' | undefined;
  readonly tiers: readonly TierSpec[] | undefined;
  readonly cap: string | undefined;
}

interface PlanSpec {
  readonly file: string;
  readonly id: string;
  readonly roles: readonly Role[] | undefined;
  /** Write a single role as `[SE]` rather than `SE`. */
  readonly rolesAsList: boolean;
  readonly from: Day;
  readonly to: Day;
  readonly payout: PeriodKind;
  readonly measures: readonly MeasureSpec[];
  readonly clawbackDays: number | undefined;
  readonly ramp: readonly string[] | undefined;
}

interface PersonSpec {
  readonly id: string;
  readonly role: Role;
  readonly team: string;
  readonly territory: string;
  readonly hire: Day | undefined;
  readonly end: Day | undefined;
  /** '' = the org currency. */
  readonly currency: '' | Currency;
  readonly targetIncentive: string;
  readonly plan: string;
}

interface TeamRow {
  readonly personId: string;
  readonly role: string;
  readonly split: string;
  readonly hours: string;
}

interface DealSpec {
  readonly id: string;
  readonly ownerId: string;
  readonly amount: string;
  readonly currency: '' | Currency;
  readonly stage: string;
  readonly close: Day | undefined;
  readonly type: string;
  readonly segment: string;
  readonly territory: string;
  readonly product: string;
  readonly technicalWin: string;
  readonly technicalWinDate: Day | undefined;
  readonly poc: string;
  readonly churn: Day | undefined;
  readonly team: readonly TeamRow[];
}

interface SpiffSpec {
  readonly id: string;
  readonly period: string;
  readonly roles: readonly Role[] | undefined;
  readonly filter: readonly FilterEntry[];
  readonly award: { readonly perDeal: string } | { readonly percentOfAmount: string };
}

interface Core {
  readonly s: Settings;
  readonly plans: readonly PlanSpec[];
  readonly people: readonly PersonSpec[];
  readonly deals: readonly DealSpec[];
  readonly spiffs: readonly SpiffSpec[];
}

type Row = Readonly<Record<string, string>>;

interface Derived {
  readonly quotas: readonly Row[];
  readonly mbo: readonly Row[];
  readonly fx: readonly Row[];
  readonly adjustments: readonly Row[];
  readonly adjustmentAliases: boolean;
  /** The same people and deals, in the row order to write (shuffled now and then: output must not depend on it). */
  readonly people: readonly PersonSpec[];
  readonly deals: readonly DealSpec[];
  readonly period: string;
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** `arb` about `percent`% of the time, else undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary: arb, weight: percent });
}

function dayBetween(from: Day, to: Day): fc.Arbitrary<Day> {
  return fc.integer({ min: from, max: to });
}

function overlaps(a: { from: Day; to: Day }, b: { from: Day; to: Day }): boolean {
  return a.from <= b.to && b.from <= a.to;
}

function periodsOverlap(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Decimal text of `text × factor` (both finite decimals). */
function times(text: string, factor: number): string {
  return Rational.parseDecimal(text).mul(Rational.of(factor)).toDecimalString();
}

/** A money amount between min and max units, written with 0, 1 or 2 decimals. */
function moneyArb(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .record({ units: fc.integer({ min, max }), cents: fc.integer({ min: 0, max: 99 }), decimals: fc.constantFrom(0, 1, 2) })
    .map(({ units, cents, decimals }) => {
      if (decimals === 0) return String(units);
      if (decimals === 1) return `${units}.${Math.floor(cents / 10)}`;
      return `${units}.${String(cents).padStart(2, '0')}`;
    });
}

/** One of `values`, drawn inside a derived (fc.gen) step. */
function pick<T>(g: fc.GeneratorValue, values: readonly T[]): T {
  return g(() => fc.constantFrom(...values));
}

/** The items, in a random order about half of the time. */
function maybeShuffled<T>(g: fc.GeneratorValue, items: readonly T[]): T[] {
  if (items.length < 2 || !g(fc.boolean)) return [...items];
  return g(() => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length }));
}

const FINER: Readonly<Partial<Record<PeriodKind, PeriodKind>>> = { year: 'half', half: 'quarter', quarter: 'month' };

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

function settingsArb(): fc.Arbitrary<Settings> {
  return fc
    .record({
      name: fc.constantFrom('Acme Cloud', 'Globex', 'Initech GmbH', 'Umbrella KK'),
      currency: fc.oneof(
        { arbitrary: fc.constant<Currency>('USD'), weight: 7 },
        { arbitrary: fc.constant<Currency>('EUR'), weight: 2 },
        { arbitrary: fc.constant<Currency>('JPY'), weight: 1 },
      ),
      fyStartMonth: fc.constantFrom<(1 | 2 | 4 | 7)[]>(1, 2, 4, 7),
      labelMode: fc.constantFrom<('end' | 'start')[]>('end', 'start'),
      rounding: fc.constantFrom<('half_even' | 'half_up')[]>('half_even', 'half_up'),
      explicitDefaults: fc.boolean(),
      fy: fc.constantFrom(2025, 2026, 2027),
      cutOffset: fc.integer({ min: 45, max: 320 }),
      roundNumbers: fc.boolean(),
      renameDealColumns: sometimes(fc.constant(true), 25).map((b) => b === true),
      csv: fc.record({
        bom: sometimes(fc.constant(true), 15).map((b) => b === true),
        crlf: sometimes(fc.constant(true), 25).map((b) => b === true),
        upperHeaders: sometimes(fc.constant(true), 15).map((b) => b === true),
      }),
    })
    .map((r) => {
      const cal = new FiscalCalendar(r.fyStartMonth, r.labelMode);
      const year = cal.period('year', r.fy, 1);
      return { ...r, cal, year, cut: year.start + r.cutOffset };
    });
}

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

const WEIGHT_SETS: readonly (readonly string[])[] = [
  ['1'],
  ['1.0'],
  ['0.5', '0.5'],
  ['0.7', '0.3'],
  ['0.6', '0.4'],
  ['0.75', '0.25'],
  ['0.5', '0.3', '0.2'],
  ['0.4', '0.35', '0.25'],
  ['0.2', '0.2', '0.6'],
  ['0.8', '0.2', '0'],
  ['0.333', '0.333', '0.334'],
  ['0.25', '0.25', '0.25', '0.25'],
  ['0.1', '0.2', '0.3', '0.4'],
];

const MEASURE_ID: Readonly<Record<Metric, string>> = {
  bookings: 'bookings',
  technical_wins: 'tech_wins',
  deals_supported: 'deals_supported',
  mbo: 'customer_outcomes',
};

/** Filter entries on deal columns; a value list matches any of its values. */
const FILTER_ENTRIES: readonly FilterEntry[] = [
  { column: 'stage', values: ['closed_won'] },
  { column: 'stage', values: ['closed_won', 'negotiation'] },
  { column: 'type', values: ['new'] },
  { column: 'type', values: ['new', 'expansion'] },
  { column: 'segment', values: ['ent'] },
  { column: 'segment', values: ['smb', 'mid'] },
  { column: 'product', values: ['observability'] },
  { column: 'product', values: ['core', 'security'] },
  { column: 'technical_win', values: ['true'] },
  { column: 'technical_win', values: ['false'] },
  { column: 'poc', values: ['true'] },
  { column: 'territory', values: ['NA'] },
  { column: 'territory', values: ['NA', 'EMEA'] },
];

function filterArb(emptyWeight: number): fc.Arbitrary<FilterEntry[]> {
  return fc.oneof(
    { arbitrary: fc.constant<FilterEntry[]>([]), weight: emptyWeight },
    {
      arbitrary: fc.uniqueArray(fc.constantFrom(...FILTER_ENTRIES), { minLength: 1, maxLength: 2, selector: (e) => e.column }),
      weight: 10 - emptyWeight,
    },
  );
}

/** 0–3 increasing bounded tiers from a fixed ladder, then the open last tier; rates may decelerate. */
function tiersArb(): fc.Arbitrary<TierSpec[]> {
  const rate = fc.constantFrom('0', '0.5', '0.75', '1', '1.0', '1.25', '1.5', '2', '3');
  return fc
    .subarray(['0.5', '0.8', '1.0', '1.2', '1.5', '2.0'], { minLength: 0, maxLength: 3 })
    .chain((bounds) =>
      fc.array(rate, { minLength: bounds.length + 1, maxLength: bounds.length + 1 }).map((rates) => [
        ...bounds.map((to, i) => ({ to, rate: rates[i] ?? '1' })),
        { rate: rates[bounds.length] ?? '1' },
      ]),
    );
}

type MeasureDraft = Omit<MeasureSpec, 'id' | 'weight'>;

function measureDraftArb(): fc.Arbitrary<MeasureDraft> {
  return fc
    .oneof(
      { arbitrary: fc.constant<Metric>('bookings'), weight: 4 },
      { arbitrary: fc.constant<Metric>('technical_wins'), weight: 2 },
      { arbitrary: fc.constant<Metric>('deals_supported'), weight: 2 },
      { arbitrary: fc.constant<Metric>('mbo'), weight: 2 },
    )
    .chain((metric) =>
      fc.record({
        metric: fc.constant(metric),
        credit:
          metric === 'mbo'
            ? fc.constant(undefined)
            : fc.constantFrom<CreditRule[]>('owner', 'overlay', 'split', 'activity', 'pod', 'territory'),
        filter: metric === 'mbo' ? fc.constant([]) : filterArb(5),
        measurement: metric === 'mbo' ? fc.constant(undefined) : fc.constantFrom<('period' | 'ytd' | undefined)[]>(undefined, 'period', 'ytd', 'ytd'),
        threshold: fc.constantFrom(undefined, undefined, '0', '0.5', '0.8', '1.0'),
        mode: fc.constantFrom<('marginal' | 'retroactive' | undefined)[]>(undefined, 'marginal', 'retroactive'),
        tiers: sometimes(tiersArb(), 75),
        cap: fc.constantFrom(undefined, undefined, '1.2', '1.5', '2', '2.0', '3'),
      }),
    );
}

/** Measures whose weights sum to exactly 1; ids follow the metric so one id means one metric everywhere. */
function measuresArb(): fc.Arbitrary<MeasureSpec[]> {
  return fc
    .constantFrom(...WEIGHT_SETS)
    .chain((weights) => fc.tuple(...weights.map(() => measureDraftArb())).map((drafts) => ({ weights, drafts })))
    .map(({ weights, drafts }) => {
      const seen = new Map<Metric, number>();
      return drafts.map((d, i) => {
        const n = (seen.get(d.metric) ?? 0) + 1;
        seen.set(d.metric, n);
        return { ...d, id: n === 1 ? MEASURE_ID[d.metric] : `${MEASURE_ID[d.metric]}_${n}`, weight: weights[i] ?? '0' };
      });
    });
}

/** Effective ranges: the whole year, from last year, before/after the cut, into next year, or a middle part. */
function rangeArb(s: Settings): fc.Arbitrary<{ from: Day; to: Day }> {
  const nextYearEnd = addMonths(s.year.end + 1, 1) - 1;
  return fc.oneof(
    { arbitrary: fc.constant({ from: s.year.start, to: s.year.end }), weight: 4 },
    { arbitrary: fc.constant({ from: addMonths(s.year.start, -3), to: s.year.end }), weight: 1 },
    { arbitrary: fc.constant({ from: s.year.start, to: s.cut }), weight: 2 },
    { arbitrary: fc.constant({ from: s.cut + 1, to: s.year.end }), weight: 2 },
    { arbitrary: fc.constant({ from: s.cut + 1, to: nextYearEnd }), weight: 1 },
    {
      arbitrary: fc.record({ a: fc.integer({ min: 0, max: 150 }), b: fc.integer({ min: 0, max: 150 }) }).map(({ a, b }) => ({
        from: s.year.start + a,
        to: s.year.end - b,
      })),
      weight: 1,
    },
  );
}

interface PlanDraft {
  readonly range: { from: Day; to: Day };
  readonly payout: PeriodKind;
  readonly measures: MeasureSpec[];
  readonly clawbackDays: number | undefined;
  readonly ramp: string[] | undefined;
  readonly wantedRoles: Role[];
  readonly versionOfEarlier: boolean;
  readonly rolesAsList: boolean;
}

function planDraftArb(s: Settings): fc.Arbitrary<PlanDraft> {
  return fc.record({
    range: rangeArb(s),
    payout: fc.constantFrom<PeriodKind[]>('month', 'quarter', 'quarter', 'half', 'year'),
    measures: measuresArb(),
    clawbackDays: sometimes(fc.constantFrom(30, 90, 180, 365), 60),
    ramp: sometimes(fc.constantFrom(['0.25', '0.5', '0.75'], ['0.5'], ['0.3333', '0.6667'], ['0.1', '0.2', '0.3', '0.4', '0.5', '0.6']), 40),
    wantedRoles: fc.subarray<Role>(['AE', 'SE'], { minLength: 0, maxLength: 2 }),
    rolesAsList: fc.boolean(),
    versionOfEarlier: sometimes(fc.constant(true), 25).map((b) => b === true),
  });
}

/**
 * 1–3 plans. A plan takes only the wanted roles that no earlier plan with an overlapping range has
 * (so nobody is on two plans on a day); a plan left without roles has no `applies_to` and people join
 * it through people.csv `plan`. Now and then a plan is a later *version* of an earlier one (same id,
 * disjoint range).
 */
function plansArb(s: Settings): fc.Arbitrary<PlanSpec[]> {
  return fc.array(planDraftArb(s), { minLength: 1, maxLength: 3 }).map((drafts) => {
    const plans: PlanSpec[] = [];
    drafts.forEach((draft, i) => {
      // A version continues an earlier plan that ends inside the year: same id and roles, the days after it.
      const isLatestOfItsId = (p: PlanSpec): boolean => plans.every((q) => q.id !== p.id || q.to <= p.to);
      const versionOf = draft.versionOfEarlier ? plans.find((p) => p.to < s.year.end - 30 && isLatestOfItsId(p)) : undefined;
      const d =
        versionOf === undefined
          ? draft
          : { ...draft, range: { from: versionOf.to + 1, to: s.year.end }, wantedRoles: [...(versionOf.roles ?? draft.wantedRoles)] };
      const overlapping = plans.filter((p) => overlaps(p, d.range));
      const taken = new Set(overlapping.flatMap((p) => p.roles ?? []));
      const roles = d.wantedRoles.filter((r) => !taken.has(r));
      const id = versionOf?.id ?? `plan-${i + 1}`;
      plans.push({
        file: versionOf === undefined ? `plans/${id}.yaml` : `plans/${id}-v${i + 1}.yaml`,
        id,
        roles: roles.length > 0 ? roles : undefined,
        rolesAsList: d.rolesAsList,
        from: d.range.from,
        to: d.range.to,
        payout: d.payout,
        measures: d.measures,
        clawbackDays: d.clawbackDays,
        ramp: d.ramp,
      });
    });
    return plans;
  });
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/** Target incentives: some engineered so quarter × weight lands on a half cent (40000.20 / 4 × 0.5 = 5000.025). */
function targetIncentiveArb(currency: Currency): fc.Arbitrary<string> {
  if (currency === 'JPY') return fc.integer({ min: 2_000_000, max: 12_000_000 }).map(String);
  return fc.oneof(
    fc.constantFrom('40000.20', '30000.06', '12345.67', '50000.02', '60000'),
    moneyArb(10_000, 90_000),
  );
}

function personDraftArb(s: Settings, plans: readonly PlanSpec[]): fc.Arbitrary<Omit<PersonSpec, 'id'>> {
  const planIds = [...new Set(plans.map((p) => p.id))];
  return fc
    .record({
      role: fc.oneof({ arbitrary: fc.constantFrom<Role[]>('AE', 'SE'), weight: 9 }, { arbitrary: fc.constant<Role>('SE_MANAGER'), weight: 1 }),
      team: fc.constantFrom('east', 'east', 'west', ''),
      territory: fc.constantFrom('NA', 'EMEA', 'APAC', ''),
      hire: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        { arbitrary: dayBetween(s.year.start - 800, s.year.start - 1), weight: 3 },
        { arbitrary: dayBetween(s.year.start - 60, s.year.end - 30), weight: 4 },
      ),
      endOffset: sometimes(fc.integer({ min: 0, max: 300 }), 20),
      currency: fc.oneof(
        { arbitrary: fc.constant<'' | Currency>(''), weight: 5 },
        { arbitrary: fc.constant<'' | Currency>(s.currency), weight: 1 },
        { arbitrary: fc.constantFrom<('' | Currency)[]>('EUR', 'JPY'), weight: 2 },
      ),
      plan: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: fc.constantFrom(...planIds), weight: 1 }),
    })
    .chain((d) =>
      targetIncentiveArb(d.currency === '' ? s.currency : d.currency).map((targetIncentive) => ({
        role: d.role,
        team: d.team,
        territory: d.territory,
        hire: d.hire,
        end: d.endOffset === undefined ? undefined : Math.max(d.hire ?? s.year.start, s.year.start) + d.endOffset,
        currency: d.currency,
        targetIncentive,
        plan: d.plan,
      })),
    );
}

function peopleArb(s: Settings, plans: readonly PlanSpec[]): fc.Arbitrary<PersonSpec[]> {
  return fc
    .array(personDraftArb(s, plans), { minLength: 2, maxLength: 12 })
    .map((drafts) => drafts.map((d, i) => ({ ...d, id: `p${String(i + 1).padStart(2, '0')}` })));
}

// ---------------------------------------------------------------------------------------------
// Deals and deal teams
// ---------------------------------------------------------------------------------------------

/** Amounts with 0–2 decimals; round steps in round-number orgs; a few made for half-cent ties. */
function amountArb(s: Settings, currency: Currency): fc.Arbitrary<string> {
  if (currency === 'JPY') {
    return fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((n) => String(n * 1_875_000)),
      fc.integer({ min: 50_000, max: 40_000_000 }).map(String),
    );
  }
  const round = fc.integer({ min: 1, max: 16 }).map((n) => (n % 2 === 0 ? String(n * 12_500) : `${n * 12_500}.00`));
  const ties = fc.constantFrom('1000.05', '333.33', '100.01', '2500.5', '0.01', '50000.15', '7.77');
  const plain = moneyArb(0, 250_000);
  return fc.oneof({ arbitrary: round, weight: s.roundNumbers ? 6 : 1 }, { arbitrary: ties, weight: 1 }, { arbitrary: plain, weight: 3 });
}

/** Splits for k members: all given summing to exactly 1, all blank (1/k each), or some blank sharing the rest. */
function splitsArb(k: number): fc.Arbitrary<readonly string[]> {
  const options: Record<number, (readonly string[])[]> = {
    0: [[]],
    1: [['1'], [''], ['1.0']],
    2: [['0.5', '0.5'], ['0.6', '0.4'], ['', ''], ['0.3', ''], ['1', ''], ['0.75', '0.25']],
    3: [['', '', ''], ['0.5', '0.3', '0.2'], ['0.5', '', ''], ['0.34', '0.33', '0.33'], ['0.2', '0.2', ''], ['0.1', '', '']],
  };
  return fc.constantFrom(...(options[k] ?? [[]]));
}

function teamArb(people: readonly PersonSpec[]): fc.Arbitrary<TeamRow[]> {
  const ids = people.map((p) => p.id);
  return fc.uniqueArray(fc.constantFrom(...ids), { minLength: 0, maxLength: Math.min(3, ids.length) }).chain((members) =>
    fc
      .record({
        splits: splitsArb(members.length),
        hours: fc.array(fc.constantFrom('', '0', '2', '4.5', '10', '16'), { minLength: members.length, maxLength: members.length }),
        roles: fc.array(fc.constantFrom('primary_se', 'secondary_se', 'specialist'), { minLength: members.length, maxLength: members.length }),
      })
      .map(({ splits, hours, roles }) =>
        members.map((personId, i) => ({ personId, role: roles[i] ?? '', split: splits[i] ?? '', hours: hours[i] ?? '' })),
      ),
  );
}

function ownerArb(people: readonly PersonSpec[]): fc.Arbitrary<string> {
  const aes = people.filter((p) => p.role === 'AE').map((p) => p.id);
  const everyone = people.map((p) => p.id);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(aes.length > 0 ? aes : everyone)), weight: 17 },
    { arbitrary: fc.constantFrom(...everyone), weight: 2 },
    { arbitrary: fc.constant('p99'), weight: 1 }, // not in people.csv: a warning, no pod credit
  );
}

type DealDraft = Omit<DealSpec, 'id'>;

function dealDraftArb(s: Settings, people: readonly PersonSpec[]): fc.Arbitrary<DealDraft> {
  const currency = fc.oneof(
    { arbitrary: fc.constant<'' | Currency>(''), weight: 6 },
    { arbitrary: fc.constantFrom<('' | Currency)[]>(s.currency, 'EUR', 'GBP', 'JPY', 'USD'), weight: 3 },
  );
  const stage = fc.oneof(
    { arbitrary: fc.constant('closed_won'), weight: 12 },
    { arbitrary: fc.constant('closed_lost'), weight: 3 },
    { arbitrary: fc.constantFrom('negotiation', 'discovery'), weight: 5 },
  );
  return fc
    .record({ currency, stage, closeDay: dayBetween(s.year.start - 60, s.year.end + 30), blankClose: sometimes(fc.constant(true), 4) })
    .chain((base) => {
      const open = base.stage !== 'closed_won' && base.stage !== 'closed_lost';
      const close = open && base.blankClose === true ? undefined : base.closeDay;
      return fc.record({
        ownerId: ownerArb(people),
        amount: amountArb(s, base.currency === '' ? s.currency : base.currency),
        currency: fc.constant(base.currency),
        stage: fc.constant(base.stage),
        close: fc.constant(close),
        type: fc.constantFrom('new', 'expansion', 'renewal'),
        segment: fc.constantFrom('smb', 'mid', 'ent'),
        territory: fc.constantFrom('NA', 'EMEA', 'APAC', ''),
        product: fc.constantFrom('core', 'observability', 'security'),
        technicalWin: fc.constantFrom('true', 'false', 'TRUE', 'False', 'true'),
        technicalWinDate: close === undefined ? fc.constant(undefined) : sometimes(dayBetween(close - 60, close), 50),
        poc: fc.constantFrom('true', 'false'),
        churn: base.stage === 'closed_won' && close !== undefined ? sometimes(dayBetween(close, close + 200), 35) : fc.constant(undefined),
        team: teamArb(people),
      });
    });
}

function dealsArb(s: Settings, people: readonly PersonSpec[]): fc.Arbitrary<DealSpec[]> {
  const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 7, max: 40 }), fc.integer({ min: 20, max: 40 }));
  return count
    .chain((n) => fc.array(dealDraftArb(s, people), { minLength: n, maxLength: n }))
    .map((drafts) => drafts.map((d, i) => ({ ...d, id: `d${String(i + 1).padStart(3, '0')}` })));
}

// ---------------------------------------------------------------------------------------------
// SPIFs
// ---------------------------------------------------------------------------------------------

function periodInYearArb(s: Settings, kinds: readonly PeriodKind[]): fc.Arbitrary<Period> {
  return fc
    .constantFrom(...kinds)
    .chain((kind) => fc.integer({ min: 1, max: 12 / MONTHS_IN[kind] }).map((index) => s.cal.period(kind, s.fy, index)));
}

function spiffsArb(s: Settings): fc.Arbitrary<SpiffSpec[]> {
  const perDeal = s.currency === 'JPY' ? fc.constantFrom('50000', '100000') : fc.constantFrom('500', '1000', '250.50', '333.33');
  const spiff = fc.record({
    period: periodInYearArb(s, ['year', 'half', 'quarter', 'quarter', 'month']).map((p) => p.label),
    roles: sometimes(fc.constantFrom<Role[][]>(['AE'], ['SE'], ['AE', 'SE']), 60),
    filter: filterArb(3),
    award: fc.oneof(
      perDeal.map((v) => ({ perDeal: v })),
      fc.constantFrom('0.01', '0.005', '0.0125', '0.001', '0.0333').map((v) => ({ percentOfAmount: v })),
    ),
  });
  return fc.array(spiff, { minLength: 0, maxLength: 3 }).map((list) => list.map((x, i) => ({ ...x, id: `spiff-${i + 1}` })));
}

// ---------------------------------------------------------------------------------------------
// Who is on which plan (the generator needs it to cover quotas, scores and adjustments)
// ---------------------------------------------------------------------------------------------

interface Assignment {
  readonly person: PersonSpec;
  readonly plan: PlanSpec;
  readonly from: Day;
  readonly to: Day;
}

function assignmentsOf(core: Core): Assignment[] {
  return core.people.flatMap((person) =>
    core.plans
      .filter((plan) => (person.plan !== '' ? plan.id === person.plan : (plan.roles?.includes(person.role) ?? false)))
      .map((plan) => ({
        person,
        plan,
        from: Math.max(person.hire ?? -Infinity, plan.from),
        to: Math.min(person.end ?? Infinity, plan.to),
      }))
      .filter((a) => a.from <= a.to),
  );
}

/** Every (assignment, payout period) with an active day: the statements that exist. */
interface StatementKey {
  readonly a: Assignment;
  readonly period: Period;
}

function statementsOf(s: Settings, assignments: readonly Assignment[]): StatementKey[] {
  return assignments.flatMap((a) => s.cal.periodsBetween(a.plan.payout, a.from, a.to).map((period) => ({ a, period })));
}

// ---------------------------------------------------------------------------------------------
// Derived data: quotas, mbo scores, fx, adjustments, the period to calculate
// ---------------------------------------------------------------------------------------------

function derive(core: Core, g: fc.GeneratorValue): Derived {
  const assignments = assignmentsOf(core);
  const adjustments = deriveAdjustments(core.s, statementsOf(core.s, assignments), g);
  return {
    quotas: maybeShuffled(g, deriveQuotas(core, assignments, g)),
    mbo: deriveMbo(core, assignments, g),
    fx: maybeShuffled(g, deriveFx(core.s, g)),
    people: maybeShuffled(g, core.people),
    deals: maybeShuffled(g, core.deals),
    adjustments,
    adjustmentAliases: g(fc.boolean),
    period: derivePeriod(core.s, statementsOf(core.s, assignments), g).label,
  };
}

/** Mostly a period that holds some statement (its payout period or a longer one around it); else any in the year. */
function derivePeriod(s: Settings, statements: readonly StatementKey[], g: fc.GeneratorValue): Period {
  if (statements.length === 0 || g(fc.integer, { min: 0, max: 4 }) === 0) {
    return g(periodInYearArb, s, ['year', 'half', 'half', 'quarter', 'quarter', 'quarter', 'month']);
  }
  const st = pick(g, statements);
  const kinds = (['year', 'half', 'quarter', 'quarter', 'month'] as const).filter((k) => MONTHS_IN[k] >= MONTHS_IN[st.period.kind]);
  return s.cal.containing(pick(g, kinds), st.period.start);
}

/**
 * Rows that cover every needed payout period exactly once: start from each fiscal year touched and
 * split (randomly) into halves, quarters, months, but never below the longest payout period inside.
 */
function coveringPeriods(cal: FiscalCalendar, needed: readonly Period[], g: fc.GeneratorValue): Period[] {
  const refine = (p: Period): Period[] => {
    const hits = needed.filter((n) => periodsOverlap(n, p));
    if (hits.length === 0) return [];
    const child = FINER[p.kind];
    const canSplit = child !== undefined && hits.every((n) => MONTHS_IN[n.kind] <= MONTHS_IN[child]);
    if (canSplit && g(fc.boolean)) return cal.periodsBetween(child, p.start, p.end).flatMap(refine);
    return [p];
  };
  const years = [...new Set(needed.map((n) => n.fiscalYear))].sort((x, y) => x - y);
  return years.flatMap((fy) => refine(cal.period('year', fy, 1)));
}

/** The payout periods (with an active day) in which these assignments need measure `measureId`. */
function neededPeriods(s: Settings, assignments: readonly Assignment[], measureId: string): Period[] {
  return assignments
    .filter((a) => a.plan.measures.some((m) => m.id === measureId))
    .flatMap((a) => s.cal.periodsBetween(a.plan.payout, a.from, a.to));
}

/** `plan_id/` when every plan that needs the measure shares one id (then a qualified row is unambiguous). */
function qualifier(assignments: readonly Assignment[], measureId: string, g: fc.GeneratorValue): string {
  const planIds = new Set(assignments.filter((a) => a.plan.measures.some((m) => m.id === measureId)).map((a) => a.plan.id));
  const [only] = planIds;
  return planIds.size === 1 && only !== undefined && g(fc.boolean) ? `${only}/` : '';
}

function monthlyTarget(s: Settings, metric: Metric, currency: Currency, g: fc.GeneratorValue): string {
  if (metric !== 'bookings') return pick(g, ['0.5', '1', '1.5', '2', '0.25', '0.3333']);
  const base = s.roundNumbers ? pick(g, ['25000', '50000', '100000']) : pick(g, ['41666.67', '33333.33', '60000', '12500.5', '83333.33']);
  return currency === 'JPY' ? times(base, 150) : base;
}

function deriveQuotas(core: Core, assignments: readonly Assignment[], g: fc.GeneratorValue): Row[] {
  const { s } = core;
  const rows: Row[] = [];
  const dealMeasures = new Map<string, Metric>();
  for (const p of core.plans) for (const m of p.measures) if (m.metric !== 'mbo') dealMeasures.set(m.id, m.metric);
  for (const [measureId, metric] of [...dealMeasures].sort()) {
    const teamMode = new Map<string, boolean>();
    const relying = new Map<string, Assignment[]>(); // team -> assignments using the team rows
    for (const person of core.people) {
      const mine = assignments.filter((a) => a.person === person);
      const needed = neededPeriods(s, mine, measureId);
      if (needed.length === 0) continue;
      if (person.team !== '') {
        if (!teamMode.has(person.team)) teamMode.set(person.team, g(fc.boolean));
        if (teamMode.get(person.team) === true && g(fc.integer, { min: 0, max: 4 }) > 0) {
          relying.set(person.team, [...(relying.get(person.team) ?? []), ...mine]);
          continue;
        }
      }
      const prefix = qualifier(mine, measureId, g);
      const base = monthlyTarget(s, metric, person.currency === '' ? s.currency : person.currency, g);
      for (const period of coveringPeriods(s.cal, needed, g)) {
        rows.push({ person_id: person.id, team: '', measure: prefix + measureId, period: period.label, target: times(base, MONTHS_IN[period.kind]) });
      }
    }
    for (const [team, mine] of [...relying].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const prefix = qualifier(mine, measureId, g);
      const base = monthlyTarget(s, metric, s.currency, g);
      for (const period of coveringPeriods(s.cal, neededPeriods(s, mine, measureId), g)) {
        rows.push({ person_id: '', team, measure: prefix + measureId, period: period.label, target: times(base, MONTHS_IN[period.kind]) });
      }
    }
  }
  return rows;
}

function deriveMbo(core: Core, assignments: readonly Assignment[], g: fc.GeneratorValue): Row[] {
  const mboIds = [...new Set(core.plans.flatMap((p) => p.measures.filter((m) => m.metric === 'mbo').map((m) => m.id)))].sort();
  const rows: Row[] = [];
  for (const measureId of mboIds) {
    for (const person of core.people) {
      const mine = assignments.filter((a) => a.person === person);
      const needed = neededPeriods(core.s, mine, measureId);
      if (needed.length === 0) continue;
      const prefix = qualifier(mine, measureId, g);
      for (const period of coveringPeriods(core.s.cal, needed, g)) {
        const score = pick(g, ['0', '0.5', '0.8', '0.9', '0.95', '1', '1.0', '1.1', '1.25', '1.5']);
        rows.push({ person_id: person.id, measure: prefix + measureId, period: period.label, score });
      }
    }
  }
  return rows;
}

const RATES: Readonly<Record<Currency, Readonly<Partial<Record<Currency, readonly string[]>>>>> = {
  USD: { EUR: ['1.08', '1.0832', '1.1'], GBP: ['1.27', '1.265', '1.3'], JPY: ['0.0067', '0.00665', '0.0069'] },
  EUR: { USD: ['0.92', '0.9259', '0.95'], GBP: ['1.17', '1.1875'], JPY: ['0.0062', '0.00615'] },
  GBP: { USD: ['0.79'], EUR: ['0.85'], JPY: ['0.0053'] },
  JPY: { USD: ['149.5', '150', '151.25'], EUR: ['162.25', '160'], GBP: ['190.4', '188'] },
};

/** A year rate for every other currency in every fiscal year dates can fall in, plus a few shorter-period overrides. */
function deriveFx(s: Settings, g: fc.GeneratorValue): Row[] {
  const rows: Row[] = [];
  const seen = new Set<string>();
  const add = (currency: string, period: string, rate: string): void => {
    if (seen.has(`${currency} ${period}`)) return;
    seen.add(`${currency} ${period}`);
    rows.push({ currency, period, rate_to_org_currency: rate });
  };
  const others = Object.entries(RATES[s.currency]);
  for (const [currency, rates] of others) {
    for (const fy of [s.fy - 1, s.fy, s.fy + 1]) add(currency, String(fy), pick(g, [...rates]));
  }
  const overrides = g(fc.integer, { min: 0, max: 4 });
  for (let i = 0; i < overrides && others.length > 0; i++) {
    const [currency, rates] = pick(g, [...others]);
    add(currency, g(periodInYearArb, s, ['half', 'quarter', 'month']).label, pick(g, [...rates]));
  }
  if (g(fc.integer, { min: 0, max: 4 }) === 0) add(s.currency, String(s.fy), '1');
  return rows;
}

/**
 * Where an adjustment lands (docs/calculation.md): on the statement whose payout period equals or
 * contains its period; with several, the one whose plan is active last inside the period. Returns
 * undefined for adjustments this generator keeps away from (longer than a payout period, unclear).
 */
function adjustmentLanding(statements: readonly StatementKey[], personId: string, period: Period): StatementKey | undefined {
  const mine = statements.filter((st) => st.a.person.id === personId);
  if (mine.some((st) => periodsOverlap(st.period, period) && MONTHS_IN[st.period.kind] < MONTHS_IN[period.kind])) return undefined;
  const candidates = mine.filter((st) => periodContains(st.period, period));
  if (candidates.length <= 1) return candidates[0];
  const active = candidates.filter((st) => overlaps(st.a, { from: period.start, to: period.end }));
  active.sort((x, y) => Math.min(y.a.to, period.end) - Math.min(x.a.to, period.end));
  return active[0];
}

function adjustmentAmount(currency: Currency, g: fc.GeneratorValue): string {
  if (currency === 'JPY') return pick(g, ['15000', '-3000', '250000', '12.5']);
  return pick(g, ['500.00', '-300.00', '1250', '100.005', '-0.5', '999.99', '42.125']);
}

function deriveAdjustments(s: Settings, statements: readonly StatementKey[], g: fc.GeneratorValue): Row[] {
  if (statements.length === 0) return [];
  const rows: Row[] = [];
  const landed = new Map<StatementKey, { row: Row; copies: number }>();
  const count = g(fc.integer, { min: 0, max: 4 });
  for (let i = 0; i < count; i++) {
    const st = pick(g, [...statements]);
    const inside = s.cal
      .periodsBetween('month', Math.max(st.a.from, st.period.start), Math.min(st.a.to, st.period.end))
      .filter((m) => periodContains(st.period, m));
    const period = g(fc.boolean) ? st.period : pick(g, [st.period, ...inside]);
    const landing = adjustmentLanding(statements, st.a.person.id, period);
    if (landing === undefined) continue;
    const previous = landed.get(landing);
    const currency = st.a.person.currency === '' ? s.currency : st.a.person.currency;
    if (previous !== undefined) {
      // Another entry on one statement: same period and amount, a later reason (sorts unambiguously).
      previous.copies++;
      rows.push({ ...previous.row, reason: `${previous.row['reason'] ?? ''} (${previous.copies})` });
      continue;
    }
    const row: Row = {
      person_id: st.a.person.id,
      period: period.label,
      amount: adjustmentAmount(currency, g),
      reason: pick(g, ['spot bonus', 'correction, Q2 split', 'retention', 'manual "true-up"']),
      approver: pick(g, ['m01', 'cfo']),
    };
    landed.set(landing, { row, copies: 1 });
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Rendering files
// ---------------------------------------------------------------------------------------------

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(s: Settings, header: readonly string[], rows: readonly (readonly string[])[], upperHeaders = false): string {
  const eol = s.csv.crlf ? '\r\n' : '\n';
  const head = upperHeaders ? header.map((h) => h.toUpperCase()) : header;
  const lines = [head, ...rows].map((r) => r.map(csvField).join(','));
  return (s.csv.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

function rowsText(s: Settings, header: readonly string[], rows: readonly Row[]): string {
  return csvText(
    s,
    header,
    rows.map((r) => header.map((h) => r[h] ?? '')),
  );
}

function dateText(day: Day | undefined): string {
  return day === undefined ? '' : formatDate(day);
}

function yamlList(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}

function filterYaml(filter: readonly FilterEntry[]): string {
  const entries = filter.map((e) => `${e.column}: ${e.values.length === 1 ? (e.values[0] ?? '') : yamlList(e.values)}`);
  return `{ ${entries.join(', ')} }`;
}

function orgYaml(s: Settings): string {
  const lines = [`# generated org`, `name: ${s.name}`, `currency: ${s.currency}`];
  if (s.explicitDefaults || s.fyStartMonth !== 1) lines.push(`fiscal_year_start: ${s.fyStartMonth}`);
  if (s.explicitDefaults || s.labelMode !== 'end') lines.push(`fiscal_year_label: ${s.labelMode}`);
  if (s.explicitDefaults || s.rounding !== 'half_even') lines.push(`rounding: ${s.rounding}`);
  if (s.renameDealColumns) lines.push('columns:', '  deals: { amount: "ACV (converted)", close_date: "Close Date" }');
  return lines.join('\n') + '\n';
}

function measureYaml(m: MeasureSpec): string[] {
  const lines = [`  - id: ${m.id}`, `    name: ${m.id.replace(/_/g, ' ')}`, `    weight: ${m.weight}`, `    metric: ${m.metric}`];
  if (m.filter.length > 0) lines.push(`    deals: ${filterYaml(m.filter)}`);
  if (m.credit !== undefined) lines.push(`    credit: ${m.credit}`);
  if (m.measurement !== undefined) lines.push(`    measurement: ${m.measurement}`);
  if (m.threshold !== undefined) lines.push(`    threshold: ${m.threshold}`);
  if (m.mode !== undefined) lines.push(`    mode: ${m.mode}`);
  if (m.tiers !== undefined) {
    lines.push('    tiers:');
    for (const t of m.tiers) lines.push(t.to === undefined ? `      - { rate: ${t.rate} }` : `      - { to: ${t.to}, rate: ${t.rate} }`);
  }
  if (m.cap !== undefined) lines.push(`    cap: ${m.cap}`);
  return lines;
}

function planYaml(p: PlanSpec): string {
  const lines = [`id: ${p.id}`, `name: Plan ${p.id}`];
  if (p.roles !== undefined) lines.push(`applies_to: { role: ${p.roles.length === 1 && !p.rolesAsList ? (p.roles[0] ?? '') : yamlList(p.roles)} }`);
  lines.push(`effective: { from: ${formatDate(p.from)}, to: ${formatDate(p.to)} }`, `payout_period: ${p.payout}`, 'measures:');
  for (const m of p.measures) lines.push(...measureYaml(m));
  if (p.clawbackDays !== undefined) lines.push(`clawback: { within_days: ${p.clawbackDays} }`);
  if (p.ramp !== undefined) lines.push(`ramp: ${yamlList(p.ramp)}`);
  return lines.join('\n') + '\n';
}

function spiffsYaml(spiffs: readonly SpiffSpec[]): string {
  const lines: string[] = [];
  for (const x of spiffs) {
    lines.push(`- id: ${x.id}`, `  name: Program ${x.id}`, `  period: ${x.period}`);
    if (x.roles !== undefined) lines.push(`  roles: ${yamlList(x.roles)}`);
    if (x.filter.length > 0) lines.push(`  deals: ${filterYaml(x.filter)}`);
    lines.push('perDeal' in x.award ? `  award: { per_deal: ${x.award.perDeal} }` : `  award: { percent_of_amount: ${x.award.percentOfAmount} }`);
  }
  return lines.join('\n') + '\n';
}

const PEOPLE_COLUMNS = [
  'id', 'name', 'email', 'role', 'level', 'track', 'manager_id', 'team', 'territory', 'hire_date',
  'level_since', 'location', 'currency', 'base_salary', 'target_incentive', 'plan', 'end_date', 'attr_gender',
];

function peopleCsv(s: Settings, people: readonly PersonSpec[]): string {
  const rows = people.map((p) => [
    p.id, `Person ${p.id}`, `${p.id}@example.com`, p.role, /* level, track, manager_id: */ '', '', '', p.team, p.territory,
    dateText(p.hire), '', 'remote', p.currency, p.currency === 'JPY' ? '9000000' : '120000', p.targetIncentive, p.plan, dateText(p.end), 'x',
  ]);
  return csvText(s, PEOPLE_COLUMNS, rows, s.csv.upperHeaders);
}

function dealsCsv(s: Settings, deals: readonly DealSpec[]): string {
  const header = [
    'id', 'name', 'account', 'owner_id', s.renameDealColumns ? 'ACV (converted)' : 'amount', 'currency', 'stage',
    s.renameDealColumns ? 'Close Date' : 'close_date', 'type', 'segment', 'territory', 'product', 'technical_win',
    'technical_win_date', 'poc', 'churn_date', 'crm_notes',
  ];
  const rows = deals.map((d, i) => [
    d.id, `Deal ${d.id}`, i % 3 === 0 ? `Account ${i}, Inc.` : `Account ${i}`, d.ownerId, d.amount, d.currency, d.stage,
    dateText(d.close), d.type, d.segment, d.territory, d.product, d.technicalWin, dateText(d.technicalWinDate), d.poc,
    dateText(d.churn), '',
  ]);
  return csvText(s, header, rows);
}

function dealTeamCsv(s: Settings, deals: readonly DealSpec[]): string {
  const rows = deals.flatMap((d) => d.team.map((t) => [d.id, t.personId, t.role, t.split, t.hours]));
  return csvText(s, ['deal_id', 'person_id', 'role', 'split', 'hours'], rows, s.csv.upperHeaders);
}

function render(core: Core, derived: Derived): GeneratedOrg {
  const { s } = core;
  const files: Record<string, string> = {
    'org.yaml': orgYaml(s),
    'people.csv': peopleCsv(s, derived.people),
    'deals.csv': dealsCsv(s, derived.deals),
    'deal_team.csv': dealTeamCsv(s, derived.deals),
    'quotas.csv': rowsText(s, ['person_id', 'team', 'measure', 'period', 'target'], derived.quotas),
    'mbo.csv': rowsText(s, ['person_id', 'measure', 'period', 'score'], derived.mbo),
  };
  for (const p of core.plans) files[p.file] = planYaml(p);
  if (core.spiffs.length > 0) files['spiffs.yaml'] = spiffsYaml(core.spiffs);
  if (derived.fx.length > 0) files['fx.csv'] = rowsText(s, ['currency', 'period', 'rate_to_org_currency'], derived.fx);
  if (derived.adjustments.length > 0) {
    const header = ['person_id', 'period', 'amount', 'reason', 'approver'];
    const text = rowsText(s, header, derived.adjustments);
    // `person` and `approver_id` are accepted aliases of `person_id` and `approver`.
    const aliased = text.replace('person_id,period,amount,reason,approver', 'person,period,amount,reason,approver_id');
    files['adjustments.csv'] = derived.adjustmentAliases ? aliased : text;
  }
  return { files, period: derived.period };
}
