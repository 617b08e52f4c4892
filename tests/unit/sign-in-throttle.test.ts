import { describe, expect, it } from 'vitest';
import { delayAfter, waitInWords } from '../../db/records/sign-in-throttle';
import { SessionStore } from '../../electron/sessions';
import { ADMIN_PASSWORD, refusal, testHost, withStaff, type TestHost } from '../support/host';

const wrong = (host: TestHost, username = 'ada') => refusal(host.call('auth.login', { username, password: 'not it at all' }, null));
const right = (host: TestHost) => host.call('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null);

describe('sign-in throttling', () => {
  it('after five wrong passwords the next attempt waits, even with the right password, and the refusal is audited', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    for (let i = 0; i < 5; i++) expect((await wrong(host)).message).toMatch(/Wrong username or password$/);
    const held = await refusal(right(host));
    expect(held.code).toBe('unauthenticated');
    expect(held.message).toMatch(/Too many wrong passwords for ada\. Wait 30 seconds/);
    expect(held.details).toEqual({ reason: 'throttled', retryAfterSeconds: 30 });
    host.clock.advance(29_000);
    expect((await refusal(right(host))).message).toMatch(/Wait 1 second/);
    host.clock.advance(1_000);
    await right(host);
    // A success clears the count: one more mistake is just a mistake.
    expect((await wrong(host)).message).toMatch(/Wrong username or password$/);
    const log = await host.call('audit.query', { action: 'auth.login_throttled' }, staff.admin);
    expect(log.items.map((e) => e.entityId)).toEqual(['ada', 'ada']);
  });

  it('each further failure doubles the wait, up to 15 minutes; an unknown username is treated the same', async () => {
    const host = testHost();
    await withStaff(host);
    for (let i = 0; i < 5; i++) await wrong(host, 'nobody');
    host.clock.advance(30_000);
    await wrong(host, 'nobody');
    expect((await right(host)).user.username).toBe('ada'); // other usernames are not held
    expect((await wrong(host, 'nobody')).details).toEqual({ reason: 'throttled', retryAfterSeconds: 60 });
    expect([4, 5, 6, 7, 10, 20].map(delayAfter)).toEqual([0, 30_000, 60_000, 120_000, 900_000, 900_000]);
    expect(waitInWords(90_000)).toBe('2 minutes');
  });

  it('the count survives a restart and lapses after a quiet quarter of an hour', async () => {
    const host = testHost();
    await withStaff(host);
    for (let i = 0; i < 5; i++) await wrong(host);
    host.close();
    const again = testHost({ dataDir: host.dataDir });
    again.clock.set(host.clock.current.toISOString());
    expect((await refusal(right(again))).details).toMatchObject({ reason: 'throttled' });
    again.clock.advance(16 * 60 * 1000);
    expect((await right(again)).user.username).toBe('ada');
  });
});

describe('sign-in tokens', () => {
  it('end after 60 idle minutes, and after 12 hours however busy', () => {
    const sessions = new SessionStore();
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    const { token, expiresAt } = sessions.open(7, t0);
    expect(expiresAt).toBe('2026-03-02T20:00:00.000Z');
    expect(sessions.resolve(token, t0 + 59 * 60_000)).toBe(7);
    // Used every 30 minutes all day: still ends at 12 hours.
    let now = t0 + 59 * 60_000;
    while (now + 30 * 60_000 < t0 + 12 * 3600_000) {
      now += 30 * 60_000;
      expect(sessions.resolve(token, now)).toBe(7);
    }
    expect(sessions.resolve(token, t0 + 12 * 3600_000)).toBeNull();
    const idle = sessions.open(8, t0);
    expect(sessions.resolve(idle.token, t0 + 60 * 60_000)).toBeNull();
    expect(sessions.resolve(idle.token, t0 + 1)).toBeNull(); // once ended, gone for good
    expect(sessions.resolve('made-up', t0)).toBeNull();
  });

  it('an expired token over the dispatcher is a plain “please sign in”', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    for (let h = 0; h < 12; h++) {
      host.clock.advance(59 * 60_000);
      await host.call('auth.me', {}, staff.admin);
    }
    host.clock.advance(12 * 60_000);
    expect((await refusal(host.call('auth.me', {}, staff.admin))).code).toBe('unauthenticated');
  });
});
