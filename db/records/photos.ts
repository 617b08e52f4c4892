import { randomUUID } from 'node:crypto';
import { treatmentLabels } from '../api/consents';
import type { TreatmentType } from '../api/fields';
import { MAX_PHOTO_BYTES, MAX_PHOTO_SIDE, type Photo, type PhotoMime, type PhotoSession } from '../api/photos';
import { ClinicError, fieldError, notFound } from '../errors';
import { sha256Hex } from '../hash';
import { prepared } from '../prepared';
import { validConsentFor } from './consent-lookup';
import type { Ctx } from './context';
import { photoFilesIn, readPhotoFile, removePhotoFile, writePhotoFile } from './photo-files';
import { readPhoto } from './photo-image';
import { handlers, withPrepare } from './registry';

interface SessionFacts {
  id: number;
  patientId: number;
  treatmentType: TreatmentType;
  performedAt: string;
  status: 'draft' | 'signed';
}

interface CheckedImage {
  mime: PhotoMime;
  width: number;
  height: number;
  bytes: Buffer;
  sha256: string;
}

const extensionOf: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A camera clock a few minutes ahead of the host's is not an error worth refusing. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const PHOTO_COLUMNS = `ph.id, ph.session_id AS sessionId, s.patient_id AS patientId, s.treatment_type AS treatmentType,
  s.performed_at AS performedAt, ph.kind, ph.mime, ph.width, ph.height, ph.bytes, ph.sha256, ph.taken_at AS takenAt,
  ph.user_id AS userId, u.name AS userName`;
const PHOTO_FROM = `FROM session_photos ph JOIN treatment_sessions s ON s.id = ph.session_id LEFT JOIN users u ON u.id = ph.user_id`;
const PHOTO_ORDER = `ORDER BY s.performed_at, s.id, ph.taken_at, ph.id`;

const sessionFacts = (ctx: Pick<Ctx, 'sql'>, id: number): SessionFacts | undefined =>
  prepared(
    ctx.sql,
    `SELECT id, patient_id AS patientId, treatment_type AS treatmentType, performed_at AS performedAt, status FROM treatment_sessions WHERE id = ?`,
  ).get(id) as SessionFacts | undefined;

/** Does a valid consent for this treatment, signed with permission for photographs, stand on `on`? */
export function photoConsentStands(ctx: Pick<Ctx, 'sql' | 'orm'>, patientId: number, treatmentType: string, on: Date): boolean {
  const consent = validConsentFor(ctx, patientId, treatmentType, on);
  if (!consent) return false;
  const row = prepared(ctx.sql, 'SELECT photo_consent AS photoConsent FROM consents WHERE id = ?').get(consent.id) as { photoConsent: number };
  return row.photoConsent === 1;
}

/** The image's bytes from its data URL, checked and with its metadata removed: work done before the transaction. */
async function checkImage(_pctx: unknown, input: { image: string }): Promise<CheckedImage> {
  const base64 = input.image.slice(input.image.indexOf(',') + 1);
  if (!BASE64.test(base64) || base64.length % 4 === 1) throw fieldError('image', 'is not valid base64 data');
  const verdict = readPhoto(Buffer.from(base64, 'base64'), { maxBytes: MAX_PHOTO_BYTES, maxSide: MAX_PHOTO_SIDE });
  if (!verdict.ok) throw fieldError('image', verdict.problem);
  return { mime: verdict.mime, width: verdict.width, height: verdict.height, bytes: verdict.bytes, sha256: sha256Hex(verdict.bytes) };
}

/**
 * Files left in a session's folder by an add whose transaction failed after the file was written
 * (a commit that could not reach the disk). Called inside a write transaction, which holds the
 * database's write lock: no other add can be between its file and its commit, so a file without
 * a row is an orphan.
 */
function removeOrphans(ctx: Ctx, sessionId: number) {
  const stored = photoFilesIn(ctx, String(sessionId));
  if (stored.length === 0) return;
  const known = new Set(
    (prepared(ctx.sql, 'SELECT file_name AS fileName FROM session_photos WHERE session_id = ?').all(sessionId) as { fileName: string }[]).map((r) => r.fileName),
  );
  for (const name of stored) if (!known.has(name)) removePhotoFile(ctx, name);
}

const loadPhoto = (ctx: Pick<Ctx, 'sql'>, id: number) =>
  prepared(ctx.sql, `SELECT ${PHOTO_COLUMNS}, ph.file_name AS fileName ${PHOTO_FROM} WHERE ph.id = ?`).get(id) as (Photo & { fileName: string }) | undefined;

export const photoHandlers = handlers({
  'photos.add': withPrepare(checkImage, (ctx, input, image) => {
    const session = sessionFacts(ctx, input.sessionId);
    if (!session) throw fieldError('sessionId', 'no treatment session has this id');
    if (!photoConsentStands(ctx, session.patientId, session.treatmentType, ctx.now)) {
      const treatment = treatmentLabels[session.treatmentType].toLowerCase();
      throw new ClinicError(
        'consent_missing',
        `No photo consent: photographs need a valid ${treatment} consent signed with "yes" to photographs. Ask the patient to sign one first.`,
        { treatmentType: session.treatmentType, patientId: session.patientId },
      );
    }
    const takenAt = new Date(input.takenAt ?? ctx.nowIso);
    if (takenAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) throw fieldError('takenAt', 'must not be in the future');

    removeOrphans(ctx, session.id);
    const fileName = `${session.id}/${randomUUID()}.${extensionOf[image.mime]}`;
    writePhotoFile(ctx, fileName, image.bytes);
    try {
      const { id } = prepared(
        ctx.sql,
        `INSERT INTO session_photos (session_id, kind, file_name, sha256, mime, width, height, bytes, taken_at, user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ).get(session.id, input.kind, fileName, image.sha256, image.mime, image.width, image.height, image.bytes.length, takenAt.toISOString(), ctx.user?.id ?? null) as {
        id: number;
      };
      ctx.audit({
        action: 'photos.add',
        entity: 'photo',
        entityId: id,
        patientId: session.patientId,
        change: { sessionId: session.id, kind: input.kind, sha256: image.sha256, mime: image.mime, bytes: image.bytes.length, takenAt: takenAt.toISOString() },
      });
      const { fileName: _stored, ...photo } = loadPhoto(ctx, id)!;
      return photo;
    } catch (e) {
      removePhotoFile(ctx, fileName);
      throw e;
    }
  }),

  'photos.list': (ctx, input) => {
    let patientId: number;
    let sessions: SessionFacts[];
    if (input.sessionId !== undefined) {
      const session = sessionFacts(ctx, input.sessionId);
      if (!session) throw notFound('treatment session', input.sessionId);
      patientId = session.patientId;
      sessions = [session];
    } else {
      patientId = input.patientId!;
      if (!prepared(ctx.sql, 'SELECT 1 FROM patients WHERE id = ?').get(patientId)) throw notFound('patient', patientId);
      sessions = prepared(
        ctx.sql,
        `SELECT id, patient_id AS patientId, treatment_type AS treatmentType, performed_at AS performedAt, status
         FROM treatment_sessions WHERE patient_id = ? ORDER BY performed_at, id`,
      ).all(patientId) as SessionFacts[];
    }
    const items =
      input.sessionId !== undefined
        ? (prepared(ctx.sql, `SELECT ${PHOTO_COLUMNS} ${PHOTO_FROM} WHERE ph.session_id = ? ${PHOTO_ORDER}`).all(input.sessionId) as Photo[])
        : (prepared(ctx.sql, `SELECT ${PHOTO_COLUMNS} ${PHOTO_FROM} WHERE s.patient_id = ? ${PHOTO_ORDER}`).all(patientId) as Photo[]);
    const consentByType = new Map<string, boolean>();
    const photoSessions: PhotoSession[] = sessions.map((s) => {
      if (!consentByType.has(s.treatmentType)) consentByType.set(s.treatmentType, photoConsentStands(ctx, patientId, s.treatmentType, ctx.now));
      return { id: s.id, treatmentType: s.treatmentType, performedAt: s.performedAt, status: s.status, photoConsent: consentByType.get(s.treatmentType)! };
    });
    ctx.audit({
      action: 'photos.list',
      entity: input.sessionId !== undefined ? 'session' : 'patient',
      entityId: input.sessionId ?? patientId,
      patientId,
    });
    return { items, sessions: photoSessions };
  },

  'photos.get': (ctx, input) => {
    const row = loadPhoto(ctx, input.id);
    if (!row) throw notFound('photo', input.id);
    const { fileName, ...photo } = row;
    const bytes = readPhotoFile(ctx, fileName);
    if (!bytes) throw new ClinicError('not_found', `The file of photo ${row.id} is missing from the data folder; restore it from a backup.`, { id: row.id });
    if (sha256Hex(bytes) !== row.sha256) {
      throw new ClinicError('conflict', `The file of photo ${row.id} does not match the fingerprint recorded when it was stored; it has been changed or damaged.`, {
        id: row.id,
        reason: 'photo_damaged',
      });
    }
    ctx.audit({ action: 'photos.get', entity: 'photo', entityId: row.id, patientId: row.patientId });
    return { ...photo, dataUrl: `data:${row.mime};base64,${bytes.toString('base64')}` };
  },
});
