import type { z } from 'zod';

export const roles = ['admin', 'practitioner', 'front_desk'] as const;
export type Role = (typeof roles)[number];

/**
 * How the dispatcher treats a command:
 * - `write`: one IMMEDIATE transaction, must append at least one audit entry;
 * - `read`: a read-only snapshot;
 * - `view`: a read that opens patient data, so it is audited too (who looked at what).
 */
export type CommandKind = 'write' | 'read' | 'view';

/** Who may call: a list of roles, any signed-in user, or anyone (sign-in, first-run setup). */
export type Access = readonly Role[] | 'signed_in' | 'public';

export interface Command<N extends string = string, I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: N;
  kind: CommandKind;
  access: Access;
  input: I;
  output: O;
}

export const command = <N extends string, I extends z.ZodType, O extends z.ZodType>(c: Command<N, I, O>) => c;

export const staff: readonly Role[] = roles;
export const clinical: readonly Role[] = ['admin', 'practitioner'];
export const adminOnly: readonly Role[] = ['admin'];
