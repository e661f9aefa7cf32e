/**
 * `generateDemoOrg`: a complete, valid org folder (as data) for demos, tests and benchmarks.
 * Pure and deterministic: the same options give byte-identical files.
 */
import { DateFormatter, addMonths, dayNumber } from './calendar.js';
import { careerDeals, careerFiles, planCareer } from './career.js';
import {
  accountName,
  buildMarket,
  generateDeal,
  productName,
  type DealMarket,
  type DemoDeal,
  type DemoTeamMember,
} from './deals.js';
import {
  BUDGET_RATE,
  CLUB_SHARE,
  FX_MONTHLY_SD,
  MANAGEMENT_BUFFER,
  OPEN_SHARE,
  RENEWAL_SHARE,
  SE_SUPPORT_SHARE,
  SECONDARY_SE_RATE,
  SPECIALIST_RATE,
  STANDARD_AE_COUNT,
  type Currency,
} from './parameters.js';
import { CODENAMES } from './names.js';
import { Random, clamp, mix32, streamSeed } from '../random.js';
import { buildRoster, type DemoPerson, type DemoRoster } from './roster.js';
import { planShape, shapeForHeadcount } from './structure.js';
import {
  aePlanYaml,
  orgYaml,
  planIds,
  recognitionYaml,
  sePodPlanYaml,
  seTerritoryPlanYaml,
  spiffsYaml,
} from './yaml-files.js';

/** One file of an org folder: a CSV streamed row by row, or a text file. */
export type DemoFile =
  | { path: string; kind: 'csv'; header: readonly string[]; rows: Iterable<readonly string[]> }
  | { path: string; kind: 'text'; text: string };

/** A generated org folder. CSV `rows` can be iterated any number of times, lazily. */
export interface DemoOrg {
  readonly files: readonly DemoFile[];
}

export type DemoSize = 'standard' | 'large';

/** Options of `generateDemoOrg`. */
export interface DemoOptions {
  readonly seed: number;
  readonly size: DemoSize;
  readonly fiscalYear: number;
}

/**
 * Exact totals of a load-profile org (the large size, or a scaled-down copy for tests). The head
 * count is fixed either as `payees` (people on a plan with an active day in the fiscal year; leaders
 * are added on top at the research spans) or as `people` (rows of people.csv, leaders included).
 */
export type DemoTotals = {
  readonly deals: number;
  readonly dealTeamRows: number;
} & (
  | { readonly payees: number; readonly people?: undefined }
  | { readonly people: number; readonly payees?: undefined }
);

/** Default seed of `tandem demo`. */
export const DEMO_DEFAULT_SEED = 42;

/**
 * The large org's exact totals: 10,000 payees (people.csv has ~1,700 leaders on top),
 * 1,000,000 deals and 2,500,000 deal-team rows.
 */
export const LARGE_TOTALS = { payees: 10_000, deals: 1_000_000, dealTeamRows: 2_500_000 } as const satisfies DemoTotals;

function validate(options: DemoOptions): void {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(options.fiscalYear) || options.fiscalYear < 1971 || options.fiscalYear > 9998) {
    throw new RangeError(`fiscal year must be an integer between 1971 and 9998, got ${options.fiscalYear}`);
  }
  if (options.size !== 'standard' && options.size !== 'large') {
    throw new RangeError(`size must be "standard" or "large", got ${String(options.size)}`);
  }
}

/**
 * Generate the demo org. `standard` (default seed 42) is a realistic ~80-person org grounded in the
 * research; `large` is a load profile of exactly 10,000 payees (plus their managers and directors),
 * 1,000,000 deals and 2,500,000 deal-team rows with the same plans and file shapes.
 */
export function generateDemoOrg(options: DemoOptions): DemoOrg {
  validate(options);
  return options.size === 'large' ? generateLoadOrg(options, LARGE_TOTALS) : generateResearchOrg(options, STANDARD_AE_COUNT);
}

/** The research-profile org for a number of AEs (exported for tests of other sizes). */
export function generateResearchOrg(options: Omit<DemoOptions, 'size'>, aeCount: number): DemoOrg {
  validate({ ...options, size: 'standard' });
  if (!Number.isInteger(aeCount) || aeCount < 5) throw new RangeError(`a demo org needs at least 5 AEs, got ${aeCount}`);
  const seed = seed32(options.seed);
  const roster = buildRoster(seed, options.fiscalYear, planShape(aeCount), 0);
  return assemble(seed, roster, buildMarket(seed, roster, null));
}

/** A load-profile org with exact totals (the large size, or a scaled-down copy for tests). */
export function generateLoadOrg(options: Omit<DemoOptions, 'size'>, totals: DemoTotals): DemoOrg {
  validate({ ...options, size: 'large' });
  const basis = totals.payees !== undefined ? 'payees' : 'people';
  const headcount = totals.payees ?? totals.people;
  for (const [name, value] of [[basis, headcount], ['deals', totals.deals], ['dealTeamRows', totals.dealTeamRows]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, got ${String(value)}`);
  }
  const seed = seed32(options.seed);
  const { shape, extraSpecialists } = shapeForHeadcount(headcount, basis);
  const roster = buildRoster(seed, options.fiscalYear, shape, extraSpecialists);
  const actual = basis === 'payees' ? roster.people.filter((p) => isPayee(roster, p)).length : roster.people.length;
  if (actual !== headcount) throw new Error(`the load-profile roster has ${actual} ${basis}, not ${headcount}`);
  return assemble(seed, roster, buildMarket(seed, roster, { deals: totals.deals, dealTeamRows: totals.dealTeamRows }));
}

/** Whether a person gets statements: on a plan (AEs by role, SEs by `plan`) with an active day in the year. */
function isPayee(roster: DemoRoster, p: DemoPerson): boolean {
  return (p.role === 'AE' || p.plan !== '') && activeIn(p, roster.yearStart, roster.yearEnd);
}

/** Fold a safe-integer seed into 32 bits (seeds below 2^32 map to themselves). */
function seed32(seed: number): number {
  return ((seed >>> 0) ^ mix32(Math.floor(seed / 2 ** 32))) >>> 0;
}

function iterable<T>(make: () => Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

function money(units: number): string {
  return `${units}.00`;
}

function fixed(scaled: number, digits: number): string {
  const sign = scaled < 0 ? '-' : '';
  const abs = Math.abs(scaled);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

const PRODUCT_LABEL: Record<string, string> = {
  platform: 'Platform',
  analytics: 'Analytics',
  security: 'Security',
  observability: 'Observability',
};
const TYPE_LABEL: Record<DemoDeal['type'], string> = { new: 'new business', expansion: 'expansion', renewal: 'renewal' };

function assemble(seed: number, roster: DemoRoster, market: DealMarket): DemoOrg {
  const fy = roster.fiscalYear;
  const ids = planIds(fy);
  const dates = new DateFormatter(roster.yearStart - 4100, roster.yearEnd + 400);
  const dealIdWidth = Math.max(5, String(market.totalDeals).length);
  const dealId = (index: number): string => `op-${String(index + 1).padStart(dealIdWidth, '0')}`;
  const planId = (p: DemoPerson): string =>
    p.plan === 'se-pod' ? ids.sePod : p.plan === 'se-territory' ? ids.seTerritory : '';
  // The ladder side (career.ts); it changes people.csv only in the level_since of the planted stuck.
  const career = planCareer(seed, roster);

  const people: DemoFile = {
    path: 'people.csv',
    kind: 'csv',
    header: [
      'id', 'name', 'email', 'role', 'level', 'track', 'manager_id', 'team', 'territory', 'hire_date',
      'level_since', 'location', 'currency', 'base_salary', 'target_incentive', 'plan', 'end_date', 'attr_gender',
    ],
    rows: iterable(function* () {
      for (const p of roster.people) {
        yield [
          p.id, p.name, p.email, p.role, p.level, p.track, p.manager?.id ?? '', p.team, p.territory,
          dates.format(p.hireDay), dates.format(career.levelSince.get(p) ?? p.levelSinceDay), p.location, p.currency,
          money(p.baseSalary), money(p.targetIncentive), planId(p), p.endDay === null ? '' : dates.format(p.endDay), p.gender,
        ];
      }
    }),
  };

  const deals: DemoFile = {
    path: 'deals.csv',
    kind: 'csv',
    header: [
      'id', 'name', 'account', 'owner_id', 'amount', 'currency', 'stage', 'close_date', 'type', 'segment',
      'territory', 'product', 'technical_win', 'technical_win_date', 'poc', 'churn_date',
    ],
    rows: iterable(function* () {
      const rng = new Random(0);
      const deal = emptyDeal();
      for (const model of market.models) {
        for (let i = 0; i < model.dealCount; i += 1) {
          const index = model.firstDeal + i;
          generateDeal(market, model, index, rng, deal, null);
          const account = accountName(seed, deal.accountIndex);
          const product = productName(deal.product);
          const label = PRODUCT_LABEL[product] ?? product;
          const codename = CODENAMES[deal.codename];
          const name =
            codename === undefined ? `${account} - ${label} ${TYPE_LABEL[deal.type]}` : `${account} - "Project ${codename}" ${label}`;
          yield [
            dealId(index), name, account, model.ae.id, money(deal.amount), deal.currency, deal.stage,
            dates.format(deal.closeDay), deal.type, model.segment, deal.territory, product,
            deal.technicalWin ? 'true' : 'false', deal.technicalWinDay === null ? '' : dates.format(deal.technicalWinDay),
            deal.poc ? 'true' : 'false', deal.churnDay === null ? '' : dates.format(deal.churnDay),
          ];
        }
      }
    }),
  };

  const dealTeam: DemoFile = {
    path: 'deal_team.csv',
    kind: 'csv',
    header: ['deal_id', 'person_id', 'role', 'split', 'hours'],
    rows: iterable(function* () {
      const rng = new Random(0);
      const deal = emptyDeal();
      const team: DemoTeamMember[] = [];
      for (const model of market.models) {
        for (let i = 0; i < model.dealCount; i += 1) {
          const index = model.firstDeal + i;
          generateDeal(market, model, index, rng, deal, team);
          if (team.length === 0) continue;
          const id = dealId(index);
          for (const m of team) yield [id, m.person.id, m.role, m.split, m.hoursTenths < 0 ? '' : fixed(m.hoursTenths, 1)];
        }
      }
    }),
  };

  return {
    files: [
      { path: 'org.yaml', kind: 'text', text: orgYaml() },
      people,
      deals,
      dealTeam,
      quotasFile(roster, market),
      mboFile(seed, roster),
      fxFile(seed, fy),
      adjustmentsFile(roster),
      { path: 'spiffs.yaml', kind: 'text', text: spiffsYaml(fy) },
      { path: 'recognition.yaml', kind: 'text', text: recognitionYaml(fy, clubSeats(roster)) },
      { path: `plans/${ids.ae}.yaml`, kind: 'text', text: aePlanYaml(fy) },
      { path: `plans/${ids.sePod}.yaml`, kind: 'text', text: sePodPlanYaml(fy) },
      { path: `plans/${ids.seTerritory}.yaml`, kind: 'text', text: seTerritoryPlanYaml(fy) },
      ...careerFiles(seed, roster, career, market.loadTeams ? null : careerDeals(market, dealId)),
    ],
  };
}

function emptyDeal(): DemoDeal {
  return {
    index: 0, accountIndex: 0, codename: -1, product: 0, type: 'new', stage: '', amount: 0, currency: 'USD',
    closeDay: 0, territory: '', technicalWin: false, technicalWinDay: null, poc: false, churnDay: null, supported: false,
  };
}

function clubSeats(roster: DemoRoster): number {
  return Math.round(roster.aes.length * CLUB_SHARE) + Math.round(roster.ses.length * CLUB_SHARE);
}

function inCurrency(usd: number, currency: Currency, step: number): number {
  return Math.max(step, Math.round(usd / BUDGET_RATE[currency] / step) * step);
}

/**
 * Expected technical wins per SE over the year under the deal model (primary, secondary and
 * specialist involvement), used to set technical-win targets at 90% of expectation.
 */
function expectedTechWins(market: DealMarket): Map<DemoPerson, number> {
  const expected = new Map<DemoPerson, number>();
  const add = (p: DemoPerson | null | undefined, value: number): void => {
    if (p) expected.set(p, (expected.get(p) ?? 0) + value);
  };
  const load = market.loadTeams;
  for (const m of market.models) {
    const deals = load ? m.dealCount : m.expectedDeals;
    const s = m.segment;
    const support = load ? 1 : SE_SUPPORT_SHARE[s];
    const techWins = deals * (1 - RENEWAL_SHARE) * (1 - OPEN_SHARE) * m.techWinRate * support;
    const perRow = load && load.deals[s] > 0 ? load.rows[s] / load.deals[s] : 1;
    const secondary = load ? clamp(perRow - 1, 0, 1) : SECONDARY_SE_RATE[s];
    const specialist = load ? clamp(perRow - 2, 0, 1) : SPECIALIST_RATE[s];
    const pool = m.territory.ses;
    const n = Math.max(1, pool.length);
    if (s === 'ENT') {
      for (const p of m.pod.ses) add(p, techWins / Math.max(1, m.pod.ses.length));
    } else if (s === 'MM' && m.usualSe) {
      add(m.usualSe, techWins * 0.7);
      for (const p of pool) add(p, (techWins * 0.3) / n);
    } else {
      for (const p of pool) add(p, techWins / n);
    }
    for (const p of pool) add(p, (techWins * secondary) / n);
    add(m.territory.specialist, techWins * specialist);
  }
  return expected;
}

function quotasFile(roster: DemoRoster, market: DealMarket): DemoFile {
  const fy = roster.fiscalYear;
  const ids = planIds(fy);
  const period = String(fy);
  const fraction = new Map(market.models.map((m) => [m.ae, m.quotaFraction]));
  const aeNumberUsd = (aes: readonly DemoPerson[]): number =>
    aes.reduce((sum, ae) => sum + ae.quotaUsd * (fraction.get(ae) ?? 1), 0) * MANAGEMENT_BUFFER;
  const techWins = expectedTechWins(market);
  return {
    path: 'quotas.csv',
    kind: 'csv',
    header: ['person_id', 'team', 'measure', 'period', 'target'],
    rows: iterable(function* () {
      for (const ae of roster.aes) yield [ae.id, '', `${ids.ae}/bookings`, period, money(ae.quota)];
      // Pod targets: the pod's AE numbers less a 10% management buffer, in the pod SEs' currency.
      for (const t of roster.territories) {
        for (const pod of t.pods) {
          const se = pod.ses.find((p) => p.plan === 'se-pod');
          if (!se) continue;
          yield ['', pod.key, `${ids.sePod}/bookings`, period, money(inCurrency(aeNumberUsd(pod.aes), se.currency, 1000))];
        }
      }
      // Territory-plan SEs: personal rows carrying their territory's number (quotas.csv has no
      // territory column).
      for (const se of roster.ses) {
        if (se.plan !== 'se-territory') continue;
        const territory = roster.territories.find((t) => t.shape.key === se.territory);
        const target = inCurrency(aeNumberUsd(territory?.aes ?? []), se.currency, 1000);
        yield [se.id, '', `${ids.seTerritory}/bookings`, period, money(target)];
      }
      for (const se of roster.ses) {
        yield [se.id, '', 'tech_wins', period, String(Math.max(2, Math.round((techWins.get(se) ?? 0) * MANAGEMENT_BUFFER)))];
      }
    }),
  };
}

function quarterBounds(fy: number): { label: string; start: number; end: number }[] {
  return [0, 1, 2, 3].map((q) => {
    const start = dayNumber(fy, 3 * q + 1, 1);
    return { label: `${fy}-Q${q + 1}`, start, end: addMonths(start, 3) - 1 };
  });
}

function activeIn(p: DemoPerson, start: number, end: number): boolean {
  return p.hireDay <= end && (p.endDay === null || p.endDay >= start);
}

function mboFile(seed: number, roster: DemoRoster): DemoFile {
  const quarters = quarterBounds(roster.fiscalYear);
  return {
    path: 'mbo.csv',
    kind: 'csv',
    header: ['person_id', 'measure', 'period', 'score'],
    rows: iterable(function* () {
      const rng = new Random(0);
      for (let i = 0; i < roster.ses.length; i += 1) {
        const se = roster.ses[i];
        if (!se || se.plan !== 'se-pod') continue;
        rng.reseed(streamSeed(seed, 'mbo', i));
        for (const q of quarters) {
          const score = Math.round(clamp(1 + 0.12 * rng.normal(), 0.5, 1.3) * 100);
          if (activeIn(se, q.start, q.end)) yield [se.id, 'customer_outcomes', q.label, fixed(score, 2)];
        }
      }
    }),
  };
}

function fxFile(seed: number, fy: number): DemoFile {
  const rng = new Random(streamSeed(seed, 'fx'));
  const rows: string[][] = [];
  for (const currency of ['EUR', 'GBP'] as const) {
    let walk = 0;
    for (let m = 1; m <= 12; m += 1) {
      walk += FX_MONTHLY_SD * rng.normal();
      const rate = Math.round(BUDGET_RATE[currency] * Math.exp(walk) * 10_000);
      rows.push([currency, `${fy}-M${String(m).padStart(2, '0')}`, fixed(rate, 4)]);
    }
  }
  return { path: 'fx.csv', kind: 'csv', header: ['currency', 'period', 'rate_to_org_currency'], rows };
}

function adjustmentsFile(roster: DemoRoster): DemoFile {
  const fy = roster.fiscalYear;
  const rows: string[][] = [];
  const fullYear = (p: DemoPerson): boolean => p.hireDay < roster.yearStart && p.endDay === null;
  const seDirector = roster.seDirectors[0]?.id ?? '';
  const podSe = roster.ses.find((p) => p.plan === 'se-pod' && p.team.startsWith('pod-') && fullYear(p) && !p.isSpecialist);
  if (podSe) {
    rows.push([
      podSe.id, `${fy}-Q2`, money(1500),
      'Exception: led the technical win on a deal booked by another pod, approved by the SE director', seDirector,
    ]);
  }
  const ae = roster.aes.find((p) => fullYear(p) && p.level === 'AE3');
  if (ae) {
    const approver = ae.manager?.manager?.id ?? '';
    rows.push([ae.id, `${fy}-Q3`, money(-2400), 'Recovery of a Q2 overpayment: deal amount corrected in the CRM, see ticket FIN-2291', approver]);
  }
  const leaver = roster.leavers[0];
  if (leaver && leaver.endDay !== null) {
    const quarter = quarterBounds(fy).find((q) => leaver.endDay !== null && q.start <= leaver.endDay && leaver.endDay <= q.end);
    rows.push([leaver.id, quarter?.label ?? `${fy}-Q3`, money(750), 'Final true-up on departure (prorated MBO)', leaver.manager?.id ?? '']);
  }
  return { path: 'adjustments.csv', kind: 'csv', header: ['person_id', 'period', 'amount', 'reason', 'approver'], rows };
}
