/**
 * The HTML report of `tandem diagnose --html FILE`: findings grouped by plan, most severe first,
 * each with its severity, why it matters, the fix and the evidence; a chart of findings per plan.
 */
import type { DiagnoseJson, FindingJson } from '../../core/diagnostics/report.js';
import type { Severity } from '../../core/diagnostics/types.js';
import { severityFigure } from './charts.js';
import { compareFindings, findingHtml, SEVERITIES, severityBadge } from './findings-html.js';
import { compareText } from './format.js';
import { escapeHtml, figureHtml, pageHtml } from './html-page.js';

/** Label of the group of findings that concern no single plan (SPIFs, recognition programs). */
const ORG_WIDE = 'Org-wide programs';

interface PlanGroup {
  readonly plan: string | null;
  readonly findings: readonly FindingJson[];
}

/** The analysed plans in the report's order, then plans only named by findings (sorted), then org-wide findings. */
function groupByPlan(report: DiagnoseJson): PlanGroup[] {
  const sorted = [...report.findings].sort(compareFindings);
  const named = [...new Set(sorted.map((f) => f.plan).filter((p): p is string => p !== null))]
    .filter((p) => !report.plans.includes(p))
    .sort(compareText);
  const groups: PlanGroup[] = [...report.plans, ...named].map((plan) => ({ plan, findings: sorted.filter((f) => f.plan === plan) }));
  const orgWide = sorted.filter((f) => f.plan === null);
  if (orgWide.length > 0) groups.push({ plan: null, findings: orgWide });
  return groups;
}

function countBySeverity(findings: readonly FindingJson[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countsText(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

function anchor(plan: string | null): string {
  return `plan-${(plan ?? 'org-wide').replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * Renders a `tandem diagnose --json` report as one self-contained HTML page (Chart.js inlined from
 * node_modules, data embedded as JSON, nothing loaded from the network).
 */
export function diagnoseHtml(report: DiagnoseJson): string {
  const groups = groupByPlan(report);
  const total = countBySeverity(report.findings);
  const label = (plan: string | null): string => plan ?? ORG_WIDE;

  const chart =
    report.findings.length === 0
      ? null
      : severityFigure({
          id: 'chart-severity',
          groups: groups.map((g) => ({ label: label(g.plan), counts: countBySeverity(g.findings) })),
          description: `Findings per plan, stacked by severity. ${groups
            .map((g) => `${label(g.plan)}: ${g.findings.length === 0 ? 'no findings' : countsText(countBySeverity(g.findings))}`)
            .join('. ')}.`,
        });

  const summaryRows = groups
    .map((g) => {
      const counts = countBySeverity(g.findings);
      const badges = SEVERITIES.filter((s) => counts[s] > 0)
        .map((s) => severityBadge(s, `${counts[s]} ${s}`))
        .join(' ');
      return `<li><a href="#${anchor(g.plan)}">${escapeHtml(label(g.plan))}</a>: ${g.findings.length === 0 ? 'no findings' : `${plural(g.findings.length, 'finding')} ${badges}`}</li>`;
    })
    .join('\n');

  const sections = groups
    .map((g) => {
      const title = g.plan === null ? ORG_WIDE : `Plan ${g.plan}`;
      const intro = g.plan === null ? '<p class="meta">SPIFs and recognition programs that concern no single plan.</p>' : '';
      const body = g.findings.length === 0 ? '<p class="empty">No findings for this plan.</p>' : g.findings.map((f) => findingHtml(f)).join('\n');
      return `<section aria-labelledby="${anchor(g.plan)}"><h2 id="${anchor(g.plan)}">${escapeHtml(title)}</h2>\n${intro}${body}\n</section>`;
    })
    .join('\n');

  const overview = `<section aria-labelledby="overview"><h2 id="overview">Overview</h2>
<ul class="severity-counts" aria-label="Findings by severity">${SEVERITIES.map((s) => `<li>${severityBadge(s, `${total[s]} ${s}`)}</li>`).join('')}</ul>
<ul>\n${summaryRows}\n</ul>
${chart === null ? '' : `<div class="charts">${figureHtml(chart)}</div>`}
</section>`;

  const metaHtml = `${escapeHtml(report.org)} · fiscal year ${report.year} · ${plural(report.plans.length, 'plan')} analysed (${report.plans
    .map((p) => `<code>${escapeHtml(p)}</code>`)
    .join(', ')}) · ${plural(report.findings.length, 'finding')}`;

  return pageHtml({
    title: `Plan diagnostics: ${report.org}, FY${report.year}`,
    kicker: 'Tandem · diagnose',
    metaHtml,
    bodyHtml: `${overview}\n${sections}`,
    charts: chart === null ? [] : [chart.spec],
    data: report,
  });
}
