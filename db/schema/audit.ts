import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { instant } from './columns';

// Append-only, hash-chained: hash = SHA-256(prevHash ‖ entry). Triggers refuse UPDATE and DELETE.
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: instant('at').notNull(),
    userId: integer('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    patientId: integer('patient_id'),
    changeHash: text('change_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_patient').on(t.patientId, t.seq),
    index('audit_log_user').on(t.userId, t.seq),
    // Sign-in throttling counts recent failures for one username.
    index('audit_log_action').on(t.action, t.entityId, t.seq),
  ],
);
