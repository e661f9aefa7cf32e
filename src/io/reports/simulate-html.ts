/**
 * The HTML report of `tandem simulate --html FILE`: expected cost and its spread, payout ÷ target
 * incentive, shares at threshold and cap, the controllability index, the payout curve of each
 * measure and every person's simulated payout.
 */
import type { SimulateJson } from '../../core/simulation/types.js';
import { COLORS, curveFigure, histogramFigure, type Marker } from './charts.js';
import { chartNumber, compareText, formatAmount, formatMoney, formatMoneyRatio, formatMultiple, formatNumber, formatShare } from './format.js';
import { escapeHtml, type FigureHtml, figureHtml, pageHtml, scrollableHtml, statsHtml, tableHtml } from './html-page.js';

/** Above this many people the per-person table starts collapsed. */
const OPEN_TABLE_LIMIT = 50;

/** A headline figure of a simulation, as people read it. */
export interface KeyFigure {
  readonly label: string;
  readonly text: string;
  readonly hint?: string;
}

/** The headline figures of a simulation, in reading order (shared with the comparison report). */
export function keyFigures(report: SimulateJson): KeyFigure[] {
  const money = (amount: string): string => formatMoney(amount, report.currency);
  return [
    { label: 'Expected cost (mean)', text: money(report.cost.mean), hint: `${formatMoneyRatio(report.cost.mean, report.target_incentive)} of target incentive` },
    { label: 'Cost P10', text: money(report.cost.p10) },
    { label: 'Cost P50', text: money(report.cost.p50) },
    { label: 'Cost P90', text: money(report.cost.p90) },
    { label: 'Cost as share of bookings', text: formatShare(report.cost_share_of_bookings) },
    { label: 'Payout ÷ TI, P10', text: formatMultiple(report.payout_to_ti.p10) },
    { label: 'Payout ÷ TI, P50', text: formatMultiple(report.payout_to_ti.p50) },
    { label: 'Payout ÷ TI, P90', text: formatMultiple(report.payout_to_ti.p90) },
    { label: 'Below threshold', text: formatShare(report.share_below_threshold), hint: 'of person-periods' },
    { label: 'At cap', text: formatShare(report.share_at_cap), hint: 'of person-periods' },
    { label: 'Controllability index', text: formatShare(report.controllability_index), hint: 'of payout variance from own deals' },
  ];
}

/** A figure for a stat card, its currency code set smaller ("1,048,214 USD"). */
export function figureValueHtml(text: string, currency: string): string {
  const suffix = ` ${currency}`;
  return text.endsWith(suffix) ? `${escapeHtml(text.slice(0, -suffix.length))} <span class="unit">${escapeHtml(currency)}</span>` : escapeHtml(text);
}

/** Percentile markers for the cost histogram. */
function costMarkers(report: SimulateJson): Marker[] {
  return [
    { label: 'P10', value: chartNumber(report.cost.p10), text: formatMoney(report.cost.p10, report.currency), color: COLORS.purple, dash: [6, 4] },
    { label: 'P50', value: chartNumber(report.cost.p50), text: formatMoney(report.cost.p50, report.currency), color: COLORS.ink, dash: [] },
    { label: 'P90', value: chartNumber(report.cost.p90), text: formatMoney(report.cost.p90, report.currency), color: COLORS.pink, dash: [6, 4] },
  ];
}

/** The cost distribution figure of one simulation (ids prefixed so two can share a page). */
export function costFigure(report: SimulateJson, id: string, title = 'Plan cost over the year'): FigureHtml {
  const money = (n: number): string => `${formatNumber(n)} ${report.currency}`;
  return histogramFigure({
    id,
    title,
    description: `Histogram of the simulated annual cost of plan ${report.plan} over ${formatNumber(report.trials)} trials, with P10 ${formatMoney(report.cost.p10, report.currency)}, P50 ${formatMoney(report.cost.p50, report.currency)} and P90 ${formatMoney(report.cost.p90, report.currency)} marked; mean ${formatMoney(report.cost.mean, report.currency)}.`,
    histogram: report.histograms.cost,
    seriesLabel: 'Trials',
    xTitle: `Annual cost (${report.currency})`,
    yTitle: 'Trials',
    xFormat: 'money',
    xText: money,
    markers: costMarkers(report),
    noteHtml: `Eight in ten trials cost between ${escapeHtml(formatMoney(report.cost.p10, report.currency))} and ${escapeHtml(formatMoney(report.cost.p90, report.currency))}.`,
  });
}

/** The payout ÷ TI histogram of one simulation. */
export function payoutToTiFigure(report: SimulateJson, id: string): FigureHtml {
  const p = report.payout_to_ti;
  return histogramFigure({
    id,
    title: 'Payout ÷ target incentive, per person',
    description: `Histogram of each person's simulated annual payout divided by their target incentive, for plan ${report.plan}: P10 ${formatMultiple(p.p10)}, P50 ${formatMultiple(p.p50)}, P90 ${formatMultiple(p.p90)}.`,
    histogram: report.histograms.payout_to_ti,
    seriesLabel: 'Person-trials',
    xTitle: 'Payout ÷ target incentive',
    yTitle: 'Person-trials',
    xFormat: 'multiple',
    xText: formatMultiple,
    markers: [
      { label: 'P10', value: p.p10, text: formatMultiple(p.p10), color: COLORS.purple, dash: [6, 4] },
      { label: 'P50', value: p.p50, text: formatMultiple(p.p50), color: COLORS.ink, dash: [] },
      { label: 'P90', value: p.p90, text: formatMultiple(p.p90), color: COLORS.pink, dash: [6, 4] },
    ],
    noteHtml: `1.00× is a person paid exactly their target incentive. ${escapeHtml(formatShare(report.share_below_threshold))} of person-periods fell below a threshold; a cap bound in ${escapeHtml(formatShare(report.share_at_cap))}.`,
  });
}

function perPersonHtml(report: SimulateJson): string {
  const money = (amount: string): string => escapeHtml(formatAmount(amount));
  const people = [...report.per_person].sort((a, b) => compareText(a.person_id, b.person_id));
  if (people.length === 0) return '<p class="empty">No one is on this plan.</p>';
  const table = tableHtml({
    caption: `Amounts in ${report.currency} a year`,
    head: ['Person', 'Role', 'Target incentive', 'Mean payout', 'P10 payout', 'P90 payout', 'Mean ÷ TI', 'Controllability'],
    numeric: [false, false, true, true, true, true, true, true],
    rowHeaders: true,
    rows: people.map((p) => [
      `<code>${escapeHtml(p.person_id)}</code>`,
      escapeHtml(p.role),
      money(p.target_incentive),
      money(p.mean_payout),
      money(p.p10_payout),
      money(p.p90_payout),
      escapeHtml(formatMoneyRatio(p.mean_payout, p.target_incentive)),
      escapeHtml(formatShare(p.controllability)),
    ]),
  });
  const open = people.length <= OPEN_TABLE_LIMIT ? ' open' : '';
  return `<details class="people"${open}><summary>${people.length} ${people.length === 1 ? 'person' : 'people'}: simulated annual payout</summary>${scrollableHtml(table, 'Simulated annual payout per person')}</details>
<p class="meta">Controllability: the share of the variance of the person's payout explained by their own deals rather than pod or territory luck.</p>`;
}

/** The shared meta line of a simulation: plan, year, trials, seed, people, target incentive. */
export function simulationMeta(report: SimulateJson): string {
  return `Plan <code>${escapeHtml(report.plan)}</code> · fiscal year ${report.year} · ${escapeHtml(formatNumber(report.trials))} trials, seed ${report.seed} · ${escapeHtml(
    formatNumber(report.people),
  )} people, target incentive ${escapeHtml(formatMoney(report.target_incentive, report.currency))}`;
}

/**
 * Renders a `tandem simulate --json` report as one self-contained HTML page (Chart.js inlined from
 * node_modules, data embedded as JSON, nothing loaded from the network).
 */
export function simulateHtml(report: SimulateJson): string {
  const cost = costFigure(report, 'chart-cost');
  const payout = payoutToTiFigure(report, 'chart-payout-to-ti');
  const curves = [...report.measures].map((measure, i) => curveFigure({ id: `chart-curve-${i + 1}`, measure }));
  const figures: FigureHtml[] = [cost, payout, ...curves];

  const stats = statsHtml(keyFigures(report).map((k) => ({ label: k.label, valueHtml: figureValueHtml(k.text, report.currency), ...(k.hint === undefined ? {} : { hint: k.hint }) })));
  const curvesHtml =
    curves.length === 0 ? '<p class="empty">The plan has no measures with a payout curve.</p>' : `<div class="charts">${curves.map((c) => figureHtml(c)).join('\n')}</div>`;
  const body = `<section aria-labelledby="key-figures"><h2 id="key-figures">Key figures</h2>
${stats}
</section>
<section aria-labelledby="distributions"><h2 id="distributions">Distributions</h2>
<div class="charts">${figureHtml(cost)}
${figureHtml(payout)}</div>
</section>
<section aria-labelledby="curves"><h2 id="curves">Payout curves</h2>
<p class="meta">The payout factor each measure pays at each attainment (weight shown per measure).</p>
${curvesHtml}
</section>
<section aria-labelledby="people"><h2 id="people">Per person</h2>
${perPersonHtml(report)}
</section>`;

  return pageHtml({
    title: `Simulation: ${report.plan}, FY${report.year}`,
    kicker: 'Tandem · simulate',
    metaHtml: simulationMeta(report),
    bodyHtml: body,
    charts: figures.map((f) => f.spec),
    data: report,
    currency: report.currency,
  });
}
