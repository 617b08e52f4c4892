// How `npm run serve` finds the clinic's data key. In order:
//   --key-file FILE   the key is in FILE (a new random key is written there for new records);
//   --passphrase      a clinic passphrase (or the recovery key) typed at the prompt;
//   neither           the folder's keyring if it has a passphrase, else the key file kept beside the
//                     data folder (`<data folder>.key`), made on the first run so `npm run serve` needs
//                     no other step. That default protects a copied data folder and every backup,
//                     not a stolen disk: see README, "Security and backups".
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isPlainDatabase } from '../db/open';
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
  unlockWithPassphrase,
  writeKeyFile,
  writeKeyring,
  DEFAULT_KEY_LOG_N,
  type Keyring,
} from '../db/keyring';

export interface Prompter {
  /** Asks for a secret without echoing it; rejects when there is no terminal to ask at. */
  secret(question: string): Promise<string>;
}

export interface ServeKeyOptions {
  dataDir: string;
  keyFile?: string | undefined;
  passphrase?: boolean | undefined;
  prompt: Prompter;
  keyLogN?: number;
}

export interface ServeKey {
  key: Buffer;
  /** Saves a replacement key the same way (used by --rekey). */
  store(newKey: Buffer): Promise<void>;
  /** What to tell the person starting the server. */
  notes: string[];
}

/** Are there encrypted records in the folder that a new key could not open? */
const hasEncryptedRecords = (dataDir: string) => {
  const file = databaseFileIn(dataDir);
  return existsSync(file) && statSync(file).size > 0 && !isPlainDatabase(file);
};

const belongs = (key: Buffer, keyring: Keyring | null, source: string) => {
  if (keyring && keyring.keyId !== keyIdHex(key)) throw new KeyError(`The key in ${source} does not belong to these records (their keyring names another key).`);
};

async function fromKeyFile(dataDir: string, path: string, isDefault: boolean): Promise<ServeKey> {
  const keyring = readKeyring(dataDir);
  const store = async (k: Buffer) => writeKeyFile(path, k);
  if (existsSync(path)) {
    const key = readKeyFile(path);
    belongs(key, keyring, path);
    return { key, store, notes: [] };
  }
  if (hasEncryptedRecords(dataDir) || keyring) {
    throw new KeyError(
      isDefault
        ? `The records in ${dataDir} are encrypted and their key is not at ${path}. Start with --key-file FILE, or --passphrase to type the clinic passphrase or the recovery key.`
        : `The records in ${dataDir} are encrypted, and ${path} does not exist. Give the key file these records were made with.`,
    );
  }
  const key = newDataKey();
  writeKeyFile(path, key);
  return {
    key,
    store,
    notes: [
      `A new encryption key for these records was written to ${path}.`,
      'Keep a copy of it away from this computer (or make a recovery key on the Backups screen): backups cannot be opened without it.',
    ],
  };
}

async function fromPassphrase(options: ServeKeyOptions): Promise<ServeKey> {
  const { dataDir, prompt } = options;
  const logN = options.keyLogN ?? DEFAULT_KEY_LOG_N;
  const keyring = readKeyring(dataDir);
  const rewrapWith = (secret: string) => async (newKey: Buffer) => writeKeyring(dataDir, newKeyring(newKey, [await passphraseSlot(newKey, secret, 'clinic', logN)]));
  if (keyring) {
    const secret = await prompt.secret('Clinic passphrase (or recovery key): ');
    const key = await unlockWithPassphrase(keyring, secret);
    return { key, store: rewrapWith(secret), notes: [] };
  }
  if (hasEncryptedRecords(dataDir)) throw new KeyError(`The records in ${dataDir} are encrypted with a key file, not a passphrase: start with --key-file FILE.`);
  const secret = await prompt.secret(`Choose a clinic passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters): `);
  if (secret.length < MIN_PASSPHRASE_LENGTH) throw new KeyError(`The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  if ((await prompt.secret('Type it again: ')) !== secret) throw new KeyError('The two passphrases differ; nothing was changed.');
  const key = newDataKey();
  writeKeyring(dataDir, newKeyring(key, [await passphraseSlot(key, secret, 'clinic', logN)]));
  return {
    key,
    store: rewrapWith(secret),
    notes: ['The records are now protected by the clinic passphrase. Without it (or a recovery key) they cannot be opened.'],
  };
}

export async function resolveServeKey(options: ServeKeyOptions): Promise<ServeKey> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (options.keyFile) return fromKeyFile(options.dataDir, options.keyFile, false);
  if (options.passphrase) return fromPassphrase(options);
  const keyring = readKeyring(options.dataDir);
  const defaultFile = defaultKeyFile(options.dataDir);
  if (keyring?.slots.some((s) => s.kind === 'passphrase' && s.label === 'clinic') && !existsSync(defaultFile)) return fromPassphrase(options);
  if (keyring && !existsSync(defaultFile) && !keyring.slots.some((s) => s.kind === 'passphrase')) {
    throw new KeyError(
      `The records in ${options.dataDir} were encrypted by the desktop app with this computer's secret store, which the web server cannot use. Open them with the desktop app, or make a recovery key there and start with --passphrase.`,
    );
  }
  return fromKeyFile(options.dataDir, defaultFile, true);
}
