/**
 * The API's zod schemas: what requests may carry (strict objects: an unknown field is a 400) and
 * what responses hold. The same schemas validate requests and generate the OpenAPI document.
 * Reports whose shape is the command line's JSON contract (diagnostics, simulation, ladder) are
 * described by their top-level fields; the documents named in each description define the rest.
 */
import { z } from 'zod';
import { API_PASSWORD_MIN, PASSWORD_MAX } from '../app/users.js';
import { problemSchema } from './errors.js';

// ---------------------------------------------------------------- request pieces

/** A database id in a path: a positive whole number. */
export const idParam = z.strictObject({ id: z.string().regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number').transform(Number) });

/** A people.csv id. */
export const personIdSchema = z.string().regex(/^[A-Za-z0-9._@+-]{1,128}$/, 'must be a people.csv id (letters, digits, . _ @ + -)');
export const personParam = z.strictObject({ id: personIdSchema });

export const periodSchema = z.string().regex(/^\d{4}(-(H[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$/, 'must be a fiscal period: 2026, 2026-H1, 2026-Q3 or 2026-M07');
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const yearSchema = z.number().int().min(1971).max(9998);
export const planIdSchema = z.string().min(1).max(128);

export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('items per page (1–200, default 50)'),
  cursor: z.string().max(200).optional().describe('next_cursor of the previous page'),
};
export const pageQuery = z.strictObject(pageQueryShape);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable().describe('pass as ?cursor= for the next page; null on the last') });
}

const text = (max: number) => z.string().min(1).max(max);

/**
 * A response object described by some of its fields: the rest is the command line's JSON contract,
 * defined in the document the description names (extra fields allowed).
 */
function open<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.object(shape).meta({ additionalProperties: true });
}

// ---------------------------------------------------------------- auth and users

export const roleSchema = z.enum(['admin', 'leader', 'manager', 'member']);

export const loginBody = z.strictObject({ username: z.string().min(1).max(128), password: z.string().min(1).max(1024) });

export const sessionSchema = z
  .object({
    user: z.object({ id: z.number().int(), username: z.string(), role: roleSchema, person_id: z.string().nullable() }),
    csrf_token: z.string().describe('send in the x-csrf-token header of every POST, PUT, PATCH and DELETE'),
    expires_at: z.string(),
  });

export const okSchema = z.object({ ok: z.literal(true) });

export const userSchema = z
  .object({ id: z.number().int(), username: z.string(), role: roleSchema, person_id: z.string().nullable(), created_at: z.string(), disabled: z.boolean() });

export const newUserBody = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'must be 2–64 letters, digits, ".", "_", "@" or "-"'),
  password: z.string().min(API_PASSWORD_MIN).max(PASSWORD_MAX),
  role: roleSchema,
  person_id: personIdSchema.nullable(),
});

export const newPassword = z.string().min(API_PASSWORD_MIN).max(PASSWORD_MAX);
export const changePasswordBody = z.strictObject({ current_password: z.string().min(1).max(PASSWORD_MAX), new_password: newPassword });
export const resetPasswordBody = z.strictObject({ password: newPassword });
export const roleBody = z.strictObject({ role: roleSchema });

// ---------------------------------------------------------------- org

export const versionSchema = z
  .object({ id: z.number().int(), created_at: z.string(), created_by: z.number().int().nullable(), sha256: z.string(), org_name: z.string(), file_count: z.number().int(), note: z.string() });

export const orgSummarySchema = z.object({ version: versionSchema });

export const importBody = z.strictObject({
  files: z.record(z.string().min(1).max(200), z.string()).describe('path → file text: org.yaml, people.csv, deals.csv, plans/*.yaml, … (docs/org-folder.md)'),
  note: z.string().max(500).default(''),
});

export const importResultSchema = z.object({ version_id: z.number().int(), unchanged: z.boolean(), warnings: z.array(problemSchema) });

const previewPerson = z.object({ id: z.string(), name: z.string() });
export const importPreviewSchema = z.object({
  valid: z.boolean().describe('true when POST /api/org/import would store these files (no errors; warnings allowed)'),
  problems: z.array(problemSchema).describe('every problem, errors and warnings, as the import would report them'),
  summary: z
    .object({
      org_name: z.string(),
      currency: z.string(),
      files: z.number().int(),
      people: z.number().int(),
      plans: z.array(z.object({ id: z.string(), name: z.string(), file: z.string() })),
      deals: z.number().int(),
      periods: z.array(z.string()).describe('the payout periods calculated, in calendar order'),
    })
    .nullable()
    .describe('what the files hold; null when they do not parse as an org'),
  changes: z.object({
    base_version_id: z.number().int().nullable().describe('the current version compared against (null: none yet)'),
    unchanged: z.boolean().describe('the files equal the current version: an import would store nothing'),
    files: z.object({ added: z.array(z.string()), changed: z.array(z.string()), removed: z.array(z.string()) }),
    people: z
      .object({ added: z.array(previewPerson), removed: z.array(previewPerson), changed: z.array(previewPerson.extend({ fields: z.array(z.string()) })) })
      .nullable()
      .describe('people added, removed, or with another name, role, level or manager; null when the files do not parse'),
  }),
});

export const personSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    level: z.string(),
    manager_id: z.string(),
    attrs: z.record(z.string(), z.string()).optional().describe('attr_* columns: admins only'),
  });

// ---------------------------------------------------------------- runs and statements

export const runStatusSchema = z.enum(['draft', 'approved', 'published']);

export const runSchema = z
  .object({
    id: z.number().int(),
    period: z.string(),
    version_id: z.number().int(),
    status: runStatusSchema,
    created_at: z.string(),
    approved_at: z.string().nullable(),
    published_at: z.string().nullable(),
    inputs_hash: z.string().optional(),
    baseline_run_id: z.number().int().nullable().optional(),
    totals: z.record(z.string(), z.string()).optional().describe('per currency; admins only'),
    statement_count: z.number().int().optional().describe('admins only'),
    plan_versions: z.array(z.object({ id: z.string(), file: z.string(), sha: z.string() })).optional(),
  });

export const runListQuery = z.strictObject({ ...pageQueryShape, status: runStatusSchema.optional(), period: periodSchema.optional() });
export const newRunBody = z.strictObject({ period: periodSchema });
export const runCreatedSchema = z.object({ run: runSchema, created: z.boolean().describe('false: a run with exactly these inputs already existed') });

const lineChange = z.object({ line: z.string(), before: z.string().nullable(), after: z.string().nullable(), delta: z.string(), why: z.string() });
export const runDiffSchema = z.object({
  run: runSchema,
  baseline: runSchema.nullable(),
  diff: z.object({
    changes: z.array(z.object({ person_id: z.string(), plan: z.string(), period: z.string(), currency: z.string(), before: z.string().nullable(), after: z.string().nullable(), delta: z.string(), lines: z.array(lineChange) })),
    net: z.record(z.string(), z.string()),
    unchanged: z.number().int(),
  }),
});

const money = z.string().regex(/^-?\d+(\.\d+)?$/);
export const statementJsonSchema = z
  .object({
    person_id: z.string(),
    plan: z.string(),
    period: z.string(),
    currency: z.string(),
    target_incentive: money,
    measures: z.array(
      z.object({
        id: z.string(),
        credited: z.string(),
        quota: z.string(),
        attainment: z.string(),
        factor: z.string(),
        payout: money,
        balance: money.optional(),
        trace: z.array(z.unknown()).optional().describe('credited deals, then each arithmetic step (docs/org-folder.md)'),
      }),
    ),
    spiffs: z.array(z.object({ id: z.string(), deal_id: z.string(), payout: money })),
    adjustments: z.array(z.object({ period: z.string(), amount: money, reason: z.string(), approver: z.string() })),
    total: money,
  })
  .describe('The core statement JSON of `tandem calc --json` (docs/org-folder.md)');

export const statementSchema = z.object({ id: z.number().int(), run_id: z.number().int(), run_status: runStatusSchema, statement: statementJsonSchema });
export const statementListQuery = z.strictObject({ ...pageQueryShape, person_id: personIdSchema.optional() });
export const explainQuery = z.strictObject({ format: z.enum(['text', 'markdown']).default('text') });
export const explainSchema = z.object({ statement_id: z.number().int(), format: z.enum(['text', 'markdown']), text: z.string() });

// ---------------------------------------------------------------- computations

export const previewBody = z.strictObject({ period: periodSchema, person_id: personIdSchema.optional() });
export const previewSchema = z.object({ version_id: z.number().int(), period: z.string(), statements: z.array(statementJsonSchema) });

const dealValue = z.union([z.string().max(200).regex(/^[^,\n\r]*$/, 'must not contain commas or line breaks'), z.number().finite(), z.boolean()]);
export const whatifBody = z.strictObject({
  period: periodSchema,
  person_id: personIdSchema,
  deal: z
    .record(z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/, 'must be a deals.csv column name'), dealValue)
    .refine((d) => Object.keys(d).length <= 40, 'at most 40 fields')
    .refine((d) => !('team' in d), 'give the team as the top-level "team" list')
    .describe('deals.csv columns of the hypothetical deal: amount and close_date required; type, owner_id, territory, technical_win, currency, …'),
  team: z
    .array(z.strictObject({ person_id: personIdSchema, split: z.string().regex(/^\d+(\.\d+)?$/).optional() }))
    .max(20)
    .optional()
    .describe('who works the deal (default: the person alone)'),
});
export const whatifSchema = z.object({
  person_id: z.string(),
  period: z.string(),
  deal_id: z.string(),
  currency: z.string(),
  marginal: z.string(),
  before: z.array(statementJsonSchema),
  after: z.array(statementJsonSchema),
});

export const diagnoseBody = z.strictObject({ plans: z.array(planIdSchema).max(50).optional(), year: yearSchema.optional() });
export const diagnoseSchema = open({ org: z.string(), year: z.number().int(), plans: z.array(z.string()), findings: z.array(open({ rule: z.string(), severity: z.string() })) }).describe('docs/diagnostics.md');

export const MAX_TRIALS = 10_000;
export const simulateBody = z.strictObject({
  plan: planIdSchema,
  trials: z.number().int().min(1).max(MAX_TRIALS).default(1000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  year: yearSchema.optional(),
});
const simulationSchema = open({ plan: z.string(), trials: z.number().int(), seed: z.number().int(), year: z.number().int(), currency: z.string(), people: z.number().int(), cost: open({ mean: z.string() }), per_person: z.array(open({ person_id: z.string() })) });
export const simulateSchema = simulationSchema.describe('docs/simulation.md');
export const compareBody = z.strictObject({
  plans: z.tuple([planIdSchema, planIdSchema]),
  trials: z.number().int().min(1).max(MAX_TRIALS).default(1000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  year: yearSchema.optional(),
});
export const compareSchema = open({
    a: simulationSchema,
    b: simulationSchema,
    per_person: z.array(z.object({ person_id: z.string(), role: z.string(), a_mean: z.string(), b_mean: z.string(), delta: z.string() })),
    excluded: z.array(z.string()),
    borrowed: z.array(z.string()),
    diagnostics: open({ only_a: z.array(z.unknown()), only_b: z.array(z.unknown()) }),
  })
  .describe('docs/simulation.md');

export const ladderLintSchema = open({ ladder: z.string(), findings: z.array(open({ rule: z.string(), severity: z.string(), message: z.string() })) }).describe('docs/ladder.md');

export const asOfQuery = z.strictObject({ as_of: dateSchema.optional().describe('the day (default: today)') });
export const readinessQuery = z.strictObject({ as_of: dateSchema.optional(), level: z.string().min(1).max(64).optional().describe('target level (default: the next on their track)') });
export const evidenceSchema = open({ person_id: z.string(), name: z.string(), level: z.string(), as_of: z.string(), windows: z.array(z.unknown()), minimums: z.array(z.unknown()) }).describe('docs/people.md');
export const readinessSchema = open({ person_id: z.string(), name: z.string(), level: z.string(), target_level: z.string(), as_of: z.string(), meets_minimums: z.boolean(), competencies: z.array(z.unknown()), gaps: z.array(z.unknown()) })
  .describe('docs/people.md');
export const peopleReportQuery = z.strictObject({ as_of: dateSchema.optional(), stuck_years: z.coerce.number().int().min(1).max(50).optional() });
export const peopleReportSchema = open({
    ladder: z.string(),
    as_of: z.string(),
    tenure_promotions: z.array(z.unknown()),
    stuck: z.array(z.unknown()),
    no_conversation: z.array(z.unknown()),
    compa_ratio: z.array(z.unknown()),
    pay_equity: z.array(z.unknown()).optional().describe('by attr_* group: admins only'),
    pay_equity_aggregate: z
      .array(
        z.object({
          characteristic: z.string(),
          reference: z.string().nullable(),
          n_reference: z.number().int().nullable(),
          groups: z.array(z.object({ group: z.string(), n_group: z.number().int(), raw_gap: z.unknown(), adjusted_gap: z.unknown(), flagged: z.boolean() })),
          groups_withheld: z.number().int(),
          min_group: z.number().int().describe('groups smaller than this are withheld'),
        }),
      )
      .optional()
      .describe('non-admins: gaps group against group only — no person, no attr_* column, groups under the minimum size withheld'),
    parity: z.array(z.unknown()),
  })
  .describe('docs/people.md');

// ---------------------------------------------------------------- inquiries

export const inquiryStatusSchema = z.enum(['open', 'answered', 'resolved']);
export const inquirySchema = z
  .object({
    id: z.number().int(),
    run_id: z.number().int(),
    statement_id: z.number().int(),
    person_id: z.string(),
    line: z.string(),
    line_snapshot: z.unknown().describe('the line as the statement shows it, with its trace'),
    opened_by: z.number().int(),
    status: inquiryStatusSchema,
    resolution: z.string().nullable(),
    adjustment_version_id: z.number().int().nullable(),
    created_at: z.string(),
    resolved_at: z.string().nullable(),
  });
export const inquiryThreadSchema = inquirySchema
  .extend({ messages: z.array(z.object({ id: z.number().int(), author_id: z.number().int(), author: z.string(), body: z.string(), created_at: z.string() })) });
export const inquiryListQuery = z.strictObject({ ...pageQueryShape, status: inquiryStatusSchema.optional() });
export const newInquiryBody = z.strictObject({
  statement_id: z.number().int().min(1),
  line: z.string().min(1).max(200).describe('a measure id, spiff:<id>, adjustment:<n> or total'),
  message: text(5000),
});
export const messageBody = z.strictObject({ message: text(5000) });
export const resolveBody = z.strictObject({
  resolution: text(5000),
  adjustment: z
    .strictObject({
      amount: z
        .string()
        .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'must be a decimal amount, e.g. 250.00 or -120.50')
        .refine((a) => !/^-?0+(\.0+)?$/.test(a), 'must not be zero'),
      reason: z.string().min(1).max(500).regex(/^[^\r\n]*$/, 'must be one line'),
    })
    .optional(),
});

// ---------------------------------------------------------------- audit

export const auditEventSchema = z
  .object({ id: z.number().int(), at: z.string(), actor_id: z.number().int().nullable(), action: z.string(), entity: z.string(), entity_id: z.string(), before: z.unknown(), after: z.unknown(), hash: z.string() });
export const auditListQuery = z.strictObject({ ...pageQueryShape, entity: z.string().max(64).optional(), action: z.string().max(64).optional() });
export const auditVerifySchema = z.object({ ok: z.boolean(), events: z.number().int(), broken: z.object({ id: z.number().int(), reason: z.string() }).optional() });

export const healthSchema = z.object({ status: z.literal('ok') });

// Plans and the ladder (routes/plans.ts).
const ratio = z.string().describe('an exact decimal (1 = 100%)');
export const planMeasureSchema = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.enum(['bookings', 'technical_wins', 'deals_supported', 'mbo']),
  weight: ratio,
  measurement: z.enum(['period', 'ytd']),
  mode: z.enum(['marginal', 'retroactive']),
  threshold: ratio,
  cap: ratio.nullable(),
  tiers: z.array(z.object({ to: ratio.nullable().describe('inclusive upper bound; null on the open-ended last tier'), rate: ratio })),
  curve: z.array(z.object({ attainment: ratio, factor: ratio })).describe('the payout curve: straight lines between points; two points at one attainment are a jump'),
});
export const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  file: z.string(),
  roles: z.array(z.string()).nullable().describe('people.csv roles it applies to; null: every role'),
  effective_from: dateSchema,
  effective_to: dateSchema,
  payout_period: z.enum(['year', 'half', 'quarter', 'month']),
  measures: z.array(planMeasureSchema),
});
export const plansSchema = z.object({ items: z.array(planSchema) });
export const ladderSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  competencies: z.array(z.object({ id: z.string(), name: z.string(), group: z.string() })),
  tracks: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['ic', 'management']), levels: z.array(z.string()), fork_from: z.string().nullable() })),
  levels: z.array(
    z.object({
      id: z.string(),
      track: z.string(),
      title: z.string(),
      grade: z.number().nullable(),
      new_at_this_level: z.array(z.string()),
      evaluation: z.array(
        z.object({
          competency: z.string(),
          expectation: z.number().int(),
          behaviours: z.array(z.string()),
          evidence: z.array(z.object({ type: z.string(), at_least: ratio, window_quarters: z.number().int() })),
        }),
      ),
      promotion: z.object({ sustained_quarters: z.number().int().nullable(), reviewers: z.array(z.string()) }).nullable(),
      path_forward: z.object({ next: z.array(z.string()), top_of_band: z.string(), in_band_growth: z.string() }).nullable(),
    }),
  ),
});

// A person's career and a manager's team (routes/team.ts).
const bandPositionSchema = z
  .object({
    currency: z.string(),
    base_salary: z.string().describe('decimal string; empty when people.csv has none'),
    band: z.object({ min: z.string(), mid: z.string(), max: z.string() }).nullable().describe("the band for the person's level, location and currency (bands.csv), the latest in effect; null: none"),
    compa_ratio: z.number().nullable().describe('base ÷ band midpoint (4 places)'),
    range_penetration: z.number().nullable().describe('(base − min) ÷ (max − min) (4 places)'),
    position: z.enum(['below', 'within', 'above', 'no_band']),
  })
  .describe("as the people report's compa_ratio entry (docs/people.md)");
const stuckSchema = z.object({
  level_since: z.string(),
  years_at_level: z.number(),
  reason: z.enum(['meets_next_level', 'top_of_band']),
  next_level: z.string().nullable(),
  meeting_next_since: z.string().nullable(),
  message: z.string(),
});
const conversationDueSchema = z.object({
  last: dateSchema.nullable().describe('the latest path conversation on or before as_of'),
  months_since: z.number().int().nullable().describe('whole months since the last one, when one is due'),
  due: z.boolean().describe("listed by the people report's no_conversation rule: none in the last `window_months` (people hired in the last 90 days are not due)"),
  window_months: z.number().int(),
});
export const teamQuery = z.strictObject({
  manager_id: personIdSchema.optional().describe("whose team (default: your own; managers: themselves or one of their reports' teams)"),
  as_of: dateSchema.optional().describe('the day (default: today)'),
});
export const careerSchema = z.object({
  person_id: z.string(),
  name: z.string(),
  role: z.string(),
  as_of: dateSchema,
  level: z.string(),
  on_ladder: z.boolean().describe("false: the person's level is not a level of the ladder (then there is no level, track, next level or evidence)"),
  level_title: z.string().nullable(),
  track: z.object({ id: z.string(), name: z.string(), kind: z.enum(['ic', 'management']) }).nullable(),
  level_since: dateSchema.nullable().describe("people.csv level_since, else the latest level change to the level, else the hire date"),
  hire_date: dateSchema.nullable(),
  manager: z.object({ id: z.string(), name: z.string() }).nullable(),
  next_levels: z.array(z.object({ id: z.string(), title: z.string(), track: z.string() })).describe("the level's path_forward.next (else the next level on its track)"),
  level_history: z.array(z.object({ date: dateSchema, kind: z.string(), from_level: z.string(), to_level: z.string(), packet: z.string() })).describe('level_history.csv, oldest first'),
  conversations: z
    .array(z.object({ date: dateSchema, with_id: z.string(), with_name: z.string().nullable(), path: z.enum(['ic', 'management', 'undecided']), next_level: z.string(), notes: z.string() }))
    .describe('conversations.csv on or before as_of, newest first'),
  conversation: conversationDueSchema,
  stuck: stuckSchema.nullable().describe("the people report's stuck entry for the person, or null"),
  evidence: z
    .array(
      z.object({
        level: z.string(),
        title: z.string(),
        items: z.array(
          z.object({
            competency: z.string(),
            name: z.string(),
            type: z.string(),
            window: z.string(),
            required: z.string(),
            found: z.string(),
            share: z.string().nullable().describe('found ÷ required, exact to 4 places; null when nothing is required'),
            assessable: z.boolean(),
            met: z.boolean(),
          }),
        ),
      }),
    )
    .describe("each evidence minimum of the person's level and the next levels against what the data shows (the evidence report's minimums, docs/people.md)"),
  bands_shared: z.boolean().describe('ladder.yaml share_bands: people see where their pay sits in their band'),
  band_position: bandPositionSchema.nullable().describe('shown when bands are shared, and always to admins and leaders; null otherwise'),
});
export const teamSchema = z.object({
  manager: z.object({ id: z.string(), name: z.string() }).nullable().describe('whose team; null: the whole org (an admin account linked to no person)'),
  as_of: dateSchema,
  settings: z.object({ stuck_years: z.number().int(), conversation_months: z.number().int() }),
  items: z.array(
    z.object({
      person_id: z.string(),
      name: z.string(),
      role: z.string(),
      level: z.string(),
      level_title: z.string().nullable(),
      manager_id: z.string(),
      direct: z.boolean().describe('reports to the manager directly'),
      statements: z
        .array(z.object({ statement_id: z.number().int(), run_id: z.number().int(), period: z.string(), plan: z.string(), currency: z.string(), total: money }))
        .nullable()
        .describe('the latest published payout period, one per plan; [] when none is published; null when you may not see their pay'),
      readiness: z
        .object({ target_level: z.string(), target_title: z.string(), meets_minimums: z.boolean(), gaps: z.number().int(), gap_names: z.array(z.string()) })
        .nullable()
        .describe('against the next level (the first when several); null at the top of a track or off the ladder'),
      stuck: stuckSchema.nullable(),
      conversation: conversationDueSchema,
    }),
  ),
});
