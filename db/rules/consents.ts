// Consent validity: pure, so it can be tested on any date and reused by check-in and signing.
export type ConsentStatus = 'valid' | 'expired' | 'voided' | 'superseded';

export interface ConsentFacts {
  /** When the patient signed (ISO instant). */
  signedAt: string;
  voidedAt: string | null;
  /** The template version that was signed, and the newest published version for that treatment type. */
  templateVersion: number;
  latestTemplateVersion: number;
}

/** The same instant `months` calendar months later (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (instant: Date, months: number): Date => {
  const d = new Date(instant.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
};

/**
 * A consent's standing on a given instant: voided wins; then expired (older than the clinic's
 * validity period); then superseded (a newer wording exists, so the next session asks again).
 */
export function consentStatusOn(c: ConsentFacts, on: Date, validityMonths: number): ConsentStatus {
  if (c.voidedAt !== null) return 'voided';
  const signed = new Date(c.signedAt);
  if (on.getTime() >= addMonths(signed, validityMonths).getTime()) return 'expired';
  if (c.latestTemplateVersion > c.templateVersion) return 'superseded';
  return 'valid';
}
