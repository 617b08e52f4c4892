import { z } from 'zod';
import { clinical, command } from './command';
import { patientFlag, recordId } from './fields';
import { patient } from './patients';

export const timelineProduct = z.object({
  lotId: z.number(),
  lotNumber: z.string(),
  productName: z.string(),
  quantity: z.number(),
  unit: z.string(),
  area: z.string().nullable(),
});

export const timelineSession = z.object({
  id: z.number(),
  treatmentType: z.string(),
  status: z.enum(['draft', 'signed']),
  performedAt: z.string(),
  practitionerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  products: z.array(timelineProduct),
  photoCount: z.number(),
  addendumCount: z.number(),
});
export type TimelineSession = z.infer<typeof timelineSession>;

export const timelineConsent = z.object({
  id: z.number(),
  treatmentType: z.string(),
  templateVersion: z.number(),
  signedAt: z.string(),
  voidedAt: z.string().nullable(),
});

export const timelineIntake = z.object({
  id: z.number(),
  submittedAt: z.string(),
  questionnaireVersion: z.number(),
  flags: z.array(patientFlag),
});

export const chartCommands = [
  command({
    name: 'patients.chart',
    kind: 'view',
    access: clinical,
    input: z.strictObject({
      patientId: recordId,
      /** Keyset pagination: the `nextCursor` of the previous page. */
      cursor: z.string().regex(/^[0-9T:.Z+-]+\|\d+$/, { error: 'must be a cursor from a previous page' }).optional(),
      limit: z.int().min(1).max(500).optional(),
    }),
    output: z.object({
      patient,
      sessions: z.array(timelineSession),
      /** Present when older sessions remain: pass it as `cursor` for the next page. */
      nextCursor: z.string().nullable(),
      consents: z.array(timelineConsent),
      intakes: z.array(timelineIntake),
    }),
  }),
] as const;
