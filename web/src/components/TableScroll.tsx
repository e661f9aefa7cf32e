/**
 * A wide table's scrolling frame: a named region that takes keyboard focus, so someone without a
 * mouse can scroll it sideways on a narrow screen (arrow keys once it has focus), and a screen
 * reader says what it holds.
 */
import type { ReactNode } from 'react';

export function TableScroll({ label, className, children }: { readonly label: string; readonly className?: string; readonly children: ReactNode }) {
  return (
    <div className={className === undefined ? 'table-scroll' : `table-scroll ${className}`} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
