import { z } from 'zod';
import { clinical, command } from './command';
import { instant, recordId, treatmentType } from './fields';

export const photoKinds = ['before', 'after'] as const;
export const photoKind = z.enum(photoKinds, { error: 'must be before or after' });
export type PhotoKind = (typeof photoKinds)[number];

export const photoMimes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof photoMimes)[number];

/** The most a photo may weigh once decoded: a good phone photo is 2–5 MB. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Larger sides than this are not photos a clinic takes (and browsers cannot draw them). */
export const MAX_PHOTO_SIDE = 16_384;

const DATA_URL_PREFIX = /^data:image\/(jpeg|png|webp);base64,/;
// Base64 grows by 4/3; the prefix is at most 23 characters.
const MAX_DATA_URL_CHARS = 23 + Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

/** A photo sent as a data URL; the host reads the bytes to decide what it really is. */
export const photoDataUrl = z
  .string({ error: 'must be a photo sent as a data URL' })
  .max(MAX_DATA_URL_CHARS, { error: 'must be at most 10 MB', abort: true })
  .regex(DATA_URL_PREFIX, { error: 'must be a JPEG, PNG or WebP image (data:image/…;base64,…)' });

export const photo = z.object({
  id: z.number(),
  sessionId: z.number(),
  patientId: z.number(),
  treatmentType,
  /** When the session was performed: photos are compared session by session. */
  performedAt: z.string(),
  kind: photoKind,
  mime: z.enum(photoMimes),
  width: z.number().nullable(),
  height: z.number().nullable(),
  bytes: z.number(),
  /** SHA-256 (hex) of the stored image, after its metadata was removed. */
  sha256: z.string(),
  takenAt: z.string(),
  userId: z.number().nullable(),
  userName: z.string().nullable(),
});
export type Photo = z.infer<typeof photo>;

/** A session as the photo screens need it: may photos be added to it now? */
export const photoSession = z.object({
  id: z.number(),
  treatmentType,
  performedAt: z.string(),
  status: z.enum(['draft', 'signed']),
  /** A valid consent for this treatment type, signed with permission for photographs, stands today. */
  photoConsent: z.boolean(),
});
export type PhotoSession = z.infer<typeof photoSession>;

export const photoAddInput = z.strictObject({
  sessionId: recordId,
  kind: photoKind,
  image: photoDataUrl,
  /** When the photo was taken; now if not given. */
  takenAt: instant.optional(),
});
export type PhotoAddInput = z.infer<typeof photoAddInput>;

export const photoListInput = z
  .strictObject({ sessionId: recordId.optional(), patientId: recordId.optional() })
  .refine((i) => (i.sessionId === undefined) !== (i.patientId === undefined), { error: 'give either sessionId or patientId', path: ['sessionId'] });

// Clinical only: the front desk never sees a photo, nor that one exists.
export const photoCommands = [
  /** Refused with consent_missing without photo permission; metadata (EXIF, XMP, ICC, text) is removed before storing. */
  command({ name: 'photos.add', kind: 'write', access: clinical, input: photoAddInput, output: photo }),
  /** Photos of one session, or of every session of a patient, oldest session first, with the sessions they may go on. */
  command({
    name: 'photos.list',
    kind: 'view',
    access: clinical,
    input: photoListInput,
    output: z.object({ items: z.array(photo), sessions: z.array(photoSession) }),
  }),
  /** One photo with its image, checked against its SHA-256. */
  command({ name: 'photos.get', kind: 'view', access: clinical, input: z.strictObject({ id: recordId }), output: photo.extend({ dataUrl: z.string() }) }),
] as const;
