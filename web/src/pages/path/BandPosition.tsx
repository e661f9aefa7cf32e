/**
 * Where base pay sits in the level's band: the band from minimum to maximum with its midpoint, and
 * the base salary on it; compa-ratio and range penetration as the API computed them.
 */
import { useCallback } from 'react';
import type * as PlotTypes from '@observablehq/plot';
import { Money } from '../../components/Money';
import { PlotChart } from '../../components/PlotChart';

/** Marks are hidden from assistive technology: the SVG is one labelled image, the table holds the numbers. */
const HIDDEN = 'true';
import { money, percent } from '../../format';
import type { BandPosition as Position } from './path-api';

const WHERE: Readonly<Record<Position['position'], string>> = {
  below: 'below the band',
  within: 'within the band',
  above: 'above the band',
  no_band: 'no band for this level, location and currency',
};

export function BandPosition({ position, level, self }: { readonly position: Position; readonly level: string; readonly self: boolean }) {
  const band = position.band;
  const build = useCallback(
    (Plot: typeof PlotTypes, width: number): PlotTypes.PlotOptions => {
      if (band === null) return { width, marks: [] };
      // Positions on the chart only: the figures shown are the API's decimal strings.
      const at = (amount: string) => Number(amount);
      const points = [at(band.min), at(band.mid), at(band.max), ...(position.base_salary === '' ? [] : [at(position.base_salary)])];
      const low = Math.min(...points);
      const high = Math.max(...points);
      const pad = (high - low) * 0.12;
      const row = 'band';
      return {
        width,
        height: 120,
        marginLeft: 16,
        marginRight: 16,
        x: { domain: [low - pad, high + pad], label: `base salary (${position.currency}) →`, ticks: width < 420 ? 3 : 6, tickFormat: (d: number) => money(String(d), position.currency).replace(/\.00$/, '') },
        y: { domain: [row], axis: null },
        marks: [
          Plot.barX([{ from: at(band.min), to: at(band.max) }], { ariaHidden: HIDDEN, x1: 'from', x2: 'to', y: () => row, fill: '#d5e3f5', insetTop: 28, insetBottom: 28 }),
          Plot.tickX([at(band.mid)], { ariaHidden: HIDDEN, x: (d: number) => d, y: () => row, stroke: '#1b2330', strokeWidth: 2, insetTop: 22, insetBottom: 22 }),
          Plot.text([at(band.mid)], { ariaHidden: HIDDEN, x: (d: number) => d, y: () => row, text: () => 'midpoint', dy: -28, fontSize: 12, fill: '#1b2330' }),
          Plot.text([at(band.min)], { ariaHidden: HIDDEN, x: (d: number) => d, y: () => row, text: () => 'minimum', textAnchor: 'start', dy: -20, fontSize: 12, fill: '#4d5869' }),
          Plot.text([at(band.max)], { ariaHidden: HIDDEN, x: (d: number) => d, y: () => row, text: () => 'maximum', textAnchor: 'end', dy: -20, fontSize: 12, fill: '#4d5869' }),
          ...(position.base_salary === ''
            ? []
            : [
                Plot.dot([at(position.base_salary)], { ariaHidden: HIDDEN, x: (d: number) => d, y: () => row, r: 7, fill: '#1f5fbf', stroke: '#ffffff', strokeWidth: 2 }),
                Plot.text([at(position.base_salary)], { ariaHidden: HIDDEN, x: (d: number) => d, y: () => row, text: () => (self ? 'your base' : 'base'), dy: 24, fontSize: 12, fill: '#1f5fbf', fontWeight: 600 }),
              ]),
        ],
      };
    },
    [band, position.base_salary, position.currency, self],
  );
  return (
    <div data-testid="band-position">
      <p>
        {position.base_salary === '' ? 'No base salary is recorded.' : <>Base salary <Money amount={position.base_salary} currency={position.currency} /> is {WHERE[position.position]}</>}
        {position.compa_ratio !== null && (
          <>
            {' '}
            — compa-ratio <strong data-compa={position.compa_ratio}>{percent(String(position.compa_ratio))}</strong> of the midpoint
          </>
        )}
        {position.range_penetration !== null && (
          <>
            , <strong data-penetration={position.range_penetration}>{percent(String(position.range_penetration))}</strong> of the way from the band's minimum to its maximum
          </>
        )}
        .
      </p>
      {band !== null && (
        <PlotChart
          label={`${level}'s band from minimum to maximum, its midpoint, and the base salary on it`}
          build={build}
          testId="band-chart"
          table={{
            columns: ['Band minimum', 'Midpoint', 'Band maximum', 'Base salary', 'Compa-ratio', 'Range penetration'],
            rows: [
              [
                <Money key="min" amount={band.min} currency={position.currency} />,
                <Money key="mid" amount={band.mid} currency={position.currency} />,
                <Money key="max" amount={band.max} currency={position.currency} />,
                position.base_salary === '' ? '—' : <Money key="base" amount={position.base_salary} currency={position.currency} />,
                position.compa_ratio === null ? '—' : percent(String(position.compa_ratio)),
                position.range_penetration === null ? '—' : percent(String(position.range_penetration)),
              ],
            ],
          }}
        />
      )}
    </div>
  );
}
