/** Small pieces the admin pages share: status badges, a signed change, a step that asks before it acts. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Problem } from '../../components/States';
import { INQUIRY_STATUS, isNegative, isZero, RUN_STATUS, type Inquiry, type Run } from './admin-api';

export function RunStatus({ status }: { readonly status: Run['status'] }) {
  const look = RUN_STATUS[status];
  return (
    <span className={`badge ${look.tone}`} data-status={status}>
      {look.text}
    </span>
  );
}

export function InquiryStatus({ status }: { readonly status: Inquiry['status'] }) {
  const look = INQUIRY_STATUS[status];
  return (
    <span className={`badge ${look.tone}`} data-status={status}>
      {look.text}
    </span>
  );
}

/** A change in money with its sign: "+$500.00", "−$120.00", "$0.00" (the amount is the API's string). */
export function Delta({ amount, currency }: { readonly amount: string; readonly currency: string }) {
  const sign = isZero(amount) ? '' : isNegative(amount) ? '' : '+';
  return (
    <span className={`admin-delta ${isZero(amount) ? 'admin-zero' : isNegative(amount) ? 'admin-loss' : 'admin-gain'}`}>
      {sign}
      <Money amount={amount} currency={currency} />
    </span>
  );
}

/** "Something went wrong" as a value a form can show: the API's sentence, or a generic one. */
export function problemOf(e: unknown, fallback: string): ApiProblem {
  return e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', fallback);
}

/**
 * A button for a step that cannot be undone: the first press asks (saying what will happen), the
 * second acts. Focus moves to the question's confirm button and back to the button on cancel.
 */
export function ConfirmStep({
  label,
  question,
  confirmLabel,
  onConfirm,
  primary = false,
}: {
  readonly label: string;
  readonly question: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void>;
  readonly primary?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const act = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await onConfirm();
      setAsking(false);
    } catch (e) {
      setProblem(problemOf(e, 'That did not work. Reload the page and try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="admin-confirm-step">
      {!asking ? (
        <button ref={openRef} type="button" className={primary ? 'primary' : undefined} onClick={() => setAsking(true)}>
          {label}
        </button>
      ) : (
        <div className="admin-confirm-box" role="group" aria-label={label}>
          <p>{question}</p>
          <div className="admin-confirm-actions">
            <button ref={confirmRef} type="button" className="primary" disabled={busy} onClick={() => void act()}>
              {busy ? 'Working…' : confirmLabel}
            </button>
            <button type="button" disabled={busy} onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {problem !== undefined && <Problem problem={problem} />}
    </div>
  );
}
