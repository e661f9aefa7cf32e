/** A headline figure: its label, the value, an optional hint; `value` keeps the API's number for tests. */
import type { ReactNode } from 'react';

export function Stat({ label, hint, testId, value, children }: { readonly label: string; readonly hint?: string; readonly testId?: string; readonly value?: number; readonly children: ReactNode }) {
  return (
    <div className="stat" data-testid={testId} data-value={value}>
      <div className="label">{label}</div>
      <div className="value">{children}</div>
      {hint !== undefined && <div className="muted leader-hint">{hint}</div>}
    </div>
  );
}
