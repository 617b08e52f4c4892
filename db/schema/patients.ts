import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { calendarDate, id, instant, jsonList, timestamps, version } from './columns';

export const patients = sqliteTable(
  'patients',
  {
    id: id(),
    chartNumber: text('chart_number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: calendarDate('date_of_birth').notNull(),
    sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] }),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    fitzpatrick: integer('fitzpatrick'),
    allergies: jsonList('allergies').notNull().default([]),
    medications: jsonList('medications').notNull().default([]),
    notes: text('notes'),
    // Safety flags set by the latest intake screening (stable names, see db/api/flags.ts).
    flags: jsonList('flags').notNull().default([]),
    // Search keys: accent- and case-folded "first|last", and the phone's digits.
    nameKey: text('name_key').notNull(),
    phoneDigits: text('phone_digits'),
    // Reversed digits, so the end of a number (typed without its country code) is an index prefix too.
    phoneDigitsReversed: text('phone_digits_reversed'),
    archivedAt: instant('archived_at'),
    archivedReason: text('archived_reason'),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex('patients_chart_number_unique').on(t.chartNumber),
    index('patients_name_key_dob').on(t.nameKey, t.dateOfBirth),
    index('patients_phone_digits').on(t.phoneDigits),
    index('patients_phone_digits_reversed').on(t.phoneDigitsReversed),
    index('patients_date_of_birth').on(t.dateOfBirth),
  ],
);

// One row per folded name part, so a prefix of any part finds the patient through an index.
export const patientNameKeys = sqliteTable(
  'patient_name_keys',
  {
    key: text('key').notNull(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
  },
  (t) => [primaryKey({ columns: [t.key, t.patientId] }), index('patient_name_keys_patient').on(t.patientId)],
);
