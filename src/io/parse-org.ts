/**
 * Turns the texts of an org folder's files into a validated `Org`, or into every problem found.
 * No file system here: `load-org.ts` reads the folder; the server will pass uploaded files.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  Adjustment,
  Deal,
  FilterCondition,
  FxRate,
  MboRow,
  Measure,
  Org,
  OrgSettings,
  Person,
  Plan,
  Problem,
  QuotaRow,
  RecognitionProgram,
  Spiff,
} from '../core/model.js';
import { DealTeamTable } from '../core/deal-team.js';
import { DEFAULT_DIAGNOSTICS } from '../core/diagnostics/types.js';
import { parsePeriod, type FiscalCalendar } from '../core/periods.js';
import { ONE, ZERO } from '../core/rational.js';
import { sortProblems } from '../core/problems.js';
import { validateOrg } from '../core/validate.js';
import { CSV_FILES, csvSchemas, type CsvSchemas, orgSchema, planSchema, recognitionSchema, spiffsSchema, type CsvKind, type OrgFile } from './schemas.js';
import { csvTableSpec } from './csv-spec.js';
import { decodeDealTeam, type EncodedDealTeam } from './deal-team-codec.js';
import { readTable, type TableResult } from './table.js';
import { formatPath, readYaml, type YamlFile } from './yaml.js';

/** The files of an org folder: path relative to the folder → text. */
export type OrgTexts = ReadonlyMap<string, string>;

export interface ParseResult {
  /** Present only when there is no error. */
  readonly org: Org | undefined;
  /** Errors and warnings, sorted by file, line, column. */
  readonly problems: readonly Problem[];
}

const ORG_KEYS = new Set(['name', 'currency', 'fiscal_year_start', 'fiscal_year_label', 'rounding', 'columns', 'values', 'diagnostics', 'ladder']);

/** Issues of a zod parse of YAML content as problems located by key path. */
export function yamlIssues(file: string, yaml: YamlFile, issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): Problem[] {
  return issues.map((issue) => {
    const path = [...base, ...issue.path];
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      const key = keys[0] ?? '';
      return { severity: 'error' as const, file, line: yaml.lineOf([...path, key]), column: formatPath([...path, key]), message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_value' && 'values' in issue) message = `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    if (issue.code === 'invalid_type' && issue.expected !== 'string') message = `is required and must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`;
    return { severity: 'error' as const, file, line: yaml.lineOf(path), column: formatPath(path), message };
  });
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

interface PendingFilter {
  readonly file: string;
  readonly path: readonly PropertyKey[];
  readonly yaml: YamlFile;
  readonly column: string;
}

/** How the deal-team rows reach the parser: read from the texts, or already read by a worker. */
export type DealTeamSupply = { readonly kind: 'text' } | { readonly kind: 'encoded'; readonly value: EncodedDealTeam };

/** Options of a parse. */
export interface ParseOptions {
  /**
   * deals.csv columns to keep on every deal (in `Deal.filterValues`, named by `Org.filterColumns`)
   * besides the ones plan filters use: e.g. `segment` and `poc` for ladder evidence. A column the
   * file does not have reads as ''.
   */
  readonly dealColumns?: readonly string[];
}

/** Parses and validates an org folder held in memory. */
export function parseOrg(texts: OrgTexts, options: ParseOptions = {}): ParseResult {
  const steps = parseSteps(texts, options);
  let step = steps.next();
  while (!step.done) step = steps.next({ kind: 'text' });
  return step.value;
}

/**
 * Like `parseOrg`, with deal_team.csv read elsewhere (a worker thread): the rest is parsed while
 * the team rows are still being read, and they are awaited only when needed.
 */
export async function parseOrgWithTeam(texts: OrgTexts, team: Promise<EncodedDealTeam>, options: ParseOptions = {}): Promise<ParseResult> {
  const steps = parseSteps(texts, options);
  let step = steps.next();
  while (!step.done) step = steps.next({ kind: 'encoded', value: await team });
  return step.value;
}

function* parseSteps(texts: OrgTexts, options: ParseOptions): Generator<'deal_team', ParseResult, DealTeamSupply> {
  const problems: Problem[] = [];
  const missingFile = (file: string) => problems.push({ severity: 'error', file, line: 1, column: '1', message: `${file} is missing: an org folder needs it` });

  // org.yaml
  let orgFile: OrgFile | undefined;
  const orgText = texts.get('org.yaml');
  if (orgText === undefined) missingFile('org.yaml');
  else {
    const yaml = readYaml('org.yaml', orgText);
    problems.push(...yaml.problems);
    if (yaml.problems.length === 0) {
      const parsed = orgSchema.safeParse(yaml.value);
      if (parsed.success) orgFile = parsed.data;
      else problems.push(...yamlIssues('org.yaml', yaml, parsed.error.issues));
      if (yaml.value && typeof yaml.value === 'object' && !Array.isArray(yaml.value)) {
        for (const key of Object.keys(yaml.value)) {
          if (!ORG_KEYS.has(key)) problems.push({ severity: 'warning', file: 'org.yaml', line: yaml.lineOf([key]), column: key, message: `unknown key "${key}" ignored` });
        }
      }
    }
  }
  const calendar: FiscalCalendar = { startMonth: orgFile?.fiscal_year_start ?? 1, label: orgFile?.fiscal_year_label ?? 'end' };
  const d = orgFile?.diagnostics;
  const base = DEFAULT_DIAGNOSTICS;
  const settings: OrgSettings = {
    name: orgFile?.name ?? '',
    currency: orgFile?.currency ?? 'USD',
    calendar,
    rounding: orgFile?.rounding ?? 'half_even',
    diagnostics: {
      seRoles: d?.se_roles,
      aeRoles: d?.ae_roles,
      payMix: { min: d?.pay_mix?.min ?? base.payMix.min, max: d?.pay_mix?.max ?? base.payMix.max, byLevel: d?.pay_mix?.by_level ?? {} },
      noise: {
        minDealShareOfBase: d?.noise?.min_deal_share_of_base ?? base.noise.minDealShareOfBase,
        minTenPointsShareOfBase: d?.noise?.min_ten_points_share_of_base ?? base.noise.minTenPointsShareOfBase,
      },
      controllability: { maxOutsideShare: d?.controllability?.max_outside_share ?? base.controllability.maxOutsideShare },
      shortTermPressure: { steepRate: d?.short_term_pressure?.steep_rate ?? base.shortTermPressure.steepRate },
      parity: { maxRateGap: d?.parity?.max_rate_gap ?? base.parity.maxRateGap },
      curveSanity: { capBindsShare: d?.curve_sanity?.cap_binds_share ?? base.curveSanity.capBindsShare },
      quotaRealism: {
        maxZeroShare: d?.quota_realism?.max_zero_share ?? base.quotaRealism.maxZeroShare,
        medianLow: d?.quota_realism?.median_low ?? base.quotaRealism.medianLow,
        medianHigh: d?.quota_realism?.median_high ?? base.quotaRealism.medianHigh,
      },
    },
  };

  // YAML plans, SPIFs, recognition (first: their filters say which deals.csv columns to keep).
  const pendingFilters: PendingFilter[] = [];
  const filterColumns: string[] = [];
  const conditions = (file: string, yaml: YamlFile, path: readonly PropertyKey[], deals: Record<string, string | boolean | (string | boolean)[]> | undefined): FilterCondition[] => {
    const out: FilterCondition[] = [];
    for (const [key, raw] of Object.entries(deals ?? {})) {
      const column = key.trim().toLowerCase();
      let columnIndex = filterColumns.indexOf(column);
      if (columnIndex < 0) {
        columnIndex = filterColumns.length;
        filterColumns.push(column);
      }
      pendingFilters.push({ file, path: [...path, key], yaml, column });
      const list = Array.isArray(raw) ? raw : [raw];
      out.push({ column, columnIndex, values: list.map((v) => String(v)), boolean: list.every((v) => typeof v === 'boolean') });
    }
    return out;
  };

  const plans: Plan[] = [];
  const planFiles = [...texts.keys()].filter((p) => /^plans\/[^/]+\.ya?ml$/.test(p)).sort();
  for (const file of planFiles) {
    const text = texts.get(file) ?? '';
    const yaml = readYaml(file, text);
    problems.push(...yaml.problems);
    if (yaml.problems.length > 0) continue;
    const parsed = planSchema.safeParse(yaml.value);
    if (!parsed.success) {
      problems.push(...yamlIssues(file, yaml, parsed.error.issues));
      continue;
    }
    const p = parsed.data;
    const measures: Measure[] = p.measures.map((m, i) => {
      const tiers = m.tiers ?? [{ to: undefined, rate: ONE }];
      return {
        id: m.id,
        name: m.name ?? m.id,
        weight: m.weight,
        metric: m.metric,
        filter: m.metric === 'mbo' ? [] : conditions(file, yaml, ['measures', i, 'deals'], m.deals),
        credit: m.credit ?? 'owner',
        measurement: m.metric === 'mbo' ? 'period' : (m.measurement ?? 'period'),
        threshold: m.threshold ?? ZERO,
        mode: m.mode ?? 'marginal',
        tiers: tiers.map((t) => ({ to: t.to, rate: t.rate })),
        cap: m.cap,
        line: yaml.lineOf(['measures', i]),
      };
    });
    plans.push({
      id: p.id,
      name: p.name ?? p.id,
      file,
      hash: shortHash(text),
      roles: p.applies_to?.role,
      effective: { from: p.effective.from, to: p.effective.to },
      payoutPeriod: p.payout_period,
      measures,
      clawbackDays: p.clawback?.within_days,
      ramp: p.ramp ?? [],
    });
  }

  const spiffs: Spiff[] = [];
  const spiffText = texts.get('spiffs.yaml');
  if (spiffText !== undefined) {
    const file = 'spiffs.yaml';
    const yaml = readYaml(file, spiffText);
    problems.push(...yaml.problems);
    const parsed = yaml.problems.length === 0 ? spiffsSchema.safeParse(yaml.value ?? []) : undefined;
    if (parsed && !parsed.success) problems.push(...yamlIssues(file, yaml, parsed.error.issues));
    const ids = new Set<string>();
    (parsed?.success ? parsed.data : []).forEach((s, i) => {
      const period = parsePeriod(s.period, calendar);
      if (!period) problems.push({ severity: 'error', file, line: yaml.lineOf([i, 'period']), column: formatPath([i, 'period']), message: `"${s.period}" is not a period (use 2026, 2026-H1, 2026-Q3 or 2026-M07)` });
      if (ids.has(s.id)) problems.push({ severity: 'error', file, line: yaml.lineOf([i, 'id']), column: formatPath([i, 'id']), message: `duplicate SPIF id "${s.id}"` });
      ids.add(s.id);
      const award = 'per_deal' in s.award ? { kind: 'per_deal' as const, amount: s.award.per_deal } : { kind: 'percent_of_amount' as const, rate: s.award.percent_of_amount };
      const filter = conditions(file, yaml, [i, 'deals'], s.deals);
      if (period) spiffs.push({ id: s.id, name: s.name ?? s.id, period, roles: s.roles, filter, award, line: yaml.lineOf([i]) });
    });
  }

  const recognition: RecognitionProgram[] = [];
  const recText = texts.get('recognition.yaml');
  if (recText !== undefined) {
    const file = 'recognition.yaml';
    const yaml = readYaml(file, recText);
    problems.push(...yaml.problems);
    const parsed = yaml.problems.length === 0 ? recognitionSchema.safeParse(yaml.value ?? []) : undefined;
    if (parsed && !parsed.success) problems.push(...yamlIssues(file, yaml, parsed.error.issues));
    for (const r of parsed?.success ? parsed.data : []) {
      recognition.push({
        id: r.id,
        name: r.name ?? r.id,
        year: r.year,
        criteria: r.criteria.map((c) => ({ roles: c.roles, measureId: c.measure, attainmentAtLeast: c.attainment_at_least })),
        seats: r.seats,
      });
    }
  }

  for (const c of options.dealColumns ?? []) {
    const column = c.toLowerCase();
    if (!filterColumns.includes(column)) filterColumns.push(column);
  }

  // CSV files
  const schemas = csvSchemas(calendar);
  const table = <K extends CsvKind, T>(
    kind: K,
    build: (row: z.output<(typeof schemas)[K]>, line: number, extra: readonly string[]) => T,
    options: { capture?: readonly string[]; keep?: (name: string) => boolean } = {},
  ): TableResult<T> | undefined => {
    const spec = CSV_FILES[kind];
    const text = texts.get(spec.file);
    if (text === undefined) return undefined;
    const result = readTable(text, csvTableSpec(kind, orgFile, options), schemas[kind], build);
    problems.push(...result.problems);
    return result;
  };

  if (!texts.has('people.csv')) missingFile('people.csv');
  const attrValues: (readonly string[])[] = [];
  const peopleTable = table(
    'people',
    (r, line, extra): Person => (attrValues.push(extra), {
      id: r.id,
      name: r.name,
      role: r.role,
      level: r.level,
      track: r.track,
      managerId: r.manager_id,
      team: r.team,
      territory: r.territory,
      hireDate: r.hire_date,
      levelSince: r.level_since,
      endDate: r.end_date,
      location: r.location,
      currency: r.currency ?? settings.currency,
      baseSalary: r.base_salary,
      targetIncentive: r.target_incentive,
      plan: r.plan,
      attrs: {},
      line,
    }),
    { keep: (name) => name.startsWith('attr_') },
  );
  const attrColumns = peopleTable?.extraColumns ?? [];
  const people = (peopleTable?.rows ?? []).map((p, i) =>
    attrColumns.length === 0 ? p : { ...p, attrs: Object.fromEntries(attrColumns.map((c, j) => [c, attrValues[i]?.[j] ?? ''])) },
  );

  const tuples = new TupleInterner();
  const dealsTable = table('deals', (r, line, extra) => dealFromRow(r, settings.currency, tuples.intern(extra), line), { capture: filterColumns });
  const deals = dealsTable?.rows ?? [];
  const missingColumns = new Set(dealsTable?.missingCaptures ?? filterColumns);
  for (const f of pendingFilters) {
    if (missingColumns.has(f.column)) {
      problems.push({ severity: 'error', file: f.file, line: f.yaml.lineOf(f.path), column: formatPath(f.path), message: `filter on column "${f.column}", which deals.csv does not have` });
    }
  }

  const splitMeasure = (measure: string) => {
    const slash = measure.indexOf('/');
    return slash < 0 ? { planId: undefined, measureId: measure } : { planId: measure.slice(0, slash), measureId: measure.slice(slash + 1) };
  };
  const quotas =
    table('quotas', (r, line): QuotaRow => ({ personId: r.person_id, team: r.team, ...splitMeasure(r.measure), period: r.period, target: r.target, line }))?.rows ?? [];
  const mbo = table('mbo', (r, line): MboRow => ({ personId: r.person_id, ...splitMeasure(r.measure), period: r.period, score: r.score, line }))?.rows ?? [];
  const fx = table('fx', (r, line): FxRate => ({ currency: r.currency, period: r.period, rate: r.rate_to_org_currency, line }))?.rows ?? [];
  const adjustments =
    table('adjustments', (r, line): Adjustment => ({ personId: r.person_id, period: r.period, amount: r.amount, reason: r.reason, approver: r.approver, line }))?.rows ?? [];

  // Deal-team rows usually follow deals.csv order: reuse the deal's own id string (one copy in
  // memory instead of one per row) by following the deals list with a cursor.
  let cursor = 0;
  const dealIdOf = (id: string): string => {
    for (let k = cursor; k < cursor + 2 && k < deals.length; k++) {
      const deal = deals[k];
      if (deal?.id === id) {
        cursor = k;
        return deal.id;
      }
    }
    return id;
  };
  let dealTeam = new DealTeamTable();
  const supply = yield 'deal_team';
  if (supply.kind === 'encoded') {
    problems.push(...supply.value.problems);
    dealTeam = decodeDealTeam(supply.value, dealIdOf);
  } else {
    table('deal_team', (r, line) => dealTeam.push({ dealId: dealIdOf(r.deal_id), personId: r.person_id, role: r.role, split: r.split, hours: r.hours ?? ZERO, line }));
  }

  const org: Org = { settings, people, deals, dealTeam, quotas, plans, spiffs, recognition, mbo, adjustments, fx, filterColumns };
  const rejectedIds = (t: TableResult<unknown> | undefined) => (t && !t.headerOk ? undefined : (t?.rejected ?? []).map((r) => r.id ?? ''));
  problems.push(...validateOrg(org, { people: rejectedIds(peopleTable), deals: rejectedIds(dealsTable) }));
  const hasError = problems.some((p) => p.severity === 'error');
  return { org: hasError ? undefined : org, problems: sortProblems(problems) };
}

/** A validated deals.csv row as a Deal (blank currency = the org's). */
export function dealFromRow(r: z.output<CsvSchemas['deals']>, orgCurrency: string, filterValues: readonly string[], line: number): Deal {
  return {
    id: r.id,
    ownerId: r.owner_id,
    amount: r.amount,
    currency: r.currency ?? orgCurrency,
    stage: r.stage,
    closeDate: r.close_date,
    territory: r.territory,
    technicalWin: r.technical_win,
    technicalWinDate: r.technical_win_date,
    churnDate: r.churn_date,
    filterValues,
    line,
  };
}

/** Shares one array among deals with the same filter values (most deals repeat a few combinations). */
class TupleInterner {
  private readonly root = new Map<string, unknown>();
  private readonly arrays = new WeakMap<Map<string, unknown>, readonly string[]>();
  private count = 0;

  intern(values: readonly string[]): readonly string[] {
    if (this.count > 100_000) return values;
    let node = this.root;
    for (const v of values) {
      let child = node.get(v);
      if (!(child instanceof Map)) {
        child = new Map<string, unknown>();
        node.set(v, child);
      }
      node = child as Map<string, unknown>;
    }
    const existing = this.arrays.get(node);
    if (existing) return existing;
    this.arrays.set(node, values);
    this.count++;
    return values;
  }
}
