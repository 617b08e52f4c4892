import { z } from 'zod';
import { command, staff } from './command';
import { calendarDate, instant, optionalText, recordId, requiredText, treatmentType, version } from './fields';
import { patientSummary } from './patients';


export const appointmentStatuses = ['booked', 'checked_in', 'cancelled', 'completed', 'no_show'] as const;
export const appointmentStatus = z.enum(appointmentStatuses);
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** The longest appointment the book accepts; also bounds the overlap search. */
export const MAX_APPOINTMENT_HOURS = 12;

/** Something that must be put right before the patient can be treated. */
export const missingItem = z.object({
  kind: z.enum(['intake', 'consent']),
  reason: z.enum(['absent', 'expired', 'voided', 'superseded']),
  treatmentType: treatmentType.nullable(),
  message: z.string(),
});
export type MissingItem = z.infer<typeof missingItem>;

export const appointment = z.object({
  id: z.number(),
  patientId: z.number(),
  patient: patientSummary,
  practitionerId: z.number(),
  practitionerName: z.string(),
  room: z.string().nullable(),
  treatmentType,
  startsAt: z.string(),
  endsAt: z.string(),
  status: appointmentStatus,
  cancelReason: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  /** What is still missing before treatment (empty once everything is in place, and for cancelled visits). */
  missing: z.array(missingItem),
});
export type Appointment = z.infer<typeof appointment>;

const room = z.string({ error: 'must be text' }).trim().max(60, { error: 'must be at most 60 characters' });

const timesInOrder = (v: { startsAt: string; endsAt: string }, ctx: z.RefinementCtx) => {
  const start = Date.parse(v.startsAt);
  const end = Date.parse(v.endsAt);
  if (end <= start) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
  else if (end - start > MAX_APPOINTMENT_HOURS * 3_600_000)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `an appointment lasts at most ${MAX_APPOINTMENT_HOURS} hours` });
};

export const appointmentBookInput = z
  .strictObject({
    patientId: recordId,
    practitionerId: recordId,
    room: room.optional(),
    treatmentType,
    startsAt: instant,
    endsAt: instant,
    notes: optionalText(1000),
  })
  .superRefine(timesInOrder);

export const appointmentRescheduleInput = z
  .strictObject({
    id: recordId,
    version,
    startsAt: instant,
    endsAt: instant,
    practitionerId: recordId.optional(),
    /** A new room, or null to book no room. */
    room: room.nullable().optional(),
  })
  .superRefine(timesInOrder);

export const appointmentCancelInput = z.strictObject({ id: recordId, version, reason: requiredText(500) });

export const dayInput = z.strictObject({
  /** The clinic's local day. */
  date: calendarDate,
  practitionerId: recordId.optional(),
  room: room.optional(),
});

export const appointmentCommands = [
  command({ name: 'appointments.book', kind: 'write', access: staff, input: appointmentBookInput, output: appointment }),
  command({ name: 'appointments.reschedule', kind: 'write', access: staff, input: appointmentRescheduleInput, output: appointment }),
  command({ name: 'appointments.cancel', kind: 'write', access: staff, input: appointmentCancelInput, output: appointment }),
  command({
    name: 'appointments.day',
    kind: 'read',
    access: staff,
    input: dayInput,
    output: z.object({ date: z.string(), items: z.array(appointment) }),
  }),
  command({ name: 'appointments.checkIn', kind: 'write', access: staff, input: z.strictObject({ id: recordId, version }), output: appointment }),
  command({
    name: 'appointments.forPatient',
    kind: 'read',
    access: staff,
    input: z.strictObject({ patientId: recordId, includePast: z.boolean().optional() }),
    output: z.object({ items: z.array(appointment) }),
  }),
  command({
    name: 'appointments.rooms',
    kind: 'read',
    access: staff,
    input: z.strictObject({}),
    output: z.object({ items: z.array(z.string()) }),
  }),
] as const;
