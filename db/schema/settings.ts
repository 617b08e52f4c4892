import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Clinic-wide settings (name, address, consent validity, idle lock...), one JSON value per key.
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

// Named counters that never go back (chart numbers are never reused).
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});
