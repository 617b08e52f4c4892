// The stock ledger and the point of use: every unit that touches a patient leaves the shelf here.
import type { Lot } from '../api/lots';
import { ClinicError, fieldError, notFound } from '../errors';
import { prepared } from '../prepared';
import { isExpiredOn, localDay, lotUsableOn, type LotStatus } from '../rules/lots';
import type { Ctx } from './context';

/** A refusal tied to one field that keeps its own code (e.g. `lot_insufficient` next to Quantity). */
export const fieldRefusal = (code: 'lot_expired' | 'lot_recalled' | 'lot_insufficient' | 'conflict', field: string, message: string) =>
  new ClinicError(code, `${field}: ${message}`, { issues: [{ path: field, message }] });

/** On hand: the ledger's sum, kept in `lot_balances` by a trigger with every ledger row. */
export const onHandOf = (ctx: Pick<Ctx, 'sql'>, lotId: number): number =>
  noNegativeZero((prepared(ctx.sql, 'SELECT coalesce((SELECT on_hand FROM lot_balances WHERE lot_id = ?), 0) / 1000.0 AS n').get(lotId) as { n: number }).n);

/**
 * Sets `lot_balances` to the ledger's sums, for a file whose ledger was written with the triggers set
 * aside (the benchmark's generated clinic). The migration that made the table runs the same sums.
 */
export function rebuildLotBalances(sql: Ctx['sql']): void {
  sql.exec(`INSERT INTO lot_balances (lot_id, on_hand, received, used)
    SELECT lot_id, sum(CAST(round(quantity * 1000) AS INTEGER)),
      sum(CASE WHEN kind = 'receive' THEN CAST(round(quantity * 1000) AS INTEGER) ELSE 0 END),
      sum(CASE WHEN kind = 'use' THEN -CAST(round(quantity * 1000) AS INTEGER) ELSE 0 END)
    FROM stock_movements WHERE true GROUP BY lot_id
    ON CONFLICT (lot_id) DO UPDATE SET on_hand = excluded.on_hand, received = excluded.received, used = excluded.used`);
}

/** A sum that lands a hair below zero rounds to -0; show it as 0. */
export const noNegativeZero = (n: number): number => (n === 0 ? 0 : n);

export interface Movement {
  lotId: number;
  kind: 'receive' | 'use' | 'waste' | 'adjust';
  /** Signed: receipts add, uses and waste take away. */
  quantity: number;
  reason?: string | null;
  sessionProductId?: number | null;
  receivedOn?: string | null;
  supplier?: string | null;
  invoice?: string | null;
}

/** Appends one row to the ledger (the database refuses edits, deletions and a negative balance). */
export function appendMovement(ctx: Ctx, m: Movement): number {
  const row = prepared(
    ctx.sql,
    `INSERT INTO stock_movements (lot_id, kind, quantity, reason, session_product_id, received_on, supplier, invoice, at, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  ).get(m.lotId, m.kind, m.quantity, m.reason ?? null, m.sessionProductId ?? null, m.receivedOn ?? null, m.supplier ?? null, m.invoice ?? null, ctx.nowIso, ctx.user?.id ?? null) as {
    id: number;
  };
  return row.id;
}

const LOT_VIEW = `SELECT l.id, l.product_id AS productId, p.name AS productName, p.kind AS productKind, p.unit, p.compounded,
    l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.status, l.status_reason AS statusReason,
    l.status_changed_at AS statusChangedAt, l.supplier, l.invoice, l.received_on AS receivedOn,
    l.created_at AS createdAt, l.updated_at AS updatedAt,
    coalesce(b.on_hand, 0) / 1000.0 AS onHand, coalesce(b.received, 0) / 1000.0 AS received, coalesce(b.used, 0) / 1000.0 AS used
  FROM lots l JOIN products p ON p.id = l.product_id LEFT JOIN lot_balances b ON b.lot_id = l.id`;

type LotViewRow = Omit<Lot, 'compounded' | 'expired'> & { compounded: number };

const toLot = (r: LotViewRow, today: string): Lot => ({
  ...r,
  onHand: noNegativeZero(r.onHand),
  compounded: r.compounded === 1,
  expired: isExpiredOn(r.expiresOn, today),
});

/** Lots with their ledger figures, filtered; `where` uses the LOT_VIEW aliases l and p. */
export function lotViews(ctx: Pick<Ctx, 'sql' | 'now'>, where: string[], params: unknown[], onlyInStock: boolean): Lot[] {
  const text = `SELECT * FROM (${LOT_VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
    ${onlyInStock ? 'WHERE onHand > 0' : ''} ORDER BY expiresOn, id`;
  const today = localDay(ctx.now);
  return (prepared(ctx.sql, text).all(...params) as LotViewRow[]).map((r) => toLot(r, today));
}

/** One lot with its ledger figures, or `not_found`. */
export function lotView(ctx: Pick<Ctx, 'sql' | 'now'>, lotId: number): Lot {
  const lot = lotViews(ctx, ['l.id = ?'], [lotId], false)[0];
  if (!lot) throw notFound('lot', lotId);
  return lot;
}

interface LotForUse {
  id: number;
  lotNumber: string;
  expiresOn: string;
  receivedOn: string;
  status: LotStatus;
  productName: string;
}

interface SessionForUse {
  id: number;
  patientId: number;
  status: 'draft' | 'signed';
  performedAt: string;
}

export interface ProductUse {
  sessionId: number;
  lotId: number;
  quantity: number;
  area?: string | null | undefined;
}

/**
 * Records a product used on a session: checks the lot on the session's date (expired, recalled or
 * quarantined, short), then writes the session's product row and the ledger's `use` in the caller's
 * transaction, and audits it. Every use of stock on a patient goes through here (numbing cream too).
 */
export function useLotOnSession(ctx: Ctx, use: ProductUse): { sessionProductId: number; movementId: number } {
  const session = prepared(ctx.sql, 'SELECT id, patient_id AS patientId, status, performed_at AS performedAt FROM treatment_sessions WHERE id = ?').get(use.sessionId) as
    | SessionForUse
    | undefined;
  if (!session) throw fieldError('sessionId', 'no treatment session has this id');
  if (session.status === 'signed') throw new ClinicError('locked', 'This session is signed and locked; record a correction as an addendum');
  const lot = prepared(
    ctx.sql,
    `SELECT l.id, l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.received_on AS receivedOn, l.status, p.name AS productName
     FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id = ?`,
  ).get(use.lotId) as LotForUse | undefined;
  if (!lot) throw fieldError('lotId', 'no lot has this id; receive the stock first');

  const sessionDate = localDay(new Date(session.performedAt));
  if (lot.receivedOn > sessionDate) {
    throw fieldError('lotId', `lot ${lot.lotNumber} was received on ${lot.receivedOn}, after this session's date (${sessionDate})`);
  }
  const refusal = lotUsableOn(lot, onHandOf(ctx, lot.id), use.quantity, sessionDate);
  if (refusal) {
    const field = refusal.code === 'lot_insufficient' ? 'quantity' : 'lotId';
    throw new ClinicError(refusal.code, `${lot.productName}: ${refusal.message}`, {
      issues: [{ path: field, message: refusal.message }],
      lotId: lot.id,
      status: lot.status,
    });
  }

  const { id: sessionProductId } = prepared(
    ctx.sql,
    'INSERT INTO session_products (session_id, lot_id, quantity, area, at, user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
  ).get(session.id, lot.id, use.quantity, use.area ?? null, ctx.nowIso, ctx.user?.id ?? null) as { id: number };
  const movementId = appendMovement(ctx, { lotId: lot.id, kind: 'use', quantity: -use.quantity, sessionProductId });
  ctx.audit({
    action: 'stock.use',
    entity: 'session_product',
    entityId: sessionProductId,
    patientId: session.patientId,
    change: { sessionId: session.id, lotId: lot.id, quantity: use.quantity, area: use.area ?? null },
  });
  return { sessionProductId, movementId };
}
