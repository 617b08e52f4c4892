// The desktop app's two IPC channels, before and after the records are unlocked. Until a key is
// available every command answers `locked` with what the window must ask for; the window then sends
// the passphrase on the unlock channel. Both channels accept only the app's own pages.
import { KeyError } from '../db/keyring';
import { logger } from '../db/log';
import { openVaultWithPassphrase, type VaultState } from './desktop-vault';
import type { Host } from './host';
import { createIpcHandler, isTrustedSender, type CallEvent } from './ipc';

const log = logger('desktop');

export const UNLOCK_CHANNEL = 'clinic:unlock';

export interface DesktopBridgeOptions {
  dataDir: string;
  vault: VaultState;
  start(key: Buffer): Host;
  keyLogN?: number;
}

const untrusted = { ok: false, error: { code: 'forbidden', message: 'Untrusted caller' } } as const;

export function createDesktopBridge(options: DesktopBridgeOptions) {
  let host: Host | null = null;
  let call: ReturnType<typeof createIpcHandler> | null = null;
  let waiting: Extract<VaultState, { status: 'needs_passphrase' }> | null = null;
  const begin = (key: Buffer) => {
    host = options.start(key);
    call = createIpcHandler(host.dispatch);
    waiting = null;
  };
  if (options.vault.status === 'open') begin(options.vault.key);
  else waiting = options.vault;

  return {
    host: () => host,
    call: async (event: CallEvent, name: unknown, input: unknown) => {
      if (!isTrustedSender(event)) return untrusted;
      if (call) return call(event, name, input);
      return { ok: false, error: { code: 'locked', message: waiting!.message, details: { vault: waiting!.mode } } };
    },
    unlock: async (event: CallEvent, passphrase: unknown) => {
      if (!isTrustedSender(event)) return untrusted;
      if (host) return { ok: true, value: { ok: true } };
      if (typeof passphrase !== 'string' || passphrase.length === 0 || passphrase.length > 1000) {
        return { ok: false, error: { code: 'invalid_input', message: 'passphrase: is required' } };
      }
      try {
        begin(await openVaultWithPassphrase(options.dataDir, waiting!.mode, passphrase, options.keyLogN));
        return { ok: true, value: { ok: true } };
      } catch (e) {
        if (e instanceof KeyError) return { ok: false, error: { code: 'unauthenticated', message: e.message } };
        log.error('could not open the records', e);
        return { ok: false, error: { code: 'internal', message: 'The records could not be opened. Nothing was changed.' } };
      }
    },
  };
}
