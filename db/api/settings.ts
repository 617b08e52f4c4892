import { z } from 'zod';
import { adminOnly, command, staff } from './command';
import { optionalText, requiredText } from './fields';

/** Clinic settings: the letterhead on printed sheets and the clinic's own rules. */
export const clinicSettings = z.object({
  clinicName: z.string(),
  clinicAddress: z.string(),
  clinicPhone: z.string(),
  clinicEmail: z.string(),
  /** A PNG or JPEG data URL printed on the letterhead, or empty. */
  logo: z.string(),
  /** A signed consent is valid this long for its treatment type. */
  consentValidityMonths: z.number(),
  /** An intake older than this must be filled in again before treatment. */
  intakeValidityMonths: z.number(),
  /** The screen locks after this many idle minutes. */
  idleLockMinutes: z.number(),
});
export type ClinicSettings = z.infer<typeof clinicSettings>;

export const defaultSettings: Omit<ClinicSettings, 'clinicName'> = {
  clinicAddress: '',
  clinicPhone: '',
  clinicEmail: '',
  logo: '',
  consentValidityMonths: 12,
  intakeValidityMonths: 12,
  idleLockMinutes: 5,
};

const logoDataUrl = z
  .string()
  .max(700_000, { error: 'must be an image under 500 KB' })
  .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+)?$/, { error: 'must be a PNG or JPEG image' });

const months = z.int({ error: 'must be a whole number of months' }).min(1, { error: 'must be at least 1 month' }).max(60, { error: 'must be at most 60 months' });

export const settingsUpdateInput = z.strictObject({
  clinicName: requiredText(120).optional(),
  clinicAddress: optionalText(300),
  clinicPhone: optionalText(40),
  clinicEmail: optionalText(254),
  logo: logoDataUrl.optional(),
  consentValidityMonths: months.optional(),
  intakeValidityMonths: months.optional(),
  idleLockMinutes: z.int({ error: 'must be a whole number of minutes' }).min(1, { error: 'must be at least 1 minute' }).max(120, { error: 'must be at most 120 minutes' }).optional(),
});

export const settingsCommands = [
  command({ name: 'settings.get', kind: 'read', access: staff, input: z.strictObject({}), output: clinicSettings }),
  command({ name: 'settings.update', kind: 'write', access: adminOnly, input: settingsUpdateInput, output: clinicSettings }),
] as const;
