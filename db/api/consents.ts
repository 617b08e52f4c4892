import { z } from 'zod';
import { adminOnly, command, staff } from './command';
import { calendarDate, personName, recordId, requiredText, treatmentType, type TreatmentType } from './fields';
import { placeholderProblems } from '../rules/consent-text';

/** The words patients and staff read for each treatment type. */
export const treatmentLabels: Record<TreatmentType, string> = {
  iv_glutathione: 'IV glutathione infusion',
  glutathione_injection: 'Glutathione injection',
  microneedling: 'Microneedling',
  laser: 'Laser treatment',
  ipl: 'IPL (intense pulsed light)',
  chemical_peel: 'Chemical peel',
  mesotherapy: 'Mesotherapy',
  cryotherapy: 'Cryotherapy',
  microdermabrasion: 'Microdermabrasion',
};

export const consentStatuses = ['valid', 'expired', 'voided', 'superseded'] as const;
export const consentStatus = z.enum(consentStatuses);

/** A signature is stored as drawn; 1 MB is many times what a drawn signature needs. */
export const MAX_SIGNATURE_BYTES = 1024 * 1024;
const PNG_PREFIX = 'data:image/png;base64,';

export const signatureDataUrl = z
  .string({ error: 'is required' })
  .min(1, { error: 'is empty; please sign in the box', abort: true })
  .max(PNG_PREFIX.length + Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4, { error: 'must be under 1 MB', abort: true })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, { error: 'must be a PNG image (a data:image/png;base64 URL)' });

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 in hex' });

export const consentTemplate = z.object({
  id: z.number(),
  treatmentType,
  version: z.number(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  publishedBy: z.number().nullable(),
  publishedByName: z.string().nullable(),
  /** Is this the version patients sign now? */
  current: z.boolean(),
});
export type ConsentTemplate = z.infer<typeof consentTemplate>;

/** Who the form was filled in for, as it read on the day. */
export const consentPatient = z.object({
  id: z.number(),
  fullName: z.string(),
  chartNumber: z.string(),
  dateOfBirth: z.string(),
});

/** What was filled in at signing; stored with the consent and covered by its hash. */
export const consentFields = z.object({
  /** The value each {{field}} of the template was replaced with. */
  values: z.record(z.string(), z.string()),
  patient: consentPatient.omit({ id: true }),
  signedOn: z.string(),
  ageOnSigning: z.number(),
  template: z.object({ version: z.number(), title: z.string() }),
  witnessName: z.string().nullable(),
  recordedByName: z.string().nullable(),
});
export type ConsentFields = z.infer<typeof consentFields>;

const consentCore = {
  id: z.number(),
  patientId: z.number(),
  templateId: z.number(),
  templateVersion: z.number(),
  latestTemplateVersion: z.number(),
  title: z.string(),
  treatmentType,
  signedByName: z.string(),
  guardianName: z.string().nullable(),
  guardianRelationship: z.string().nullable(),
  photoConsent: z.boolean(),
  signedAt: z.string(),
  contentHash: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  status: consentStatus,
  /** When it stops covering the treatment (the clinic's validity period). */
  expiresAt: z.string(),
};

export const consentSummary = z.object(consentCore);
export type ConsentSummary = z.infer<typeof consentSummary>;

export const signedConsent = z.object({
  ...consentCore,
  renderedText: z.string(),
  fields: consentFields,
  signature: z.string(),
  patient: consentPatient,
  witnessUserId: z.number().nullable(),
  witnessName: z.string().nullable(),
  recordedBy: z.number().nullable(),
  recordedByName: z.string().nullable(),
  voidedBy: z.number().nullable(),
  voidedByName: z.string().nullable(),
});
export type SignedConsent = z.infer<typeof signedConsent>;

export const consentPreview = z.object({
  template: consentTemplate,
  /** Exactly the text the patient will read and sign. */
  renderedText: z.string(),
  /** SHA-256 of renderedText: sent back with the signature, so the text signed is the text shown. */
  textHash: z.string(),
  patient: consentPatient.nullable(),
  signedOn: z.string(),
  /** Under 18 on the signing day: a parent or guardian signs. */
  needsGuardian: z.boolean(),
});
export type ConsentPreview = z.infer<typeof consentPreview>;

const templateBody = requiredText(50_000).superRefine((body, ctx) => {
  for (const message of placeholderProblems(body)) ctx.addIssue({ code: 'custom', message });
});

export const templatePublishInput = z.strictObject({ treatmentType, title: requiredText(200), body: templateBody });

export const consentSignInput = z.strictObject({
  patientId: recordId,
  templateId: recordId,
  signature: signatureDataUrl,
  /** The name the signer typed under the signature. */
  signedByName: personName,
  /** The date the signer wrote; today (the form may have been opened just before midnight). */
  signedOn: calendarDate.optional(),
  photoConsent: z.boolean({ error: 'must be yes or no' }).optional(),
  witnessUserId: recordId.optional(),
  guardianName: personName.optional(),
  guardianRelationship: requiredText(60).optional(),
  /** The textHash of the preview the signer read. */
  shownTextHash: sha256Hex.optional(),
});
export type ConsentSignInput = z.infer<typeof consentSignInput>;

export const consentVoidInput = z.strictObject({ id: recordId, reason: requiredText(500) });

export const consentCommands = [
  command({
    name: 'consents.templates.list',
    kind: 'read',
    access: staff,
    input: z.strictObject({ treatmentType: treatmentType.optional(), history: z.boolean().optional() }),
    output: z.object({ items: z.array(consentTemplate) }),
  }),
  command({ name: 'consents.templates.get', kind: 'read', access: staff, input: z.strictObject({ id: recordId }), output: consentTemplate }),
  command({ name: 'consents.templates.publish', kind: 'write', access: adminOnly, input: templatePublishInput, output: consentTemplate }),
  command({
    name: 'consents.templates.preview',
    kind: 'view',
    access: staff,
    // Without a patient: a blank copy to fill in by hand.
    input: z.strictObject({ templateId: recordId, patientId: recordId.optional(), signedOn: calendarDate.optional() }),
    output: consentPreview,
  }),
  command({ name: 'consents.sign', kind: 'write', access: staff, input: consentSignInput, output: signedConsent }),
  command({ name: 'consents.void', kind: 'write', access: staff, input: consentVoidInput, output: signedConsent }),
  command({ name: 'consents.get', kind: 'view', access: staff, input: z.strictObject({ id: recordId }), output: signedConsent }),
  command({
    name: 'consents.forPatient',
    kind: 'view',
    access: staff,
    input: z.strictObject({ patientId: recordId }),
    output: z.object({ items: z.array(consentSummary) }),
  }),
  command({
    name: 'consents.verify',
    kind: 'read',
    access: staff,
    input: z.strictObject({ id: recordId }),
    output: z.object({ id: z.number(), intact: z.boolean(), contentHash: z.string(), computedHash: z.string() }),
  }),
] as const;
