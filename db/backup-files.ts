// Backups on disk. Each backup is a folder holding a copy of the database (encrypted with the same
// key as the original), a manifest, and the keyring; photos go to a shared store in the backup folder,
// named by their hash, so a photo is copied once however many backups refer to it.
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { verifyAuditChain } from './audit-chain';
import { DATABASE_FILE, PENDING_BACKUP_FILE, photosFolderIn } from './data-folder';
import { KEYRING_FILE, keyIdHex, writeFileAtomic } from './keyring';
import { applyKey } from './open';

export const MANIFEST_FILE = 'manifest.json';
export const PHOTO_STORE = 'photo-store';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  label: string | null;
  kind: 'manual' | 'daily' | 'quit';
  database: { file: string; sha256: string; bytes: number };
  /** Fingerprint of the key the copy is encrypted with; null for an unencrypted copy. */
  keyId: string | null;
  auditHead: string | null;
  auditEntries: number;
  photos: { path: string; sha256: string; bytes: number; mtimeMs: number }[];
}

export interface Verification {
  ok: boolean;
  problems: string[];
  checkedAt: string;
}

const sha256File = (file: string): string => {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
};

export const fsyncPath = (path: string) => {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    // Folders cannot be opened for flushing on Windows; files always can.
    if (statSync(path).isFile()) throw e;
  }
};

/** Copies a file so the destination is complete (flushed) or absent. */
const copyDurably = (from: string, to: string) => {
  const part = `${to}.part`;
  copyFileSync(from, part);
  fsyncPath(part);
  renameSync(part, to);
};

function* filesUnder(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile() && !entry.name.endsWith('.part')) yield path;
  }
}

/** Opens a database copy read-only with whichever known key it was made with. */
function openCopy(file: string, keyIdOfCopy: string | null, keys: Buffer[]): Database.Database {
  const key = keyIdOfCopy === null ? null : keys.find((k) => keyIdHex(k) === keyIdOfCopy);
  if (keyIdOfCopy !== null && !key) throw new Error('it was made with a key this computer does not have (a key replaced before it was kept?)');
  const sql = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(sql, key);
    sql.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    sql.close();
    throw e;
  }
  return sql;
}

export interface DatabaseChecks {
  integrity: string;
  foreignKeyProblems: number;
  chain: { ok: boolean; entries: number; head: string | null; brokenAt?: number };
}

/** SQLite's integrity check, the foreign-key check and the audit chain, on one database. */
export function checkDatabase(sql: Database.Database): DatabaseChecks {
  const integrity = (sql.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  const foreignKeyProblems = (sql.pragma('foreign_key_check') as unknown[]).length;
  return { integrity, foreignKeyProblems, chain: verifyAuditChain(sql) };
}

const problemsOf = (c: DatabaseChecks, expectedHead: string | null | undefined): string[] => {
  const problems: string[] = [];
  if (c.integrity !== 'ok') problems.push(`SQLite integrity check: ${c.integrity}`);
  if (c.foreignKeyProblems > 0) problems.push(`${c.foreignKeyProblems} records point at records that are missing`);
  if (!c.chain.ok) problems.push(`the audit log's chain is broken at entry ${c.chain.brokenAt}`);
  else if (expectedHead !== undefined && c.chain.head !== expectedHead) problems.push('the audit log does not end where it did when the backup was made');
  return problems;
};

export interface MakeBackupInput {
  /** The live database (its connection); the copy is a consistent snapshot taken with VACUUM INTO. */
  sql: Database.Database;
  dataDir: string;
  folder: string;
  key: Buffer | null;
  label: string | null;
  kind: BackupManifest['kind'];
  now: Date;
  /** Folder names the records already hold (a pruned backup's name is never given again). */
  taken?: Set<string>;
}

export interface MadeBackup {
  dir: string;
  manifest: BackupManifest;
  checks: DatabaseChecks;
  verification: Verification;
}

/**
 * Makes one folder whose parent must already exist (a drive's folder, not a whole path): recursive
 * creation of a path typed by a person is refused, and Node's can spin forever under /proc.
 */
export function ensureFolder(path: string): void {
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new Error(`${path} is a file, not a folder`);
    return;
  }
  mkdirSync(path);
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The newest manifest in `folder`, to skip re-hashing photos that have not changed. */
const previousPhotoHashes = (folder: string): Map<string, BackupManifest['photos'][number]> => {
  const byPath = new Map<string, BackupManifest['photos'][number]>();
  const dirs = existsSync(folder) ? readdirSync(folder).filter((n) => n.startsWith('skinchart-')).sort() : [];
  for (const name of dirs.reverse()) {
    const file = join(folder, name, MANIFEST_FILE);
    if (!existsSync(file)) continue;
    try {
      for (const p of (JSON.parse(readFileSync(file, 'utf8')) as BackupManifest).photos) byPath.set(p.path, p);
      break;
    } catch {
      continue;
    }
  }
  return byPath;
};

/**
 * Makes one backup: a snapshot of the database (VACUUM INTO keeps the key, and better-sqlite3's
 * backup() cannot write an encrypted copy), flushed to disk, then checked on the copy itself; photos
 * added to the store; the manifest written last, once everything it names is on the disk, so a backup
 * folder without one is unfinished. The data folder notes which backup is being made until the caller
 * has recorded it (see tidyBackups): a finished copy whose record never landed is then known as ours.
 */
export function makeBackup(input: MakeBackupInput): MadeBackup {
  ensureFolder(input.folder);
  removeUnfinished(input.folder);
  let dir = join(input.folder, `skinchart-${stamp(input.now)}`);
  for (let n = 2; existsSync(dir) || input.taken?.has(dir); n++) dir = join(input.folder, `skinchart-${stamp(input.now)}-${n}`);
  writeFileAtomic(join(input.dataDir, PENDING_BACKUP_FILE), `${JSON.stringify({ dir })}\n`);
  mkdirSync(dir);
  const dbCopy = join(dir, DATABASE_FILE);
  try {
    // The source's chain head, read in the same synchronous step as the snapshot (the copy's whole chain is checked below).
    const head = { head: (input.sql.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? null };
    input.sql.prepare('VACUUM INTO ?').run(dbCopy);
    fsyncPath(dbCopy);
    const keys = input.key ? [input.key] : [];
    const keyId = input.key ? keyIdHex(input.key) : null;
    const copy = openCopy(dbCopy, keyId, keys);
    let checks: DatabaseChecks;
    try {
      checks = checkDatabase(copy);
    } finally {
      copy.close();
    }
    const problems = problemsOf(checks, head.head);

    const store = join(input.folder, PHOTO_STORE);
    ensureFolder(store);
    const known = previousPhotoHashes(input.folder);
    const photos: BackupManifest['photos'] = [];
    const photosDir = photosFolderIn(input.dataDir);
    for (const file of filesUnder(photosDir)) {
      const st = statSync(file);
      const path = relative(photosDir, file).split(sep).join('/');
      const prior = known.get(path);
      const sha256 = prior && prior.bytes === st.size && prior.mtimeMs === st.mtimeMs && existsSync(join(store, prior.sha256)) ? prior.sha256 : sha256File(file);
      if (!existsSync(join(store, sha256))) copyDurably(file, join(store, sha256));
      photos.push({ path, sha256, bytes: st.size, mtimeMs: st.mtimeMs });
    }
    const keyring = join(input.dataDir, KEYRING_FILE);
    if (existsSync(keyring)) copyDurably(keyring, join(dir, KEYRING_FILE));
    // The names of the copy, the keyring and the photos reach the disk before the manifest that vouches for them.
    fsyncPath(store);
    fsyncPath(dir);
    fsyncPath(input.folder);

    const manifest: BackupManifest = {
      format: 1,
      createdAt: input.now.toISOString(),
      label: input.label,
      kind: input.kind,
      database: { file: DATABASE_FILE, sha256: sha256File(dbCopy), bytes: statSync(dbCopy).size },
      keyId,
      auditHead: checks.chain.head,
      auditEntries: checks.chain.entries,
      photos,
    };
    writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
    return { dir, manifest, checks, verification: { ok: problems.length === 0, problems, checkedAt: input.now.toISOString() } };
  } catch (e) {
    // An unfinished backup is removed; earlier backups are never touched.
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

const BACKUP_NAME = /^skinchart-\d{8}T\d{6}Z(-\d+)?$/;

/** Backup folders left without a manifest (the app stopped while writing one) are removed. */
function removeUnfinished(folder: string) {
  for (const name of readdirSync(folder)) {
    const dir = join(folder, name);
    if (BACKUP_NAME.test(name) && statSync(dir).isDirectory() && !existsSync(join(dir, MANIFEST_FILE))) rmSync(dir, { recursive: true, force: true });
  }
}

export function readManifest(dir: string): BackupManifest {
  return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
}

/**
 * Checks a backup as it is now on its drive: the copy's hash, then SQLite's integrity and
 * foreign-key checks and the audit chain on the copy, then every photo it refers to.
 */
export function verifyBackup(dir: string, keys: Buffer[], now: Date, expected?: { sha256: string; auditHead: string | null }): Verification {
  const checkedAt = now.toISOString();
  const problems: string[] = [];
  let manifest: BackupManifest;
  try {
    manifest = readManifest(dir);
  } catch {
    return { ok: false, problems: [`the backup at ${dir} is missing or unfinished (no readable manifest)`], checkedAt };
  }
  const dbCopy = join(dir, manifest.database.file);
  if (!existsSync(dbCopy)) return { ok: false, problems: ['the database copy is missing'], checkedAt };
  const sha = sha256File(dbCopy);
  if (sha !== manifest.database.sha256 || (expected && expected.sha256 !== sha)) problems.push('the database copy has changed since it was written (its SHA-256 differs)');
  if (expected && expected.auditHead !== manifest.auditHead) problems.push('the manifest does not match the record of this backup');
  try {
    const copy = openCopy(dbCopy, manifest.keyId, keys);
    try {
      problems.push(...problemsOf(checkDatabase(copy), manifest.auditHead));
    } finally {
      copy.close();
    }
  } catch (e) {
    problems.push(`the database copy could not be opened: ${(e as Error).message}`);
  }
  const store = join(dirname(dir), PHOTO_STORE);
  let missing = 0;
  for (const p of manifest.photos) {
    const file = join(store, p.sha256);
    if (!existsSync(file) || sha256File(file) !== p.sha256) missing++;
  }
  if (missing > 0) problems.push(`${missing} photo file(s) are missing or changed`);
  return { ok: problems.length === 0, problems, checkedAt };
}

const isFreshFolder = (dir: string) => !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);

/**
 * Restores a backup into a new, empty data folder, and only after the backup verifies. The restored
 * database is checked again where it landed. Nothing is ever written over an existing data folder.
 */
export function restoreBackup(dir: string, keys: Buffer[], targetDir: string, now: Date): Verification {
  if (!isFreshFolder(targetDir)) throw new Error(`${targetDir} is not empty: a backup is only restored into a new, empty folder`);
  const verification = verifyBackup(dir, keys, now);
  if (!verification.ok) return verification;
  const manifest = readManifest(dir);
  ensureFolder(targetDir);
  copyDurably(join(dir, manifest.database.file), join(targetDir, DATABASE_FILE));
  const store = join(dirname(dir), PHOTO_STORE);
  const photosDir = photosFolderIn(targetDir);
  for (const p of manifest.photos) {
    const to = join(photosDir, ...p.path.split('/'));
    if (relative(photosDir, to).startsWith('..')) throw new Error('the manifest names a photo outside the photos folder');
    mkdirSync(dirname(to), { recursive: true });
    copyDurably(join(store, p.sha256), to);
  }
  if (existsSync(join(dir, KEYRING_FILE))) copyDurably(join(dir, KEYRING_FILE), join(targetDir, KEYRING_FILE));
  writeFileAtomic(join(targetDir, 'restored-from.json'), `${JSON.stringify({ backup: dir, createdAt: manifest.createdAt, restoredAt: now.toISOString() }, null, 2)}\n`, 0o644);
  const restored = openCopy(join(targetDir, DATABASE_FILE), manifest.keyId, keys);
  try {
    const problems = problemsOf(checkDatabase(restored), manifest.auditHead);
    return { ok: problems.length === 0, problems, checkedAt: now.toISOString() };
  } finally {
    restored.close();
  }
}

/** Removes a backup's folder, its manifest first: a folder without one is never taken for a backup. */
function removeBackupFolder(dir: string) {
  rmSync(join(dir, MANIFEST_FILE), { force: true });
  rmSync(dir, { recursive: true, force: true });
}

export interface RecordedBackups {
  /** Every backup folder the records know, pruned or not. */
  recorded: Set<string>;
  /** Folders of backups the records have marked pruned. */
  pruned: string[];
}

/**
 * Brings the drive in line with the committed records: a backup this data folder started but never
 * recorded (the app stopped, or the record was rolled back) is removed, and so are the folders of
 * pruned backups; then photos no backup in the folder refers to, and half-copied ones. Run it only
 * outside a transaction, so that it reads what was committed. Finished backups the records do not
 * know and this data folder did not start (another computer's, or newer than a restored copy of the
 * records) are left alone.
 */
export function tidyBackups(folder: string, dataDir: string, known: RecordedBackups): void {
  let removed = false;
  const pending = join(dataDir, PENDING_BACKUP_FILE);
  if (existsSync(pending)) {
    let dir: string | null = null;
    try {
      dir = (JSON.parse(readFileSync(pending, 'utf8')) as { dir?: unknown }).dir as string;
    } catch {
      // A note that cannot be read names nothing; it goes.
    }
    if (typeof dir === 'string' && BACKUP_NAME.test(basename(dir)) && !known.recorded.has(dir) && existsSync(dir)) {
      removeBackupFolder(dir);
      removed = true;
    }
    rmSync(pending, { force: true });
  }
  for (const dir of known.pruned) {
    if (BACKUP_NAME.test(basename(dir)) && existsSync(dir)) {
      removeBackupFolder(dir);
      removed = true;
    }
  }
  const store = join(folder, PHOTO_STORE);
  if (!existsSync(store)) return;
  const used = removed ? photosReferredTo(folder) : null;
  for (const name of readdirSync(store)) if (name.endsWith('.part') || (used && !used.has(name))) rmSync(join(store, name), { force: true });
}

/** The photos the backups in a folder refer to; null when a manifest cannot be read (then none is unused). */
function photosReferredTo(folder: string): Set<string> | null {
  const used = new Set<string>();
  for (const name of readdirSync(folder)) {
    const manifest = join(folder, name, MANIFEST_FILE);
    if (!name.startsWith('skinchart-') || !existsSync(manifest)) continue;
    try {
      for (const p of (JSON.parse(readFileSync(manifest, 'utf8')) as BackupManifest).photos) used.add(p.sha256);
    } catch {
      return null;
    }
  }
  return used;
}
