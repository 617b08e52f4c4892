import { describe, expect, it } from 'vitest';
import type { TreatmentType } from '../../db/api/fields';
import { nameKeyOf, namePartsOf, phoneDigitsOf, reversed } from '../../db/fold';
import { chartMissingFields } from '../../db/rules/chart';
import { treatmentParameters } from '../../db/rules/treatment-parameters';
import { clinicPlan, generateClinic, type ClinicPlan } from '../bench/clinic-generator';
import { testHost } from '../support/host';

const small = (overrides: Partial<ClinicPlan> = {}) => clinicPlan(400, { heavySessions: 40, busyLotUses: 60, ...overrides });

const generated = async (plan = small()) => {
  const host = testHost();
  const clinic = await generateClinic(host.db, plan, { scryptLogN: 10 });
  const token = async (role: string) => {
    const s = clinic.staff.find((x) => x.role === role)!;
    return (await host.call('auth.login', { username: s.username, password: s.password }, null)).token;
  };
  return { host, clinic, plan, token, one: <T>(text: string, ...params: unknown[]) => host.db.sql.prepare(text).pluck().get(...params) as T };
};

describe('the generated clinic', () => {
  it('has the planned size, in the real schema, with every key and check intact', async () => {
    const { host, plan, one } = await generated();
    expect(one('SELECT count(*) FROM patients')).toBe(plan.patients);
    expect(one('SELECT count(*) FROM treatment_sessions')).toBe(plan.sessions);
    expect(one('SELECT count(*) FROM session_products')).toBe(plan.productUses);
    expect(one(`SELECT count(*) FROM stock_movements WHERE kind = 'use'`)).toBe(plan.productUses);
    expect(one('SELECT count(*) FROM lots')).toBe(plan.lots);
    expect(one('SELECT count(*) FROM audit_log')).toBeGreaterThanOrEqual(plan.auditEntries);
    expect(one<number>('SELECT count(DISTINCT patient_id) FROM intakes')).toBeGreaterThan(plan.patients * 0.85);
    expect(one<number>('SELECT count(DISTINCT patient_id) FROM consents')).toBeGreaterThan(plan.patients * 0.85);
    expect(host.db.sql.pragma('foreign_key_check')).toEqual([]);
    expect(host.db.sql.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(host.db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(host.db.sql.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('puts back every guard trigger of the schema', async () => {
    const fresh = testHost();
    const { host } = await generated();
    const triggers = (h: typeof host) => h.db.sql.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
    expect(triggers(host)).toEqual(triggers(fresh));
    expect(() => host.db.sql.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('is the same clinic every time for the same plan', async () => {
    const a = await generated();
    const b = await generated();
    const head = (g: typeof a) => g.one<string>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(head(a)).toBe(head(b));
    expect(a.one('SELECT group_concat(last_name) FROM patients')).toBe(b.one('SELECT group_concat(last_name) FROM patients'));
  });

  it('writes a hash chain that audit.verify accepts, in time order', async () => {
    const { host, token, one } = await generated();
    expect(one(`SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 WHERE b.at < a.at`)).toBe(0);
    const verdict = await host.call('audit.verify', {}, await token('admin'));
    expect(verdict).toMatchObject({ ok: true, entries: one('SELECT count(*) FROM audit_log') });
  });

  it('signs consents as consents.sign does: each reads back in the contract, verifies and prints its fields', async () => {
    const { host, token, one } = await generated();
    const ids = host.db.sql.prepare('SELECT id FROM consents ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(0);
    const practitioner = await token('practitioner');
    for (const id of ids.slice(0, 40)) {
      const consent = await host.call('consents.get', { id }, practitioner);
      expect(consent.fields.signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(consent.fields.patient.chartNumber).toBe(one('SELECT p.chart_number FROM consents c JOIN patients p ON p.id = c.patient_id WHERE c.id = ?', id));
      expect(await host.call('consents.verify', { id }, practitioner)).toMatchObject({ intact: true });
    }
  });

  it('fills the search keys exactly as registering a patient does, and the chart-number counter', async () => {
    const { host, plan, token } = await generated();
    const rows = host.db.sql.prepare('SELECT id, first_name, last_name, phone, name_key, phone_digits, phone_digits_reversed FROM patients').all() as {
      id: number;
      first_name: string;
      last_name: string;
      phone: string | null;
      name_key: string;
      phone_digits: string | null;
      phone_digits_reversed: string | null;
    }[];
    const keysOf = host.db.sql.prepare('SELECT key FROM patient_name_keys WHERE patient_id = ? ORDER BY key').pluck();
    for (const p of rows) {
      expect(p.name_key).toBe(nameKeyOf(p.first_name, p.last_name));
      expect(p.phone_digits).toBe(phoneDigitsOf(p.phone));
      expect(p.phone_digits_reversed).toBe(reversed(phoneDigitsOf(p.phone)));
      expect(keysOf.all(p.id)).toEqual([...new Set(namePartsOf(p.first_name, p.last_name))].sort());
    }
    const next = await host.call('patients.create', { firstName: 'Noor', lastName: 'Haddad', dateOfBirth: '1990-01-01' }, await token('front_desk'));
    expect(next.chartNumber).toBe(`SC-${String(plan.patients + 1).padStart(6, '0')}`);
  });

  it('can be found through patients.search by name, chart number and phone', async () => {
    const { host, token, one } = await generated();
    const desk = await token('front_desk');
    for (const id of [1, 57, 133, 250, 399]) {
      const p = host.db.sql.prepare('SELECT first_name AS firstName, last_name AS lastName, chart_number AS chartNumber, phone FROM patients WHERE id = ?').get(id) as {
        firstName: string;
        lastName: string;
        chartNumber: string;
        phone: string | null;
      };
      const ids = async (query: string) => (await host.call('patients.search', { query, limit: 200, includeArchived: true }, desk)).items.map((x) => x.id);
      expect(await ids(`${p.firstName} ${p.lastName}`)).toContain(id);
      expect(await ids(p.chartNumber)).toEqual([id]);
      if (p.phone) expect(await ids(p.phone)).toContain(id);
    }
    expect(one('SELECT count(*) FROM patients WHERE archived_at IS NOT NULL')).toBeLessThan(20);
  });

  it('keeps the stock ledger whole: each use has its movement, no lot goes below zero or is used outside its dates', async () => {
    const { one, clinic } = await generated();
    expect(
      one(`SELECT count(*) FROM session_products sp LEFT JOIN stock_movements m ON m.session_product_id = sp.id AND m.kind = 'use'
           WHERE m.id IS NULL OR m.lot_id <> sp.lot_id OR abs(m.quantity + sp.quantity) > 0.0005`),
    ).toBe(0);
    expect(one(`SELECT count(*) FROM (SELECT lot_id, sum(quantity) AS onHand FROM stock_movements GROUP BY lot_id) WHERE onHand < -0.0005`)).toBe(0);
    expect(
      one(`SELECT count(*) FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN treatment_sessions s ON s.id = sp.session_id
           WHERE substr(s.performed_at, 1, 10) > l.expires_on OR substr(s.performed_at, 1, 10) < l.received_on`),
    ).toBe(0);
    expect(one('SELECT count(*) FROM session_products WHERE lot_id = ?', clinic.busyLot.id)).toBe(60);
    expect(one(`SELECT status FROM lots WHERE id = ?`, clinic.recalledLotId)).toBe('recalled');
    // The on-hand figure a clinic sees is the ledger's sum: what was received less what was used or wasted.
    const received = one<number>(`SELECT sum(quantity) FROM stock_movements WHERE kind = 'receive'`);
    const used = one<number>('SELECT sum(quantity) FROM session_products');
    const wasted = one<number>(`SELECT coalesce(-sum(quantity), 0) FROM stock_movements WHERE kind = 'waste'`);
    expect(one<number>('SELECT sum(quantity) FROM stock_movements')).toBeCloseTo(received - used - wasted, 3);
    // Each lot's running totals, summed once after the bulk load, equal its ledger.
    expect(
      one(`SELECT count(*) FROM lots l LEFT JOIN lot_balances b ON b.lot_id = l.id
           LEFT JOIN (SELECT lot_id, CAST(round(sum(quantity) * 1000) AS INTEGER) AS onHand FROM stock_movements GROUP BY lot_id) m ON m.lot_id = l.id
           WHERE coalesce(b.on_hand, 0) <> coalesce(m.onHand, 0)`),
    ).toBe(0);
  });

  it('charts every signed session completely, and gives long histories through patients.chart', async () => {
    const { host, token, clinic, plan } = await generated();
    const signed = host.db.sql.prepare(`SELECT id, treatment_type AS type, parameters, areas FROM treatment_sessions WHERE status = 'signed'`).all() as {
      id: number;
      type: TreatmentType;
      parameters: string;
      areas: string;
    }[];
    const productsOf = host.db.sql.prepare(
      `SELECT p.ingredients, p.kind FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id WHERE sp.session_id = ?`,
    );
    expect(signed.length).toBeGreaterThan(plan.sessions * 0.9);
    for (const s of signed) {
      const parameters = treatmentParameters[s.type].parse(JSON.parse(s.parameters)) as Record<string, unknown>;
      const products = (productsOf.all(s.id) as { ingredients: string; kind: string }[]).map((p) => ({ kind: p.kind, ingredients: JSON.parse(p.ingredients) as string[] }));
      expect(chartMissingFields({ treatmentType: s.type, parameters, areaCount: (JSON.parse(s.areas) as unknown[]).length, products }), `session ${s.id} (${s.type})`).toEqual([]);
    }
    const heavy = clinic.heavyPatientIds[0]!;
    const chart = await host.call('patients.chart', { patientId: heavy, limit: 40 }, await token('practitioner'));
    expect(chart.sessions).toHaveLength(40);
    expect(chart.nextCursor).not.toBeNull();
    expect(chart.sessions.some((s) => s.products.length > 0)).toBe(true);
    expect(chart.consents.length).toBeGreaterThan(0);
    expect(chart.intakes.length).toBeGreaterThan(0);
  });

  it('refuses to write over an existing clinic', async () => {
    const { host } = await generated(small({ patients: 50, sessions: 120, productUses: 300, heavySessions: 20, busyLotUses: 10 }));
    await expect(generateClinic(host.db, small())).rejects.toThrow(/empty database/);
  });
});
