'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { BackupRole } from '@/config/backup-tabs';
import {
  decodeClaims,
  loadStoredSession,
  needsRefresh,
  refreshSession,
  saveStoredSession,
  signInWithPassword,
  type AuthEndpoint,
  type StoredSession,
  type TokenClaims,
} from './auth-client';

/** The session as components see it. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; user: TokenClaims };

export interface SessionApi {
  state: SessionState;
  /** Signs in; rejects with SignInError when refused. */
  signIn(email: string, password: string): Promise<void>;
  signOut(notice?: string): void;
  /** A current ID token (refreshed when close to expiry); undefined when signed out. */
  getToken(): Promise<string | undefined>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

/** The session of the portal; only components under `SessionProvider` may call it. */
export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession must be used inside SessionProvider');
  return api;
}

function stateOf(session: StoredSession | undefined): SessionState {
  const user = session ? decodeClaims(session.idToken) : undefined;
  return user ? { status: 'signed-in', user } : { status: 'signed-out' };
}

/**
 * Holds the Firebase ID token in memory and sessionStorage (so a reload keeps the session but closing the tab ends
 * it) and refreshes it shortly before expiry. One refresh at a time: concurrent callers share the same promise.
 */
export function SessionProvider({ endpoint, children }: { endpoint: AuthEndpoint; children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const session = useRef<StoredSession | undefined>(undefined);
  const refreshing = useRef<Promise<StoredSession | undefined> | undefined>(undefined);

  const store = useCallback((next: StoredSession | undefined, notice?: string) => {
    session.current = next;
    saveStoredSession(window.sessionStorage, next);
    const s = stateOf(next);
    setState(s.status === 'signed-out' && notice ? { status: 'signed-out', notice } : s);
  }, []);

  useEffect(() => {
    const stored = loadStoredSession(window.sessionStorage);
    session.current = stored;
    setState(stateOf(stored));
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => store(await signInWithPassword(endpoint, email, password)),
    [endpoint, store],
  );
  const signOut = useCallback((notice?: string) => store(undefined, notice), [store]);

  const getToken = useCallback(async (): Promise<string | undefined> => {
    const current = session.current;
    if (!current) return undefined;
    if (!needsRefresh(current)) return current.idToken;
    refreshing.current ??= refreshSession(endpoint, current.refreshToken)
      .then((next) => {
        store(next);
        return next;
      })
      .catch(() => {
        store(undefined, 'Your session has expired: sign in again.');
        return undefined;
      })
      .finally(() => {
        refreshing.current = undefined;
      });
    return (await refreshing.current)?.idToken;
  }, [endpoint, store]);

  const api = useMemo<SessionApi>(() => ({ state, signIn, signOut, getToken }), [state, signIn, signOut, getToken]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

/** The signed-in caller's role; views under the gate only render once a role is known. */
export function useRole(): BackupRole {
  const { state } = useSession();
  return state.status === 'signed-in' && state.user.role ? state.user.role : 'viewer';
}
