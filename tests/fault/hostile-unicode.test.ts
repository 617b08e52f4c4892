import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit-chain';
import { MAX_INPUT_DEPTH } from '../../electron/input-hygiene';
import { refusal, testHost, withStaff } from '../support/host';

// Cases the hostile-input properties found or must never regress on, spelled out.

/** UTF-8 bytes ED A0..BF start an encoded surrogate: not valid UTF-8. */
const hasEncodedSurrogate = (hex: string) => {
  const bytes = hex.match(/../g) ?? [];
  return bytes.some((b, i) => b === 'ED' && /^[AB]/.test(bytes[i + 1] ?? ''));
};

describe('awkward text reaching the records', () => {
  it('a sign-in attempt with a lone surrogate in the username leaves the audit chain verifiable', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    for (const username of ['x\ud800y', '\udfff', 'a\udbff\udbffb']) {
      const r = await refusal(host.call('auth.login', { username, password: 'not the password' }, null));
      expect(r.code).toBe('unauthenticated');
    }
    expect(verifyAuditChain(host.db.sql).ok).toBe(true);
    const failed = await host.call('audit.query', { action: 'auth.login_failed' }, staff.admin);
    expect(failed.items.map((e) => e.entityId)).toEqual(['a\ufffd\ufffdb', '\ufffd', 'x\ufffdy']);
  });

  it('an audit entry appended with a lone surrogate from anywhere still verifies', () => {
    const host = testHost();
    host.db.sql.transaction(() => appendAudit(host.db.sql, '2026-03-02T09:00:00.000Z', null, { action: 'a\ud800', entity: '\udc00e', entityId: 'id\ud83d' }))();
    expect(verifyAuditChain(host.db.sql)).toMatchObject({ ok: true, entries: 1 });
  });

  it('stores text as well-formed UTF-8 and gives back what it stored', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const p = await host.call('patients.create', { firstName: 'Zo\ud800e', lastName: 'O\u0301\u202eKeefe\u202c 👩🏽‍⚕️', dateOfBirth: '1990-01-01', notes: 'a\u0000b\udfff' }, staff.frontDesk);
    expect([p.firstName, p.lastName, p.notes]).toEqual(['Zo\ufffde', 'O\u0301\u202eKeefe\u202c 👩🏽‍⚕️', 'a\u0000b\ufffd']);
    expect(await host.call('patients.get', { id: p.id }, staff.frontDesk)).toEqual(p);
    const hex = host.db.sql.prepare('SELECT hex(first_name) || hex(last_name) || hex(notes) AS h FROM patients WHERE id = ?').get(p.id) as { h: string };
    expect(hasEncodedSurrogate(hex.h)).toBe(false);
  });

  it('keeps `__proto__` and `constructor` as unknown keys, never as a prototype', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const input = JSON.parse('{"firstName":"Pro","lastName":"To","dateOfBirth":"1990-01-01","__proto__":{"role":"admin","notes":"smuggled"}}') as never;
    const r = await refusal(host.call('patients.create', input, staff.frontDesk));
    expect(r.message).toMatch(/__proto__: is not a known field/);
    const ctor = JSON.parse('{"query":"a","constructor":{"prototype":{"role":"admin"}}}') as never;
    expect((await refusal(host.call('patients.search', ctor, staff.frontDesk))).message).toMatch(/constructor: is not a known field/);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('notes');
  });

  it('refuses input nested deeper than any form sends, before walking it', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const deep = JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`) as never;
    const r = await refusal(host.call('patients.search', deep, staff.frontDesk));
    expect([r.status, r.code]).toEqual([400, 'invalid_input']);
    expect(r.details).toEqual({ issues: [{ path: '(input)', message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` }] });
    const shallow = { query: 'a', limit: 5 };
    expect((await host.call('patients.search', shallow, staff.frontDesk)).items).toEqual([]);
  });
});
