import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { flag, id, instant } from './columns';

// One row per backup made. A pruned backup keeps its row (the history of backups is kept).
export const backups = sqliteTable('backups', {
  id: id(),
  path: text('path').notNull(),
  label: text('label'),
  sha256: text('sha256').notNull(),
  bytes: integer('bytes').notNull(),
  integrity: text('integrity').notNull(),
  auditHead: text('audit_head'),
  createdAt: instant('created_at').notNull(),
  /** `manual` (from the screen), `daily` (the host's timer) or `quit` (when the app closes). */
  kind: text('kind', { enum: ['manual', 'daily', 'quit'] }).notNull().default('manual'),
  auditEntries: integer('audit_entries').notNull().default(0),
  photos: integer('photos').notNull().default(0),
  encrypted: flag('encrypted').notNull().default(false),
  verifiedAt: instant('verified_at'),
  /** `ok`, or what the last verification found wrong. */
  verification: text('verification'),
  prunedAt: instant('pruned_at'),
});
