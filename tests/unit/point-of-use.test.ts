import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../db/hash';
import { recallListShown } from '../../db/records/lots';
import { parseGs1 } from '../../db/rules/gs1';
import { refusal, STAFF_PASSWORD, testHost } from '../support/host';
import { fieldOf, GLUTATHIONE_IV, inventoryClinic, NUMBING_CREAM, type Clinic } from '../support/inventory';

const receiveLot = (c: Clinic, over: Record<string, unknown> = {}) =>
  c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, lotNumber: 'GLU-2291', expiresOn: '2026-03-10', quantity: 10, receivedOn: '2026-02-01', ...over }, c.admin);

const startSession = (c: Clinic, performedAt?: string, token = c.practitioner) =>
  c.host.call('sessions.start', { patientId: c.patientId, treatmentType: 'iv_glutathione', ...(performedAt && { performedAt }) }, token);

describe('point of use: the lot is checked on the session date', () => {
  it('a lot that expires today is usable today, and refused on a session tomorrow; nothing is written when refused', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c);
    const today = await startSession(c, '2026-03-10T16:30:00+00:00');
    const used = await c.host.call('sessions.addProduct', { sessionId: today.id, lotId: lot.id, quantity: 1, area: 'left antecubital' }, c.practitioner);
    expect(used.products.map((p) => [p.lotNumber, p.productName, p.quantity, p.area, p.expiresOn])).toEqual([['GLU-2291', GLUTATHIONE_IV, 1, 'left antecubital', '2026-03-10']]);

    const tomorrow = await startSession(c, '2026-03-11T09:00:00+00:00');
    const before = [c.count('session_products'), c.count('stock_movements')];
    const r = await refusal(c.host.call('sessions.addProduct', { sessionId: tomorrow.id, lotId: lot.id, quantity: 1 }, c.practitioner));
    expect([r.status, r.code, fieldOf(r)]).toEqual([409, 'lot_expired', 'lotId']);
    expect(r.message).toMatch(/GLU-2291 expired on 2026-03-10, before this session's date \(2026-03-11\)/);
    expect([c.count('session_products'), c.count('stock_movements')]).toEqual(before);
    expect((await c.host.call('lots.get', { id: lot.id }, c.admin)).lot.onHand).toBe(9);
  });

  it('a GS1 expiry with day 00 runs to the last day of the month', async () => {
    const c = await inventoryClinic();
    const scan = parseGs1('(01)09506000134352(17)260200(10)FEB-00', { referenceYear: 2026 });
    if (!scan.ok) throw new Error(scan.error);
    expect(scan.data.expiresOn).toBe('2026-02-28');
    const lot = await receiveLot(c, { lotNumber: scan.data.lot, expiresOn: scan.data.expiresOn, gtin: scan.data.gtin });
    const lastDay = await startSession(c, '2026-02-28T15:00:00+00:00');
    await c.host.call('sessions.addProduct', { sessionId: lastDay.id, lotId: lot.id, quantity: 1 }, c.practitioner);
    const firstOfMarch = await startSession(c, '2026-03-01T10:00:00+00:00');
    expect((await refusal(c.host.call('sessions.addProduct', { sessionId: firstOfMarch.id, lotId: lot.id, quantity: 1 }, c.practitioner))).code).toBe('lot_expired');
  });

  it('refuses recalled and quarantined lots with lot_recalled, and a short lot with lot_insufficient naming the quantity', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31', quantity: 2 });
    const s = await startSession(c);
    await c.host.call('lots.quarantine', { lotId: lot.id, reason: 'Cloudy' }, c.practitioner);
    const q = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner));
    expect([q.code, q.message]).toEqual(['lot_recalled', expect.stringMatching(/quarantined and must not be used/)]);
    await c.host.call('lots.release', { lotId: lot.id, reason: 'Clear on inspection' }, c.admin);
    const short = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 3 }, c.practitioner));
    expect([short.status, short.code, fieldOf(short)]).toEqual([409, 'lot_insufficient', 'quantity']);
    expect(short.message).toMatch(/only 2 left/);
    await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 2 }, c.practitioner);
    await c.host.call('lots.recall', { lotId: lot.id, reason: 'Manufacturer recall' }, c.admin);
    const recalled = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner));
    expect([recalled.code, recalled.message]).toEqual(['lot_recalled', expect.stringMatching(/has been recalled/)]);
  });

  it.each([
    [{ quantity: 0 }, 400, 'quantity', /more than zero/],
    [{ quantity: -1 }, 400, 'quantity', /more than zero/],
    [{ lotId: 9999 }, 400, 'lotId', /receive the stock first/],
    [{ sessionId: 9999 }, 400, 'sessionId', /no treatment session/],
    [{ area: 'x'.repeat(101) }, 400, 'area', /at most 100/],
  ])('refuses %o naming the field', async (change, status, field, message) => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31' });
    const s = await startSession(c);
    const r = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1, ...change } as never, c.practitioner));
    expect([r.status, fieldOf(r)]).toEqual([status, field]);
    expect(r.message).toMatch(message);
    expect(c.count('session_products')).toBe(0);
  });

  it('refuses a lot received after the session date (a backdated chart cannot use stock that was not there)', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31', receivedOn: '2026-03-01' });
    const s = await startSession(c, '2026-02-20T10:00:00+00:00');
    const r = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner));
    expect([fieldOf(r), r.message]).toEqual(['lotId', expect.stringMatching(/received on 2026-03-01, after this session's date \(2026-02-20\)/)]);
  });

  it('a signed session takes no more products', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31' });
    const s = await startSession(c);
    c.host.db.sql.prepare(`UPDATE treatment_sessions SET status = 'signed', signed_at = ?, signed_by = ? WHERE id = ?`).run('2026-03-02T09:30:00.000Z', c.ids.practitioner, s.id);
    const r = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner));
    expect([r.status, r.code]).toEqual([409, 'locked']);
  });

  it('the use and the stock deduction are one transaction: if the ledger write fails, the use is not kept either', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31' });
    const s = await startSession(c);
    c.host.db.sql.exec(`CREATE TEMP TRIGGER ledger_fails BEFORE INSERT ON stock_movements BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const r = await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner));
    expect(r.status).toBeGreaterThanOrEqual(409);
    expect([c.count('session_products'), c.count('stock_movements')]).toEqual([0, 1]);
    c.host.db.sql.exec('DROP TRIGGER temp.ledger_fails');
    await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner);
    expect([c.count('session_products'), c.count('stock_movements')]).toEqual([1, 2]);
  });

  it('every use is audited against the patient; the front desk cannot start, read or add to a session', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31' });
    const s = await startSession(c);
    await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner);
    const entries = (await c.host.call('audit.query', { patientId: c.patientId }, c.admin)).items.map((e) => e.action);
    expect(entries).toEqual(expect.arrayContaining(['sessions.start', 'stock.use']));
    for (const r of [
      await refusal(startSession(c, undefined, c.frontDesk)),
      await refusal(c.host.call('sessions.get', { id: s.id }, c.frontDesk)),
      await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.frontDesk)),
    ]) {
      expect(r.status).toBe(403);
    }
    const read = await c.host.call('sessions.get', { id: s.id }, c.admin);
    expect([read.status, read.practitionerId, read.products.length]).toEqual(['draft', c.ids.practitioner, 1]);
  });
});

describe('the ledger under many uses at once', () => {
  it('400 uses of 0.1 racing for 30 units: exactly 300 go through, on hand ends at exactly zero, and no row is lost', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31', quantity: 30 });
    const sessions = await Promise.all(Array.from({ length: 8 }, () => startSession(c)));
    const results = await Promise.allSettled(
      Array.from({ length: 400 }, (_, i) => c.host.call('sessions.addProduct', { sessionId: sessions[i % 8]!.id, lotId: lot.id, quantity: 0.1 }, c.practitioner)),
    );
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(results.length - refused.length).toBe(300);
    expect(new Set(refused)).toEqual(new Set(['lot_insufficient']));
    const { lot: after, ledger } = await c.host.call('lots.get', { id: lot.id }, c.admin);
    expect([after.onHand, after.used, ledger.length]).toEqual([0, 30, 301]);
    expect(ledger.every((m) => m.balance >= 0)).toBe(true);
    expect(c.host.db.sql.prepare('SELECT count(*) AS n, round(sum(quantity), 3) AS total FROM session_products').get()).toEqual({ n: 300, total: 30 });
  });

  it('two hosts on one database file, taking turns, never oversell', async () => {
    const c = await inventoryClinic();
    const lot = await receiveLot(c, { expiresOn: '2026-12-31', quantity: 5 });
    const other = testHost({ dataDir: c.host.dataDir });
    const otherToken = (await other.call('auth.login', { username: 'priya', password: STAFF_PASSWORD }, null)).token;
    const s = await startSession(c);
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, c.practitioner)
          : other.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: 1 }, otherToken),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(5);
    expect((await other.call('lots.get', { id: lot.id }, otherToken)).lot.onHand).toBe(0);
    other.close();
  });

  it('any sequence of receipts, uses, waste and counts: on hand is the ledger sum, never negative, one row per accepted change', async () => {
    const c = await inventoryClinic();
    const productId = c.product(NUMBING_CREAM).id;
    const s = await startSession(c);
    let run = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), q: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant('use' as const), q: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant('waste' as const), q: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant('count' as const), q: fc.integer({ min: 0, max: 8000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const lotNumber = `PBT-${++run}`;
        const lot = await c.host.call('lots.receive', { productId, lotNumber, expiresOn: '2026-12-31', quantity: 1 }, c.admin);
        let model = 1000; // thousandths
        let rows = 1;
        for (const { kind, q } of ops) {
          const amount = q / 1000;
          let accepted: boolean;
          try {
            if (kind === 'receive') await c.host.call('lots.receive', { productId, lotNumber, expiresOn: '2026-12-31', quantity: amount }, c.admin);
            else if (kind === 'use') await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: lot.id, quantity: amount }, c.practitioner);
            else if (kind === 'waste') await c.host.call('lots.adjust', { lotId: lot.id, kind: 'waste', quantity: amount, reason: 'test' }, c.admin);
            else await c.host.call('lots.adjust', { lotId: lot.id, kind: 'count', counted: amount, reason: 'test' }, c.admin);
            accepted = true;
          } catch {
            accepted = false;
          }
          const expected = kind === 'receive' ? true : kind === 'count' ? q !== model : q <= model;
          expect(accepted).toBe(expected);
          if (accepted) {
            model = kind === 'receive' ? model + q : kind === 'count' ? q : model - q;
            rows++;
          }
        }
        const { lot: after, ledger } = await c.host.call('lots.get', { id: lot.id }, c.admin);
        expect(Math.round(after.onHand * 1000)).toBe(model);
        expect(ledger).toHaveLength(rows);
        expect(ledger.every((m) => m.balance >= 0)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('recall: who received a lot', () => {
  const recallClinic = async () => {
    const c = await inventoryClinic();
    const other = await c.host.call('patients.create', { firstName: 'Ben', lastName: 'Okoro', dateOfBirth: '1979-09-02', phone: '555 0100', address: '4 Harbour Road' }, c.frontDesk);
    const third = await c.host.call('patients.create', { firstName: 'Chen', lastName: 'Wei', dateOfBirth: '1990-01-20' }, c.frontDesk);
    const lot = await receiveLot(c, { expiresOn: '2026-12-31', quantity: 20 });
    const sameNumberCream = await c.host.call('lots.receive', { productId: c.product(NUMBING_CREAM).id, lotNumber: 'GLU-2291', expiresOn: '2026-12-31', quantity: 60, receivedOn: '2026-02-01' }, c.admin);
    const use = async (patientId: number, performedAt: string, lotId: number, quantity: number, treatmentType: 'iv_glutathione' | 'microneedling' = 'iv_glutathione') => {
      const s = await c.host.call('sessions.start', { patientId, treatmentType, performedAt }, c.practitioner);
      await c.host.call('sessions.addProduct', { sessionId: s.id, lotId, quantity }, c.practitioner);
      return s.id;
    };
    const s1 = await use(c.patientId, '2026-02-10T10:00:00+00:00', lot.id, 1);
    const s2 = await use(other.id, '2026-02-20T23:30:00+00:00', lot.id, 2);
    const s3 = await use(c.patientId, '2026-03-01T09:00:00+00:00', lot.id, 1);
    // A second vial in the same session is one line for that session.
    await c.host.call('sessions.addProduct', { sessionId: s3, lotId: lot.id, quantity: 1, area: 'second bag' }, c.practitioner);
    const s4 = await use(third.id, '2026-02-15T10:00:00+00:00', sameNumberCream.id, 5, 'microneedling');
    return { c, lot, cream: sameNumberCream, other, third, s1, s2, s3, s4 };
  };

  it('by lot id: every patient with contact details, session, date and quantity, oldest first', async () => {
    const { c, lot, other, s1, s2, s3 } = await recallClinic();
    const { items, lots } = await c.host.call('lots.recipients', { lotId: lot.id }, c.admin);
    expect(lots.map((l) => l.id)).toEqual([lot.id]);
    expect(items.map((i) => [i.sessionId, i.patient.lastName, i.quantity, i.performedAt])).toEqual([
      [s1, 'Núñez', 1, '2026-02-10T10:00:00.000Z'],
      [s2, 'Okoro', 2, '2026-02-20T23:30:00.000Z'],
      [s3, 'Núñez', 2, '2026-03-01T09:00:00.000Z'],
    ]);
    expect(items[0]!.patient).toMatchObject({ chartNumber: 'SC-000001', phone: '+1 555 201 3344', email: 'marisol@example.com', dateOfBirth: '1988-03-14' });
    expect(items[1]!.patient).toMatchObject({ id: other.id, address: '4 Harbour Road' });
    expect(items[0]).toMatchObject({ productName: GLUTATHIONE_IV, lotNumber: 'GLU-2291', unit: 'vial', treatmentType: 'iv_glutathione' });
  });

  it('by lot number: every product with that lot number, typed in any case', async () => {
    const { c, lot, cream, s4 } = await recallClinic();
    const { items, lots } = await c.host.call('lots.recipients', { lotNumber: 'glu-2291' }, c.practitioner);
    expect(lots.map((l) => l.id).sort()).toEqual([lot.id, cream.id].sort());
    expect(items.map((i) => i.sessionId)).toContain(s4);
    expect(items).toHaveLength(4);
    expect((await c.host.call('lots.recipients', { lotNumber: 'NOPE-1' }, c.admin)).items).toEqual([]);
  });

  it('within a date range, whole days inclusive', async () => {
    const { c, lot, s2, s3 } = await recallClinic();
    const ids = async (from?: string, to?: string) =>
      (await c.host.call('lots.recipients', { lotId: lot.id, ...(from && { from }), ...(to && { to }) }, c.admin)).items.map((i) => i.sessionId);
    expect(await ids('2026-02-20', '2026-03-01')).toEqual([s2, s3]);
    expect(await ids('2026-02-21')).toEqual([s3]);
    expect(await ids(undefined, '2026-02-20')).toHaveLength(2);
    expect(await ids('2026-02-20T23:00:00Z', '2026-02-21T00:00:00Z')).toEqual([s2]);
    const backwards = await refusal(c.host.call('lots.recipients', { lotId: lot.id, from: '2026-03-01', to: '2026-02-01' }, c.admin));
    expect([backwards.status, fieldOf(backwards)]).toEqual([400, 'to']);
  });

  it('asks for one of lot id or lot number, and audits each lookup once, with the patients it showed in the hashed change', async () => {
    const { c, lot, cream, other } = await recallClinic();
    for (const input of [{}, { lotId: lot.id, lotNumber: 'GLU-2291' }]) {
      const r = await refusal(c.host.call('lots.recipients', input as never, c.admin));
      expect([r.status, fieldOf(r)]).toEqual([400, 'lotNumber']);
    }
    expect(fieldOf(await refusal(c.host.call('lots.recipients', { lotId: 999 }, c.admin)))).toBe('lotId');
    const lookups = async () => (await c.host.call('audit.query', { action: 'lots.recipients' }, c.admin)).items;
    expect(await lookups()).toEqual([]);

    await c.host.call('lots.recipients', { lotId: lot.id, to: '2026-02-28' }, c.admin);
    const [entry, ...more] = await lookups();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ entity: 'lot', entityId: String(lot.id), patientId: null, userId: c.ids.admin });
    // The hash binds the list shown: the same lookup with another patient list would hash differently.
    const shown = [c.patientId, other.id].sort((a, b) => a - b);
    const hashOf = (patientIds: number[]) => sha256Hex(canonicalJson(recallListShown({ to: '2026-02-28' }, [lot.id], patientIds)));
    expect(entry!.changeHash).toBe(hashOf(shown));
    expect(entry!.changeHash).not.toBe(hashOf([c.patientId]));

    // By lot number: one entry naming every lot with that number.
    await c.host.call('lots.recipients', { lotNumber: 'glu-2291' }, c.practitioner);
    expect((await lookups()).map((e) => e.entityId)).toEqual([[lot.id, cream.id].sort((a, b) => a - b).join(','), String(lot.id)]);
  });

  it('stays quick for a lot used thousands of times, and reads through the (lot, session) index', async () => {
    const { c, lot } = await recallClinic();
    const plan = (c.host.db.sql.prepare(`EXPLAIN QUERY PLAN SELECT sp.session_id FROM session_products sp JOIN treatment_sessions s ON s.id = sp.session_id WHERE sp.lot_id = ? GROUP BY sp.session_id`).all(lot.id) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('session_products_lot');
    expect(plan).not.toMatch(/SCAN sp\b/);
  });
});
