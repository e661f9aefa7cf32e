/**
 * /plans: every plan of the current org version — who it is for, when, its measures and weights,
 * how many diagnostics findings it has (POST /api/diagnose) — and the org-wide findings, each with
 * its evidence and fix. A plan opens to its payout curves and its own findings.
 */
import { Link } from 'wouter';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { day, percent } from '../../format';
import { useApi } from '../../useApi';
import { FindingList, severityCounts } from './Findings';
import type { DiagnoseJson, Plan } from './leader-api';
import { usePost } from './usePost';

export default function Plans() {
  const plans = useApi<{ items: Plan[] }>('/api/plans');
  const diagnosis = usePost<DiagnoseJson>('/api/diagnose', {});
  return (
    <Page title="Plans" subtitle="The comp plans of the current org version, with what the diagnostics find in them.">
      {plans.problem !== undefined ? (
        <Problem problem={plans.problem} retry={plans.reload} />
      ) : plans.data === undefined ? (
        <Loading what="the plans" />
      ) : plans.data.items.length === 0 ? (
        <Empty title="The current org version has no plans.">
          <p>A Tandem admin adds plans (plans/*.yaml) with an org import; then they are listed here with their payout curves and diagnostics.</p>
        </Empty>
      ) : (
        <>
          <ul className="leader-plan-list" aria-label="Plans">
            {plans.data.items.map((p) => {
              const findings = diagnosis.data?.findings.filter((f) => f.plan === p.id);
              return (
                <li key={p.id} className="card leader-plan" data-plan={p.id}>
                  <h2 className="leader-plan-name">
                    <Link href={`/plans/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                  </h2>
                  <p className="muted leader-plan-meta">
                    <code>{p.id}</code> · for {p.roles === null ? 'every role' : p.roles.join(', ')} · {day(p.effective_from)} to {day(p.effective_to)} · paid per {p.payout_period}
                  </p>
                  <ul className="leader-measure-list" aria-label={`Measures of ${p.name}`}>
                    {p.measures.map((m) => (
                      <li key={m.id}>
                        {m.name} <span className="muted">({m.metric.replace(/_/g, ' ')}, weight {percent(m.weight)})</span>
                      </li>
                    ))}
                  </ul>
                  <p className="leader-plan-findings" data-testid="plan-finding-count">
                    {diagnosis.problem !== undefined ? (
                      <span className="muted">Diagnostics could not be run.</span>
                    ) : findings === undefined ? (
                      <span className="muted">Running the diagnostics…</span>
                    ) : (
                      <>Diagnostics: {severityCounts(findings)}.</>
                    )}{' '}
                    <Link href={`/plans/${encodeURIComponent(p.id)}`}>
                      Payout curves and findings<span className="visually-hidden"> of {p.name}</span>
                    </Link>
                  </p>
                </li>
              );
            })}
          </ul>
          <section aria-labelledby="orgwide-title" className="leader-section">
            <h2 id="orgwide-title">Org-wide findings</h2>
            <p className="muted">Recognition and SPIF programs concern the SEs of every plan, so they are found here rather than under one plan.</p>
            {diagnosis.problem !== undefined ? (
              <Problem problem={diagnosis.problem} retry={diagnosis.reload} />
            ) : diagnosis.data === undefined ? (
              <Loading what="the diagnostics" />
            ) : (
              <>
                <p className="muted">
                  Fiscal year {diagnosis.data.year}, from the statements the engine calculated for it.
                </p>
                <FindingList findings={diagnosis.data.findings.filter((f) => f.plan === null)} empty={<p>No org-wide finding: SEs are in the recognition and SPIF programs like their sales peers.</p>} />
              </>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
