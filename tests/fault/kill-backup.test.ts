import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { MANIFEST_FILE, PHOTO_STORE, readManifest } from '../../db/backup-files';
import { writeEncryptedFile } from '../../db/crypto-files';
import { DATABASE_FILE, PENDING_BACKUP_FILE, photosFolderIn } from '../../db/data-folder';
import type { Sqlite } from '../../db/open';
import { startHost } from '../../electron/host';
import { resolveServeKey } from '../../electron/serve-key';
import { bundleChild, faultSeed, migrationsFolder, resourcesDir, seededRandom, sleep, startChild } from './support/child';
import { fileDigest, tableDigests } from './support/snapshot';

// A child makes backups with backup.create through the real host and is killed with SIGKILL at
// random moments: while it is still starting, during the copy, during the checks of the copy, or
// between backups. After each kill a fresh host in this process checks the backups and the records.
const KILLS = 8;
const ADMIN = { username: 'ada', password: 'admin password 1' };
/** What a backup writes to the live records: its own row, and audit entries (checked as a chain). */
const BACKUP_BOOKKEEPING = ['backups', 'audit_log'];
const noPrompt = { secret: () => Promise.reject(new Error('no terminal in a test')) };

let child: Awaited<ReturnType<typeof bundleChild>>;
beforeAll(async () => {
  child = await bundleChild('tests/fault/children/backup-maker.ts');
}, 120_000);
afterAll(() => child?.remove());

/** A fresh host over the clinic, with the key found the way `npm run serve` finds it. */
async function openClinic(dataDir: string) {
  const { key } = await resolveServeKey({ dataDir, prompt: noPrompt });
  const host = startHost({ dataDir, key, scryptLogN: 4, checkOutputs: true });
  const call = async <T = Record<string, unknown>>(name: string, input: unknown, token: string | null): Promise<T> => {
    const { body } = await host.dispatch(name, input, token);
    if (!body.ok) throw new Error(`${name}: ${body.error.code} ${body.error.message}`);
    return body.value as T;
  };
  const signIn = async () => (await call<{ token: string }>('auth.login', ADMIN, null)).token;
  return { host, key, call, signIn };
}

interface Listed {
  id: number;
  path: string;
  label: string | null;
  integrity: string;
  sha256: string;
}

/** A clinic of a few megabytes with photos, backing up to a folder of its own (a USB drive, say). */
async function clinicWithRecords() {
  const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-killbak-'));
  const drive = join(mkdtempSync(join(tmpdir(), 'skinchart-usb-')), 'Skinchart backups');
  const { host, key, call } = await openClinic(dataDir);
  await call('auth.setup', { clinicName: 'Backup Clinic', adminName: 'Ada Admin', ...ADMIN }, null);
  const admin = (await call<{ token: string }>('auth.login', ADMIN, null)).token;
  for (let i = 0; i < 20; i++) await call('patients.create', { firstName: `Kept${i}`, lastName: 'Patient', dateOfBirth: '1975-05-05' }, admin);
  // Bulk rows, so a copy and its checks take long enough to be interrupted.
  host.db.sql.exec(`
    INSERT INTO patients (chart_number, first_name, last_name, date_of_birth, name_key, notes, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
    SELECT printf('SC-B%05d', i), 'Bulk' || i, 'Patient', '1980-01-01', 'bulk' || i || '|patient', hex(randomblob(1000)),
           '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`);
  for (let i = 0; i < 3; i++) {
    mkdirSync(join(photosFolderIn(dataDir), `session-${i}`), { recursive: true });
    writeEncryptedFile(key, join(photosFolderIn(dataDir), `session-${i}`, 'before.enc'), randomBytes(200_000));
  }
  await call('backup.setFolder', { folder: drive }, admin);
  const earlier = await call<Listed>('backup.create', { label: 'before the kills' }, admin);
  const started = performance.now();
  await call('backup.create', {}, admin);
  const backupMs = performance.now() - started;
  host.close();
  return { dataDir, drive, earlier, backupMs };
}

/** Every file of a backup's folder, by name, with its SHA-256. */
const folderDigests = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((name) => [name, fileDigest(join(dir, name))]));

/** The audit log up to an entry, as one digest: entries written before a kill must stay as they were. */
const auditPrefix = (sql: Sqlite, entries: number): string => {
  const hash = createHash('sha256');
  for (const row of sql.prepare('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq').raw().iterate(entries) as Iterable<unknown[]>) hash.update(JSON.stringify(row));
  return `${entries}:${hash.digest('hex')}`;
};

const lastAuditSeq = (sql: Sqlite) => (sql.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;

const soundness = (sql: Sqlite) => ({
  integrity: sql.pragma('integrity_check', { simple: true }),
  foreignKeys: sql.pragma('foreign_key_check'),
  chain: verifyAuditChain(sql).ok,
});

const backupFolders = (drive: string) => readdirSync(drive).filter((n) => n.startsWith('skinchart-')).map((n) => join(drive, n));

type Moment = 'starting' | 'during the copy' | 'checking the copy' | 'finished, not yet recorded' | 'between backups';

/** Where the kill landed, read from what it left on the drive (before anything tidies it). */
function whereKilled(drive: string, recorded: Set<string>, copyBytes: number, childStarted: boolean): Moment {
  const leftover = backupFolders(drive).filter((d) => !recorded.has(d));
  const dir = leftover[0];
  if (!dir) return childStarted ? 'between backups' : 'starting';
  if (existsSync(join(dir, MANIFEST_FILE))) return 'finished, not yet recorded';
  const copy = join(dir, DATABASE_FILE);
  return existsSync(copy) && statSync(copy).size >= copyBytes * 0.95 ? 'checking the copy' : 'during the copy';
}

describe('a backup killed half-way', () => {
  it(`leaves earlier backups and the records untouched, and the next backup works, over ${KILLS} kills`, async () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    const { dataDir, drive, earlier, backupMs } = await clinicWithRecords();
    const moments: Moment[] = [];
    let childFinished = 0;

    /** What must not change: the files of every backup already made, and the records themselves. */
    const snapshot = (sql: Sqlite, items: Listed[]) => {
      const auditEntries = lastAuditSeq(sql);
      return {
        backups: new Map(items.map((b) => [b.path, folderDigests(b.path)])),
        records: tableDigests(sql, BACKUP_BOOKKEEPING),
        auditEntries,
        audit: auditPrefix(sql, auditEntries),
      };
    };
    let before = await (async () => {
      const { host, call, signIn } = await openClinic(dataDir);
      const list = await call<{ items: Listed[] }>('backup.list', {}, await signIn());
      const state = snapshot(host.db.sql, list.items);
      host.close();
      return state;
    })();
    const copyBytes = statSync(join(earlier.path, DATABASE_FILE)).size;

    for (let run = 0; run < KILLS; run++) {
      const where = `seed ${seed}, run ${run}`;
      const running = startChild(child.file, { dataDir, migrationsFolder, resourcesDir, ...ADMIN });
      const moment = random();
      if (moment < 0.1) {
        await sleep(random() * 150);
      } else {
        // During its first backup, or its second once one has been made and recorded.
        await running.waitFor(moment < 0.3 ? /^START 1$/ : /^START 0$/);
        await sleep(random() * backupMs * 1.1);
      }
      const { signal, code } = await running.kill();
      expect(running.lines.filter((l) => /^(REFUSED|FAILED)/.test(l)), where).toEqual([]);
      expect({ signal, code, stderr: running.stderr() }, `${where}: the child ended on its own`).toMatchObject({ signal: 'SIGKILL' });
      const done = running.lines.filter((l) => l.startsWith('DONE ')).length;
      childFinished += done;

      const { host, key, call, signIn } = await openClinic(dataDir);
      try {
        const all = host.db.sql.prepare('SELECT path, pruned_at AS prunedAt FROM backups').all() as { path: string; prunedAt: string | null }[];
        moments.push(whereKilled(drive, new Set(all.map((r) => r.path)), copyBytes, running.lines.includes('START 0')));

        // The records: sound, unchanged, and the audit history before the kill exactly as it was.
        expect(soundness(host.db.sql), where).toEqual({ integrity: 'ok', foreignKeys: [], chain: true });
        expect(tableDigests(host.db.sql, BACKUP_BOOKKEEPING), where).toEqual(before.records);
        expect(auditPrefix(host.db.sql, before.auditEntries), where).toBe(before.audit);

        // Every backup listed is a good one that verifies; earlier ones are byte for byte as they were,
        // unless a backup the child finished and recorded pruned them by the generations policy.
        const admin = await signIn();
        const list = await call<{ items: Listed[] }>('backup.list', {}, admin);
        for (const b of list.items) {
          expect(b.integrity, where).toBe('ok');
          const { verification } = await call<{ verification: { ok: boolean; problems: string[] } }>('backup.verify', { id: b.id }, admin);
          expect(verification, `${where}: ${b.path}`).toMatchObject({ ok: true, problems: [] });
          if (before.backups.has(b.path)) expect(folderDigests(b.path), `${where}: ${b.path}`).toEqual(before.backups.get(b.path));
        }
        const listed = new Set(list.items.map((b) => b.path));
        expect(listed.has(earlier.path), where).toBe(true);
        const newer = list.items.filter((b) => !before.backups.has(b.path));
        for (const path of before.backups.keys()) {
          if (listed.has(path)) continue;
          expect(newer, `${where}: ${path} left the list though no backup was finished`).not.toEqual([]);
          expect(all.find((r) => r.path === path)?.prunedAt, where).toBeTruthy();
        }

        // A restore of one of them into a fresh folder works and holds the same records.
        const pick = list.items[Math.floor(random() * list.items.length)]!;
        const target = join(mkdtempSync(join(tmpdir(), 'skinchart-restore-')), 'restored');
        const restored = await call<{ verification: { ok: boolean } }>('backup.restore', { id: pick.id, targetDir: target }, admin);
        expect(restored.verification, where).toMatchObject({ ok: true });
        const copy = startHost({ dataDir: target, key, scryptLogN: 4 });
        try {
          expect(soundness(copy.db.sql), where).toEqual({ integrity: 'ok', foreignKeys: [], chain: true });
          expect(tableDigests(copy.db.sql, BACKUP_BOOKKEEPING), where).toEqual(before.records);
          const copied = lastAuditSeq(copy.db.sql);
          expect(auditPrefix(copy.db.sql, copied), `${where}: the copy's audit log is the live one up to the backup`).toBe(auditPrefix(host.db.sql, copied));
        } finally {
          copy.close();
          rmSync(target, { recursive: true, force: true });
        }

        // The next backup works, and nothing the kill left behind stays on the drive.
        const next = await call<Listed>('backup.create', {}, admin);
        expect(next.integrity, where).toBe('ok');
        const after = await call<{ items: Listed[] }>('backup.list', {}, admin);
        expect(backupFolders(drive).sort(), where).toEqual(after.items.map((b) => b.path).sort());
        expect(readdirSync(drive).sort(), where).toEqual([PHOTO_STORE, ...after.items.map((b) => b.path.slice(drive.length + 1))].sort());
        const photos = new Set(after.items.flatMap((b) => readManifest(b.path).photos.map((p) => p.sha256)));
        expect(readdirSync(join(drive, PHOTO_STORE)).sort(), where).toEqual([...photos].sort());
        expect(existsSync(join(dataDir, PENDING_BACKUP_FILE)), where).toBe(false);

        before = snapshot(host.db.sql, after.items);
      } finally {
        host.close();
      }
    }

    const tally = moments.reduce<Record<string, number>>((t, m) => ({ ...t, [m]: (t[m] ?? 0) + 1 }), {});
    console.info(
      `database copy ${(copyBytes / 1e6).toFixed(1)} MB, a backup ${Math.round(backupMs)} ms; kills by moment: ${JSON.stringify(tally)}; backups the children finished: ${childFinished}`,
    );
    // The kills did land inside backups, not only between them.
    expect(moments.filter((m) => m === 'during the copy' || m === 'checking the copy' || m === 'finished, not yet recorded').length, `seed ${seed}`).toBeGreaterThan(0);

    // The last backup made after a kill verifies too.
    const { call, signIn, host } = await openClinic(dataDir);
    const admin = await signIn();
    for (const b of (await call<{ items: Listed[] }>('backup.list', {}, admin)).items) {
      expect((await call<{ verification: { ok: boolean } }>('backup.verify', { id: b.id }, admin)).verification.ok, `seed ${seed}`).toBe(true);
    }
    host.close();
  }, 60_000);
});
