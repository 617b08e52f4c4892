import { isNotNull } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { calendarDate, flag, id, instant, jsonList, timestamps, version } from './columns';
import { users } from './users';

export const products = sqliteTable(
  'products',
  {
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['injectable', 'infusion', 'topical', 'serum', 'peel', 'other'] }).notNull(),
    manufacturer: text('manufacturer'),
    strength: text('strength'),
    unit: text('unit').notNull(),
    ingredients: jsonList('ingredients').notNull().default([]),
    gtin: text('gtin'),
    code: text('code'),
    defaultQuantity: real('default_quantity'),
    // Compounded / office-use items carry a beyond-use date instead of a manufacturer expiry.
    compounded: flag('compounded').notNull().default(false),
    compoundingPharmacy: text('compounding_pharmacy'),
    // At or below this usable quantity the product shows as low stock.
    reorderLevel: real('reorder_level'),
    active: flag('active').notNull().default(true),
    ...timestamps(),
    version: version(),
  },
  // One product per GTIN, so a scanned barcode names exactly one product.
  (t) => [uniqueIndex('products_gtin_unique').on(t.gtin).where(isNotNull(t.gtin))],
);

export const lots = sqliteTable(
  'lots',
  {
    id: id(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    lotNumber: text('lot_number').notNull(),
    expiresOn: calendarDate('expires_on').notNull(),
    status: text('status', { enum: ['active', 'quarantined', 'recalled'] })
      .notNull()
      .default('active'),
    statusReason: text('status_reason'),
    statusChangedAt: instant('status_changed_at'),
    statusChangedBy: integer('status_changed_by').references(() => users.id),
    supplier: text('supplier'),
    invoice: text('invoice'),
    receivedOn: calendarDate('received_on').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('lots_product_lot_number').on(t.productId, t.lotNumber),
    index('lots_lot_number').on(t.lotNumber),
    index('lots_expires_on').on(t.expiresOn),
  ],
);

// The stock ledger: on-hand is the sum of quantities; rows are never changed or removed.
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: id(),
    lotId: integer('lot_id')
      .notNull()
      .references(() => lots.id),
    kind: text('kind', { enum: ['receive', 'use', 'waste', 'adjust'] }).notNull(),
    quantity: real('quantity').notNull(),
    reason: text('reason'),
    sessionProductId: integer('session_product_id'),
    // A receipt's own delivery details (a lot may be received more than once).
    receivedOn: calendarDate('received_on'),
    supplier: text('supplier'),
    invoice: text('invoice'),
    at: instant('at').notNull(),
    userId: integer('user_id').references(() => users.id),
  },
  // (lot, quantity) covers the on-hand sum, so it never reads the table rows.
  (t) => [index('stock_movements_lot_quantity').on(t.lotId, t.quantity)],
);

// Each lot's running totals, in thousandths of its unit, kept by a trigger on every ledger row (migration
// 0010): stock screens read one row per lot instead of summing a busy lot's thousands of uses. The ledger
// stays the record; these are always equal to its sums (tested).
export const lotBalances = sqliteTable('lot_balances', {
  lotId: integer('lot_id')
    .primaryKey()
    .references(() => lots.id),
  onHand: integer('on_hand').notNull().default(0),
  received: integer('received').notNull().default(0),
  used: integer('used').notNull().default(0),
});
