/**
 * Chart builders for the reports: each returns a figure (Chart.js configuration as plain JSON,
 * accessible description and the same numbers as a table).
 */
import type { CurveJson, Histogram } from '../../core/simulation/types.js';
import { formatNumber, formatPercent, formatShare } from './format.js';
import { escapeHtml, type FigureHtml, type Point, tableHtml, type ValueFormat } from './html-page.js';

/** Colours with at least 3:1 contrast against white (WCAG non-text contrast). */
export const COLORS = {
  blue: '#1570ef',
  blueFill: 'rgba(21, 112, 239, 0.75)',
  orange: '#c4320a',
  orangeFill: 'rgba(196, 50, 10, 0.28)',
  blueArea: 'rgba(21, 112, 239, 0.28)',
  ink: '#101828',
  grey: '#667085',
  purple: '#6941c6',
  pink: '#c11574',
  gain: '#067647',
  loss: '#b42318',
  severity: { high: '#b42318', medium: '#b54708', low: '#175cd3', info: '#475467' },
} as const;

/** One bin of a histogram, with its bounds. */
interface Bin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** The bins of a histogram (extra edges or counts, which a well-formed histogram has none of, are ignored). */
export function histogramBins(histogram: Histogram): Bin[] {
  const bins: Bin[] = [];
  for (let i = 0; i < histogram.counts.length; i += 1) {
    const from = histogram.edges[i];
    const to = histogram.edges[i + 1];
    const count = histogram.counts[i];
    if (from === undefined || to === undefined || count === undefined) break;
    bins.push({ from, to, count });
  }
  return bins;
}

/** A vertical marker line on a histogram (a percentile). */
export interface Marker {
  readonly label: string;
  readonly value: number;
  /** The value as people read it ("1,204,000 USD"). */
  readonly text: string;
  readonly color: string;
  readonly dash: readonly number[];
}

/** A histogram as vertical bars on a linear x axis, with optional marker lines spanning the plot height. */
export function histogramFigure(options: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly histogram: Histogram;
  readonly seriesLabel: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xFormat: ValueFormat;
  /** A bin edge as people read it. */
  readonly xText: (value: number) => string;
  readonly markers?: readonly Marker[];
  readonly noteHtml?: string;
}): FigureHtml {
  const bins = histogramBins(options.histogram);
  const markers = options.markers ?? [];
  const first = bins[0];
  const last = bins[bins.length - 1];
  const binTitles = bins.map((b) => `${options.xText(b.from)} to ${options.xText(b.to)}`);
  return {
    title: options.title,
    description: options.description,
    height: 300,
    ...(options.noteHtml === undefined ? {} : { noteHtml: options.noteHtml }),
    tableHtml: tableHtml({
      head: ['From', 'To', escapeHtml(options.yTitle)],
      numeric: [true, true, true],
      rows: bins.map((b) => [escapeHtml(options.xText(b.from)), escapeHtml(options.xText(b.to)), formatNumber(b.count)]),
    }),
    spec: {
      id: options.id,
      ticks: { x: options.xFormat, y: 'count' },
      tooltip: {
        valueAxis: 'y',
        value: 'count',
        titles: [binTitles, ...markers.map(() => null)],
        labels: [null, ...markers.map((m) => `${m.label}: ${m.text}`)],
      },
      config: {
        type: 'bar',
        data: {
          datasets: [
            {
              type: 'bar',
              label: options.seriesLabel,
              data: bins.map((b) => ({ x: (b.from + b.to) / 2, y: b.count })),
              backgroundColor: COLORS.blueFill,
              borderColor: '#ffffff',
              borderWidth: 1,
              barPercentage: 1,
              categoryPercentage: 1,
              grouped: false,
              pointStyle: 'rect',
              order: 2,
            },
            ...markers.map((m) => ({
              type: 'line' as const,
              label: `${m.label} ${m.text}`,
              data: [
                { x: m.value, y: 0 },
                { x: m.value, y: 1 },
              ],
              yAxisID: 'markers',
              borderColor: m.color,
              backgroundColor: m.color,
              borderWidth: 2,
              borderDash: [...m.dash],
              pointRadius: 0,
              pointHitRadius: 6,
              pointStyle: 'line',
              order: 1,
            })),
          ],
        },
        options: {
          scales: {
            x: {
              type: 'linear',
              // Suggested, not fixed, bounds: the axis widens to round ticks and every bar stays whole.
              ...(first === undefined ? {} : { suggestedMin: first.from }),
              ...(last === undefined ? {} : { suggestedMax: last.to }),
              offset: false,
              title: { display: true, text: options.xTitle },
              grid: { display: false },
              ticks: { maxTicksLimit: 7 },
            },
            y: { type: 'linear', beginAtZero: true, title: { display: true, text: options.yTitle }, ticks: { precision: 0 } },
            markers: { type: 'linear', display: false, min: 0, max: 1 },
          },
          plugins: { legend: { display: markers.length > 0, position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 28 } } },
        },
      },
    },
  };
}

/** A series of an overlaid-distribution chart. */
export interface OverlaySeries {
  readonly label: string;
  readonly histogram: Histogram;
  readonly line: string;
  readonly fill: string;
  readonly dash: readonly number[];
}

/**
 * Step outlines of several histograms on one linear axis, each bin's height its share of the
 * series' total, so distributions with different bins and trial counts compare directly.
 */
export function overlayFigure(options: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly series: readonly OverlaySeries[];
  readonly xTitle: string;
  readonly xFormat: ValueFormat;
  readonly xText: (value: number) => string;
  readonly noteHtml?: string;
}): FigureHtml {
  const shaped = options.series.map((s) => {
    const bins = histogramBins(s.histogram);
    const total = bins.reduce((sum, b) => sum + b.count, 0);
    const share = (count: number): number => (total === 0 ? 0 : count / total);
    const points: Point[] = [];
    const titles: string[] = [];
    const first = bins[0];
    if (first !== undefined) {
      points.push({ x: first.from, y: 0 });
      titles.push(options.xText(first.from));
    }
    for (const b of bins) {
      points.push({ x: b.from, y: share(b.count) });
      titles.push(`${options.xText(b.from)} to ${options.xText(b.to)}`);
    }
    const last = bins[bins.length - 1];
    if (last !== undefined) {
      points.push({ x: last.to, y: share(last.count) }, { x: last.to, y: 0 });
      titles.push(options.xText(last.to), options.xText(last.to));
    }
    return { series: s, bins, total, points, titles };
  });
  const rows = shaped.flatMap((s) =>
    s.bins.map((b) => [escapeHtml(s.series.label), escapeHtml(options.xText(b.from)), escapeHtml(options.xText(b.to)), formatNumber(b.count), s.total === 0 ? '0.0%' : formatShare(Number((b.count / s.total).toFixed(4)))]),
  );
  return {
    title: options.title,
    description: options.description,
    height: 300,
    ...(options.noteHtml === undefined ? {} : { noteHtml: options.noteHtml }),
    tableHtml: tableHtml({ head: ['Series', 'From', 'To', 'Count', 'Share'], numeric: [false, true, true, true, true], rows }),
    spec: {
      id: options.id,
      ticks: { x: options.xFormat, y: 'share' },
      tooltip: { valueAxis: 'y', value: 'share', titles: shaped.map((s) => s.titles) },
      config: {
        type: 'line',
        data: {
          datasets: shaped.map((s) => ({
            label: s.series.label,
            data: s.points,
            stepped: 'before' as const,
            fill: 'origin',
            borderColor: s.series.line,
            backgroundColor: s.series.fill,
            borderWidth: 2,
            borderDash: [...s.series.dash],
            pointRadius: 0,
            pointHitRadius: 4,
          })),
        },
        options: {
          interaction: { mode: 'nearest', intersect: false },
          scales: {
            x: { type: 'linear', title: { display: true, text: options.xTitle }, ticks: { maxTicksLimit: 7 } },
            y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'Share of trials' } },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      },
    },
  };
}

/**
 * The curve in words: where it starts paying (a threshold), what it pays at 100%, and where it
 * stops rising (a cap) or what it pays at the last point.
 */
export function curveSummary(points: readonly { readonly attainment: number; readonly factor: number }[]): string {
  const parts: string[] = [];
  // A threshold: the curve still pays nothing at some attainment above zero (a curve through the origin has none).
  const firstPaying = points.find((p) => p.factor > 0);
  const unpaidAboveZero = points.some((p) => p.attainment > 0 && p.factor === 0 && (firstPaying === undefined || p.attainment < firstPaying.attainment));
  if (firstPaying !== undefined && unpaidAboveZero) parts.push(`pays nothing below ${formatPercent(firstPaying.attainment)} attainment`);
  const atTarget = points.find((p) => p.attainment >= 1);
  if (atTarget !== undefined) parts.push(`pays ${formatPercent(atTarget.factor)} at ${formatPercent(atTarget.attainment)}`);
  const last = points[points.length - 1];
  if (last !== undefined) {
    // The cap: the earliest point from which the factor never changes again, if the curve ends flat.
    let flatFrom = points.length - 1;
    while (flatFrom > 0 && points[flatFrom - 1]?.factor === last.factor) flatFrom -= 1;
    const capStart = points[flatFrom];
    if (capStart !== undefined && flatFrom < points.length - 1 && last.factor > 0) parts.push(`is capped at ${formatPercent(last.factor)} from ${formatPercent(capStart.attainment)}`);
    else parts.push(`pays ${formatPercent(last.factor)} at ${formatPercent(last.attainment)}`);
  }
  return parts.join(', ');
}

/** A measure's payout curve: factor against attainment, with the 1:1 line for reference. */
export function curveFigure(options: { readonly id: string; readonly measure: CurveJson; readonly noteHtml?: string }): FigureHtml {
  const m = options.measure;
  const points = [...m.points].sort((p, q) => p.attainment - q.attainment || p.factor - q.factor);
  const data = points.map((p) => ({ x: p.attainment, y: p.factor }));
  const maxAttainment = points.reduce((max, p) => Math.max(max, p.attainment), 0);
  const summary = curveSummary(points);
  return {
    title: `${m.name} (${m.id})`,
    description: `Payout curve of measure ${m.name}: payout factor against attainment from 0% to ${formatPercent(maxAttainment)}; it ${summary}.`,
    height: 260,
    noteHtml:
      options.noteHtml ??
      `Weight ${escapeHtml(formatPercent(m.weight))} · metric <code>${escapeHtml(m.metric)}</code> · credit <code>${escapeHtml(m.credit ?? 'none')}</code>. The curve ${escapeHtml(summary)}.`,
    tableHtml: tableHtml({
      head: ['Attainment', 'Payout factor'],
      numeric: [true, true],
      rows: points.map((p) => [formatPercent(p.attainment), formatPercent(p.factor)]),
    }),
    spec: {
      id: options.id,
      ticks: { x: 'percent', y: 'percent' },
      tooltip: { valueAxis: 'y', value: 'percent', titles: [points.map((p) => `Attainment ${formatPercent(p.attainment)}`), null] },
      config: {
        type: 'line',
        data: {
          datasets: [
            { label: 'Payout factor', data, borderColor: COLORS.blue, backgroundColor: COLORS.blue, borderWidth: 2.5, pointRadius: 0, pointHitRadius: 6, pointStyle: 'line', tension: 0 },
            {
              label: '1 : 1 (factor = attainment)',
              data: [
                { x: 0, y: 0 },
                { x: maxAttainment, y: maxAttainment },
              ],
              borderColor: COLORS.grey,
              backgroundColor: COLORS.grey,
              borderWidth: 1.5,
              borderDash: [5, 5],
              pointRadius: 0,
              pointHitRadius: 0,
              pointStyle: 'line',
            },
          ],
        },
        options: {
          interaction: { mode: 'nearest', intersect: false, axis: 'x' },
          scales: {
            x: { type: 'linear', min: 0, max: maxAttainment, title: { display: true, text: 'Attainment' } },
            y: { type: 'linear', beginAtZero: true, title: { display: true, text: 'Payout factor' } },
          },
          plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, pointStyleWidth: 28 } } },
        },
      },
    },
  };
}

/** Horizontal bars, one per person, coloured by sign; the caller sorts the rows. */
export function deltaFigure(options: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly rows: readonly { readonly label: string; readonly value: number }[];
  readonly noteHtml?: string;
  readonly tableHtml?: string;
}): FigureHtml {
  const color = (v: number): string => (v > 0 ? COLORS.gain : v < 0 ? COLORS.loss : COLORS.grey);
  return {
    title: options.title,
    description: options.description,
    height: Math.max(200, 60 + options.rows.length * 22),
    ...(options.noteHtml === undefined ? {} : { noteHtml: options.noteHtml }),
    ...(options.tableHtml === undefined ? {} : { tableHtml: options.tableHtml }),
    spec: {
      id: options.id,
      ticks: { x: 'money-signed' },
      tooltip: { valueAxis: 'x', value: 'money-signed' },
      config: {
        type: 'bar',
        data: {
          labels: options.rows.map((r) => r.label),
          datasets: [
            {
              label: 'Change in mean payout',
              data: options.rows.map((r) => r.value),
              backgroundColor: options.rows.map((r) => color(r.value)),
              borderColor: options.rows.map((r) => color(r.value)),
              borderWidth: 0,
              barPercentage: 0.85,
              categoryPercentage: 0.9,
            },
          ],
        },
        options: {
          indexAxis: 'y',
          // A row's tooltip shows anywhere along it, so a small change is as easy to read as a large one.
          interaction: { mode: 'nearest', axis: 'y', intersect: false },
          scales: {
            x: { type: 'linear', title: { display: true, text: 'Mean payout under B minus under A' }, ticks: { maxTicksLimit: 6 } },
            y: { type: 'category', ticks: { autoSkip: false }, grid: { display: false } },
          },
          plugins: { legend: { display: false } },
        },
      },
    },
  };
}

/** Stacked horizontal bars: findings per plan, one colour per severity. */
export function severityFigure(options: {
  readonly id: string;
  readonly groups: readonly { readonly label: string; readonly counts: Readonly<Record<'high' | 'medium' | 'low' | 'info', number>> }[];
  readonly description: string;
}): FigureHtml {
  const severities = ['high', 'medium', 'low', 'info'] as const;
  return {
    title: 'Findings by plan and severity',
    description: options.description,
    height: Math.max(180, 90 + options.groups.length * 40),
    spec: {
      id: options.id,
      ticks: { x: 'count' },
      tooltip: { valueAxis: 'x', value: 'count' },
      config: {
        type: 'bar',
        data: {
          labels: options.groups.map((g) => g.label),
          datasets: severities.map((s) => ({
            label: s[0]?.toUpperCase() + s.slice(1),
            data: options.groups.map((g) => g.counts[s]),
            backgroundColor: COLORS.severity[s],
            borderColor: '#ffffff',
            borderWidth: 1,
            barPercentage: 0.7,
          })),
        },
        options: {
          indexAxis: 'y',
          interaction: { mode: 'index', axis: 'y', intersect: false },
          scales: {
            x: { type: 'linear', stacked: true, beginAtZero: true, title: { display: true, text: 'Findings' }, ticks: { precision: 0 } },
            y: { type: 'category', stacked: true, ticks: { autoSkip: false }, grid: { display: false } },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      },
    },
  };
}
