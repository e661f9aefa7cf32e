/**
 * The leader pages' charts, each a PlotChart with its numbers as a table. The numbers shown
 * (labels, tables) are the API's; floats here only place marks on the picture.
 */
import { useCallback, type ReactNode } from 'react';
import { PlotChart } from '../../components/PlotChart';
import { percent } from '../../format';
import type { Histogram, PlanMeasure } from './leader-api';

type Build = Parameters<typeof PlotChart>[0]['build'];

const INK = '#1b2330';
const BLUE = '#1f5fbf';
const ORANGE = '#b35900';
const RED = '#a3261b';
const PURPLE = '#6b3fa0';
const GREEN = '#1d6b3a';

const PAIR_COLORS = [BLUE, ORANGE];
const GROUP_COLORS = [BLUE, ORANGE, GREEN, PURPLE];
/** Compa-ratio positions (the labels the people report passes). */
const POSITION_COLORS: Readonly<Record<string, string>> = { 'within the band': BLUE, 'below the band': RED, 'above the band': ORANGE, 'no band': '#4d5869' };

/**
 * A legend in HTML under a chart (Plot's own legend wraps the chart in a figure that would hide
 * its label from assistive technology); the colours are decoration, the names are the text.
 */
function Legend({ items }: { readonly items: readonly { readonly name: string; readonly color: string }[] }) {
  return (
    <ul className="leader-legend" aria-label="Legend">
      {items.map((i) => (
        <li key={i.name}>
          <span className="leader-swatch" style={{ background: i.color }} aria-hidden="true" /> {i.name}
        </li>
      ))}
    </ul>
  );
}

const chartHeight = (width: number, min = 200, max = 300) => Math.round(Math.min(max, Math.max(min, width * 0.45)));

/** Compact axis ticks for money ("640k"): axis positions only, never a figure someone reads as pay. */
const compact = (n: number) => n.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A measure's payout curve (attainment → payout factor) from GET /api/plans. */
export function CurveChart({ measure, planName }: { readonly measure: PlanMeasure; readonly planName: string }) {
  const build = useCallback<Build>(
    (Plot, width) => {
      const points = measure.curve.map((p) => ({ attainment: Number(p.attainment), factor: Number(p.factor) }));
      const xMax = Math.max(1, ...points.map((p) => p.attainment));
      const yMax = Math.max(1, ...points.map((p) => p.factor)) * 1.08;
      const threshold = Number(measure.threshold);
      return {
        height: chartHeight(width),
        marginLeft: 52,
        marginRight: 16,
        marginBottom: 40,
        style: { fontSize: '12px', color: INK },
        x: { domain: [0, xMax], label: 'Attainment →', tickFormat: '.0%', grid: true },
        y: { domain: [0, yMax], label: '↑ Payout factor', tickFormat: '.0%', grid: true },
        marks: [
          Plot.ruleY([0], { stroke: '#4d5869' }),
          Plot.ruleX([0], { stroke: '#4d5869' }),
          ...(threshold > 0 ? [Plot.ruleX([threshold], { stroke: ORANGE, strokeDasharray: '4 3' })] : []),
          Plot.line(points, { x: 'attainment', y: 'factor', stroke: BLUE, strokeWidth: 2.5 }),
          Plot.dot(points, { x: 'attainment', y: 'factor', r: 2.5, fill: BLUE }),
        ],
      };
    },
    [measure.curve, measure.threshold],
  );
  return (
    <div data-testid={`curve-${measure.id}`}>
      <PlotChart
        label={`${measure.name} (${planName}): payout factor by attainment${Number(measure.threshold) > 0 ? `, threshold ${percent(measure.threshold)} dashed` : ''}${measure.cap === null ? ', uncapped' : `, capped at ${percent(measure.cap)}`}`}
        build={build}
        table={{ columns: ['Attainment', 'Payout factor'], rows: measure.curve.map((p) => [percent(p.attainment), percent(p.factor)]) }}
      />
    </div>
  );
}

export interface Marker {
  readonly label: string;
  /** Where to draw it (a float for placement only). */
  readonly at: number;
  /** What to read (formatted from the API's value). */
  readonly text: string;
}

const MARKER_COLORS = [PURPLE, INK, RED];

/** A histogram (`counts[i]` in [edges[i], edges[i+1])) with P10/P50/P90 marked. */
export function HistogramChart({
  label,
  histogram,
  markers,
  xLabel,
  yLabel,
  xTick,
  binText,
  testId,
}: {
  readonly label: string;
  readonly histogram: Histogram;
  readonly markers: readonly Marker[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xTick: (n: number) => string;
  /** A bin's range as people read it (from the API's edges). */
  readonly binText: (from: number, to: number) => string;
  readonly testId?: string;
}) {
  const build = useCallback<Build>(
    (Plot, width) => {
      const bins = histogram.counts.map((count, i) => ({ x1: histogram.edges[i] ?? 0, x2: histogram.edges[i + 1] ?? 0, count }));
      const top = Math.max(1, ...histogram.counts);
      const marks = markers.map((m, i) => ({ ...m, color: MARKER_COLORS[i % MARKER_COLORS.length] ?? INK, y: top * (1.02 + 0.09 * (markers.length - 1 - i)) }));
      return {
        height: chartHeight(width, 220, 320),
        marginLeft: 52,
        marginRight: 24,
        marginBottom: 40,
        marginTop: 28,
        style: { fontSize: '12px', color: INK },
        x: { label: `${xLabel} →`, tickFormat: xTick, ticks: Math.max(3, Math.floor(width / 110)) },
        y: { label: `↑ ${yLabel}`, grid: true, domain: [0, top * 1.3] },
        marks: [
          Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 'count', fill: BLUE, fillOpacity: 0.55, inset: 0.5 }),
          Plot.ruleY([0], { stroke: '#4d5869' }),
          Plot.ruleX(
            marks.filter((m) => m.label === 'P50'),
            { x: 'at', stroke: 'color', strokeWidth: 2 },
          ),
          Plot.ruleX(
            marks.filter((m) => m.label !== 'P50'),
            { x: 'at', stroke: 'color', strokeWidth: 2, strokeDasharray: '5 3' },
          ),
          Plot.text(marks, { x: 'at', y: 'y', text: (d: { label: string }) => d.label, fill: 'color', fontWeight: 700, stroke: '#ffffff', strokeWidth: 3, paintOrder: 'stroke' }),
        ],
      };
    },
    [histogram, markers, xLabel, yLabel, xTick],
  );
  return (
    <PlotChart
      label={label}
      build={build}
      testId={testId}
      table={{
        columns: ['Range', yLabel],
        rows: [...histogram.counts.map((c, i) => [binText(histogram.edges[i] ?? 0, histogram.edges[i + 1] ?? 0), String(c)]), ...markers.map((m) => [<strong key="l">{m.label}</strong>, m.text])],
      }}
    />
  );
}

/** Two histograms overlaid (plan A and plan B), each as an outline of its bins. */
export function OverlayChart({
  label,
  series,
  xLabel,
  xTick,
  binText,
  testId,
}: {
  readonly label: string;
  readonly series: readonly { readonly name: string; readonly histogram: Histogram }[];
  readonly xLabel: string;
  readonly xTick: (n: number) => string;
  readonly binText: (from: number, to: number) => string;
  readonly testId?: string;
}) {
  const build = useCallback<Build>(
    (Plot, width) => {
      const bins = series.flatMap((s, k) => s.histogram.counts.map((count, i) => ({ x1: s.histogram.edges[i] ?? 0, x2: s.histogram.edges[i + 1] ?? 0, count, plan: s.name, k })));
      return {
        height: chartHeight(width, 220, 320),
        marginLeft: 52,
        marginRight: 24,
        marginBottom: 40,
        style: { fontSize: '12px', color: INK },
        x: { label: `${xLabel} →`, tickFormat: xTick, ticks: Math.max(3, Math.floor(width / 110)) },
        y: { label: '↑ Trials', grid: true },
        color: { domain: series.map((s) => s.name), range: PAIR_COLORS },
        marks: [
          Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 'count', fill: 'plan', fillOpacity: 0.35, stroke: 'plan', strokeWidth: 1.5, inset: 0.5 }),
          Plot.ruleY([0], { stroke: '#4d5869' }),
        ],
      };
    },
    [series, xLabel, xTick],
  );
  return (
    <div className="leader-chart">
      <PlotChart
        label={label}
        build={build}
        testId={testId}
        table={{
          columns: ['Plan', 'Range', 'Trials'],
          rows: series.flatMap((s) => s.histogram.counts.map((c, i) => [s.name, binText(s.histogram.edges[i] ?? 0, s.histogram.edges[i + 1] ?? 0), String(c)])),
        }}
      />
      <Legend items={series.map((s, i) => ({ name: s.name, color: PAIR_COLORS[i] ?? INK }))} />
    </div>
  );
}

/** Horizontal bars, one per row (people, programs), with an optional reference line. */
export function BarsChart({
  label,
  rows,
  xLabel,
  xTick,
  domain,
  reference,
  bySign = false,
  table,
  testId,
}: {
  readonly label: string;
  /** `value` places the bar; `group` colours it (one colour per group, with a legend). */
  readonly rows: readonly { readonly name: string; readonly value: number; readonly group?: string }[];
  readonly xLabel: string;
  readonly xTick: string | ((n: number) => string);
  readonly domain?: readonly [number, number];
  readonly reference?: number;
  /** Colour each bar by its sign: gains green, losses red. */
  readonly bySign?: boolean;
  readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly ReactNode[])[] };
  readonly testId?: string;
}) {
  const build = useCallback<Build>(
    (Plot, width) => {
      const groups = [...new Set(rows.map((r) => r.group ?? ''))];
      const names = [...new Set(rows.map((r) => r.name))];
      const grouped = groups.length > 1;
      const x = { label: `${xLabel} →`, tickFormat: xTick, grid: true, ...(domain === undefined ? {} : { domain: [...domain] }) };
      const marginLeft = Math.min(width * 0.4, 12 + Math.max(...names.map((n) => n.length)) * 7.5 + 8);
      const common = { marginLeft, marginRight: 20, marginBottom: 40, style: { fontSize: '12px', color: INK }, x };
      const rules = [Plot.ruleX([0], { stroke: '#4d5869' }), ...(reference === undefined ? [] : [Plot.ruleX([reference], { stroke: RED, strokeDasharray: '4 3', strokeWidth: 1.5 })])];
      if (!grouped) {
        return { ...common, height: Math.max(140, 60 + names.length * 22), y: { label: null, domain: names }, marks: [Plot.barX(rows, { x: 'value', y: 'name', fill: bySign ? (d: { value: number }) => (d.value < 0 ? RED : GREEN) : BLUE, insetTop: 2, insetBottom: 2 }), ...rules] };
      }
      // Grouped: one band per row name, a bar per group inside it.
      return {
        ...common,
        height: Math.max(160, 70 + names.length * groups.length * 18),
        fy: { label: null, domain: names, axis: 'left' },
        y: { axis: null, domain: groups },
        color: { domain: groups, range: GROUP_COLORS },
        marks: [Plot.barX(rows, { x: 'value', y: 'group', fy: 'name', fill: 'group', insetTop: 1, insetBottom: 1 }), ...rules],
      };
    },
    [rows, xLabel, xTick, domain, reference, bySign],
  );
  const groups = [...new Set(rows.map((r) => r.group ?? ''))];
  return (
    <div className="leader-chart">
      <PlotChart label={label} build={build} table={table} testId={testId} />
      {groups.length > 1 && <Legend items={groups.map((g, i) => ({ name: g, color: GROUP_COLORS[i % GROUP_COLORS.length] ?? INK }))} />}
      {bySign && (
        <Legend
          items={[
            { name: 'Gain', color: GREEN },
            { name: 'Loss', color: RED },
          ]}
        />
      )}
    </div>
  );
}

/** One dot per row on a horizontal scale (compa-ratios), coloured by a category, with reference lines. */
export function DotsChart({
  label,
  rows,
  xLabel,
  xTick,
  references,
  table,
  testId,
}: {
  readonly label: string;
  readonly rows: readonly { readonly name: string; readonly value: number; readonly category: string }[];
  readonly xLabel: string;
  readonly xTick: string | ((n: number) => string);
  readonly references: readonly number[];
  readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly ReactNode[])[] };
  readonly testId?: string;
}) {
  const build = useCallback<Build>(
    (Plot, width) => {
      const categories = [...new Set(rows.map((r) => r.category))].sort();
      return {
        height: Math.max(160, 50 + rows.length * 18),
        marginLeft: Math.min(width * 0.45, 12 + Math.max(...rows.map((r) => r.name.length)) * 7.5 + 8),
        marginRight: 20,
        marginBottom: 40,
        style: { fontSize: '12px', color: INK },
        x: { label: `${xLabel} →`, tickFormat: xTick, grid: true },
        y: { label: null, domain: rows.map((r) => r.name) },
        color: { domain: categories, range: categories.map((c) => POSITION_COLORS[c] ?? PURPLE) },
        marks: [
          ...references.map((r) => Plot.ruleX([r], { stroke: '#4d5869', strokeDasharray: '4 3' })),
          Plot.ruleY(rows, { y: 'name', stroke: '#e3e7ed' }),
          Plot.dot(rows, { x: 'value', y: 'name', fill: 'category', r: 5, stroke: '#ffffff' }),
        ],
      };
    },
    [rows, xLabel, xTick, references],
  );
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  return (
    <div className="leader-chart">
      <PlotChart label={label} build={build} table={table} testId={testId} />
      <Legend items={categories.map((c) => ({ name: c, color: POSITION_COLORS[c] ?? PURPLE }))} />
    </div>
  );
}

export { compact };
