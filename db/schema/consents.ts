import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns';
import { patients } from './patients';
import { users } from './users';

// Consent wording per treatment type; a published version is immutable (triggers in migrations).
export const consentTemplates = sqliteTable(
  'consent_templates',
  {
    id: id(),
    treatmentType: text('treatment_type').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishedAt: instant('published_at').notNull(),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('consent_templates_type_version').on(t.treatmentType, t.version)],
);

// A signed consent keeps exactly what the patient saw; only the void fields may be set, once.
export const consents = sqliteTable(
  'consents',
  {
    id: id(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    templateId: integer('template_id')
      .notNull()
      .references(() => consentTemplates.id),
    treatmentType: text('treatment_type').notNull(),
    renderedText: text('rendered_text').notNull(),
    fields: text('fields', { mode: 'json' }).notNull(),
    signature: text('signature').notNull(),
    signedByName: text('signed_by_name').notNull(),
    guardianName: text('guardian_name'),
    guardianRelationship: text('guardian_relationship'),
    photoConsent: flag('photo_consent').notNull(),
    witnessUserId: integer('witness_user_id').references(() => users.id),
    recordedBy: integer('recorded_by').references(() => users.id),
    signedAt: instant('signed_at').notNull(),
    contentHash: text('content_hash').notNull(),
    voidedAt: instant('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [index('consents_patient').on(t.patientId, t.treatmentType, t.signedAt)],
);
