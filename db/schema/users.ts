import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { flag, id, timestamps, version } from './columns';

export const users = sqliteTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'practitioner', 'front_desk'] }).notNull(),
    active: flag('active').notNull().default(true),
    ...timestamps(),
    version: version(),
  },
  (t) => [uniqueIndex('users_username_unique').on(t.username)],
);
