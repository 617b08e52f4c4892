import { eq } from 'drizzle-orm';
import type { Session, SessionProduct } from '../api/sessions';
import type { TreatmentType } from '../api/fields';
import { fieldError, notFound } from '../errors';
import { prepared } from '../prepared';
import { patients, treatmentSessions } from '../schema';
import type { Ctx } from './context';
import { handlers } from './registry';
import { useLotOnSession } from './stock';

type SessionRow = typeof treatmentSessions.$inferSelect;

/** The products a session used, by lot, in the order they were recorded. */
export const sessionProductsOf = (ctx: Pick<Ctx, 'sql'>, sessionId: number): SessionProduct[] =>
  prepared(
    ctx.sql,
    `SELECT sp.id, sp.lot_id AS lotId, l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.product_id AS productId,
            p.name AS productName, p.unit, sp.quantity, sp.area, sp.at, sp.user_id AS userId
     FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id
     WHERE sp.session_id = ? ORDER BY sp.id`,
  ).all(sessionId) as SessionProduct[];

export const loadSession = (ctx: Pick<Ctx, 'orm'>, id: number): SessionRow => {
  const row = ctx.orm.select().from(treatmentSessions).where(eq(treatmentSessions.id, id)).get();
  if (!row) throw notFound('treatment session', id);
  return row;
};

export const toSession = (ctx: Pick<Ctx, 'sql'>, r: SessionRow): Session => ({
  id: r.id,
  patientId: r.patientId,
  treatmentType: r.treatmentType as TreatmentType,
  status: r.status,
  performedAt: r.performedAt,
  practitionerId: r.practitionerId,
  parameters: r.parameters as Record<string, unknown>,
  areas: r.areas as unknown[],
  notes: r.notes,
  signedAt: r.signedAt,
  signedBy: r.signedBy,
  products: sessionProductsOf(ctx, r.id),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
});

export const sessionHandlers = handlers({
  'sessions.start': (ctx, input) => {
    const patient = ctx.orm.select({ id: patients.id }).from(patients).where(eq(patients.id, input.patientId)).get();
    if (!patient) throw fieldError('patientId', 'no patient has this id');
    const row = ctx.orm
      .insert(treatmentSessions)
      .values({
        patientId: patient.id,
        treatmentType: input.treatmentType,
        performedAt: new Date(input.performedAt ?? ctx.nowIso).toISOString(),
        practitionerId: ctx.user?.id ?? null,
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      })
      .returning()
      .get();
    ctx.audit({ action: 'sessions.start', entity: 'session', entityId: row.id, patientId: patient.id, change: input });
    return toSession(ctx, row);
  },

  'sessions.get': (ctx, input) => {
    const row = loadSession(ctx, input.id);
    ctx.audit({ action: 'sessions.get', entity: 'session', entityId: row.id, patientId: row.patientId });
    return toSession(ctx, row);
  },

  'sessions.addProduct': (ctx, input) => {
    useLotOnSession(ctx, input);
    return toSession(ctx, loadSession(ctx, input.sessionId));
  },
});
