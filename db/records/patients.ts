import { and, eq, placeholder } from 'drizzle-orm';
import type { Patient, PatientSummary } from '../api/patients';
import type { PatientFlag } from '../api/fields';
import { ClinicError, notFound, staleVersion } from '../errors';
import { nameKeyOf, namePartsOf, phoneDigitsOf, reversed } from '../fold';
import { prepared } from '../prepared';
import { patients } from '../schema';
import type { Ctx } from './context';
import { handlers } from './registry';
import { findDuplicates } from './patient-duplicates';
import { searchPatients } from './patient-search';

type PatientRow = typeof patients.$inferSelect;

export const toPatient = (r: PatientRow): Patient => ({
  id: r.id,
  chartNumber: r.chartNumber,
  firstName: r.firstName,
  lastName: r.lastName,
  dateOfBirth: r.dateOfBirth,
  sex: r.sex,
  phone: r.phone,
  email: r.email,
  address: r.address,
  fitzpatrick: r.fitzpatrick,
  allergies: r.allergies,
  medications: r.medications,
  notes: r.notes,
  flags: r.flags as PatientFlag[],
  archivedAt: r.archivedAt,
  archivedReason: r.archivedReason,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
});

export type { PatientSummary };

// Every chart, edit and look at a patient runs these: each is built and prepared once per connection
// (building the SQL again for every edit cost as much as the durable write itself).
const preparedOnce = <Q>(cache: WeakMap<Ctx['orm'], Q>, orm: Ctx['orm'], build: (orm: Ctx['orm']) => Q): Q => {
  let query = cache.get(orm);
  if (!query) cache.set(orm, (query = build(orm)));
  return query;
};

const patientById = (orm: Ctx['orm']) => orm.select().from(patients).where(eq(patients.id, placeholder('id'))).prepare();
const byIdQueries = new WeakMap<Ctx['orm'], ReturnType<typeof patientById>>();

/** What patients.update may change. */
export const editableFields = ['firstName', 'lastName', 'dateOfBirth', 'sex', 'phone', 'email', 'address', 'fitzpatrick', 'allergies', 'medications', 'notes'] as const;
type EditableField = (typeof editableFields)[number];
type EditColumn = EditableField | 'nameKey' | 'phoneDigits' | 'phoneDigitsReversed';

// drizzle binds a placeholder in set() through its column (so JSON columns are encoded); only its types
// do not allow it there.
const slot = (name: string) => placeholder(name) as unknown as string;

/**
 * An edit sets only the columns it changes (so unchanged indexed columns leave their indexes alone), with
 * one prepared statement per set of columns, kept for the connection.
 */
const patientEdit = (columns: readonly EditColumn[]) => (orm: Ctx['orm']) =>
  orm
    .update(patients)
    .set({
      ...Object.fromEntries(columns.map((k) => [k, slot(k)])),
      updatedAt: slot('updatedAt'),
      version: slot('nextVersion') as unknown as number,
    })
    .where(and(eq(patients.id, placeholder('id')), eq(patients.version, placeholder('version'))))
    .returning()
    .prepare();
const editQueries = new WeakMap<Ctx['orm'], Map<string, ReturnType<ReturnType<typeof patientEdit>>>>();
const editFor = (orm: Ctx['orm'], columns: readonly EditColumn[]) => {
  const byColumns = preparedOnce(editQueries, orm, () => new Map<string, ReturnType<ReturnType<typeof patientEdit>>>());
  const key = columns.join(',');
  let query = byColumns.get(key);
  if (!query) byColumns.set(key, (query = patientEdit(columns)(orm)));
  return query;
};

/** The patient row, or `not_found` naming the id. */
export const loadPatient = (ctx: Pick<Ctx, 'orm'>, id: number): PatientRow => {
  const row = preparedOnce(byIdQueries, ctx.orm, patientById).get({ id });
  if (!row) throw notFound('patient', id);
  return row;
};

const phoneKeys = (phone: string | null | undefined) => {
  const digits = phoneDigitsOf(phone);
  return { phoneDigits: digits, phoneDigitsReversed: reversed(digits) };
};

/** The next chart number; the counter only goes up, so a number is never given twice. */
const nextChartNumber = (ctx: Ctx): string => {
  const { value } = prepared(
    ctx.sql,
    `INSERT INTO counters (name, value) VALUES ('chart_number', 1)
     ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  ).get() as { value: number };
  return `SC-${String(value).padStart(6, '0')}`;
};

/** Keeps the name-part index in step with the patient's name. */
const indexNameParts = (ctx: Ctx, id: number, firstName: string, lastName: string) => {
  prepared(ctx.sql, 'DELETE FROM patient_name_keys WHERE patient_id = ?').run(id);
  const insert = prepared(ctx.sql, 'INSERT OR IGNORE INTO patient_name_keys (key, patient_id) VALUES (?, ?)');
  for (const part of namePartsOf(firstName, lastName)) insert.run(part, id);
};

const setArchived = (ctx: Ctx, current: PatientRow, at: string | null, reason: string | null): PatientRow => {
  const row = ctx.orm
    .update(patients)
    .set({ archivedAt: at, archivedReason: reason, updatedAt: ctx.nowIso, version: current.version + 1 })
    .where(and(eq(patients.id, current.id), eq(patients.version, current.version)))
    .returning()
    .get();
  if (!row) throw staleVersion('This patient record');
  return row;
};

export const patientHandlers = handlers({
  'patients.create': (ctx, { confirmNewRecord, ...input }) => {
    const candidates = findDuplicates(ctx.sql, input);
    if (candidates.length > 0 && !confirmNewRecord) {
      throw new ClinicError(
        'conflict',
        `${candidates.length === 1 ? 'A patient' : `${candidates.length} patients`} with the same name and date of birth or the same phone number already ${candidates.length === 1 ? 'has' : 'have'} a record. Open the existing record, or confirm that this is a different person.`,
        { reason: 'possible_duplicate', candidates },
      );
    }
    const row = ctx.orm
      .insert(patients)
      .values({
        ...input,
        chartNumber: nextChartNumber(ctx),
        allergies: input.allergies ?? [],
        medications: input.medications ?? [],
        nameKey: nameKeyOf(input.firstName, input.lastName),
        ...phoneKeys(input.phone),
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      })
      .returning()
      .get();
    indexNameParts(ctx, row.id, row.firstName, row.lastName);
    ctx.audit({ action: 'patients.create', entity: 'patient', entityId: row.id, patientId: row.id, change: input });
    if (candidates.length > 0) {
      // Who decided this is a different person, and which records they were shown.
      ctx.audit({
        action: 'patients.create_confirmed_duplicate',
        entity: 'patient',
        entityId: row.id,
        patientId: row.id,
        change: { candidates: candidates.map((c) => c.id) },
      });
    }
    return toPatient(row);
  },

  'patients.update': (ctx, input) => {
    const current = loadPatient(ctx, input.id);
    if (current.version !== input.version) throw staleVersion('This patient record');
    const { id, version, ...changes } = input;
    const firstName = changes.firstName ?? current.firstName;
    const lastName = changes.lastName ?? current.lastName;
    const phone = changes.phone === undefined ? current.phone : changes.phone;
    const values: Partial<Record<EditColumn, unknown>> = {};
    for (const k of editableFields) if (changes[k] !== undefined) values[k] = changes[k];
    if (changes.firstName !== undefined || changes.lastName !== undefined) values.nameKey = nameKeyOf(firstName, lastName);
    if (changes.phone !== undefined) Object.assign(values, phoneKeys(phone));
    const row = editFor(ctx.orm, Object.keys(values) as EditColumn[]).get({ ...values, updatedAt: ctx.nowIso, id, version, nextVersion: version + 1 });
    if (!row) throw staleVersion('This patient record');
    if (changes.firstName !== undefined || changes.lastName !== undefined) indexNameParts(ctx, id, firstName, lastName);
    ctx.audit({ action: 'patients.update', entity: 'patient', entityId: id, patientId: id, change: changes });
    return toPatient(row);
  },

  'patients.get': (ctx, input) => {
    const row = loadPatient(ctx, input.id);
    ctx.audit({ action: 'patients.get', entity: 'patient', entityId: row.id, patientId: row.id });
    return toPatient(row);
  },

  'patients.duplicates': (ctx, input) => ({ items: findDuplicates(ctx.sql, input) }),

  'patients.archive': (ctx, input) => {
    const current = loadPatient(ctx, input.id);
    if (current.version !== input.version) throw staleVersion('This patient record');
    if (current.archivedAt !== null) throw new ClinicError('conflict', 'This patient is already archived', { reason: 'archived' });
    const upcoming = prepared(
      ctx.sql,
      `SELECT id, starts_at AS startsAt FROM appointments
       WHERE patient_id = ? AND status IN ('booked', 'checked_in') AND ends_at > ? ORDER BY starts_at`,
    ).all(current.id, ctx.nowIso) as { id: number; startsAt: string }[];
    if (upcoming.length > 0) {
      throw new ClinicError('conflict', `This patient has ${upcoming.length} upcoming appointment(s); cancel them before archiving the record`, {
        reason: 'upcoming_appointments',
        appointments: upcoming,
      });
    }
    const row = setArchived(ctx, current, ctx.nowIso, input.reason);
    ctx.audit({ action: 'patients.archive', entity: 'patient', entityId: row.id, patientId: row.id, change: { reason: input.reason } });
    return toPatient(row);
  },

  'patients.restore': (ctx, input) => {
    const current = loadPatient(ctx, input.id);
    if (current.version !== input.version) throw staleVersion('This patient record');
    if (current.archivedAt === null) throw new ClinicError('conflict', 'This patient is not archived', { reason: 'not_archived' });
    const row = setArchived(ctx, current, null, null);
    ctx.audit({ action: 'patients.restore', entity: 'patient', entityId: row.id, patientId: row.id, change: { reason: input.reason } });
    return toPatient(row);
  },

  'patients.search': (ctx, input) => ({ items: searchPatients(ctx.sql, input.query, input.limit ?? 20, input.includeArchived ?? false) }),
});
