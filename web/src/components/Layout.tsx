/** The signed-in shell: a skip link, the header with the navigation for the user's role, the page. */
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { mayOpen, navLabel, ROUTES } from '../routes';
import { useSession, type SessionUser } from '../session';

export function Layout({ user, children }: { readonly user: SessionUser; readonly children: ReactNode }) {
  const { signOut } = useSession();
  const [location] = useLocation();
  const [open, setOpen] = useState(false);
  const groups = new Map<string, { path: string; label: string }[]>();
  for (const r of ROUTES) {
    const label = navLabel(r, user);
    if (label === undefined || !mayOpen(r, user)) continue;
    const g = r.group ?? '';
    groups.set(g, [...(groups.get(g) ?? []), { path: r.path, label }]);
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the page
      </a>
      <header className="app-header">
        <div className="brand">
          <Link href="/">Tandem</Link>
        </div>
        <button type="button" className="nav-toggle" aria-expanded={open} aria-controls="app-nav" onClick={() => setOpen((o) => !o)}>
          Menu
        </button>
        <nav id="app-nav" aria-label="Main" className={open ? 'open' : ''}>
          {[...groups].map(([group, items]) => (
            <div key={group} className="nav-group">
              {group !== '' && <span className="nav-group-label">{group}</span>}
              <ul>
                {items.map((i) => (
                  <li key={i.path}>
                    <Link href={i.path} aria-current={location === i.path || location.startsWith(`${i.path}/`) ? 'page' : undefined} onClick={() => setOpen(false)}>
                      {i.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="account">
          <span className="account-name" data-testid="signed-in-as">
            {user.username} <span className="role-badge">{user.role}</span>
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
