import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq, sql as dsql } from 'drizzle-orm';
import { questionnaireDefinition, type IntakeRecord, type Questionnaire, type QuestionnaireDefinition } from '../api/intake';
import type { PatientFlag } from '../api/fields';
import { z } from 'zod';
import { ClinicError, fieldError, notFound, staleVersion } from '../errors';
import { prepared } from '../prepared';
import { checkAnswers, flagsFromAnswers } from '../rules/intake';
import { intakes, patients, questionnaires } from '../schema';
import type { Ctx } from './context';
import { loadPatient } from './patients';
import { handlers } from './registry';

type QuestionnaireRow = typeof questionnaires.$inferSelect;

const toQuestionnaire = (r: QuestionnaireRow): Questionnaire => ({
  id: r.id,
  version: r.version,
  title: r.title,
  definition: r.definition as QuestionnaireDefinition,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedBy,
});

const latestVersion = (ctx: Pick<Ctx, 'orm'>): number | null =>
  ctx.orm.select({ v: dsql<number | null>`max(${questionnaires.version})` }).from(questionnaires).get()?.v ?? null;

/** The questionnaire with this version (or the current one); `field` names the input that asked. */
export function loadQuestionnaire(ctx: Pick<Ctx, 'orm'>, version: number | undefined, field: string): QuestionnaireRow {
  const wanted = version ?? latestVersion(ctx);
  if (wanted === null) throw new ClinicError('not_found', 'No intake questionnaire has been published yet; an admin can publish one');
  const row = ctx.orm.select().from(questionnaires).where(eq(questionnaires.version, wanted)).get();
  if (!row) throw fieldError(field, `questionnaire version ${wanted} does not exist (the current version is ${latestVersion(ctx) ?? 'none'})`);
  return row;
}

/** Publishes a new version; earlier versions stay exactly as they were (the table refuses edits). */
export function publishQuestionnaire(ctx: Ctx, title: string, definition: QuestionnaireDefinition): Questionnaire {
  const row = ctx.orm
    .insert(questionnaires)
    .values({ version: (latestVersion(ctx) ?? 0) + 1, title, definition, publishedAt: ctx.nowIso, publishedBy: ctx.user?.id ?? null })
    .returning()
    .get();
  ctx.audit({ action: 'questionnaires.publish', entity: 'questionnaire', entityId: row.id, change: { title, definition } });
  return toQuestionnaire(row);
}

const shippedQuestionnaire = z.strictObject({ title: z.string().min(1), definition: questionnaireDefinition });

/** First-run step: the questionnaire shipped in resources/intake becomes version 1. */
export function seedDefaultQuestionnaire(ctx: Ctx): void {
  if (latestVersion(ctx) !== null) return;
  const file = join(ctx.host.resourcesDir, 'intake', 'default-questionnaire.json');
  const shipped = shippedQuestionnaire.parse(JSON.parse(readFileSync(file, 'utf8')));
  publishQuestionnaire(ctx, shipped.title, shipped.definition);
}

interface IntakeRow {
  id: number;
  patientId: number;
  questionnaireId: number;
  questionnaireVersion: number;
  answers: string;
  flags: string;
  submittedAt: string;
  submittedBy: number | null;
}

const toIntake = (r: IntakeRow): IntakeRecord => ({
  ...r,
  answers: JSON.parse(r.answers) as IntakeRecord['answers'],
  flags: JSON.parse(r.flags) as PatientFlag[],
});

const INTAKE_COLUMNS = `i.id, i.patient_id AS patientId, i.questionnaire_id AS questionnaireId, q.version AS questionnaireVersion,
  i.answers, i.flags, i.submitted_at AS submittedAt, i.submitted_by AS submittedBy`;

/** The patient's intakes, newest first. */
export const intakesOf = (ctx: Pick<Ctx, 'sql'>, patientId: number): IntakeRecord[] =>
  (
    prepared(
      ctx.sql,
      `SELECT ${INTAKE_COLUMNS} FROM intakes i JOIN questionnaires q ON q.id = i.questionnaire_id
       WHERE i.patient_id = ? ORDER BY i.submitted_at DESC, i.id DESC`,
    ).all(patientId) as IntakeRow[]
  ).map(toIntake);

/** When the patient last completed an intake, if ever. */
export const latestIntakeAt = (ctx: Pick<Ctx, 'sql'>, patientId: number): string | null =>
  (prepared(ctx.sql, 'SELECT max(submitted_at) AS at FROM intakes WHERE patient_id = ?').get(patientId) as { at: string | null }).at;

export const intakeHandlers = handlers({
  'questionnaires.list': (ctx) => {
    const rows = ctx.orm.select().from(questionnaires).orderBy(desc(questionnaires.version)).all();
    const current = rows[0]?.version;
    return { items: rows.map(({ definition: _definition, ...r }) => ({ ...r, current: r.version === current })) };
  },

  'questionnaires.get': (ctx, input) => toQuestionnaire(loadQuestionnaire(ctx, input.version, 'version')),

  'questionnaires.publish': (ctx, input) => publishQuestionnaire(ctx, input.title, input.definition),

  'intake.submit': (ctx, input) => {
    const patient = loadPatient(ctx, input.patientId);
    if (patient.archivedAt !== null) throw new ClinicError('conflict', 'This patient is archived; restore the record before taking an intake', { reason: 'archived' });
    const q = loadQuestionnaire(ctx, input.questionnaireVersion, 'questionnaireVersion');
    const { answers, issues } = checkAnswers(q.definition as QuestionnaireDefinition, input.answers);
    if (issues.length > 0) throw new ClinicError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    const flags = flagsFromAnswers(answers);
    const row = ctx.orm
      .insert(intakes)
      .values({ patientId: patient.id, questionnaireId: q.id, answers, flags, submittedAt: ctx.nowIso, submittedBy: ctx.user?.id ?? null })
      .returning()
      .get();
    // The newest intake decides the flags; earlier intakes keep theirs as history.
    const updated = ctx.orm
      .update(patients)
      .set({ flags, updatedAt: ctx.nowIso, version: patient.version + 1 })
      .where(and(eq(patients.id, patient.id), eq(patients.version, patient.version)))
      .returning({ id: patients.id })
      .get();
    if (!updated) throw staleVersion('This patient record');
    ctx.audit({
      action: 'intake.submit',
      entity: 'intake',
      entityId: row.id,
      patientId: patient.id,
      change: { questionnaireVersion: q.version, answers, flags, previousFlags: patient.flags },
    });
    return {
      id: row.id,
      patientId: patient.id,
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      answers,
      flags,
      submittedAt: row.submittedAt,
      submittedBy: row.submittedBy,
    };
  },

  'intake.forPatient': (ctx, input) => {
    const patient = ctx.orm.select({ id: patients.id }).from(patients).where(eq(patients.id, input.patientId)).get();
    if (!patient) throw notFound('patient', input.patientId);
    ctx.audit({ action: 'intake.forPatient', entity: 'patient', entityId: patient.id, patientId: patient.id });
    return { items: intakesOf(ctx, patient.id) };
  },
});
