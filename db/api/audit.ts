import { z } from 'zod';
import { adminOnly, command } from './command';
import { empty, instant, limit, recordId } from './fields';

export const auditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  patientId: z.number().nullable(),
  changeHash: z.string(),
  hash: z.string(),
});

export const auditCommands = [
  command({
    name: 'audit.query',
    kind: 'read',
    access: adminOnly,
    input: z.strictObject({
      patientId: recordId.optional(),
      userId: recordId.optional(),
      action: z.string().max(100).optional(),
      from: instant.optional(),
      to: instant.optional(),
      // Keyset pagination: entries with a sequence number below this one.
      beforeSeq: z.int().positive().optional(),
      limit,
    }),
    output: z.object({ items: z.array(auditEntry) }),
  }),
  command({
    name: 'audit.verify',
    kind: 'read',
    access: adminOnly,
    input: empty,
    output: z.object({ ok: z.boolean(), entries: z.number(), brokenAt: z.number().optional(), head: z.string().nullable() }),
  }),
] as const;
