import type Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// WITHOUT ROWID tables (full-text index shadows) have no rowid; their primary key orders them.
const rowsOf = (sql: Database.Database, table: string): Iterable<unknown[]> => {
  try {
    return sql.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>;
  } catch {
    return sql.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>;
  }
};

/** Every table's rows as one digest per table, so "nothing changed" can be checked exactly. */
export function tableDigests(sql: Database.Database, except: string[] = []): Record<string, string> {
  const tables = (
    sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((t) => !except.includes(t));
  const digests: Record<string, string> = {};
  for (const table of tables) {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of rowsOf(sql, table)) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v)));
      rows++;
    }
    digests[table] = `${rows}:${hash.digest('hex').slice(0, 16)}`;
  }
  return digests;
}

/** The schema as SQLite stores it: every table, index and trigger with its SQL. */
export const schemaOf = (sql: Database.Database) =>
  sql.prepare(`SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master ORDER BY type, name`).all();

export const appliedMigrations = (sql: Database.Database): string[] =>
  (sql.prepare('SELECT hash FROM __drizzle_migrations ORDER BY id').all() as { hash: string }[]).map((r) => r.hash);

export const fileDigest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
