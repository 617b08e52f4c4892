import { and, desc, eq, isNull } from 'drizzle-orm';
import { format } from 'date-fns';
import {
  treatmentLabels,
  type ConsentFields,
  type ConsentPreview,
  type ConsentSignInput,
  type ConsentSummary,
  type ConsentTemplate,
  type SignedConsent,
} from '../api/consents';
import type { TreatmentType } from '../api/fields';
import { ClinicError, fieldError, notFound } from '../errors';
import { addMonths, consentStatusOn } from '../rules/consents';
import { ADULT_AGE, ageOnDate, blankValues, fillPlaceholders, longDate, type PlaceholderValues } from '../rules/consent-text';
import { consents, consentTemplates, patients, users } from '../schema';
import { consentContentHash, textHashOf } from './consent-content';
import { latestVersionOf, listTemplates, loadTemplate, publishTemplate } from './consent-templates';
import type { Ctx } from './context';
import { loadPatient } from './patients';
import { handlers } from './registry';
import { clinicRule, readSettings } from './settings';
import { bytesOfDataUrl, checkSignaturePng } from './signature-image';

type ConsentRow = typeof consents.$inferSelect;
type PatientRow = typeof patients.$inferSelect;

/** The host's calendar date (the host runs on the clinic's own computer, in its time zone). */
const localDate = (d: Date): string => format(d, 'yyyy-MM-dd');
const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date, give or take one day: a form opened just before midnight, or a browser in another zone. */
function checkSignedOn(ctx: Ctx, signedOn: string | undefined): string {
  if (signedOn === undefined) return localDate(ctx.now);
  const allowed = [-DAY_MS, 0, DAY_MS].map((ms) => localDate(new Date(ctx.now.getTime() + ms)));
  if (!allowed.includes(signedOn)) throw fieldError('signedOn', `must be today's date (${localDate(ctx.now)})`);
  return signedOn;
}

const fullNameOf = (p: Pick<PatientRow, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

/** The values a template's fields are filled with for this patient on this day. */
function valuesFor(ctx: Ctx, template: ConsentTemplate, patient: PatientRow | null, signedOn: string): PlaceholderValues {
  const clinic = { 'clinic.name': readSettings(ctx.orm).clinicName, treatment: treatmentLabels[template.treatmentType] };
  if (!patient) return { ...blankValues, ...clinic };
  return {
    ...clinic,
    'patient.fullName': fullNameOf(patient),
    'patient.firstName': patient.firstName,
    'patient.lastName': patient.lastName,
    'patient.dateOfBirth': longDate(patient.dateOfBirth),
    'patient.chartNumber': patient.chartNumber,
    date: longDate(signedOn),
  };
}

const patientIdentity = (p: PatientRow) => ({ id: p.id, fullName: fullNameOf(p), chartNumber: p.chartNumber, dateOfBirth: p.dateOfBirth });

function preview(ctx: Ctx, template: ConsentTemplate, patient: PatientRow | null, signedOn: string): ConsentPreview {
  const renderedText = fillPlaceholders(template.body, valuesFor(ctx, template, patient, signedOn));
  return {
    template,
    renderedText,
    textHash: textHashOf(renderedText),
    patient: patient ? patientIdentity(patient) : null,
    signedOn,
    needsGuardian: patient ? ageOnDate(patient.dateOfBirth, signedOn) < ADULT_AGE : false,
  };
}

const nameOfUser = (ctx: Pick<Ctx, 'orm'>, id: number | null): string | null =>
  id === null ? null : (ctx.orm.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null);

/** What standing needs to know once per command: the validity period and each type's newest version. */
interface StandingBasis {
  months: number;
  latest(treatmentType: string): number;
}

function standingBasis(ctx: Ctx): StandingBasis {
  const latest = new Map<string, number>();
  return {
    months: clinicRule(ctx.sql, 'consentValidityMonths'),
    latest: (type) => {
      if (!latest.has(type)) latest.set(type, latestVersionOf(ctx, type));
      return latest.get(type)!;
    },
  };
}

function summaryOf(ctx: Ctx, basis: StandingBasis, row: ConsentRow, template: { version: number; title: string }): ConsentSummary {
  const latestTemplateVersion = basis.latest(row.treatmentType);
  const facts = { signedAt: row.signedAt, voidedAt: row.voidedAt, templateVersion: template.version, latestTemplateVersion };
  return {
    id: row.id,
    patientId: row.patientId,
    templateId: row.templateId,
    templateVersion: template.version,
    latestTemplateVersion,
    title: template.title,
    treatmentType: row.treatmentType as TreatmentType,
    signedByName: row.signedByName,
    guardianName: row.guardianName,
    guardianRelationship: row.guardianRelationship,
    photoConsent: row.photoConsent,
    signedAt: row.signedAt,
    contentHash: row.contentHash,
    voidedAt: row.voidedAt,
    voidReason: row.voidReason,
    status: consentStatusOn(facts, ctx.now, basis.months),
    expiresAt: addMonths(new Date(row.signedAt), basis.months).toISOString(),
  };
}

function signedConsentOf(ctx: Ctx, row: ConsentRow): SignedConsent {
  const template = ctx.orm.select().from(consentTemplates).where(eq(consentTemplates.id, row.templateId)).get()!;
  const fields = row.fields as ConsentFields;
  return {
    ...summaryOf(ctx, standingBasis(ctx), row, template),
    renderedText: row.renderedText,
    fields,
    signature: row.signature,
    // As the form read on the day it was signed.
    patient: { id: row.patientId, ...fields.patient },
    witnessUserId: row.witnessUserId,
    witnessName: fields.witnessName ?? nameOfUser(ctx, row.witnessUserId),
    recordedBy: row.recordedBy,
    recordedByName: fields.recordedByName ?? nameOfUser(ctx, row.recordedBy),
    voidedBy: row.voidedBy,
    voidedByName: nameOfUser(ctx, row.voidedBy),
  };
}

const loadConsent = (ctx: Pick<Ctx, 'orm'>, id: number): ConsentRow => {
  const row = ctx.orm.select().from(consents).where(eq(consents.id, id)).get();
  if (!row) throw notFound('consent', id);
  return row;
};

const contentOf = (row: ConsentRow) => ({
  patientId: row.patientId,
  templateId: row.templateId,
  treatmentType: row.treatmentType,
  renderedText: row.renderedText,
  fields: row.fields as ConsentFields,
  signature: row.signature,
  signedByName: row.signedByName,
  guardianName: row.guardianName,
  guardianRelationship: row.guardianRelationship,
  photoConsent: row.photoConsent,
  witnessUserId: row.witnessUserId,
  recordedBy: row.recordedBy,
  signedAt: row.signedAt,
});

function checkWitness(ctx: Ctx, id: number | undefined): string | null {
  if (id === undefined) return null;
  const witness = ctx.orm.select().from(users).where(eq(users.id, id)).get();
  if (!witness || !witness.active) throw fieldError('witnessUserId', 'must be an active staff member');
  return witness.name;
}

function sign(ctx: Ctx, input: ConsentSignInput): SignedConsent {
  const patient = loadPatient(ctx, input.patientId);
  if (patient.archivedAt) throw new ClinicError('conflict', `patientId: ${patient.chartNumber} is archived; restore the record before signing`);
  const template = loadTemplate(ctx, input.templateId);
  if (!template.current) {
    throw new ClinicError(
      'conflict',
      `templateId: version ${template.version} of the ${treatmentLabels[template.treatmentType]} consent has been replaced; show the patient the current version`,
      { issues: [{ path: 'templateId', message: 'is not the current version' }], currentVersion: latestVersionOf(ctx, template.treatmentType) },
    );
  }
  const signedOn = checkSignedOn(ctx, input.signedOn);
  const image = checkSignaturePng(bytesOfDataUrl(input.signature));
  if (!image.ok) throw fieldError('signature', image.problem);

  const age = ageOnDate(patient.dateOfBirth, signedOn);
  if (age < ADULT_AGE && !input.guardianName) {
    throw fieldError('guardianName', `is required: the patient is ${age}, so a parent or guardian signs`);
  }
  if (input.guardianName && !input.guardianRelationship) throw fieldError('guardianRelationship', 'is required when a guardian signs');
  if (input.guardianRelationship && !input.guardianName) throw fieldError('guardianName', 'is required with a relationship');
  const witnessName = checkWitness(ctx, input.witnessUserId);

  const shown = preview(ctx, template, patient, signedOn);
  if (input.shownTextHash && input.shownTextHash !== shown.textHash) {
    throw new ClinicError('conflict', 'The form changed after it was shown (the patient details or the wording changed); show it to the patient again', {
      reason: 'text_changed',
    });
  }

  const fields: ConsentFields = {
    values: valuesFor(ctx, template, patient, signedOn),
    patient: { fullName: fullNameOf(patient), chartNumber: patient.chartNumber, dateOfBirth: patient.dateOfBirth },
    signedOn,
    ageOnSigning: age,
    template: { version: template.version, title: template.title },
    witnessName,
    recordedByName: ctx.user?.name ?? null,
  };
  const content = {
    patientId: patient.id,
    templateId: template.id,
    treatmentType: template.treatmentType,
    renderedText: shown.renderedText,
    fields,
    signature: input.signature,
    signedByName: input.signedByName,
    guardianName: input.guardianName ?? null,
    guardianRelationship: input.guardianRelationship ?? null,
    photoConsent: input.photoConsent ?? false,
    witnessUserId: input.witnessUserId ?? null,
    recordedBy: ctx.user?.id ?? null,
    signedAt: ctx.nowIso,
  };
  const contentHash = consentContentHash(content);
  const row = ctx.orm
    .insert(consents)
    .values({ ...content, contentHash })
    .returning()
    .get();
  ctx.audit({
    action: 'consents.sign',
    entity: 'consent',
    entityId: row.id,
    patientId: patient.id,
    change: { templateId: template.id, treatmentType: template.treatmentType, version: template.version, contentHash, photoConsent: content.photoConsent },
  });
  return signedConsentOf(ctx, row);
}

export const consentHandlers = handlers({
  'consents.templates.list': (ctx, input) => ({ items: listTemplates(ctx, input.treatmentType, input.history ?? false) }),
  'consents.templates.get': (ctx, input) => loadTemplate(ctx, input.id),
  'consents.templates.publish': (ctx, input) => publishTemplate(ctx, input),

  'consents.templates.preview': (ctx, input) => {
    const template = loadTemplate(ctx, input.templateId);
    const patient = input.patientId === undefined ? null : loadPatient(ctx, input.patientId);
    const signedOn = checkSignedOn(ctx, input.signedOn);
    ctx.audit({ action: 'consents.templates.preview', entity: 'consent_template', entityId: template.id, patientId: patient?.id ?? null });
    return preview(ctx, template, patient, signedOn);
  },

  'consents.sign': sign,

  'consents.void': (ctx, input) => {
    const row = loadConsent(ctx, input.id);
    if (row.voidedAt) throw new ClinicError('conflict', `This consent was already voided on ${row.voidedAt.slice(0, 10)}: ${row.voidReason ?? ''}`, { voidedAt: row.voidedAt });
    const updated = ctx.orm
      .update(consents)
      .set({ voidedAt: ctx.nowIso, voidedBy: ctx.user?.id ?? null, voidReason: input.reason })
      .where(and(eq(consents.id, row.id), isNull(consents.voidedAt)))
      .returning()
      .get();
    if (!updated) throw new ClinicError('conflict', 'This consent was voided by someone else just now');
    ctx.audit({ action: 'consents.void', entity: 'consent', entityId: row.id, patientId: row.patientId, change: { reason: input.reason } });
    return signedConsentOf(ctx, updated);
  },

  'consents.get': (ctx, input) => {
    const row = loadConsent(ctx, input.id);
    ctx.audit({ action: 'consents.get', entity: 'consent', entityId: row.id, patientId: row.patientId });
    return signedConsentOf(ctx, row);
  },

  'consents.forPatient': (ctx, input) => {
    const patient = loadPatient(ctx, input.patientId);
    const rows = ctx.orm
      .select({ c: consents, version: consentTemplates.version, title: consentTemplates.title })
      .from(consents)
      .innerJoin(consentTemplates, eq(consentTemplates.id, consents.templateId))
      .where(eq(consents.patientId, patient.id))
      .orderBy(desc(consents.signedAt), desc(consents.id))
      .all();
    ctx.audit({ action: 'consents.forPatient', entity: 'patient', entityId: patient.id, patientId: patient.id });
    const basis = standingBasis(ctx);
    return { items: rows.map((r) => summaryOf(ctx, basis, r.c, { version: r.version, title: r.title })) };
  },

  'consents.verify': (ctx, input) => {
    const row = loadConsent(ctx, input.id);
    const computedHash = consentContentHash(contentOf(row));
    return { id: row.id, intact: computedHash === row.contentHash, contentHash: row.contentHash, computedHash };
  },
});
