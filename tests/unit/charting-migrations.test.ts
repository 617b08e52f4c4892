import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../db/migrate';
import { allMigrations as all, freshDatabase as fresh, migrationIndex as indexOf } from '../support/migration-steps';

const seedSessions = (sql: Database.Database) => {
  sql.prepare(`INSERT INTO users (id, name, username, password_hash, role, created_at, updated_at) VALUES (1, 'Priya', 'priya', 'x', 'practitioner', 't', 't')`).run();
  sql.prepare(
    `INSERT INTO patients (id, chart_number, first_name, last_name, date_of_birth, name_key, created_at, updated_at) VALUES (1, 'SC-000001', 'Marisol', 'Núñez', '1988-03-14', 'marisol|nunez', 't', 't')`,
  ).run();
  sql.prepare(`INSERT INTO treatment_sessions (id, patient_id, treatment_type, performed_at, parameters, created_at, updated_at) VALUES (1, 1, 'laser', '2026-03-02T09:00:00.000Z', '{"fluenceJcm2":2.5}', 't', 't')`).run();
  sql.prepare(`INSERT INTO aftercare_given (session_id, treatment_type, version, at, user_id) VALUES (1, 'laser', 1, 't', 1)`).run();
};

describe('charting migrations', () => {
  it('*_charting: sessions charted before it keep their parameters and gain an empty numbing step; aftercare sheets get their table', () => {
    const n = indexOf('charting');
    const sql = fresh();
    applyMigrations(sql, all.slice(0, n));
    seedSessions(sql);
    applyMigrations(sql, all.slice(0, n + 1));
    expect(sql.prepare('SELECT parameters, numbing, override_rules, status FROM treatment_sessions').get()).toEqual({
      parameters: '{"fluenceJcm2":2.5}',
      numbing: null,
      override_rules: null,
      status: 'draft',
    });
    const template = sql.prepare(`INSERT INTO aftercare_templates (treatment_type, version, title, body, published_at) VALUES ('laser', ?, 'After laser', 'Wording', 't')`);
    template.run(1);
    expect(() => template.run(1)).toThrow(/UNIQUE/);
    sql.close();
  });

  it('*_charting_sql: existing rows are kept; afterwards a signature needs its signer and time, addenda need a signed session, and aftercare records never change', () => {
    const n = indexOf('charting_sql');
    const sql = fresh();
    applyMigrations(sql, all.slice(0, n));
    seedSessions(sql);
    sql.prepare(`INSERT INTO aftercare_templates (treatment_type, version, title, body, published_at) VALUES ('laser', 1, 'After laser', 'Wording', 't')`).run();
    applyMigrations(sql, all.slice(0, n + 1));
    expect(sql.prepare('SELECT count(*) AS n FROM aftercare_given').get()).toEqual({ n: 1 });
    const addendum = sql.prepare(`INSERT INTO session_addenda (session_id, text, reason, at) VALUES (1, 'Called the patient', 'Follow-up', 't')`);
    expect(() => addendum.run()).toThrow(/added to a signed session/);
    expect(() => sql.prepare(`UPDATE treatment_sessions SET status = 'signed' WHERE id = 1`).run()).toThrow(/needs the signer and the signing time/);
    sql.prepare(`UPDATE treatment_sessions SET status = 'signed', signed_at = 't2', signed_by = 1 WHERE id = 1`).run();
    addendum.run();
    expect(() => sql.prepare(`UPDATE aftercare_templates SET body = 'Changed'`).run()).toThrow(/never changes/);
    expect(() => sql.prepare('DELETE FROM aftercare_templates').run()).toThrow(/never changes/);
    expect(() => sql.prepare(`UPDATE aftercare_given SET version = 2`).run()).toThrow(/never changes/);
    expect(() => sql.prepare('DELETE FROM aftercare_given').run()).toThrow(/never changes/);
    sql.close();
  });
});
