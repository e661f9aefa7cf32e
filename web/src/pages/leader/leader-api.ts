/**
 * What the leader pages read from the API, typed from the core's public JSON shapes and the
 * server's schemas (never re-declared), and the small helpers they share.
 */
import type { z } from 'zod';
import type { DiagnoseJson, FindingJson } from '../../../../src/core/diagnostics/report';
import type { EvidenceValue } from '../../../../src/core/diagnostics/types';
import type { LadderLintJson } from '../../../../src/core/ladder/lint/report';
import type { LadderFinding } from '../../../../src/core/ladder/lint/types';
import type { PeopleReport } from '../../../../src/core/ladder/people-report';
import type { CompareJson, Histogram, SimulateJson } from '../../../../src/core/simulation/types';
import type { payEquityAggregate } from '../../../../src/server/routes/career';
import type { ladderSchema, plansSchema } from '../../../../src/server/schemas';

export type { CompareJson, DiagnoseJson, EvidenceValue, FindingJson, Histogram, LadderFinding, LadderLintJson, SimulateJson };

export type Plan = z.infer<typeof plansSchema>['items'][number];
export type PlanMeasure = Plan['measures'][number];
export type Ladder = z.infer<typeof ladderSchema>;
export type LadderLevel = Ladder['levels'][number];
export type LadderTrack = Ladder['tracks'][number];

/** GET /api/reports/people as a leader sees it: no `pay_equity`, the aggregate instead. */
export type LeaderPeopleReport = Omit<PeopleReport, 'pay_equity'> & { readonly pay_equity_aggregate?: ReturnType<typeof payEquityAggregate> };

/** A diagnostics or ladder-lint finding: both have rule, severity, message, why, fix and evidence. */
export interface AnyFinding {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly why: string;
  readonly fix: string;
  readonly plan?: string | null;
  readonly measure?: string;
  readonly level?: string;
  readonly competency?: string;
  readonly evidence?: { readonly [key: string]: EvidenceValue };
}

/** Severities, most urgent first. */
export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;

export function severityRank(severity: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? SEVERITIES.length : i;
}

const RULE_NAMES: Readonly<Record<string, string>> = {
  'pay-mix': 'Pay mix',
  noise: 'Noise',
  controllability: 'Controllability',
  'short-term-pressure': 'Short-term pressure',
  parity: 'Big S parity',
  'curve-sanity': 'Curve sanity',
  'quota-realism': 'Quota realism',
  'three-answers': 'Three answers',
  'token-level': 'Token level',
  unobservable: 'Unobservable criterion',
  tenure: 'Tenure in disguise',
  'decreasing-expectation': 'Decreasing expectation',
  'no-ai-signal': 'No AI signal',
  'single-path': 'Single path',
  bands: 'Pay bands',
};

const ACRONYMS: ReadonlySet<string> = new Set(['ae', 'se', 'ote', 'ti', 'spif', 'mbo', 'id', 'arr', 'acv', 'p10', 'p50', 'p90', 'ai', 'ic', 'poc', 'pocs']);

/** "median_deal_share_of_base" → "Median deal share of base". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const first = words[0];
  if (first === undefined) return key;
  words[0] = `${first.charAt(0).toUpperCase()}${first.slice(1)}`;
  return words.join(' ');
}

/** A rule id as people read it. */
export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? humanize(rule);
}

/** A multiple of target incentive from the API's ratio (a number rounded to 4 places): "1.03×". */
export function multiple(ratio: number): string {
  return `${ratio.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}×`;
}

/** A share from the API (a number 0–1 rounded to 4 places) as a percent: "44.02%". */
export function share(value: number): string {
  return value.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 2 });
}

/** A signed share ("−2.9%", "+17.3%") for gaps. */
export function signedShare(value: number | null): string {
  if (value === null) return 'not computable';
  const text = Math.abs(value).toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 2 });
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** "SE3 Senior SE" (the id alone when the level is unknown). */
export function levelLabel(level: LadderLevel | undefined, id: string): string {
  return level === undefined ? id : `${level.id} ${level.title}`;
}

/** Trials the pages ask for by default: the simulation runs on the request thread. */
export const DEFAULT_TRIALS = 2000;
export const MAX_TRIALS = 10_000;
