import { z } from 'zod';
import { clinical, command } from './command';
import { instant, optionalText, recordId, treatmentType } from './fields';
import { quantity } from './products';

/** One product used in a session, by lot: what a recall traces back to the patient. */
export const sessionProduct = z.object({
  id: z.number(),
  lotId: z.number(),
  lotNumber: z.string(),
  expiresOn: z.string(),
  productId: z.number(),
  productName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  area: z.string().nullable(),
  at: z.string(),
  userId: z.number().nullable(),
});
export type SessionProduct = z.infer<typeof sessionProduct>;

export const session = z.object({
  id: z.number(),
  patientId: z.number(),
  treatmentType,
  status: z.enum(['draft', 'signed']),
  performedAt: z.string(),
  practitionerId: z.number().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  areas: z.array(z.unknown()),
  notes: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.number().nullable(),
  products: z.array(sessionProduct),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Session = z.infer<typeof session>;

export const sessionAddProductInput = z.strictObject({
  sessionId: recordId,
  lotId: recordId,
  quantity,
  area: optionalText(100),
});

// Practitioners and admins chart; the front desk never reads sessions.
export const sessionCommands = [
  command({
    name: 'sessions.start',
    kind: 'write',
    access: clinical,
    input: z.strictObject({ patientId: recordId, treatmentType, performedAt: instant.optional() }),
    output: session,
  }),
  command({ name: 'sessions.get', kind: 'view', access: clinical, input: z.strictObject({ id: recordId }), output: session }),
  /** Refused with lot_expired (on the session's date), lot_recalled (also quarantined) or lot_insufficient. */
  command({ name: 'sessions.addProduct', kind: 'write', access: clinical, input: sessionAddProductInput, output: session }),
] as const;
