import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAudit, entryJsonSql, verifyAuditChain } from '../../db/audit-chain';
import { testHost } from '../support/host';

describe('checking the audit chain with entries serialised by SQLite', () => {
  it('SQLite writes every character of an entry exactly as JSON.stringify does', () => {
    const sql = new Database(':memory:');
    sql.exec('CREATE TABLE audit_log (seq INTEGER, at TEXT, user_id INTEGER, action TEXT, entity TEXT, entity_id TEXT, patient_id INTEGER, change_hash TEXT)');
    const insert = sql.prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const read = sql.prepare(`SELECT ${entryJsonSql} FROM audit_log WHERE seq = ?`).pluck();
    const texts: string[] = [];
    for (let c = 0; c <= 0xffff; c += 64) {
      let s = '';
      for (let k = c; k < c + 64 && k <= 0xffff; k++) if (k < 0xd800 || k > 0xdfff) s += String.fromCharCode(k);
      texts.push(s);
    }
    texts.push('😀 𝄞 "quoted" back\\slash line\nbreak', '');
    texts.forEach((text, i) => {
      const row = [i + 1, text, i % 2 ? null : 42, text, 'patient', text, i % 3 ? 7 : null, 'c'.repeat(64)] as const;
      insert.run(...row);
      expect(read.get(i + 1)).toBe(JSON.stringify(row));
    });
  });

  it('accepts an untouched chain of awkward text and finds the entry that was changed', () => {
    const host = testHost();
    const sql = host.db.sql;
    sql.transaction(() => {
      for (const [i, action] of ['login "quoted"', 'tab\there', 'Ñúñez ☃', 'new\nline', 'back\\slash'].entries()) {
        appendAudit(sql, `2026-01-0${i + 1}T09:00:00.000Z`, i === 0 ? null : i, { action, entity: 'patient', entityId: `id ${i}`, patientId: i || null, change: { i } });
      }
    })();
    expect(verifyAuditChain(sql)).toMatchObject({ ok: true, entries: 5 });
    // Rewrite history the only way left: drop the guard, edit, and see the check point at it.
    sql.exec('DROP TRIGGER audit_log_no_update');
    sql.prepare(`UPDATE audit_log SET entity_id = 'id 9' WHERE seq = 4`).run();
    expect(verifyAuditChain(sql)).toMatchObject({ ok: false, entries: 3, brokenAt: 4 });
  });

  it('finds a stored link that does not name the entry before it, whatever its length', () => {
    const chain = () => {
      const host = testHost();
      host.db.sql.transaction(() => {
        for (let i = 1; i <= 4; i++) appendAudit(host.db.sql, `2026-01-0${i}T09:00:00.000Z`, null, { action: 'a', entity: 'e', entityId: i });
      })();
      host.db.sql.exec('DROP TRIGGER audit_log_no_update');
      return host.db.sql;
    };
    for (const forge of ["prev_hash || '0'", 'substr(prev_hash, 2)', `'${'0'.repeat(64)}'`]) {
      const sql = chain();
      sql.exec(`UPDATE audit_log SET prev_hash = ${forge} WHERE seq = 3`);
      expect(verifyAuditChain(sql)).toMatchObject({ ok: false, entries: 2, brokenAt: 3 });
    }
  });
});
