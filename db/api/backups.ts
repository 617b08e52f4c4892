import { z } from 'zod';
import { adminOnly, command } from './command';
import { empty, optionalText, recordId } from './fields';

export const backupKinds = ['manual', 'daily', 'quit'] as const;

export const backup = z.object({
  id: z.number(),
  /** The backup's own folder (database copy, manifest, keyring). */
  path: z.string(),
  label: z.string().nullable(),
  kind: z.enum(backupKinds),
  createdAt: z.string(),
  /** SHA-256 of the database copy as written. */
  sha256: z.string(),
  bytes: z.number(),
  /** `ok` when SQLite's integrity check, the foreign-key check and the audit chain all passed on the copy. */
  integrity: z.string(),
  auditHead: z.string().nullable(),
  auditEntries: z.number(),
  photos: z.number(),
  encrypted: z.boolean(),
  verifiedAt: z.string().nullable(),
  verification: z.string().nullable(),
});
export type Backup = z.infer<typeof backup>;

/** An absolute folder path on the computer running Skinchart (a USB drive is the usual choice). */
const folderPath = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required' })
  .max(1000, { error: 'must be at most 1000 characters' })
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), { error: 'must be a full folder path, like /media/usb/backups or E:\\Backups' })
  .refine((p) => !p.includes('\0'), { error: 'must be a folder path' });

const verification = z.object({ ok: z.boolean(), problems: z.array(z.string()), checkedAt: z.string() });

export const backupCommands = [
  command({
    name: 'backup.create',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({ label: optionalText(80) }),
    output: backup,
  }),
  command({
    name: 'backup.list',
    kind: 'read',
    access: adminOnly,
    input: empty,
    output: z.object({
      folder: z.string(),
      defaultFolder: z.string(),
      items: z.array(backup),
      /** The newest backup whose copy passed every check, if any. */
      lastGoodAt: z.string().nullable(),
      policy: z.string(),
    }),
  }),
  command({
    name: 'backup.verify',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({ id: recordId }),
    output: z.object({ backup, verification }),
  }),
  command({
    name: 'backup.restore',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({ id: recordId, targetDir: folderPath }),
    output: z.object({ dataDir: z.string(), verification, next: z.string() }),
  }),
  command({
    name: 'backup.setFolder',
    kind: 'write',
    access: adminOnly,
    input: z.strictObject({ folder: folderPath.or(z.literal('')) }),
    output: z.object({ folder: z.string() }),
  }),
  command({
    name: 'backup.recoveryKey',
    kind: 'write',
    access: adminOnly,
    input: empty,
    output: z.object({ recoveryKey: z.string() }),
  }),
] as const;
