import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, knownMigrations } from '../../db/migrate';
import { defaultMigrationsFolder } from '../../db/open';

const folder = defaultMigrationsFolder();
const all = knownMigrations(folder);
// Found by tag, not by number: numbers may change when branches are merged.
const tags = (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);
const n = tags.findIndex((t) => t.replace(/^\d+_/, '') === 'photos_sql');
const SHA = 'a'.repeat(64);

describe('photo migrations', () => {
  it('*_photos_sql: photos stored before it are kept, and afterwards a photo row is checked on insert and never changes', () => {
    expect(n).toBeGreaterThan(0);
    const sql = new Database(join(mkdtempSync(join(tmpdir(), 'skinchart-mig-')), 'clinic.db'));
    applyMigrations(sql, all.slice(0, n));
    sql.prepare(`INSERT INTO users (id, name, username, password_hash, role, created_at, updated_at) VALUES (1, 'Priya', 'priya', 'x', 'practitioner', 't', 't')`).run();
    sql
      .prepare(`INSERT INTO patients (id, chart_number, first_name, last_name, date_of_birth, name_key, created_at, updated_at) VALUES (1, 'SC-000001', 'Ana', 'Ruiz', '1990-01-01', 'ana ruiz', 't', 't')`)
      .run();
    sql.prepare(`INSERT INTO treatment_sessions (id, patient_id, treatment_type, performed_at, created_at, updated_at) VALUES (1, 1, 'laser', 't', 't', 't')`).run();
    const insert = sql.prepare(`INSERT INTO session_photos (session_id, kind, file_name, sha256, mime, width, height, bytes, taken_at, user_id) VALUES (1, ?, ?, ?, ?, 4, 3, ?, 't', 1)`);
    insert.run('before', '1/a.jpg', SHA, 'image/jpeg', 100);
    applyMigrations(sql, all.slice(0, n + 1));
    expect(sql.prepare('SELECT kind, file_name AS fileName, sha256, bytes FROM session_photos').all()).toEqual([{ kind: 'before', fileName: '1/a.jpg', sha256: SHA, bytes: 100 }]);
    insert.run('after', '1/b.png', 'b'.repeat(64), 'image/png', 50);
    expect(() => insert.run('during', '1/c.jpg', SHA, 'image/jpeg', 10)).toThrow(/needs its kind/);
    expect(() => insert.run('after', '1/c.gif', SHA, 'image/gif', 10)).toThrow(/image type/);
    expect(() => insert.run('after', '1/c.jpg', SHA.toUpperCase(), 'image/jpeg', 10)).toThrow(/SHA-256/);
    expect(() => insert.run('after', '1/c.jpg', SHA, 'image/jpeg', 0)).toThrow(/its size/);
    expect(() => sql.prepare(`UPDATE session_photos SET file_name = 'elsewhere.jpg'`).run()).toThrow(/never changes/);
    expect(() => sql.prepare('DELETE FROM session_photos').run()).toThrow(/never deleted/);
    expect(sql.prepare('SELECT count(*) AS n FROM session_photos').get()).toEqual({ n: 2 });
    sql.close();
  });
});
