/**
 * zod schemas for the ladder side of an org folder: ladder.yaml and the people files (bands.csv,
 * activities.csv, assessments.csv, level_history.csv, conversations.csv). Formats:
 * shared/spec/org-folder.md and docs/ladder.md.
 */
import { z } from 'zod';
import { Rational } from '../core/rational.js';
import { currencyCode, decimal, integer, isoDate, nonNegative, optionalDate, optionalDecimal, required, text, yamlId, yamlText } from './schemas.js';

const milestoneMessage = 'must be a milestone: a whole number from 0 to 5';

/** A milestone 0–5 written as text. */
const milestone = z.string().transform((v, ctx) => {
  if (!/^\d+$/.test(v) || Number(v) > 5) {
    ctx.addIssue({ code: 'custom', message: v === '' ? `a rating is required; it ${milestoneMessage}` : `"${v}" ${milestoneMessage}` });
    return 0;
  }
  return Number(v);
});

const positiveInteger = integer.refine((n) => n > 0, { message: 'must be at least 1' });
const textList = z.union([yamlText, z.array(yamlText)]).transform((v) => (typeof v === 'string' ? [v] : v));
const idList = z.union([yamlId, z.array(yamlId)]).transform((v) => (typeof v === 'string' ? [v] : v));

const evidenceRequirement = z.strictObject({
  type: yamlId.describe('deals_supported, technical_wins, win_rate, pocs_run, pocs_converted, or an activities.csv type'),
  at_least: decimal(nonNegative),
  window_quarters: positiveInteger,
});

const evaluationItem = z.strictObject({
  competency: yamlId,
  expectation: milestone,
  behaviours: textList.optional(),
  evidence: z.array(evidenceRequirement).optional(),
});

const level = z.strictObject({
  id: yamlId,
  track: yamlId,
  title: yamlText.optional(),
  grade: integer.optional(),
  summary: yamlText.optional(),
  new_at_this_level: textList.optional(),
  evaluation: z.array(evaluationItem).optional(),
  promotion: z.strictObject({ sustained_quarters: integer.optional(), reviewers: idList.optional() }).optional(),
  path_forward: z
    .strictObject({
      next: idList.optional(),
      top_of_band: yamlText.optional(),
      in_band_growth: yamlText.optional(),
    })
    .optional(),
});

/** ladder.yaml. The three answers are optional here: the linter reports a level that lacks one. */
export const ladderSchema = z.strictObject({
  id: yamlId,
  name: yamlText.optional(),
  version: yamlText.optional(),
  description: yamlText.optional(),
  // A custom check keeps the message: the generic type message says "is required", which this is not.
  share_bands: z.custom<boolean>((v) => typeof v === 'boolean', { message: 'must be true or false' }).optional().describe('people see where their base pay sits in their band (default false)'),
  competencies: z.array(z.strictObject({ id: yamlId, name: yamlText.optional(), group: yamlText.optional(), description: yamlText.optional() })).min(1, 'a ladder needs at least one competency'),
  tracks: z
    .array(
      z.strictObject({
        id: yamlId,
        name: yamlText.optional(),
        kind: z.enum(['ic', 'management'], { error: 'must be ic or management' }).optional(),
        fork_from: yamlId.optional(),
        levels: z.array(yamlId).min(1, 'a track needs at least one level'),
      }),
    )
    .min(1, 'a ladder needs at least one track'),
  levels: z.array(level).min(1, 'a ladder needs at least one level'),
});

export type LadderFile = z.output<typeof ladderSchema>;

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.string().transform((v, ctx): T[number] => {
    if ((values as readonly string[]).includes(v)) return v;
    ctx.addIssue({ code: 'custom', message: v === '' ? `${what} is required: ${values.join(', ')}` : `"${v}" is not a ${what}: use ${values.join(', ')}` });
    return values[0];
  });

const share = optionalDecimal({ test: (r) => r.sign() >= 0 && r.le(Rational.fromInt(1)), message: 'a share of OTE is between 0 and 1' });

/** Row schemas of the people files. */
export const careerCsvSchemas = {
  bands: z.object({
    level: required,
    location: text,
    currency: currencyCode,
    base_min: decimal(nonNegative),
    base_mid: decimal(nonNegative),
    base_max: decimal(nonNegative),
    target_incentive_pct: share,
    effective_from: optionalDate,
  }),
  activities: z.object({
    id: text,
    person_id: required,
    date: isoDate,
    type: required,
    deal_id: text,
    hours: optionalDecimal(nonNegative),
    note: text,
  }),
  assessments: z.object({
    person_id: required,
    date: isoDate,
    assessor_id: text,
    assessor_role: oneOf(['self', 'manager', 'peer', 'calibrated'], 'assessor role'),
    competency: required,
    rating: milestone,
    evidence: text,
  }),
  level_history: z.object({
    person_id: required,
    date: isoDate,
    from_level: text,
    to_level: required,
    kind: oneOf(['hire', 'promotion', 'lateral', 'track_change'], 'kind of level change'),
    packet: text,
  }),
  conversations: z.object({
    person_id: required,
    date: isoDate,
    with_id: text,
    path: oneOf(['ic', 'management', 'undecided'], 'path'),
    next_level: text,
    notes: text,
  }),
};

export type CareerCsvKind = keyof typeof careerCsvSchemas;

export const CAREER_CSV_FILES: Readonly<Record<CareerCsvKind, { readonly file: string; readonly required: readonly string[] }>> = {
  bands: { file: 'bands.csv', required: ['level', 'base_min', 'base_mid', 'base_max'] },
  activities: { file: 'activities.csv', required: ['person_id', 'date', 'type'] },
  assessments: { file: 'assessments.csv', required: ['person_id', 'date', 'assessor_role', 'competency', 'rating'] },
  level_history: { file: 'level_history.csv', required: ['person_id', 'date', 'to_level', 'kind'] },
  conversations: { file: 'conversations.csv', required: ['person_id', 'date', 'path'] },
};

/** The files of the ladder side of an org folder. */
export const CAREER_FILES = ['ladder.yaml', ...Object.values(CAREER_CSV_FILES).map((f) => f.file)] as const;
