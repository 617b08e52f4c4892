import { describe, expect, it } from 'vitest';
import { refusal, testHost, withStaff } from '../support/host';

describe('opening a chart', () => {
  const clinicWithHistory = async (sessionCount: number) => {
    const host = testHost();
    const staff = await withStaff(host);
    const patient = await host.call('patients.create', { firstName: 'Iris', lastName: 'Vale', dateOfBirth: '1979-04-02' }, staff.frontDesk);
    const sql = host.db.sql;
    const now = '2026-01-01T00:00:00.000Z';
    const product = sql.prepare(`INSERT INTO products (name, kind, unit, ingredients, created_at, updated_at) VALUES ('Glutathione 600 mg', 'infusion', 'vial', '["glutathione"]', ?, ?)`).run(now, now);
    const lot = sql.prepare(`INSERT INTO lots (product_id, lot_number, expires_on, received_on, created_at, updated_at) VALUES (?, 'GLU-2291', '2027-01-01', '2025-01-01', ?, ?)`).run(product.lastInsertRowid, now, now);
    const session = sql.prepare(
      `INSERT INTO treatment_sessions (patient_id, treatment_type, performed_at, practitioner_id, created_at, updated_at) VALUES (?, 'iv_glutathione', ?, ?, ?, ?)`,
    );
    const use = sql.prepare(`INSERT INTO session_products (session_id, lot_id, quantity, at) VALUES (?, ?, 1, ?)`);
    sql.transaction(() => {
      for (let i = 0; i < sessionCount; i++) {
        // Two sessions share each instant, so the page boundary falls between equal times.
        const at = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 2) * 86400000).toISOString();
        const { lastInsertRowid } = session.run(patient.id, at, staff.ids.practitioner, now, now);
        use.run(lastInsertRowid, lot.lastInsertRowid, at);
      }
    })();
    return { host, staff, patient };
  };

  it('gives sessions newest first with their products by lot, in pages that lose nothing', async () => {
    const { host, staff, patient } = await clinicWithHistory(251);
    const first = await host.call('patients.chart', { patientId: patient.id, limit: 200 }, staff.practitioner);
    expect(first.sessions).toHaveLength(200);
    expect(first.sessions[0]!.products).toEqual([{ lotId: expect.any(Number), lotNumber: 'GLU-2291', productName: 'Glutathione 600 mg', quantity: 1, unit: 'vial', area: null }]);
    expect(first.sessions[0]!.practitionerName).toBe('Priya Practitioner');
    expect(first.nextCursor).not.toBeNull();
    const second = await host.call('patients.chart', { patientId: patient.id, limit: 200, cursor: first.nextCursor! }, staff.practitioner);
    expect(second.sessions).toHaveLength(51);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.sessions, ...second.sessions].map((s) => s.id);
    expect(new Set(ids).size).toBe(251);
    const times = [...first.sessions, ...second.sessions].map((s) => s.performedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('is recorded in the audit log, and the front desk cannot open it', async () => {
    const { host, staff, patient } = await clinicWithHistory(1);
    await host.call('patients.chart', { patientId: patient.id }, staff.practitioner);
    const log = await host.call('audit.query', { patientId: patient.id, action: 'patients.chart' }, staff.admin);
    expect(log.items.map((e) => e.userId)).toEqual([staff.ids.practitioner]);
    expect((await refusal(host.call('patients.chart', { patientId: patient.id }, staff.frontDesk))).code).toBe('forbidden');
  });

  it('uses indexes: no scan of sessions or product uses', async () => {
    const { host } = await clinicWithHistory(3);
    const plan = (text: string, ...params: unknown[]) =>
      (host.db.sql.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
    const sessions = plan(`SELECT id FROM treatment_sessions s WHERE s.patient_id = ? AND (s.performed_at < ? OR (s.performed_at = ? AND s.id < ?)) ORDER BY s.performed_at DESC, s.id DESC`, 1, '9', '9', 0);
    expect(sessions).toContain('treatment_sessions_patient');
    const products = plan(`SELECT sp.id FROM session_products sp WHERE sp.session_id IN (SELECT value FROM json_each(?))`, '[1]');
    expect(products).toContain('session_products_session');
    expect(`${sessions}\n${products}`).not.toMatch(/^SCAN (s|sp|treatment_sessions|session_products)\b/m);
  });
});
