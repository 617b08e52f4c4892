import { z } from 'zod';
import { areaMarks } from '../rules/body-map';
import { clinical, command } from './command';
import { instant, optionalText, patientFlag, recordId, requiredText, treatmentType, version } from './fields';
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

/** The numbing-cream step as stored, with the lot it used (once recorded). */
export const numbingStep = z.object({
  lotId: z.number().nullable(),
  quantity: z.number().nullable(),
  area: z.string().nullable(),
  appliedAt: z.string().nullable(),
  removedAt: z.string().nullable(),
  occluded: z.boolean().nullable(),
  /** The product use it recorded (stock deducted, traceable in a recall). */
  sessionProductId: z.number().nullable(),
  productName: z.string().nullable(),
  lotNumber: z.string().nullable(),
  expiresOn: z.string().nullable(),
  unit: z.string().nullable(),
});
export type NumbingStepView = z.infer<typeof numbingStep>;

export const contraindicationFound = z.object({
  ruleId: z.string(),
  flag: patientFlag,
  level: z.enum(['block', 'warn']),
  /** The treatment type or the ingredient that matched. */
  matchedOn: z.string(),
  reason: z.string(),
});
export type ContraindicationFound = z.infer<typeof contraindicationFound>;

/** What stands between this chart and its signature, computed on every read (never stored). */
export const sessionChecks = z.object({
  missing: z.array(z.object({ field: z.string(), label: z.string() })),
  contraindications: z.array(contraindicationFound),
  /** Shown prominently, never blocking: the numbing time limit, a test spot that reacted, ... */
  warnings: z.array(z.string()),
  consent: z.object({
    status: z.enum(['valid', 'missing']),
    consentId: z.number().nullable(),
    signedAt: z.string().nullable(),
    templateVersion: z.number().nullable(),
  }),
});
export type SessionChecks = z.infer<typeof sessionChecks>;

export const sessionAddendum = z.object({
  id: z.number(),
  text: z.string(),
  reason: z.string(),
  at: z.string(),
  userId: z.number().nullable(),
  userName: z.string().nullable(),
});

export const aftercareGivenRow = z.object({
  id: z.number(),
  treatmentType: z.string(),
  version: z.number(),
  title: z.string().nullable(),
  at: z.string(),
  userName: z.string().nullable(),
});

export const sessionPatient = z.object({
  id: z.number(),
  chartNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  flags: z.array(patientFlag),
});

export const session = z.object({
  id: z.number(),
  patientId: z.number(),
  treatmentType,
  status: z.enum(['draft', 'signed']),
  performedAt: z.string(),
  practitionerId: z.number().nullable(),
  practitionerName: z.string().nullable(),
  parameters: z.record(z.string(), z.unknown()),
  areas: z.array(z.unknown()),
  notes: z.string().nullable(),
  numbing: numbingStep.nullable(),
  signedAt: z.string().nullable(),
  signedBy: z.number().nullable(),
  signedByName: z.string().nullable(),
  overrideReason: z.string().nullable(),
  overriddenRules: z.array(z.string()),
  products: z.array(sessionProduct),
  addenda: z.array(sessionAddendum),
  aftercare: z.array(aftercareGivenRow),
  patient: sessionPatient,
  checks: sessionChecks,
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

/**
 * The numbing-cream step; every field optional while it is under way. Choosing the lot records
 * its use (stock is deducted once); after that the lot and quantity stay as recorded.
 */
export const numbingInput = z.strictObject({
  lotId: recordId.optional(),
  quantity: quantity.optional(),
  area: optionalText(100),
  appliedAt: instant.optional(),
  removedAt: instant.optional(),
  /** Covered with film (more is absorbed, so it matters to the time limit). */
  occluded: z.boolean({ error: 'must be yes or no' }).optional(),
});
export type NumbingInput = z.infer<typeof numbingInput>;

/**
 * A draft's changes; each given part replaces what was stored (`parameters` and `areas` as a
 * whole, so a cleared field is cleared). `version` is the one read: a stale one is refused
 * (`conflict`) and nothing is written.
 */
export const sessionUpdateInput = z.strictObject({
  id: recordId,
  version,
  /** Checked against the treatment type's schema (db/rules/treatment-parameters.ts). */
  parameters: z.record(z.string(), z.unknown(), { error: 'must be the parameters as named fields' }).optional(),
  areas: areaMarks.optional(),
  /** Empty text clears the notes. */
  notes: optionalText(10_000),
  /** null removes a numbing step whose cream was not yet recorded. */
  numbing: numbingInput.nullable().optional(),
  performedAt: instant.optional(),
});

export const overrideReason = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required', abort: true })
  .min(10, { error: 'must say why, in at least 10 characters' })
  .max(500, { error: 'must be at most 500 characters' });

export const sessionSignInput = z.strictObject({
  id: recordId,
  /** The version on screen; when given, a chart changed since is refused (`conflict`). */
  version: version.optional(),
  /** Only for contraindications: never for an incomplete chart or a missing consent. */
  override: z.strictObject({ reason: overrideReason }, { error: 'must be { reason }' }).optional(),
});

export const sessionAddendumInput = z.strictObject({
  id: recordId,
  text: requiredText(4000),
  reason: requiredText(500),
});

export const sessionListItem = z.object({
  id: z.number(),
  treatmentType,
  status: z.enum(['draft', 'signed']),
  performedAt: z.string(),
  practitionerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  productCount: z.number(),
  addendumCount: z.number(),
});
export type SessionListItem = z.infer<typeof sessionListItem>;

// Practitioners and admins chart; only a practitioner signs, overrides or adds an addendum (a
// clinician's statement). The front desk never reads sessions.
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
  command({ name: 'sessions.update', kind: 'write', access: clinical, input: sessionUpdateInput, output: session }),
  command({
    name: 'sessions.forPatient',
    kind: 'view',
    access: clinical,
    input: z.strictObject({
      patientId: recordId,
      status: z.enum(['draft', 'signed'], { error: 'must be draft or signed' }).optional(),
      /** Keyset pagination: the `nextCursor` of the previous page. */
      cursor: z.string().regex(/^[0-9T:.Z+-]+\|\d+$/, { error: 'must be a cursor from a previous page' }).optional(),
      limit: z.int().min(1).max(500).optional(),
    }),
    output: z.object({ items: z.array(sessionListItem), nextCursor: z.string().nullable() }),
  }),
  /** Refused: chart_incomplete (details.missing), consent_missing, contraindicated (unless overridden), locked. */
  command({ name: 'sessions.sign', kind: 'write', access: ['practitioner'], input: sessionSignInput, output: session }),
  command({ name: 'sessions.addendum', kind: 'write', access: ['practitioner'], input: sessionAddendumInput, output: session }),
] as const;
