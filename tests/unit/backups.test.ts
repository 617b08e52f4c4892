import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, PHOTO_STORE, verifyBackup } from '../../db/backup-files';
import { dailyBackupDue, generationsToKeep } from '../../db/backup-generations';
import { readEncryptedFile, writeEncryptedFile } from '../../db/crypto-files';
import { databaseFileIn, photosFolderIn } from '../../db/data-folder';
import { readKeyring, unlockWithPassphrase } from '../../db/keyring';
import { openDatabase } from '../../db/open';
import { ADMIN_PASSWORD, refusal, testHost, withStaff, type TestHost } from '../support/host';

const NAME = 'Xochiquetzal';
const tmp = (p = 'skinchart-bk-') => mkdtempSync(join(tmpdir(), p));

async function clinic(key: Buffer | null = randomBytes(32)) {
  const host = testHost(key ? { key } : {});
  const staff = await withStaff(host);
  await host.call('patients.create', { firstName: 'Ana', lastName: NAME, dateOfBirth: '1985-02-03' }, staff.frontDesk);
  return { host, staff };
}

const addPhoto = (host: TestHost, key: Buffer, rel: string, text: string) => {
  const file = join(photosFolderIn(host.dataDir), rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeEncryptedFile(key, file, Buffer.from(text));
};

describe('backups', () => {
  it('makes a checked, encrypted copy with its photos, lists it, and records who made it', async () => {
    const key = randomBytes(32);
    const { host, staff } = await clinic(key);
    addPhoto(host, key, 'session-1/before.enc', 'before photo');
    const b = await host.call('backup.create', { label: 'before the update' }, staff.admin);
    expect(b).toMatchObject({ integrity: 'ok', encrypted: true, photos: 1, label: 'before the update', kind: 'manual', verification: 'ok' });
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.path.startsWith(join(host.dataDir, 'backups'))).toBe(true);
    const copy = readFileSync(join(b.path, 'skinchart.db'));
    expect(copy.includes(NAME)).toBe(false);
    expect(existsSync(join(b.path, MANIFEST_FILE))).toBe(true);
    const list = await host.call('backup.list', {}, staff.admin);
    expect(list.items.map((i) => i.id)).toEqual([b.id]);
    expect(list.lastGoodAt).toBe(b.createdAt);
    const log = await host.call('audit.query', { action: 'backup.create' }, staff.admin);
    expect(log.items[0]).toMatchObject({ userId: staff.ids.admin, entityId: String(b.id) });
  });

  it('verifies a backup as it is on the drive, and reports a copy altered since', async () => {
    const { host, staff } = await clinic();
    const b = await host.call('backup.create', {}, staff.admin);
    expect((await host.call('backup.verify', { id: b.id }, staff.admin)).verification).toMatchObject({ ok: true, problems: [] });
    const file = join(b.path, 'skinchart.db');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);
    const after = await host.call('backup.verify', { id: b.id }, staff.admin);
    expect(after.verification.ok).toBe(false);
    expect(after.verification.problems.join(' ')).toMatch(/SHA-256 differs/);
    expect(after.backup.verification).toMatch(/SHA-256/);
    const log = await host.call('audit.query', { action: 'backup.verify_failed' }, staff.admin);
    expect(log.items).toHaveLength(1);
  });

  it('a backup made under a key this computer does not have is reported, not opened', async () => {
    const key = randomBytes(32);
    const { host, staff } = await clinic(key);
    const b = await host.call('backup.create', {}, staff.admin);
    expect(verifyBackup(b.path, [key], new Date()).ok).toBe(true);
    const v = verifyBackup(b.path, [randomBytes(32)], new Date());
    expect(v.ok).toBe(false);
    expect(v.problems.join(' ')).toMatch(/key this computer does not have/);
  });

  it('restores only into a new, empty folder, after verification, with photos and the key material', async () => {
    const key = randomBytes(32);
    const { host, staff } = await clinic(key);
    addPhoto(host, key, 's1/after.enc', 'after photo');
    const b = await host.call('backup.create', {}, staff.admin);
    const occupied = tmp();
    writeFileSync(join(occupied, 'something.txt'), 'x');
    expect((await refusal(host.call('backup.restore', { id: b.id, targetDir: occupied }, staff.admin))).message).toMatch(/targetDir: must be a new or empty folder/);
    expect((await refusal(host.call('backup.restore', { id: b.id, targetDir: host.dataDir }, staff.admin))).message).toMatch(/outside the data folder/);
    expect((await refusal(host.call('backup.restore', { id: b.id, targetDir: 'relative/path' }, staff.admin))).code).toBe('invalid_input');
    const target = join(tmp(), 'restored');
    const r = await host.call('backup.restore', { id: b.id, targetDir: target }, staff.admin);
    expect(r.verification).toMatchObject({ ok: true, problems: [] });
    expect(r.next).toMatch(/Start Skinchart on that folder/);
    const restored = openDatabase({ file: databaseFileIn(target), key });
    expect(restored.sql.prepare('SELECT last_name AS n FROM patients').get()).toEqual({ n: NAME });
    restored.close();
    expect(readEncryptedFile(key, join(photosFolderIn(target), 's1', 'after.enc')).toString()).toBe('after photo');
    expect((await host.call('audit.query', { action: 'backup.restore' }, staff.admin)).items).toHaveLength(1);
  });

  it('a damaged backup is never restored', async () => {
    const { host, staff } = await clinic(null);
    const b = await host.call('backup.create', {}, staff.admin);
    writeFileSync(join(b.path, 'skinchart.db'), Buffer.alloc(4096, 1));
    const target = join(tmp(), 'restored');
    const r = await host.call('backup.restore', { id: b.id, targetDir: target }, staff.admin);
    expect(r.verification.ok).toBe(false);
    expect(existsSync(target)).toBe(false);
    expect((await host.call('audit.query', { action: 'backup.restore_refused' }, staff.admin)).items).toHaveLength(1);
  });

  it('keeps daily generations for 14 days and monthly ones for 12 months, and removes the rest from the drive', async () => {
    const { host } = await clinic(randomBytes(32));
    host.clock.set('2026-01-20T10:00:00.000Z');
    for (let day = 0; day < 40; day++) {
      host.backupNow('daily');
      host.clock.advance(24 * 60 * 60 * 1000);
    }
    const admin = (await host.call('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null)).token;
    await host.call('backup.create', { label: 'kept by hand' }, admin);
    const list = await host.call('backup.list', {}, admin);
    const days = list.items.filter((i) => !i.label).map((i) => i.createdAt.slice(0, 10));
    // Today is 1 March (the labelled backup): the daily ones of 16–28 February, and the newest of January.
    expect(days).toHaveLength(14);
    expect(days).toContain('2026-01-31');
    expect(days).toContain('2026-02-16');
    expect(days).not.toContain('2026-02-15');
    expect(list.items.filter((i) => i.label === 'kept by hand')).toHaveLength(1);
    const onDrive = readdirSync(list.folder).filter((n) => n.startsWith('skinchart-'));
    expect(onDrive).toHaveLength(list.items.length);
    expect((await host.call('audit.query', { action: 'backup.prune' }, admin)).items.length).toBeGreaterThan(0);
  });

  it('the generation rule, table-driven', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const b = (id: number, createdAt: string, label: string | null = null) => ({ id, createdAt, label });
    const cases: { name: string; backups: ReturnType<typeof b>[]; keep: number[] }[] = [
      { name: 'nothing to keep', backups: [], keep: [] },
      { name: 'the newest of a day', backups: [b(1, '2026-06-15T08:00:00Z'), b(2, '2026-06-15T11:00:00Z')], keep: [2] },
      { name: 'day 13 back is kept, day 14 only as its month', backups: [b(1, '2026-06-02T09:00:00Z'), b(2, '2026-06-01T09:00:00Z'), b(3, '2026-06-15T09:00:00Z')], keep: [1, 3] },
      { name: 'one per month for 12 months', backups: [b(1, '2025-07-10T00:00:00Z'), b(2, '2025-06-30T00:00:00Z'), b(3, '2026-06-15T00:00:00Z')], keep: [1, 3] },
      { name: 'a labelled backup is always kept', backups: [b(1, '2020-01-01T00:00:00Z', 'before migration'), b(2, '2026-06-15T00:00:00Z')], keep: [1, 2] },
      { name: 'the newest is kept even when old', backups: [b(1, '2024-01-01T00:00:00Z')], keep: [1] },
    ];
    for (const c of cases) expect([...generationsToKeep(c.backups, now)].sort(), c.name).toEqual(c.keep);
    expect(dailyBackupDue(null, now)).toBe(true);
    expect(dailyBackupDue('2026-06-15T00:10:00Z', now)).toBe(false);
    expect(dailyBackupDue('2026-06-14T23:59:00Z', now)).toBe(true);
  });

  it('a backup left unfinished (no manifest) is cleared away by the next one; finished ones are kept', async () => {
    const { host, staff } = await clinic();
    const first = await host.call('backup.create', { label: 'kept' }, staff.admin);
    const unfinished = join(first.path, '..', 'skinchart-20260101T000000Z');
    mkdirSync(unfinished);
    writeFileSync(join(unfinished, 'skinchart.db'), 'half a copy');
    const other = join(first.path, '..', 'my notes');
    mkdirSync(other);
    host.clock.advance(1000);
    await host.call('backup.create', {}, staff.admin);
    expect(existsSync(unfinished)).toBe(false);
    expect(existsSync(other)).toBe(true);
    expect((await host.call('backup.verify', { id: first.id }, staff.admin)).verification.ok).toBe(true);
  });

  it('photos are copied to the drive once, however many backups refer to them', async () => {
    const key = randomBytes(32);
    const { host, staff } = await clinic(key);
    addPhoto(host, key, 'a.enc', 'one');
    const first = await host.call('backup.create', {}, staff.admin);
    addPhoto(host, key, 'b.enc', 'two');
    await host.call('backup.create', {}, staff.admin);
    expect(readdirSync(join(first.path, '..', PHOTO_STORE))).toHaveLength(2);
  });

  it('the host’s own backups are audited without a user, and only admins may back up', async () => {
    const { host, staff } = await clinic();
    const b = host.backupNow('quit');
    expect(b.kind).toBe('quit');
    const entry = (await host.call('audit.query', { action: 'backup.create' }, staff.admin)).items[0];
    expect(entry?.userId).toBeNull();
    for (const token of [staff.practitioner, staff.frontDesk]) {
      expect((await refusal(host.call('backup.create', {}, token))).code).toBe('forbidden');
      expect((await refusal(host.call('backup.list', {}, token))).code).toBe('forbidden');
    }
  });

  it('backs up to a chosen folder, which must be a full path that can be written', async () => {
    const { host, staff } = await clinic();
    const usb = join(tmp('skinchart-usb-'), 'Skinchart backups');
    expect((await host.call('backup.setFolder', { folder: usb }, staff.admin)).folder).toBe(usb);
    const b = await host.call('backup.create', {}, staff.admin);
    expect(b.path.startsWith(usb)).toBe(true);
    expect((await refusal(host.call('backup.setFolder', { folder: 'backups' }, staff.admin))).message).toMatch(/folder: must be a full folder path/);
    const aFile = join(tmp(), 'not-a-folder');
    writeFileSync(aFile, '');
    expect((await refusal(host.call('backup.setFolder', { folder: join(aFile, 'x') }, staff.admin))).message).toMatch(/cannot be created or written/);
    // One new folder on an existing drive, never a whole new path (nor anything under /proc).
    const windowsPath = process.platform === 'win32' ? [] : ['E:\\Backups'];
    for (const folder of [join(tmp(), 'a', 'b'), '/proc/no-such-place/backups', ...windowsPath]) {
      expect((await refusal(host.call('backup.setFolder', { folder }, staff.admin))).code).toBe('invalid_input');
    }
    expect((await host.call('backup.setFolder', { folder: '' }, staff.admin)).folder).toBe(join(host.dataDir, 'backups'));
  });

  it('a recovery key opens the data key, and a new one replaces the old', async () => {
    const key = randomBytes(32);
    const { host, staff } = await clinic(key);
    const { recoveryKey } = await host.call('backup.recoveryKey', {}, staff.admin);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
    const keyring = readKeyring(host.dataDir)!;
    expect(await unlockWithPassphrase(keyring, recoveryKey.toLowerCase().replace(/-/g, ' '))).toEqual(key);
    const second = await host.call('backup.recoveryKey', {}, staff.admin);
    const after = readKeyring(host.dataDir)!;
    expect(after.slots.filter((s) => s.kind === 'passphrase')).toHaveLength(1);
    await expect(unlockWithPassphrase(after, recoveryKey)).rejects.toThrow(/Wrong passphrase/);
    expect(await unlockWithPassphrase(after, second.recoveryKey)).toEqual(key);
    const plain = await clinic(null);
    expect((await refusal(plain.host.call('backup.recoveryKey', {}, plain.staff.admin))).code).toBe('conflict');
  });
});

