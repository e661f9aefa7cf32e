/**
 * The audit log: every change anyone made (sign-ins, accounts, imports, runs, inquiries), newest
 * first, each event chained to the one before by its hash — and "Verify" recomputes the chain on
 * the server to show nobody edited the log.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, query, type ApiProblem } from '../../api';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { when } from '../../format';
import { useAll, type AuditEvent, type AuditVerify, type User } from './admin-api';
import { problemOf } from './admin-ui';
import { TableScroll } from '../../components/TableScroll';

const PAGE = 50;

const ACTIONS: Readonly<Record<string, string>> = {
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'user.create': 'Created an account',
  'user.disable': 'Disabled an account',
  'user.password': 'Changed a password',
  'org.import': 'Imported an org version',
  'org.adjust': 'Added an adjustment (new org version)',
  'run.create': 'Calculated a run',
  'run.approve': 'Approved a run',
  'run.publish': 'Published a run',
  'inquiry.open': 'Opened an inquiry',
  'inquiry.answer': 'Answered an inquiry',
  'inquiry.message': 'Replied to an inquiry',
  'inquiry.resolve': 'Resolved an inquiry',
};

function details(e: AuditEvent): string {
  const parts: string[] = [];
  if (e.before !== null && e.before !== undefined) parts.push(`before: ${JSON.stringify(e.before)}`);
  if (e.after !== null && e.after !== undefined) parts.push(`after: ${JSON.stringify(e.after)}`);
  return parts.join('\n');
}

export default function Audit() {
  const users = useAll<User>('/api/users', 'The accounts');
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.username])), [users.data]);
  const [filter, setFilter] = useState<{ entity: string; action: string }>({ entity: '', action: '' });
  const [draft, setDraft] = useState<{ entity: string; action: string }>({ entity: '', action: '' });
  const [events, setEvents] = useState<readonly AuditEvent[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const [verify, setVerify] = useState<{ state: 'idle' | 'busy' } | { state: 'done'; result: AuditVerify } | { state: 'failed'; problem: ApiProblem }>({ state: 'idle' });

  const pathFor = useCallback(
    (cursor: string | undefined) => `/api/audit${query({ limit: PAGE, entity: filter.entity === '' ? undefined : filter.entity, action: filter.action === '' ? undefined : filter.action, cursor })}`,
    [filter],
  );

  useEffect(() => {
    let live = true;
    setLoading(true);
    setProblem(undefined);
    api
      .get<{ items: AuditEvent[]; next_cursor: string | null }>(pathFor(undefined))
      .then((page) => {
        if (!live) return;
        setEvents(page.items);
        setNext(page.next_cursor);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setEvents(undefined);
        setProblem(problemOf(e, 'The audit log could not be loaded. Reload the page.'));
        setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [pathFor, tick]);

  const more = async () => {
    if (next === null) return;
    setLoading(true);
    try {
      const page = await api.get<{ items: AuditEvent[]; next_cursor: string | null }>(pathFor(next));
      setEvents((old) => [...(old ?? []), ...page.items]);
      setNext(page.next_cursor);
    } catch (e) {
      setProblem(problemOf(e, 'Older events could not be loaded. Try again.'));
    } finally {
      setLoading(false);
    }
  };

  const runVerify = async () => {
    setVerify({ state: 'busy' });
    try {
      setVerify({ state: 'done', result: await api.get<AuditVerify>('/api/audit/verify') });
    } catch (e) {
      setVerify({ state: 'failed', problem: problemOf(e, 'The chain could not be verified. Try again.') });
    }
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ entity: draft.entity.trim(), action: draft.action.trim() });
  };

  return (
    <Page title="Audit log" subtitle="Every change, who made it and when — each event sealed with the hash of the one before.">
      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Is the log intact?</h2>
        <p className="muted">Verifying recomputes every event&apos;s hash from its content and the hash before it: an edited, removed or inserted event breaks the chain.</p>
        <button type="button" className="primary" onClick={() => void runVerify()} disabled={verify.state === 'busy'}>
          {verify.state === 'busy' ? 'Verifying…' : 'Verify the chain'}
        </button>
        <div aria-live="polite" data-testid="verify-result">
          {verify.state === 'done' &&
            (verify.result.ok ? (
              <p className="admin-verdict good" role="status">
                The chain is intact: all {verify.result.events} events fit together, none was changed.
              </p>
            ) : (
              <p className="admin-verdict bad" role="alert">
                The chain is broken at event {verify.result.broken?.id}: {verify.result.broken?.reason}. Someone changed the log outside Tandem; restore the database from a backup and find out who.
              </p>
            ))}
          {verify.state === 'failed' && <Problem problem={verify.problem} />}
        </div>
      </section>

      <h2>Events</h2>
      <form className="form-row admin-filter-row" onSubmit={apply} aria-label="Filter the events">
        <div>
          <label htmlFor="audit-entity">Entity</label>
          <input id="audit-entity" value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })} placeholder="run, user, org_version, inquiry…" list="audit-entities" />
          <datalist id="audit-entities">
            {['run', 'user', 'org_version', 'inquiry'].map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} placeholder="run.approve, user.create…" list="audit-actions" />
          <datalist id="audit-actions">
            {Object.keys(ACTIONS).map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </div>
        <button type="submit">Show</button>
        {(filter.entity !== '' || filter.action !== '') && (
          <button
            type="button"
            onClick={() => {
              setDraft({ entity: '', action: '' });
              setFilter({ entity: '', action: '' });
            }}
          >
            Show all
          </button>
        )}
      </form>
      {problem !== undefined && <Problem problem={problem} retry={() => setTick((t) => t + 1)} />}
      {events === undefined && loading && <Loading what="the audit log" />}
      {events !== undefined &&
        (events.length === 0 ? (
          <Empty title="No event matches.">{filter.entity !== '' || filter.action !== '' ? 'Change the filter, or show all events.' : 'Events appear here as soon as anyone signs in or changes anything.'}</Empty>
        ) : (
          <>
            <TableScroll className="admin-scroll" label="Audit events">
              <table className="admin-table admin-stack" data-testid="audit-table">
                <caption className="visually-hidden">Audit events, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">On</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((e) => (
                    <tr key={e.id} data-audit-id={e.id} data-action={e.action}>
                      <th scope="row">{e.id}</th>
                      <td data-label="When">{when(e.at)}</td>
                      <td data-label="Who">{e.actor_id === null ? <span className="muted">Tandem</span> : (names.get(e.actor_id) ?? `account ${e.actor_id}`)}</td>
                      <td data-label="What">
                        {ACTIONS[e.action] ?? e.action}
                        <br />
                        <code className="muted">{e.action}</code>
                      </td>
                      <td data-label="On">
                        {e.entity} {e.entity_id}
                      </td>
                      <td data-label="Details">
                        {details(e) !== '' && (
                          <details>
                            <summary>Show</summary>
                            <pre className="admin-audit-details">{details(e)}</pre>
                          </details>
                        )}
                        <code className="admin-hash" title={e.hash}>
                          {e.hash.slice(0, 12)}
                        </code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {next !== null && (
              <div className="admin-form-actions">
                <button type="button" onClick={() => void more()} disabled={loading}>
                  {loading ? 'Loading…' : 'Show older events'}
                </button>
              </div>
            )}
          </>
        ))}
    </Page>
  );
}
