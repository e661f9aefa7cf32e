/**
 * /simulate: Monte-Carlo a plan over a fiscal year (POST /api/simulate) — what it will cost and how
 * that spreads (P10/P50/P90), payout ÷ target incentive, how much of each person's pay follows
 * their own deals (controllability) — before anyone signs it. The run is in the address
 * (?plan=&trials=&seed=), so it can be shared; the same seed gives the same numbers.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { useApi } from '../../useApi';
import { BarsChart } from './Charts';
import { DEFAULT_TRIALS, MAX_TRIALS, multiple, share, type Plan, type SimulateJson } from './leader-api';
import { CostHistogram, PayoutToTiHistogram } from './SimulationCharts';
import { MAX_SEED, seedProblem, TrialsAndSeed, trialsProblem, wholeNumber } from './SimulationForm';
import { Stat } from './Stat';
import { usePost } from './usePost';
import { TableScroll } from '../../components/TableScroll';

export default function Simulate() {
  const plans = useApi<{ items: Plan[] }>('/api/plans');
  const [params, setParams] = useSearchParams();
  const asked = {
    plan: params.get('plan'),
    trials: wholeNumber(params.get('trials'), 1, MAX_TRIALS),
    seed: wholeNumber(params.get('seed'), 0, MAX_SEED),
  };
  const body = asked.plan !== null && asked.trials !== undefined && asked.seed !== undefined ? { plan: asked.plan, trials: asked.trials, seed: asked.seed } : null;
  const result = usePost<SimulateJson>('/api/simulate', body);

  const [plan, setPlan] = useState(asked.plan ?? '');
  const [trials, setTrials] = useState(String(asked.trials ?? DEFAULT_TRIALS));
  const [seed, setSeed] = useState(String(asked.seed ?? 1));
  const [problems, setProblems] = useState<{ trials?: string; seed?: string }>({});
  const first = plans.data?.items[0]?.id;
  useEffect(() => {
    if (plan === '' && first !== undefined) setPlan(first);
  }, [plan, first]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = { trials: trialsProblem(trials), seed: seedProblem(seed) };
    setProblems(found);
    if (found.trials !== undefined || found.seed !== undefined || plan === '') return;
    setParams({ plan, trials: trials.trim(), seed: seed.trim() });
  };

  return (
    <Page title="Simulate a plan" subtitle="Draw the fiscal year many times from the org's own history, pay each draw through the plan, and see what it costs and how it spreads.">
      {plans.problem !== undefined ? (
        <Problem problem={plans.problem} retry={plans.reload} />
      ) : plans.data === undefined ? (
        <Loading what="the plans" />
      ) : plans.data.items.length === 0 ? (
        <Empty title="There is no plan to simulate.">
          <p>A Tandem admin adds plans with an org import; then you can simulate them here.</p>
        </Empty>
      ) : (
        <>
          <form className="card leader-form" onSubmit={submit} aria-labelledby="simulate-form-title" noValidate>
            <h2 id="simulate-form-title" className="visually-hidden">
              What to simulate
            </h2>
            <div className="form-row">
              <div>
                <label htmlFor="simulate-plan">Plan</label>
                <select id="simulate-plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
                  {plans.data.items.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({p.id})
                    </option>
                  ))}
                </select>
              </div>
              <TrialsAndSeed trials={trials} seed={seed} onTrials={setTrials} onSeed={setSeed} problems={problems} />
              <div>
                <button type="submit" className="primary" disabled={result.loading}>
                  {result.loading ? 'Running…' : 'Run the simulation'}
                </button>
              </div>
            </div>
          </form>
          {result.loading ? (
            <p className="state state-loading" role="status" aria-live="polite" data-testid="running">
              Running {body?.trials.toLocaleString('en-US')} trials of {body?.plan}… this takes a few seconds for large orgs.
            </p>
          ) : result.problem !== undefined ? (
            <Problem problem={result.problem} retry={result.reload} />
          ) : result.data === undefined ? (
            <p className="muted">Pick a plan and run the simulation: {DEFAULT_TRIALS.toLocaleString('en-US')} trials answer in about a second; raise them for steadier tails.</p>
          ) : (
            <SimulationResult report={result.data} plan={plans.data.items.find((p) => p.id === result.data?.plan)} />
          )}
        </>
      )}
    </Page>
  );
}

function SimulationResult({ report, plan }: { readonly report: SimulateJson; readonly plan: Plan | undefined }) {
  const c = report.currency;
  const people = [...report.per_person].sort((a, b) => (a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : 0));
  return (
    <div data-testid="simulation" data-plan={report.plan} data-trials={report.trials} data-seed={report.seed}>
      <section aria-labelledby="cost-title" className="leader-section">
        <h2 id="cost-title">
          {plan?.name ?? report.plan}: fiscal year {report.year}
        </h2>
        <p className="muted">
          {report.people} {report.people === 1 ? 'person' : 'people'} on the plan, target incentive <Money amount={report.target_incentive} currency={c} /> in total; {report.trials.toLocaleString('en-US')} trials, seed {report.seed}.
        </p>
        <div className="leader-stats">
          <Stat label="Expected cost (mean)" testId="cost-mean">
            <Money amount={report.cost.mean} currency={c} />
          </Stat>
          <Stat label="Cost P10" testId="cost-p10">
            <Money amount={report.cost.p10} currency={c} />
          </Stat>
          <Stat label="Cost P50" testId="cost-p50">
            <Money amount={report.cost.p50} currency={c} />
          </Stat>
          <Stat label="Cost P90" testId="cost-p90">
            <Money amount={report.cost.p90} currency={c} />
          </Stat>
          <Stat label="Cost as a share of bookings" testId="cost-share">
            {share(report.cost_share_of_bookings)}
          </Stat>
        </div>
        <CostHistogram report={report} />
        <p className="muted">Eight in ten trials cost between the P10 and the P90.</p>
      </section>

      <section aria-labelledby="payout-title" className="leader-section">
        <h2 id="payout-title">Payout ÷ target incentive</h2>
        <div className="leader-stats">
          <Stat label="P10" testId="ti-p10" value={report.payout_to_ti.p10}>
            {multiple(report.payout_to_ti.p10)}
          </Stat>
          <Stat label="P50" testId="ti-p50" value={report.payout_to_ti.p50}>
            {multiple(report.payout_to_ti.p50)}
          </Stat>
          <Stat label="P90" testId="ti-p90" value={report.payout_to_ti.p90}>
            {multiple(report.payout_to_ti.p90)}
          </Stat>
          <Stat label="Below a threshold" hint="of person-periods" testId="below-threshold">
            {share(report.share_below_threshold)}
          </Stat>
          <Stat label="At a cap" hint="of person-periods" testId="at-cap">
            {share(report.share_at_cap)}
          </Stat>
        </div>
        <PayoutToTiHistogram report={report} />
      </section>

      <section aria-labelledby="control-title" className="leader-section">
        <h2 id="control-title">Controllability</h2>
        <div className="leader-stats">
          <Stat label="Controllability index" hint="of payout variance explained by their own deals" testId="controllability" value={report.controllability_index}>
            {share(report.controllability_index)}
          </Stat>
        </div>
        <p>
          For each person, the share of the swings in their annual payout that their own deals explain. Near 100%: their pay moves with what they do. Near 0: it is pod or territory luck. The index is the mean over the plan&apos;s SEs.
        </p>
        {people.length > 0 && (
          <BarsChart
            label={`Controllability per person on ${report.plan} (index ${share(report.controllability_index)}, dashed)`}
            rows={people.map((p) => ({ name: p.person_id, value: p.controllability }))}
            xLabel="Share of payout variance from their own deals"
            xTick=".0%"
            domain={[0, 1]}
            reference={report.controllability_index}
            testId="controllability-chart"
            table={{ columns: ['Person', 'Role', 'Controllability'], rows: people.map((p) => [p.person_id, p.role, share(p.controllability)]) }}
          />
        )}
      </section>

      <section aria-labelledby="people-title" className="leader-section">
        <h2 id="people-title">Simulated annual payout per person</h2>
        {people.length === 0 ? (
          <p className="muted">No one is on this plan in the year.</p>
        ) : (
          <TableScroll className="leader-scroll" label={'Simulated annual payout per person'}>
            <table className="leader-people" data-testid="per-person">
              <caption className="visually-hidden">Simulated annual payout per person, in {c}</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="num">
                    Target incentive
                  </th>
                  <th scope="col" className="num">
                    Mean payout
                  </th>
                  <th scope="col" className="num">
                    P10
                  </th>
                  <th scope="col" className="num">
                    P90
                  </th>
                  <th scope="col" className="num">
                    Controllability
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.person_id} data-person={p.person_id}>
                    <th scope="row">
                      <code>{p.person_id}</code>
                    </th>
                    <td>{p.role}</td>
                    <td className="num">
                      <Money amount={p.target_incentive} currency={c} />
                    </td>
                    <td className="num">
                      <Money amount={p.mean_payout} currency={c} />
                    </td>
                    <td className="num">
                      <Money amount={p.p10_payout} currency={c} />
                    </td>
                    <td className="num">
                      <Money amount={p.p90_payout} currency={c} />
                    </td>
                    <td className="num">{share(p.controllability)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p className="muted">
          Not simulated: churn and clawbacks, SPIFs and adjustments, people joining or leaving beyond the year&apos;s statements. <Link href={`/plans/${encodeURIComponent(report.plan)}`}>The plan&apos;s curves and diagnostics</Link>.
        </p>
      </section>
    </div>
  );
}
