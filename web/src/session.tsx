/** Who is signed in: loaded once from the server, changed by sign-in and sign-out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiProblem, setCsrfToken } from './api';

export type Role = 'admin' | 'leader' | 'manager' | 'member';

export interface SessionUser {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly person_id: string | null;
}

interface SessionReply {
  readonly user: SessionUser;
  readonly csrf_token: string;
  readonly expires_at: string;
}

interface SessionState {
  /** undefined while loading; null when nobody is signed in. */
  readonly user: SessionUser | null | undefined;
  /** A problem loading the session (not "signed out": the server could not be reached). */
  readonly problem: ApiProblem | undefined;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api
      .get<SessionReply>('/api/auth/session')
      .then((s) => {
        if (!live) return;
        setCsrfToken(s.csrf_token);
        setUser(s.user);
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiProblem && e.status === 401) setUser(null);
        else {
          setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', 'Tandem could not start. Reload the page.'));
          setUser(null);
        }
      });
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const s = await api.post<SessionReply>('/api/auth/login', { username, password });
    setCsrfToken(s.csrf_token);
    setProblem(undefined);
    setUser(s.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(undefined);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, problem, signIn, signOut }), [user, problem, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (s === undefined) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user (only under a page that requires one). */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
