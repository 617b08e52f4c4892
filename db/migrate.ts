import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type Database from 'better-sqlite3-multiple-ciphers';
import { DatabaseOpenError } from './open-error';

// drizzle-kit's bookkeeping table, so its tooling still understands our databases.
const TABLE = '__drizzle_migrations';

export const knownMigrations = (folder: string): MigrationMeta[] => readMigrationFiles({ migrationsFolder: folder });

const appliedHashes = (sql: Database.Database): string[] => {
  const exists = sql.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!exists) return [];
  return (sql.prepare(`SELECT hash FROM ${TABLE} ORDER BY created_at, id`).all() as { hash: string }[]).map((r) => r.hash);
};

/**
 * The applied migrations must be a prefix of the ones this app knows. More than we know means
 * a newer app wrote the file: refuse, and do not touch it.
 */
export function checkMigrationHistory(sql: Database.Database, known: MigrationMeta[]): { applied: number } {
  const applied = appliedHashes(sql);
  if (applied.length > known.length) {
    throw new DatabaseOpenError(
      'newer_version',
      `This database was written by a newer version of Skinchart (${applied.length} schema changes; this app knows ${known.length}). Update the app; the database was left untouched.`,
    );
  }
  applied.forEach((hash, i) => {
    if (hash !== known[i]?.hash) {
      throw new DatabaseOpenError(
        'unknown_history',
        `This database's schema history does not match this app (change ${i + 1} differs): it is damaged or not from this app. It was left untouched; restore the records from a backup.`,
      );
    }
  });
  return { applied: applied.length };
}

/** Applies every pending migration in one transaction: all of them or none. */
export function applyMigrations(sql: Database.Database, known: MigrationMeta[]): number {
  const pending = known.slice(appliedHashes(sql).length);
  if (pending.length === 0) return 0;
  sql.transaction(() => {
    // Table rebuilds in migrations drop and recreate referenced tables; check keys at commit instead.
    sql.pragma('defer_foreign_keys = ON');
    sql.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)`);
    const record = sql.prepare(`INSERT INTO ${TABLE} (hash, created_at) VALUES (?, ?)`);
    for (const m of pending) {
      for (const stmt of m.sql) if (stmt.trim()) sql.exec(stmt);
      record.run(m.hash, m.folderMillis);
    }
  }).immediate();
  return pending.length;
}
