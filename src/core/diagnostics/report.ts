/** The public JSON shape of `tandem diagnose --json` (documented in docs/diagnostics.md). */
import type { EvidenceValue, RuleId, Severity } from './types.js';

export interface FindingJson {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly plan: string | null;
  readonly measure?: string;
  readonly message: string;
  readonly why: string;
  readonly evidence: { readonly [key: string]: EvidenceValue };
  readonly fix: string;
}

export interface DiagnoseJson {
  readonly org: string;
  readonly year: number;
  readonly plans: readonly string[];
  readonly findings: readonly FindingJson[];
}
