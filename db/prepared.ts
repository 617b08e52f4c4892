import type Database from 'better-sqlite3-multiple-ciphers';

// Statements are compiled once per connection and reused: preparing is the costly part.
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(sql: Database.Database, text: string): Database.Statement {
  let perDb = cache.get(sql);
  if (!perDb) {
    perDb = new Map();
    cache.set(sql, perDb);
  }
  let stmt = perDb.get(text);
  if (!stmt) {
    stmt = sql.prepare(text);
    perDb.set(text, stmt);
  }
  return stmt;
}
