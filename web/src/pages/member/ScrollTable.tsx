/** A wide table's scrolling box, reachable by keyboard (focusable and named) when it scrolls at 375 px. */
import type { ReactNode } from 'react';

export function ScrollTable({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    // A region the keyboard can scroll: focusable, and named so a screen reader says what it holds.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
