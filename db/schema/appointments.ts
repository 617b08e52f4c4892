import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant, timestamps, version } from './columns';
import { patients } from './patients';
import { users } from './users';

export const appointments = sqliteTable(
  'appointments',
  {
    id: id(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    practitionerId: integer('practitioner_id')
      .notNull()
      .references(() => users.id),
    room: text('room'),
    treatmentType: text('treatment_type').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    status: text('status', { enum: ['booked', 'checked_in', 'cancelled', 'completed', 'no_show'] })
      .notNull()
      .default('booked'),
    cancelReason: text('cancel_reason'),
    checkedInAt: instant('checked_in_at'),
    notes: text('notes'),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    index('appointments_practitioner_start').on(t.practitionerId, t.startsAt),
    index('appointments_room_start').on(t.room, t.startsAt),
    index('appointments_start').on(t.startsAt),
    index('appointments_patient').on(t.patientId, t.startsAt),
  ],
);
