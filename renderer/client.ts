// The renderer's one way to the records: the same call over IPC (desktop) or HTTP (browser).
import type { CommandName, Envelope, ErrorCode, FieldIssue, InputOf, OutputOf } from '../db/api';

interface ClinicBridge {
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Desktop only: opens the records with the clinic passphrase when the computer has no keyring. */
  unlock?(passphrase: string): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    clinic?: ClinicBridge;
  }
}

/** A refusal from the records, with the stable code and the fields it names. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CommandError';
  }

  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: FieldIssue[] } | undefined)?.issues;
    return Array.isArray(issues) ? issues : [];
  }
}

const TOKEN_KEY = 'skinchart.token';
const signedOutListeners = new Set<() => void>();

/** Called when the host says the sign-in is gone (expired, locked, signed out elsewhere). */
export const onSignedOut = (listener: () => void): (() => void) => {
  signedOutListeners.add(listener);
  return () => {
    signedOutListeners.delete(listener);
  };
};

const overHttp: ClinicBridge = {
  async call(name, input) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    let response: Response;
    try {
      response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'Skinchart cannot be reached. Is it still running?' } };
    }
    return (await response.json()) as Envelope<unknown>;
  },
};

const transport = (): ClinicBridge => window.clinic ?? overHttp;

export async function call<N extends CommandName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const envelope = await transport().call(name, input);
  if (envelope.ok) {
    if (name === 'auth.login') {
      const { token } = envelope.value as { token: string };
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
    }
    if (name === 'auth.logout') sessionStorage.removeItem(TOKEN_KEY);
    return envelope.value as OutputOf<N>;
  }
  if (envelope.error.code === 'unauthenticated' && name !== 'auth.login') {
    sessionStorage.removeItem(TOKEN_KEY);
    for (const l of signedOutListeners) l();
  }
  throw new CommandError(envelope.error.code, envelope.error.message, envelope.error.details);
}

export const forgetSignIn = () => sessionStorage.removeItem(TOKEN_KEY);

/** Sends the clinic passphrase (desktop app); throws the refusal with its message. */
export async function unlockRecords(passphrase: string): Promise<void> {
  const bridge = window.clinic;
  if (!bridge?.unlock) throw new CommandError('internal', 'This window cannot unlock the records.');
  const envelope = await bridge.unlock(passphrase);
  if (!envelope.ok) throw new CommandError(envelope.error.code, envelope.error.message, envelope.error.details);
}
