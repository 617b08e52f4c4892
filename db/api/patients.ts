import { z } from 'zod';
import { command, staff } from './command';
import {
  calendarDate,
  email,
  fitzpatrick,
  limit,
  optionalText,
  patientFlag,
  personName,
  phone,
  recordId,
  requiredText,
  shortList,
  version,
} from './fields';

export const sex = z.enum(['female', 'male', 'other', 'unknown'], { error: 'must be female, male, other or unknown' });

/** A date of birth: a real date, not in the future, not more than 130 years ago. */
export const dateOfBirth = calendarDate.refine(
  (v) => {
    const today = new Date().toISOString().slice(0, 10);
    const oldest = `${Number(today.slice(0, 4)) - 130}${today.slice(4)}`;
    return v <= today && v >= oldest;
  },
  { error: 'must be a date in the past (and within 130 years)' },
);

const patientFields = {
  firstName: personName,
  lastName: personName,
  dateOfBirth,
  sex: sex.optional(),
  phone: phone.optional(),
  email: email.optional(),
  address: optionalText(300),
  fitzpatrick: fitzpatrick.optional(),
  allergies: shortList.optional(),
  medications: shortList.optional(),
  notes: optionalText(4000),
};

export const patient = z.object({
  id: z.number(),
  chartNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: sex.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  fitzpatrick: z.number().nullable(),
  allergies: z.array(z.string()),
  medications: z.array(z.string()),
  notes: z.string().nullable(),
  flags: z.array(patientFlag),
  archivedAt: z.string().nullable(),
  archivedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Patient = z.infer<typeof patient>;

export const patientSummary = patient.pick({
  id: true,
  chartNumber: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  phone: true,
  flags: true,
  archivedAt: true,
});
export type PatientSummary = z.infer<typeof patientSummary>;

export const patientCreateInput = z.strictObject({
  ...patientFields,
  /** Set after the user saw the possible duplicates and chose to register a new record anyway. */
  confirmNewRecord: z.boolean({ error: 'must be true or false' }).optional(),
});
export type PatientCreateInput = z.infer<typeof patientCreateInput>;

// Blank optional fields may be sent as null to clear them.
const clearable = <T extends z.ZodType>(s: T) => s.nullable().optional();

export const patientUpdateInput = z.strictObject({
  id: recordId,
  version,
  firstName: personName.optional(),
  lastName: personName.optional(),
  dateOfBirth: dateOfBirth.optional(),
  sex: clearable(sex),
  phone: clearable(phone),
  email: clearable(email),
  address: clearable(z.string().trim().max(300, { error: 'must be at most 300 characters' })),
  fitzpatrick: clearable(fitzpatrick),
  allergies: shortList.optional(),
  medications: shortList.optional(),
  notes: clearable(z.string().trim().max(4000, { error: 'must be at most 4000 characters' })),
});

/** Why an existing record looks like the person being registered. */
export const duplicateMatch = z.enum(['name_and_birth_date', 'phone']);
export const duplicateCandidate = patientSummary.extend({ matchedOn: z.array(duplicateMatch) });
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;

// Lenient on purpose: the registration form asks while the user is still typing.
export const duplicatesInput = z.strictObject({
  firstName: z.string({ error: 'must be text' }).trim().max(100, { error: 'must be at most 100 characters' }).optional(),
  lastName: z.string({ error: 'must be text' }).trim().max(100, { error: 'must be at most 100 characters' }).optional(),
  dateOfBirth: calendarDate.optional(),
  phone: z.string({ error: 'must be text' }).trim().max(40, { error: 'must be at most 40 characters' }).optional(),
  /** The record being edited, so it is not reported as its own duplicate. */
  excludeId: recordId.optional(),
});

const archiveReason = requiredText(500);

export const patientArchiveInput = z.strictObject({ id: recordId, version, reason: archiveReason });

export const patientCommands = [
  command({ name: 'patients.create', kind: 'write', access: staff, input: patientCreateInput, output: patient }),
  command({ name: 'patients.update', kind: 'write', access: staff, input: patientUpdateInput, output: patient }),
  command({ name: 'patients.get', kind: 'view', access: staff, input: z.strictObject({ id: recordId }), output: patient }),
  command({
    name: 'patients.search',
    kind: 'read',
    access: staff,
    input: z.strictObject({
      query: z.string({ error: 'must be text' }).trim().max(100, { error: 'must be at most 100 characters' }),
      limit,
      includeArchived: z.boolean().optional(),
    }),
    output: z.object({ items: z.array(patientSummary) }),
  }),
  command({
    name: 'patients.duplicates',
    kind: 'read',
    access: staff,
    input: duplicatesInput,
    output: z.object({ items: z.array(duplicateCandidate) }),
  }),
  command({ name: 'patients.archive', kind: 'write', access: staff, input: patientArchiveInput, output: patient }),
  command({ name: 'patients.restore', kind: 'write', access: staff, input: patientArchiveInput, output: patient }),
] as const;
