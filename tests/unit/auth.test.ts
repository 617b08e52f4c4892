import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, refusal, STAFF_PASSWORD, testHost, withStaff } from '../support/host';

describe('staff and sign-in', () => {
  it('setup works once, then is refused', async () => {
    const host = testHost();
    expect(await host.call('auth.status', {}, null)).toEqual({ needsSetup: true, clinicName: null });
    await withStaff(host);
    expect(await host.call('auth.status', {}, null)).toEqual({ needsSetup: false, clinicName: 'Test Clinic' });
    const r = await refusal(host.call('auth.setup', { clinicName: 'Other', adminName: 'Eve Evil', username: 'eve', password: 'takeover attempt' }, null));
    expect(r.code).toBe('conflict');
  });

  it('stores passwords as scrypt hashes, never as text', async () => {
    const host = testHost();
    await withStaff(host);
    const rows = host.db.sql.prepare('SELECT password_hash AS h FROM users').all() as { h: string }[];
    for (const { h } of rows) {
      expect(h).toMatch(/^scrypt\$\d+\$8\$1\$/);
      expect(h).not.toContain(STAFF_PASSWORD);
    }
  });

  it('a wrong password is refused with 401 and recorded', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const r = await refusal(host.call('auth.login', { username: 'ada', password: 'not the password' }, null));
    expect([r.status, r.code]).toEqual([401, 'unauthenticated']);
    const unknown = await refusal(host.call('auth.login', { username: 'nobody', password: 'whatever' }, null));
    expect(unknown.message).toBe(r.message);
    const log = await host.call('audit.query', { action: 'auth.login_failed' }, staff.admin);
    expect(log.items.map((e) => e.entityId)).toEqual(['nobody', 'ada']);
  });

  it('a deactivated user is signed out and cannot sign in again', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const [priya] = (await host.call('users.list', {}, staff.admin)).items.filter((u) => u.username === 'priya');
    await host.call('users.update', { id: priya!.id, version: priya!.version, active: false }, staff.admin);
    expect((await refusal(host.call('auth.me', {}, staff.practitioner))).code).toBe('unauthenticated');
    expect((await refusal(host.call('auth.login', { username: 'priya', password: STAFF_PASSWORD }, null))).code).toBe('unauthenticated');
  });

  it('keeps at least one active admin', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const me = (await host.call('auth.me', {}, staff.admin)).user;
    const r = await refusal(host.call('users.update', { id: me.id, version: me.version, role: 'front_desk' }, staff.admin));
    expect(r.code).toBe('conflict');
  });

  it('a sign-in ends after it has been idle too long', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    host.clock.advance(61 * 60 * 1000);
    expect((await refusal(host.call('auth.me', {}, staff.admin))).code).toBe('unauthenticated');
    const again = await host.call('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null);
    expect((await host.call('auth.me', {}, again.token)).user.username).toBe('ada');
  });

  it('usernames are unique whatever their case', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const r = await refusal(host.call('users.create', { name: 'Another Ada', username: 'ADA', password: 'long enough pw', role: 'practitioner' }, staff.admin));
    expect(r.message).toMatch(/username: is already taken/);
  });

  it('signing out ends the token', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    await host.call('auth.logout', {}, staff.frontDesk);
    expect((await refusal(host.call('auth.me', {}, staff.frontDesk))).code).toBe('unauthenticated');
  });
});
