/**
 * Opportunities and deal teams. Every deal is a pure function of (seed, deal index) and its AE's
 * model, so deals.csv and deal_team.csv can each stream the deals again without holding them.
 */
import { addMonths, civilDate, dayNumber, daysInMonth, weekday } from './calendar.js';
import {
  ACV_MEDIAN_USD,
  ACV_SIGMA,
  ATTAINMENT_CLASSES,
  BLANK_HOURS_SHARE,
  BUDGET_RATE,
  CHURN_RATE,
  CROSS_TERRITORY_SHARE,
  CYCLE_MEDIAN_DAYS,
  CYCLE_SIGMA,
  EXPANSION_ACV_FACTOR,
  FIRST_CLOSE_LAG_DAYS,
  HOURS_SIGMA,
  LOAD_TEAM_OFFSET,
  NEW_SHARE_OF_NEW_BUSINESS,
  OPEN_SHARE,
  OPEN_STAGES,
  P_WIN_GIVEN_TECH_LOSS,
  P_WIN_GIVEN_TECH_WIN,
  POC_RATE,
  PRIMARY_HOURS_MEDIAN,
  PRODUCT_MIX,
  PRODUCTS,
  RENEWAL_RATE,
  RENEWAL_SHARE,
  SE_SUPPORT_SHARE,
  SECONDARY_SE_RATE,
  SEGMENTS,
  SPECIALIST_HOURS_MEDIAN,
  SPECIALIST_RATE,
  TECH_WIN_BEFORE_CLOSE,
  USUAL_SE_SHARE,
  WIN_RATE,
  WIN_RATE_SKILL_LIMIT,
  WIN_RATE_SKILL_SD,
  type Currency,
  type Segment,
} from './parameters.js';
import { COMPANY_KINDS, COMPANY_STEMS, COMPANY_SUFFIXES, CODENAMES } from './names.js';
import { Random, apportion, clamp, mix32, streamSeed } from '../random.js';
import { isActive, type DemoPerson, type DemoPod, type DemoRoster, type DemoTerritory } from './roster.js';

/** The ramp of the AE plan: quota fraction in a new hire's 1st, 2nd, 3rd month. */
export const AE_RAMP: readonly number[] = [0.25, 0.5, 0.75];

/** How an AE sells: volume, skill and the window in which deals close. */
export interface AeModel {
  readonly ae: DemoPerson;
  readonly territory: DemoTerritory;
  readonly pod: DemoPod;
  readonly segment: Segment;
  readonly attainment: number;
  readonly winRate: number;
  readonly techWinRate: number;
  /** Share of a full year's quota the AE carries (ramp and proration for hires). */
  readonly quotaFraction: number;
  readonly expectedDeals: number;
  dealCount: number;
  firstDeal: number;
  /** Index of the AE's first deal among all deals of its segment (load profile team sizes). */
  segmentFirstDeal: number;
  readonly closeFrom: number;
  readonly closeTo: number;
  /** Churn dates stay on or before this day so that clawbacks land on a plan. */
  readonly churnDeadline: number;
  readonly usualSe: DemoPerson | null;
  readonly accountBase: number;
  readonly accountCount: number;
  readonly territoryPeers: readonly DemoTerritory[];
}

/** Team-size rules of the load profile: rows per segment, spread evenly over the segment's deals. */
export interface LoadTeamPlan {
  readonly rows: Record<Segment, number>;
  readonly deals: Record<Segment, number>;
}

/** The deal market: AE models and the calendar weights deals are drawn from. */
export interface DealMarket {
  readonly seed: number;
  readonly roster: DemoRoster;
  readonly models: readonly AeModel[];
  readonly totalDeals: number;
  /** Amount multiplier (1 in the research profile; < 1 in the load profile, see docs). */
  readonly amountScale: number;
  readonly loadTeams: LoadTeamPlan | null;
  /** Cumulative day weights over the fiscal year (seasonality). */
  readonly cumulative: Float64Array;
}

function seasonWeights(yearStart: number, yearEnd: number): Float64Array {
  // Assumption: a quarter-end "hockey stick" — later months of a quarter and Q4 weigh more, the
  // last five days of a quarter double, weekends close a tenth as much.
  const quarterWeight = [0.9, 1.0, 0.95, 1.15];
  const monthWeight = [0.8, 0.95, 1.25];
  const cumulative = new Float64Array(yearEnd - yearStart + 1);
  let sum = 0;
  for (let d = yearStart; d <= yearEnd; d += 1) {
    const { year, month } = civilDate(d);
    const m = month - 1;
    const quarterLastMonth = 3 * Math.floor(m / 3) + 3;
    const quarterEnd = dayNumber(year, quarterLastMonth, daysInMonth(year, quarterLastMonth));
    let w = (quarterWeight[Math.floor(m / 3)] ?? 1) * (monthWeight[m % 3] ?? 1);
    if (weekday(d) >= 5) w *= 0.1;
    if (quarterEnd - d < 5) w *= 2;
    sum += w;
    cumulative[d - yearStart] = sum;
  }
  return cumulative;
}

function cumulativeAt(cumulative: Float64Array, index: number): number {
  return index < 0 ? 0 : (cumulative[Math.min(index, cumulative.length - 1)] ?? 0);
}

/** The ramp fraction on a day for someone hired on `hireDay`. */
export function rampOn(hireDay: number, day: number): number {
  for (let k = 0; k < AE_RAMP.length; k += 1) {
    if (day < addMonths(hireDay, k + 1)) return AE_RAMP[k] ?? 1;
  }
  return 1;
}

/** The mean (over the year's days) of the AE plan's quota factor: ramp × employment. */
export function quotaFraction(ae: DemoPerson, yearStart: number, yearEnd: number): number {
  let sum = 0;
  for (let d = yearStart; d <= yearEnd; d += 1) {
    if (!isActive(ae, d)) continue;
    sum += ae.hireDay >= yearStart ? rampOn(ae.hireDay, d) : 1;
  }
  return sum / (yearEnd - yearStart + 1);
}

/** Expected new-business amount (USD) of one opportunity in a segment. */
export function expectedNewBusinessAcv(segment: Segment): number {
  return (
    ACV_MEDIAN_USD[segment] * Math.exp((ACV_SIGMA * ACV_SIGMA) / 2) *
    (NEW_SHARE_OF_NEW_BUSINESS + (1 - NEW_SHARE_OF_NEW_BUSINESS) * EXPANSION_ACV_FACTOR)
  );
}

/** The technical-win probability that yields a commercial win rate `winRate`. */
export function techWinRateFor(winRate: number): number {
  return clamp((winRate - P_WIN_GIVEN_TECH_LOSS) / (P_WIN_GIVEN_TECH_WIN - P_WIN_GIVEN_TECH_LOSS), 0, 1);
}

/**
 * Build the market. `totals` (load profile) fixes the deal and deal-team row counts exactly;
 * without it (research profile) each AE's deal count is a Poisson draw around the model.
 */
export function buildMarket(
  seed: number,
  roster: DemoRoster,
  totals: { deals: number; dealTeamRows: number } | null,
): DealMarket {
  const rng = new Random(streamSeed(seed, 'market'));
  const { yearStart, yearEnd } = roster;
  const cumulative = seasonWeights(yearStart, yearEnd);
  const models: AeModel[] = [];
  let accountBase = 0;
  for (const territory of roster.territories) {
    const segment = territory.shape.segment;
    const pool = territory.ses;
    const deadline = Math.min(
      yearEnd,
      ...[...pool, ...(territory.specialist ? [territory.specialist] : [])].map((p) => p.endDay ?? yearEnd),
    );
    const peers = roster.territories.filter((t) => t !== territory && t.shape.segment === segment);
    territory.aes.forEach((ae, i) => {
      const pod = territory.pods.find((p) => p.aes.includes(ae)) ?? territory.pods[0];
      if (!pod) throw new Error(`no pod for ${ae.id}`);
      const cls = ATTAINMENT_CLASSES[rng.weighted(ATTAINMENT_CLASSES.map((c) => c.share))] ?? ATTAINMENT_CLASSES[1];
      const attainment = 'mean' in cls ? Math.max(0.3, cls.mean + cls.sd * rng.normal()) : rng.uniform(cls.low, cls.high);
      const winRate = WIN_RATE[segment] + clamp(WIN_RATE_SKILL_SD * rng.normal(), -WIN_RATE_SKILL_LIMIT, WIN_RATE_SKILL_LIMIT);
      const closeFrom = Math.max(yearStart, ae.hireDay + (ae.hireDay >= yearStart ? FIRST_CLOSE_LAG_DAYS[segment] : 0));
      const closeTo = ae.endDay === null ? yearEnd : Math.min(yearEnd, ae.endDay);
      // Productivity over the close window: seasonality × ramp, relative to a full year.
      let productive = 0;
      for (let d = closeFrom; d <= closeTo; d += 1) {
        const w = cumulativeAt(cumulative, d - yearStart) - cumulativeAt(cumulative, d - yearStart - 1);
        productive += w * (ae.hireDay >= yearStart ? rampOn(ae.hireDay, d) : 1);
      }
      const share = productive / cumulativeAt(cumulative, cumulative.length - 1);
      const wins = (ae.quotaUsd * attainment * share) / expectedNewBusinessAcv(segment);
      const expectedDeals = wins / winRate / (1 - OPEN_SHARE) / (1 - RENEWAL_SHARE);
      const usualSe = segment === 'MM' ? (pod.ses[i % Math.max(1, pod.ses.length)] ?? null) : null;
      const dealCount = totals ? 0 : rng.poisson(expectedDeals);
      const accountCount = Math.max(8, Math.round(expectedDeals * 0.6));
      models.push({
        ae,
        territory,
        pod,
        segment,
        attainment,
        winRate,
        techWinRate: techWinRateFor(winRate),
        quotaFraction: quotaFraction(ae, yearStart, yearEnd),
        expectedDeals,
        dealCount,
        firstDeal: 0,
        segmentFirstDeal: 0,
        closeFrom,
        closeTo: Math.max(closeFrom, closeTo),
        churnDeadline: deadline,
        usualSe,
        accountBase,
        accountCount,
        territoryPeers: peers,
      });
      accountBase += accountCount;
    });
  }
  let amountScale = 1;
  let loadTeams: LoadTeamPlan | null = null;
  if (totals) {
    const expected = models.map((m) => m.expectedDeals);
    const counts = apportion(totals.deals, expected);
    models.forEach((m, i) => (m.dealCount = counts[i] ?? 0));
    amountScale = expected.reduce((a, b) => a + b, 0) / totals.deals;
    loadTeams = planLoadTeams(models, totals);
  }
  let next = 0;
  const segmentNext: Record<Segment, number> = { ENT: 0, MM: 0, SMB: 0 };
  for (const m of models) {
    m.firstDeal = next;
    next += m.dealCount;
    m.segmentFirstDeal = segmentNext[m.segment];
    segmentNext[m.segment] += m.dealCount;
  }
  return { seed, roster, models, totalDeals: next, amountScale, loadTeams, cumulative };
}

function planLoadTeams(models: readonly AeModel[], totals: { deals: number; dealTeamRows: number }): LoadTeamPlan {
  const deals: Record<Segment, number> = { ENT: 0, MM: 0, SMB: 0 };
  for (const m of models) deals[m.segment] += m.dealCount;
  const mean = totals.dealTeamRows / totals.deals;
  const rows: Record<Segment, number> = { ENT: 0, MM: 0, SMB: 0 };
  for (const s of SEGMENTS) rows[s] = Math.round(deals[s] * Math.max(0, mean + LOAD_TEAM_OFFSET[s]));
  // The middle segment takes the rounding remainder so the total is exact.
  const remainder = totals.dealTeamRows - (rows.ENT + rows.MM + rows.SMB);
  const absorb: Segment = deals.MM > 0 ? 'MM' : deals.ENT > 0 ? 'ENT' : 'SMB';
  rows[absorb] += remainder;
  for (const s of SEGMENTS) {
    if (rows[s] < 0 || (deals[s] === 0 && rows[s] !== 0) || rows[s] > deals[s] * 3) {
      throw new Error(`cannot spread ${totals.dealTeamRows} deal-team rows over ${totals.deals} deals`);
    }
  }
  return { rows, deals };
}

/** One generated opportunity (numbers and day numbers; formatted by the file writer). */
export interface DemoDeal {
  index: number;
  accountIndex: number;
  codename: number;
  product: number;
  type: 'new' | 'expansion' | 'renewal';
  stage: string;
  amount: number;
  currency: Currency;
  closeDay: number;
  territory: string;
  technicalWin: boolean;
  technicalWinDay: number | null;
  poc: boolean;
  churnDay: number | null;
  supported: boolean;
}

/** One deal-team row. */
export interface DemoTeamMember {
  person: DemoPerson;
  role: 'primary_se' | 'secondary_se' | 'specialist';
  split: string;
  /** Hours in tenths (−1 = blank). */
  hoursTenths: number;
}

function drawDay(rng: Random, cumulative: Float64Array, yearStart: number, from: number, to: number): number {
  const lo = cumulativeAt(cumulative, from - yearStart - 1);
  const hi = cumulativeAt(cumulative, to - yearStart);
  const u = lo + rng.next() * (hi - lo);
  let a = from - yearStart;
  let b = to - yearStart;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((cumulative[mid] ?? 0) > u) b = mid;
    else a = mid + 1;
  }
  return yearStart + a;
}

function dealCurrency(rng: Random, ae: DemoPerson): Currency {
  if (ae.currency === 'USD') {
    const u = rng.next();
    return u < 0.02 ? 'EUR' : u < 0.03 ? 'GBP' : 'USD';
  }
  const u = rng.next();
  if (u < 0.85) return ae.currency;
  if (u < 0.95) return 'USD';
  return ae.currency === 'EUR' ? 'GBP' : 'EUR';
}

/**
 * Generate deal `index` of an AE model into `out` using `rng` (reseeded here). When `team` is
 * given, the deal team is drawn too (after every deal field, so the deal is the same either way).
 */
export function generateDeal(
  market: DealMarket,
  model: AeModel,
  index: number,
  rng: Random,
  out: DemoDeal,
  team: DemoTeamMember[] | null,
): void {
  const { roster, cumulative } = market;
  const { yearStart, yearEnd } = roster;
  const segment = model.segment;
  rng.reseed(streamSeed(market.seed, 'deal', index));
  out.index = index;
  out.accountIndex = model.accountBase + rng.int(model.accountCount);
  out.codename = segment === 'ENT' && rng.bernoulli(0.1) ? rng.int(CODENAMES.length) : -1;
  out.product = rng.weighted(PRODUCT_MIX);
  const typeDraw = rng.next();
  out.type = typeDraw < RENEWAL_SHARE ? 'renewal' : rng.bernoulli(NEW_SHARE_OF_NEW_BUSINESS) ? 'new' : 'expansion';
  const open = out.type !== 'renewal' && rng.bernoulli(OPEN_SHARE);
  out.currency = dealCurrency(rng, model.ae);
  const typeFactor = out.type === 'expansion' ? EXPANSION_ACV_FACTOR : 1;
  const amountUsd = rng.lognormal(ACV_MEDIAN_USD[segment], ACV_SIGMA) * typeFactor * market.amountScale;
  out.amount = Math.max(100, Math.round(amountUsd / BUDGET_RATE[out.currency] / 10) * 10);
  out.territory =
    model.territoryPeers.length > 0 && rng.bernoulli(CROSS_TERRITORY_SHARE)
      ? rng.pick(model.territoryPeers).shape.key
      : model.territory.shape.key;
  const cycle = rng.lognormal(CYCLE_MEDIAN_DAYS[segment], CYCLE_SIGMA);
  const twFraction = rng.uniform(TECH_WIN_BEFORE_CLOSE[0], TECH_WIN_BEFORE_CLOSE[1]);
  out.technicalWinDay = null;
  out.churnDay = null;
  if (open) {
    out.stage = OPEN_STAGES[rng.int(OPEN_STAGES.length)] ?? 'discovery';
    out.closeDay = yearEnd + 1 + rng.int(90);
    out.technicalWin = (out.stage === 'proposal' || out.stage === 'negotiation') && rng.bernoulli(0.7);
    if (out.technicalWin) out.technicalWinDay = yearEnd - rng.int(60);
  } else {
    out.closeDay = drawDay(rng, cumulative, yearStart, model.closeFrom, model.closeTo);
    if (out.type === 'renewal') {
      out.technicalWin = false;
      out.stage = rng.bernoulli(RENEWAL_RATE) ? 'closed_won' : 'closed_lost';
    } else {
      out.technicalWin = rng.bernoulli(model.techWinRate);
      const won = rng.bernoulli(out.technicalWin ? P_WIN_GIVEN_TECH_WIN : P_WIN_GIVEN_TECH_LOSS);
      out.stage = won ? 'closed_won' : 'closed_lost';
      if (out.technicalWin) out.technicalWinDay = out.closeDay - Math.max(1, Math.round(cycle * twFraction));
    }
    if (out.stage === 'closed_won' && rng.bernoulli(CHURN_RATE[segment])) {
      // Half inside the 90-day clawback window, half after it; never past the deadline.
      const early = rng.bernoulli(0.5);
      const room = model.churnDeadline - out.closeDay;
      if (early && room >= 10) out.churnDay = out.closeDay + rng.intBetween(10, Math.min(85, room));
      else if (!early && room >= 95) out.churnDay = out.closeDay + rng.intBetween(95, Math.min(270, room));
    }
  }
  const load = market.loadTeams;
  let size: number;
  if (load) {
    const local = index - model.firstDeal + model.segmentFirstDeal;
    const rows = load.rows[segment];
    const deals = load.deals[segment];
    size = Math.floor(((local + 1) * rows) / deals) - Math.floor((local * rows) / deals);
  } else {
    size = out.type !== 'renewal' && rng.bernoulli(SE_SUPPORT_SHARE[segment]) ? 1 : 0;
  }
  // A deal can only be supported when someone in the territory's SE pool is employed on its day.
  const teamDay = Math.min(out.closeDay, yearEnd);
  if (size > 0 && !model.territory.ses.some((p) => isActive(p, teamDay))) {
    if (load) throw new Error(`no active SE for deal ${index}`);
    size = 0;
  }
  out.supported = size > 0;
  out.poc = out.supported && out.type !== 'renewal' && rng.bernoulli(POC_RATE[segment]);
  if (team) drawTeam(market, model, out, size, load !== null, rng, team);
}

function activePool(pool: readonly DemoPerson[], day: number, exclude: readonly DemoTeamMember[]): DemoPerson[] {
  return pool.filter((p) => isActive(p, day) && !exclude.some((m) => m.person === p));
}

function drawTeam(
  market: DealMarket,
  model: AeModel,
  deal: DemoDeal,
  size: number,
  exact: boolean,
  rng: Random,
  team: DemoTeamMember[],
): void {
  team.length = 0;
  if (size === 0) return;
  const segment = model.segment;
  const day = Math.min(deal.closeDay, market.roster.yearEnd);
  const regular = model.territory.ses;
  const specialist = model.territory.specialist;
  const primaryHours = PRIMARY_HOURS_MEDIAN[segment];
  const hours = (median: number): number =>
    rng.bernoulli(BLANK_HOURS_SHARE) ? -1 : Math.max(5, Math.round(rng.lognormal(median, HOURS_SIGMA) * 2) * 5);

  // Primary: the aligned SE (ENT), usually the AE's usual pod SE (MM), anyone in the pool (SMB).
  let primary: DemoPerson | null = null;
  const aligned = model.pod.ses.find((p) => isActive(p, day)) ?? null;
  if (segment === 'ENT' && aligned) primary = aligned;
  else if (segment === 'MM' && model.usualSe && isActive(model.usualSe, day) && rng.bernoulli(USUAL_SE_SHARE)) {
    primary = model.usualSe;
  }
  if (!primary) {
    const pool = activePool(regular, day, team);
    primary = pool.length > 0 ? rng.pick(pool) : null;
  }
  if (!primary) throw new Error(`no active SE for deal ${deal.index}`);
  team.push({ person: primary, role: 'primary_se', split: '', hoursTenths: hours(primaryHours) });
  const wantSecondary = exact ? size >= 2 : rng.bernoulli(SECONDARY_SE_RATE[segment]);
  const wantSpecialist = exact ? size >= 3 : rng.bernoulli(SPECIALIST_RATE[segment]);
  if (wantSecondary) {
    const pool = activePool(regular, day, team);
    if (pool.length > 0) team.push({ person: rng.pick(pool), role: 'secondary_se', split: '', hoursTenths: hours(primaryHours / 2) });
  }
  if (wantSpecialist && specialist && isActive(specialist, day) && !team.some((m) => m.person === specialist)) {
    team.push({ person: specialist, role: 'specialist', split: '', hoursTenths: hours(SPECIALIST_HOURS_MEDIAN) });
  }
  while (exact && team.length < size) {
    const pool = activePool(regular, day, team);
    const extra = pool.length > 0 ? rng.pick(pool) : specialist && !team.some((m) => m.person === specialist) ? specialist : null;
    if (!extra) throw new Error(`deal ${deal.index} needs ${size} team members`);
    team.push({
      person: extra,
      role: extra === specialist ? 'specialist' : 'secondary_se',
      split: '',
      hoursTenths: hours(primaryHours / 2),
    });
  }
  assignSplits(rng, team);
}

function assignSplits(rng: Random, team: DemoTeamMember[]): void {
  const u = rng.next();
  if (u < 0.25) return; // all blank: members share equally
  const first = team[0];
  if (!first) return;
  if (team.length === 1) {
    first.split = '1';
    return;
  }
  if (u < 0.4) {
    first.split = '0.6'; // the rest share the remaining 0.4 equally
    return;
  }
  const patterns: Record<number, readonly (readonly string[])[]> = {
    2: [['0.6', '0.4'], ['0.7', '0.3'], ['0.5', '0.5']],
    3: [['0.5', '0.3', '0.2'], ['0.6', '0.2', '0.2'], ['0.4', '0.4', '0.2']],
  };
  const options = patterns[team.length];
  if (!options) return;
  const pattern = rng.pick(options);
  team.forEach((m, i) => (m.split = pattern[i] ?? ''));
}

/** The account name for an account index. */
export function accountName(seed: number, accountIndex: number): string {
  const h = mix32(seed ^ mix32(accountIndex + 0x51ed27));
  const stem = COMPANY_STEMS[h % COMPANY_STEMS.length] ?? 'Acme';
  const kind = COMPANY_KINDS[(h >>> 8) % COMPANY_KINDS.length] ?? 'Systems';
  const suffix = COMPANY_SUFFIXES[(h >>> 16) % COMPANY_SUFFIXES.length] ?? '';
  return `${stem} ${kind}${suffix}`;
}

/** Product name by index. */
export function productName(index: number): string {
  return PRODUCTS[index] ?? 'platform';
}
