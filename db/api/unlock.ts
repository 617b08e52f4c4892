import { z } from 'zod';
import { command } from './command';
import { role } from './auth';

/**
 * A staff member proves who they are without signing in again: used to leave the tablet intake
 * screen the patient was given. The current sign-in is not changed.
 */
export const unlockCommands = [
  command({
    name: 'auth.verifyPassword',
    kind: 'write',
    access: 'signed_in',
    input: z.strictObject({
      username: z.string({ error: 'is required' }).trim().toLowerCase().min(1, { error: 'is required' }).max(40),
      password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200),
    }),
    output: z.object({ user: z.object({ id: z.number(), name: z.string(), role }) }),
  }),
] as const;
