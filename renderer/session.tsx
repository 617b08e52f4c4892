import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User } from '../db/api/auth';
import { call, CommandError, forgetSignIn, onSignedOut } from './client';
import { RecordsBanner } from './components/RecordsBanner';
import { watchIdle } from './idle';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string }
  | { phase: 'setup' }
  | { phase: 'signed_out'; clinicName: string | null }
  | { phase: 'signed_in'; user: User; clinicName: string | null }
  /** Locked after idling: nothing of the records is on screen until a password is typed again. */
  | { phase: 'locked'; user: User; clinicName: string | null; idleMinutes: number }
  /** Desktop app on a computer without a keyring: the records need the clinic passphrase first. */
  | { phase: 'vault'; mode: 'unlock' | 'choose'; message: string };

interface AuthApi {
  state: AuthState;
  signedIn(user: User): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  /** Hides the records and ends the sign-in, keeping who was signed in so they can come back. */
  lock(): Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);
const DEFAULT_IDLE_MINUTES = 5;

const vaultOf = (e: unknown): { mode: 'unlock' | 'choose'; message: string } | null => {
  if (!(e instanceof CommandError) || e.code !== 'locked') return null;
  const vault = (e.details as { vault?: unknown } | undefined)?.vault;
  return vault === 'unlock' || vault === 'choose' ? { mode: vault, message: e.message } : null;
};

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ phase: 'loading' });
  const [idleMinutes, setIdleMinutes] = useState(DEFAULT_IDLE_MINUTES);

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
      const vault = vaultOf(e);
      if (vault) return setState({ phase: 'vault', ...vault });
      setState({ phase: 'unreachable', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSignedOut(() =>
      setState((s) => (s.phase === 'locked' ? s : { phase: 'signed_out', clinicName: 'clinicName' in s ? s.clinicName : null })),
    );
  }, [refresh]);

  const current = useRef(state);
  current.current = state;
  const lock = useCallback(async () => {
    const s = current.current;
    if (s.phase !== 'signed_in') return;
    setState({ phase: 'locked', user: s.user, clinicName: s.clinicName, idleMinutes });
    try {
      await call('auth.logout', {});
    } catch {
      // Already ended on the host (expired); the screen is locked either way.
    } finally {
      forgetSignIn();
    }
  }, [idleMinutes]);

  const signedInUser = state.phase === 'signed_in' ? state.user.id : null;
  // The clinic's idle limit, read after each sign-in (admins may change it).
  useEffect(() => {
    if (signedInUser === null) return;
    call('settings.get', {})
      .then((s) => setIdleMinutes(s.idleLockMinutes > 0 ? s.idleLockMinutes : DEFAULT_IDLE_MINUTES))
      .catch(() => setIdleMinutes(DEFAULT_IDLE_MINUTES));
  }, [signedInUser]);
  useEffect(() => {
    if (signedInUser === null) return;
    return watchIdle(idleMinutes * 60_000, () => void lock());
  }, [signedInUser, idleMinutes, lock]);

  const api = useMemo<AuthApi>(
    () => ({
      state,
      refresh,
      lock,
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
    [state, refresh, lock],
  );
  return (
    <AuthContext.Provider value={api}>
      <RecordsBanner />
      {children}
    </AuthContext.Provider>
  );
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
