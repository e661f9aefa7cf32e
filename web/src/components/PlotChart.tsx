/**
 * A chart drawn by Observable Plot (SVG), with a text alternative: a figure with a caption, the
 * SVG labelled, and the data it shows available as a table for screen readers and keyboard users.
 * Plot is loaded with the first chart, not with the app.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type * as PlotTypes from '@observablehq/plot';
import { TableScroll } from './TableScroll';

type PlotModule = typeof PlotTypes;

let plotModule: Promise<PlotModule> | undefined;
function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

export interface PlotChartProps {
  /** What the chart shows, in one sentence (its accessible name and caption). */
  readonly label: string;
  /** Builds the Plot options from the loaded module (marks need it). */
  readonly build: (Plot: PlotModule, width: number) => PlotTypes.PlotOptions;
  /** The data as a table (headers and rows), shown under "Show the numbers". */
  readonly table?: { readonly columns: readonly string[]; readonly rows: readonly (readonly ReactNode[])[] };
  readonly testId?: string;
}

export function PlotChart({ label, build, table, testId }: PlotChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const el = holder.current;
    if (el === null) return;
    loadPlot()
      .then((Plot) => {
        if (!live) return;
        const width = Math.max(280, Math.min(720, el.clientWidth || 640));
        const chart = Plot.plot({ ...build(Plot, width), width, ariaLabel: label });
        chart.setAttribute('role', 'img');
        // The chart is one image named by its label (its numbers are in the table below): its
        // marks and axes are hidden from assistive technology, as an image's parts are.
        for (const part of Array.from(chart.children)) part.setAttribute('aria-hidden', 'true');
        el.replaceChildren(chart);
      })
      .catch(() => live && setFailed('The chart could not be drawn; the numbers are in the table below.'));
    return () => {
      live = false;
    };
  }, [build, label]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <div ref={holder} className="chart-plot" data-chart="plot" />
      {failed !== undefined && <p className="state-problem">{failed}</p>}
      {table !== undefined && (
        <details className="chart-table">
          <summary>Show the numbers</summary>
          <TableScroll label={`${label}: the numbers`}>
            <table>
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      )}
    </figure>
  );
}
