/** "Ask about this line": opens an inquiry on one line of a statement, then shows its thread. */
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api, ApiProblem } from '../../api';
import { Problem } from '../../components/States';
import type { InquiryThread } from './member-api';

export function AskAboutLine({ statementId, line, label }: { readonly statementId: number; readonly line: string; readonly label: string }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [, navigate] = useLocation();
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (message.trim() === '') {
      setProblem(new ApiProblem(422, 'invalid', 'Write your question first: what looks wrong, or what you would like explained.'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const thread = await api.post<InquiryThread>('/api/inquiries', { statement_id: statementId, line, message: message.trim() });
      navigate(`/inquiries/${thread.id}`);
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unknown', 'Your question could not be sent. Try again.'));
      setBusy(false);
    }
  };

  return (
    <div className="member-ask">
      <button type="button" className="member-ask-toggle" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((o) => !o)}>
        Ask about this line<span className="visually-hidden">: {label}</span>
      </button>
      {open && (
        <form id={`${id}-form`} className="card member-ask-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={`${id}-message`}>Your question about {label}</label>
          <p className="muted" id={`${id}-hint`}>
            Say what looks wrong or what you would like explained. Your Tandem admin answers; you can follow it under Inquiries.
          </p>
          <textarea id={`${id}-message`} aria-describedby={`${id}-hint`} value={message} maxLength={5000} onChange={(e) => setMessage(e.target.value)} />
          <div className="form-row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send question'}
            </button>
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
          </div>
          {problem !== undefined && <Problem problem={problem} />}
        </form>
      )}
    </div>
  );
}
