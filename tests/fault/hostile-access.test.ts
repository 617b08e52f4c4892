import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../db/api';
import { roles, type Command, type Role } from '../../db/api/command';
import { startWebServer } from '../../electron/web';
import { testHost, withStaff, type Staff, type TestHost } from '../support/host';
import { api } from '../support/server';
import { tableDigests } from './support/snapshot';

// Who may call what, checked over HTTP for every command in the contract, including commands
// added after this file was written: a role outside a command's access list is refused with 403
// before its input is even read, and nothing but the refusal's own audit entry is written.

const commands = contract as readonly Command[];

/** What the front desk must never read: the audit log, treatment sessions and photos. */
const clinicalOrAudit = (name: string) => /^(audit|sessions|photos)\./.test(name) || /photo/i.test(name);

let host: TestHost;
let staff: Staff;
let url: string;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  host = testHost();
  staff = await withStaff(host);
  await host.call('patients.create', { firstName: 'Rea', lastName: 'Der', dateOfBirth: '1990-01-01' }, staff.admin);
  const server = await startWebServer({ host, rendererDir: host.dataDir, port: 0, hostname: '127.0.0.1' });
  url = server.url;
  closeServer = server.close;
});
afterAll(() => closeServer?.());

const tokenOf = (role: Role) => (role === 'admin' ? staff.admin : role === 'practitioner' ? staff.practitioner : staff.frontDesk);
const bodies = [{}, { id: 1, patientId: 1, sessionId: 1, query: 'a' }, { role: 'admin', userId: 1, limit: 1e9 }];

async function expectRefusedWholly(name: string, token: string | null, status: number, audited: string[]) {
  for (const body of bodies) {
    const before = { data: tableDigests(host.db.sql, ['audit_log']), seq: host.db.sql.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number } };
    const res = await api(url, name, body, token ?? undefined);
    expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(status);
    expect(tableDigests(host.db.sql, ['audit_log'])).toEqual(before.data);
    const added = host.db.sql.prepare('SELECT action, user_id AS userId FROM audit_log WHERE seq > ?').all(before.seq.s) as { action: string; userId: number }[];
    expect(added.map((a) => a.action)).toEqual(audited);
  }
}

describe('access by role, for every command', () => {
  it('refuses every non-public command without a sign-in (401), recording nothing', async () => {
    for (const c of commands.filter((c) => c.access !== 'public')) await expectRefusedWholly(c.name, null, 401, []);
  });

  it('refuses each role every command outside its access (403), recording only the refusal', async () => {
    let checked = 0;
    for (const role of roles) {
      for (const c of commands) {
        if (c.access === 'public' || c.access === 'signed_in' || c.access.includes(role)) continue;
        await expectRefusedWholly(c.name, tokenOf(role), 403, [`denied:${c.name}`]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('never lets the front desk read the audit log, a treatment session or a photo', async () => {
    const guarded = commands.filter((c) => clinicalOrAudit(c.name));
    // The audit commands exist today; sessions.* and photo commands join this list as they are added.
    expect(guarded.map((c) => c.name)).toEqual(expect.arrayContaining(['audit.query', 'audit.verify']));
    for (const c of guarded) {
      expect(c.access, `${c.name} must name its roles, and not the front desk`).not.toBe('signed_in');
      expect(c.access).not.toBe('public');
      expect(c.access as readonly Role[]).not.toContain('front_desk');
      await expectRefusedWholly(c.name, staff.frontDesk, 403, [`denied:${c.name}`]);
    }
    const denied = await host.call('audit.query', { userId: staff.ids.frontDesk, limit: 200 }, staff.admin);
    expect(denied.items.filter((e) => e.action === 'denied:audit.query')).toHaveLength(bodies.length * 2);
  });
});
