/**
 * Diagnostics as text for a terminal: a summary table of findings per plan, then each finding with
 * its severity, message, a summary of the evidence, why it matters and the fix.
 */
import type { Org } from '../model.js';
import { textTable, wrapText } from '../text-table.js';
import { RULE_ORDER } from './common.js';
import type { EvidenceValue, Finding, Severity } from './types.js';

const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];
const WIDTH = 100;

function wrap(text: string, first: string, rest: string): string[] {
  return wrapText(text, first, rest, WIDTH);
}

function isList(v: EvidenceValue): v is readonly EvidenceValue[] {
  return Array.isArray(v);
}

function isRecord(v: EvidenceValue): v is { readonly [key: string]: EvidenceValue } {
  return typeof v === 'object' && v !== null && !isList(v);
}

/** A compact rendering of one evidence value: long lists are cut, with a count of the rest. */
function render(v: EvidenceValue, depth = 0): string {
  if (v === null) return '-';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isList(v)) {
    const objects = v.some((x) => typeof x === 'object' && x !== null);
    const limit = objects ? 2 : 6;
    const shown = v.slice(0, limit).map((x) => render(x, depth + 1));
    if (v.length > limit) shown.push(`… ${v.length - limit} more`);
    return `[${shown.join(', ')}]`;
  }
  if (isRecord(v)) {
    const parts = Object.entries(v).map(([k, x]) => `${k} ${render(x, depth + 1)}`);
    return depth === 0 ? parts.join(', ') : `{${parts.join(', ')}}`;
  }
  return '';
}

/** The evidence of a finding in one paragraph: `key value; key value; …`. */
export function evidenceSummary(evidence: Finding['evidence']): string {
  return Object.entries(evidence)
    .map(([k, v]) => `${k}: ${render(v, 1)}`)
    .join('; ');
}

function counts(findings: readonly Finding[]): string[] {
  return SEVERITIES.map((s) => String(findings.filter((f) => f.severity === s).length));
}

/**
 * The findings of `runDiagnostics` as text: a summary table (findings per plan and severity),
 * then one section per plan, and a last section for org-wide findings.
 */
export function explainDiagnostics(org: Org, year: number, planIds: readonly string[], findings: readonly Finding[]): string {
  const out: string[] = [];
  const total = counts(findings);
  out.push(
    `${org.settings.name} — plan diagnostics, fiscal year ${year}`,
    `${planIds.length} plan${planIds.length === 1 ? '' : 's'}, ${findings.length} finding${findings.length === 1 ? '' : 's'} (${SEVERITIES.map((s, i) => `${total[i] ?? '0'} ${s}`).join(', ')})`,
    '',
  );
  const names = new Map(org.plans.map((p) => [p.id, p.name]));
  const sections: { title: string; findings: Finding[] }[] = planIds.map((id) => ({
    title: `${id}${names.get(id) ? ` — ${names.get(id) ?? ''}` : ''}`,
    findings: findings.filter((f) => f.plan === id),
  }));
  const orgWide = findings.filter((f) => f.plan === null);
  sections.push({ title: 'org-wide — SPIFs and recognition programs', findings: orgWide });
  const summary = [['plan', ...SEVERITIES]];
  for (const id of planIds) summary.push([id, ...counts(findings.filter((f) => f.plan === id))]);
  summary.push(['(org-wide)', ...counts(orgWide)]);
  out.push(...textTable(summary, new Set([1, 2, 3, 4])), '');
  for (const section of sections) {
    out.push(`== ${section.title} ==`);
    if (section.findings.length === 0) {
      out.push('  no findings', '');
      continue;
    }
    const rows = [['#', 'severity', 'rule', 'measure']];
    section.findings.forEach((f, i) => rows.push([String(i + 1), f.severity.toUpperCase(), f.rule, f.measure ?? '-']));
    out.push(...textTable(rows, new Set([0])).map((l) => `  ${l}`), '');
    section.findings.forEach((f, i) => {
      const head = `  ${i + 1}. ${f.severity.toUpperCase()} ${f.rule}${f.measure ? ` (${f.measure})` : ''}`;
      out.push(head);
      out.push(...wrap(f.message, '     ', '     '));
      out.push(...wrap(evidenceSummary(f.evidence), '     evidence: ', '       '));
      out.push(...wrap(f.why, '     why: ', '       '));
      out.push(...wrap(f.fix, '     fix: ', '       '));
      out.push('');
    });
  }
  out.push(`Rules, thresholds and the JSON shape: docs/diagnostics.md (rules in order: ${RULE_ORDER.join(', ')}).`);
  return `${out.join('\n')}\n`;
}
