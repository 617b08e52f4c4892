import { z } from 'zod';
import { adminOnly, command, roles, staff } from './command';
import { empty, ok, personName, recordId, requiredText, version } from './fields';

export const role = z.enum(roles, { error: 'must be admin, practitioner or front_desk' });

export const username = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .min(3, { error: 'must be at least 3 characters' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^[a-z0-9._-]+$/, { error: 'may use letters, digits, dot, dash and underscore' });

export const newPassword = z
  .string({ error: 'is required' })
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export const user = z.object({
  id: z.number(),
  name: z.string(),
  username: z.string(),
  role,
  active: z.boolean(),
  version: z.number(),
});
export type User = z.infer<typeof user>;

export const authCommands = [
  command({
    name: 'auth.status',
    kind: 'read',
    access: 'public',
    input: empty,
    output: z.object({
      needsSetup: z.boolean(),
      clinicName: z.string().nullable(),
      /** Present while the page check after start is still reading the records file (writes wait for it). */
      checking: z.literal(true).optional(),
      /** Present when the records file is damaged: what to do, for the person at the screen. Nothing is saved. */
      damage: z.string().optional(),
    }),
  }),
  command({
    name: 'auth.setup',
    kind: 'write',
    access: 'public',
    input: z.strictObject({
      clinicName: requiredText(120),
      adminName: personName,
      username,
      password: newPassword,
    }),
    output: z.object({ userId: z.number() }),
  }),
  command({
    name: 'auth.login',
    kind: 'write',
    access: 'public',
    input: z.strictObject({
      username: z.string({ error: 'is required' }).trim().toLowerCase().min(1, { error: 'is required' }).max(40),
      password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200),
    }),
    output: z.object({ token: z.string(), user, expiresAt: z.string() }),
  }),
  command({ name: 'auth.logout', kind: 'write', access: 'signed_in', input: empty, output: ok }),
  command({ name: 'auth.me', kind: 'read', access: 'signed_in', input: empty, output: z.object({ user }) }),
  command({
    name: 'users.create',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({ name: personName, username, password: newPassword, role }),
    output: user,
  }),
  command({ name: 'users.list', kind: 'read', access: staff, input: empty, output: z.object({ items: z.array(user) }) }),
  command({
    name: 'users.update',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({
      id: recordId,
      version,
      name: personName.optional(),
      role: role.optional(),
      active: z.boolean({ error: 'must be true or false' }).optional(),
      password: newPassword.optional(),
    }),
    output: user,
  }),
] as const;
