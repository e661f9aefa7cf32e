/**
 * The demo org's ladder side: ladder.yaml (the default SE ladder), bands.csv, level_history.csv,
 * assessments.csv, activities.csv and conversations.csv, for everyone on a ladder level (SEs, the
 * specialty overlays, SE managers and directors) employed at the fiscal year's end E, dated on or
 * before E − CAREER_DATA_LAG_DAYS. Consistent with people.csv (levels, level_since, managers, pay,
 * deal teams) and with the default ladder's numbers (spec.ts), with a few planted cases for the
 * people report (docs/demo-org.md, "The ladder side").
 *
 * Pure and deterministic like the rest of the generator. Everything here draws from its own
 * streams (`career-*`), so the rest of the org is byte-identical with or without it (people.csv
 * differs only in the `level_since` of the people planted as stuck, when theirs is too recent).
 * Every person's rows are a function of (seed, person), so the files stream person by person and
 * the large org's ~3,500 ladder people cost little.
 */
import { DEFAULT_LADDER, defaultLadderYaml } from '../ladder/default-ladder.js';
import { isDerivedEvidence } from '../ladder/model.js';
import { DEFAULT_COMPETENCIES, DEFAULT_EVIDENCE, DEFAULT_EXPECTATIONS, DEFAULT_LEVELS, type DefaultCompetency, type DefaultLevel } from '../ladder/spec.js';
import { Random, streamSeed } from '../random.js';
import { DateFormatter, addMonths, civilDate, dayNumber, weekday } from './calendar.js';
import { generateDeal, productName, type DealMarket, type DemoDeal, type DemoTeamMember } from './deals.js';
import type { DemoFile } from './generate-demo-org.js';
import {
  ACTIVITY_DEAL_LINK_RATE,
  ASSESSMENT_CYCLES,
  ASSESSMENT_FIRST_DAYS,
  BAND_SPREAD_MIN,
  BAND_SPREAD_STEP,
  BUDGET_RATE,
  CAREER_DATA_LAG_DAYS,
  EARLIER_PROMOTION_RATE,
  ENABLEMENT_PER_YEAR,
  EVIDENCE_SURPLUS,
  EVIDENCE_SURPLUS_PER_LEVEL,
  EXTERNAL_TALKS_PER_YEAR_FROM_SE3,
  GENEROUS_SELF_RATER_SHARE,
  LEVEL_OTE_FACTOR,
  LOCATION_CURRENCY,
  LOCATION_FACTOR,
  M3_OTE_FACTOR,
  M3_VARIABLE_SHARE,
  MANAGER_RATING_UP,
  OLDER_CONVERSATION_RATE,
  PLANTED_SILENT_MONTHS,
  PLANTED_STUCK_CYCLES,
  PLANTED_STUCK_YEARS,
  PLANTED_TENURE_PROMOTION_MONTHS,
  PRODUCT_GAP_SEVERITY_MIX,
  PROMOTION_MIN_GAP_MONTHS,
  RATING_DIP_MIX,
  SE2_OTE_MID_USD,
  SELF_RATING_UP,
  SELF_RATING_UP_GENEROUS,
  VARIABLE_SHARE,
  type Location,
} from './parameters.js';
import { isActive, type DemoPerson, type DemoRoster } from './roster.js';

type Level = DefaultLevel;

/** One row of level_history.csv (as data). */
export interface CareerChange {
  readonly day: number;
  /** undefined for the hire. */
  readonly from: Level | undefined;
  readonly to: Level;
  readonly kind: 'hire' | 'promotion' | 'track_change';
  readonly packet: string;
}

export type PlantedCase = 'tenure_promotion' | 'stuck' | 'no_conversation';

/** A person on a ladder level, active at E, with their level history. */
export interface CareerPerson {
  readonly person: DemoPerson;
  /** Position among the ladder people (sorted by id): the index of their random streams. */
  readonly index: number;
  readonly level: Level;
  /** people.csv level_since (changed from the roster's only for the planted stuck people). */
  readonly levelSince: number;
  /** Hire first, then promotions, by date. */
  readonly changes: readonly CareerChange[];
  readonly planted: PlantedCase | null;
  /** The planted tenure-only promotion: the competencies rated a milestone short after it. */
  readonly gaps: readonly DefaultCompetency[];
}

/** The ladder side of the demo org, planned before any row is written. */
export interface CareerPlan {
  /** E: the fiscal year's last day. */
  readonly asOf: number;
  /** E − CAREER_DATA_LAG_DAYS: no career row is dated later. */
  readonly cutoff: number;
  /** First day activities.csv covers: the start of the year before the fiscal year. */
  readonly coverageStart: number;
  readonly people: readonly CareerPerson[];
  /** people.csv `level_since` overrides (the planted stuck people whose own was too recent). */
  readonly levelSince: ReadonlyMap<DemoPerson, number>;
  /** Person ids of the planted cases. */
  readonly planted: { readonly tenurePromotion: readonly string[]; readonly stuck: readonly string[]; readonly noConversation: readonly string[] };
  /** The band spread (±) chosen so that every ladder person's base is inside their band. */
  readonly bandSpread: number;
  /** Assessment cycle dates, ascending, through the cutoff. */
  readonly cycles: readonly number[];
}

const LADDER_LEVELS: ReadonlySet<string> = new Set(DEFAULT_LEVELS);
const LOCATIONS: readonly Location[] = ['us-tier1', 'us-tier2', 'uk', 'eu-west'];

function isLevel(level: string): level is Level {
  return LADDER_LEVELS.has(level);
}

const column = (level: Level): number => DEFAULT_LEVELS.indexOf(level);

function expectation(level: Level, competency: DefaultCompetency): number {
  return DEFAULT_EXPECTATIONS[competency][column(level)] ?? 0;
}

/** Seniority rank for evidence rates: SE1 0 … SE5 4, M1 3, M2 4, M3 5. */
const RANK: Readonly<Record<Level, number>> = { SE1: 0, SE2: 1, SE3: 2, SE4: 3, SE5: 4, M1: 3, M2: 4, M3: 5 };

const isManagement = (level: Level): boolean => level.startsWith('M');

/** The activity types a level asks for (derived deal types excluded) with their 4-quarter minimums. */
const EVIDENCE_NEEDS: ReadonlyMap<Level, ReadonlyMap<string, number>> = new Map(
  DEFAULT_LEVELS.map((level) => {
    const needs = new Map<string, number>();
    for (const c of DEFAULT_COMPETENCIES) {
      const spec = DEFAULT_EVIDENCE[c];
      const type = isManagement(level) ? spec.management : spec.ic;
      if (isDerivedEvidence(type)) continue;
      needs.set(type, Math.max(needs.get(type) ?? 0, spec.at_least[column(level)] ?? 0));
    }
    return [level, needs] as const;
  }),
);

/** The activity types the demo writes: every non-derived type of the default ladder, plus two more. */
export const DEMO_ACTIVITY_TYPES: readonly string[] = [
  ...new Set(DEFAULT_LEVELS.flatMap((l) => [...(EVIDENCE_NEEDS.get(l)?.keys() ?? [])])),
  'enablement',
  'external_talk',
].sort();

/** path_forward.next of each level in the default ladder. */
const NEXT_LEVELS: ReadonlyMap<Level, readonly Level[]> = new Map(
  DEFAULT_LADDER.levels.flatMap((l) => (isLevel(l.id) ? [[l.id, l.path_forward.next.filter(isLevel)] as const] : [])),
);

/** The levels someone at `level` passed through, lowest first (managers fork from SE3). */
function pathTo(level: Level): Level[] {
  const ic: Level[] = ['SE1', 'SE2', 'SE3', 'SE4', 'SE5'];
  if (!isManagement(level)) return ic.slice(0, ic.indexOf(level) + 1);
  const management: Level[] = ['M1', 'M2', 'M3'];
  return [...ic.slice(0, 3), ...management.slice(0, management.indexOf(level) + 1)];
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** A band's mid: the base of someone at compa-ratio 1, computed exactly as roster.ts computes pay. */
export function bandMid(level: Level, location: Location): number {
  const factor = level === 'M3' ? M3_OTE_FACTOR : LEVEL_OTE_FACTOR[level];
  const variable = level === 'M3' ? M3_VARIABLE_SHARE : VARIABLE_SHARE[level];
  const ote = (SE2_OTE_MID_USD * factor * LOCATION_FACTOR[location]) / BUDGET_RATE[LOCATION_CURRENCY[location]];
  return roundTo(ote - roundTo(ote * variable, 500), 1000);
}

/** A band's minimum and maximum for a spread given in whole percent (rounded outwards to 1,000). */
function bandRange(mid: number, spreadPercent: number): { min: number; max: number } {
  return { min: Math.floor((mid * (100 - spreadPercent)) / 100 / 1000) * 1000, max: Math.ceil((mid * (100 + spreadPercent)) / 100 / 1000) * 1000 };
}

/** The smallest spread (whole percent, from GitLab's 20) that puts every ladder person's base inside their band. */
function chooseSpread(people: readonly CareerPerson[]): number {
  const step = Math.round(BAND_SPREAD_STEP * 100);
  for (let percent = Math.round(BAND_SPREAD_MIN * 100); percent < 100; percent += step) {
    const fits = people.every(({ person, level }) => {
      const { min, max } = bandRange(bandMid(level, person.location), percent);
      return person.baseSalary >= min && person.baseSalary <= max;
    });
    if (fits) return percent;
  }
  return 99;
}

/** The level held on a day (the first level before the hire). */
function levelOn(cp: CareerPerson, day: number): Level {
  let level = cp.changes[0]?.to ?? cp.level;
  for (const c of cp.changes) if (c.day <= day) level = c.to;
  return level;
}

/** Real promotions (promotion or track change) of a person. */
function promotions(cp: CareerPerson): CareerChange[] {
  return cp.changes.filter((c) => c.kind !== 'hire');
}

/** The planted tenure-only promotion of a person: their last promotion, if they are the planted case. */
function tenurePromotion(cp: CareerPerson): CareerChange | undefined {
  return cp.planted === 'tenure_promotion' ? promotions(cp).at(-1) : undefined;
}

const idOrder = (a: DemoPerson, b: DemoPerson): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The level history of one person: a hire, earlier promotions that tenure allows (at least
 * PROMOTION_MIN_GAP_MONTHS apart and after the hire), and the change into the current level dated
 * at people.csv's level_since. An SE1 whose level_since is after the hire has no level below to come
 * from: they keep only the hire row.
 */
function levelHistory(rng: Random, person: DemoPerson, level: Level, levelSince: number, tenureCase: boolean): CareerChange[] {
  const hire = person.hireDay;
  const path = pathTo(level);
  const top = path.length - 1;
  const packet = (day: number): string => `packets/${person.id}-${civilDate(day).year}.md`;
  const kindOf = (from: Level, to: Level): CareerChange['kind'] => (from === 'SE3' && to === 'M1' ? 'track_change' : 'promotion');
  if (levelSince <= hire || top === 0) return [{ day: hire, from: undefined, to: level, kind: 'hire', packet: '' }];
  const lo = addMonths(hire, PROMOTION_MIN_GAP_MONTHS);
  const hi = addMonths(levelSince, -PROMOTION_MIN_GAP_MONTHS);
  const minGap = 366;
  const room = hi < lo ? 0 : Math.floor((hi - lo) / minGap) + 1;
  let earlier = 0;
  for (let i = 0; i < Math.min(room, top - 1); i += 1) if (rng.bernoulli(EARLIER_PROMOTION_RATE)) earlier += 1;
  const slack = hi - lo - (earlier - 1) * minGap;
  const offsets = Array.from({ length: earlier }, () => rng.int(slack + 1)).sort((a, b) => a - b);
  const first = top - 1 - earlier;
  const changes: CareerChange[] = [{ day: hire, from: undefined, to: path[first] ?? level, kind: 'hire', packet: '' }];
  offsets.forEach((offset, j) => {
    const from = path[first + j] ?? level;
    const to = path[first + j + 1] ?? level;
    const day = lo + j * minGap + offset;
    changes.push({ day, from, to, kind: kindOf(from, to), packet: packet(day) });
  });
  const from = path[top - 1] ?? level;
  changes.push({ day: levelSince, from, to: level, kind: kindOf(from, level), packet: tenureCase ? '' : packet(levelSince) });
  return changes;
}

/** Plan the ladder side: who is in scope, the planted cases, level histories and the band spread. */
export function planCareer(seed: number, roster: DemoRoster): CareerPlan {
  const asOf = roster.yearEnd;
  const cutoff = asOf - CAREER_DATA_LAG_DAYS;
  const coverageStart = dayNumber(roster.fiscalYear - 1, 1, 1);
  const scope = roster.people.filter((p) => isLevel(p.level) && isActive(p, asOf)).sort(idOrder);
  const rng = new Random(streamSeed(seed, 'career-plant'));

  // 1. A tenure-only promotion: an SE promoted in the last two years, preferring one whose evidence
  //    window lies inside the activity data, then the longest wait from hire to promotion.
  const promotedLately = scope.filter(
    (p) => p.role === 'SE' && p.level !== 'SE1' && p.levelSinceDay > p.hireDay && p.levelSinceDay >= addMonths(asOf, -PLANTED_TENURE_PROMOTION_MONTHS) && p.levelSinceDay <= cutoff,
  );
  const assessable = (p: DemoPerson): number => (addMonths(p.levelSinceDay, -12) + 1 >= coverageStart ? 0 : 1);
  promotedLately.sort((a, b) => assessable(a) - assessable(b) || b.levelSinceDay - b.hireDay - (a.levelSinceDay - a.hireDay) || idOrder(a, b));
  const tenure = promotedLately.slice(0, 1);

  // 2. Two seniors stuck at SE3: the longest-serving SE3s hired at least 4 years before E, under
  //    different managers when possible.
  const stuckLimit = addMonths(asOf, -12 * PLANTED_STUCK_YEARS);
  const seniors = scope.filter((p) => p.role === 'SE' && p.level === 'SE3' && p.hireDay <= stuckLimit && !tenure.includes(p));
  seniors.sort((a, b) => a.hireDay - b.hireDay || idOrder(a, b));
  const stuck: DemoPerson[] = [];
  const firstSenior = seniors[0];
  if (firstSenior) {
    stuck.push(firstSenior);
    const second = seniors.find((p) => p !== firstSenior && p.manager !== firstSenior.manager) ?? seniors[1];
    if (second) stuck.push(second);
  }
  const levelSince = new Map<DemoPerson, number>();
  for (const p of stuck) {
    if (p.levelSinceDay > stuckLimit) levelSince.set(p, Math.max(p.hireDay, addMonths(stuckLimit, -rng.int(7))));
  }

  // 3. No path conversation in the last year: another SE, hired long enough ago.
  const quiet = scope.filter((p) => p.role === 'SE' && !tenure.includes(p) && !stuck.includes(p) && p.hireDay <= addMonths(asOf, -(PLANTED_SILENT_MONTHS + 3)));
  const silent = quiet.length > 0 ? [rng.pick(quiet)] : [];

  const people = scope.map((person, index): CareerPerson => {
    const level = person.level;
    if (!isLevel(level)) throw new Error(`${person.id}: not a ladder level`);
    const planted: PlantedCase | null = tenure.includes(person) ? 'tenure_promotion' : stuck.includes(person) ? 'stuck' : silent.includes(person) ? 'no_conversation' : null;
    const since = levelSince.get(person) ?? person.levelSinceDay;
    const history = levelHistory(new Random(streamSeed(seed, 'career-history', index)), person, level, since, planted === 'tenure_promotion');
    let gaps: DefaultCompetency[] = [];
    const last = history.at(-1);
    if (planted === 'tenure_promotion' && last?.from !== undefined) {
      const from = last.from;
      const harder = rng.shuffled(DEFAULT_COMPETENCIES.filter((c) => expectation(last.to, c) > expectation(from, c)));
      gaps = harder.slice(0, 2 + rng.int(2)).sort((a, b) => DEFAULT_COMPETENCIES.indexOf(a) - DEFAULT_COMPETENCIES.indexOf(b));
    }
    return { person, index, level, levelSince: since, changes: history, planted, gaps };
  });

  const cycles: number[] = [];
  const firstYear = civilDate(Math.min(asOf, ...scope.map((p) => p.hireDay))).year;
  for (let year = firstYear; year <= roster.fiscalYear; year += 1) {
    for (const [month, day] of ASSESSMENT_CYCLES) {
      const d = dayNumber(year, month, day);
      if (d <= cutoff) cycles.push(d);
    }
  }
  cycles.sort((a, b) => a - b);

  return {
    asOf,
    cutoff,
    coverageStart,
    people,
    levelSince,
    planted: { tenurePromotion: tenure.map((p) => p.id), stuck: stuck.map((p) => p.id).sort(), noConversation: silent.map((p) => p.id) },
    bandSpread: chooseSpread(people) / 100,
    cycles,
  };
}

// ---------------------------------------------------------------- deals for evidence links

/** A deal a person was on (deal_team.csv), for activity rows that name a deal. */
export interface CareerDeal {
  readonly id: string;
  readonly closeDay: number;
  readonly won: boolean;
}

/** Every SE's deals (research-profile orgs only: the load profile's million deals are not walked). */
export function careerDeals(market: DealMarket, dealId: (index: number) => string): Map<DemoPerson, CareerDeal[]> {
  const byPerson = new Map<DemoPerson, CareerDeal[]>();
  const rng = new Random(0);
  const deal: DemoDeal = {
    index: 0, accountIndex: 0, codename: -1, product: 0, type: 'new', stage: '', amount: 0, currency: 'USD',
    closeDay: 0, territory: '', technicalWin: false, technicalWinDay: null, poc: false, churnDay: null, supported: false,
  };
  const team: DemoTeamMember[] = [];
  for (const model of market.models) {
    for (let i = 0; i < model.dealCount; i += 1) {
      const index = model.firstDeal + i;
      generateDeal(market, model, index, rng, deal, team);
      for (const m of team) {
        const list = byPerson.get(m.person) ?? [];
        list.push({ id: dealId(index), closeDay: deal.closeDay, won: deal.stage === 'closed_won' });
        byPerson.set(m.person, list);
      }
    }
  }
  for (const list of byPerson.values()) list.sort((a, b) => a.closeDay - b.closeDay || (a.id < b.id ? -1 : 1));
  return byPerson;
}

// ---------------------------------------------------------------- assessments

type Ratings = Record<DefaultCompetency, number>;

function ratingsAt(level: Level): Ratings {
  const r = {} as Ratings;
  for (const c of DEFAULT_COMPETENCIES) r[c] = expectation(level, c);
  return r;
}

/**
 * Routine ratings at a level: its expectation, with 0–2 competencies one milestone below (never
 * above), and never meeting a next level's expectations on every competency.
 */
function routineRatings(rng: Random, level: Level): Ratings {
  const r = ratingsAt(level);
  const dips = rng.weighted(RATING_DIP_MIX);
  const candidates = rng.shuffled(DEFAULT_COMPETENCIES.filter((c) => r[c] > 0));
  for (const c of candidates.slice(0, dips)) r[c] -= 1;
  for (const next of NEXT_LEVELS.get(level) ?? []) {
    if (!DEFAULT_COMPETENCIES.every((c) => r[c] >= expectation(next, c))) continue;
    // Only possible where the next level asks no more than this one somewhere: dip the closest.
    const c = DEFAULT_COMPETENCIES.filter((x) => expectation(next, x) > 0).sort((a, b) => r[a] - expectation(next, a) - (r[b] - expectation(next, b)))[0];
    if (c !== undefined) r[c] = expectation(next, c) - 1;
  }
  return r;
}

interface AssessmentDate {
  readonly day: number;
  /** Text for the evidence column: `2026-H1`, `promotion-2025-05`, `onboarding-2026-08`. */
  readonly label: string;
}

function monthLabel(day: number): string {
  const { year, month } = civilDate(day);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** When a person was assessed: each cycle from a month after the hire; an off-cycle promotion review when a promotion had no cycle in the year before it; an onboarding baseline when nothing else. */
function assessmentDates(plan: CareerPlan, cp: CareerPerson): AssessmentDate[] {
  const hire = cp.person.hireDay;
  const dates: AssessmentDate[] = plan.cycles
    .filter((d) => d >= hire + ASSESSMENT_FIRST_DAYS)
    .map((d) => ({ day: d, label: `${civilDate(d).year}-${civilDate(d).month <= 6 ? 'H1' : 'H2'}` }));
  const tenure = tenurePromotion(cp);
  for (const p of promotions(cp)) {
    if (p === tenure) continue;
    if (dates.some((d) => d.day > addMonths(p.day, -12) && d.day <= p.day)) continue;
    const day = Math.max(hire, p.day - 14);
    dates.push({ day, label: `promotion-${monthLabel(p.day)}` });
  }
  if (dates.length === 0) {
    const day = Math.max(hire, Math.min(hire + ASSESSMENT_FIRST_DAYS, plan.cutoff));
    dates.push({ day, label: `onboarding-${monthLabel(day)}` });
  }
  return dates.sort((a, b) => a.day - b.day);
}

/** Whom a person reports to on a day: their manager if employed then, else the manager's manager, else nobody. */
function managerOn(person: DemoPerson, day: number): string {
  for (let m = person.manager; m; m = m.manager) if (m.hireDay <= day) return m.id;
  return '';
}

/** One assessment set: per competency the calibrated, manager and self ratings. */
interface RatedSet {
  readonly calibrated: Ratings;
  readonly manager: Ratings;
  readonly self: Ratings;
}

function rateOn(rng: Random, cp: CareerPerson, day: number, stuckFrom: number, generous: boolean): RatedSet {
  const tenure = tenurePromotion(cp);
  let calibrated: Ratings;
  let manager: Ratings | undefined;
  const upcoming = promotions(cp).find((p) => p !== tenure && day > addMonths(p.day, -12) && day <= p.day);
  if (tenure && day >= tenure.day) {
    // Promoted on tenure: struggling at the new level (a milestone short on 2–3 competencies);
    // the manager who pushed the promotion rates them at the level.
    calibrated = ratingsAt(tenure.to);
    manager = ratingsAt(tenure.to);
    for (const c of cp.gaps) calibrated[c] -= 1;
  } else if (cp.planted === 'stuck' && day >= stuckFrom) {
    // Stuck at SE3: performing at Staff (SE4) for the last cycles.
    calibrated = ratingsAt('SE4');
  } else if (upcoming) {
    // The year before a promotion: at the new level's bar on every competency.
    calibrated = ratingsAt(upcoming.to);
  } else {
    calibrated = routineRatings(rng, levelOn(cp, day));
  }
  if (!manager) {
    manager = { ...calibrated };
    if (rng.bernoulli(MANAGER_RATING_UP)) {
      const c = rng.pick(DEFAULT_COMPETENCIES);
      manager[c] = Math.min(5, manager[c] + 1);
    }
  }
  const self = { ...calibrated };
  for (const c of DEFAULT_COMPETENCIES) if (rng.bernoulli(generous ? SELF_RATING_UP_GENEROUS : SELF_RATING_UP)) self[c] = Math.min(5, self[c] + 1);
  return { calibrated, manager, self };
}

// ---------------------------------------------------------------- activities

interface DemoActivity {
  readonly day: number;
  readonly type: string;
  readonly dealId: string;
  readonly hoursTenths: number;
  readonly note: string;
}

const HOURS_TENTHS: Readonly<Record<string, readonly [number, number]>> = {
  asset_published: [40, 160],
  account_plan: [20, 60],
  customer_reference: [10, 30],
  mentoring: [5, 20],
  product_gap: [5, 20],
  ai_workflow: [20, 80],
  deal_review: [10, 20],
  enablement: [10, 40],
  external_talk: [40, 120],
};

const NOTES: Readonly<Record<string, readonly string[]>> = {
  asset_published: [
    'Published a demo environment for {p} to the asset library',
    'Wrote a reference architecture for {p}',
    'Recorded a technical walkthrough of {p}',
    'Shared a POC success-criteria template for {p}',
  ],
  account_plan: [
    'Technical account plan for a strategic account',
    'Refreshed a technical account plan after the QBR',
    'Mapped the technical buying group for an expansion',
  ],
  customer_reference: [
    'Customer agreed to be a technical reference for {p}',
    'Co-presented a customer case study on {p}',
    'Arranged a reference call for a prospect evaluating {p}',
  ],
  mentoring: [
    "Shadowed a newer SE's discovery call and gave feedback",
    'Weekly mentoring session',
    "Reviewed a newer SE's demo script",
    'Paired on a POC plan',
  ],
  product_gap: ['{p}: SSO for sub-accounts', '{p}: audit log export', '{p}: Terraform provider coverage', '{p}: data residency in the EU', '{p}: API rate limits for bulk loads'],
  ai_workflow: [
    'Built an AI-assisted RFP first-draft workflow',
    'Shared an AI call-prep brief template with the team',
    'Automated POC summary drafts with an LLM',
    'Set up AI summaries of discovery notes',
  ],
  deal_review: ['Ran a technical deal review before commit', 'Forecast deal review with the pod', 'Technical win/loss review'],
  enablement: ['Completed the {p} certification', 'Ran a lunch-and-learn on {p}', 'Attended the {p} launch enablement'],
  external_talk: ['Spoke at a regional user group about {p}', 'Webinar on {p} best practices', 'Conference talk about {p}'],
};

const SEVERITY = ['deal breaker', 'challenge', 'nice to have'] as const;

function weekdayIn(day: number, lo: number, hi: number): number {
  const w = weekday(day);
  if (w === 5) return day - 1 >= lo ? day - 1 : day + 2 <= hi ? day + 2 : day;
  if (w === 6) return day + 1 <= hi ? day + 1 : day - 2 >= lo ? day - 2 : day;
  return day;
}

function makeActivity(rng: Random, type: string, day: number, deals: readonly CareerDeal[]): DemoActivity {
  const [lo, hi] = HOURS_TENTHS[type] ?? [10, 40];
  const hoursTenths = Math.round(rng.intBetween(lo, hi) / 5) * 5;
  const product = productName(rng.int(4));
  let note = rng.pick(NOTES[type] ?? ['Activity']).replace('{p}', product.charAt(0).toUpperCase() + product.slice(1));
  let dealId = '';
  if (type === 'product_gap') {
    note = `Product gap (${SEVERITY[rng.weighted(PRODUCT_GAP_SEVERITY_MIX)] ?? 'challenge'}) in ${note}`;
    const open = deals.filter((d) => d.closeDay >= day - 30 && d.closeDay <= day + 180);
    if (open.length > 0 && rng.bernoulli(ACTIVITY_DEAL_LINK_RATE)) dealId = rng.pick(open).id;
  } else if (type === 'customer_reference') {
    const won = deals.filter((d) => d.won && d.closeDay <= day - 14 && d.closeDay >= day - 365);
    if (won.length > 0 && rng.bernoulli(ACTIVITY_DEAL_LINK_RATE)) dealId = rng.pick(won).id;
  }
  return { day, type, dealId, hoursTenths, note };
}

/** A check of the evidence minimums: the 4 quarters ending on `day`, at `level`'s minimums. */
interface EvidenceCheck {
  readonly day: number;
  readonly level: Level;
  /** Exactly the minimums (the planted tenure-only promotion), not at least. */
  readonly exact: boolean;
}

/** Minimum count of an activity type over a window, prorated when the window starts before the hire or the data. */
function evidenceNeed(level: Level, type: string, windowFrom: number, windowTo: number, dataFrom: number): number {
  const need = EVIDENCE_NEEDS.get(level)?.get(type) ?? 0;
  const covered = windowTo - Math.max(windowFrom, dataFrom) + 1;
  return covered <= 0 ? 0 : Math.ceil((need * covered) / (windowTo - windowFrom + 1) - 1e-9);
}

/** The evidence minimums of a level (activity types only). */
function evidenceNeeds(level: Level): ReadonlyMap<string, number> {
  return EVIDENCE_NEEDS.get(level) ?? new Map();
}

/**
 * A person's activities: Poisson draws per quarter above their level's minimums, then topped up so
 * that the 4 quarters before each promotion inside the data (at the new level's minimums) and
 * before E (at the current level's; for the planted stuck, SE4's) meet them. The planted tenure-only
 * promotion's window holds exactly the old level's minimums.
 */
function personActivities(plan: CareerPlan, cp: CareerPerson, rng: Random, deals: readonly CareerDeal[]): DemoActivity[] {
  const from = Math.max(plan.coverageStart, cp.person.hireDay);
  const to = plan.cutoff;
  if (from > to) return [];
  const tenure = tenurePromotion(cp);
  const tenureWindow = tenure ? { from: addMonths(tenure.day, -12) + 1, to: tenure.day } : undefined;
  const inTenureWindow = (day: number, type: string): boolean =>
    tenureWindow !== undefined && day >= tenureWindow.from && day <= tenureWindow.to && type !== 'enablement' && type !== 'external_talk';
  const list: DemoActivity[] = [];
  const draw = (type: string, lo: number, hi: number): void => {
    const day = weekdayIn(lo + rng.int(hi - lo + 1), lo, hi);
    list.push(makeActivity(rng, type, day, deals));
  };

  // Base draws, quarter by quarter.
  const start = civilDate(from);
  for (let qStart = dayNumber(start.year, start.month - ((start.month - 1) % 3), 1); qStart <= to; qStart = addMonths(qStart, 3)) {
    const lo = Math.max(qStart, from);
    const hi = Math.min(addMonths(qStart, 3) - 1, to);
    if (lo > hi) continue;
    const level = levelOn(cp, (lo + hi) >> 1);
    const share = (hi - lo + 1) / 365.25;
    for (const type of DEMO_ACTIVITY_TYPES) {
      const perYear =
        type === 'enablement'
          ? ENABLEMENT_PER_YEAR
          : type === 'external_talk'
            ? (RANK[level] >= 2 ? EXTERNAL_TALKS_PER_YEAR_FROM_SE3 * (RANK[level] - 1) : 0)
            : (evidenceNeeds(level).get(type) ?? 0) * (EVIDENCE_SURPLUS + EVIDENCE_SURPLUS_PER_LEVEL * RANK[level]);
      const n = rng.poisson(perYear * share);
      for (let k = 0; k < n; k += 1) {
        const day = weekdayIn(lo + rng.int(hi - lo + 1), lo, hi);
        if (inTenureWindow(day, type)) continue;
        list.push(makeActivity(rng, type, day, deals));
      }
    }
  }

  // Top-ups at each check, oldest first (a top-up only ever adds to other windows).
  const checks: EvidenceCheck[] = [];
  for (const p of promotions(cp)) if (p.day > from) checks.push({ day: p.day, level: p === tenure ? (p.from ?? p.to) : p.to, exact: p === tenure });
  checks.push({ day: plan.asOf, level: cp.planted === 'stuck' ? 'SE4' : cp.level, exact: false });
  for (const check of checks) {
    const windowFrom = addMonths(check.day, -12) + 1;
    const lo = Math.max(windowFrom, from, check.exact || !tenure || check.day <= tenure.day ? 0 : tenure.day + 1);
    const hi = Math.min(check.day - 1, to);
    if (lo > hi) continue;
    for (const [type] of evidenceNeeds(check.level)) {
      const need = evidenceNeed(check.level, type, windowFrom, check.day, from);
      const have = list.filter((a) => a.type === type && a.day >= windowFrom && a.day <= check.day).length;
      for (let k = have; k < need; k += 1) draw(type, lo, hi);
    }
  }
  return list.sort((a, b) => a.day - b.day || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

// ---------------------------------------------------------------- conversations

interface DemoConversation {
  readonly day: number;
  readonly withId: string;
  readonly path: 'ic' | 'management' | 'undecided';
  readonly nextLevel: string;
  readonly notes: string;
}

const CONVERSATION_NOTES: Readonly<Record<DemoConversation['path'], readonly string[]>> = {
  ic: [
    'Wants to stay hands-on; agreed on {next}-scope goals for the next two cycles',
    'Staying on the IC track; picked a segment asset to own toward {next}',
    'IC path confirmed; next step is leading a product feedback loop',
  ],
  management: [
    'Interested in leading a pod; will mentor two newer SEs first',
    'Management path: shadowing pod leadership and running deal reviews',
    'Wants to grow toward {next}; agreed on a development plan with skip-level input',
  ],
  undecided: [
    'Weighing the IC and management paths; will revisit after the next cycle',
    'Undecided between Staff and management; trying a mentoring project first',
  ],
};

function conversationOn(rng: Random, plan: CareerPlan, cp: CareerPerson, day: number): DemoConversation {
  const level = levelOn(cp, day);
  const next = NEXT_LEVELS.get(level) ?? [];
  // The planted stuck perform at Staff (SE4) from their last PLANTED_STUCK_CYCLES cycles on.
  const stuck = cp.planted === 'stuck' && day >= (plan.cycles.at(-PLANTED_STUCK_CYCLES) ?? Infinity);
  let path: DemoConversation['path'];
  if (isManagement(level)) path = 'management';
  else if (stuck) path = 'ic';
  else if (level === 'SE3') path = (['ic', 'ic', 'ic', 'management', 'management', 'undecided', 'undecided'] as const)[rng.int(7)] ?? 'ic';
  else path = level === 'SE1' || level === 'SE2' ? (rng.bernoulli(0.8) ? 'ic' : 'undecided') : 'ic';
  const nextLevel = path === 'management' ? (next.find(isManagement) ?? next[0] ?? '') : path === 'ic' ? (next.find((l) => !isManagement(l)) ?? next[0] ?? '') : next.length > 0 ? rng.pick(next) : '';
  let notes: string;
  if (nextLevel === '') notes = isManagement(level) ? 'At the top of the management ladder; growth is the scope of the function' : 'Top of the IC track; growing scope as a Field CTO for a second product line';
  else if (stuck) notes = `Meets the ${nextLevel} bar on every competency; asks what is blocking the promotion`;
  else notes = rng.pick(CONVERSATION_NOTES[path]).replace('{next}', nextLevel);
  return { day, withId: managerOn(cp.person, day), path, nextLevel, notes };
}

/** Career-path conversations: one in the last 12 months (the planted silent person: ~15 months ago), and some older ones. */
function personConversations(plan: CareerPlan, cp: CareerPerson, rng: Random): DemoConversation[] {
  const hire = cp.person.hireDay;
  const list: DemoConversation[] = [];
  const between = (lo: number, hi: number): number | undefined => {
    const a = Math.max(lo, hire);
    const b = Math.min(hi, plan.cutoff);
    return a > b ? undefined : weekdayIn(a + rng.int(b - a + 1), a, b);
  };
  const yearAgo = addMonths(plan.asOf, -12);
  for (let k = 3; k >= 1; k -= 1) {
    const lo = addMonths(plan.asOf, -12 * (k + 1)) + 1;
    const hi = addMonths(plan.asOf, -12 * k) - (k === 1 ? 7 : 0);
    if (cp.planted === 'no_conversation' && k === 1) continue;
    if (!rng.bernoulli(OLDER_CONVERSATION_RATE)) continue;
    const day = between(lo, hi);
    if (day !== undefined) list.push(conversationOn(rng, plan, cp, day));
  }
  if (cp.planted === 'no_conversation') {
    const centre = addMonths(plan.asOf, -PLANTED_SILENT_MONTHS);
    const day = between(centre - 10, centre + 10);
    if (day !== undefined) list.push(conversationOn(rng, plan, cp, day));
  } else {
    const day = between(yearAgo + 7, plan.cutoff) ?? Math.max(hire, Math.min(plan.cutoff, yearAgo + 7));
    list.push(conversationOn(rng, plan, cp, day));
  }
  return list.sort((a, b) => a.day - b.day);
}

// ---------------------------------------------------------------- the files

function iterable<T>(make: () => Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

const money = (units: number): string => `${units}.00`;
const tenths = (t: number): string => `${Math.floor(t / 10)}.${t % 10}`;

/**
 * The six ladder-side files. `deals` (research-profile orgs) lets product gaps and customer
 * references name a deal the person was on; without it (the load profile) deal_id stays blank.
 */
export function careerFiles(seed: number, roster: DemoRoster, plan: CareerPlan, deals: ReadonlyMap<DemoPerson, readonly CareerDeal[]> | null): DemoFile[] {
  const firstDay = Math.min(plan.coverageStart, ...plan.people.map((cp) => cp.person.hireDay)) - 400;
  const dates = new DateFormatter(firstDay, plan.asOf);
  const effectiveFrom = dates.format(roster.yearStart);
  const spread = Math.round(plan.bandSpread * 100);

  const bands: DemoFile = {
    path: 'bands.csv',
    kind: 'csv',
    header: ['level', 'location', 'currency', 'base_min', 'base_mid', 'base_max', 'target_incentive_pct', 'effective_from'],
    rows: DEFAULT_LEVELS.flatMap((level) =>
      LOCATIONS.map((location) => {
        const mid = bandMid(level, location);
        const { min, max } = bandRange(mid, spread);
        const variable = level === 'M3' ? M3_VARIABLE_SHARE : VARIABLE_SHARE[level];
        return [level, location, LOCATION_CURRENCY[location], money(min), money(mid), money(max), String(variable), effectiveFrom];
      }),
    ),
  };

  const levelHistoryFile: DemoFile = {
    path: 'level_history.csv',
    kind: 'csv',
    header: ['person_id', 'date', 'from_level', 'to_level', 'kind', 'packet'],
    rows: iterable(function* () {
      for (const cp of plan.people) for (const c of cp.changes) yield [cp.person.id, dates.format(c.day), c.from ?? '', c.to, c.kind, c.packet];
    }),
  };

  const assessments: DemoFile = {
    path: 'assessments.csv',
    kind: 'csv',
    header: ['person_id', 'date', 'assessor_id', 'assessor_role', 'competency', 'rating', 'evidence'],
    rows: iterable(function* () {
      const rng = new Random(0);
      for (const cp of plan.people) {
        rng.reseed(streamSeed(seed, 'career-assessments', cp.index));
        const generous = rng.bernoulli(GENEROUS_SELF_RATER_SHARE);
        const id = cp.person.id;
        const all = assessmentDates(plan, cp);
        const stuckFrom = all[Math.max(0, all.length - PLANTED_STUCK_CYCLES)]?.day ?? Infinity;
        for (const { day, label } of all) {
          const set = rateOn(rng, cp, day, stuckFrom, generous);
          const date = dates.format(day);
          const assessor = managerOn(cp.person, day);
          const review = `reviews/${label}/${id}.md`;
          for (const c of DEFAULT_COMPETENCIES) {
            yield [id, date, id, 'self', c, String(set.self[c]), `reviews/${label}/${id}-self.md`];
            yield [id, date, assessor, 'manager', c, String(set.manager[c]), review];
            yield [id, date, assessor, 'calibrated', c, String(set.calibrated[c]), `calibration/${label}.md`];
          }
        }
      }
    }),
  };

  const activities: DemoFile = {
    path: 'activities.csv',
    kind: 'csv',
    header: ['id', 'person_id', 'date', 'type', 'deal_id', 'hours', 'note'],
    rows: iterable(function* () {
      const rng = new Random(0);
      let n = 0;
      for (const cp of plan.people) {
        rng.reseed(streamSeed(seed, 'career-activities', cp.index));
        for (const a of personActivities(plan, cp, rng, deals?.get(cp.person) ?? [])) {
          n += 1;
          yield [`a-${String(n).padStart(6, '0')}`, cp.person.id, dates.format(a.day), a.type, a.dealId, tenths(a.hoursTenths), a.note];
        }
      }
    }),
  };

  const conversations: DemoFile = {
    path: 'conversations.csv',
    kind: 'csv',
    header: ['person_id', 'date', 'with_id', 'path', 'next_level', 'notes'],
    rows: iterable(function* () {
      const rng = new Random(0);
      for (const cp of plan.people) {
        rng.reseed(streamSeed(seed, 'career-conversations', cp.index));
        for (const c of personConversations(plan, cp, rng)) yield [cp.person.id, dates.format(c.day), c.withId, c.path, c.nextLevel, c.notes];
      }
    }),
  };

  return [{ path: 'ladder.yaml', kind: 'text', text: defaultLadderYaml() }, bands, levelHistoryFile, assessments, activities, conversations];
}
