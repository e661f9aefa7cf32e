/**
 * Runs: calculate a period on the current org version, and every run so far — its status, its
 * totals (the API's exact amounts) — each opening its review page.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api, type ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loaded, Problem } from '../../components/States';
import { period as periodLabel, when } from '../../format';
import { useAll, type Run, type RunCreated } from './admin-api';
import { problemOf, RunStatus } from './admin-ui';
import { TableScroll } from '../../components/TableScroll';

export default function Runs() {
  const runs = useAll<Run>('/api/runs', 'The runs');
  const [, navigate] = useLocation();
  const [period, setPeriod] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);

  const calculate = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const made = await api.post<RunCreated>('/api/runs', { period: period.trim() });
      navigate(`/admin/runs/${made.run.id}${made.created ? '' : '?existing=1'}`);
    } catch (err) {
      setProblem(problemOf(err, 'The period could not be calculated. Try again.'));
      setBusy(false);
    }
  };

  const periods = [...new Set((runs.data ?? []).map((r) => r.period))];
  return (
    <Page title="Runs" subtitle="Calculate a period, review who gains or loses against the last approved run, approve, publish.">
      <form className="card" onSubmit={(e) => void calculate(e)} aria-labelledby="calc-heading">
        <h2 id="calc-heading">Calculate a period</h2>
        <p className="muted">The run uses the current org version. Nobody sees it until you approve and publish it.</p>
        <div className="form-row">
          <div>
            <label htmlFor="run-period">Period</label>
            <input id="run-period" name="period" required value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2026-Q3" list="known-periods" aria-describedby="run-period-hint" autoComplete="off" />
            <datalist id="known-periods">
              {periods.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Calculating…' : 'Calculate'}
          </button>
        </div>
        <p id="run-period-hint" className="admin-hint">
          A fiscal period: a year (2026), a half (2026-H1), a quarter (2026-Q3) or a month (2026-M07).
        </p>
        {problem !== undefined && <Problem problem={problem} />}
      </form>

      <h2>Every run</h2>
      <Loaded state={runs} what="the runs">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No run yet.">Calculate a period above to make the first one.</Empty>
          ) : (
            <TableScroll className="admin-scroll" label="Runs">
              <table className="admin-table admin-stack" data-testid="runs-table">
                <caption className="visually-hidden">Runs, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Period</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Statements
                    </th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col">Org version</th>
                    <th scope="col">Calculated</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.id} data-run-id={r.id}>
                      <th scope="row">
                        <Link href={`/admin/runs/${r.id}`}>Run {r.id}</Link>
                      </th>
                      <td data-label="Period">{periodLabel(r.period)}</td>
                      <td data-label="Status">
                        <RunStatus status={r.status} />
                      </td>
                      <td data-label="Statements" className="num">{r.statement_count ?? '—'}</td>
                      <td data-label="Total" className="num">
                        {Object.entries(r.totals ?? {}).map(([currency, amount]) => (
                          <div key={currency}>
                            <Money amount={amount} currency={currency} />
                          </div>
                        ))}
                      </td>
                      <td data-label="Org version">{r.version_id}</td>
                      <td data-label="Calculated">{when(r.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Loaded>
    </Page>
  );
}
