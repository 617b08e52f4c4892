import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, instant } from './columns';

export const backups = sqliteTable('backups', {
  id: id(),
  path: text('path').notNull(),
  label: text('label'),
  sha256: text('sha256').notNull(),
  bytes: integer('bytes').notNull(),
  integrity: text('integrity').notNull(),
  auditHead: text('audit_head'),
  createdAt: instant('created_at').notNull(),
});
