/**
 * zod schemas for every file of an org folder. CSV cells arrive as trimmed strings; YAML values as
 * strings, booleans, null, lists and maps (see yaml.ts). Schemas turn them into exact domain values
 * (Rational, Day, Period) or report precisely why they cannot.
 *
 * The plan schema is also the source of the JSON Schema shipped in `schema/plan.schema.json`.
 */
import { z } from 'zod';
import { isCurrency } from '../core/currency.js';
import { parseIsoDate } from '../core/dates.js';
import { makePeriod, parsePeriod, type FiscalCalendar } from '../core/periods.js';
import { parseDecimal, Rational, ZERO } from '../core/rational.js';


/** The decimal schemas, so the JSON Schema generator can describe them as number-or-decimal-string. */
export const decimalSchemas = new WeakSet<z.core.$ZodType>();

function decimalText(value: string, ctx: z.RefinementCtx<string>): Rational {
  const r = parseDecimal(value);
  if (r === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: value === '' ? 'a number is required' : `"${value}" is not a plain decimal number (write e.g. 1250.00: no thousands separators, currency signs or exponents)`,
    });
    return ZERO;
  }
  return r;
}

/** An exact decimal; `check` adds a range rule such as "> 0". */
export function decimal(check?: { test: (r: Rational) => boolean; message: string }) {
  const s = z.string().transform((v, ctx) => {
    const r = decimalText(v, ctx);
    if (check && parseDecimal(v) !== undefined && !check.test(r)) ctx.addIssue({ code: 'custom', message: `${v}: ${check.message}` });
    return r;
  });
  decimalSchemas.add(s);
  if (!check) plainDecimalSchemas.add(s);
  return s.meta({ tandem: 'decimal' });
}

/**
 * Decimal cell schemas without a range rule: a value `parseDecimal` accepts is exactly their output,
 * so the table reader may take that shortcut and run the schema only to explain a failure.
 */
export const plainDecimalSchemas = new WeakSet<z.core.$ZodType>();

export const nonNegative = { test: (r: Rational) => r.sign() >= 0, message: 'must not be negative' };
export const positive = { test: (r: Rational) => r.sign() > 0, message: 'must be greater than 0' };

/** A whole number written as text ("25"). */
export const integer = z
  .string()
  .transform((v, ctx) => {
    if (!/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a whole number` });
      return 0;
    }
    return Number(v);
  })
  .meta({ tandem: 'integer' });

export const isoDate = z
  .string()
  .transform((v, ctx) => {
    const d = parseIsoDate(v);
    if (d === undefined) {
      ctx.addIssue({ code: 'custom', message: v === '' ? 'a date is required (YYYY-MM-DD)' : `"${v}" is not a valid date (use YYYY-MM-DD, e.g. 2026-03-31)` });
      return 0;
    }
    return d;
  })
  .meta({ tandem: 'date' });

// ---------------------------------------------------------------- CSV cells

/** Cell schemas that accept any string unchanged; the table reader skips validating them. */
export const anyTextSchemas = new WeakSet<z.core.$ZodType>();
export const text = z.string();
anyTextSchemas.add(text);
export const required = z.string().min(1, 'a value is required');
/** Cell schemas that accept any non-empty string unchanged. */
export const nonEmptyTextSchemas = new WeakSet<z.core.$ZodType>([required]);

export const optionalDate = z.string().transform((v, ctx) => {
  if (v === '') return undefined;
  const d = parseIsoDate(v);
  if (d === undefined) ctx.addIssue({ code: 'custom', message: `"${v}" is not a valid date (use YYYY-MM-DD, e.g. 2026-03-31)` });
  return d;
});

export function optionalDecimal(check?: { test: (r: Rational) => boolean; message: string }) {
  return z.string().transform((v, ctx) => {
    if (v === '') return undefined;
    const r = decimalText(v, ctx);
    if (check && parseDecimal(v) !== undefined && !check.test(r)) ctx.addIssue({ code: 'custom', message: `${v}: ${check.message}` });
    return r;
  });
}

const csvBoolean = z.string().transform((v, ctx) => {
  const l = v.toLowerCase();
  if (l === 'true') return true;
  if (l === 'false' || l === '') return false;
  ctx.addIssue({ code: 'custom', message: `"${v}" is not true or false` });
  return false;
});

export const currencyCode = z.string().transform((v, ctx) => {
  if (v === '') return undefined;
  if (!isCurrency(v)) ctx.addIssue({ code: 'custom', message: `"${v}" is not an ISO 4217 currency code (e.g. USD, EUR, JPY)` });
  return v;
});

function periodCell(calendar: FiscalCalendar) {
  return z.string().transform((v, ctx) => {
    const p = parsePeriod(v, calendar);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: v === '' ? 'a period is required' : `"${v}" is not a period (use 2026, 2026-H1, 2026-Q3 or 2026-M07)` });
      return makePeriod('year', 2000, 1, calendar);
    }
    return p;
  });
}

/** Row schemas for the CSV files, for one fiscal calendar (periods depend on it). */
export function csvSchemas(calendar: FiscalCalendar) {
  const period = periodCell(calendar);
  return {
    people: z.object({
      id: required,
      name: text,
      email: text,
      role: required,
      level: text,
      track: text,
      manager_id: text,
      team: text,
      territory: text,
      hire_date: optionalDate,
      level_since: optionalDate,
      location: text,
      currency: currencyCode,
      base_salary: optionalDecimal(nonNegative),
      target_incentive: optionalDecimal(nonNegative),
      plan: text,
      end_date: optionalDate,
    }),
    deals: z.object({
      id: required,
      name: text,
      account: text,
      owner_id: required,
      amount: decimal(),
      currency: currencyCode,
      stage: text,
      close_date: optionalDate,
      type: text,
      segment: text,
      territory: text,
      product: text,
      technical_win: csvBoolean,
      technical_win_date: optionalDate,
      poc: csvBoolean,
      churn_date: optionalDate,
    }),
    deal_team: z.object({
      deal_id: required,
      person_id: required,
      role: text,
      split: optionalDecimal({ test: (r) => r.sign() >= 0 && r.le(Rational.fromInt(1)), message: 'a split is a share between 0 and 1' }),
      hours: optionalDecimal(nonNegative),
    }),
    quotas: z.object({
      person_id: text,
      team: text,
      measure: required,
      period,
      target: decimal(positive),
    }),
    mbo: z.object({
      person_id: required,
      measure: required,
      period,
      score: decimal(nonNegative),
    }),
    fx: z.object({
      currency: z.string().transform((v, ctx) => {
        if (!isCurrency(v)) ctx.addIssue({ code: 'custom', message: v === '' ? 'a currency is required' : `"${v}" is not an ISO 4217 currency code` });
        return v;
      }),
      period,
      rate_to_org_currency: decimal(positive),
    }),
    adjustments: z.object({
      person_id: required,
      period,
      amount: decimal(),
      reason: z.string().min(1, 'a reason is required: say why the adjustment is paid'),
      approver: z.string().min(1, 'an approver is required: who approved this adjustment'),
    }),
  };
}

export type CsvSchemas = ReturnType<typeof csvSchemas>;

/** Canonical columns per CSV file, the required ones, and accepted aliases. */
/**
 * Canonical columns per CSV file: the required ones, accepted aliases, and for the big files the
 * text columns worth interning (values kept in memory that repeat; `all` for small files).
 */
export const CSV_FILES = {
  people: { file: 'people.csv', required: ['id', 'role'], aliases: {}, intern: 'all' },
  deals: { file: 'deals.csv', required: ['id', 'owner_id', 'amount', 'stage', 'close_date'], aliases: {}, intern: ['stage', 'territory'] },
  deal_team: { file: 'deal_team.csv', required: ['deal_id', 'person_id'], aliases: {}, intern: ['person_id', 'role'] },
  quotas: { file: 'quotas.csv', required: ['measure', 'period', 'target'], aliases: {}, intern: 'all' },
  mbo: { file: 'mbo.csv', required: ['person_id', 'measure', 'period', 'score'], aliases: {}, intern: 'all' },
  fx: { file: 'fx.csv', required: ['currency', 'period', 'rate_to_org_currency'], aliases: {}, intern: 'all' },
  adjustments: { file: 'adjustments.csv', required: ['person_id', 'period', 'amount', 'reason', 'approver'], aliases: { person: 'person_id', approver_id: 'approver' }, intern: 'all' },
} as const satisfies Record<string, { file: string; required: readonly string[]; aliases: Readonly<Record<string, string>>; intern: 'all' | readonly string[] }>;

export type CsvKind = keyof typeof CSV_FILES;

// ---------------------------------------------------------------- YAML files

export const yamlText = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be text') });
export const yamlId = yamlText.min(1, 'must not be empty');
export const roleList = z.union([yamlId, z.array(yamlId).min(1)]).transform((v) => (typeof v === 'string' ? [v] : v));
const filterScalar = z.union([z.string(), z.boolean()]);
const filter = z.record(z.string(), z.union([filterScalar, z.array(filterScalar).min(1, 'a list needs at least one value')]));

const tier = z
  .strictObject({
    to: decimal(positive).describe('upper bound of the tier, as attainment (1.0 = 100%); leave it out on the last tier').optional(),
    rate: decimal(nonNegative).describe('payout rate on this slice of attainment (accelerator > 1, decelerator < 1)'),
  })
  .describe('a tier of the payout curve');

/** Tiers: every tier but the last has a `to`, bounds strictly increase, the last is open-ended. */
const tiers = z
  .array(tier)
  .min(1, 'at least one tier')
  .superRefine((list, ctx) => {
    let prev: Rational | undefined;
    list.forEach((t, j) => {
      const last = j === list.length - 1;
      if (last && t.to !== undefined) ctx.addIssue({ code: 'custom', path: [j, 'to'], message: 'the last tier must be open-ended: remove its "to"' });
      if (!last && t.to === undefined) ctx.addIssue({ code: 'custom', path: [j, 'to'], message: 'only the last tier may be open-ended: give this tier a "to"' });
      if (t.to !== undefined) {
        if (prev !== undefined && !t.to.gt(prev)) {
          ctx.addIssue({ code: 'custom', path: [j, 'to'], message: `tier bounds must increase: ${t.to.toFraction()} is not above the previous tier's ${prev.toFraction()} (the tiers overlap)` });
        }
        prev = t.to;
      }
    });
  });

const measure = z
  .strictObject({
    id: yamlId.describe('measure id, unique in the plan; quotas.csv and mbo.csv name it'),
    name: yamlText.describe('name shown on statements').optional(),
    description: yamlText.optional(),
    weight: decimal(nonNegative).describe("share of the target incentive; a plan's weights sum to exactly 1"),
    metric: z.enum(['bookings', 'technical_wins', 'deals_supported', 'mbo']).describe('what is counted'),
    deals: filter.describe('deals.csv filter: column → value or list of values (exact strings; true/false match any case)').optional(),
    credit: z.enum(['owner', 'overlay', 'split', 'activity', 'pod', 'territory']).describe('who gets credit for a deal (required for deal-based metrics)').optional(),
    measurement: z.enum(['period', 'ytd']).describe('period (default) or ytd: year to date with true-up').optional(),
    threshold: decimal(nonNegative).describe('attainment below which the measure pays 0 (default 0)').optional(),
    mode: z.enum(['marginal', 'retroactive']).describe('marginal (default): each rate on its slice; retroactive: the reached tier rate on all').optional(),
    tiers: tiers.describe('payout curve; default one open tier at rate 1').optional(),
    cap: decimal(nonNegative).describe('maximum payout factor (default none)').optional(),
  })
  .superRefine((m, ctx) => {
    if (m.metric !== 'mbo' && m.credit === undefined) {
      ctx.addIssue({ code: 'custom', path: ['credit'], message: `credit is required for a ${m.metric} measure: owner, overlay, split, activity, pod or territory` });
    }
  });

/** Measures: unique ids, weights summing to exactly 1. */
const measures = z
  .array(measure)
  .min(1, 'a plan needs at least one measure')
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    let weights = ZERO;
    list.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate measure id "${m.id}" in this plan` });
      ids.add(m.id);
      weights = weights.add(m.weight);
    });
    if (!weights.eq(Rational.fromInt(1))) ctx.addIssue({ code: 'custom', path: [], message: `measure weights must sum to exactly 1; they sum to ${weights.reduce().toFraction()}` });
  });

/** A comp plan file (plans/*.yaml). */
export const planSchema = z.strictObject({
  id: yamlId.describe('plan id; people.csv `plan` and quotas.csv `plan_id/measure_id` name it'),
  name: yamlText.describe('name shown on statements').optional(),
  description: yamlText.optional(),
  version: yamlText.describe('free-form version label').optional(),
  applies_to: z.strictObject({ role: roleList.describe('people.csv role(s) on this plan when their `plan` is blank') }).optional(),
  effective: z
    .strictObject({ from: isoDate.describe('first day (YYYY-MM-DD)'), to: isoDate.describe('last day (YYYY-MM-DD)') })
    .superRefine((e, ctx) => {
      if (e.from > e.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'effective.to is before effective.from' });
    })
    .describe('the days the plan is in force, both included'),
  payout_period: z.enum(['month', 'quarter', 'half', 'year']).describe('how often the plan pays'),
  measures: measures.describe('what the plan pays on'),
  clawback: z.strictObject({ within_days: integer.describe('days after close_date within which a churn reverses the credit') }).optional(),
  ramp: z
    .array(decimal({ test: (r) => r.sign() > 0 && r.le(Rational.fromInt(1)), message: 'a ramp fraction is in (0, 1]' }))
    .describe("quota fraction in a new hire's 1st, 2nd, … month")
    .optional(),
});

export type PlanFile = z.output<typeof planSchema>;

/** spiffs.yaml: a list of SPIF programs. */
export const spiffsSchema = z.array(
  z.strictObject({
    id: yamlId,
    name: yamlText.optional(),
    description: yamlText.optional(),
    period: yamlId,
    roles: roleList.optional(),
    deals: filter.optional(),
    award: z.union([
      z.strictObject({ per_deal: decimal(nonNegative) }),
      z.strictObject({ percent_of_amount: decimal(nonNegative) }),
    ], { error: 'award is { per_deal: AMOUNT } or { percent_of_amount: FRACTION }' }),
  }),
);

/** recognition.yaml: a list of recognition programs (President's Club). */
export const recognitionSchema = z.array(
  z.strictObject({
    id: yamlId,
    name: yamlText.optional(),
    description: yamlText.optional(),
    year: integer,
    criteria: z
      .array(
        z.strictObject({
          roles: roleList,
          measure: yamlId,
          attainment_at_least: decimal(nonNegative),
        }),
      )
      .min(1, 'a program needs at least one criterion'),
    seats: integer.optional(),
  }),
);

const columnMap = z.record(z.string(), z.string());

/** A diagnostics threshold: a plain decimal read as a number (thresholds are not money). */
const threshold = z
  .string()
  .regex(/^[+-]?\d+(\.\d+)?$/, 'must be a plain decimal number')
  .transform(Number)
  .meta({ tandem: 'decimal' });
const band = z.strictObject({ min: threshold, max: threshold });

/** org.yaml `diagnostics:` — every key optional (defaults: docs/diagnostics.md). */
export const diagnosticsSchema = z.strictObject({
  se_roles: roleList.optional(),
  ae_roles: roleList.optional(),
  pay_mix: z.strictObject({ min: threshold.optional(), max: threshold.optional(), by_level: z.record(z.string(), band).optional() }).optional(),
  noise: z.strictObject({ min_deal_share_of_base: threshold.optional(), min_ten_points_share_of_base: threshold.optional() }).optional(),
  controllability: z.strictObject({ max_outside_share: threshold.optional() }).optional(),
  short_term_pressure: z.strictObject({ steep_rate: threshold.optional() }).optional(),
  parity: z.strictObject({ max_rate_gap: threshold.optional() }).optional(),
  curve_sanity: z.strictObject({ cap_binds_share: threshold.optional() }).optional(),
  quota_realism: z.strictObject({ max_zero_share: threshold.optional(), median_low: threshold.optional(), median_high: threshold.optional() }).optional(),
});

/** org.yaml. Unknown top-level keys are kept for later features (diagnostics, ladder) and warned about. */
export const orgSchema = z.object({
  name: yamlId,
  currency: z.string().refine(isCurrency, { message: 'must be an ISO 4217 currency code (e.g. USD)' }),
  fiscal_year_start: integer
    .refine((m) => m >= 1 && m <= 12, { message: 'must be a month number from 1 to 12' })
    .optional(),
  fiscal_year_label: z.enum(['end', 'start']).optional(),
  rounding: z.enum(['half_even', 'half_up']).optional(),
  columns: z.record(z.string(), columnMap).optional(),
  values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string()))).optional(),
  diagnostics: diagnosticsSchema.optional(),
});

export type OrgFile = z.output<typeof orgSchema>;
