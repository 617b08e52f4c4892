// Aftercare sheets: versioned wording per treatment type, and which version each patient was given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AftercareSheet, AftercareTemplate } from '../api/aftercare';
import { treatmentTypes, type TreatmentType } from '../api/fields';
import { ClinicError, notFound } from '../errors';
import { prepared } from '../prepared';
import { parseTemplateFile } from '../rules/consent-text';
import type { Ctx } from './context';
import { handlers } from './registry';

interface TemplateRow {
  id: number;
  treatmentType: string;
  version: number;
  title: string;
  body: string;
  publishedAt: string;
  publishedByName: string | null;
  latest: number;
}

const TEMPLATE_VIEW = `SELECT t.id, t.treatment_type AS treatmentType, t.version, t.title, t.body, t.published_at AS publishedAt,
    u.name AS publishedByName,
    (SELECT max(version) FROM aftercare_templates l WHERE l.treatment_type = t.treatment_type) AS latest
  FROM aftercare_templates t LEFT JOIN users u ON u.id = t.published_by`;

const toTemplate = ({ latest, ...r }: TemplateRow): AftercareTemplate => ({ ...r, treatmentType: r.treatmentType as TreatmentType, current: r.version === latest });

const latestVersionOf = (ctx: Pick<Ctx, 'sql'>, type: string): number =>
  (prepared(ctx.sql, 'SELECT coalesce(max(version), 0) AS v FROM aftercare_templates WHERE treatment_type = ?').get(type) as { v: number }).v;

/** The shipped wording for a treatment type: resources/aftercare/<type>.md, `# Title` first. */
export function defaultAftercareFor(resourcesDir: string, type: TreatmentType): { title: string; body: string } {
  return parseTemplateFile(readFileSync(join(resourcesDir, 'aftercare', `${type}.md`), 'utf8'));
}

function publish(ctx: Ctx, input: { treatmentType: TreatmentType; title: string; body: string }): number {
  const latest = latestVersionOf(ctx, input.treatmentType);
  if (latest > 0) {
    const current = prepared(ctx.sql, 'SELECT title, body FROM aftercare_templates WHERE treatment_type = ? AND version = ?').get(input.treatmentType, latest) as {
      title: string;
      body: string;
    };
    if (current.title === input.title && current.body === input.body) {
      throw new ClinicError('conflict', `body: is the same as version ${latest}; change the wording before publishing`, {
        issues: [{ path: 'body', message: `is the same as version ${latest}` }],
      });
    }
  }
  const { id } = prepared(
    ctx.sql,
    'INSERT INTO aftercare_templates (treatment_type, version, title, body, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
  ).get(input.treatmentType, latest + 1, input.title, input.body, ctx.nowIso, ctx.user?.id ?? null) as { id: number };
  ctx.audit({ action: 'aftercare.templates.publish', entity: 'aftercare_template', entityId: id, change: { ...input, version: latest + 1 } });
  return id;
}

/** Version 1 of a treatment's sheet from the shipped wording, if the clinic has none yet. */
function ensureAftercare(ctx: Ctx, type: TreatmentType): void {
  if (latestVersionOf(ctx, type) === 0) publish(ctx, { treatmentType: type, ...defaultAftercareFor(ctx.host.resourcesDir, type) });
}

/** First-run setup: version 1 of every treatment type's aftercare sheet, in our own words. */
export function seedDefaultAftercare(ctx: Ctx): void {
  for (const type of treatmentTypes) ensureAftercare(ctx, type);
}

function sheetOf(ctx: Pick<Ctx, 'sql'>, givenId: number): AftercareSheet {
  const g = prepared(
    ctx.sql,
    `SELECT g.id, g.session_id AS sessionId, g.at, g.treatment_type AS treatmentType, g.version, u.name AS givenByName,
            s.performed_at AS performedAt, s.patient_id AS patientId
     FROM aftercare_given g JOIN treatment_sessions s ON s.id = g.session_id LEFT JOIN users u ON u.id = g.user_id
     WHERE g.id = ?`,
  ).get(givenId) as
    | { id: number; sessionId: number; at: string; treatmentType: string; version: number; givenByName: string | null; performedAt: string; patientId: number }
    | undefined;
  if (!g) throw notFound('aftercare sheet', givenId);
  const template = prepared(ctx.sql, `${TEMPLATE_VIEW} WHERE t.treatment_type = ? AND t.version = ?`).get(g.treatmentType, g.version) as TemplateRow;
  const patient = prepared(
    ctx.sql,
    'SELECT id, chart_number AS chartNumber, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth FROM patients WHERE id = ?',
  ).get(g.patientId) as AftercareSheet['patient'];
  return { id: g.id, sessionId: g.sessionId, at: g.at, givenByName: g.givenByName, template: toTemplate(template), patient, performedAt: g.performedAt };
}

export const aftercareHandlers = handlers({
  'aftercare.templates.list': (ctx, input) => {
    const rows = (
      input.treatmentType
        ? prepared(ctx.sql, `${TEMPLATE_VIEW} WHERE t.treatment_type = ? ORDER BY t.version DESC`).all(input.treatmentType)
        : prepared(ctx.sql, `${TEMPLATE_VIEW} ORDER BY t.treatment_type, t.version DESC`).all()
    ) as TemplateRow[];
    const order = (t: string) => treatmentTypes.indexOf(t as TreatmentType);
    return {
      items: rows
        .map(toTemplate)
        .filter((t) => input.history || t.current)
        .sort((a, b) => order(a.treatmentType) - order(b.treatmentType) || b.version - a.version),
    };
  },

  'aftercare.templates.publish': (ctx, input) => {
    const id = publish(ctx, input);
    return toTemplate(prepared(ctx.sql, `${TEMPLATE_VIEW} WHERE t.id = ?`).get(id) as TemplateRow);
  },

  'aftercare.give': (ctx, input) => {
    const session = prepared(ctx.sql, 'SELECT id, patient_id AS patientId, treatment_type AS treatmentType FROM treatment_sessions WHERE id = ?').get(input.sessionId) as
      | { id: number; patientId: number; treatmentType: TreatmentType }
      | undefined;
    if (!session) throw notFound('treatment session', input.sessionId);
    // A clinic set up before aftercare sheets existed gets version 1 the first time one is given.
    ensureAftercare(ctx, session.treatmentType);
    const version = latestVersionOf(ctx, session.treatmentType);
    const { id } = prepared(ctx.sql, 'INSERT INTO aftercare_given (session_id, treatment_type, version, at, user_id) VALUES (?, ?, ?, ?, ?) RETURNING id').get(
      session.id,
      session.treatmentType,
      version,
      ctx.nowIso,
      ctx.user?.id ?? null,
    ) as { id: number };
    ctx.audit({ action: 'aftercare.give', entity: 'aftercare_given', entityId: id, patientId: session.patientId, change: { sessionId: session.id, version } });
    return sheetOf(ctx, id);
  },

  'aftercare.sheet': (ctx, input) => {
    const sheet = sheetOf(ctx, input.id);
    ctx.audit({ action: 'aftercare.sheet', entity: 'aftercare_given', entityId: sheet.id, patientId: sheet.patient.id });
    return sheet;
  },
});
