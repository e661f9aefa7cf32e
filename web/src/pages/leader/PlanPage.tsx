/**
 * /plans/:id: one plan — each measure's tiers and payout curve as the engine pays it (GET
 * /api/plans) — and its diagnostics (POST /api/diagnose for this plan), each finding with its
 * evidence and fix; then the way to simulate it or compare it with another plan.
 */
import { Link, useParams } from 'wouter';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { day, decimal, percent } from '../../format';
import { useApi } from '../../useApi';
import { CurveChart } from './Charts';
import { FindingList, severityCounts } from './Findings';
import type { DiagnoseJson, Plan, PlanMeasure } from './leader-api';
import { usePost } from './usePost';
import { TableScroll } from '../../components/TableScroll';

export default function PlanPage() {
  const { id = '' } = useParams<{ id: string }>();
  const plans = useApi<{ items: Plan[] }>('/api/plans');
  const plan = plans.data?.items.find((p) => p.id === id);
  const diagnosis = usePost<DiagnoseJson>('/api/diagnose', plan === undefined ? null : { plans: [plan.id] });
  const other = plans.data?.items.find((p) => p.id !== id);

  if (plans.problem !== undefined) {
    return (
      <Page title="Plan">
        <Problem problem={plans.problem} retry={plans.reload} />
      </Page>
    );
  }
  if (plans.data === undefined) {
    return (
      <Page title="Plan">
        <Loading what="the plan" />
      </Page>
    );
  }
  if (plan === undefined) {
    return (
      <Page title="Plan not found">
        <Empty title={`There is no plan "${id}" in the current org version.`}>
          <p>
            It may have been renamed or removed by the latest import. <Link href="/plans">See every plan</Link>.
          </p>
        </Empty>
      </Page>
    );
  }
  const own = diagnosis.data?.findings.filter((f) => f.plan === plan.id) ?? [];
  const orgWide = diagnosis.data?.findings.filter((f) => f.plan === null) ?? [];
  return (
    <Page
      title={plan.name}
      subtitle={
        <>
          <code>{plan.id}</code> · for {plan.roles === null ? 'every role' : plan.roles.join(', ')} · {day(plan.effective_from)} to {day(plan.effective_to)} · paid per {plan.payout_period}
        </>
      }
      actions={
        <>
          <Link href={`/simulate?plan=${encodeURIComponent(plan.id)}`} className="leader-action">
            Simulate this plan
          </Link>
          {other !== undefined && (
            <Link href={`/compare?a=${encodeURIComponent(plan.id)}&b=${encodeURIComponent(other.id)}`} className="leader-action">
              Compare with another plan
            </Link>
          )}
        </>
      }
    >
      <nav aria-label="Breadcrumb" className="leader-breadcrumb">
        <Link href="/plans">Plans</Link> › <span aria-current="page">{plan.name}</span>
      </nav>

      <section aria-labelledby="measures-title">
        <h2 id="measures-title">Measures and payout curves</h2>
        <div className="leader-measures">
          {plan.measures.map((m) => (
            <MeasureCard key={m.id} measure={m} planName={plan.name} />
          ))}
        </div>
      </section>

      <section aria-labelledby="diagnostics-title" className="leader-section">
        <h2 id="diagnostics-title">Diagnostics</h2>
        {diagnosis.problem !== undefined ? (
          <Problem problem={diagnosis.problem} retry={diagnosis.reload} />
        ) : diagnosis.data === undefined ? (
          <Loading what="the diagnostics (the engine checks the plan against the year's statements)" />
        ) : (
          <>
            <p data-testid="diagnostics-summary">
              Fiscal year {diagnosis.data.year}: {severityCounts(own)} for this plan{orgWide.length > 0 ? `, and ${orgWide.length} org-wide` : ''}.
            </p>
            <FindingList findings={own} empty={<p>No finding: the plan passes every check for this year.</p>} />
            {orgWide.length > 0 && (
              <>
                <h3>Org-wide findings</h3>
                <p className="muted">Recognition and SPIF programs: they concern the SEs of every plan, this one included.</p>
                <FindingList findings={orgWide} heading={4} empty={null} />
              </>
            )}
          </>
        )}
      </section>
    </Page>
  );
}

function MeasureCard({ measure: m, planName }: { readonly measure: PlanMeasure; readonly planName: string }) {
  return (
    <article className="card leader-measure" data-measure={m.id} aria-labelledby={`measure-${m.id}`}>
      <h3 id={`measure-${m.id}`}>
        {m.name} <span className="muted">({m.id})</span>
      </h3>
      <dl className="leader-facts">
        <div>
          <dt>Metric</dt>
          <dd>{m.metric.replace(/_/g, ' ')}</dd>
        </div>
        <div>
          <dt>Weight</dt>
          <dd>{percent(m.weight)}</dd>
        </div>
        <div>
          <dt>Measured</dt>
          <dd>{m.measurement === 'ytd' ? 'year to date' : 'per period'}</dd>
        </div>
        <div>
          <dt>Tiers</dt>
          <dd>{m.mode}</dd>
        </div>
        <div>
          <dt>Threshold</dt>
          <dd>{percent(m.threshold)}</dd>
        </div>
        <div>
          <dt>Cap</dt>
          <dd>{m.cap === null ? 'none' : percent(m.cap)}</dd>
        </div>
      </dl>
      <TableScroll className="leader-scroll" label={`Tiers of ${m.name}`}>
        <table className="leader-tiers">
          <caption className="visually-hidden">Tiers of {m.name}</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Up to attainment</th>
              <th scope="col" className="num">
                Rate
              </th>
            </tr>
          </thead>
          <tbody>
            {m.tiers.map((t, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td>{t.to === null ? 'and above' : percent(t.to)}</td>
                <td className="num">{decimal(t.rate)}×</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {m.curve.length > 1 ? <CurveChart measure={m} planName={planName} /> : <p className="muted">This measure has no curve to draw.</p>}
    </article>
  );
}
