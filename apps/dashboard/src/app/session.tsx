import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, request } from '../api/client';
import type { Session } from '../api/types';

const SessionContext = createContext<Session | undefined>(undefined);

const IMPLIED: Record<string, string[]> = {
  operator: ['operator', 'admin', 'submit', 'read'],
  admin: ['admin', 'submit', 'read'],
  submit: ['submit', 'read'],
  read: ['read'],
};

/** Whether the session's key grants `scope` (the API's scope ladder, mirrored so buttons match what it allows). */
export function useCan(scope: 'read' | 'submit' | 'admin' | 'operator'): boolean {
  const session = useContext(SessionContext);
  return (session?.scopes ?? []).some((held) => IMPLIED[held]?.includes(scope));
}

export function useSession(): Session | undefined {
  return useContext(SessionContext);
}

/** Renders the app once the API knows who is calling; with auth on and no session yet, asks for a key once. */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useQuery({
    queryKey: ['session'],
    queryFn: () => request<Session>('GET', '/ui/session'),
    retry: false,
    staleTime: Infinity,
  });
  if (session.isPending) return <p className="centered">Loading…</p>;
  if (session.error instanceof ApiError && session.error.status === 401) return <KeyPrompt />;
  if (session.error) return <p className="centered error">Cannot reach the API: {session.error.message}</p>;
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}

function KeyPrompt() {
  const client = useQueryClient();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await request<Session>('POST', '/ui/session', { key });
      client.setQueryData(['session'], session);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="centered">
      <form className="card key-prompt" onSubmit={(event) => void submit(event)} aria-labelledby="key-title">
        <h1 id="key-title">Taskloom</h1>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          autoFocus
          value={key}
          placeholder="tlk_…"
          onChange={(event) => setKey(event.target.value)}
        />
        <p className="hint">Kept by the browser in an HttpOnly cookie for this site; pages follow the key’s scopes.</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || key.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
