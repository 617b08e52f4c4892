import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, knownMigrations } from '../../db/migrate';
import { defaultMigrationsFolder } from '../../db/open';
import { chartSql } from '../../db/records/chart';

const all = knownMigrations(defaultMigrationsFolder());
const index = all.findIndex((m) => m.sql.some((s) => s.includes('CREATE INDEX `treatment_sessions_patient`') && s.includes('`signed_at`')));

describe('the covering-index migration', () => {
  it('keeps every row, and the chart then reads sessions and products from the indexes alone', () => {
    expect(index).toBeGreaterThan(1);
    const sql = new Database(join(mkdtempSync(join(tmpdir(), 'skinchart-mig-')), 'clinic.db'));
    applyMigrations(sql, all.slice(0, index));
    const now = '2026-01-01T00:00:00.000Z';
    sql.exec(`
      INSERT INTO patients (id, chart_number, first_name, last_name, date_of_birth, name_key, created_at, updated_at) VALUES (1, 'SC-000001', 'Iris', 'Vale', '1979-04-02', 'iris|vale', '${now}', '${now}');
      INSERT INTO products (id, name, kind, unit, created_at, updated_at) VALUES (1, 'Glutathione 600 mg', 'injectable', 'vial', '${now}', '${now}');
      INSERT INTO lots (id, product_id, lot_number, expires_on, received_on, created_at, updated_at) VALUES (1, 1, 'GLU-2291', '2027-01-01', '2025-01-01', '${now}', '${now}');
      INSERT INTO treatment_sessions (id, patient_id, treatment_type, performed_at, created_at, updated_at) VALUES (1, 1, 'iv_glutathione', '${now}', '${now}', '${now}');
      INSERT INTO session_products (id, session_id, lot_id, quantity, area, at) VALUES (1, 1, 1, 2, 'left antecubital fossa', '${now}');
    `);
    const before = sql.prepare(`EXPLAIN QUERY PLAN ${chartSql.products}`).all('[1]') as { detail: string }[];
    expect(before.map((r) => r.detail).join('\n')).not.toContain('COVERING INDEX session_products_session');
    applyMigrations(sql, all.slice(0, index + 1));
    expect(sql.prepare('SELECT count(*) AS n FROM session_products').get()).toEqual({ n: 1 });
    expect(sql.prepare('SELECT id FROM treatment_sessions WHERE patient_id = 1').pluck().all()).toEqual([1]);
    const columns = (name: string) => (sql.prepare(`PRAGMA index_info(${name})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('treatment_sessions_patient')).toEqual(['patient_id', 'performed_at', 'id', 'treatment_type', 'status', 'practitioner_id', 'signed_at']);
    expect(columns('session_products_session')).toEqual(['session_id', 'id', 'lot_id', 'quantity', 'area']);
    expect(columns('session_products_lot')).toEqual(['lot_id', 'session_id', 'quantity']);
    const after = (sql.prepare(`EXPLAIN QUERY PLAN ${chartSql.products}`).all('[1]') as { detail: string }[]).map((r) => r.detail);
    expect(after[0]).toBe('SEARCH sp USING COVERING INDEX session_products_session (session_id=?)');
    expect(sql.prepare(chartSql.products).all('[1]')).toEqual([
      { sessionId: 1, lotId: 1, lotNumber: 'GLU-2291', productName: 'Glutathione 600 mg', quantity: 2, unit: 'vial', area: 'left antecubital fossa' },
    ]);
    sql.close();
  });
});
