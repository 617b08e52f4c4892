import { describe, expect, it } from 'vitest';
import { searchIntentOf } from '../../db/records/patient-search';
import { refusal, testHost, withStaff, type TestHost } from '../support/host';

const register = (host: TestHost, token: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}) =>
  host.call('patients.create', { firstName, lastName, dateOfBirth: '1985-06-15', ...extra }, token);

describe('patients', () => {
  it('gives chart numbers in order, never reused', async () => {
    const host = testHost();
    const { frontDesk } = await withStaff(host);
    const a = await register(host, frontDesk, 'Ana', 'Silva');
    const b = await register(host, frontDesk, 'Ben', 'Okoro');
    expect([a.chartNumber, b.chartNumber]).toEqual(['SC-000001', 'SC-000002']);
    expect(a.version).toBe(1);
  });

  it('refuses a stale edit with 409 and overwrites nothing', async () => {
    const host = testHost();
    const { frontDesk, practitioner } = await withStaff(host);
    const p = await register(host, frontDesk, 'Ana', 'Silva');
    await host.call('patients.update', { id: p.id, version: 1, phone: '555 0101' }, frontDesk);
    const r = await refusal(host.call('patients.update', { id: p.id, version: 1, phone: '555 9999' }, practitioner));
    expect([r.status, r.code]).toEqual([409, 'conflict']);
    const now = await host.call('patients.get', { id: p.id }, frontDesk);
    expect([now.phone, now.version]).toEqual(['555 0101', 2]);
  });

  it.each([
    [{ firstName: '   ' }, 'firstName', /is required/],
    [{ lastName: 'x'.repeat(101) }, 'lastName', /at most 100/],
    [{ dateOfBirth: '1990-02-30' }, 'dateOfBirth', /real date/],
    [{ dateOfBirth: '2999-01-01' }, 'dateOfBirth', /in the past/],
    [{ email: 'ana@' }, 'email', /e-mail/],
    [{ fitzpatrick: 7 }, 'fitzpatrick', /1 to 6/],
    [{ fitzpatrick: 2.5 }, 'fitzpatrick', /1 to 6/],
    [{ phone: 'call me' }, 'phone', /phone number/],
  ])('refuses %o naming %s', async (change, field, message) => {
    const host = testHost();
    const { frontDesk } = await withStaff(host);
    const r = await refusal(host.call('patients.create', { firstName: 'Ana', lastName: 'Silva', dateOfBirth: '1985-06-15', ...change } as never, frontDesk));
    expect(r.status).toBe(400);
    const issue = (r.details as { issues: { path: string; message: string }[] }).issues[0]!;
    expect(issue.path).toBe(field);
    expect(issue.message).toMatch(message);
    expect(host.db.sql.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 0 });
  });

  it('a patient is never deleted, even by hand', async () => {
    const host = testHost();
    const { frontDesk } = await withStaff(host);
    await register(host, frontDesk, 'Ana', 'Silva');
    expect(() => host.db.sql.prepare('DELETE FROM patients').run()).toThrow(/never deleted/);
  });
});

describe('patient search', () => {
  const clinic = async () => {
    const host = testHost();
    const { frontDesk } = await withStaff(host);
    await register(host, frontDesk, 'José', 'Núñez-García', { phone: '+1 (555) 201-3344' });
    await register(host, frontDesk, 'Marie', "O'Brien", { phone: '555 777 0000', dateOfBirth: '1972-11-03' });
    await register(host, frontDesk, 'Mariam', 'Haddad');
    const names = async (query: string) => (await host.call('patients.search', { query }, frontDesk)).items.map((p) => p.lastName);
    return { host, names };
  };

  it('finds by the start of any name part, ignoring accents and case', async () => {
    const { names } = await clinic();
    expect(await names('nunez')).toEqual(['Núñez-García']);
    expect(await names('GARC')).toEqual(['Núñez-García']);
    expect(await names('jos nú')).toEqual(['Núñez-García']);
    expect(await names('mari')).toEqual(['Haddad', "O'Brien"]);
    expect(await names('obrien')).toEqual(["O'Brien"]);
    expect(await names('zed')).toEqual([]);
  });

  it('finds by chart number, phone however typed, and date of birth', async () => {
    const { names } = await clinic();
    expect(await names('SC-000002')).toEqual(["O'Brien"]);
    expect(await names('sc2')).toEqual(["O'Brien"]);
    expect(await names('5552013344')).toEqual(['Núñez-García']);
    expect(await names('(555) 777')).toEqual(["O'Brien"]);
    expect(await names('3344')).toEqual(['Núñez-García']);
    expect(await names('1972-11-03')).toEqual(["O'Brien"]);
    expect(await names('03/11/1972')).toEqual(["O'Brien"]);
  });

  it.each([
    ['nunez', 'patient_name_keys'],
    ['SC-000002', 'patients_chart_number_unique'],
    ['5552013344', 'patients_phone_digits'],
    ['1972-11-03', 'patients_date_of_birth'],
  ])('searching %s uses an index, never a scan of patients', async (query, indexName) => {
    const { host } = await clinic();
    const intent = searchIntentOf(query);
    expect(intent.by).not.toBe('nothing');
    const plans: string[] = [];
    const original = host.db.sql.prepare.bind(host.db.sql);
    host.db.sql.prepare = ((text: string) => {
      if (text.includes('FROM patients p')) plans.push(...(original(`EXPLAIN QUERY PLAN ${text}`).all(...paramsFor(text)) as { detail: string }[]).map((r) => r.detail));
      return original(text);
    }) as typeof host.db.sql.prepare;
    const { searchPatients } = await import('../../db/records/patient-search');
    searchPatients(host.db.sql, query, 20, false);
    expect(plans.join('\n')).toContain(indexName);
    expect(plans.filter((d) => /^SCAN (p|patients)\b/.test(d))).toEqual([]);
  });
});

const paramsFor = (text: string) => Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null);
