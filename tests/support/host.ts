import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandName, InputOf, OutputOf } from '../../db/api';
import { startHost, type Host, type HostOptions } from '../../electron/host';

/** A clock tests can set and move; starts at a fixed, known instant. */
export class TestClock {
  constructor(public current = new Date('2026-03-02T09:00:00.000Z')) {}
  now = () => new Date(this.current);
  set(iso: string) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestHost extends Host {
  dataDir: string;
  clock: TestClock;
  /** Calls a command as the holder of `token`, and returns the value or throws the refusal. */
  call<N extends CommandName>(name: N, input: InputOf<N>, token: string | null): Promise<OutputOf<N>>;
}

export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The real host over a real SQLite file in a fresh temp folder, with every answer checked against the contract. */
export function testHost(options: Partial<HostOptions> = {}): TestHost {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'skinchart-test-'));
  const clock = new TestClock();
  const host = startHost({ dataDir, clock: clock.now, scryptLogN: 10, checkOutputs: true, ...options });
  return {
    ...host,
    dataDir,
    clock,
    async call(name, input, token) {
      const { status, body } = await host.dispatch(name, input, token);
      if (!body.ok) throw new Refused(status, body.error.code, body.error.message, body.error.details);
      return body.value as never;
    },
  };
}

export const ADMIN_PASSWORD = 'admin password 1';
export const STAFF_PASSWORD = 'staff password 1';

export interface Staff {
  admin: string;
  practitioner: string;
  frontDesk: string;
  ids: { admin: number; practitioner: number; frontDesk: number };
}

/** Sets the clinic up and signs in one user of each role. */
export async function withStaff(host: TestHost): Promise<Staff> {
  const { userId: adminId } = await host.call('auth.setup', { clinicName: 'Test Clinic', adminName: 'Ada Admin', username: 'ada', password: ADMIN_PASSWORD }, null);
  const admin = (await host.call('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null)).token;
  const p = await host.call('users.create', { name: 'Priya Practitioner', username: 'priya', password: STAFF_PASSWORD, role: 'practitioner' }, admin);
  const f = await host.call('users.create', { name: 'Femi Desk', username: 'femi', password: STAFF_PASSWORD, role: 'front_desk' }, admin);
  const practitioner = (await host.call('auth.login', { username: 'priya', password: STAFF_PASSWORD }, null)).token;
  const frontDesk = (await host.call('auth.login', { username: 'femi', password: STAFF_PASSWORD }, null)).token;
  return { admin, practitioner, frontDesk, ids: { admin: adminId, practitioner: p.id, frontDesk: f.id } };
}

/** Expects a refusal and returns it. */
export async function refusal(p: Promise<unknown>): Promise<Refused> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Refused) return e;
    throw e;
  }
  throw new Error('expected a refusal, but the command succeeded');
}
