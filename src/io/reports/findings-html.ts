/**
 * Diagnostic findings as HTML (used by the diagnose and compare reports): a severity badge, the
 * rule and measure, what was found, why it matters, the fix and the evidence as a table.
 */
import type { FindingJson } from '../../core/diagnostics/report.js';
import type { EvidenceValue, Severity } from '../../core/diagnostics/types.js';
import { compareText, formatNumber } from './format.js';
import { escapeHtml, scrollableHtml, tableHtml } from './html-page.js';

/** Severities from most to least urgent. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

const RULE_NAMES: Readonly<Record<string, string>> = {
  'pay-mix': 'Pay mix',
  noise: 'Noise',
  controllability: 'Controllability',
  'short-term-pressure': 'Short-term pressure',
  parity: 'Big S parity',
  'curve-sanity': 'Curve sanity',
  'quota-realism': 'Quota realism',
};

/** Words that read as capitals in evidence keys ("ae_rate" → "AE rate"). */
const ACRONYMS: ReadonlySet<string> = new Set(['ae', 'se', 'ote', 'ti', 'spif', 'mbo', 'id', 'arr', 'acv', 'p10', 'p50', 'p90']);

/** A rule id as people read it ("short-term-pressure" → "Short-term pressure"); unknown rules are spelled out from their id. */
export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? humanize(rule);
}

/** "median_deal_share_of_base" or "medianDealShare" → "median deal share of base" / "median deal share". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const first = words[0];
  if (first === undefined) return key;
  words[0] = first[0]?.toUpperCase() + first.slice(1);
  return words.join(' ');
}

function severityRank(severity: string): number {
  const i = SEVERITIES.findIndex((s) => s === severity);
  return i < 0 ? SEVERITIES.length : i;
}

function text(value: string | undefined | null): string {
  return value ?? '';
}

/** Most severe first, then by rule, measure and message: a total order, so the page is the same for the same input. */
export function compareFindings(a: FindingJson, b: FindingJson): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(text(a.plan), text(b.plan)) ||
    compareText(a.rule, b.rule) ||
    compareText(text(a.measure), text(b.measure)) ||
    compareText(a.message, b.message) ||
    compareText(a.fix, b.fix)
  );
}

/** A severity badge (colour plus the word, so it never relies on colour alone). */
export function severityBadge(severity: string, label?: string): string {
  const known = SEVERITIES.some((s) => s === severity) ? severity : 'info';
  return `<span class="badge sev-${known}">${escapeHtml(label ?? severity)}</span>`;
}

function scalarHtml(value: string | number | boolean | null): string {
  if (value === null) return '<span class="empty">none</span>';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return escapeHtml(Math.abs(value) >= 10_000 ? formatNumber(value, 4).replace(/\.?0+$/, '') : String(value));
  return escapeHtml(value);
}

function isScalar(value: EvidenceValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

function isList(value: EvidenceValue): value is readonly EvidenceValue[] {
  return Array.isArray(value);
}

type EvidenceRecord = { readonly [key: string]: EvidenceValue };

function isRecord(value: EvidenceValue): value is EvidenceRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A list whose items are all records: shown as its own table. */
function isRecordList(value: EvidenceValue): value is readonly EvidenceRecord[] {
  return isList(value) && value.length > 0 && value.every(isRecord);
}

/**
 * An evidence value on one line: scalars as text, lists joined with commas, records as
 * "Key value · Key value" (nested the same way), so a value never needs a table of its own.
 */
export function inlineValueHtml(value: EvidenceValue): string {
  if (isScalar(value)) return scalarHtml(value);
  if (isList(value)) {
    if (value.length === 0) return '<span class="empty">none</span>';
    return value.map((v) => (isScalar(v) ? inlineValueHtml(v) : `(${inlineValueHtml(v)})`)).join(isRecordList(value) ? '; ' : ', ');
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '<span class="empty">none</span>';
  return keys.map((k) => `<span class="kv"><span class="k">${escapeHtml(humanize(k))}</span> ${inlineValueHtml(value[k] ?? null)}</span>`).join(' · ');
}

/** Above this many rows an evidence list starts collapsed. */
const OPEN_LIST_LIMIT = 10;

/** A list of records (one per person, tier, deal…) as a table with a column per key. */
function recordListHtml(key: string, records: readonly EvidenceRecord[]): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const numeric = columns.map((c) => records.every((r) => typeof r[c] === 'number' || r[c] === null || (typeof r[c] === 'string' && /^-?\d+(\.\d+)?$/.test(String(r[c])))));
  const table = tableHtml({
    head: columns.map((c) => escapeHtml(humanize(c))),
    numeric,
    rows: records.map((r) => columns.map((c) => inlineValueHtml(r[c] ?? null))),
  });
  const title = `${humanize(key)} (${records.length} ${records.length === 1 ? 'row' : 'rows'})`;
  const scrollable = scrollableHtml(table, title);
  return records.length > OPEN_LIST_LIMIT
    ? `<details class="evidence-list"><summary>${escapeHtml(title)}</summary>${scrollable}</details>`
    : `<div class="evidence-list"><p class="evidence-list-title">${escapeHtml(title)}</p>${scrollable}</div>`;
}

/**
 * The evidence: single figures as a two-column table (what the rule measured, the number it
 * used), then each list of records as a table of its own.
 */
export function evidenceHtml(evidence: { readonly [key: string]: EvidenceValue }): string {
  const keys = Object.keys(evidence);
  if (keys.length === 0) return '<p class="empty">No numbers recorded.</p>';
  const figures = keys.filter((k) => !isRecordList(evidence[k] ?? null));
  const rows = figures
    .map((k) => `<tr><th scope="row" title="${escapeHtml(k)}">${escapeHtml(humanize(k))}</th><td>${inlineValueHtml(evidence[k] ?? null)}</td></tr>`)
    .join('\n');
  const figuresTable =
    figures.length === 0
      ? '<p class="evidence-list-title">Evidence: the numbers the rule used</p>'
      : `<div class="table-wrap"><table class="evidence-table"><caption>Evidence: the numbers the rule used</caption><thead><tr><th scope="col">Figure</th><th scope="col">Value</th></tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
  const lists = keys.flatMap((k) => {
    const value = evidence[k] ?? null;
    return isRecordList(value) ? [recordListHtml(k, value)] : [];
  });
  return [figuresTable, ...lists].join('\n');
}

/** One finding as an article; `headingLevel` keeps the outline right where it is nested. */
export function findingHtml(finding: FindingJson, headingLevel: 3 | 4 = 3): string {
  const measure = finding.measure === undefined ? '' : ` · measure <code>${escapeHtml(finding.measure)}</code>`;
  const h = `h${headingLevel}`;
  const severity = SEVERITIES.some((s) => s === finding.severity) ? finding.severity : 'info';
  return `<article class="finding sev-${severity}">
<div class="finding-head">${severityBadge(finding.severity)}<${h}>${escapeHtml(ruleName(finding.rule))}${measure}</${h}></div>
<p>${escapeHtml(finding.message)}</p>
<dl>
<dt>Why it matters</dt><dd>${escapeHtml(finding.why)}</dd>
<dt>Fix</dt><dd>${escapeHtml(finding.fix)}</dd>
</dl>
<div class="evidence">${evidenceHtml(finding.evidence)}</div>
</article>`;
}
