import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandsByName } from '../../db/api';
import { buildRegistry } from '../../db/records/registry';
import { createDispatcher } from '../../electron/dispatch';
import { refusal, testHost, withStaff } from '../support/host';

describe('the dispatcher', () => {
  it('answers an unknown command with 404 not_found', async () => {
    const host = testHost();
    const { status, body } = await host.dispatch('patients.delete', {}, null);
    expect(status).toBe(404);
    expect(!body.ok && body.error.code).toBe('not_found');
  });

  it('refuses a command without a sign-in with 401, and a bad token the same way', async () => {
    const host = testHost();
    await withStaff(host);
    for (const token of [null, 'not-a-token']) {
      const r = await refusal(host.call('patients.search', { query: 'a' }, token));
      expect([r.status, r.code]).toEqual([401, 'unauthenticated']);
    }
  });

  it('takes the user from the session, never from the input', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const r = await refusal(host.call('users.list', { userId: staff.ids.admin } as never, staff.frontDesk));
    expect(r.code).toBe('invalid_input');
    expect(r.message).toMatch(/userId: is not a known field/);
  });

  it('refuses the wrong role with 403 and records the refusal', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const r = await refusal(host.call('users.create', { name: 'New Person', username: 'newp', password: 'long enough pw', role: 'admin' }, staff.frontDesk));
    expect([r.status, r.code]).toEqual([403, 'forbidden']);
    const log = await host.call('audit.query', { action: 'denied:users.create' }, staff.admin);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]!.userId).toBe(staff.ids.frontDesk);
  });

  it('names every bad field: missing, wrong type, unknown key', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const r = await refusal(host.call('patients.create', { lastName: 42, dateOfBirth: 'yesterday', shoeSize: 9 } as never, staff.frontDesk));
    expect(r.status).toBe(400);
    const paths = (r.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth', 'shoeSize']));
  });

  it('runs a command and its audit entry in one transaction: a failure leaves nothing behind', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const real = commandsByName.get('patients.create')!;
    const registry = new Map();
    // A command that writes a patient row and an audit entry, then fails.
    registry.set('patients.create', {
      command: { ...real, input: z.strictObject({}) },
      handler: {
        run: (ctx: { sql: import('better-sqlite3-multiple-ciphers').Database; audit: (e: object) => void }) => {
          ctx.sql.prepare(`INSERT INTO counters (name, value) VALUES ('half', 1)`).run();
          ctx.audit({ action: 'half', entity: 'x' });
          throw new Error('power cut');
        },
      },
    } as never);
    const dispatch = createDispatcher({ db: host.db, registry, sessions: host.sessions, host: { dataDir: host.dataDir, resourcesDir: 'resources', scryptLogN: 10 }, clock: host.clock.now });
    const before = host.db.sql.prepare('SELECT count(*) AS n FROM audit_log').get();
    const { status, body } = await dispatch('patients.create', {}, staff.admin);
    expect(status).toBe(500);
    expect(!body.ok && body.error.code).toBe('internal');
    expect(host.db.sql.prepare(`SELECT count(*) AS n FROM counters WHERE name = 'half'`).get()).toEqual({ n: 0 });
    expect(host.db.sql.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
  });

  it('refuses a write that forgot its audit entry', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const real = commandsByName.get('patients.create')!;
    const registry = new Map();
    registry.set('patients.create', { command: { ...real, input: z.strictObject({}) }, handler: { run: () => ({}) } });
    const dispatch = createDispatcher({ db: host.db, registry, sessions: host.sessions, host: { dataDir: host.dataDir, resourcesDir: 'resources', scryptLogN: 10 }, clock: host.clock.now });
    const { status } = await dispatch('patients.create', {}, staff.admin);
    expect(status).toBe(500);
  });
});

describe('the registry', () => {
  it('refuses a command implemented twice', () => {
    const impl = { 'auth.me': () => ({}) };
    expect(() => buildRegistry([impl, impl])).toThrow(/implemented twice/);
  });

  it('refuses a contract command left without an implementation', () => {
    expect(() => buildRegistry([{ 'auth.me': () => ({}) }])).toThrow(/without an implementation/);
  });

  it('refuses an implementation that is not in the contract', () => {
    expect(() => buildRegistry([{ 'patients.delete': () => ({}) }])).toThrow(/not in the contract/);
  });
});
