/**
 * One inquiry, for an admin: the line as it was when asked (the statement's own figures), the
 * thread, an answer box, and resolving — optionally with an adjustment, which never edits the
 * statement but adds a row to adjustments.csv in a new org version (the next run pays it).
 */
import { Fragment, useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import type { MeasureJson } from '../../../../src/core/output';
import { api, type ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Loaded, Problem } from '../../components/States';
import { decimal, percent, period as periodLabel, when } from '../../format';
import { useApi } from '../../useApi';
import { inquiryLineName, personLabel, usePeopleNames, type InquiryThread as Thread } from './admin-api';
import { InquiryStatus, problemOf } from './admin-ui';

interface Snapshot {
  readonly kind: 'measure' | 'total' | 'spiff' | 'adjustment';
  readonly person_id: string;
  readonly plan: string;
  readonly period: string;
  readonly currency: string;
  readonly measure?: MeasureJson;
  readonly target_incentive?: string;
  readonly total?: string;
  readonly entries?: readonly { readonly id: string; readonly deal_id: string; readonly payout: string }[];
  readonly amount?: string;
  readonly reason?: string;
  readonly approver?: string;
}

function isSnapshot(v: unknown): v is Snapshot {
  return typeof v === 'object' && v !== null && 'kind' in v && 'currency' in v && 'period' in v;
}

export default function InquiryThread() {
  const { id } = useParams<{ id: string }>();
  const state = useApi<Thread>(`/api/inquiries/${encodeURIComponent(id)}`);
  const names = usePeopleNames();
  const title = state.data ? `Inquiry ${state.data.id}: ${inquiryLineName(state.data.line)}` : `Inquiry ${id}`;
  return (
    <Page title={title} subtitle={<Link href="/admin/inquiries">All inquiries</Link>}>
      <Loaded state={state} what="the inquiry">
        {(inquiry) => (
          <>
            <p>
              <InquiryStatus status={inquiry.status} /> Asked by {personLabel(names, inquiry.person_id)} on {when(inquiry.created_at)}, about a statement of{' '}
              <Link href={`/admin/runs/${inquiry.run_id}`}>run {inquiry.run_id}</Link>.
            </p>
            <LineSnapshot snapshot={inquiry.line_snapshot} line={inquiry.line} />
            <section aria-labelledby="thread-heading">
              <h2 id="thread-heading">Thread</h2>
              <ol className="admin-thread" data-testid="thread">
                {inquiry.messages.map((m) => (
                  <li key={m.id} className={m.author_id === inquiry.opened_by ? 'admin-from-person' : 'admin-from-admin'}>
                    <p className="admin-thread-meta">
                      <strong>{m.author}</strong> · {when(m.created_at)}
                    </p>
                    <p className="admin-thread-body">{m.body}</p>
                  </li>
                ))}
              </ol>
            </section>
            {inquiry.status === 'resolved' ? (
              <section className="card" aria-labelledby="resolution-heading" data-testid="resolution">
                <h2 id="resolution-heading">Resolved</h2>
                <p className="admin-thread-body">{inquiry.resolution}</p>
                <p className="muted">
                  {inquiry.resolved_at !== null ? `Resolved ${when(inquiry.resolved_at)}.` : ''}{' '}
                  {inquiry.adjustment_version_id !== null ? `The adjustment is in org version ${inquiry.adjustment_version_id}: the next run of the period pays it.` : 'No adjustment was made.'}
                </p>
              </section>
            ) : (
              <>
                <Answer id={inquiry.id} onDone={state.reload} />
                <Resolve id={inquiry.id} onDone={state.reload} />
              </>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function LineSnapshot({ snapshot, line }: { readonly snapshot: unknown; readonly line: string }) {
  if (!isSnapshot(snapshot)) return null;
  const c = snapshot.currency;
  return (
    <section className="card" aria-labelledby="line-heading">
      <h2 id="line-heading">The line as it was asked about</h2>
      <p className="muted">
        {inquiryLineName(line)} of plan {snapshot.plan}, {periodLabel(snapshot.period)}
      </p>
      <dl className="admin-facts" data-testid="line-snapshot">
        {snapshot.measure !== undefined && (
          <>
            <dt>Credited</dt>
            <dd>{decimal(snapshot.measure.credited)}</dd>
            <dt>Quota</dt>
            <dd>{decimal(snapshot.measure.quota)}</dd>
            <dt>Attainment</dt>
            <dd>{percent(snapshot.measure.attainment)}</dd>
            <dt>Payout factor</dt>
            <dd>{percent(snapshot.measure.factor)}</dd>
            <dt>Payout</dt>
            <dd>
              <Money amount={snapshot.measure.payout} currency={c} />
            </dd>
          </>
        )}
        {snapshot.total !== undefined && (
          <>
            <dt>Target incentive</dt>
            <dd>{snapshot.target_incentive !== undefined && <Money amount={snapshot.target_incentive} currency={c} />}</dd>
            <dt>Total</dt>
            <dd>
              <Money amount={snapshot.total} currency={c} />
            </dd>
          </>
        )}
        {snapshot.entries?.map((e) => (
          <Fragment key={`${e.id} ${e.deal_id}`}>
            <dt>
              SPIF {e.id} on {e.deal_id}
            </dt>
            <dd>
              <Money amount={e.payout} currency={c} />
            </dd>
          </Fragment>
        ))}
        {snapshot.amount !== undefined && (
          <>
            <dt>Adjustment</dt>
            <dd>
              <Money amount={snapshot.amount} currency={c} /> — {snapshot.reason} (approved by {snapshot.approver})
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Answer({ id, onDone }: { readonly id: number; readonly onDone: () => void }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const fieldId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/api/inquiries/${id}/messages`, { message });
      setMessage('');
      onDone();
    } catch (err) {
      setProblem(problemOf(err, 'The answer could not be sent. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="answer-heading">
      <h2 id="answer-heading">Answer</h2>
      <label htmlFor={fieldId}>Your answer</label>
      <textarea id={fieldId} required maxLength={5000} value={message} onChange={(e) => setMessage(e.target.value)} />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy || message.trim() === ''}>
          {busy ? 'Sending…' : 'Send answer'}
        </button>
      </div>
      {problem !== undefined && <Problem problem={problem} />}
    </form>
  );
}

function Resolve({ id, onDone }: { readonly id: number; readonly onDone: () => void }) {
  const [resolution, setResolution] = useState('');
  const [adjust, setAdjust] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const base = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      // The amount goes to the API as typed (a decimal string): it is never turned into a number here.
      await api.post(`/api/inquiries/${id}/resolve`, { resolution, ...(adjust ? { adjustment: { amount: amount.trim(), reason } } : {}) });
      onDone();
    } catch (err) {
      setProblem(problemOf(err, 'The inquiry could not be resolved. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="resolve-heading">
      <h2 id="resolve-heading">Resolve</h2>
      <p className="muted">Resolving closes the thread: nobody can add to it after.</p>
      <label htmlFor={`${base}-resolution`}>Resolution</label>
      <textarea id={`${base}-resolution`} required maxLength={5000} value={resolution} onChange={(e) => setResolution(e.target.value)} />
      <div className="admin-checkbox-row">
        <input id={`${base}-adjust`} type="checkbox" checked={adjust} onChange={(e) => setAdjust(e.target.checked)} />
        <label htmlFor={`${base}-adjust`}>Add an adjustment (a correction line paid by the next run of the period)</label>
      </div>
      {adjust && (
        <div className="form-row admin-top">
          <div>
            <label htmlFor={`${base}-amount`}>Amount</label>
            <input id={`${base}-amount`} inputMode="decimal" required pattern="-?\d{1,12}(\.\d{1,6})?" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="250.00" aria-describedby={`${base}-amount-hint`} />
            <span id={`${base}-amount-hint`} className="admin-hint">
              In the statement&apos;s currency; negative to take back.
            </span>
          </div>
          <div className="admin-grow">
            <label htmlFor={`${base}-reason`}>Reason</label>
            <input id={`${base}-reason`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        </div>
      )}
      <div className="admin-form-actions">
        <button type="submit" disabled={busy || resolution.trim() === ''}>
          {busy ? 'Resolving…' : 'Resolve inquiry'}
        </button>
      </div>
      {problem !== undefined && <Problem problem={problem} />}
    </form>
  );
}
