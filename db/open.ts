import Database from 'better-sqlite3-multiple-ciphers';
import { fileURLToPath } from 'node:url';
import { applyMigrations, checkMigrationHistory, knownMigrations } from './migrate';
import { damagedDatabase, isCorruption, refuseDamagedFile, refuseEmptyFile } from './open-checks';
import { DatabaseOpenError } from './open-error';
import { ormFor, type Orm } from './orm';

export type { Orm };
export type Sqlite = Database.Database;

export interface ClinicDb {
  file: string;
  sql: Sqlite;
  orm: Orm;
  close(): void;
}

export interface OpenOptions {
  file: string;
  /** Folder with drizzle-kit's SQL files and meta/_journal.json; defaults to db/migrations. */
  migrationsFolder?: string;
  /** Raw 32-byte key (or passphrase-derived key) for SQLite3MultipleCiphers; absent = not encrypted. */
  key?: Buffer;
  busyTimeoutMs?: number;
}

export const defaultMigrationsFolder = (): string => fileURLToPath(new URL('./migrations/', import.meta.url));

const applyKey = (sql: Sqlite, key: Buffer) => {
  // SQLCipher-compatible cipher, so the file can be opened by standard tools with the key.
  sql.pragma(`cipher='sqlcipher'`);
  sql.pragma('legacy=4');
  sql.pragma(`key="x'${key.toString('hex')}'"`);
};

/**
 * Opens (or creates) the clinic's database: checks it was not written by a newer app before
 * touching it, then WAL, synchronous=FULL, foreign keys, and pending migrations in one transaction.
 */
export function openDatabase(options: OpenOptions): ClinicDb {
  refuseEmptyFile(options.file);
  const sql = new Database(options.file);
  try {
    if (options.key) applyKey(sql, options.key);
    sql.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    const migrations = knownMigrations(options.migrationsFolder ?? defaultMigrationsFolder());
    try {
      checkMigrationHistory(sql, migrations);
      refuseDamagedFile(sql, options.file);
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
  return { file: options.file, sql, orm, close: () => sql.close() };
}

export { DatabaseOpenError } from './open-error';
