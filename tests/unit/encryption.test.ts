import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptFile, encryptFile, FileCryptoError, readEncryptedFile, writeEncryptedFile } from '../../db/crypto-files';
import { databaseFileIn, PENDING_REKEY_FILE, photosFolderIn } from '../../db/data-folder';
import { DatabaseOpenError, openDatabase, rekeyDatabase } from '../../db/open';
import { finishPendingRekey, readPreviousKeys, rekeyDataFolder } from '../../db/rekey';
import { testHost, withStaff } from '../support/host';

const NAME = 'Quetzalcoatl';
const folder = () => mkdtempSync(join(tmpdir(), 'skinchart-enc-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Every file SQLite keeps for the database: the file itself, its write-ahead log and shared memory. */
const onDisk = (dataDir: string) =>
  ['', '-wal', '-shm'].map((s) => databaseFileIn(dataDir) + s).filter(existsSync).map((f) => readFileSync(f));

async function clinicWithPatient(key?: Buffer) {
  const host = testHost(key ? { key } : {});
  const staff = await withStaff(host);
  await host.call('patients.create', { firstName: 'Itzel', lastName: NAME, dateOfBirth: '1990-05-01', phone: '+52 55 1234 5678' }, staff.frontDesk);
  return host;
}

describe('encryption at rest', () => {
  it('a patient’s name is nowhere in the database file or its log when a key is given', async () => {
    const key = randomBytes(32);
    const host = await clinicWithPatient(key);
    const files = onDisk(host.dataDir);
    expect(files.length).toBeGreaterThanOrEqual(2); // the database and its write-ahead log
    for (const bytes of files) {
      expect(bytes.includes(NAME)).toBe(false);
      expect(bytes.includes(Buffer.from(NAME, 'utf16le'))).toBe(false);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    }
    host.close();
    for (const bytes of onDisk(host.dataDir)) expect(bytes.includes(NAME)).toBe(false);
  });

  it('the same search finds the name in an unencrypted folder (so the check above can fail)', async () => {
    const host = await clinicWithPatient();
    expect(onDisk(host.dataDir).some((b) => b.includes(NAME))).toBe(true);
    host.close();
  });

  it('a wrong key or no key is refused with a clear message, and the file is untouched', async () => {
    const key = randomBytes(32);
    const host = await clinicWithPatient(key);
    host.close();
    const file = databaseFileIn(host.dataDir);
    const before = sha(file);
    const attempt = (k?: Buffer) => {
      try {
        openDatabase({ file, ...(k && { key: k }) }).close();
      } catch (e) {
        return e as DatabaseOpenError;
      }
      throw new Error('opened');
    };
    const wrong = attempt(randomBytes(32));
    expect(wrong).toBeInstanceOf(DatabaseOpenError);
    expect(wrong.reason).toBe('wrong_key');
    expect(wrong.message).toMatch(/key is wrong.*Nothing was changed/);
    expect(attempt().reason).toBe('not_a_database');
    expect(sha(file)).toBe(before);
    const again = openDatabase({ file, key });
    expect(again.sql.prepare('SELECT last_name AS n FROM patients').get()).toEqual({ n: NAME });
    again.close();
  });

  it('a database written before encryption is encrypted in place on its first keyed open, records kept', async () => {
    const host = await clinicWithPatient();
    host.close();
    const key = randomBytes(32);
    const db = openDatabase({ file: databaseFileIn(host.dataDir), key });
    expect(db.sql.prepare('SELECT last_name AS n FROM patients').get()).toEqual({ n: NAME });
    expect(db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    for (const bytes of onDisk(host.dataDir)) expect(bytes.includes(NAME)).toBe(false);
  });

  it('rekeying works in WAL mode by switching the journal around it', () => {
    const file = join(folder(), 'x.db');
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const db = openDatabase({ file, key: k1 });
    db.sql.exec(`CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${NAME}')`);
    expect(() => db.sql.pragma(`rekey="x'${k2.toString('hex')}'"`)).toThrow(/WAL/);
    rekeyDatabase(db.sql, k2);
    expect(db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(() => openDatabase({ file, key: k1 })).toThrow(/key is wrong/);
    const reopened = openDatabase({ file, key: k2 });
    expect(reopened.sql.prepare('SELECT v FROM t').get()).toEqual({ v: NAME });
    reopened.close();
  });

  it('a data-folder rekey moves the database and photos to a new key and keeps the old key for old backups', async () => {
    const oldKey = randomBytes(32);
    const host = await clinicWithPatient(oldKey);
    host.close();
    mkdirSync(join(photosFolderIn(host.dataDir), 'p1'), { recursive: true });
    const photo = join(photosFolderIn(host.dataDir), 'p1', 'before.jpg.enc');
    writeEncryptedFile(oldKey, photo, Buffer.from('jpeg bytes of a cheek'));
    let stored: Buffer | null = null;
    const newKey = await rekeyDataFolder(host.dataDir, oldKey, (k) => {
      stored = k;
    });
    expect(stored).toEqual(newKey);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(readEncryptedFile(newKey, photo).toString()).toBe('jpeg bytes of a cheek');
    expect(() => readEncryptedFile(oldKey, photo)).toThrow(FileCryptoError);
    expect(readPreviousKeys(host.dataDir, newKey)).toEqual([oldKey]);
    expect(existsSync(join(host.dataDir, PENDING_REKEY_FILE))).toBe(false);
    const db = openDatabase({ file: databaseFileIn(host.dataDir), key: newKey });
    expect(db.sql.prepare('SELECT last_name AS n FROM patients').get()).toEqual({ n: NAME });
    db.close();
  });

  it('a rekey interrupted after the database moved is finished at the next start, with nothing lost', async () => {
    const oldKey = randomBytes(32);
    const host = await clinicWithPatient(oldKey);
    host.close();
    const photo = join(photosFolderIn(host.dataDir), 'after.jpg.enc');
    mkdirSync(photosFolderIn(host.dataDir), { recursive: true });
    writeEncryptedFile(oldKey, photo, Buffer.from('photo'));
    // Simulate the crash: the new key was sealed and the database rekeyed; the photos and the key store were not.
    let crashed = false;
    await rekeyDataFolder(host.dataDir, oldKey, () => {
      crashed = true;
      throw new Error('power cut');
    }).catch(() => undefined);
    expect(crashed).toBe(true);
    expect(existsSync(join(host.dataDir, PENDING_REKEY_FILE))).toBe(true);
    let stored: Buffer | null = null;
    const inForce = await finishPendingRekey(host.dataDir, oldKey, (k) => {
      stored = k;
    });
    expect(stored).toEqual(inForce);
    expect(readEncryptedFile(inForce, photo).toString()).toBe('photo');
    const db = openDatabase({ file: databaseFileIn(host.dataDir), key: inForce });
    expect(db.sql.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
    db.close();
    // Starting once more with the new key changes nothing.
    expect(await finishPendingRekey(host.dataDir, inForce, () => undefined)).toEqual(inForce);
  });
});

describe('encrypted files (photos, sealed secrets)', () => {
  it('round-trips a large file as a stream, and the file on disk shows nothing of it', async () => {
    const dir = folder();
    const key = randomBytes(32);
    const plain = Buffer.concat([Buffer.from(NAME), randomBytes(300_000), Buffer.from(NAME)]);
    writeFileSync(join(dir, 'photo.jpg'), plain);
    await encryptFile(key, join(dir, 'photo.jpg'), join(dir, 'photo.enc'));
    const sealed = readFileSync(join(dir, 'photo.enc'));
    expect(sealed.includes(NAME)).toBe(false);
    await decryptFile(key, join(dir, 'photo.enc'), join(dir, 'back.jpg'));
    expect(readFileSync(join(dir, 'back.jpg')).equals(plain)).toBe(true);
  });

  it('a wrong key gives a clear error, writes nothing and leaves the file as it was', async () => {
    const dir = folder();
    const key = randomBytes(32);
    writeFileSync(join(dir, 'a.txt'), 'notes');
    await encryptFile(key, join(dir, 'a.txt'), join(dir, 'a.enc'));
    const before = sha(join(dir, 'a.enc'));
    const wrong = await decryptFile(randomBytes(32), join(dir, 'a.enc'), join(dir, 'out.txt')).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(FileCryptoError);
    expect((wrong as FileCryptoError).reason).toBe('wrong_key');
    expect((wrong as Error).message).toMatch(/different key/);
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    expect(sha(join(dir, 'a.enc'))).toBe(before);
  });

  it('a tampered or truncated file is refused as damaged and nothing is written', async () => {
    const dir = folder();
    const key = randomBytes(32);
    writeFileSync(join(dir, 'a.txt'), Buffer.alloc(100_000, 65));
    await encryptFile(key, join(dir, 'a.txt'), join(dir, 'a.enc'));
    const sealed = readFileSync(join(dir, 'a.enc'));
    sealed[5000] = sealed[5000]! ^ 1;
    writeFileSync(join(dir, 'b.enc'), sealed);
    writeFileSync(join(dir, 'c.enc'), sealed.subarray(0, 40));
    for (const f of ['b.enc', 'c.enc']) {
      const e = await decryptFile(key, join(dir, f), join(dir, 'out')).catch((x: unknown) => x);
      expect((e as FileCryptoError).reason).toBe('damaged');
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
    writeFileSync(join(dir, 'plain.jpg'), 'not sealed at all');
    expect(() => readEncryptedFile(key, join(dir, 'plain.jpg'))).toThrow(/not a Skinchart encrypted file/);
  });

  it('an empty file round-trips', async () => {
    const dir = folder();
    const key = randomBytes(32);
    writeFileSync(join(dir, 'e'), '');
    await encryptFile(key, join(dir, 'e'), join(dir, 'e.enc'));
    await decryptFile(key, join(dir, 'e.enc'), join(dir, 'e.out'));
    expect(readFileSync(join(dir, 'e.out')).length).toBe(0);
  });

  it('the database key opens the file with standard SQLCipher settings (no proprietary format)', () => {
    const file = join(folder(), 'x.db');
    const key = randomBytes(32);
    openDatabase({ file, key }).close();
    const raw = new Database(file);
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${key.toString('hex')}'"`);
    expect(raw.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'patients'`).get()).toEqual({ n: 1 });
    raw.close();
  });
});
