import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { testHost, withStaff } from '../support/host';
import { faultSeed, seededRandom } from './support/random';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('a clock that jumps backwards', () => {
  it('keeps the audit log in the order things happened (by sequence), whole and verifiable', async () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    const host = testHost();
    const staff = await withStaff(host);
    const tokens = [staff.admin, staff.practitioner, staff.frontDesk];
    const baseline = (await host.call('audit.verify', {}, staff.admin)).entries + 1; // the verify is not audited; setup is

    const done: { action: string; entityId: string }[] = [];
    const patients: { id: number; version: number }[] = [];
    for (let i = 0; i < 300; i++) {
      // Mostly backwards by up to three days, sometimes a little forwards (less than the idle
      // sign-out), and once a reset to 2000-01-01, as when a dead clock battery loses the time.
      if (i === 150) host.clock.set('2000-01-01T00:00:00.000Z');
      else host.clock.advance(random() < 0.7 ? -random() * 3 * DAY : random() * 15 * MINUTE);
      const token = tokens[i % tokens.length]!;
      const roll = random();
      if (patients.length === 0 || roll < 0.4) {
        const p = await host.call('patients.create', { firstName: `Clock${i}`, lastName: 'Skew', dateOfBirth: '1991-09-09' }, token);
        patients.push({ id: p.id, version: p.version });
        done.push({ action: 'patients.create', entityId: String(p.id) });
      } else if (roll < 0.75) {
        const p = patients[Math.floor(random() * patients.length)]!;
        const updated = await host.call('patients.update', { id: p.id, version: p.version, notes: `step ${i}` }, token);
        p.version = updated.version;
        done.push({ action: 'patients.update', entityId: String(p.id) });
      } else {
        const p = patients[Math.floor(random() * patients.length)]!;
        await host.call('patients.get', { id: p.id }, token);
        done.push({ action: 'patients.get', entityId: String(p.id) });
      }
    }

    const verdict = verifyAuditChain(host.db.sql);
    expect(verdict, `seed ${seed}`).toMatchObject({ ok: true, entries: baseline - 1 + done.length });

    // Read the whole log back through the contract, newest first, a page at a time by sequence.
    const entries: { seq: number; at: string; action: string; entityId: string | null }[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await host.call('audit.query', { limit: 37, ...(beforeSeq !== undefined && { beforeSeq }) }, staff.admin);
      if (page.items.length === 0) break;
      entries.push(...page.items);
      beforeSeq = page.items.at(-1)!.seq;
    }
    const bySeq = entries.reverse();
    expect(bySeq.map((e) => e.seq)).toEqual(bySeq.map((_, i) => i + 1));
    const ours = bySeq.filter((e) => e.seq >= baseline);
    expect(ours.map((e) => ({ action: e.action, entityId: e.entityId })), `seed ${seed}`).toEqual(done);

    // The times really went backwards, many times: the order above did not come from them.
    const inversions = ours.filter((e, i) => i > 0 && e.at < ours[i - 1]!.at).length;
    expect(inversions).toBeGreaterThan(100);

    // Filtering by time still finds exactly the entries stamped in that range, wherever they sit.
    const from = '1999-12-01T00:00:00.000Z';
    const to = '2000-01-02T00:00:00.000Z';
    const inRange = await host.call('audit.query', { from, to, limit: 200 }, staff.admin);
    const expected = ours.filter((e) => e.at >= from && e.at < to).map((e) => e.seq).reverse();
    expect(inRange.items.map((e) => e.seq)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
  });
});
