import { and, desc, eq, isNull } from 'drizzle-orm';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Backup } from '../api/backups';
import { appendAudit } from '../audit-chain';
import { ensureFolder, makeBackup, restoreBackup, tidyBackups, verifyBackup, type MadeBackup, type RecordedBackups, type Verification } from '../backup-files';
import { BACKUP_POLICY, generationsToKeep } from '../backup-generations';
import { BACKUPS_FOLDER } from '../data-folder';
import { ClinicError, fieldError, notFound } from '../errors';
import { newRecoveryKey, passphraseSlot, readKeyring, newKeyring, withSlot, writeKeyring, DEFAULT_KEY_LOG_N, type PassphraseSlot } from '../keyring';
import { logger } from '../log';
import type { ClinicDb, Orm, Sqlite } from '../open';
import { backups, settings } from '../schema';
import type { Ctx, HostSettings } from './context';
import { handlers, withPrepare } from './registry';

const log = logger('backups');
const FOLDER_SETTING = 'backup.folder';

type Row = typeof backups.$inferSelect;

export const defaultBackupFolder = (host: HostSettings) => join(host.dataDir, BACKUPS_FOLDER);

/** The folder backups go to: the one an admin chose, or `backups` in the data folder. */
export function backupFolder(orm: Orm, host: HostSettings): string {
  const row = orm.select().from(settings).where(eq(settings.key, FOLDER_SETTING)).get();
  return typeof row?.value === 'string' && row.value ? row.value : defaultBackupFolder(host);
}

const keysOf = (host: HostSettings): Buffer[] => (host.dataKey ? [host.dataKey, ...(host.previousKeys ?? [])] : []);
const nowOf = (host: HostSettings) => host.clock?.() ?? new Date();

const toBackup = (r: Row): Backup => ({
  id: r.id,
  path: r.path,
  label: r.label,
  kind: r.kind,
  createdAt: r.createdAt,
  sha256: r.sha256,
  bytes: r.bytes,
  integrity: r.integrity,
  auditHead: r.auditHead,
  auditEntries: r.auditEntries,
  photos: r.photos,
  encrypted: r.encrypted,
  verifiedAt: r.verifiedAt,
  verification: r.verification,
});

const verdict = (v: Verification) => (v.ok ? 'ok' : v.problems.join('; '));

interface Recorder {
  orm: Orm;
  nowIso: string;
  audit(entry: { action: string; entity: string; entityId?: number | string | null; change?: unknown }): void;
}

/**
 * Keeps the generations the policy asks for in this folder and marks the others pruned. Their folders
 * are removed by tidyBackups once this is committed: removed here, a record rolled back (or a host
 * stopped before its commit) would leave listed backups missing from the drive.
 */
function pruneGenerations(r: Recorder, folder: string) {
  const good = r.orm
    .select()
    .from(backups)
    .where(and(isNull(backups.prunedAt), eq(backups.integrity, 'ok')))
    .all()
    .filter((b) => dirname(b.path) === folder);
  const keep = generationsToKeep(good, new Date(r.nowIso));
  const gone = good.filter((b) => !keep.has(b.id));
  if (gone.length === 0) return;
  for (const b of gone) r.orm.update(backups).set({ prunedAt: r.nowIso }).where(eq(backups.id, b.id)).run();
  r.audit({ action: 'backup.prune', entity: 'backup', change: { removed: gone.map((b) => b.id) } });
}

/** Records a backup just made (and its checks), audits it, and applies the generations policy. */
function recordBackup(r: Recorder, made: MadeBackup, folder: string): Backup {
  const m = made.manifest;
  const row = r.orm
    .insert(backups)
    .values({
      path: made.dir,
      label: m.label,
      kind: m.kind,
      sha256: m.database.sha256,
      bytes: m.database.bytes,
      integrity: verdict(made.verification),
      auditHead: m.auditHead,
      auditEntries: m.auditEntries,
      photos: m.photos.length,
      encrypted: m.keyId !== null,
      createdAt: r.nowIso,
      verifiedAt: r.nowIso,
      verification: verdict(made.verification),
    })
    .returning()
    .get();
  r.audit({ action: made.verification.ok ? 'backup.create' : 'backup.failed', entity: 'backup', entityId: row.id, change: { path: made.dir, sha256: m.database.sha256 } });
  if (made.verification.ok) pruneGenerations(r, folder);
  return toBackup(row);
}

interface BackupJob {
  sql: Sqlite;
  orm: Orm;
  host: HostSettings;
  label: string | null;
  kind: 'manual' | 'daily' | 'quit';
}

/**
 * Removes from the drive what the committed records say should not be there: a backup started here
 * and never recorded, and pruned backups' folders. Outside any transaction only. A failure is logged,
 * never thrown: what is left is ignored by the list and removed by a later backup.
 */
function tidy(orm: Orm, host: HostSettings, folder: string): RecordedBackups | null {
  try {
    const known = recordedBackups(orm);
    tidyBackups(folder, host.dataDir, known);
    return known;
  } catch (e) {
    log.warn(`could not tidy the backup folder ${folder}`, e);
    return null;
  }
}

function recordedBackups(orm: Orm): RecordedBackups {
  const rows = orm.select({ path: backups.path, prunedAt: backups.prunedAt }).from(backups).all();
  const live = new Set(rows.filter((r) => !r.prunedAt).map((r) => r.path));
  // A folder name freed by a pruned backup may have been given to a later one (older records).
  return { recorded: new Set(rows.map((r) => r.path)), pruned: rows.filter((r) => r.prunedAt && !live.has(r.path)).map((r) => r.path) };
}

/** Tidies once the command's transaction has ended, committed or rolled back: a microtask never runs inside it. */
const tidyAfterTransaction = (ctx: Ctx, folder: string) => queueMicrotask(() => tidy(ctx.orm, ctx.host, folder));

/** Makes the copy and checks it (outside any transaction: VACUUM INTO cannot run inside one). */
function copyForBackup(job: BackupJob): { made: MadeBackup; folder: string } {
  const folder = backupFolder(job.orm, job.host);
  try {
    ensureFolder(folder);
  } catch {
    throw new ClinicError('conflict', `The backup folder ${folder} cannot be created or written to. Is the drive plugged in?`);
  }
  const known = tidy(job.orm, job.host, folder) ?? recordedBackups(job.orm);
  const made = makeBackup({
    sql: job.sql,
    dataDir: job.host.dataDir,
    folder,
    key: job.host.dataKey ?? null,
    label: job.label,
    kind: job.kind,
    now: nowOf(job.host),
    taken: known.recorded,
  });
  return { made, folder };
}

/** A backup made by the host itself (the daily timer, closing the app): audited with no user. */
export function backupNow(db: ClinicDb, host: HostSettings, kind: 'daily' | 'quit'): Backup {
  const { made, folder } = copyForBackup({ sql: db.sql, orm: db.orm, host, label: null, kind });
  const nowIso = nowOf(host).toISOString();
  let result: Backup;
  try {
    result = db.sql
      .transaction(() => recordBackup({ orm: db.orm, nowIso, audit: (e) => appendAudit(db.sql, nowIso, null, e) }, made, folder))
      .immediate();
  } finally {
    tidy(db.orm, host, folder);
  }
  if (result.integrity !== 'ok') log.error(`the ${kind} backup failed its checks: ${result.integrity}`);
  return result;
}

/** The newest backup that passed its checks, and the audit head it holds. */
export function lastGoodBackup(orm: Orm): { createdAt: string; auditHead: string | null; auditEntries: number } | null {
  const row = orm.select().from(backups).where(eq(backups.integrity, 'ok')).orderBy(desc(backups.createdAt), desc(backups.id)).limit(1).get();
  return row ? { createdAt: row.createdAt, auditHead: row.auditHead, auditEntries: row.auditEntries } : null;
}

const findBackup = (orm: Orm, id: number): Row => {
  const row = orm.select().from(backups).where(eq(backups.id, id)).get();
  if (!row || row.prunedAt) throw notFound('backup', id);
  return row;
};

const withCheckedAt = (v: Verification, ctx: Ctx): Verification => ({ ...v, checkedAt: ctx.nowIso });

export const backupHandlers = handlers({
  'backup.create': withPrepare<'backup.create', { made: MadeBackup; folder: string }>(
    async (p, input) => copyForBackup({ sql: p.sql, orm: p.orm, host: p.host, label: input.label || null, kind: 'manual' }),
    (ctx, _input, { made, folder }) => {
      tidyAfterTransaction(ctx, folder);
      return recordBackup(ctx, made, folder);
    },
  ),

  'backup.list': (ctx) => {
    const items = ctx.orm.select().from(backups).where(isNull(backups.prunedAt)).orderBy(desc(backups.createdAt), desc(backups.id)).limit(200).all();
    return {
      folder: backupFolder(ctx.orm, ctx.host),
      defaultFolder: defaultBackupFolder(ctx.host),
      items: items.map(toBackup),
      lastGoodAt: lastGoodBackup(ctx.orm)?.createdAt ?? null,
      policy: BACKUP_POLICY,
    };
  },

  'backup.verify': withPrepare<'backup.verify', Verification>(
    async (p, input) => {
      const row = findBackup(p.orm, input.id);
      return verifyBackup(row.path, keysOf(p.host), nowOf(p.host), { sha256: row.sha256, auditHead: row.auditHead });
    },
    (ctx, input, v) => {
      const verification = withCheckedAt(v, ctx);
      findBackup(ctx.orm, input.id);
      const row = ctx.orm
        .update(backups)
        .set({ verifiedAt: ctx.nowIso, verification: verdict(verification) })
        .where(eq(backups.id, input.id))
        .returning()
        .get();
      ctx.audit({ action: verification.ok ? 'backup.verify' : 'backup.verify_failed', entity: 'backup', entityId: input.id, change: verification.problems });
      return { backup: toBackup(row), verification };
    },
  ),

  'backup.restore': withPrepare<'backup.restore', { verification: Verification; dataDir: string }>(
    async (p, input) => {
      const row = findBackup(p.orm, input.id);
      if (!isAbsolute(input.targetDir)) throw fieldError('targetDir', 'must be a full folder path on this computer');
      const target = resolve(input.targetDir);
      if (target === resolve(p.host.dataDir) || target.startsWith(resolve(p.host.dataDir) + sep)) {
        throw fieldError('targetDir', 'must be a new folder outside the data folder in use');
      }
      if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
        throw fieldError('targetDir', 'must be a new or empty folder: a backup is never restored over existing records');
      }
      if (!existsSync(dirname(target))) throw fieldError('targetDir', 'must be a new folder inside one that exists');
      const verification = restoreBackup(row.path, keysOf(p.host), target, nowOf(p.host));
      return { verification, dataDir: target };
    },
    (ctx, input, { verification, dataDir }) => {
      const checked = withCheckedAt(verification, ctx);
      ctx.audit({ action: checked.ok ? 'backup.restore' : 'backup.restore_refused', entity: 'backup', entityId: input.id, change: { dataDir, problems: checked.problems } });
      const next = checked.ok
        ? `The records were restored into ${dataDir} and checked there. Start Skinchart on that folder (npm run serve -- --data-dir "${dataDir}", with the same key).`
        : 'The backup did not pass its checks, so nothing was restored. Try another backup.';
      return { dataDir, verification: checked, next };
    },
  ),

  'backup.setFolder': withPrepare<'backup.setFolder', string>(
    async (_p, input) => {
      // The contract accepts Windows and POSIX paths; this computer's own kind is what counts.
      if (input.folder && !isAbsolute(input.folder)) throw fieldError('folder', 'must be a full folder path on this computer');
      const folder = input.folder ? resolve(input.folder) : '';
      if (folder) {
        try {
          ensureFolder(folder);
          accessSync(folder, constants.W_OK);
        } catch {
          throw fieldError('folder', 'cannot be created or written to here (is the drive plugged in, and does the folder above it exist?)');
        }
      }
      return folder;
    },
    (ctx, _input, folder) => {
      ctx.orm.insert(settings).values({ key: FOLDER_SETTING, value: folder }).onConflictDoUpdate({ target: settings.key, set: { value: folder } }).run();
      ctx.audit({ action: 'backup.setFolder', entity: 'settings', entityId: FOLDER_SETTING, change: { folder } });
      return { folder: backupFolder(ctx.orm, ctx.host) };
    },
  ),

  'backup.recoveryKey': withPrepare<'backup.recoveryKey', { recoveryKey: string; slot: PassphraseSlot }>(
    async (p) => {
      if (!p.host.dataKey) throw new ClinicError('conflict', 'These records are not encrypted, so there is no key to recover.');
      const recoveryKey = newRecoveryKey();
      return { recoveryKey, slot: await passphraseSlot(p.host.dataKey, recoveryKey, 'recovery', p.host.keyLogN ?? DEFAULT_KEY_LOG_N) };
    },
    (ctx, _input, { recoveryKey, slot }) => {
      const current = readKeyring(ctx.host.dataDir) ?? newKeyring(ctx.host.dataKey!, []);
      ctx.audit({ action: 'backup.recoveryKey', entity: 'keyring', change: { replaced: current.slots.some((s) => s.kind === 'passphrase' && s.label === 'recovery') } });
      writeKeyring(ctx.host.dataDir, withSlot(current, slot));
      return { recoveryKey };
    },
  ),
});
