// Backups interrupted between their steps: the copy is on the drive but its record is not committed,
// the record is committed but the pruned folders are not yet removed, or the record is rolled back.
// (tests/fault/kill-backup.test.ts kills a real process at random moments; these stop at exact ones.)
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBackup, PHOTO_STORE } from '../../db/backup-files';
import { PENDING_BACKUP_FILE } from '../../db/data-folder';
import { fileDigest } from '../fault/support/snapshot';
import { refusal, testHost, withStaff, type TestHost } from '../support/host';

async function clinic() {
  const key = randomBytes(32);
  const host = testHost({ key });
  const staff = await withStaff(host);
  await host.call('patients.create', { firstName: 'Ana', lastName: 'Okafor', dateOfBirth: '1985-02-03' }, staff.frontDesk);
  return { host, key, admin: staff.admin };
}

const onDrive = (folder: string) => readdirSync(folder).filter((n) => n.startsWith('skinchart-')).sort();
const listed = async (host: TestHost, admin: string) => (await host.call('backup.list', {}, admin)).items;

/** What `backup.create` does before its transaction: the copy, its checks and its manifest. */
const copyWithoutRecord = (host: TestHost, key: Buffer, folder: string) =>
  makeBackup({ sql: host.db.sql, dataDir: host.dataDir, folder, key, label: null, kind: 'manual', now: host.clock.now() });

describe('a backup interrupted between its steps', () => {
  it('a copy whose record was never committed is removed by the next backup, and never listed', async () => {
    const { host, key, admin } = await clinic();
    const first = await host.call('backup.create', { label: 'kept' }, admin);
    const folder = join(first.path, '..');
    host.clock.advance(1000);
    const orphan = copyWithoutRecord(host, key, folder);
    expect(existsSync(join(host.dataDir, PENDING_BACKUP_FILE))).toBe(true);
    expect((await listed(host, admin)).map((b) => b.path)).toEqual([first.path]);

    host.clock.advance(1000);
    const next = await host.call('backup.create', {}, admin);
    expect(existsSync(orphan.dir)).toBe(false);
    expect(onDrive(folder)).toEqual([basename(first.path), basename(next.path)].sort());
    expect(existsSync(join(host.dataDir, PENDING_BACKUP_FILE))).toBe(false);
  });

  it('a finished backup this clinic did not start here (another computer, or before a restore) is left alone', async () => {
    const { host, key, admin } = await clinic();
    const first = await host.call('backup.create', { label: 'kept' }, admin);
    const folder = join(first.path, '..');
    const foreign = join(folder, 'skinchart-20250101T000000Z');
    cpSync(first.path, foreign, { recursive: true });
    host.clock.advance(1000);
    copyWithoutRecord(host, key, folder);
    host.clock.advance(1000);
    await host.call('backup.create', {}, admin);
    expect(existsSync(join(foreign, 'manifest.json'))).toBe(true);
  });

  it('a record rolled back after pruning removes nothing: the older backup stays listed, whole, and verifies', async () => {
    const { host, admin } = await clinic();
    const older = await host.call('backup.create', {}, admin);
    const folder = join(older.path, '..');
    const bytes = fileDigest(join(older.path, 'skinchart.db'));
    // The app stops at the last step of the record (its audit entry for the pruning).
    host.db.sql.exec(`CREATE TEMP TRIGGER stop_at_prune BEFORE INSERT ON audit_log WHEN NEW.action = 'backup.prune'
                      BEGIN SELECT RAISE(ABORT, 'stopped here'); END`);
    host.clock.advance(60_000);
    await refusal(host.call('backup.create', {}, admin));
    host.db.sql.exec('DROP TRIGGER stop_at_prune');

    expect((await listed(host, admin)).map((b) => b.path)).toEqual([older.path]);
    expect(fileDigest(join(older.path, 'skinchart.db'))).toBe(bytes);
    expect((await host.call('backup.verify', { id: older.id }, admin)).verification).toMatchObject({ ok: true });
    // The copy that was never recorded is gone at once.
    expect(onDrive(folder)).toEqual([basename(older.path)]);
  });

  it('folders pruned by a committed record but still on the drive, and half-copied photos, go with the next backup', async () => {
    const { host, admin } = await clinic();
    const older = await host.call('backup.create', {}, admin);
    const folder = join(older.path, '..');
    // As if the app stopped right after committing the pruning, before removing the folder.
    host.db.sql.prepare('UPDATE backups SET pruned_at = ? WHERE id = ?').run(host.clock.now().toISOString(), older.id);
    writeFileSync(join(folder, PHOTO_STORE, `${'a'.repeat(64)}.part`), 'half a photo');
    host.clock.advance(1000);
    const next = await host.call('backup.create', {}, admin);
    expect(onDrive(folder)).toEqual([basename(next.path)]);
    expect(readdirSync(join(folder, PHOTO_STORE))).toEqual([]);
  });

  it('backups made within one second never share a folder with a pruned one, so tidying never removes a kept backup', async () => {
    const { host, admin } = await clinic();
    const pruned = await host.call('backup.create', {}, admin);
    await host.call('backup.create', {}, admin); // same second: prunes the first, whose folder is removed
    expect(existsSync(pruned.path)).toBe(false);
    const kept = await host.call('backup.create', { label: 'kept' }, admin);
    expect(kept.path).not.toBe(pruned.path);
    await host.call('backup.create', {}, admin);
    expect((await host.call('backup.verify', { id: kept.id }, admin)).verification).toMatchObject({ ok: true });
  });

  it('the host’s own backups tidy up too', async () => {
    const { host, key, admin } = await clinic();
    host.backupNow('daily');
    const folder = (await host.call('backup.list', {}, admin)).folder;
    host.clock.advance(1000);
    const orphan = copyWithoutRecord(host, key, folder);
    host.clock.advance(1000);
    const last = host.backupNow('daily');
    expect(existsSync(orphan.dir)).toBe(false);
    // The day's earlier backup was pruned by the last one and removed right after it was recorded.
    expect(onDrive(folder)).toEqual([basename(last.path)]);
    expect((await listed(host, admin)).map((b) => b.path)).toEqual([last.path]);
  });
});
