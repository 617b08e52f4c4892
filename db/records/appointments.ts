import { and, eq } from 'drizzle-orm';
import type { Appointment, AppointmentStatus, MissingItem } from '../api/appointments';
import { MAX_APPOINTMENT_HOURS } from '../api/appointments';
import type { PatientFlag, TreatmentType } from '../api/fields';
import { ClinicError, fieldError, notFound, staleVersion } from '../errors';
import { prepared } from '../prepared';
import { missingBeforeTreatment } from '../rules/readiness';
import { localDateOf, localDayBounds, overlaps, roomKey, type Slot } from '../rules/schedule';
import { appointments } from '../schema';
import { consentsFor, validConsentFor } from './consent-lookup';
import type { Ctx } from './context';
import { latestIntakeAt } from './intake';
import { handlers } from './registry';
import { clinicRule } from './settings';

const HOUR = 3_600_000;
/** A patient may be checked in this long before the appointment, even if that is the evening before. */
const EARLY_CHECK_IN_MS = HOUR;

const SELECT = `SELECT a.id, a.patient_id AS patientId, a.practitioner_id AS practitionerId, u.name AS practitionerName,
    a.room, a.treatment_type AS treatmentType, a.starts_at AS startsAt, a.ends_at AS endsAt, a.status,
    a.cancel_reason AS cancelReason, a.checked_in_at AS checkedInAt, a.notes, a.version,
    p.chart_number AS chartNumber, p.first_name AS firstName, p.last_name AS lastName, p.date_of_birth AS dateOfBirth,
    p.phone, p.flags, p.archived_at AS archivedAt
  FROM appointments a JOIN users u ON u.id = a.practitioner_id JOIN patients p ON p.id = a.patient_id`;

interface Row {
  id: number;
  patientId: number;
  practitionerId: number;
  practitionerName: string;
  room: string | null;
  treatmentType: TreatmentType;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  cancelReason: string | null;
  checkedInAt: string | null;
  notes: string | null;
  version: number;
  chartNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string | null;
  flags: string;
  archivedAt: string | null;
}

type Readiness = Pick<Ctx, 'sql' | 'orm'> & { intakeValidityMonths: number };

/** What must still be done before this patient can have this treatment at that time. */
export function missingFor(r: Readiness, patientId: number, treatmentType: TreatmentType, on: Date): MissingItem[] {
  const valid = validConsentFor(r, patientId, treatmentType, on);
  const consent = valid ? 'valid' : (consentsFor(r, patientId, treatmentType, on)[0]?.status ?? null);
  return missingBeforeTreatment({ treatmentType, on, latestIntakeAt: latestIntakeAt(r, patientId), intakeValidityMonths: r.intakeValidityMonths, consent });
}

const readinessOf = (ctx: Pick<Ctx, 'sql' | 'orm'>): Readiness => ({ sql: ctx.sql, orm: ctx.orm, intakeValidityMonths: clinicRule(ctx.sql, 'intakeValidityMonths') });

const toAppointment = (r: Readiness, row: Row): Appointment => {
  const waiting = row.status === 'booked' || row.status === 'checked_in';
  return {
    id: row.id,
    patientId: row.patientId,
    patient: {
      id: row.patientId,
      chartNumber: row.chartNumber,
      firstName: row.firstName,
      lastName: row.lastName,
      dateOfBirth: row.dateOfBirth,
      phone: row.phone,
      flags: JSON.parse(row.flags) as PatientFlag[],
      archivedAt: row.archivedAt,
    },
    practitionerId: row.practitionerId,
    practitionerName: row.practitionerName,
    room: row.room,
    treatmentType: row.treatmentType,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    status: row.status,
    cancelReason: row.cancelReason,
    checkedInAt: row.checkedInAt,
    notes: row.notes,
    version: row.version,
    missing: waiting ? missingFor(r, row.patientId, row.treatmentType, new Date(row.startsAt)) : [],
  };
};

const loadRow = (ctx: Pick<Ctx, 'sql'>, id: number): Row => {
  const row = prepared(ctx.sql, `${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('appointment', id);
  return row;
};

export const loadAppointment = (ctx: Ctx, id: number): Appointment => toAppointment(readinessOf(ctx), loadRow(ctx, id));

/** Instants are kept in UTC, whatever offset they were sent with. */
const utc = (instant: string) => new Date(instant).toISOString();

const normalRoom = (room: string | null | undefined): string | null => {
  const r = room?.trim().replace(/\s+/g, ' ');
  return r ? r : null;
};

const whenOf = (s: Slot) => `from ${timeOf(s.startsAt)} to ${timeOf(s.endsAt)} on ${localDateOf(new Date(s.startsAt))}`;

function checkNotPast(ctx: Ctx, startsAt: string) {
  // To the minute: "now" typed into a form a few seconds ago is not the past.
  const minute = Math.floor(ctx.now.getTime() / 60_000) * 60_000;
  if (Date.parse(startsAt) < minute) throw fieldError('startsAt', 'must not be in the past');
}

function checkPractitioner(ctx: Ctx, practitionerId: number): string {
  const user = prepared(ctx.sql, 'SELECT name, role, active FROM users WHERE id = ?').get(practitionerId) as
    | { name: string; role: string; active: number }
    | undefined;
  if (!user || !user.active || (user.role !== 'practitioner' && user.role !== 'admin')) {
    throw fieldError('practitionerId', 'must be an active practitioner');
  }
  return user.name;
}

function checkPatient(ctx: Ctx, patientId: number) {
  const p = prepared(ctx.sql, 'SELECT archived_at AS archivedAt FROM patients WHERE id = ?').get(patientId) as { archivedAt: string | null } | undefined;
  if (!p) throw fieldError('patientId', 'no patient has this id');
  if (p.archivedAt !== null) throw fieldError('patientId', 'this patient is archived; restore the record first');
}

interface Booking extends Slot {
  id: number | null;
  patientId: number;
  practitionerId: number;
  practitionerName: string;
  room: string | null;
}

/** Refuses a booking that overlaps another for the same practitioner, room or patient (cancelled ones aside). */
function checkNoOverlap(ctx: Ctx, b: Booking) {
  // Nothing lasts longer than MAX_APPOINTMENT_HOURS, so only bookings starting that long before can reach into this one.
  const from = new Date(Date.parse(b.startsAt) - MAX_APPOINTMENT_HOURS * HOUR).toISOString();
  const others = prepared(
    ctx.sql,
    `SELECT a.id, a.patient_id AS patientId, a.practitioner_id AS practitionerId, a.room, a.starts_at AS startsAt, a.ends_at AS endsAt
     FROM appointments a WHERE a.starts_at >= ? AND a.starts_at < ? AND a.status <> 'cancelled' AND a.id IS NOT ?
     ORDER BY a.starts_at`,
  ).all(from, b.endsAt, b.id) as { id: number; patientId: number; practitionerId: number; room: string | null; startsAt: string; endsAt: string }[];
  for (const o of others) {
    if (!overlaps(b, o)) continue;
    const clash = (field: string, message: string) =>
      new ClinicError('conflict', `${field}: ${message}`, { reason: 'overlap', field, appointmentId: o.id, issues: [{ path: field, message }] });
    if (o.practitionerId === b.practitionerId) throw clash('practitionerId', `${b.practitionerName} is already booked ${whenOf(o)}`);
    if (b.room !== null && o.room !== null && roomKey(o.room) === roomKey(b.room)) throw clash('room', `${o.room} is already booked ${whenOf(o)}`);
    if (o.patientId === b.patientId) throw clash('patientId', `this patient already has an appointment ${whenOf(o)}`);
  }
}

const checkVersion = (row: Row, version: number) => {
  if (row.version !== version) throw staleVersion('This appointment');
};

const update = (ctx: Ctx, row: Row, changes: Partial<typeof appointments.$inferInsert>) => {
  const done = ctx.orm
    .update(appointments)
    .set({ ...changes, updatedAt: ctx.nowIso, version: row.version + 1 })
    .where(and(eq(appointments.id, row.id), eq(appointments.version, row.version)))
    .returning({ id: appointments.id })
    .get();
  if (!done) throw staleVersion('This appointment');
};

/** One local day's appointments, all statuses, for one practitioner or room if asked. */
export function dayAppointments(ctx: Ctx, input: { date: string; practitionerId?: number | undefined; room?: string | undefined }): Appointment[] {
  const { start, end } = localDayBounds(input.date);
  const rows = prepared(ctx.sql, `${SELECT} WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, u.name, a.id`).all(
    start.toISOString(),
    end.toISOString(),
  ) as Row[];
  const room = input.room ? roomKey(input.room) : null;
  const wanted = rows.filter(
    (r) => (input.practitionerId === undefined || r.practitionerId === input.practitionerId) && (room === null || (r.room !== null && roomKey(r.room) === room)),
  );
  const readiness = readinessOf(ctx);
  return wanted.map((r) => toAppointment(readiness, r));
}

/** Local clock time, HH:MM. */
export const timeOf = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

export const appointmentHandlers = handlers({
  'appointments.book': (ctx, input) => {
    const startsAt = utc(input.startsAt);
    const endsAt = utc(input.endsAt);
    checkNotPast(ctx, startsAt);
    checkPatient(ctx, input.patientId);
    const practitionerName = checkPractitioner(ctx, input.practitionerId);
    const room = normalRoom(input.room);
    checkNoOverlap(ctx, { id: null, patientId: input.patientId, practitionerId: input.practitionerId, practitionerName, room, startsAt, endsAt });
    const row = ctx.orm
      .insert(appointments)
      .values({
        patientId: input.patientId,
        practitionerId: input.practitionerId,
        room,
        treatmentType: input.treatmentType,
        startsAt,
        endsAt,
        notes: input.notes ?? null,
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      })
      .returning({ id: appointments.id })
      .get();
    ctx.audit({ action: 'appointments.book', entity: 'appointment', entityId: row.id, patientId: input.patientId, change: input });
    return loadAppointment(ctx, row.id);
  },

  'appointments.reschedule': (ctx, input) => {
    const row = loadRow(ctx, input.id);
    checkVersion(row, input.version);
    if (row.status !== 'booked') throw new ClinicError('conflict', `Only a booked appointment can be rescheduled; this one is ${row.status.replace('_', ' ')}`, { reason: row.status });
    const startsAt = utc(input.startsAt);
    const endsAt = utc(input.endsAt);
    checkNotPast(ctx, startsAt);
    const practitionerId = input.practitionerId ?? row.practitionerId;
    const practitionerName = checkPractitioner(ctx, practitionerId);
    const room = input.room === undefined ? row.room : normalRoom(input.room);
    checkNoOverlap(ctx, { id: row.id, patientId: row.patientId, practitionerId, practitionerName, room, startsAt, endsAt });
    update(ctx, row, { startsAt, endsAt, practitionerId, room });
    ctx.audit({
      action: 'appointments.reschedule',
      entity: 'appointment',
      entityId: row.id,
      patientId: row.patientId,
      change: { from: { startsAt: row.startsAt, endsAt: row.endsAt, practitionerId: row.practitionerId, room: row.room }, to: { startsAt, endsAt, practitionerId, room } },
    });
    return loadAppointment(ctx, row.id);
  },

  'appointments.cancel': (ctx, input) => {
    const row = loadRow(ctx, input.id);
    checkVersion(row, input.version);
    if (row.status !== 'booked' && row.status !== 'checked_in') {
      throw new ClinicError('conflict', `This appointment is already ${row.status.replace('_', ' ')}`, { reason: row.status });
    }
    update(ctx, row, { status: 'cancelled', cancelReason: input.reason });
    ctx.audit({ action: 'appointments.cancel', entity: 'appointment', entityId: row.id, patientId: row.patientId, change: { reason: input.reason } });
    return loadAppointment(ctx, row.id);
  },

  'appointments.checkIn': (ctx, input) => {
    const row = loadRow(ctx, input.id);
    checkVersion(row, input.version);
    if (row.status !== 'booked') {
      const already = row.status === 'checked_in' ? `already checked in at ${timeOf(row.checkedInAt!)}` : row.status.replace('_', ' ');
      throw new ClinicError('conflict', `This appointment is ${already}`, { reason: row.status });
    }
    const sameDay = localDateOf(ctx.now) === localDateOf(new Date(row.startsAt));
    const early = Date.parse(row.startsAt) - ctx.now.getTime();
    if (!sameDay && !(early >= 0 && early <= EARLY_CHECK_IN_MS)) {
      throw new ClinicError('conflict', `This appointment is on ${localDateOf(new Date(row.startsAt))}; a patient is checked in on the day`, { reason: 'not_today' });
    }
    update(ctx, row, { status: 'checked_in', checkedInAt: ctx.nowIso });
    const checkedIn = loadAppointment(ctx, row.id);
    ctx.audit({
      action: 'appointments.checkIn',
      entity: 'appointment',
      entityId: row.id,
      patientId: row.patientId,
      change: { missing: checkedIn.missing.map((m) => `${m.kind}:${m.reason}`) },
    });
    return checkedIn;
  },

  'appointments.day': (ctx, input) => ({ date: input.date, items: dayAppointments(ctx, input) }),

  'appointments.forPatient': (ctx, input) => {
    const rows = (
      input.includePast
        ? prepared(ctx.sql, `${SELECT} WHERE a.patient_id = ? ORDER BY a.starts_at DESC`).all(input.patientId)
        : prepared(ctx.sql, `${SELECT} WHERE a.patient_id = ? AND a.ends_at > ? ORDER BY a.starts_at`).all(input.patientId, ctx.nowIso)
    ) as Row[];
    const readiness = readinessOf(ctx);
    return { items: rows.map((r) => toAppointment(readiness, r)) };
  },

  'appointments.rooms': (ctx) => ({
    items: (prepared(ctx.sql, 'SELECT DISTINCT room FROM appointments WHERE room IS NOT NULL ORDER BY room').all() as { room: string }[]).map((r) => r.room),
  }),
});
