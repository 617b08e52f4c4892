import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate } from '../../db/api/patients';
import { findDuplicates, samePhone } from '../../db/records/patient-duplicates';
import { refusal, testHost, withStaff, type TestHost } from '../support/host';

const register = (host: TestHost, token: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}) =>
  host.call('patients.create', { firstName, lastName, dateOfBirth: '1985-06-15', ...extra }, token);

const patientCount = (host: TestHost) => (host.db.sql.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;

describe('samePhone', () => {
  it.each([
    ['+1 (555) 201-3344', '555.201.3344', true],
    ['+1 555 201 3344', '15552013344', true],
    ['555 201 3344', '555-201-3344', true],
    ['+44 7700 900123', '07700 900123', true],
    ['0044 7700 900123', '+44 (0)7700 900123', true],
    ['+1 555 201 3344', '+1 655 201 3344', false],
    ['0044 7700 900123', '07700900123', true],
    ['555 201 3344', '555 201 3345', false],
    ['201 3344', '555 201 3344', true], // seven digits: a local number without its area code
    ['1 3344', '555 201 3344', false], // too short to match on the end alone
    ['1234', '1234', true],
    ['1234', null, false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(samePhone(a, b)).toBe(same);
    expect(samePhone(b, a)).toBe(same);
  });
});

describe('the duplicate guard at registration', () => {
  const clinic = async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const jose = await register(host, staff.frontDesk, 'José', 'Núñez', { phone: '+1 (555) 201-3344' });
    return { host, staff, jose };
  };

  it.each([
    ['accents dropped', 'Jose', 'Nunez', '1985-06-15'],
    ['capitals', 'JOSÉ', 'NÚÑEZ', '1985-06-15'],
    ['lower case, extra spaces', '  josé ', ' núñez', '1985-06-15'],
    ['first and last name swapped', 'Núñez', 'José', '1985-06-15'],
  ])('refuses the same name and birth date (%s) with 409 and the candidate', async (_case, firstName, lastName, dateOfBirth) => {
    const { host, staff, jose } = await clinic();
    const r = await refusal(host.call('patients.create', { firstName, lastName, dateOfBirth }, staff.frontDesk));
    expect([r.status, r.code]).toEqual([409, 'conflict']);
    const details = r.details as { reason: string; candidates: DuplicateCandidate[] };
    expect(details.reason).toBe('possible_duplicate');
    expect(details.candidates.map((c) => [c.id, c.chartNumber, c.matchedOn])).toEqual([[jose.id, 'SC-000001', ['name_and_birth_date']]]);
    expect(patientCount(host)).toBe(1);
  });

  it('does not suspect the same name with another birth date', async () => {
    const { host, staff } = await clinic();
    const other = await register(host, staff.frontDesk, 'José', 'Núñez', { dateOfBirth: '1990-01-01' });
    expect(other.chartNumber).toBe('SC-000002');
  });

  it.each([['555.201.3344'], ['+1 555 201 3344'], ['(555) 2013344'], ['001 555 201 3344']])('refuses the same phone number typed as %s', async (phone) => {
    const { host, staff, jose } = await clinic();
    const r = await refusal(register(host, staff.frontDesk, 'Maria', 'Lopez', { phone, dateOfBirth: '1970-02-02' }));
    expect(r.code).toBe('conflict');
    expect((r.details as { candidates: DuplicateCandidate[] }).candidates.map((c) => [c.id, c.matchedOn])).toEqual([[jose.id, ['phone']]]);
  });

  it('names both reasons when name, birth date and phone all match', async () => {
    const { host, staff } = await clinic();
    const r = await refusal(register(host, staff.frontDesk, 'jose', 'nunez', { phone: '5552013344' }));
    expect((r.details as { candidates: DuplicateCandidate[] }).candidates[0]!.matchedOn).toEqual(['name_and_birth_date', 'phone']);
  });

  it('creates the record when the user confirms a different person, and audits the confirmation', async () => {
    const { host, staff, jose } = await clinic();
    const twin = await register(host, staff.frontDesk, 'Jose', 'Nunez', { confirmNewRecord: true });
    expect(twin.chartNumber).toBe('SC-000002');
    const log = await host.call('audit.query', { patientId: twin.id }, staff.admin);
    expect(log.items.map((e) => [e.action, e.userId])).toEqual([
      ['patients.create_confirmed_duplicate', staff.ids.frontDesk],
      ['patients.create', staff.ids.frontDesk],
    ]);
    // A confirmation with nothing to confirm is not recorded as one.
    const fresh = await register(host, staff.frontDesk, 'Lena', 'Berg', { confirmNewRecord: true });
    const freshLog = await host.call('audit.query', { patientId: fresh.id }, staff.admin);
    expect(freshLog.items.map((e) => e.action)).toEqual(['patients.create']);
    expect(jose.id).not.toBe(twin.id);
  });

  it('answers the live check while the form is being filled, leaving out the record being edited', async () => {
    const { host, staff, jose } = await clinic();
    const dupes = (input: Parameters<typeof findDuplicates>[1]) => host.call('patients.duplicates', input as never, staff.frontDesk);
    expect((await dupes({ firstName: 'jose', lastName: 'NUNEZ', dateOfBirth: '1985-06-15' })).items.map((c) => c.id)).toEqual([jose.id]);
    expect((await dupes({ firstName: 'jose', lastName: 'NUNEZ' })).items).toEqual([]);
    expect((await dupes({ phone: '555-201-3344' })).items.map((c) => c.id)).toEqual([jose.id]);
    expect((await dupes({ phone: '201' })).items).toEqual([]);
    expect((await dupes({ phone: '555-201-3344', excludeId: jose.id })).items).toEqual([]);
    expect((await dupes({})).items).toEqual([]);
  });

  it('finds duplicates through indexes, never a scan of patients', async () => {
    // A fresh clinic, so the statement is prepared (and its plan captured) here.
    const host = testHost();
    const plans: string[] = [];
    const original = host.db.sql.prepare.bind(host.db.sql);
    host.db.sql.prepare = ((text: string) => {
      if (text.includes('FROM patients p')) plans.push(...(original(`EXPLAIN QUERY PLAN ${text}`).all(...Array(8).fill(null)) as { detail: string }[]).map((r) => r.detail));
      return original(text);
    }) as typeof host.db.sql.prepare;
    findDuplicates(host.db.sql, { firstName: 'Ann', lastName: 'Bell', dateOfBirth: '1970-01-01', phone: '5550001111' });
    const plan = plans.join('\n');
    expect(plan).toContain('patients_name_key_dob');
    expect(plan).toContain('patients_phone_digits_reversed');
    expect(plans.filter((d) => /^SCAN (p|patients)\b/.test(d))).toEqual([]);
  });
});

describe('archiving a patient', () => {
  it('archives with a reason, never deletes, hides from search unless asked, and can be restored', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const p = await register(host, staff.frontDesk, 'Ana', 'Silva');
    const noReason = await refusal(host.call('patients.archive', { id: p.id, version: p.version, reason: ' ' }, staff.frontDesk));
    expect((noReason.details as { issues: { path: string }[] }).issues[0]!.path).toBe('reason');

    const archived = await host.call('patients.archive', { id: p.id, version: p.version, reason: 'Duplicate of SC-000009' }, staff.frontDesk);
    expect([archived.archivedAt, archived.archivedReason, archived.version]).toEqual([host.clock.now().toISOString(), 'Duplicate of SC-000009', 2]);
    expect((await host.call('patients.search', { query: 'silva' }, staff.frontDesk)).items).toEqual([]);
    expect((await host.call('patients.search', { query: 'silva', includeArchived: true }, staff.frontDesk)).items.map((i) => i.id)).toEqual([p.id]);
    // The archived record still counts as a possible duplicate: the person may be back.
    expect((await refusal(register(host, staff.frontDesk, 'Ana', 'Silva'))).code).toBe('conflict');

    const again = await refusal(host.call('patients.archive', { id: p.id, version: 2, reason: 'again' }, staff.frontDesk));
    expect(again.code).toBe('conflict');
    const stale = await refusal(host.call('patients.restore', { id: p.id, version: 1, reason: 'archived by mistake' }, staff.frontDesk));
    expect((stale.details as { reason: string }).reason).toBe('stale_version');
    const restored = await host.call('patients.restore', { id: p.id, version: 2, reason: 'archived by mistake' }, staff.frontDesk);
    expect([restored.archivedAt, restored.archivedReason]).toEqual([null, null]);
    const log = await host.call('audit.query', { patientId: p.id }, staff.admin);
    expect(log.items.map((e) => e.action).slice(0, 2)).toEqual(['patients.restore', 'patients.archive']);
  });

  it('refuses to archive a patient with an upcoming appointment', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const p = await register(host, staff.frontDesk, 'Ana', 'Silva');
    await host.call(
      'appointments.book',
      { patientId: p.id, practitionerId: staff.ids.practitioner, treatmentType: 'laser', startsAt: '2026-03-05T10:00:00Z', endsAt: '2026-03-05T10:30:00Z' },
      staff.frontDesk,
    );
    const r = await refusal(host.call('patients.archive', { id: p.id, version: 1, reason: 'moved away' }, staff.frontDesk));
    expect([r.code, (r.details as { reason: string }).reason]).toEqual(['conflict', 'upcoming_appointments']);
    expect((await host.call('patients.get', { id: p.id }, staff.frontDesk)).archivedAt).toBeNull();
  });
});
