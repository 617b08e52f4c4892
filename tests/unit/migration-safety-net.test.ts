import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, knownMigrations } from '../../db/migrate';
import { defaultMigrationsFolder } from '../../db/open';

const all = knownMigrations(defaultMigrationsFolder());
const index = all.findIndex((m) => m.sql.some((s) => s.includes('audit_log_action')));

describe('migration safety_net', () => {
  it('keeps backup rows made before it, with defaults for the new columns, and indexes sign-in failures', () => {
    expect(index).toBeGreaterThan(0);
    const sql = new Database(join(mkdtempSync(join(tmpdir(), 'skinchart-mig-')), 'x.db'));
    applyMigrations(sql, all.slice(0, index));
    sql
      .prepare(`INSERT INTO backups (path, sha256, bytes, integrity, created_at) VALUES ('/b/skinchart-1', 'abc', 10, 'ok', '2026-01-01T00:00:00.000Z')`)
      .run();
    applyMigrations(sql, all.slice(0, index + 1));
    expect(sql.prepare('SELECT path, kind, audit_entries, photos, encrypted, verified_at, pruned_at FROM backups').get()).toEqual({
      path: '/b/skinchart-1',
      kind: 'manual',
      audit_entries: 0,
      photos: 0,
      encrypted: 0,
      verified_at: null,
      pruned_at: null,
    });
    const plan = sql
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = 'ada' AND seq > 5`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/audit_log_action/);
    sql.close();
  });
});
