/**
 * /compare: two plans simulated over the same people with the same seed (POST /api/compare),
 * side by side — cost and its spread, payout ÷ target incentive, controllability — then who gains
 * and who loses under B, what had to be assumed (quotas lent, people left out) and the
 * diagnostics one plan has and the other not. The run is in the address (?a=&b=&trials=&seed=).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'wouter';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { money } from '../../format';
import { useApi } from '../../useApi';
import { BarsChart, compact, OverlayChart } from './Charts';
import { FindingList } from './Findings';
import { DEFAULT_TRIALS, MAX_TRIALS, multiple, share, type CompareJson, type Plan, type SimulateJson } from './leader-api';
import { wholeMoney } from './SimulationCharts';
import { MAX_SEED, seedProblem, TrialsAndSeed, trialsProblem, wholeNumber } from './SimulationForm';
import { usePost } from './usePost';
import { TableScroll } from '../../components/TableScroll';

/** Above this many people the gains chart shows the largest gains and losses only (the table has all). */
const CHART_PEOPLE = 30;

export default function Compare() {
  const plans = useApi<{ items: Plan[] }>('/api/plans');
  const [params, setParams] = useSearchParams();
  const asked = { a: params.get('a'), b: params.get('b'), trials: wholeNumber(params.get('trials'), 1, MAX_TRIALS), seed: wholeNumber(params.get('seed'), 0, MAX_SEED) };
  const body = asked.a !== null && asked.b !== null && asked.a !== asked.b && asked.trials !== undefined && asked.seed !== undefined ? { plans: [asked.a, asked.b], trials: asked.trials, seed: asked.seed } : null;
  const result = usePost<CompareJson>('/api/compare', body);

  const [a, setA] = useState(asked.a ?? '');
  const [b, setB] = useState(asked.b ?? '');
  const [trials, setTrials] = useState(String(asked.trials ?? DEFAULT_TRIALS));
  const [seed, setSeed] = useState(String(asked.seed ?? 1));
  const [problems, setProblems] = useState<{ trials?: string; seed?: string; plans?: string }>({});
  const ids = plans.data?.items.map((p) => p.id) ?? [];
  const [first, second] = ids;
  useEffect(() => {
    if (a === '' && first !== undefined) setA(first);
    if (b === '' && second !== undefined) setB(second);
  }, [a, b, first, second]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = { trials: trialsProblem(trials), seed: seedProblem(seed), plans: a === b ? 'Pick two different plans: A and B are the same.' : undefined };
    setProblems(found);
    if (found.trials !== undefined || found.seed !== undefined || found.plans !== undefined || a === '' || b === '') return;
    setParams({ a, b, trials: trials.trim(), seed: seed.trim() });
  };
  const nameOf = (id: string) => plans.data?.items.find((p) => p.id === id)?.name ?? id;

  return (
    <Page title="Compare two plans" subtitle="Both plans simulated over the same people — everyone on either — with the same seed, so the costs compare like with like.">
      {plans.problem !== undefined ? (
        <Problem problem={plans.problem} retry={plans.reload} />
      ) : plans.data === undefined ? (
        <Loading what="the plans" />
      ) : plans.data.items.length < 2 ? (
        <Empty title="Comparing needs two plans; the current org version has fewer.">
          <p>A Tandem admin can import a second plan (say, next year&apos;s draft) to compare it with this one.</p>
        </Empty>
      ) : (
        <>
          <form className="card leader-form" onSubmit={submit} aria-labelledby="compare-form-title" noValidate>
            <h2 id="compare-form-title" className="visually-hidden">
              What to compare
            </h2>
            <div className="form-row">
              <PlanSelect id="compare-a" label="Plan A" value={a} onChange={setA} plans={plans.data.items} problem={problems.plans} />
              <PlanSelect id="compare-b" label="Plan B" value={b} onChange={setB} plans={plans.data.items} problem={problems.plans} />
              <TrialsAndSeed trials={trials} seed={seed} onTrials={setTrials} onSeed={setSeed} problems={problems} />
              <div>
                <button type="submit" className="primary" disabled={result.loading}>
                  {result.loading ? 'Running…' : 'Compare'}
                </button>
              </div>
            </div>
            {problems.plans !== undefined && (
              <p className="leader-field-problem" id="compare-plans-problem" role="alert">
                {problems.plans}
              </p>
            )}
          </form>
          {result.loading ? (
            <p className="state state-loading" role="status" aria-live="polite" data-testid="running">
              Simulating {body?.plans[0]} and {body?.plans[1]} over {body?.trials.toLocaleString('en-US')} trials each…
            </p>
          ) : result.problem !== undefined ? (
            <Problem problem={result.problem} retry={result.reload} />
          ) : result.data === undefined ? (
            <p className="muted">Pick two plans and compare: {DEFAULT_TRIALS.toLocaleString('en-US')} trials each answer in a second or two.</p>
          ) : (
            <Comparison report={result.data} nameOf={nameOf} />
          )}
        </>
      )}
    </Page>
  );
}

function PlanSelect({ id, label, value, onChange, plans, problem }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly plans: readonly Plan[]; readonly problem: string | undefined }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem !== undefined} aria-describedby={problem === undefined ? undefined : 'compare-plans-problem'}>
        {plans.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
      </select>
    </div>
  );
}

type Row = { readonly label: string; readonly key: string; readonly cell: (r: SimulateJson) => ReactNode; readonly value?: (r: SimulateJson) => string | number };

const ROWS: readonly Row[] = [
  { label: 'People simulated', key: 'people', cell: (r) => String(r.people), value: (r) => r.people },
  { label: 'Target incentive', key: 'target-incentive', cell: (r) => <Money amount={r.target_incentive} currency={r.currency} /> },
  { label: 'Expected cost (mean)', key: 'cost-mean', cell: (r) => <Money amount={r.cost.mean} currency={r.currency} /> },
  { label: 'Cost P10', key: 'cost-p10', cell: (r) => <Money amount={r.cost.p10} currency={r.currency} /> },
  { label: 'Cost P50', key: 'cost-p50', cell: (r) => <Money amount={r.cost.p50} currency={r.currency} /> },
  { label: 'Cost P90', key: 'cost-p90', cell: (r) => <Money amount={r.cost.p90} currency={r.currency} /> },
  { label: 'Cost as a share of bookings', key: 'cost-share', cell: (r) => share(r.cost_share_of_bookings), value: (r) => r.cost_share_of_bookings },
  { label: 'Payout ÷ TI, P10', key: 'ti-p10', cell: (r) => multiple(r.payout_to_ti.p10), value: (r) => r.payout_to_ti.p10 },
  { label: 'Payout ÷ TI, P50', key: 'ti-p50', cell: (r) => multiple(r.payout_to_ti.p50), value: (r) => r.payout_to_ti.p50 },
  { label: 'Payout ÷ TI, P90', key: 'ti-p90', cell: (r) => multiple(r.payout_to_ti.p90), value: (r) => r.payout_to_ti.p90 },
  { label: 'Below a threshold (person-periods)', key: 'below-threshold', cell: (r) => share(r.share_below_threshold), value: (r) => r.share_below_threshold },
  { label: 'At a cap (person-periods)', key: 'at-cap', cell: (r) => share(r.share_at_cap), value: (r) => r.share_at_cap },
  { label: 'Controllability index', key: 'controllability', cell: (r) => share(r.controllability_index), value: (r) => r.controllability_index },
];

function Comparison({ report, nameOf }: { readonly report: CompareJson; readonly nameOf: (id: string) => string }) {
  const { a, b } = report;
  const c = b.currency;
  const gains = report.per_person.filter((p) => !p.delta.startsWith('-') && !/^0+(\.0+)?$/.test(p.delta)).length;
  const losses = report.per_person.filter((p) => p.delta.startsWith('-')).length;
  const charted = report.per_person.length <= CHART_PEOPLE ? report.per_person : [...report.per_person.slice(0, CHART_PEOPLE / 2), ...report.per_person.slice(-CHART_PEOPLE / 2)];
  return (
    <div data-testid="comparison" data-a={a.plan} data-b={b.plan}>
      <section aria-labelledby="side-title" className="leader-section">
        <h2 id="side-title">Side by side</h2>
        <p className="muted">
          Fiscal year {b.year}; {b.trials.toLocaleString('en-US')} trials each, seed {b.seed}.
        </p>
        <TableScroll className="leader-scroll" label={`Plan A and plan B side by side`}>
          <table className="leader-side" data-testid="side-by-side">
            <caption className="visually-hidden">
              Plan A ({a.plan}) and plan B ({b.plan}) side by side
            </caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col" className="num">
                  A: {nameOf(a.plan)} <span className="muted leader-nowrap">({a.plan})</span>
                </th>
                <th scope="col" className="num">
                  B: {nameOf(b.plan)} <span className="muted leader-nowrap">({b.plan})</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="num" data-plan="a" data-value={row.value?.(a)}>
                    {row.cell(a)}
                  </td>
                  <td className="num" data-plan="b" data-value={row.value?.(b)}>
                    {row.cell(b)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="dist-title" className="leader-section">
        <h2 id="dist-title">Cost and payout distributions</h2>
        <OverlayChart
          label={`Annual cost over the trials: A (${a.plan}) P50 ${money(a.cost.p50, a.currency)}, B (${b.plan}) P50 ${money(b.cost.p50, c)}`}
          series={[
            { name: `A: ${a.plan}`, histogram: a.histograms.cost },
            { name: `B: ${b.plan}`, histogram: b.histograms.cost },
          ]}
          xLabel={`Annual cost (${c})`}
          xTick={compact}
          binText={(x, y) => `${wholeMoney(x, c)} – ${wholeMoney(y, c)}`}
          testId="compare-cost"
        />
        <OverlayChart
          label={`Payout ÷ target incentive: A (${a.plan}) P50 ${multiple(a.payout_to_ti.p50)}, B (${b.plan}) P50 ${multiple(b.payout_to_ti.p50)}`}
          series={[
            { name: `A: ${a.plan}`, histogram: a.histograms.payout_to_ti },
            { name: `B: ${b.plan}`, histogram: b.histograms.payout_to_ti },
          ]}
          xLabel="Payout ÷ target incentive"
          xTick={(n) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })}×`}
          binText={(x, y) => `${x.toLocaleString('en-US', { maximumFractionDigits: 3 })}× – ${y.toLocaleString('en-US', { maximumFractionDigits: 3 })}×`}
          testId="compare-ti"
        />
      </section>

      <section aria-labelledby="gains-title" className="leader-section">
        <h2 id="gains-title">Who gains and who loses under B</h2>
        <p data-testid="gain-summary">
          {gains} {gains === 1 ? 'person gains' : 'people gain'}, {losses} {losses === 1 ? 'loses' : 'lose'}
          {report.per_person.length - gains - losses > 0 ? `, ${report.per_person.length - gains - losses} unchanged` : ''} (mean simulated annual payout, B minus A).
        </p>
        {report.per_person.length === 0 ? (
          <p className="muted">No one is on either plan in the year.</p>
        ) : (
          <>
            <BarsChart
              label={`Change in mean annual payout from A (${a.plan}) to B (${b.plan}) per person${charted.length < report.per_person.length ? `: the ${CHART_PEOPLE / 2} largest gains and losses` : ''}`}
              rows={charted.map((p) => ({ name: p.person_id, value: Number(p.delta) }))}
              xLabel={`Change (${c})`}
              xTick={compact}
              bySign
              testId="gains-chart"
              table={{ columns: ['Person', 'Change'], rows: charted.map((p) => [p.person_id, <Money key="d" amount={p.delta} currency={c} />]) }}
            />
            <TableScroll className="leader-scroll" label={`Mean simulated annual payout per person under A and B`}>
              <table className="leader-people" data-testid="per-person-delta">
                <caption className="visually-hidden">Mean simulated annual payout per person under A and B, in {c}</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Role</th>
                    <th scope="col" className="num">
                      Under A
                    </th>
                    <th scope="col" className="num">
                      Under B
                    </th>
                    <th scope="col" className="num">
                      Change
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.per_person.map((p) => (
                    <tr key={p.person_id} data-person={p.person_id}>
                      <th scope="row">
                        <code>{p.person_id}</code>
                      </th>
                      <td>{p.role}</td>
                      <td className="num">
                        <Money amount={p.a_mean} currency={c} />
                      </td>
                      <td className="num">
                        <Money amount={p.b_mean} currency={c} />
                      </td>
                      <td className="num">
                        <Money amount={p.delta} currency={c} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
        {report.borrowed.length > 0 && (
          <details className="leader-note">
            <summary>
              {report.borrowed.length} {report.borrowed.length === 1 ? 'quota or score' : 'quotas and scores'} lent to people moved onto the other plan
            </summary>
            <p className="muted">So that people moved across plans can be paid, each borrows a peer&apos;s targets (same territory or pod where possible):</p>
            <ul className="leader-inline-list">
              {report.borrowed.map((x) => (
                <li key={x}>
                  <code>{x}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
        {report.excluded.length > 0 && (
          <p className="muted">
            Left out of both simulations because one of the plans cannot pay them:{' '}
            {report.excluded.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <code>{id}</code>
              </span>
            ))}
            .
          </p>
        )}
      </section>

      <section aria-labelledby="diff-title" className="leader-section">
        <h2 id="diff-title">Diagnostics that differ</h2>
        <h3 id="only-a">
          Only A ({a.plan}) has <span className="muted">({report.diagnostics.only_a.length})</span>
        </h3>
        <div data-testid="only-a">
          <FindingList findings={report.diagnostics.only_a} heading={4} empty={<p>None: every finding of A, B has too.</p>} />
        </div>
        <h3 id="only-b">
          Only B ({b.plan}) has <span className="muted">({report.diagnostics.only_b.length})</span>
        </h3>
        <div data-testid="only-b">
          <FindingList findings={report.diagnostics.only_b} heading={4} empty={<p>None: every finding of B, A has too.</p>} />
        </div>
      </section>
    </div>
  );
}
