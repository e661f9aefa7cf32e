/** A page: its title (also the document title) and its content. */
import { useEffect, type ReactNode } from 'react';

export function Page({ title, subtitle, actions, children }: { readonly title: string; readonly subtitle?: ReactNode; readonly actions?: ReactNode; readonly children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Tandem`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <h1 id="page-title">{title}</h1>
          {subtitle !== undefined && <p className="page-subtitle">{subtitle}</p>}
        </div>
        {actions !== undefined && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
