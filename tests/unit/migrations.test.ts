import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, knownMigrations } from '../../db/migrate';
import { defaultMigrationsFolder, openDatabase, DatabaseOpenError } from '../../db/open';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'skinchart-mig-')), 'clinic.db');
const all = knownMigrations(defaultMigrationsFolder());
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('migrations', () => {
  it('a new database gets every migration and the pragmas the clinic relies on', () => {
    const db = openDatabase({ file: fresh() });
    expect(db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sql.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.sql.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sql.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: all.length });
    db.close();
  });

  it('opening twice applies nothing the second time', () => {
    const file = fresh();
    openDatabase({ file }).close();
    const db = openDatabase({ file });
    expect(applyMigrations(db.sql, all)).toBe(0);
    db.close();
  });

  it('0000_init: creates the tables of every area', () => {
    const sql = new Database(fresh());
    applyMigrations(sql, all.slice(0, 1));
    const tables = (sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['users', 'patients', 'intakes', 'consent_templates', 'consents', 'products', 'lots', 'stock_movements', 'treatment_sessions', 'session_products', 'appointments', 'audit_log']) {
      expect(tables).toContain(t);
    }
    sql.close();
  });

  it('0001_guards: rows written before it are kept, and afterwards the audit log refuses edits', () => {
    const sql = new Database(fresh());
    applyMigrations(sql, all.slice(0, 1));
    sql.prepare(`INSERT INTO audit_log (seq, at, action, entity, change_hash, prev_hash, hash) VALUES (1, 'x', 'a', 'e', 'c', 'p', 'h')`).run();
    applyMigrations(sql, all.slice(0, 2));
    expect(sql.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    expect(() => sql.prepare(`UPDATE audit_log SET action = 'b'`).run()).toThrow(/append-only/);
    expect(() => sql.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    sql.close();
  });

  it('a failing migration leaves the database as it was (one transaction)', () => {
    const file = fresh();
    const sql = new Database(file);
    applyMigrations(sql, all.slice(0, 1));
    const broken = { ...all[1]!, sql: ['CREATE TABLE half_done (x)', 'THIS IS NOT SQL'] };
    expect(() => applyMigrations(sql, [all[0]!, broken])).toThrow();
    expect(sql.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    expect(sql.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 1 });
    sql.close();
  });

  it('a database from a newer app is refused with a clear message and left byte-for-byte untouched', () => {
    const file = fresh();
    openDatabase({ file }).close();
    const sql = new Database(file);
    sql.pragma('journal_mode = DELETE');
    sql.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.now() + 1e9);
    sql.close();
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase({ file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('newer_version');
    expect((error as Error).message).toMatch(/newer version of Skinchart/);
    expect(sha(file)).toBe(before);
  });

  it('a file that is not a database is refused, never overwritten', () => {
    const file = fresh();
    const sql = new Database(file);
    sql.close();
    writeFileSync(file, Buffer.alloc(8192, 7));
    const before = sha(file);
    expect(() => openDatabase({ file })).toThrow(/not a readable Skinchart database/);
    expect(sha(file)).toBe(before);
  });
});
