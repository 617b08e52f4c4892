import type { Photo, PhotoKind, PhotoSession } from '../../db/api/photos';
import { dayOf, treatmentLabel } from '../consents/labels';

export const kindLabel: Record<PhotoKind, string> = { before: 'Before', after: 'After' };

/** "Laser treatment, 2 March 2026": how a session is named on the photo screens. */
export const sessionName = (s: Pick<PhotoSession, 'treatmentType' | 'performedAt'>): string => `${treatmentLabel(s.treatmentType)}, ${dayOf(s.performedAt)}`;

/** "Before — Laser treatment, 2 March 2026": a photo's alternative text and caption. */
export const photoName = (p: Photo): string => `${kindLabel[p.kind]} — ${sessionName(p)}`;
