/**
 * Evidence against a level's minimums: one bar per evidence minimum, as the share of the minimum
 * the data shows (the API's exact found ÷ required), with the minimum drawn at 100%. The numbers —
 * found, required, the window — are in the table under the chart.
 */
import { useCallback } from 'react';
import type * as PlotTypes from '@observablehq/plot';
import { PlotChart } from '../../components/PlotChart';

/** Marks are hidden from assistive technology: the SVG is one labelled image, the table holds the numbers. */
const HIDDEN = 'true';
import { evidenceStatus, humanize, type EvidenceItem, type EvidenceStatus } from './path-api';

const COLOURS: Readonly<Record<EvidenceStatus, string>> = { met: '#1d6b3a', gap: '#a3261b', 'no data': '#8792a2' };
/** Bars stop at 3× the minimum so one large count does not flatten the rest (the table has the real figure). */
const CAP = 3;

interface Row {
  readonly label: string;
  readonly share: number;
  readonly text: string;
  readonly status: EvidenceStatus;
}

export function EvidenceChart({ items, level, testId }: { readonly items: readonly EvidenceItem[]; readonly level: string; readonly testId?: string }) {
  const build = useCallback(
    (Plot: typeof PlotTypes, width: number): PlotTypes.PlotOptions => {
      // Positions only: every figure shown is the API's decimal string.
      const rows: Row[] = items.map((x) => {
        const status = evidenceStatus(x);
        return { label: `${x.name} · ${humanize(x.type)}`, share: x.share === null ? 0 : Math.min(Number(x.share), CAP), text: `${x.found} of ${x.required} · ${status}`, status };
      });
      const top = Math.max(1.25, ...rows.map((r) => r.share));
      // Narrow: the label and the figures each get a line above the bar; wide: one line for both.
      const narrow = width < 480;
      const rowHeight = narrow ? 62 : 46;
      return {
        width,
        height: rows.length * rowHeight + 36,
        marginLeft: 8,
        marginRight: 16,
        marginTop: 8,
        x: { domain: [0, top], label: 'share of the minimum found →', tickFormat: '%', ticks: narrow ? 3 : 6, grid: true },
        y: { domain: rows.map((r) => r.label), axis: null, padding: 0 },
        marks: [
          Plot.barX(rows, { ariaHidden: HIDDEN, x: 'share', y: 'label', fill: (r: Row) => COLOURS[r.status], insetTop: narrow ? 36 : 20, insetBottom: 6 }),
          Plot.ruleX([1], { ariaHidden: HIDDEN, stroke: '#1b2330', strokeWidth: 2, strokeDasharray: '4,3' }),
          Plot.text(rows, { ariaHidden: HIDDEN, x: 0, y: 'label', text: 'label', textAnchor: 'start', dy: narrow ? -21 : -11, fontSize: 12, fill: '#1b2330', stroke: '#ffffff', strokeWidth: 3, lineWidth: Math.max(8, Math.floor((narrow ? width - 24 : width - 150) / 12)), textOverflow: 'ellipsis' }),
          narrow
            ? Plot.text(rows, { ariaHidden: HIDDEN, x: 0, y: 'label', text: 'text', textAnchor: 'start', dy: -5, fontSize: 12, fill: '#1b2330', stroke: '#ffffff', strokeWidth: 3, fontWeight: 600 })
            : Plot.text(rows, { ariaHidden: HIDDEN, y: 'label', text: 'text', frameAnchor: 'right', textAnchor: 'end', dy: -11, fontSize: 12, fill: '#1b2330', stroke: '#ffffff', strokeWidth: 3 }),
        ],
      };
    },
    [items],
  );
  if (items.length === 0) return <p className="muted">{level} sets no evidence minimum: its ratings alone decide.</p>;
  return (
    <>
      <PlotChart
        label={`${level}'s evidence minimums: the share of each that the data shows`}
        build={build}
        testId={testId}
        table={{
          columns: ['Competency', 'Evidence', 'Found', 'Minimum', 'Window', 'Status'],
          rows: items.map((x) => [x.name, humanize(x.type), x.found, x.required, x.window, evidenceStatus(x)]),
        }}
      />
      <p className="muted path-small path-chart-key">The dashed line is the minimum. “No data”: the data does not cover the whole window yet, so that minimum is not held against anyone.</p>
    </>
  );
}
