import { integer, text } from 'drizzle-orm/sqlite-core';

// Instants are ISO-8601 strings in UTC; calendar dates are YYYY-MM-DD strings.
export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const instant = (name: string) => text(name);
export const calendarDate = (name: string) => text(name);
export const jsonList = (name: string) => text(name, { mode: 'json' }).$type<string[]>();
export const flag = (name: string) => integer(name, { mode: 'boolean' });
export const timestamps = () => ({
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
// Optimistic concurrency: every update must name the version it read.
export const version = () => integer('version').notNull().default(1);
