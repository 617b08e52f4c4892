import type Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, statSync } from 'node:fs';
import { DatabaseOpenError } from './open-error';

// Checks made before the app writes anything to an existing database file: a damaged or truncated
// file is refused and left exactly as it is, so it can still be examined or restored.

export const damagedDatabase = (file: string) =>
  new DatabaseOpenError(
    'not_a_database',
    `${file} is damaged or cut short (SQLite cannot read all of it), so Skinchart will not open it. It was left untouched; restore the records from a backup.`,
  );

const sizeOf = (file: string): number | null => (existsSync(file) ? statSync(file).size : null);

/**
 * An existing file of zero bytes holds no records: SQLite would take it for a new database and
 * the app would offer a first-run setup over the clinic's lost records. (A new database is never
 * left empty: switching it to WAL writes its first page at once.)
 */
export function refuseEmptyFile(file: string): void {
  if (sizeOf(file) !== 0 || (sizeOf(`${file}-wal`) ?? 0) > 0) return;
  throw new DatabaseOpenError(
    'not_a_database',
    `${file} is empty: the clinic's records are not in it. It was left as it is; restore the records from a backup. ` +
      '(Only if this is a new installation that stopped during its very first start: delete the empty file and start again.)',
  );
}

/**
 * Cheap checks at every open, before anything is written: a file cut off mid-page, or cut at a page
 * boundary (fewer pages than its header counts; SQLite refuses that on first read too), and a schema
 * that reads back whole. They read a few pages, so start-up stays quick on a 1 GB file; the page-by-page
 * check runs right after start (db/damage-check.ts), and before any migration.
 */
export function refuseCutShortFile(sql: Database.Database, file: string): void {
  const pageSize = sql.pragma('page_size', { simple: true }) as number;
  const size = sizeOf(file) ?? 0;
  if (size % pageSize !== 0) throw damagedDatabase(file);
  // With frames in the WAL (the app stopped without closing) the file may lag its header until recovery.
  if ((sizeOf(`${file}-wal`) ?? 0) === 0 && size > 0) {
    const pages = sql.pragma('page_count', { simple: true }) as number;
    if (pages * pageSize > size) throw damagedDatabase(file);
  }
  sql.prepare('SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema').all();
}

/** Every page read and checked (`quick_check`): before a migration rewrites the file, or encryption does. */
export function refuseDamagedFile(sql: Database.Database, file: string): void {
  refuseCutShortFile(sql, file);
  if (sql.pragma('quick_check(1)', { simple: true }) !== 'ok') throw damagedDatabase(file);
}

/** SQLite's word for a file it cannot make sense of (any of its "corrupt" codes). */
export const isCorruption = (e: unknown): boolean => String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_CORRUPT');
