import { eq } from 'drizzle-orm';
import type { LedgerEntry, LotStatus, Recipient } from '../api/lots';
import { ClinicError, fieldError, notFound } from '../errors';
import { prepared } from '../prepared';
import { addDays, fromThousandths, localDay, toThousandths } from '../rules/lots';
import { lots, products } from '../schema';
import type { Ctx } from './context';
import { assertGtinFree } from './products';
import { handlers } from './registry';
import { appendMovement, fieldRefusal, lotView, lotViews, onHandOf } from './stock';

type LotRow = typeof lots.$inferSelect;

const loadLot = (ctx: Ctx, id: number): LotRow => {
  const row = ctx.orm.select().from(lots).where(eq(lots.id, id)).get();
  if (!row) throw notFound('lot', id);
  return row;
};

const statusWord: Record<LotStatus, string> = { active: 'in use', quarantined: 'quarantined', recalled: 'recalled' };

/** Moves a lot to a new status, keeping why, when and who; the database keeps a recall final. */
function changeStatus(ctx: Ctx, input: { lotId: number; reason: string }, to: LotStatus, allowedFrom: LotStatus[], action: string) {
  const lot = loadLot(ctx, input.lotId);
  if (!allowedFrom.includes(lot.status)) {
    throw new ClinicError('conflict', `Lot ${lot.lotNumber} is ${statusWord[lot.status]}; it cannot be ${to === 'active' ? 'released' : to}`, { status: lot.status });
  }
  ctx.orm
    .update(lots)
    .set({ status: to, statusReason: input.reason, statusChangedAt: ctx.nowIso, statusChangedBy: ctx.user?.id ?? null, updatedAt: ctx.nowIso })
    .where(eq(lots.id, lot.id))
    .run();
  ctx.audit({ action, entity: 'lot', entityId: lot.id, change: { from: lot.status, to, reason: input.reason } });
  return lotView(ctx, lot.id);
}

/** Local midnight of a calendar day as a UTC instant, so day filters follow the clinic's clock. */
const startOfDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
};
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const fromBound = (v: string) => (isDay(v) ? startOfDay(v) : new Date(v).toISOString());
const toBound = (v: string) => (isDay(v) ? startOfDay(addDays(v, 1)) : new Date(v).toISOString());

/** A recall lookup's lots: what each recipient line repeats about its lot (no stock sums needed). */
interface RecallLot {
  id: number;
  productName: string;
  lotNumber: string;
  expiresOn: string;
  status: LotStatus;
  unit: string;
}
const RECALL_LOT = `SELECT l.id, p.name AS productName, l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.status, p.unit
  FROM lots l JOIN products p ON p.id = l.product_id`;

// Starts from the lot's uses through session_products(lot_id, session_id): a lot used thousands of times
// stays quick. Rows come as arrays (no object per row from the driver) and become recipients in one pass.
const RECIPIENTS = `SELECT sp.session_id, s.performed_at, s.treatment_type, round(sum(sp.quantity), 3),
    pt.id, pt.chart_number, pt.first_name, pt.last_name, pt.date_of_birth, pt.phone, pt.email, pt.address, pt.archived_at
  FROM session_products sp
  JOIN treatment_sessions s ON s.id = sp.session_id
  JOIN patients pt ON pt.id = s.patient_id
  WHERE sp.lot_id = ? AND s.performed_at >= ? AND s.performed_at < ?
  GROUP BY sp.session_id
  ORDER BY s.performed_at, sp.session_id`;

type RecipientRow = [number, string, string, number, number, string, string, string, string, string | null, string | null, string | null, string | null];

const recipientsOf = (ctx: Ctx, lot: RecallLot, from: string, to: string): Recipient[] =>
  (prepared(ctx.sql, RECIPIENTS).raw().all(lot.id, from, to) as RecipientRow[]).map(
    ([sessionId, performedAt, treatmentType, quantity, id, chartNumber, firstName, lastName, dateOfBirth, phone, email, address, archivedAt]) => ({
      patient: { id, chartNumber, firstName, lastName, dateOfBirth, phone, email, address, archivedAt },
      sessionId,
      performedAt,
      treatmentType,
      quantity,
      unit: lot.unit,
      lotId: lot.id,
      lotNumber: lot.lotNumber,
      productName: lot.productName,
    }),
  );

/**
 * What a recall lookup's audit entry hashes: the question asked and who was shown. Only the hash is
 * kept; rebuilding this from the lot's uses recorded up to the entry's time and hashing it proves the list.
 */
export const recallListShown = (
  input: { lotNumber?: string | undefined; from?: string | undefined; to?: string | undefined },
  lotIds: number[],
  patientIds: number[],
) => ({ lotIds, lotNumber: input.lotNumber ?? null, from: input.from ?? null, to: input.to ?? null, patients: patientIds.length, patientIds: patientIds.join(',') });

export const lotHandlers = handlers({
  'lots.receive': (ctx, input) => {
    const today = localDay(ctx.now);
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) throw fieldError('receivedOn', `cannot be in the future (today is ${today})`);
    if (input.expiresOn < receivedOn) throw fieldError('expiresOn', `is before the received date (${receivedOn}); check the label`);
    const product = ctx.orm.select().from(products).where(eq(products.id, input.productId)).get();
    if (!product) throw fieldError('productId', 'is not a product in the catalogue');
    if (!product.active) throw fieldError('productId', `${product.name} is retired; make it active again under Products to receive it`);

    if (input.gtin && product.gtin !== input.gtin) {
      if (product.gtin) throw fieldError('gtin', `the scanned barcode (${input.gtin}) is not ${product.name}'s (${product.gtin}); check the box`);
      // A product without a GTIN learns it from its first scanned delivery.
      assertGtinFree(ctx, input.gtin, product.id);
      ctx.orm.update(products).set({ gtin: input.gtin, updatedAt: ctx.nowIso, version: product.version + 1 }).where(eq(products.id, product.id)).run();
      ctx.audit({ action: 'products.update', entity: 'product', entityId: product.id, change: { gtin: input.gtin } });
    }

    // The same lot number of the same product is one lot, however it is capitalised.
    const existing = prepared(ctx.sql, 'SELECT id FROM lots WHERE product_id = ? AND lot_number = ? COLLATE NOCASE').get(product.id, input.lotNumber) as
      | { id: number }
      | undefined;
    let lotId: number;
    if (existing) {
      const lot = loadLot(ctx, existing.id);
      if (lot.status === 'recalled') throw fieldRefusal('lot_recalled', 'lotNumber', `lot ${lot.lotNumber} of ${product.name} has been recalled; do not receive it`);
      if (lot.expiresOn !== input.expiresOn) {
        throw fieldError('expiresOn', `lot ${lot.lotNumber} of ${product.name} was received before with expiry ${lot.expiresOn}; check the label`);
      }
      lotId = lot.id;
    } else {
      lotId = ctx.orm
        .insert(lots)
        .values({
          productId: product.id,
          lotNumber: input.lotNumber,
          expiresOn: input.expiresOn,
          supplier: input.supplier ?? null,
          invoice: input.invoice ?? null,
          receivedOn,
          createdAt: ctx.nowIso,
          updatedAt: ctx.nowIso,
        })
        .returning({ id: lots.id })
        .get().id;
    }
    appendMovement(ctx, { lotId, kind: 'receive', quantity: input.quantity, receivedOn, supplier: input.supplier ?? null, invoice: input.invoice ?? null });
    ctx.audit({ action: 'lots.receive', entity: 'lot', entityId: lotId, change: { ...input, receivedOn } });
    return lotView(ctx, lotId);
  },

  'lots.adjust': (ctx, input) => {
    const lot = loadLot(ctx, input.lotId);
    const onHand = toThousandths(onHandOf(ctx, lot.id));
    let delta: number;
    switch (input.kind) {
      case 'waste': {
        delta = -toThousandths(input.quantity);
        if (onHand + delta < 0) throw fieldRefusal('lot_insufficient', 'quantity', `only ${fromThousandths(onHand)} on hand; ${input.quantity} cannot be taken off`);
        break;
      }
      case 'count': {
        delta = toThousandths(input.counted) - onHand;
        if (delta === 0) throw fieldError('counted', `matches the ${fromThousandths(onHand)} on hand already; nothing to correct`);
        if (delta > 0 && lot.status === 'recalled') {
          throw fieldRefusal('lot_recalled', 'counted', `lot ${lot.lotNumber} is recalled: its stock may only go down (returned or destroyed), never up`);
        }
        break;
      }
    }
    appendMovement(ctx, { lotId: lot.id, kind: input.kind === 'waste' ? 'waste' : 'adjust', quantity: fromThousandths(delta), reason: input.reason });
    ctx.audit({ action: 'lots.adjust', entity: 'lot', entityId: lot.id, change: { ...input, delta: fromThousandths(delta) } });
    return lotView(ctx, lot.id);
  },

  'lots.quarantine': (ctx, input) => changeStatus(ctx, input, 'quarantined', ['active'], 'lots.quarantine'),
  'lots.release': (ctx, input) => changeStatus(ctx, input, 'active', ['quarantined'], 'lots.release'),
  'lots.recall': (ctx, input) => changeStatus(ctx, input, 'recalled', ['active', 'quarantined'], 'lots.recall'),

  'lots.list': (ctx, input) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.productId !== undefined) {
      where.push('l.product_id = ?');
      params.push(input.productId);
    }
    if (input.expiringWithinDays !== undefined) {
      where.push('l.expires_on <= ?');
      params.push(addDays(localDay(ctx.now), input.expiringWithinDays));
    }
    if (input.status !== undefined) {
      where.push('l.status = ?');
      params.push(input.status);
    }
    if (input.lotNumber !== undefined) {
      where.push('l.lot_number = ? COLLATE NOCASE');
      params.push(input.lotNumber);
    }
    return { items: lotViews(ctx, where, params, !input.includeEmpty) };
  },

  'lots.get': (ctx, input) => {
    const lot = lotView(ctx, input.id);
    const rows = prepared(
      ctx.sql,
      `SELECT m.id, m.kind, m.quantity, m.reason, sp.session_id AS sessionId, m.received_on AS receivedOn, m.supplier, m.invoice,
              m.at, u.name AS userName
       FROM stock_movements m
       LEFT JOIN session_products sp ON sp.id = m.session_product_id
       LEFT JOIN users u ON u.id = m.user_id
       WHERE m.lot_id = ? ORDER BY m.id`,
    ).all(lot.id) as Omit<LedgerEntry, 'balance'>[];
    let balance = 0;
    const ledger = rows.map((r) => {
      balance += toThousandths(r.quantity);
      return { ...r, balance: fromThousandths(balance) };
    });
    return { lot, ledger };
  },

  'lots.recipients': (ctx, input) => {
    const found = (
      input.lotId !== undefined
        ? prepared(ctx.sql, `${RECALL_LOT} WHERE l.id = ?`).all(input.lotId)
        : prepared(ctx.sql, `${RECALL_LOT} WHERE l.lot_number = ? COLLATE NOCASE ORDER BY l.expires_on, l.id`).all(input.lotNumber)
    ) as RecallLot[];
    if (input.lotId !== undefined && found.length === 0) throw fieldError('lotId', 'no lot has this id');
    const from = input.from ? fromBound(input.from) : '';
    const to = input.to ? toBound(input.to) : '\uffff';
    if (input.from && input.to && from >= to) throw fieldError('to', 'must be after the start of the range');
    const items = found.flatMap((lot) => recipientsOf(ctx, lot, from, to));
    // Each lot's list is in date order already; several lots (one lot number, several products) are merged.
    if (found.length > 1) items.sort((a, b) => (a.performedAt === b.performedAt ? a.sessionId - b.sessionId : a.performedAt < b.performedAt ? -1 : 1));

    // One entry per lookup: the lot(s), the range asked for, and the patients shown (their ids, sorted,
    // are part of the hashed change). One entry per patient cost a hash-chained row each: 4,000 of them
    // for a busy lot, twenty times the query itself.
    const patientIds = [...new Set(items.map((i) => i.patient.id))].sort((a, b) => a - b);
    ctx.audit({
      action: 'lots.recipients',
      entity: 'lot',
      entityId: found.map((l) => l.id).join(',') || null,
      change: recallListShown(input, found.map((l) => l.id), patientIds),
    });
    return {
      lots: found,
      items,
    };
  },
});
