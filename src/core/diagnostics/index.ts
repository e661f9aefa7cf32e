/**
 * Plan diagnostics: every rule over the plans of a fiscal year, in a deterministic order, and the
 * public JSON shape of `tandem diagnose --json` (docs/diagnostics.md).
 */
import { intersect } from '../dates.js';
import type { Org, Plan } from '../model.js';
import { makePeriod } from '../periods.js';
import { compareIds, RULE_ORDER } from './common.js';
import { controllability } from './controllability.js';
import { curveSanity } from './curve-sanity.js';
import { noise } from './noise.js';
import { parity } from './parity.js';
import { payMix } from './pay-mix.js';
import { quotaRealism } from './quota-realism.js';
import type { DiagnoseJson, FindingJson } from './report.js';
import { shortTermPressure } from './short-term-pressure.js';
import type { DiagnosticsInput, Finding, Rule, Severity } from './types.js';

/** Rules about one plan. */
const PLAN_RULES: readonly Rule[] = [payMix, noise, controllability, shortTermPressure, curveSanity, quotaRealism];

const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** The plans (plan files, i.e. versions) in effect on some day of fiscal year `year`, in id then start order. */
export function plansInYear(org: Org, year: number): Plan[] {
  const fy = makePeriod('year', year, 1, org.settings.calendar);
  return org.plans.filter((p) => intersect(p.effective, fy) !== undefined).sort((a, b) => compareIds(a.id, b.id) || a.effective.from - b.effective.from);
}

/**
 * Finding order: by plan id (org-wide findings, `plan: null`, last), then rule (RULE_ORDER),
 * severity (high first), measure (none first), message.
 */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.plan !== b.plan) {
    if (a.plan === null) return 1;
    if (b.plan === null) return -1;
    return compareIds(a.plan, b.plan);
  }
  return (
    RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    compareIds(a.measure ?? '', b.measure ?? '') ||
    compareIds(a.message, b.message)
  );
}

/**
 * Runs every rule over every plan in effect in `input.year` (or only the plans with the given ids),
 * plus the org-wide parity rule (always: its findings, `plan: null`, concern every SE plan).
 * Findings come sorted by `compareFindings`.
 */
export function runDiagnostics(input: DiagnosticsInput, planIds?: readonly string[]): Finding[] {
  const wanted = planIds === undefined || planIds.length === 0 ? undefined : new Set(planIds);
  const plans = plansInYear(input.org, input.year).filter((p) => wanted === undefined || wanted.has(p.id));
  const findings: Finding[] = [];
  for (const plan of plans) for (const rule of PLAN_RULES) findings.push(...rule(input, plan));
  findings.push(...parity(input));
  return findings.sort(compareFindings);
}

/** The `tandem diagnose --json` document: org name, year, the plan ids diagnosed, the findings. */
export function diagnoseJson(org: Org, year: number, plans: readonly string[], findings: readonly Finding[]): DiagnoseJson {
  return {
    org: org.settings.name,
    year,
    plans: [...plans],
    findings: findings.map((f): FindingJson => ({
      rule: f.rule,
      severity: f.severity,
      plan: f.plan,
      ...(f.measure === undefined ? {} : { measure: f.measure }),
      message: f.message,
      why: f.why,
      evidence: f.evidence,
      fix: f.fix,
    })),
  };
}

export { RULE_ORDER } from './common.js';
export { explainDiagnostics } from './explain.js';
export type { DiagnoseJson, FindingJson } from './report.js';
export type { DiagnosticsConfig, DiagnosticsInput, EvidenceValue, Finding, Rule, RuleId, Severity } from './types.js';
