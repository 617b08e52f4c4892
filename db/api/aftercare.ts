import { z } from 'zod';
import { adminOnly, clinical, command, staff } from './command';
import { recordId, requiredText, treatmentType } from './fields';

export const aftercareTemplate = z.object({
  id: z.number(),
  treatmentType,
  version: z.number(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string().nullable(),
  current: z.boolean(),
});
export type AftercareTemplate = z.infer<typeof aftercareTemplate>;

/** A sheet handed to a patient: the exact version given, for whom, after which session. */
export const aftercareSheet = z.object({
  id: z.number(),
  sessionId: z.number(),
  at: z.string(),
  givenByName: z.string().nullable(),
  template: aftercareTemplate,
  patient: z.object({ id: z.number(), chartNumber: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string() }),
  performedAt: z.string(),
});
export type AftercareSheet = z.infer<typeof aftercareSheet>;

export const aftercarePublishInput = z.strictObject({
  treatmentType,
  title: requiredText(200),
  body: requiredText(20_000),
});

export const aftercareCommands = [
  command({
    name: 'aftercare.templates.list',
    kind: 'read',
    access: staff,
    input: z.strictObject({ treatmentType: treatmentType.optional(), history: z.boolean().optional() }),
    output: z.object({ items: z.array(aftercareTemplate) }),
  }),
  /** A new immutable version; the next sheet given uses it, sheets given before reprint as they were. */
  command({ name: 'aftercare.templates.publish', kind: 'write', access: adminOnly, input: aftercarePublishInput, output: aftercareTemplate }),
  /** Records that the current sheet for the session's treatment was given, and returns it to print. */
  command({ name: 'aftercare.give', kind: 'write', access: clinical, input: z.strictObject({ sessionId: recordId }), output: aftercareSheet }),
  /** A sheet given before, word for word, to reprint. Any staff (the desk prints at checkout). */
  command({ name: 'aftercare.sheet', kind: 'view', access: staff, input: z.strictObject({ id: recordId }), output: aftercareSheet }),
] as const;
