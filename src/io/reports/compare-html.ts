/**
 * The HTML report of `tandem compare --html FILE`: two plans side by side — cost and its spread,
 * both cost distributions, who gains and who loses and by how much, diagnostics that differ.
 */
import type { CompareJson } from '../../core/simulation/types.js';
import { COLORS, deltaFigure, overlayFigure } from './charts.js';
import { findingHtml, compareFindings } from './findings-html.js';
import {
  chartNumber,
  compareMoney,
  compareText,
  formatAmount,
  formatMoney,
  formatMultiple,
  formatMultipleChange,
  formatNumber,
  formatShare,
  formatShareChange,
  formatSignedAmount,
  formatSignedMoney,
  moneyDifference,
  sumMoney,
} from './format.js';
import { escapeHtml, type FigureHtml, figureHtml, pageHtml, scrollableHtml, statsHtml, tableHtml } from './html-page.js';
import { figureValueHtml, simulationMeta } from './simulate-html.js';

/** The gain/loss chart shows everyone up to this many people, else the largest gains and losses. */
const CHART_PEOPLE_LIMIT = 80;

type PersonDelta = CompareJson['per_person'][number];

/** Largest gain first; equal changes by person id: a total order. */
function byDelta(a: PersonDelta, b: PersonDelta): number {
  return compareMoney(b.delta, a.delta) || compareText(a.person_id, b.person_id);
}

function sideBySideHtml(report: CompareJson): string {
  const { a, b } = report;
  // Both plans belong to one org, so one currency; it heads the table rather than repeating in every cell.
  const money = (amount: string): string => escapeHtml(formatAmount(amount));
  const moneyChange = (x: string, y: string): string => {
    const d = moneyDifference(x, y);
    return d === undefined ? 'n/a' : escapeHtml(formatSignedAmount(d));
  };
  const rows: string[][] = [
    ['Expected cost (mean)', money(a.cost.mean), money(b.cost.mean), moneyChange(a.cost.mean, b.cost.mean)],
    ['Cost P10', money(a.cost.p10), money(b.cost.p10), moneyChange(a.cost.p10, b.cost.p10)],
    ['Cost P50', money(a.cost.p50), money(b.cost.p50), moneyChange(a.cost.p50, b.cost.p50)],
    ['Cost P90', money(a.cost.p90), money(b.cost.p90), moneyChange(a.cost.p90, b.cost.p90)],
    [
      'Spread (P90 − P10)',
      money(moneyDifference(a.cost.p10, a.cost.p90) ?? '0'),
      money(moneyDifference(b.cost.p10, b.cost.p90) ?? '0'),
      moneyChange(moneyDifference(a.cost.p10, a.cost.p90) ?? '0', moneyDifference(b.cost.p10, b.cost.p90) ?? '0'),
    ],
    ['Cost as share of bookings', formatShare(a.cost_share_of_bookings), formatShare(b.cost_share_of_bookings), formatShareChange(a.cost_share_of_bookings, b.cost_share_of_bookings)],
    ['Payout ÷ TI, P10', formatMultiple(a.payout_to_ti.p10), formatMultiple(b.payout_to_ti.p10), formatMultipleChange(a.payout_to_ti.p10, b.payout_to_ti.p10)],
    ['Payout ÷ TI, P50', formatMultiple(a.payout_to_ti.p50), formatMultiple(b.payout_to_ti.p50), formatMultipleChange(a.payout_to_ti.p50, b.payout_to_ti.p50)],
    ['Payout ÷ TI, P90', formatMultiple(a.payout_to_ti.p90), formatMultiple(b.payout_to_ti.p90), formatMultipleChange(a.payout_to_ti.p90, b.payout_to_ti.p90)],
    ['Below threshold', formatShare(a.share_below_threshold), formatShare(b.share_below_threshold), formatShareChange(a.share_below_threshold, b.share_below_threshold)],
    ['At cap', formatShare(a.share_at_cap), formatShare(b.share_at_cap), formatShareChange(a.share_at_cap, b.share_at_cap)],
    ['Controllability index', formatShare(a.controllability_index), formatShare(b.controllability_index), formatShareChange(a.controllability_index, b.controllability_index)],
    ['People simulated (everyone on either plan)', formatNumber(a.people), formatNumber(b.people), ''],
    ['Target incentive', money(a.target_incentive), money(b.target_incentive), moneyChange(a.target_incentive, b.target_incentive)],
  ];
  return tableHtml({
    caption: `A is ${a.plan}, B is ${b.plan}; amounts in ${b.currency} a year`,
    head: ['Figure', 'A', 'B', 'Change (B − A)'],
    numeric: [false, true, true, true],
    rowHeaders: true,
    rows,
  });
}

function gainersHtml(report: CompareJson, sorted: readonly PersonDelta[]): { statsHtml: string; figure: FigureHtml | null } {
  const currency = report.b.currency;
  const gains = sorted.filter((p) => compareMoney(p.delta, '0') > 0);
  const losses = sorted.filter((p) => compareMoney(p.delta, '0') < 0);
  const unchanged = sorted.length - gains.length - losses.length;
  const top = gains[0];
  const bottom = losses[losses.length - 1];
  const stats = statsHtml([
    { label: 'Gain under B', valueHtml: `<span class="gain">${gains.length}</span>`, hint: gains.length === 1 ? 'person' : 'people' },
    { label: 'Lose under B', valueHtml: `<span class="loss">${losses.length}</span>`, hint: losses.length === 1 ? 'person' : 'people' },
    { label: 'Unchanged', valueHtml: String(unchanged) },
    { label: 'Largest gain', valueHtml: top === undefined ? 'none' : figureValueHtml(formatSignedMoney(top.delta, currency), currency), ...(top === undefined ? {} : { hint: top.person_id }) },
    { label: 'Largest loss', valueHtml: bottom === undefined ? 'none' : figureValueHtml(formatSignedMoney(bottom.delta, currency), currency), ...(bottom === undefined ? {} : { hint: bottom.person_id }) },
    { label: 'Total change', valueHtml: figureValueHtml(formatSignedMoney(sumMoney(sorted.map((p) => p.delta)), currency), currency), hint: 'sum of mean payouts, B − A' },
  ]);
  if (sorted.length === 0) return { statsHtml: stats, figure: null };

  const shown = sorted.length <= CHART_PEOPLE_LIMIT ? sorted : [...sorted.slice(0, CHART_PEOPLE_LIMIT / 2), ...sorted.slice(-CHART_PEOPLE_LIMIT / 2)];
  const note =
    shown.length === sorted.length
      ? `Everyone on either plan, largest gain first. Green: paid more under B; red: paid less.`
      : `The ${CHART_PEOPLE_LIMIT / 2} largest gains and ${CHART_PEOPLE_LIMIT / 2} largest losses of ${sorted.length} people; the table has everyone. Green: paid more under B; red: paid less.`;
  const table = tableHtml({
    caption: `Mean simulated annual payout, in ${currency}`,
    head: ['Person', 'Role', 'Under A', 'Under B', 'Change'],
    numeric: [false, false, true, true, true],
    rowHeaders: true,
    rows: sorted.map((p) => {
      const sign = compareMoney(p.delta, '0');
      const cls = sign > 0 ? 'gain' : sign < 0 ? 'loss' : '';
      return [
        `<code>${escapeHtml(p.person_id)}</code>`,
        escapeHtml(p.role),
        escapeHtml(formatAmount(p.a_mean)),
        escapeHtml(formatAmount(p.b_mean)),
        `<span class="${cls}">${escapeHtml(formatSignedAmount(p.delta))}</span>`,
      ];
    }),
  });
  const figure = deltaFigure({
    id: 'chart-per-person',
    title: 'Who gains and who loses under B',
    description: `Change in each person's mean simulated annual payout from plan ${report.a.plan} to plan ${report.b.plan}, sorted from largest gain to largest loss: ${gains.length} gain, ${losses.length} lose, ${unchanged} unchanged${
      top === undefined ? '' : `; largest gain ${formatSignedMoney(top.delta, currency)} (${top.person_id})`
    }${bottom === undefined ? '' : `; largest loss ${formatSignedMoney(bottom.delta, currency)} (${bottom.person_id})`}.`,
    rows: shown.map((p) => ({ label: p.person_id, value: chartNumber(p.delta) })),
    noteHtml: escapeHtml(note),
    tableHtml: table,
  });
  return { statsHtml: stats, figure };
}

/** What the comparison had to assume: quotas lent to people moved across plans, and who was left out. */
function assumptionsHtml(report: CompareJson): string {
  const parts: string[] = [];
  if (report.borrowed.length > 0) {
    parts.push(`<p class="chart-note">Quotas and MBO scores borrowed from a peer on the other plan (same territory or pod where possible), so people moved across plans can be paid: ${report.borrowed.map((b) => `<code>${escapeHtml(b)}</code>`).join(', ')}.</p>`);
  }
  if (report.excluded.length > 0) {
    parts.push(`<p class="chart-note">Left out of both simulations because one of the plans cannot pay them: ${report.excluded.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}.</p>`);
  }
  return parts.join('\n');
}

function diagnosticsHtml(report: CompareJson): string {
  const list = (findings: CompareJson['diagnostics']['only_a']): string =>
    findings.length === 0 ? '<p class="empty">None.</p>' : [...findings].sort(compareFindings).map((f) => findingHtml(f, 4)).join('\n');
  return `<h3>Only plan A (<code>${escapeHtml(report.a.plan)}</code>) has</h3>
${list(report.diagnostics.only_a)}
<h3>Only plan B (<code>${escapeHtml(report.b.plan)}</code>) has</h3>
${list(report.diagnostics.only_b)}`;
}

/**
 * Renders a `tandem compare --json` report as one self-contained HTML page (Chart.js inlined from
 * node_modules, data embedded as JSON, nothing loaded from the network).
 */
export function compareHtml(report: CompareJson): string {
  const { a, b } = report;
  const currency = b.currency;
  const sorted = [...report.per_person].sort(byDelta);
  const seriesA = { label: `A: ${a.plan}`, line: COLORS.blue, fill: COLORS.blueArea, dash: [] };
  const seriesB = { label: `B: ${b.plan}`, line: COLORS.orange, fill: COLORS.orangeFill, dash: [6, 3] };
  const cost = overlayFigure({
    id: 'chart-cost-compare',
    title: 'Plan cost over the year: A and B',
    description: `Distributions of simulated annual cost. Plan ${a.plan}: P10 ${formatMoney(a.cost.p10, a.currency)}, P50 ${formatMoney(a.cost.p50, a.currency)}, P90 ${formatMoney(
      a.cost.p90,
      a.currency,
    )}. Plan ${b.plan}: P10 ${formatMoney(b.cost.p10, currency)}, P50 ${formatMoney(b.cost.p50, currency)}, P90 ${formatMoney(b.cost.p90, currency)}.`,
    series: [
      { ...seriesA, histogram: a.histograms.cost },
      { ...seriesB, histogram: b.histograms.cost },
    ],
    xTitle: `Annual cost (${currency})`,
    xFormat: 'money',
    xText: (n) => `${formatNumber(n)} ${currency}`,
    noteHtml: `Each outline is the share of that plan's trials in each cost range. Expected cost ${escapeHtml(formatMoney(a.cost.mean, a.currency))} under A, ${escapeHtml(
      formatMoney(b.cost.mean, currency),
    )} under B.`,
  });
  const payout = overlayFigure({
    id: 'chart-payout-compare',
    title: 'Payout ÷ target incentive: A and B',
    description: `Distributions of each person's simulated payout divided by target incentive. Plan ${a.plan}: P50 ${formatMultiple(a.payout_to_ti.p50)}; plan ${b.plan}: P50 ${formatMultiple(
      b.payout_to_ti.p50,
    )}.`,
    series: [
      { ...seriesA, histogram: a.histograms.payout_to_ti },
      { ...seriesB, histogram: b.histograms.payout_to_ti },
    ],
    xTitle: 'Payout ÷ target incentive',
    xFormat: 'multiple',
    xText: formatMultiple,
  });
  const people = gainersHtml(report, sorted);
  const figures: FigureHtml[] = [cost, payout, ...(people.figure === null ? [] : [people.figure])];

  const body = `<section aria-labelledby="side-by-side"><h2 id="side-by-side">Side by side</h2>
${scrollableHtml(sideBySideHtml(report), 'Plan A and plan B side by side')}
</section>
<section aria-labelledby="distributions"><h2 id="distributions">Cost and payout distributions</h2>
<div class="charts">${figureHtml(cost)}
${figureHtml(payout)}</div>
</section>
<section aria-labelledby="gains"><h2 id="gains">Who gains, who loses</h2>
${people.statsHtml}
${people.figure === null ? '<p class="empty">No one is on either plan.</p>' : `<div class="charts per-person">${figureHtml(people.figure)}</div>`}
${assumptionsHtml(report)}
</section>
<section aria-labelledby="diagnostics"><h2 id="diagnostics">Diagnostics that differ</h2>
${diagnosticsHtml(report)}
</section>`;

  return pageHtml({
    title: `Comparison: ${a.plan} vs ${b.plan}`,
    kicker: 'Tandem · compare',
    metaHtml: `A: ${simulationMeta(a)}<br>B: ${simulationMeta(b)}`,
    bodyHtml: body,
    charts: figures.map((f) => f.spec),
    data: report,
    currency,
  });
}
