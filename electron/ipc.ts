import { commandsByName } from '../db/api';
import type { Dispatcher } from './dispatch';

export const CALL_CHANNEL = 'clinic:call';
export const APP_ORIGIN = 'app://skinchart';

/** The part of an IPC event this adapter looks at (kept narrow so tests need no Electron). */
export interface CallEvent {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

/** Is this one of the app's own pages? (Node's URL gives custom schemes a "null" origin, so compare the parts.) */
export const isAppUrl = (url: string): boolean => {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'skinchart' && !u.username && !u.password;
  } catch {
    return false;
  }
};

/** Only the app's own pages may call: a frame from anywhere else is refused. */
export const isTrustedSender = (event: CallEvent): boolean => !!event.senderFrame?.url && isAppUrl(event.senderFrame.url);

/**
 * The desktop adapter: one sign-in per window, held here in the main process. The renderer never
 * holds a token; a sign-in answer's token is kept and removed before the answer crosses IPC.
 */
export function createIpcHandler(dispatch: Dispatcher) {
  const tokens = new Map<number, string>();
  return async (event: CallEvent, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'forbidden', message: 'Untrusted caller' } };
    if (typeof name !== 'string' || !commandsByName.has(name)) {
      return { ok: false, error: { code: 'not_found', message: `Unknown command: ${String(name)}` } };
    }
    const windowId = event.sender.id;
    const { body } = await dispatch(name, input, tokens.get(windowId) ?? null);
    if (body.ok && name === 'auth.login') {
      const value = body.value as { token: string };
      tokens.set(windowId, value.token);
      return { ok: true, value: { ...value, token: '' } };
    }
    if (name === 'auth.logout' || (!body.ok && body.error.code === 'unauthenticated')) tokens.delete(windowId);
    return body;
  };
}
