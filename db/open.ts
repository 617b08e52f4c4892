import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { logger } from './log';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { applyMigrations, checkMigrationHistory, knownMigrations } from './migrate';
import { damagedDatabase, isCorruption, refuseCutShortFile, refuseDamagedFile, refuseEmptyFile } from './open-checks';
import { DatabaseOpenError } from './open-error';
import { ormFor, type Orm } from './orm';

export type { Orm };
export type Sqlite = Database.Database;

export interface ClinicDb {
  file: string;
  sql: Sqlite;
  orm: Orm;
  /** Every page was read and checked at open; when false, only the cheap checks ran (see db/damage-check.ts). */
  pagesChecked: boolean;
  close(): void;
}

export interface OpenOptions {
  file: string;
  /** Folder with drizzle-kit's SQL files and meta/_journal.json; defaults to db/migrations. */
  migrationsFolder?: string;
  /** Raw 32-byte key (or passphrase-derived key) for SQLite3MultipleCiphers; absent = not encrypted. */
  key?: Buffer;
  busyTimeoutMs?: number;
  /** Files smaller than this get the page-by-page check at open; larger ones only the cheap checks. */
  fullCheckBelowBytes?: number;
}

/** Under this size reading every page at open costs a few tens of milliseconds. */
export const FULL_CHECK_BELOW_BYTES = 32 * 1024 * 1024;

export const defaultMigrationsFolder = (): string => fileURLToPath(new URL('./migrations/', import.meta.url));

const log = logger('open');

const cipherPragmas = (sql: Sqlite) => {
  // SQLCipher-compatible cipher, so the file can be opened by standard tools with the key.
  sql.pragma(`cipher='sqlcipher'`);
  sql.pragma('legacy=4');
};

const hexKey = (key: Buffer) => {
  if (key.length !== 32) throw new Error('the database key must be 32 bytes');
  return `"x'${key.toString('hex')}'"`;
};

/** The statements that unlock a connection, in order; they must come before any other statement. */
export const keyPragmas = (key: Buffer): string[] => [`cipher='sqlcipher'`, 'legacy=4', `key=${hexKey(key)}`];

/** Unlocks a connection; must come before any other statement. */
export const applyKey = (sql: Sqlite, key: Buffer) => {
  for (const statement of keyPragmas(key)) sql.pragma(statement);
};

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Does the file start like an unencrypted SQLite database? (An encrypted one looks like noise.) */
export function isPlainDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/**
 * Re-encrypts an open database under `newKey` (or encrypts a plain one). SQLite3MultipleCiphers
 * refuses to rekey in WAL mode, so the journal goes to DELETE for the rewrite and back to WAL after.
 * The rewrite is one transaction: a crash leaves the old key in force.
 */
export function rekeyDatabase(sql: Sqlite, newKey: Buffer): void {
  const mode = String(sql.pragma('journal_mode', { simple: true }));
  sql.pragma('journal_mode = DELETE');
  try {
    cipherPragmas(sql);
    sql.pragma(`rekey=${hexKey(newKey)}`);
  } finally {
    sql.pragma(`journal_mode = ${mode === 'wal' ? 'WAL' : mode}`);
  }
}

/** Encrypts a database written before encryption at rest, in place, under `key` (after the same checks as any open). */
function encryptPlainDatabase(file: string, key: Buffer, migrations: MigrationMeta[]) {
  const sql = new Database(file);
  try {
    try {
      checkMigrationHistory(sql, migrations);
      refuseDamagedFile(sql, file);
    } catch (e) {
      throw isCorruption(e) ? damagedDatabase(file) : e;
    }
    rekeyDatabase(sql, key);
  } finally {
    sql.close();
  }
  log.info(`${file} was not encrypted; it is now encrypted with the clinic's key`);
}

/**
 * Opens (or creates) the clinic's database: checks it was not written by a newer app before
 * touching it, then WAL, synchronous=FULL, foreign keys, and pending migrations in one transaction.
 */
export function openDatabase(options: OpenOptions): ClinicDb {
  refuseEmptyFile(options.file);
  const migrations = knownMigrations(options.migrationsFolder ?? defaultMigrationsFolder());
  if (options.key && isPlainDatabase(options.file)) encryptPlainDatabase(options.file, options.key, migrations);
  const sql = new Database(options.file);
  let pagesChecked = false;
  try {
    if (options.key) {
      applyKey(sql, options.key);
      // Sorts and temporary indexes stay in memory: SQLite's temp files would not be encrypted.
      sql.pragma('temp_store = MEMORY');
    }
    sql.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    try {
      const { applied } = checkMigrationHistory(sql, migrations);
      // Every page is checked here when it is cheap (a small file), before a migration rewrites tables, and
      // when the file is not in WAL mode (switching would write its header). Otherwise only the cheap checks:
      // the host then checks every page in the background before its first write (db/damage-check.ts).
      const size = existsSync(options.file) ? statSync(options.file).size : 0;
      pagesChecked =
        size < (options.fullCheckBelowBytes ?? FULL_CHECK_BELOW_BYTES) ||
        (applied > 0 && applied < migrations.length) ||
        sql.pragma('journal_mode', { simple: true }) !== 'wal';
      if (pagesChecked) refuseDamagedFile(sql, options.file);
      else refuseCutShortFile(sql, options.file);
    } catch (e) {
      if (e instanceof DatabaseOpenError) throw e;
      if (isCorruption(e)) throw damagedDatabase(options.file);
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') {
        throw options.key
          ? new DatabaseOpenError('wrong_key', 'The database could not be unlocked: the key is wrong or the file is damaged. Nothing was changed.')
          : new DatabaseOpenError('not_a_database', `${options.file} is not a readable Skinchart database (damaged, truncated or encrypted). It was left untouched; restore it from a backup.`);
      }
      throw e;
    }
    sql.pragma('journal_mode = WAL');
    sql.pragma('synchronous = FULL');
    sql.pragma('foreign_keys = ON');
    applyMigrations(sql, migrations);
  } catch (e) {
    sql.close();
    throw e;
  }
  const orm = ormFor(sql);
  return { file: options.file, sql, orm, pagesChecked, close: () => sql.close() };
}

export { DatabaseOpenError } from './open-error';
