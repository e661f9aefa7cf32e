/**
 * Findings (plan diagnostics, ladder lint, the diagnostics two plans do not share), each with its
 * severity, what was found, why it matters, the fix and the evidence: single figures as a table,
 * each list of records (per person, tier, deal…) as a table of its own, long ones collapsed.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { humanize, ruleName, SEVERITIES, severityRank, type AnyFinding, type EvidenceValue } from './leader-api';
import { TableScroll } from '../../components/TableScroll';

type EvidenceRecord = { readonly [key: string]: EvidenceValue };

const isRecord = (v: EvidenceValue): v is EvidenceRecord => v !== null && typeof v === 'object' && !Array.isArray(v);
const isRecordList = (v: EvidenceValue): v is readonly EvidenceRecord[] => Array.isArray(v) && v.length > 0 && v.every(isRecord);

/** Above this many rows an evidence list starts collapsed. */
const OPEN_LIST_LIMIT = 10;

const TONE: Readonly<Record<string, string>> = { high: 'bad', medium: 'warn', low: 'info', info: 'info' };

export function SeverityBadge({ severity }: { readonly severity: string }) {
  return (
    <span className={`badge ${TONE[severity] ?? 'info'} leader-sev leader-sev-${severity}`} data-severity={severity}>
      {severity}
    </span>
  );
}

/** An evidence value on one line: scalars as text, lists joined, records as "Key value · Key value". */
function inline(value: EvidenceValue): ReactNode {
  if (value === null) return <span className="muted">none</span>;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    const list: readonly EvidenceValue[] = value;
    return list.map((v, i) => (
      <span key={i}>
        {i > 0 && (isRecordList(list) ? '; ' : ', ')}
        {isRecord(v) || Array.isArray(v) ? <>({inline(v)})</> : inline(v)}
      </span>
    ));
  }
  const rec = value as EvidenceRecord;
  const keys = Object.keys(rec);
  if (keys.length === 0) return <span className="muted">none</span>;
  return keys.map((k, i) => (
    <span key={k} className="leader-kv">
      {i > 0 && ' · '}
      <span className="muted">{humanize(k)}</span> {inline(rec[k] ?? null)}
    </span>
  ));
}

function RecordTable({ name, records }: { readonly name: string; readonly records: readonly EvidenceRecord[] }) {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const numeric = new Set(columns.filter((c) => records.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined || (typeof r[c] === 'string' && /^-?\d+(\.\d+)?$/.test(r[c])))));
  const title = `${humanize(name)} (${records.length} ${records.length === 1 ? 'row' : 'rows'})`;
  const table = (
    <TableScroll className="leader-scroll" label={title}>
      <table className="leader-evidence-list">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={numeric.has(c) ? 'num' : undefined}>
                {humanize(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className={numeric.has(c) ? 'num' : undefined}>
                  {inline(r[c] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
  return records.length > OPEN_LIST_LIMIT ? (
    <details className="leader-evidence-block">
      <summary>{title}</summary>
      {table}
    </details>
  ) : (
    <div className="leader-evidence-block">
      <p className="leader-evidence-title">{title}</p>
      {table}
    </div>
  );
}

export function Evidence({ evidence }: { readonly evidence: { readonly [key: string]: EvidenceValue } | undefined }) {
  const keys = Object.keys(evidence ?? {});
  if (evidence === undefined || keys.length === 0) return <p className="muted">No numbers recorded for this finding.</p>;
  const figures = keys.filter((k) => !isRecordList(evidence[k] ?? null));
  const lists = keys.filter((k) => isRecordList(evidence[k] ?? null));
  return (
    <div className="leader-evidence" data-testid="evidence">
      {figures.length > 0 && (
        <TableScroll className="leader-scroll" label={'Evidence: the numbers the rule used'}>
          <table className="leader-evidence-table">
            <caption>Evidence: the numbers the rule used</caption>
            <tbody>
              {figures.map((k) => (
                <tr key={k}>
                  <th scope="row" title={k}>
                    {humanize(k)}
                  </th>
                  <td>{inline(evidence[k] ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {lists.map((k) => (
        <RecordTable key={k} name={k} records={evidence[k] as readonly EvidenceRecord[]} />
      ))}
    </div>
  );
}

/** One finding as an article; `heading` keeps the page's outline in order where it is nested. */
export function Finding({ finding, heading = 3, about }: { readonly finding: AnyFinding; readonly heading?: 3 | 4; readonly about?: ReactNode }) {
  const H = heading === 3 ? 'h3' : 'h4';
  return (
    <article className={`leader-finding leader-finding-${finding.severity}`} data-testid="finding" data-rule={finding.rule} data-severity={finding.severity} data-plan={finding.plan ?? ''} data-level={finding.level ?? ''}>
      <div className="leader-finding-head">
        <SeverityBadge severity={finding.severity} />
        <H>
          {ruleName(finding.rule)}
          {finding.measure !== undefined && (
            <>
              {' '}
              · measure <code>{finding.measure}</code>
            </>
          )}
          {finding.level !== undefined && (
            <>
              {' '}
              · level{' '}
              <Link href={`/ladder/levels/${encodeURIComponent(finding.level)}`}>
                <code>{finding.level}</code>
              </Link>
            </>
          )}
          {finding.competency !== undefined && (
            <>
              {' '}
              · competency <code>{finding.competency}</code>
            </>
          )}
        </H>
        {about}
      </div>
      <p className="leader-finding-message">{finding.message}</p>
      <dl className="leader-finding-dl">
        <div>
          <dt>Why it matters</dt>
          <dd>{finding.why}</dd>
        </div>
        <div>
          <dt>Fix</dt>
          <dd data-testid="finding-fix">{finding.fix}</dd>
        </div>
      </dl>
      <details className="leader-finding-evidence">
        <summary>Evidence</summary>
        <Evidence evidence={finding.evidence} />
      </details>
    </article>
  );
}

/** Most severe first; the API's order otherwise (it is already deterministic). */
export function bySeverity<T extends { readonly severity: string }>(findings: readonly T[]): T[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i).map(({ f }) => f);
}

/** "3 findings: 1 high, 2 medium". */
export function severityCounts(findings: readonly { readonly severity: string }[]): string {
  if (findings.length === 0) return 'no findings';
  const parts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${parts.join(', ')})`;
}

export function FindingList({ findings, heading = 3, empty }: { readonly findings: readonly AnyFinding[]; readonly heading?: 3 | 4; readonly empty: ReactNode }) {
  if (findings.length === 0) return <div className="leader-none">{empty}</div>;
  return (
    <div className="leader-findings">
      {bySeverity(findings).map((f, i) => (
        <Finding key={`${f.rule}-${f.plan ?? ''}-${f.measure ?? ''}-${f.level ?? ''}-${i}`} finding={f} heading={heading} />
      ))}
    </div>
  );
}
