/**
 * /inquiries/:id: one inquiry — the line as it was when asked, the thread of messages, the answer
 * and how it was resolved — and a form to add to it while it is not resolved.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { api, ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Loaded, Problem } from '../../components/States';
import { percent, period, when } from '../../format';
import { useUser } from '../../session';
import { useApi } from '../../useApi';
import { lineName, snapshotPeriod, type InquiryThread as Thread } from './member-api';
import { StatusBadge } from './StatusBadge';

export default function InquiryThread() {
  const { id } = useParams<{ id: string }>();
  const valid = /^[1-9]\d{0,14}$/.test(id);
  const state = useApi<Thread>(valid ? `/api/inquiries/${id}` : null);
  if (!valid) {
    return (
      <Page title="Inquiry not found">
        <Problem problem={new ApiProblem(404, 'not_found', `There is no inquiry “${id}”. Open one from your inquiries.`)} />
        <Link href="/inquiries">Your inquiries</Link>
      </Page>
    );
  }
  return (
    <Page title={`Inquiry ${id}`} subtitle={state.data === undefined ? undefined : `About ${state.data.line === 'total' ? 'the total' : lineName(state.data.line)} on your ${period(snapshotPeriod(state.data.line_snapshot) ?? '')} statement`}>
      <Loaded state={state} what="the inquiry">
        {(thread) => <ThreadView thread={thread} reload={state.reload} />}
      </Loaded>
      <p>
        <Link href="/inquiries">All your inquiries</Link>
      </p>
    </Page>
  );
}

function ThreadView({ thread, reload }: { readonly thread: Thread; readonly reload: () => void }) {
  const user = useUser();
  return (
    <>
      <div className="member-thread-head">
        <StatusBadge status={thread.status} />
        <Link href={`/pay/statements/${thread.statement_id}`}>Open the statement</Link>
      </div>
      <section aria-labelledby="snapshot-title" className="card">
        <h2 id="snapshot-title">The line when you asked</h2>
        <Snapshot snapshot={thread.line_snapshot} />
      </section>
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        <ol className="member-thread" data-testid="inquiry-messages">
          {thread.messages.map((m) => (
            <li key={m.id} className={m.author_id === user.id ? 'mine' : 'theirs'} data-author={m.author}>
              <article aria-label={`${m.author_id === user.id ? 'You' : m.author}, ${when(m.created_at)}`}>
                <p className="member-message-meta">
                  <strong>{m.author_id === user.id ? 'You' : m.author}</strong> <span className="muted">{when(m.created_at)}</span>
                </p>
                <p className="member-message-body">{m.body}</p>
              </article>
            </li>
          ))}
        </ol>
      </section>
      {thread.status === 'resolved' ? (
        <section aria-labelledby="resolution-title" className="card member-resolution" data-testid="inquiry-resolution">
          <h2 id="resolution-title">Resolved{thread.resolved_at === null ? '' : ` ${when(thread.resolved_at)}`}</h2>
          <p className="member-message-body">{thread.resolution}</p>
          {thread.adjustment_version_id !== null && <p className="muted">An adjustment was added for it: it appears as an adjustment line on a coming statement.</p>}
        </section>
      ) : (
        <Reply inquiryId={thread.id} status={thread.status} onSent={reload} />
      )}
    </>
  );
}

function Reply({ inquiryId, status, onSent }: { readonly inquiryId: number; readonly status: Thread['status']; readonly onSent: () => void }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (message.trim() === '') {
      setProblem(new ApiProblem(422, 'invalid', 'Write your message first.'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/api/inquiries/${inquiryId}/messages`, { message: message.trim() });
      setMessage('');
      onSent();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unknown', 'Your message could not be sent. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)}>
      <label htmlFor="reply">{status === 'answered' ? 'Reply (this reopens the inquiry)' : 'Add to your question'}</label>
      <textarea id="reply" value={message} maxLength={5000} onChange={(e) => setMessage(e.target.value)} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send'}
      </button>
      {problem !== undefined && <Problem problem={problem} />}
    </form>
  );
}

const get = (o: unknown, key: string): unknown => (typeof o === 'object' && o !== null ? (Reflect.get(o, key) as unknown) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The line's figures as the inquiry kept them (a measure, a SPIF, an adjustment or the total). */
function Snapshot({ snapshot }: { readonly snapshot: unknown }) {
  const kind = text(get(snapshot, 'kind'));
  const currency = text(get(snapshot, 'currency')) ?? '';
  const money = (v: unknown) => {
    const amount = text(v);
    return amount === undefined ? '—' : <Money amount={amount} currency={currency} />;
  };
  const ratio = (v: unknown) => {
    const r = text(v);
    return r === undefined ? '—' : percent(r);
  };
  const rows: [string, ReactNode][] = [];
  if (kind === 'measure') {
    const m = get(snapshot, 'measure');
    rows.push(['Measure', text(get(m, 'id')) ?? '—'], ['Attainment', ratio(get(m, 'attainment'))], ['Payout factor', ratio(get(m, 'factor'))], ['Payout', money(get(m, 'payout'))]);
  } else if (kind === 'total') {
    rows.push(['Target incentive', money(get(snapshot, 'target_incentive'))], ['Total', money(get(snapshot, 'total'))]);
  } else if (kind === 'adjustment') {
    rows.push(['Amount', money(get(snapshot, 'amount'))], ['Reason', text(get(snapshot, 'reason')) ?? '—'], ['Approved by', text(get(snapshot, 'approver')) ?? '—']);
  } else if (kind === 'spiff') {
    const entries = get(snapshot, 'entries');
    if (Array.isArray(entries)) for (const e of entries as unknown[]) rows.push([`SPIF ${text(get(e, 'id')) ?? ''} (deal ${text(get(e, 'deal_id')) ?? ''})`, money(get(e, 'payout'))]);
  }
  if (rows.length === 0) return <p className="muted">The line&apos;s figures are on the statement.</p>;
  return (
    <dl className="member-figures">
      {rows.map(([label, value], i) => (
        <div key={i}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
