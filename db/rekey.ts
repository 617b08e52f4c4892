// Replacing the clinic's data key: the database, every photo, and where the key is kept. Runs while
// the records are closed. A crash at any point is finished by the next start (see finishPendingRekey).
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decryptBytes, encryptBytes, FileCryptoError, isSealedWith, writeEncryptedFile } from './crypto-files';
import { databaseFileIn, PENDING_REKEY_FILE, photosFolderIn, PREVIOUS_KEYS_FILE } from './data-folder';
import { newDataKey, writeFileAtomic } from './keyring';
import { logger } from './log';
import { applyKey, rekeyDatabase } from './open';

const log = logger('rekey');

/** Saves the new key wherever the clinic keeps it (key file, keyring). Must be atomic. */
export type StoreKey = (newKey: Buffer) => void | Promise<void>;

/** Keys in force before earlier rekeys, newest first (backups made then still need them). */
export function readPreviousKeys(dataDir: string, currentKey: Buffer): Buffer[] {
  const path = join(dataDir, PREVIOUS_KEYS_FILE);
  if (!existsSync(path)) return [];
  const plain = decryptBytes(currentKey, readFileSync(path), 'The list of earlier keys');
  const keys: Buffer[] = [];
  for (let i = 0; i + 32 <= plain.length; i += 32) keys.push(Buffer.from(plain.subarray(i, i + 32)));
  return keys;
}

function* filesUnder(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile() && !entry.name.endsWith('.part')) yield path;
  }
}

const databaseUnder = (file: string, key: Buffer): boolean => {
  if (!existsSync(file)) return false;
  const sql = new Database(file, { fileMustExist: true });
  try {
    applyKey(sql, key);
    sql.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    sql.close();
  }
};

/** Moves the database and photos from `oldKey` to `newKey`; each step is skipped if already done. */
async function moveEverything(dataDir: string, oldKey: Buffer, newKey: Buffer, storeKey: StoreKey) {
  const dbFile = databaseFileIn(dataDir);
  if (existsSync(dbFile) && !databaseUnder(dbFile, newKey)) {
    const sql = new Database(dbFile, { fileMustExist: true });
    try {
      applyKey(sql, oldKey);
      rekeyDatabase(sql, newKey);
    } finally {
      sql.close();
    }
  }
  let photos = 0;
  for (const file of filesUnder(photosFolderIn(dataDir))) {
    const sealed = readFileSync(file);
    if (!isSealedWith(oldKey, sealed)) continue;
    writeEncryptedFile(newKey, file, decryptBytes(oldKey, sealed, file));
    photos++;
  }
  const previous = [oldKey, ...readPreviousKeysLenient(dataDir, oldKey, newKey)].filter((k, i, all) => all.findIndex((o) => o.equals(k)) === i && !k.equals(newKey));
  writeFileAtomic(join(dataDir, PREVIOUS_KEYS_FILE), encryptBytes(newKey, Buffer.concat(previous)));
  await storeKey(newKey);
  rmSync(join(dataDir, PENDING_REKEY_FILE), { force: true });
  log.info(`the data key was replaced (database and ${photos} photo files)`);
}

const readPreviousKeysLenient = (dataDir: string, oldKey: Buffer, newKey: Buffer): Buffer[] => {
  for (const key of [oldKey, newKey]) {
    try {
      return readPreviousKeys(dataDir, key);
    } catch (e) {
      if (!(e instanceof FileCryptoError)) throw e;
    }
  }
  return [];
};

/**
 * Replaces the data key with a new random one. The new key is first sealed under the current one
 * in the data folder, so an interruption never loses it; then the database is rekeyed, the photos
 * re-encrypted, the old key kept (sealed) for older backups, and the new key stored.
 */
export async function rekeyDataFolder(dataDir: string, currentKey: Buffer, storeKey: StoreKey): Promise<Buffer> {
  const newKey = newDataKey();
  writeFileAtomic(join(dataDir, PENDING_REKEY_FILE), encryptBytes(currentKey, newKey));
  await moveEverything(dataDir, currentKey, newKey, storeKey);
  return newKey;
}

/**
 * Finishes a rekey that was interrupted. `key` is whatever the clinic's key store gave: the old key
 * (the new one was not stored yet) or the new one (only the clean-up was left). Returns the key in force.
 */
export async function finishPendingRekey(dataDir: string, key: Buffer, storeKey: StoreKey): Promise<Buffer> {
  const pendingFile = join(dataDir, PENDING_REKEY_FILE);
  if (!existsSync(pendingFile)) return key;
  let newKey: Buffer;
  try {
    newKey = decryptBytes(key, readFileSync(pendingFile), 'The pending key change');
  } catch (e) {
    if (!(e instanceof FileCryptoError) || e.reason !== 'wrong_key') throw e;
    // Sealed under an older key: `key` is already the new one and only the clean-up was left.
    rmSync(pendingFile, { force: true });
    return key;
  }
  log.warn('finishing a key change that was interrupted');
  await moveEverything(dataDir, key, newKey, storeKey);
  return newKey;
}
