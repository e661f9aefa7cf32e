/** An inquiry's status as a badge: open (waiting for an answer), answered, resolved. */
import type { Inquiry } from './member-api';

const LOOK: Readonly<Record<Inquiry['status'], { text: string; tone: string }>> = {
  open: { text: 'Open: waiting for an answer', tone: 'warn' },
  answered: { text: 'Answered', tone: 'info' },
  resolved: { text: 'Resolved', tone: 'good' },
};

export function StatusBadge({ status }: { readonly status: Inquiry['status'] }) {
  const look = LOOK[status];
  return (
    <span className={`badge ${look.tone}`} data-status={status}>
      {look.text}
    </span>
  );
}
