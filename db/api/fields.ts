import { z } from 'zod';

// Shared field schemas, so every command validates the same thing the same way.

export const recordId = z.int({ error: 'must be a record id (a whole number)' }).positive({ error: 'must be a record id' });

export const requiredText = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

export const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .optional();

/** A calendar date, YYYY-MM-DD, that exists. */
export const calendarDate = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });

/** An instant with its offset, e.g. 2026-11-22T09:30:00+01:00. */
export const instant = z.iso.datetime({ offset: true, error: 'must be a date and time with offset (ISO-8601)' });

export const personName = requiredText(100);

export const email = z.email({ error: 'must be an e-mail address like name@example.com' }).max(254);

export const phone = z
  .string({ error: 'must be text' })
  .trim()
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^\+?[0-9 ()./-]{4,}$/, { error: 'must be a phone number (digits, spaces, + ( ) - .)' })
  .refine((v) => v.replace(/\D/g, '').length >= 4, { error: 'must have at least 4 digits' });

export const fitzpatrick = z
  .int({ error: 'must be a skin type from 1 to 6' })
  .min(1, { error: 'must be a skin type from 1 to 6' })
  .max(6, { error: 'must be a skin type from 1 to 6' });

export const shortList = z
  .array(requiredText(200), { error: 'must be a list of text' })
  .max(100, { error: 'must have at most 100 entries' });

export const version = z.int({ error: 'must be the version you read' }).positive();

export const limit = z.int().min(1).max(200).optional();

export const treatmentTypes = [
  'iv_glutathione',
  'glutathione_injection',
  'microneedling',
  'laser',
  'ipl',
  'chemical_peel',
  'mesotherapy',
  'cryotherapy',
  'microdermabrasion',
] as const;
export const treatmentType = z.enum(treatmentTypes, { error: 'must be a known treatment type' });
export type TreatmentType = (typeof treatmentTypes)[number];

/** The words staff see for each treatment type. */
export const treatmentLabels: Record<TreatmentType, string> = {
  iv_glutathione: 'IV glutathione',
  glutathione_injection: 'Glutathione injection',
  microneedling: 'Microneedling',
  laser: 'Laser',
  ipl: 'IPL',
  chemical_peel: 'Chemical peel',
  mesotherapy: 'Mesotherapy',
  cryotherapy: 'Cryotherapy',
  microdermabrasion: 'Microdermabrasion',
};

/** A treatment's name inside a sentence: "a laser chart", "no valid IPL consent". */
export const treatmentInSentence = (t: TreatmentType): string => {
  const label = treatmentLabels[t];
  return /^[A-Z]{2}/.test(label) ? label : label[0]!.toLowerCase() + label.slice(1);
};

export const patientFlags = [
  'pregnant',
  'breastfeeding',
  'isotretinoin_6m',
  'photosensitising_meds',
  'g6pd_deficiency',
  'anaesthetic_allergy',
  'keloid_tendency',
  'active_infection',
  'recent_tan',
] as const;
export const patientFlag = z.enum(patientFlags);
export type PatientFlag = (typeof patientFlags)[number];

export const productKinds = ['injectable', 'infusion', 'topical', 'serum', 'peel', 'other'] as const;
export const productKind = z.enum(productKinds, { error: 'must be one of: ' + productKinds.join(', ') });

export const empty = z.strictObject({});
export const ok = z.object({ ok: z.literal(true) });
