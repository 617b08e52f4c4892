import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm/relations';
import { BetterSQLiteSession } from 'drizzle-orm/better-sqlite3/session';
import { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core/db';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core/dialect';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3/driver';
import type Database from 'better-sqlite3-multiple-ciphers';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

/**
 * drizzle over our SQLite driver. drizzle's own `drizzle()` entry imports the plain `better-sqlite3`
 * package; we ship its encryption-capable build instead, so the database object is built here from
 * the same parts that entry uses.
 */
export function ormFor(client: Database.Database): Orm {
  const dialect = new SQLiteSyncDialect();
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const session = new BetterSQLiteSession(client as never, dialect, relational, {});
  const orm = new BaseSQLiteDatabase('sync', dialect, session as never, relational as never) as unknown as Orm;
  return Object.assign(orm, { $client: client as never });
}
