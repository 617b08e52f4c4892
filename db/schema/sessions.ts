import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, timestamps, version } from './columns';
import { lots } from './inventory';
import { patients } from './patients';
import { users } from './users';

// A treatment session: draft, then signed (locked); afterwards only addenda.
export const treatmentSessions = sqliteTable(
  'treatment_sessions',
  {
    id: id(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    treatmentType: text('treatment_type').notNull(),
    status: text('status', { enum: ['draft', 'signed'] })
      .notNull()
      .default('draft'),
    performedAt: instant('performed_at').notNull(),
    practitionerId: integer('practitioner_id').references(() => users.id),
    parameters: text('parameters', { mode: 'json' }).notNull().default({}),
    // Marks on the face/body map: [{ diagram, kind, x, y | zone, productId?, lotId?, amount?, ... }]
    areas: text('areas', { mode: 'json' }).notNull().default([]),
    notes: text('notes'),
    // The numbing-cream step: { lotId, quantity, area, appliedAt, removedAt, occluded, sessionProductId }.
    numbing: text('numbing', { mode: 'json' }),
    overrideReason: text('override_reason'),
    // The block rules the signer overrode (rule ids), kept with the reason.
    overrideRules: text('override_rules', { mode: 'json' }),
    signedAt: instant('signed_at'),
    signedBy: integer('signed_by').references(() => users.id),
    ...timestamps(),
    version: version(),
  },
  // Covers the chart timeline (newest first, keyset by performed_at and id): a patient's sessions are
  // read from the index alone instead of one table row lookup per session.
  (t) => [index('treatment_sessions_patient').on(t.patientId, t.performedAt, t.id, t.treatmentType, t.status, t.practitionerId, t.signedAt)],
);

export const sessionProducts = sqliteTable(
  'session_products',
  {
    id: id(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => treatmentSessions.id),
    lotId: integer('lot_id')
      .notNull()
      .references(() => lots.id),
    quantity: real('quantity').notNull(),
    area: text('area'),
    at: instant('at').notNull(),
    userId: integer('user_id').references(() => users.id),
  },
  // Both cover their reads: a chart's products per session in the order they were added, and a lot's
  // recipients with the quantity each session used (no table row lookups).
  (t) => [index('session_products_session').on(t.sessionId, t.id, t.lotId, t.quantity, t.area), index('session_products_lot').on(t.lotId, t.sessionId, t.quantity)],
);

export const sessionAddenda = sqliteTable(
  'session_addenda',
  {
    id: id(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => treatmentSessions.id),
    text: text('text').notNull(),
    reason: text('reason').notNull(),
    at: instant('at').notNull(),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('session_addenda_session').on(t.sessionId)],
);

export const sessionPhotos = sqliteTable(
  'session_photos',
  {
    id: id(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => treatmentSessions.id),
    kind: text('kind', { enum: ['before', 'after'] }).notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    width: integer('width'),
    height: integer('height'),
    bytes: integer('bytes').notNull(),
    takenAt: instant('taken_at').notNull(),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('session_photos_session').on(t.sessionId)],
);

// Aftercare wording per treatment type; a published version never changes (triggers in migrations),
// so a sheet given to a patient reprints word for word.
export const aftercareTemplates = sqliteTable(
  'aftercare_templates',
  {
    id: id(),
    treatmentType: text('treatment_type').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishedAt: instant('published_at').notNull(),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('aftercare_templates_type_version').on(t.treatmentType, t.version)],
);

// Which aftercare sheet version was handed to the patient at the end of a session.
export const aftercareGiven = sqliteTable(
  'aftercare_given',
  {
    id: id(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => treatmentSessions.id),
    treatmentType: text('treatment_type').notNull(),
    version: integer('version').notNull(),
    at: instant('at').notNull(),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('aftercare_given_session').on(t.sessionId)],
);
