/**
 * A measure's payout curve (attainment → payout factor, as the engine computes it for the plan)
 * with the person's attainment marked on it. The numbers behind the drawing are the API's; the
 * floats here only place marks on the picture.
 */
import { useCallback } from 'react';
import { PlotChart } from '../../components/PlotChart';
import { percent } from '../../format';
import type { MeasureJson, PlanMeasure } from './member-api';

const HIDDEN = 'true';

export function PayoutCurve({ measure, plan, name }: { readonly measure: MeasureJson; readonly plan: PlanMeasure; readonly name: string }) {
  const build = useCallback<Parameters<typeof PlotChart>[0]['build']>(
    (Plot, width) => {
      const points = plan.curve.map((p) => ({ attainment: Number(p.attainment), factor: Number(p.factor) }));
      const you = { attainment: Number(measure.attainment), factor: Number(measure.factor) };
      const xMax = Math.max(you.attainment * 1.05, ...points.map((p) => p.attainment), 1);
      const yMax = Math.max(you.factor * 1.1, ...points.map((p) => p.factor), 1) * 1.05;
      const right = you.attainment > xMax * 0.7;
      return {
        height: Math.round(Math.min(300, Math.max(200, width * 0.45))),
        marginLeft: 52,
        marginRight: 16,
        marginBottom: 40,
        style: { fontSize: '12px', color: '#1b2330' },
        x: { domain: [0, xMax] },
        y: { domain: [0, yMax] },
        // The SVG is one image (role img, labelled); its parts are hidden from assistive technology,
        // which reads the caption and the table instead.
        marks: [
          Plot.gridX({ ariaHidden: HIDDEN, strokeOpacity: 0.08 }),
          Plot.gridY({ ariaHidden: HIDDEN, strokeOpacity: 0.08 }),
          Plot.axisX({ ariaHidden: HIDDEN, label: 'Attainment →', tickFormat: '.0%', labelAnchor: 'right' }),
          Plot.axisY({ ariaHidden: HIDDEN, label: '↑ Payout factor', tickFormat: '.0%', labelAnchor: 'top' }),
          Plot.ruleY([0], { ariaHidden: HIDDEN, stroke: '#4d5869' }),
          Plot.ruleX([0], { ariaHidden: HIDDEN, stroke: '#4d5869' }),
          Plot.line(points, { ariaHidden: HIDDEN, x: 'attainment', y: 'factor', stroke: '#1f5fbf', strokeWidth: 2.5 }),
          Plot.ruleX([you], { ariaHidden: HIDDEN, x: 'attainment', stroke: '#a3261b', strokeDasharray: '4 3' }),
          Plot.dot([you], { ariaHidden: HIDDEN, x: 'attainment', y: 'factor', r: 6, fill: '#a3261b', stroke: '#ffffff', strokeWidth: 1.5 }),
          Plot.text([you], {
            ariaHidden: HIDDEN,
            x: 'attainment',
            y: 'factor',
            text: () => `You: ${percent(measure.attainment)}`,
            dx: right ? -10 : 10,
            dy: -12,
            textAnchor: right ? 'end' : 'start',
            fill: '#a3261b',
            fontWeight: 600,
            stroke: '#ffffff',
            strokeWidth: 3,
            paintOrder: 'stroke',
          }),
        ],
      };
    },
    [measure.attainment, measure.factor, plan.curve],
  );
  return (
    <div className="member-curve" data-testid={`curve-${measure.id}`} data-attainment={measure.attainment} data-factor={measure.factor}>
      <PlotChart
        label={`${name}: payout curve, with your attainment of ${percent(measure.attainment)} marked (payout factor ${percent(measure.factor)})`}
        build={build}
        table={{
          columns: ['Attainment', 'Payout factor'],
          rows: [
            ...plan.curve.map((p) => [percent(p.attainment), percent(p.factor)]),
            [<strong key="a">You: {percent(measure.attainment)}</strong>, <strong key="f">{percent(measure.factor)}</strong>],
          ],
        }}
      />
    </div>
  );
}
