// Where the clinic's data key lives. The key itself is 32 random bytes; it is never written down in
// the clear inside the data folder. It is either kept in a key file chosen by the clinic (`serve
// --key-file`), or wrapped in keyring.json: by the operating system's secret store (Electron
// safeStorage), by a clinic passphrase, and by a recovery key (both scrypt-derived).
import { randomBytes, scrypt } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { decryptBytes, encryptBytes, FileCryptoError, keyId } from './crypto-files';

export const KEYRING_FILE = 'keyring.json';
export const DEFAULT_KEY_LOG_N = 17;
export const MIN_PASSPHRASE_LENGTH = 12;

/** A person-facing problem with the key: wrong passphrase, missing key file, and so on. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export interface PassphraseSlot {
  kind: 'passphrase';
  /** `clinic`: the passphrase staff type; `recovery`: the code kept on paper, away from the computer. */
  label: 'clinic' | 'recovery';
  kdf: { name: 'scrypt'; logN: number; r: number; p: number; salt: string };
  sealed: string;
}

export interface SafeStorageSlot {
  kind: 'safe_storage';
  sealed: string;
}

export type KeySlot = PassphraseSlot | SafeStorageSlot;

export interface Keyring {
  format: 1;
  /** Fingerprint of the data key (not the key): tells which key a file or backup needs. */
  keyId: string;
  slots: KeySlot[];
}

/** The part of Electron's safeStorage the keyring uses (substituted in tests). */
export interface SecretStore {
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const newDataKey = (): Buffer => randomBytes(32);
export const keyIdHex = (key: Buffer): string => keyId(key).toString('hex');

/** Writes a small file so that it is either the old one or the new one, never half of each. */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
  try {
    writeFileSync(temp, data, { mode });
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some systems (Windows) cannot open a folder to flush it; the rename is still atomic.
  }
}

export const keyringPath = (dataDir: string) => join(dataDir, KEYRING_FILE);

export function readKeyring(dataDir: string): Keyring | null {
  const path = keyringPath(dataDir);
  if (!existsSync(path)) return null;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Keyring;
  if (parsed.format !== 1 || !Array.isArray(parsed.slots)) throw new KeyError(`${path} is not a keyring this version of Skinchart understands.`);
  return parsed;
}

export const writeKeyring = (dataDir: string, keyring: Keyring) => writeFileAtomic(keyringPath(dataDir), `${JSON.stringify(keyring, null, 2)}\n`);

const deriveKek = (secret: string, kdf: PassphraseSlot['kdf']): Promise<Buffer> =>
  new Promise((ok, fail) => {
    const N = 2 ** kdf.logN;
    scrypt(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 16 * 1024 * 1024 }, (e, k) =>
      e ? fail(e) : ok(k),
    );
  });

export async function passphraseSlot(dataKey: Buffer, secret: string, label: PassphraseSlot['label'], logN = DEFAULT_KEY_LOG_N): Promise<PassphraseSlot> {
  const kdf = { name: 'scrypt' as const, logN, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const kek = await deriveKek(secret, kdf);
  return { kind: 'passphrase', label, kdf, sealed: encryptBytes(kek, dataKey).toString('base64') };
}

/** The data key from the first passphrase slot the secret opens (clinic passphrase or recovery key). */
export async function unlockWithPassphrase(keyring: Keyring, secret: string): Promise<Buffer> {
  const slots = keyring.slots.filter((s): s is PassphraseSlot => s.kind === 'passphrase');
  if (slots.length === 0) throw new KeyError('These records are not protected by a passphrase.');
  const candidates = [secret, normaliseRecoveryKey(secret)].filter((s, i, all) => s && all.indexOf(s) === i);
  for (const slot of slots) {
    for (const candidate of candidates) {
      try {
        const key = decryptBytes(await deriveKek(candidate, slot.kdf), Buffer.from(slot.sealed, 'base64'));
        if (keyIdHex(key) === keyring.keyId) return key;
      } catch (e) {
        if (!(e instanceof FileCryptoError)) throw e;
      }
    }
  }
  throw new KeyError('Wrong passphrase. Nothing was opened or changed.');
}

export const safeStorageSlot = (dataKey: Buffer, store: SecretStore): SafeStorageSlot => ({
  kind: 'safe_storage',
  sealed: store.encryptString(dataKey.toString('hex')).toString('base64'),
});

export function unlockWithSecretStore(keyring: Keyring, store: SecretStore): Buffer {
  const slot = keyring.slots.find((s): s is SafeStorageSlot => s.kind === 'safe_storage');
  if (!slot) throw new KeyError('These records are not kept in this computer\'s secret store.');
  let hex: string;
  try {
    hex = store.decryptString(Buffer.from(slot.sealed, 'base64'));
  } catch {
    throw new KeyError('This computer\'s secret store could not unwrap the key (another user account or another computer?). Use the clinic passphrase or the recovery key.');
  }
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32 || keyIdHex(key) !== keyring.keyId) throw new KeyError('The key from this computer\'s secret store does not match these records.');
  return key;
}

export const newKeyring = (dataKey: Buffer, slots: KeySlot[]): Keyring => ({ format: 1, keyId: keyIdHex(dataKey), slots });

/** Replaces the slots with `label` (or of a kind) by `slot`, keeping the others. */
export const withSlot = (keyring: Keyring, slot: KeySlot): Keyring => ({
  ...keyring,
  slots: [
    ...keyring.slots.filter((s) => (slot.kind === 'passphrase' ? !(s.kind === 'passphrase' && s.label === slot.label) : s.kind !== slot.kind)),
    slot,
  ],
});

// Recovery keys: 25 characters from an alphabet with no look-alikes, in groups of five (125 bits).
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryKey(): string {
  const bytes = randomBytes(25);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]!).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** The recovery key as stored: upper case, dashes and spaces removed, O/I/L read as 0/1/1. */
export function normaliseRecoveryKey(typed: string): string {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-Z]{25}$/.test(compact) ? compact.match(/.{5}/g)!.join('-') : '';
}

// Key files: the key as 64 hexadecimal characters and a newline, readable by its owner only.
export const defaultKeyFile = (dataDir: string) => `${resolve(dataDir)}.key`;

export function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new KeyError(`${path} does not hold a Skinchart key (64 hexadecimal characters).`);
  return Buffer.from(text, 'hex');
}

export const writeKeyFile = (path: string, key: Buffer) => writeFileAtomic(path, `${key.toString('hex')}\n`);
