/**
 * A wide table's scroll box: a named region that takes keyboard focus, so someone without a mouse
 * can scroll it sideways at 375 px.
 */
import type { ReactNode } from 'react';

export function Scroll({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-scroll leader-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
