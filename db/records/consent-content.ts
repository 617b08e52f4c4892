import type { ConsentFields } from '../api/consents';
import { canonicalJson, sha256Hex } from '../hash';

/** Everything a signature attests to; the content hash is taken over exactly this. */
export interface ConsentContent {
  patientId: number;
  templateId: number;
  treatmentType: string;
  renderedText: string;
  fields: ConsentFields;
  signature: string;
  signedByName: string;
  guardianName: string | null;
  guardianRelationship: string | null;
  photoConsent: boolean;
  witnessUserId: number | null;
  recordedBy: number | null;
  signedAt: string;
}

// Named, so a later change of what is hashed can be told apart from tampering.
const FORMAT = 'skinchart-consent-1';

/** SHA-256 (hex) over the canonical JSON of the signed content: text, signature, fields and who/when. */
export const consentContentHash = (c: ConsentContent): string =>
  sha256Hex(
    canonicalJson({
      format: FORMAT,
      patientId: c.patientId,
      templateId: c.templateId,
      treatmentType: c.treatmentType,
      renderedText: c.renderedText,
      fields: c.fields,
      signature: c.signature,
      signedByName: c.signedByName,
      guardianName: c.guardianName,
      guardianRelationship: c.guardianRelationship,
      photoConsent: c.photoConsent,
      witnessUserId: c.witnessUserId,
      recordedBy: c.recordedBy,
      signedAt: c.signedAt,
    }),
  );

/** The hash the signing screen sends back: SHA-256 of the text it showed. */
export const textHashOf = (text: string): string => sha256Hex(text);
