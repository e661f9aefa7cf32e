/** The simulation's charts, shared by the simulate and compare pages. */
import { useMemo } from 'react';
import { money } from '../../format';
import { compact, HistogramChart, type Marker } from './Charts';
import { multiple, type SimulateJson } from './leader-api';

/** A bin edge of the cost histogram (a number the API gives) as whole currency, for reading a range. */
export function wholeMoney(n: number, currency: string): string {
  try {
    return n.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
  } catch {
    return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  }
}

export function CostHistogram({ report, testId = 'cost-histogram' }: { readonly report: SimulateJson; readonly testId?: string }) {
  const markers = useMemo<Marker[]>(
    () => [
      { label: 'P10', at: Number(report.cost.p10), text: money(report.cost.p10, report.currency) },
      { label: 'P50', at: Number(report.cost.p50), text: money(report.cost.p50, report.currency) },
      { label: 'P90', at: Number(report.cost.p90), text: money(report.cost.p90, report.currency) },
    ],
    [report],
  );
  return (
    <HistogramChart
      label={`Cost distribution of ${report.plan} over ${report.trials.toLocaleString('en-US')} trials: P10 ${money(report.cost.p10, report.currency)}, P50 ${money(report.cost.p50, report.currency)}, P90 ${money(report.cost.p90, report.currency)}`}
      histogram={report.histograms.cost}
      markers={markers}
      xLabel={`Annual cost (${report.currency})`}
      yLabel="Trials"
      xTick={compact}
      binText={(a, b) => `${wholeMoney(a, report.currency)} – ${wholeMoney(b, report.currency)}`}
      testId={testId}
    />
  );
}

export function PayoutToTiHistogram({ report, testId = 'payout-ti-histogram' }: { readonly report: SimulateJson; readonly testId?: string }) {
  const p = report.payout_to_ti;
  const markers = useMemo<Marker[]>(
    () => [
      { label: 'P10', at: p.p10, text: multiple(p.p10) },
      { label: 'P50', at: p.p50, text: multiple(p.p50) },
      { label: 'P90', at: p.p90, text: multiple(p.p90) },
    ],
    [p],
  );
  return (
    <HistogramChart
      label={`Payout ÷ target incentive per person and trial for ${report.plan}: P10 ${multiple(p.p10)}, P50 ${multiple(p.p50)}, P90 ${multiple(p.p90)} (1.00× is paid exactly the target incentive)`}
      histogram={report.histograms.payout_to_ti}
      markers={markers}
      xLabel="Payout ÷ target incentive"
      yLabel="Person-trials"
      xTick={(n) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })}×`}
      binText={(a, b) => `${a.toLocaleString('en-US', { maximumFractionDigits: 3 })}× – ${b.toLocaleString('en-US', { maximumFractionDigits: 3 })}×`}
      testId={testId}
    />
  );
}
