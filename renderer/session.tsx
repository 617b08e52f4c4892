import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../db/api/auth';
import { call, forgetSignIn, onSignedOut } from './client';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string }
  | { phase: 'setup' }
  | { phase: 'signed_out'; clinicName: string | null }
  | { phase: 'signed_in'; user: User; clinicName: string | null };

interface AuthApi {
  state: AuthState;
  signedIn(user: User): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ phase: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const status = await call('auth.status', {});
      if (status.needsSetup) return setState({ phase: 'setup' });
      try {
        const { user } = await call('auth.me', {});
        setState({ phase: 'signed_in', user, clinicName: status.clinicName });
      } catch {
        setState({ phase: 'signed_out', clinicName: status.clinicName });
      }
    } catch (e) {
      setState({ phase: 'unreachable', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSignedOut(() => setState((s) => ({ phase: 'signed_out', clinicName: 'clinicName' in s ? s.clinicName : null })));
  }, [refresh]);

  const api = useMemo<AuthApi>(
    () => ({
      state,
      refresh,
      signedIn: (user) => setState((s) => ({ phase: 'signed_in', user, clinicName: 'clinicName' in s ? s.clinicName : null })),
      signOut: async () => {
        try {
          await call('auth.logout', {});
        } finally {
          forgetSignIn();
          setState((s) => ({ phase: 'signed_out', clinicName: 'clinicName' in s ? s.clinicName : null }));
        }
      },
    }),
    [state, refresh],
  );
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export const useAuth = (): AuthApi => {
  const api = useContext(AuthContext);
  if (!api) throw new Error('useAuth outside AuthProvider');
  return api;
};

/** The signed-in user; only for screens shown after sign-in. */
export const useUser = (): User => {
  const { state } = useAuth();
  if (state.phase !== 'signed_in') throw new Error('useUser before sign-in');
  return state.user;
};
