import { describe, expect, it } from 'vitest';
import { readStarterCatalogue } from '../../db/records/catalogue';
import { refusal } from '../support/host';
import { fieldOf, GLUTATHIONE_IV, inventoryClinic, NUMBING_CREAM } from '../support/inventory';

const receive = (over: Record<string, unknown> = {}) => ({ lotNumber: 'GLU-2291', expiresOn: '2026-12-31', quantity: 10, supplier: 'Pharma Direct', invoice: 'INV-100', ...over });

describe('product catalogue', () => {
  it('a new clinic starts with the starter catalogue: products with ingredients, no stock', async () => {
    const c = await inventoryClinic();
    const names = c.catalogue.map((p) => p.name);
    for (const name of [GLUTATHIONE_IV, 'Glutathione injection', 'Ascorbic acid (vitamin C) injection for infusion', NUMBING_CREAM, 'Kojic acid serum', 'Azelaic acid serum', 'Hydroquinone serum', 'Vitamin C (L-ascorbic acid) serum', "Jessner's solution", 'Trichloroacetic acid (TCA) peel', 'Salicylic acid peel', 'Glycolic acid peel']) {
      expect(names).toContain(name);
    }
    expect(names.filter((n) => n.startsWith('Sodium chloride 0.9%'))).toHaveLength(2);
    expect(c.product(GLUTATHIONE_IV)).toMatchObject({ kind: 'infusion', unit: 'vial', ingredients: ['glutathione'], onHand: 0, lowStock: false });
    expect(c.product('Glutathione injection')).toMatchObject({ kind: 'injectable', ingredients: ['glutathione'] });
    expect(c.product(NUMBING_CREAM).ingredients).toEqual(['lidocaine', 'prilocaine']);
    expect(c.product('Hydroquinone serum').ingredients).toEqual(['hydroquinone']);
    expect(c.product('Ascorbic acid (vitamin C) injection for infusion').ingredients).toEqual(['ascorbic_acid']);
    expect(c.count('lots')).toBe(0);
    expect(c.catalogue).toHaveLength(readStarterCatalogue('resources')!.length);
    const audit = await c.host.call('audit.query', { action: 'products.create', limit: 200 }, c.admin);
    expect(audit.items).toHaveLength(c.catalogue.length);
  });

  it('an admin adds, edits and retires a product; ingredients and GTINs are kept in one form', async () => {
    const c = await inventoryClinic();
    const created = await c.host.call(
      'products.create',
      { name: 'Tranexamic acid serum', kind: 'serum', unit: 'mL', strength: '5%', ingredients: ['Tranexamic Acid', 'tranexamic-acid'], gtin: '5012345678900', reorderLevel: 2 },
      c.admin,
    );
    expect(created).toMatchObject({ ingredients: ['tranexamic_acid'], gtin: '05012345678900', onHand: 0, lowStock: true, version: 1, active: true });
    const edited = await c.host.call('products.update', { id: created.id, version: 1, strength: '3%', reorderLevel: null }, c.admin);
    expect(edited).toMatchObject({ strength: '3%', reorderLevel: null, lowStock: false, version: 2 });
    const stale = await refusal(c.host.call('products.update', { id: created.id, version: 1, strength: '4%' }, c.admin));
    expect([stale.status, stale.code]).toEqual([409, 'conflict']);
    await c.host.call('products.update', { id: created.id, version: 2, active: false }, c.admin);
    expect((await c.host.call('products.list', {}, c.practitioner)).items.map((p) => p.id)).not.toContain(created.id);
    expect((await c.host.call('products.list', { includeRetired: true }, c.practitioner)).items.map((p) => p.id)).toContain(created.id);
    const peels = (await c.host.call('products.list', { kind: 'peel' }, c.practitioner)).items;
    expect(peels.length).toBeGreaterThan(0);
    expect(peels.every((p) => p.kind === 'peel')).toBe(true);
  });

  it.each([
    [{ gtin: '5012345678901' }, 'gtin', /check digit/],
    [{ gtin: '12345' }, 'gtin', /8, 12, 13 or 14 digits/],
    [{ name: ' ' }, 'name', /is required/],
    [{ kind: 'cream' }, 'kind', /must be one of/],
    [{ ingredients: ['2-aminoethanol'] }, 'ingredients.0', /like lidocaine/],
    [{ compounded: true }, 'compoundingPharmacy', /required for a compounded/],
    [{ defaultQuantity: 0 }, 'defaultQuantity', /more than zero/],
    [{ reorderLevel: -1 }, 'reorderLevel', /zero or more/],
    [{ colour: 'blue' }, 'colour', /not a known field/],
  ])('refuses a product with %o, naming %s', async (change, field, message) => {
    const c = await inventoryClinic();
    const r = await refusal(c.host.call('products.create', { name: 'Test serum', kind: 'serum', unit: 'mL', ...change } as never, c.admin));
    expect([r.status, fieldOf(r)]).toEqual([400, field]);
    expect(r.message).toMatch(message);
    expect(c.count('products')).toBe(c.catalogue.length);
  });

  it('a GTIN names one product only', async () => {
    const c = await inventoryClinic();
    await c.host.call('products.update', { id: c.product(GLUTATHIONE_IV).id, version: 1, gtin: '09506000134352' }, c.admin);
    const r = await refusal(c.host.call('products.create', { name: 'Copy', kind: 'serum', unit: 'mL', gtin: '9506000134352' }, c.admin));
    expect([r.status, fieldOf(r)]).toEqual([400, 'gtin']);
    expect(r.message).toMatch(/already the GTIN of Glutathione/);
  });

  it('only an admin edits the catalogue', async () => {
    const c = await inventoryClinic();
    const r = await refusal(c.host.call('products.create', { name: 'X', kind: 'other', unit: 'g' }, c.practitioner));
    expect([r.status, r.code]).toEqual([403, 'forbidden']);
  });
});

describe('receiving stock', () => {
  it('receives a lot; on hand comes from the ledger; the same product and lot number adds to the one lot', async () => {
    const c = await inventoryClinic();
    const productId = c.product(GLUTATHIONE_IV).id;
    const first = await c.host.call('lots.receive', { productId, ...receive() }, c.admin);
    expect(first).toMatchObject({ productName: GLUTATHIONE_IV, lotNumber: 'GLU-2291', expiresOn: '2026-12-31', status: 'active', onHand: 10, received: 10, used: 0, receivedOn: '2026-03-02', expired: false });
    const again = await c.host.call('lots.receive', { productId, ...receive({ lotNumber: 'glu-2291', quantity: 5, invoice: 'INV-200', receivedOn: '2026-03-01' }) }, c.admin);
    expect(again.id).toBe(first.id);
    expect([again.onHand, again.received, again.invoice]).toEqual([15, 15, 'INV-100']);
    const { ledger } = await c.host.call('lots.get', { id: first.id }, c.practitioner);
    expect(ledger.map((m) => [m.kind, m.quantity, m.balance, m.invoice, m.receivedOn, m.userName])).toEqual([
      ['receive', 10, 10, 'INV-100', '2026-03-02', 'Ada Admin'],
      ['receive', 5, 15, 'INV-200', '2026-03-01', 'Ada Admin'],
    ]);
    // The same lot number on another product is another lot.
    const cream = await c.host.call('lots.receive', { productId: c.product(NUMBING_CREAM).id, ...receive({ quantity: 30 }) }, c.admin);
    expect(cream.id).not.toBe(first.id);
    expect(c.count('lots')).toBe(2);
  });

  it('a product without a GTIN learns it from its first scanned delivery; a box of another product is refused', async () => {
    const c = await inventoryClinic();
    const glutathione = c.product(GLUTATHIONE_IV);
    await c.host.call('lots.receive', { productId: glutathione.id, ...receive({ gtin: '09506000134352' }) }, c.admin);
    const updated = (await c.host.call('products.list', {}, c.admin)).items.find((p) => p.id === glutathione.id)!;
    expect([updated.gtin, updated.version]).toEqual(['09506000134352', 2]);
    const wrongBox = await refusal(c.host.call('lots.receive', { productId: glutathione.id, ...receive({ gtin: '05012345678900' }) }, c.admin));
    expect([wrongBox.status, fieldOf(wrongBox)]).toEqual([400, 'gtin']);
    const taken = await refusal(c.host.call('lots.receive', { productId: c.product(NUMBING_CREAM).id, ...receive({ gtin: '09506000134352' }) }, c.admin));
    expect(taken.message).toMatch(/already the GTIN of Glutathione/);
  });

  it.each([
    [{ quantity: 0 }, 'quantity', /more than zero/],
    [{ quantity: -5 }, 'quantity', /more than zero/],
    [{ quantity: 1.0005 }, 'quantity', /3 decimal places/],
    [{ quantity: '5' }, 'quantity', /must be a number/],
    [{ expiresOn: '2026-02-28', receivedOn: '2026-03-01' }, 'expiresOn', /before the received date \(2026-03-01\)/],
    [{ expiresOn: '2026-03-01' }, 'expiresOn', /before the received date \(2026-03-02\)/],
    [{ expiresOn: '2026-02-30' }, 'expiresOn', /real date/],
    [{ receivedOn: '2026-03-03' }, 'receivedOn', /future/],
    [{ productId: 9999 }, 'productId', /not a product in the catalogue/],
    [{ productId: 'glutathione' }, 'productId', /record id/],
    [{ lotNumber: '  ' }, 'lotNumber', /is required/],
    [{ lotNumber: `010950600013435217271231${'\u001d'}10X` }, 'lotNumber', /control characters/],
    [{ gtin: '09506000134353' }, 'gtin', /check digit/],
  ])('refuses %o naming %s; nothing is written', async (change, field, message) => {
    const c = await inventoryClinic();
    const r = await refusal(c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, ...receive(change) } as never, c.admin));
    expect([r.status, r.code, fieldOf(r)]).toEqual([400, 'invalid_input', field]);
    expect(r.message).toMatch(message);
    expect([c.count('lots'), c.count('stock_movements')]).toEqual([0, 0]);
  });

  it('refuses a second delivery of a lot with another expiry, and any delivery of a recalled lot', async () => {
    const c = await inventoryClinic();
    const productId = c.product(GLUTATHIONE_IV).id;
    const lot = await c.host.call('lots.receive', { productId, ...receive() }, c.admin);
    const r = await refusal(c.host.call('lots.receive', { productId, ...receive({ expiresOn: '2027-01-31' }) }, c.admin));
    expect([r.status, fieldOf(r)]).toEqual([400, 'expiresOn']);
    expect(r.message).toMatch(/received before with expiry 2026-12-31/);
    await c.host.call('lots.recall', { lotId: lot.id, reason: 'Manufacturer notice 2026-17' }, c.admin);
    const recalled = await refusal(c.host.call('lots.receive', { productId, ...receive() }, c.admin));
    expect([recalled.status, recalled.code, fieldOf(recalled)]).toEqual([409, 'lot_recalled', 'lotNumber']);
    expect(c.count('stock_movements')).toBe(1);
  });

  it('refuses a retired product', async () => {
    const c = await inventoryClinic();
    const p = c.product('Kojic acid serum');
    await c.host.call('products.update', { id: p.id, version: p.version, active: false }, c.admin);
    const r = await refusal(c.host.call('lots.receive', { productId: p.id, ...receive() }, c.admin));
    expect([fieldOf(r), r.message]).toEqual(['productId', expect.stringMatching(/retired/)]);
  });
});

describe('adjusting stock', () => {
  const lotWith = async (quantity = 10) => {
    const c = await inventoryClinic();
    const lot = await c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, ...receive({ quantity }) }, c.admin);
    return { c, lot };
  };

  it('waste takes stock off; a count corrects the ledger to the shelf, either way; every change stays in the ledger', async () => {
    const { c, lot } = await lotWith(10);
    expect((await c.host.call('lots.adjust', { lotId: lot.id, kind: 'waste', quantity: 1, reason: 'Vial cracked in the fridge' }, c.admin)).onHand).toBe(9);
    expect((await c.host.call('lots.adjust', { lotId: lot.id, kind: 'count', counted: 7, reason: 'Monthly count' }, c.admin)).onHand).toBe(7);
    expect((await c.host.call('lots.adjust', { lotId: lot.id, kind: 'count', counted: 8, reason: 'Found one in the IV room' }, c.admin)).onHand).toBe(8);
    const { ledger } = await c.host.call('lots.get', { id: lot.id }, c.admin);
    expect(ledger.map((m) => [m.kind, m.quantity, m.balance, m.reason])).toEqual([
      ['receive', 10, 10, null],
      ['waste', -1, 9, 'Vial cracked in the fridge'],
      ['adjust', -2, 7, 'Monthly count'],
      ['adjust', 1, 8, 'Found one in the IV room'],
    ]);
  });

  it.each([
    [{ kind: 'waste', quantity: 0, reason: 'x' }, 400, 'quantity', /more than zero/],
    [{ kind: 'waste', quantity: -2, reason: 'x' }, 400, 'quantity', /more than zero/],
    [{ kind: 'waste', quantity: 11, reason: 'Dropped' }, 409, 'quantity', /only 10 on hand/],
    [{ kind: 'waste', quantity: 1, reason: '' }, 400, 'reason', /is required/],
    [{ kind: 'waste', quantity: 1 }, 400, 'reason', /is required/],
    [{ kind: 'count', counted: -1, reason: 'Count' }, 400, 'counted', /zero or more/],
    [{ kind: 'count', counted: 10, reason: 'Count' }, 400, 'counted', /nothing to correct/],
    [{ kind: 'borrow', quantity: 1, reason: 'x' }, 400, 'kind', /waste or count/],
  ])('refuses %o', async (change, status, field, message) => {
    const { c, lot } = await lotWith(10);
    const r = await refusal(c.host.call('lots.adjust', { lotId: lot.id, ...change } as never, c.admin));
    expect([r.status, fieldOf(r)]).toEqual([status, field]);
    expect(r.message).toMatch(message);
    expect(c.count('stock_movements')).toBe(1);
  });

  it("a recalled lot's stock only goes down: returned or destroyed, never counted up", async () => {
    const { c, lot } = await lotWith(10);
    await c.host.call('lots.recall', { lotId: lot.id, reason: 'Supplier recall R-77' }, c.admin);
    const up = await refusal(c.host.call('lots.adjust', { lotId: lot.id, kind: 'count', counted: 12, reason: 'Count' }, c.admin));
    expect([up.status, up.code, fieldOf(up)]).toEqual([409, 'lot_recalled', 'counted']);
    expect((await c.host.call('lots.adjust', { lotId: lot.id, kind: 'waste', quantity: 10, reason: 'Returned to supplier under recall R-77' }, c.admin)).onHand).toBe(0);
  });

  it('only an admin adjusts stock', async () => {
    const { c, lot } = await lotWith(10);
    const r = await refusal(c.host.call('lots.adjust', { lotId: lot.id, kind: 'waste', quantity: 1, reason: 'x' }, c.practitioner));
    expect(r.status).toBe(403);
  });
});

describe('quarantine and recall', () => {
  it('a practitioner quarantines a doubtful lot; an admin releases or recalls it; a recall is final and audited', async () => {
    const c = await inventoryClinic();
    const lot = await c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, ...receive() }, c.admin);
    const q = await c.host.call('lots.quarantine', { lotId: lot.id, reason: 'Cloudy after reconstitution' }, c.practitioner);
    expect([q.status, q.statusReason, q.statusChangedAt]).toEqual(['quarantined', 'Cloudy after reconstitution', '2026-03-02T09:00:00.000Z']);
    expect((await refusal(c.host.call('lots.release', { lotId: lot.id, reason: 'Checked' }, c.practitioner))).status).toBe(403);
    expect((await c.host.call('lots.release', { lotId: lot.id, reason: 'Supplier confirmed it is normal' }, c.admin)).status).toBe('active');
    expect((await refusal(c.host.call('lots.recall', { lotId: lot.id, reason: 'x' }, c.practitioner))).status).toBe(403);

    const noReason = await refusal(c.host.call('lots.recall', { lotId: lot.id, reason: '   ' }, c.admin));
    expect([noReason.status, fieldOf(noReason), noReason.message]).toEqual([400, 'reason', 'invalid_input: reason: is required']);
    const missing = await refusal(c.host.call('lots.recall', { lotId: lot.id } as never, c.admin));
    expect(fieldOf(missing)).toBe('reason');

    const recalled = await c.host.call('lots.recall', { lotId: lot.id, reason: 'Manufacturer recall notice 2026-17: particulates' }, c.admin);
    expect([recalled.status, recalled.statusReason]).toEqual(['recalled', 'Manufacturer recall notice 2026-17: particulates']);
    expect((await refusal(c.host.call('lots.recall', { lotId: lot.id, reason: 'again' }, c.admin))).code).toBe('conflict');
    expect((await refusal(c.host.call('lots.quarantine', { lotId: lot.id, reason: 'x' }, c.admin))).code).toBe('conflict');
    expect((await refusal(c.host.call('lots.release', { lotId: lot.id, reason: 'x' }, c.admin))).code).toBe('conflict');
    expect(() => c.host.db.sql.prepare(`UPDATE lots SET status = 'active' WHERE id = ?`).run(lot.id)).toThrow(/stays recalled/);
    const audit = await c.host.call('audit.query', { action: 'lots.recall' }, c.admin);
    expect(audit.items).toHaveLength(1);
    expect((await refusal(c.host.call('lots.recall', { lotId: 999, reason: 'x' }, c.admin))).status).toBe(404);
  });
});

describe('lists and reports', () => {
  it('lists lots by expiry, within 30/60/90 days, with or without empty ones, by product and status', async () => {
    const c = await inventoryClinic();
    const g = c.product(GLUTATHIONE_IV).id;
    const cream = c.product(NUMBING_CREAM).id;
    const add = (productId: number, lotNumber: string, expiresOn: string, quantity = 5, receivedOn = '2026-01-05') =>
      c.host.call('lots.receive', { productId, lotNumber, expiresOn, quantity, receivedOn }, c.admin);
    const expired = await add(g, 'OLD-1', '2026-03-01');
    const in20 = await add(g, 'SOON-20', '2026-03-22');
    const in45 = await add(cream, 'MID-45', '2026-04-16');
    const in80 = await add(g, 'LATE-80', '2026-05-21');
    const far = await add(g, 'FAR-1', '2027-06-30');
    const empty = await add(cream, 'EMPTY-1', '2026-03-10', 2);
    await c.host.call('lots.adjust', { lotId: empty.id, kind: 'waste', quantity: 2, reason: 'Tube split' }, c.admin);
    const ids = async (input: Record<string, unknown>) => (await c.host.call('lots.list', input, c.practitioner)).items.map((l) => l.id);

    expect(await ids({})).toEqual([expired.id, in20.id, in45.id, in80.id, far.id]);
    expect(await ids({ expiringWithinDays: 30 })).toEqual([expired.id, in20.id]);
    expect(await ids({ expiringWithinDays: 60 })).toEqual([expired.id, in20.id, in45.id]);
    expect(await ids({ expiringWithinDays: 90 })).toEqual([expired.id, in20.id, in45.id, in80.id]);
    expect(await ids({ includeEmpty: true, productId: cream })).toEqual([empty.id, in45.id]);
    expect(await ids({ productId: g, expiringWithinDays: 60 })).toEqual([expired.id, in20.id]);
    await c.host.call('lots.quarantine', { lotId: in80.id, reason: 'Fridge alarm' }, c.admin);
    expect(await ids({ status: 'quarantined' })).toEqual([in80.id]);
    expect(await ids({ lotNumber: 'soon-20' })).toEqual([in20.id]);
    const all = (await c.host.call('lots.list', {}, c.practitioner)).items;
    expect(all.find((l) => l.id === expired.id)!.expired).toBe(true);
    expect(all.find((l) => l.id === in20.id)!.expired).toBe(false);

    // Usable stock per product: active, in date; a reorder level marks it low.
    const products = (await c.host.call('products.list', {}, c.admin)).items;
    expect(products.find((p) => p.id === g)).toMatchObject({ onHand: 10, lotsInStock: 4 });
    const level = c.product(GLUTATHIONE_IV);
    const low = await c.host.call('products.update', { id: g, version: level.version, reorderLevel: 10 }, c.admin);
    expect(low.lowStock).toBe(true);
  });

  it('the front desk sees no stock or recall lists', async () => {
    const c = await inventoryClinic();
    expect((await refusal(c.host.call('lots.list', {}, c.frontDesk))).status).toBe(403);
    expect((await refusal(c.host.call('lots.recipients', { lotNumber: 'X' }, c.frontDesk))).status).toBe(403);
  });
});

describe('the ledger in the database itself', () => {
  it('never loses or changes a row, never goes below zero, and a lot or product is never deleted', async () => {
    const c = await inventoryClinic();
    const lot = await c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, ...receive({ quantity: 2 }) }, c.admin);
    const sql = c.host.db.sql;
    expect(() => sql.prepare('UPDATE stock_movements SET quantity = 99').run()).toThrow(/append-only/);
    expect(() => sql.prepare('DELETE FROM stock_movements').run()).toThrow(/append-only/);
    const insert = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at) VALUES (?, ?, ?, '2026-03-02T10:00:00Z')`);
    expect(() => insert.run(lot.id, 'waste', -3)).toThrow(/below zero/);
    expect(() => insert.run(lot.id, 'use', 0)).toThrow(/must move stock/);
    expect(() => insert.run(lot.id, 'receive', -1)).toThrow(/must move stock/);
    expect(() => insert.run(lot.id, 'use', 1)).toThrow(/must move stock/);
    expect(() => sql.prepare('DELETE FROM lots').run()).toThrow(/never deleted/);
    expect(() => sql.prepare('DELETE FROM products').run()).toThrow(/retired, never deleted/);
    expect(() => sql.prepare(`UPDATE lots SET lot_number = 'OTHER'`).run()).toThrow(/keeps its product and lot number/);
    insert.run(lot.id, 'waste', -2);
    expect(sql.prepare('SELECT count(*) AS n, sum(quantity) AS total FROM stock_movements').get()).toEqual({ n: 2, total: 0 });
    expect(() => sql.prepare('DELETE FROM lot_balances').run()).toThrow(/never deleted/);
  });

  it("keeps each lot's totals equal to its ledger through receipts, uses, waste and counts, to the thousandth", async () => {
    const c = await inventoryClinic();
    const sql = c.host.db.sql;
    const lot = await c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, ...receive({ quantity: 10.5 }) }, c.admin);
    await c.host.call('lots.receive', { productId: c.product(GLUTATHIONE_IV).id, ...receive({ quantity: 0.25 }) }, c.admin);
    const insert = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at) VALUES (?, ?, ?, '2026-03-02T10:00:00Z')`);
    for (const q of [-0.1, -0.2, -0.3, -1.001]) insert.run(lot.id, 'use', q);
    await c.host.call('lots.adjust', { lotId: lot.id, kind: 'waste', quantity: 0.7, reason: 'vial dropped' }, c.admin);
    await c.host.call('lots.adjust', { lotId: lot.id, kind: 'count', counted: 8, reason: 'shelf count' }, c.admin);
    const balance = sql.prepare('SELECT on_hand AS onHand, received, used FROM lot_balances WHERE lot_id = ?').get(lot.id);
    const ledger = sql
      .prepare(
        `SELECT CAST(round(sum(quantity) * 1000) AS INTEGER) AS onHand,
                CAST(round(sum(CASE WHEN kind = 'receive' THEN quantity ELSE 0 END) * 1000) AS INTEGER) AS received,
                CAST(round(-sum(CASE WHEN kind = 'use' THEN quantity ELSE 0 END) * 1000) AS INTEGER) AS used
         FROM stock_movements WHERE lot_id = ?`,
      )
      .get(lot.id);
    expect(balance).toEqual(ledger);
    expect(balance).toEqual({ onHand: 8000, received: 10750, used: 1601 });
    const shown = (await c.host.call('lots.get', { id: lot.id }, c.admin)).lot;
    expect([shown.onHand, shown.received, shown.used]).toEqual([8, 10.75, 1.601]);
    // A use that would take it below zero is refused by the total, as by the ledger before.
    expect(() => insert.run(lot.id, 'use', -8.001)).toThrow(/below zero/);
    insert.run(lot.id, 'use', -8);
    expect((await c.host.call('lots.get', { id: lot.id }, c.admin)).lot.onHand).toBe(0);
  });
});
