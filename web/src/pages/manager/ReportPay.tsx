/**
 * /team/:personId/pay: a report's published statements, newest period first, each compact — the
 * total and every line (attainment and payout per measure, SPIFs, adjustments) — with the whole
 * statement explained a click away. Every figure is the API's.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'wouter';
import type { z } from 'zod';
import type { StatementJson } from '../../../../src/core/output';
import type { plansSchema, runSchema } from '../../../../src/server/schemas';
import { ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Empty, Loading, Problem } from '../../components/States';
import { day, percent, period } from '../../format';
import { allPages, useApi } from '../../useApi';
import { ReportFrame, reportHref, type Person } from './ReportFrame';
import { TableScroll } from '../../components/TableScroll';

type Run = z.infer<typeof runSchema>;
type Plans = z.infer<typeof plansSchema>;

export interface StatementRecord {
  readonly id: number;
  readonly run_id: number;
  readonly run_status: string;
  readonly statement: StatementJson;
}

/** How many published runs back the page looks. */
const RUNS_SHOWN = 8;

export default function ReportPay() {
  const { personId = '' } = useParams<{ personId: string }>();
  return <ReportFrame personId={personId} section="pay">{(p) => <PayList person={p} />}</ReportFrame>;
}

/** The person's statements in the latest published runs (each run's own statements list, filtered to them). */
function useStatementsOf(personId: string) {
  const [state, setState] = useState<{ data: readonly { run: Run; statements: StatementRecord[] }[] | undefined; problem: ApiProblem | undefined }>({ data: undefined, problem: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ data: undefined, problem: undefined });
    (async () => {
      const runs = (await allPages<Run>('/api/runs?status=published', RUNS_SHOWN)).slice(0, RUNS_SHOWN);
      const lists = await Promise.all(runs.map((r) => allPages<StatementRecord>(`/api/runs/${r.id}/statements?person_id=${encodeURIComponent(personId)}`)));
      return runs.map((run, i) => ({ run, statements: lists[i] ?? [] })).filter((x) => x.statements.length > 0);
    })()
      .then((data) => live && setState({ data, problem: undefined }))
      .catch((e: unknown) => live && setState({ data: undefined, problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', 'The statements could not be loaded. Reload the page.') }));
    return () => {
      live = false;
    };
  }, [personId, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

function PayList({ person }: { readonly person: Person }) {
  const statements = useStatementsOf(person.id);
  const plans = useApi<Plans>('/api/plans');
  if (statements.problem !== undefined) return <Problem problem={statements.problem} retry={statements.reload} />;
  if (statements.data === undefined) return <Loading what={`${person.name}'s statements`} />;
  if (statements.data.length === 0) {
    return (
      <Empty title={`No published statement of ${person.name} that you may see.`}>
        <p>Statements appear here once an admin publishes a run that pays them. Leaders see only their own pay.</p>
      </Empty>
    );
  }
  const measureName = (plan: string, id: string) => plans.data?.items.find((p) => p.id === plan)?.measures.find((m) => m.id === id)?.name ?? id;
  const planName = (plan: string) => plans.data?.items.find((p) => p.id === plan)?.name ?? plan;
  return (
    <div className="report-pay">
      {statements.data.map(({ run, statements: list }) => (
        <section key={run.id} aria-labelledby={`run-${run.id}`} data-run={run.id}>
          <h2 id={`run-${run.id}`}>
            {period(run.period)} <span className="team-sub-inline">published {run.published_at === null ? '' : day(run.published_at)}</span>
          </h2>
          {list.map((r) => (
            <article key={r.id} className="card" aria-labelledby={`statement-${r.id}`} data-statement={r.id}>
              <h3 id={`statement-${r.id}`}>
                {planName(r.statement.plan)} · total <Money amount={r.statement.total} currency={r.statement.currency} className="report-total" />
              </h3>
              <TableScroll label="Statement lines table">
                <table>
                  <caption className="visually-hidden">
                    Lines of the {period(r.statement.period)} statement ({planName(r.statement.plan)})
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col" className="num">
                        Attainment
                      </th>
                      <th scope="col" className="num">
                        Payout
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.statement.measures.map((m) => (
                      <tr key={m.id} data-line={m.id}>
                        <th scope="row">{measureName(r.statement.plan, m.id)}</th>
                        <td className="num">{percent(m.attainment)}</td>
                        <td className="num">
                          <Money amount={m.payout} currency={r.statement.currency} />
                        </td>
                      </tr>
                    ))}
                    {r.statement.spiffs.map((s, i) => (
                      <tr key={`spiff-${i}`}>
                        <th scope="row">
                          SPIF {s.id} <span className="team-sub-inline">deal {s.deal_id}</span>
                        </th>
                        <td className="num">—</td>
                        <td className="num">
                          <Money amount={s.payout} currency={r.statement.currency} />
                        </td>
                      </tr>
                    ))}
                    {r.statement.adjustments.map((a, i) => (
                      <tr key={`adjustment-${i}`}>
                        <th scope="row">
                          Adjustment <span className="team-sub-inline">{a.reason}</span>
                        </th>
                        <td className="num">—</td>
                        <td className="num">
                          <Money amount={a.amount} currency={r.statement.currency} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">Total</th>
                      <td />
                      <td className="num">
                        <Money amount={r.statement.total} currency={r.statement.currency} />
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </TableScroll>
              <p>
                <Link href={`${reportHref(person.id)}/statements/${r.id}`}>Explain this statement line by line</Link>
              </p>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
