import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backupDue, startBackupSchedule } from '../../electron/backup-schedule';
import { STAFF_PASSWORD, testHost, withStaff } from '../support/host';

describe('scheduled backups', () => {
  it('the rule: daily once per day, on quit only when something was recorded, never before setup', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const good = { createdAt: '2026-03-02T08:00:00Z', auditEntries: 10 };
    expect(backupDue('daily', { configured: false, lastGood: null, changesSince: 5 }, now)).toBe(false);
    expect(backupDue('daily', { configured: true, lastGood: null, changesSince: 0 }, now)).toBe(true);
    expect(backupDue('daily', { configured: true, lastGood: good, changesSince: 3 }, now)).toBe(false);
    expect(backupDue('daily', { configured: true, lastGood: { ...good, createdAt: '2026-03-01T23:00:00Z' }, changesSince: 0 }, now)).toBe(true);
    expect(backupDue('quit', { configured: true, lastGood: good, changesSince: 0 }, now)).toBe(false);
    expect(backupDue('quit', { configured: true, lastGood: good, changesSince: 1 }, now)).toBe(true);
    expect(backupDue('quit', { configured: true, lastGood: null, changesSince: 0 }, now)).toBe(true);
  });

  it('the host makes its daily and closing backups by that rule', async () => {
    const host = testHost({ key: randomBytes(32) });
    const schedule = startBackupSchedule(host, { clock: host.clock.now, timers: false });
    expect(schedule.tick()).toBeNull(); // nothing to keep before the clinic is set up
    await withStaff(host);
    expect(schedule.tick()?.kind).toBe('daily');
    expect(schedule.tick()).toBeNull();
    host.clock.advance(24 * 60 * 60 * 1000);
    expect(schedule.tick()?.integrity).toBe('ok');
    expect(schedule.onQuit()).toBeNull(); // nothing recorded since
    const desk = (await host.call('auth.login', { username: 'femi', password: STAFF_PASSWORD }, null)).token;
    expect(schedule.onQuit()?.kind).toBe('quit'); // the sign-in was recorded
    await host.call('patients.create', { firstName: 'Lena', lastName: 'Berg', dateOfBirth: '1991-01-01' }, desk);
    expect(schedule.onQuit()?.kind).toBe('quit');
    expect(schedule.onQuit()).toBeNull();
  });

  it('a backup that cannot be made (drive gone) does not stop the host', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    await host.call('backup.setFolder', { folder: '/tmp' }, staff.admin);
    host.db.sql.prepare(`UPDATE settings SET value = json_quote('/dev/null/usb') WHERE key = 'backup.folder'`).run();
    const schedule = startBackupSchedule(host, { clock: host.clock.now, timers: false });
    expect(schedule.tick()).toBeNull();
    expect(host.db.sql.prepare('SELECT count(*) AS n FROM backups').get()).toEqual({ n: 0 });
  });
});
