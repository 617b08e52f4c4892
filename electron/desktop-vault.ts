// How the desktop app gets the data key. The operating system's secret store (Electron safeStorage:
// Keychain, DPAPI, libsecret/kwallet) wraps it when there is a real one. On Linux without a keyring
// Electron falls back to `basic_text`, which protects nothing; then the app says so and asks for a
// clinic passphrase instead of pretending.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { databaseFileIn } from '../db/data-folder';
import {
  defaultKeyFile,
  KeyError,
  keyIdHex,
  MIN_PASSPHRASE_LENGTH,
  newDataKey,
  newKeyring,
  passphraseSlot,
  readKeyFile,
  readKeyring,
  safeStorageSlot,
  unlockWithPassphrase,
  unlockWithSecretStore,
  writeKeyring,
  DEFAULT_KEY_LOG_N,
  type SecretStore,
} from '../db/keyring';
import { isPlainDatabase } from '../db/open';

/** The part of Electron's safeStorage the desktop app uses. */
export interface SafeStoragePort extends SecretStore {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store Electron picked (`basic_text` means none). */
  getSelectedStorageBackend?(): string;
}

export type VaultState =
  | { status: 'open'; key: Buffer; notes: string[] }
  | { status: 'needs_passphrase'; mode: 'unlock' | 'choose'; message: string };

export const BASIC_TEXT_MESSAGE =
  'This computer has no system keyring (Electron reports "basic_text"), so Skinchart cannot keep its encryption key safe by itself. A clinic passphrase protects the records instead: it is asked each time Skinchart starts.';

/** Is there a secret store worth the name? */
export function secretStoreUsable(store: SafeStoragePort, platform: NodeJS.Platform = process.platform): boolean {
  if (!store.isEncryptionAvailable()) return false;
  return !(platform === 'linux' && store.getSelectedStorageBackend?.() === 'basic_text');
}

const hasEncryptedRecords = (dataDir: string) => {
  const file = databaseFileIn(dataDir);
  return existsSync(file) && statSync(file).size > 0 && !isPlainDatabase(file);
};

/** What the desktop app can do at start, before any window asks anything. */
export function openVault(dataDir: string, store: SafeStoragePort, platform: NodeJS.Platform = process.platform): VaultState {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const usable = secretStoreUsable(store, platform);
  const keyring = readKeyring(dataDir);
  const hasPassphrase = !!keyring?.slots.some((s) => s.kind === 'passphrase');
  if (keyring?.slots.some((s) => s.kind === 'safe_storage') && usable) {
    try {
      return { status: 'open', key: unlockWithSecretStore(keyring, store), notes: [] };
    } catch (e) {
      if (!hasPassphrase) throw e;
      return { status: 'needs_passphrase', mode: 'unlock', message: `${(e as Error).message}` };
    }
  }
  // A folder first used by `npm run serve` keeps its key file beside it.
  const keyFile = defaultKeyFile(dataDir);
  if (existsSync(keyFile)) {
    const key = readKeyFile(keyFile);
    if (keyring && keyring.keyId !== keyIdHex(key)) throw new KeyError(`The key in ${keyFile} does not belong to these records.`);
    return { status: 'open', key, notes: [] };
  }
  if (keyring) {
    return {
      status: 'needs_passphrase',
      mode: 'unlock',
      message: usable ? 'Type the clinic passphrase or the recovery key to open the records.' : BASIC_TEXT_MESSAGE,
    };
  }
  if (hasEncryptedRecords(dataDir)) throw new KeyError(`The records in ${dataDir} are encrypted, but their key is not here (no keyring, no key file beside the folder).`);
  if (!usable) return { status: 'needs_passphrase', mode: 'choose', message: BASIC_TEXT_MESSAGE };
  const key = newDataKey();
  writeKeyring(dataDir, newKeyring(key, [safeStorageSlot(key, store)]));
  return {
    status: 'open',
    key,
    notes: ["The records' encryption key is kept by this computer's secret store. Make a recovery key on the Backups screen, so backups can be restored on another computer."],
  };
}

/** Finishes opening with a passphrase typed in the window: unlocks, or sets the clinic passphrase. */
export async function openVaultWithPassphrase(dataDir: string, mode: 'unlock' | 'choose', passphrase: string, logN = DEFAULT_KEY_LOG_N): Promise<Buffer> {
  if (mode === 'unlock') {
    const keyring = readKeyring(dataDir);
    if (!keyring) throw new KeyError('There is no keyring in the data folder.');
    return unlockWithPassphrase(keyring, passphrase);
  }
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new KeyError(`The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  if (readKeyring(dataDir)) throw new KeyError('A passphrase is already set for these records.');
  const key = newDataKey();
  writeKeyring(dataDir, newKeyring(key, [await passphraseSlot(key, passphrase, 'clinic', logN)]));
  return key;
}
