import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { refusal, testHost, withStaff } from '../support/host';

describe('the audit log', () => {
  it('records every write and every chart opened, chained by hash', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const p = await host.call('patients.create', { firstName: 'Lena', lastName: 'Berg', dateOfBirth: '1990-01-01' }, staff.frontDesk);
    await host.call('patients.get', { id: p.id }, staff.practitioner);
    const entries = await host.call('audit.query', { patientId: p.id }, staff.admin);
    expect(entries.items.map((e) => [e.action, e.userId])).toEqual([
      ['patients.get', staff.ids.practitioner],
      ['patients.create', staff.ids.frontDesk],
    ]);
    const verdict = await host.call('audit.verify', {}, staff.admin);
    expect(verdict.ok).toBe(true);
    expect(verdict.entries).toBeGreaterThan(5);
  });

  it('refuses UPDATE and DELETE at the database itself', async () => {
    const host = testHost();
    await withStaff(host);
    expect(() => host.db.sql.prepare(`UPDATE audit_log SET user_id = 99`).run()).toThrow(/append-only/);
    expect(() => host.db.sql.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
  });

  it('verification finds the first altered entry', async () => {
    const host = testHost();
    await withStaff(host);
    host.db.sql.exec('DROP TRIGGER audit_log_no_update');
    host.db.sql.prepare(`UPDATE audit_log SET action = 'nothing to see' WHERE seq = 3`).run();
    expect(verifyAuditChain(host.db.sql)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('keeps order by sequence even when the clock goes backwards', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    host.clock.advance(-3 * 24 * 60 * 60 * 1000);
    await host.call('patients.create', { firstName: 'Tom', lastName: 'Back', dateOfBirth: '1980-01-01' }, staff.admin);
    const verdict = await host.call('audit.verify', {}, staff.admin);
    expect(verdict.ok).toBe(true);
    const [latest] = (await host.call('audit.query', { limit: 1 }, staff.admin)).items;
    expect(latest!.action).toBe('patients.create');
  });

  it('only an admin reads the log', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    expect((await refusal(host.call('audit.query', {}, staff.practitioner))).code).toBe('forbidden');
    expect((await refusal(host.call('audit.verify', {}, staff.frontDesk))).code).toBe('forbidden');
  });
});
