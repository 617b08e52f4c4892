import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, errorCodes, httpStatusOf, type ErrorCode } from '../../db/api';
import type { Command } from '../../db/api/command';
import { verifyAuditChain } from '../../db/audit-chain';
import { startWebServer } from '../../electron/web';
import { ADMIN_PASSWORD, testHost, withStaff, type TestHost } from '../support/host';
import { bodyOf, hostileText, JsonObject, jsonText, requestFor, type Json, type Request, type Sender } from './support/hostile';
import { tableDigests } from './support/snapshot';

// Every command in the contract, over real HTTP, with random and adversarial bodies from every
// kind of sender. Runs are bounded so the whole file stays within about half a minute.
const RUNS_PER_COMMAND = Number(process.env.HOSTILE_RUNS ?? 90);

let host: TestHost;
let url: string;
let closeServer: () => Promise<void>;
let patientId: number;
let victimId: number;
let made = 0;

/** Valid inputs for the commands we know; one field is swapped for something hostile. Optional for new commands. */
const samples: Record<string, () => Record<string, Json>> = {
  'auth.setup': () => ({ clinicName: 'Hostile Clinic', adminName: 'Eve Admin', username: 'eve', password: 'long enough password' }),
  'auth.login': () => ({ username: 'ada', password: ADMIN_PASSWORD }),
  'users.create': () => ({ name: 'New Person', username: `person${++made}`, password: 'long enough password', role: 'practitioner' }),
  'users.update': () => ({ id: victimId, version: versionOf('users', victimId), name: 'Renamed Person' }),
  'patients.create': () => ({
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: '1990-12-10',
    sex: 'female',
    phone: '+44 20 7946 0000',
    email: 'ada@example.com',
    address: '1 High Street',
    fitzpatrick: 3,
    allergies: ['latex'],
    medications: ['none'],
    notes: 'first visit',
  }),
  'patients.update': () => ({ id: patientId, version: versionOf('patients', patientId), firstName: 'Ada', notes: 'changed' }),
  'patients.get': () => ({ id: patientId }),
  'patients.search': () => ({ query: 'ada', limit: 5, includeArchived: true }),
  'settings.update': () => ({ clinicName: 'Hostile Clinic', clinicPhone: '+44 20 7946 0001', idleLockMinutes: 5 }),
  'audit.query': () => ({ patientId, from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00+01:00', limit: 10 }),
};

const versionOf = (table: 'users' | 'patients', id: number): number =>
  (host.db.sql.prepare(`SELECT version FROM ${table} WHERE id = ?`).get(id) as { version: number }).version;

/** A fresh sign-in for an active user of that role (hostile edits may have changed who that is). */
async function tokenFor(as: Sender): Promise<string | null> {
  if (as === 'nobody') return null;
  if (as === 'forged') return 'Zm9yZ2VkLXRva2Vu-forged';
  const row = host.db.sql.prepare('SELECT id FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1').get(as) as { id: number } | undefined;
  if (row) return host.sessions.open(row.id, host.clock.now().getTime()).token;
  const admin = await tokenFor('admin');
  const created = await host.call('users.create', { name: 'Spare Person', username: `spare${++made}`, password: 'long enough password', role: as }, admin);
  return host.sessions.open(created.id, host.clock.now().getTime()).token;
}

const lastSeq = (): number => (host.db.sql.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_log').get() as { seq: number }).seq;
const entriesAfter = (seq: number) => host.db.sql.prepare('SELECT action FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as { action: string }[];

async function send(name: string, body: string | Buffer, token: string | null) {
  const res = await fetch(`${url}api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, text: await res.text() };
}

/** One hostile request and everything that must hold after it. */
async function attack(command: Command, request: Request) {
  const sample = samples[command.name]?.() ?? null;
  const body = bodyOf(request.plan, sample);
  const token = await tokenFor(request.as);
  const before = { data: tableDigests(host.db.sql, ['audit_log']), seq: lastSeq() };

  const { status, text } = await send(command.name, body, token);

  expect(status, text.slice(0, 500)).not.toBe(500);
  const envelope = JSON.parse(text) as { ok: boolean; value?: unknown; error?: { code: ErrorCode; message: string } };
  expect(typeof envelope.ok).toBe('boolean');
  const added = entriesAfter(before.seq).map((e) => e.action);
  if (envelope.ok) {
    expect(status).toBe(200);
    if (command.kind === 'read') {
      expect(tableDigests(host.db.sql, ['audit_log']), 'a read changed the records').toEqual(before.data);
      expect(added).toEqual([]);
    } else {
      expect(added.length, 'a write or a view left no audit entry').toBeGreaterThan(0);
    }
  } else {
    const error = envelope.error!;
    expect(errorCodes).toContain(error.code);
    expect(error.code).not.toBe('internal');
    expect(status).toBe(status === 413 ? 413 : httpStatusOf(error.code));
    expect(error.message.length).toBeGreaterThan(0);
    expect(tableDigests(host.db.sql, ['audit_log']), `a refused ${command.name} (${error.code}) left something behind`).toEqual(before.data);
    // A refusal may record itself (a denied role, a failed or throttled sign-in, a wrong password at the
    // tablet's unlock, a contraindicated signing), and nothing else.
    expect(added.length).toBeLessThanOrEqual(1);
    for (const action of added) expect([`denied:${command.name}`, `refused:${command.name}`, 'auth.login_failed', 'auth.login_throttled', 'auth.verify_failed']).toContain(action);
  }
  if (added.length) expect(verifyAuditChain(host.db.sql).ok, 'the audit chain broke').toBe(true);
}

beforeAll(async () => {
  host = testHost();
  const staff = await withStaff(host);
  patientId = (await host.call('patients.create', { firstName: 'Ada', lastName: 'Target', dateOfBirth: '1990-12-10' }, staff.admin)).id;
  victimId = (await host.call('users.create', { name: 'Vic Tim', username: 'victim', password: 'long enough password', role: 'practitioner' }, staff.admin)).id;
  const server = await startWebServer({ host, rendererDir: host.dataDir, port: 0, hostname: '127.0.0.1' });
  url = server.url;
  closeServer = server.close;
});
afterAll(() => closeServer?.());

describe('hostile input to every command, over HTTP', () => {
  for (const command of contract as readonly Command[]) {
    it(`${command.name}: never a 500, a refusal writes nothing, the audit chain holds`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(command, command.name in samples), (request) => attack(command, request)),
        { numRuns: RUNS_PER_COMMAND },
      );
      expect(verifyAuditChain(host.db.sql).ok).toBe(true);
      // Still serving.
      expect((await send('auth.status', '{}', null)).status).toBe(200);
    });
  }
});

describe('hostile first-run setup, over HTTP', () => {
  it('auth.setup on a new clinic either refuses and writes nothing, or keeps exactly what was sent', async () => {
    const setup = contract.find((c) => c.name === 'auth.setup')! as Command;
    // Any hostile request, or (twice as often) a valid one whose names are hostile text.
    const bodies = fc.oneof(
      { weight: 1, arbitrary: requestFor(setup, true).map((r) => bodyOf(r.plan, samples['auth.setup']!())) },
      {
        weight: 2,
        arbitrary: fc
          .record({ clinicName: hostileText, adminName: hostileText })
          .map((names) => jsonText(new JsonObject(Object.entries({ ...samples['auth.setup']!(), ...names })))),
      },
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const fresh = testHost();
        const server = await startWebServer({ host: fresh, rendererDir: fresh.dataDir, port: 0, hostname: '127.0.0.1' });
        try {
          const before = tableDigests(fresh.db.sql);
          const res = await fetch(`${server.url}api/auth.setup`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: typeof body === 'string' ? body : new Uint8Array(body),
          });
          expect(res.status).not.toBe(500);
          const envelope = (await res.json()) as { ok: boolean };
          if (!envelope.ok) {
            expect(tableDigests(fresh.db.sql), 'a refused setup left something behind').toEqual(before);
            return;
          }
          accepted++;
          const sent = JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as { clinicName: string; adminName: string };
          const stored = (text: string) => text.replace(/\p{Cs}/gu, '\uFFFD').trim();
          expect(await fresh.call('auth.status', {}, null)).toEqual({ needsSetup: false, clinicName: stored(sent.clinicName) });
          expect(fresh.db.sql.prepare('SELECT name FROM users').get()).toEqual({ name: stored(sent.adminName) });
          expect(verifyAuditChain(fresh.db.sql).ok).toBe(true);
        } finally {
          await server.close();
          fresh.close();
        }
      }),
      { numRuns: 30 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
