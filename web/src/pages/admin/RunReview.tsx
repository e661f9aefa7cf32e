/**
 * Reviewing a run before anyone sees it: what it pays in all, and against the last approved run of
 * its period who gains, who loses, by how much, and why (the lines that moved, in the engine's
 * words). Then approve (the run never changes after) and publish (its statements reach the people
 * they pay). Every amount is the API's decimal string.
 */
import { Link, useParams, useSearch } from 'wouter';
import { api } from '../../api';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loaded } from '../../components/States';
import { period as periodLabel, when } from '../../format';
import { useApi } from '../../useApi';
import { diffLineName, isNegative, isZero, personLabel, usePeopleNames, type PersonChange, type Person, type Run, type RunDiff } from './admin-api';
import { TableScroll } from '../../components/TableScroll';
import { ConfirmStep, Delta, RunStatus } from './admin-ui';

export default function RunReview() {
  const { id } = useParams<{ id: string }>();
  const existing = new URLSearchParams(useSearch()).get('existing') === '1';
  const state = useApi<RunDiff>(`/api/runs/${encodeURIComponent(id)}/diff`);
  const names = usePeopleNames();
  const title = state.data ? `Run ${state.data.run.id} · ${periodLabel(state.data.run.period)}` : `Run ${id}`;

  const step = async (action: 'approve' | 'publish') => {
    await api.post<Run>(`/api/runs/${encodeURIComponent(id)}/${action}`);
    state.reload();
  };

  return (
    <Page title={title} subtitle={<Link href="/admin/runs">All runs</Link>}>
      <Loaded state={state} what="the run and its differences">
        {({ run, baseline, diff }) => (
          <>
            {existing && (
              <p className="state" role="status">
                A run with exactly these inputs (this org version, this period) already existed: this is it. Change the org to calculate something new.
              </p>
            )}
            <div className="grid admin-run-facts">
              <div className="stat">
                <div className="label">Status</div>
                <div className="value">
                  <RunStatus status={run.status} />
                </div>
              </div>
              <div className="stat">
                <div className="label">Pays in all</div>
                <div className="value" data-testid="run-total">
                  {Object.entries(run.totals ?? {}).map(([currency, amount]) => (
                    <div key={currency}>
                      <Money amount={amount} currency={currency} />
                    </div>
                  ))}
                </div>
              </div>
              <div className="stat">
                <div className="label">Statements</div>
                <div className="value">{run.statement_count ?? '—'}</div>
              </div>
              <div className="stat">
                <div className="label">Calculated</div>
                <div className="value admin-small">
                  {when(run.created_at)} on org version {run.version_id}
                </div>
              </div>
            </div>

            <section aria-labelledby="next-step" className="card">
              <h2 id="next-step">Next step</h2>
              {run.status === 'draft' && (
                <>
                  <p>Check the differences below. Approving freezes this run: its statements never change after, and a correction becomes an adjustment in a later run.</p>
                  <ConfirmStep
                    label="Approve this run"
                    primary
                    question={`Approve run ${run.id} of ${periodLabel(run.period)}? It can never be changed after.`}
                    confirmLabel={`Yes, approve run ${run.id}`}
                    onConfirm={() => step('approve')}
                  />
                </>
              )}
              {run.status === 'approved' && (
                <>
                  <p>Approved {run.approved_at !== null ? when(run.approved_at) : ''}. Publishing shows its statements to the people they pay and to their managers.</p>
                  <ConfirmStep
                    label="Publish this run"
                    primary
                    question={`Publish run ${run.id}? ${run.statement_count ?? 'Its'} statements become visible to the people they pay and their managers.`}
                    confirmLabel={`Yes, publish run ${run.id}`}
                    onConfirm={() => step('publish')}
                  />
                </>
              )}
              {run.status === 'published' && <p>Published {run.published_at !== null ? when(run.published_at) : ''}: the people it pays can read their statements and ask about any line.</p>}
            </section>

            <h2>Against the last approved run</h2>
            {baseline === null ? (
              <p data-testid="baseline">No run of {periodLabel(run.period)} had been approved when this one was calculated, so every statement below is new.</p>
            ) : (
              <p data-testid="baseline">
                Compared with <Link href={`/admin/runs/${baseline.id}`}>run {baseline.id}</Link> (org version {baseline.version_id}, {baseline.status}). {diff.unchanged} statement{diff.unchanged === 1 ? '' : 's'} did not change.
              </p>
            )}
            <div className="grid">
              {Object.entries(diff.net).map(([currency, amount]) => (
                <div className="stat" key={currency}>
                  <div className="label">Net change ({currency})</div>
                  <div className="value" data-testid={`net-${currency}`}>
                    <Delta amount={amount} currency={currency} />
                  </div>
                </div>
              ))}
            </div>
            {diff.changes.length === 0 ? (
              <Empty title="Nobody's pay changes.">Every statement is the same as in the approved run. There is nothing new to approve unless the org changed in a way that pays no differently.</Empty>
            ) : (
              <>
                <ChangeTable title="Who gains" id="gains" rows={diff.changes.filter((c) => !isZero(c.delta) && !isNegative(c.delta))} names={names} empty="Nobody gains." />
                <ChangeTable title="Who loses" id="losses" rows={diff.changes.filter((c) => isNegative(c.delta))} names={names} empty="Nobody loses." />
                <ChangeTable title="Lines moved, same total" id="moved" rows={diff.changes.filter((c) => isZero(c.delta))} names={names} empty="" />
              </>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function ChangeTable({ title, id, rows, names, empty }: { readonly title: string; readonly id: string; readonly rows: readonly PersonChange[]; readonly names: ReadonlyMap<string, Person>; readonly empty: string }) {
  if (rows.length === 0 && empty === '') return null;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <TableScroll className="admin-scroll" label={title}>
          <table className="admin-table admin-stack" data-testid={`changes-${id}`}>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Plan</th>
                <th scope="col" className="num">
                  Before
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Change
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={`${c.person_id} ${c.plan} ${c.currency}`} data-person-id={c.person_id} data-plan={c.plan}>
                  <th scope="row">{personLabel(names, c.person_id)}</th>
                  <td data-label="Plan" className="admin-nowrap admin-wide">
                    {c.plan}
                  </td>
                  <td data-label="Before" className="num">
                    {c.before === null ? <span className="muted">new</span> : <Money amount={c.before} currency={c.currency} />}
                  </td>
                  <td data-label="After" className="num">
                    {c.after === null ? <span className="muted">gone</span> : <Money amount={c.after} currency={c.currency} />}
                  </td>
                  <td data-label="Change" className="num" data-testid="delta">
                    <Delta amount={c.delta} currency={c.currency} />
                  </td>
                  <td data-label="Why" className="admin-wide">
                    <ul className="admin-why-list">
                      {c.lines.map((l) => (
                        <li key={l.line} data-line={l.line}>
                          <strong>{diffLineName(l.line)}</strong> <Delta amount={l.delta} currency={c.currency} />: {l.why}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
