import type { ReactNode } from 'react';
import { request } from '../api/client';
import { Link, useLocation } from './router';
import { useCan, useSession } from './session';

/** The frame of every page: navigation (the pages the key may see), the tenant, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const operator = useCan('operator');
  const { path } = useLocation();
  const section = path.split('/')[1] || 'runs';
  const signOut = async () => {
    await request('DELETE', '/ui/session');
    // A fresh page: nothing read with the old key stays in memory.
    window.location.reload();
  };
  const nav = [
    { to: '/runs', label: 'Runs', id: 'runs' },
    { to: '/workflows', label: 'Workflows', id: 'workflows' },
    ...(operator ? [{ to: '/operations', label: 'Operations', id: 'operations' }] : []),
  ];
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/runs" className="brand">
          Taskloom
        </Link>
        <nav aria-label="Main">
          {nav.map((item) => (
            <Link key={item.id} to={item.to} aria-current={section === item.id ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="who">
          tenant <strong>{session?.tenant}</strong>
          {session?.authEnabled && (
            <button type="button" className="link" onClick={() => void signOut()}>
              Sign out
            </button>
          )}
        </span>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
