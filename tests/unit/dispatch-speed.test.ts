import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/paths';
import { VIEW_FLUSH_MS } from '../../electron/dispatch';
import { refusal, testHost, withStaff } from '../support/host';

const clinic = async () => {
  const host = testHost();
  const staff = await withStaff(host);
  const patient = await host.call('patients.create', { firstName: 'Iris', lastName: 'Vale', dateOfBirth: '1979-04-02' }, staff.frontDesk);
  return { host, staff, patient };
};

afterEach(() => vi.useRealTimers());

describe('the dispatcher’s cheaper paths keep their promises', () => {
  it('an audited view is committed at once and leaves the connection durable (synchronous=FULL)', async () => {
    const { host, staff, patient } = await clinic();
    await host.call('patients.chart', { patientId: patient.id }, staff.practitioner);
    expect(host.db.sql.pragma('synchronous', { simple: true })).toBe(2);
    const other = new Database(join(host.dataDir, DATABASE_FILE), { readonly: true });
    expect(other.prepare(`SELECT count(*) FROM audit_log WHERE action = 'patients.chart'`).pluck().get()).toBe(1);
    other.close();
  });

  it('flushes views to disk within the flush delay, and not when a write already did', async () => {
    const { host, staff, patient } = await clinic();
    vi.useFakeTimers();
    const pragma = vi.spyOn(host.db.sql, 'pragma');
    const checkpoints = () => pragma.mock.calls.filter(([p]) => p === 'wal_checkpoint(PASSIVE)').length;
    await host.call('patients.chart', { patientId: patient.id }, staff.practitioner);
    expect(checkpoints()).toBe(0);
    vi.advanceTimersByTime(VIEW_FLUSH_MS);
    expect(checkpoints()).toBe(1);
    await host.call('patients.chart', { patientId: patient.id }, staff.practitioner);
    await host.call('patients.update', { id: patient.id, version: 1, notes: 'Prefers mornings' }, staff.frontDesk);
    vi.advanceTimersByTime(VIEW_FLUSH_MS);
    expect(checkpoints()).toBe(1);
  });

  it('a view that fails rolls back and still leaves the connection durable', async () => {
    const { host, staff } = await clinic();
    expect((await refusal(host.call('patients.chart', { patientId: 999 }, staff.practitioner))).code).toBe('not_found');
    expect(host.db.sql.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('a role change takes effect on the next command, though signed-in users are remembered', async () => {
    const { host, staff, patient } = await clinic();
    await host.call('patients.chart', { patientId: patient.id }, staff.practitioner);
    const priya = (await host.call('users.list', {}, staff.admin)).items.find((u) => u.username === 'priya')!;
    await host.call('users.update', { id: priya.id, version: priya.version, role: 'front_desk' }, staff.admin);
    expect((await refusal(host.call('patients.chart', { patientId: patient.id }, staff.practitioner))).code).toBe('forbidden');
  });

  it('reads see every committed write, with no transaction of their own', async () => {
    const { host, staff, patient } = await clinic();
    await host.call('patients.update', { id: patient.id, version: 1, lastName: 'Valdés' }, staff.frontDesk);
    expect((await host.call('patients.search', { query: 'valdes' }, staff.frontDesk)).items.map((p) => p.id)).toEqual([patient.id]);
    expect(host.db.sql.inTransaction).toBe(false);
  });
});
