import type { ConsentFacts } from '../rules/consents';
import { consentStatusOn, type ConsentStatus } from '../rules/consents';
import { prepared } from '../prepared';
import type { Ctx } from './context';
import { clinicRule } from './settings';

export interface ConsentStanding extends ConsentFacts {
  id: number;
  treatmentType: string;
  status: ConsentStatus;
}

/** Every consent a patient signed for one treatment type, newest first, with its standing on `on`. */
export function consentsFor(ctx: Pick<Ctx, 'sql' | 'orm'>, patientId: number, treatmentType: string, on: Date): ConsentStanding[] {
  const months = clinicRule(ctx.sql, 'consentValidityMonths');
  const rows = prepared(
    ctx.sql,
    `SELECT c.id, c.treatment_type AS treatmentType, c.signed_at AS signedAt, c.voided_at AS voidedAt,
            t.version AS templateVersion,
            (SELECT max(version) FROM consent_templates l WHERE l.treatment_type = c.treatment_type) AS latestTemplateVersion
     FROM consents c JOIN consent_templates t ON t.id = c.template_id
     WHERE c.patient_id = ? AND c.treatment_type = ?
     ORDER BY c.signed_at DESC, c.id DESC`,
  ).all(patientId, treatmentType) as Omit<ConsentStanding, 'status'>[];
  return rows.map((r) => ({ ...r, status: consentStatusOn(r, on, months) }));
}

/** The consent that covers this treatment on this day, if any: what check-in and signing ask for. */
export const validConsentFor = (ctx: Pick<Ctx, 'sql' | 'orm'>, patientId: number, treatmentType: string, on: Date): ConsentStanding | null =>
  consentsFor(ctx, patientId, treatmentType, on).find((c) => c.status === 'valid') ?? null;
