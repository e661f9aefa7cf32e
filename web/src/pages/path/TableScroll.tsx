/** A wide table's scroll box: a labelled region reachable by keyboard, so narrow screens can scroll it. */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
