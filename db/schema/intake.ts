import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant, jsonList } from './columns';
import { patients } from './patients';
import { users } from './users';

// A published questionnaire version never changes; publishing again makes version N+1.
export const questionnaires = sqliteTable(
  'questionnaires',
  {
    id: id(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    definition: text('definition', { mode: 'json' }).notNull(),
    publishedAt: instant('published_at').notNull(),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('questionnaires_version_unique').on(t.version)],
);

export const intakes = sqliteTable(
  'intakes',
  {
    id: id(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    answers: text('answers', { mode: 'json' }).notNull(),
    flags: jsonList('flags').notNull(),
    submittedAt: instant('submitted_at').notNull(),
    submittedBy: integer('submitted_by').references(() => users.id),
  },
  (t) => [index('intakes_patient').on(t.patientId, t.submittedAt)],
);
