import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { treatmentTypes } from '../../db/api/fields';
import { validConsentFor } from '../../db/records/consent-lookup';
import { refusal, testHost, withStaff, type TestHost } from '../support/host';
import { blankSignature, dataUrlOf, rgbaPng, signature } from '../support/png';

// Sign-ins that outlast the clock jumps below (years, not the clinic's 12-hour day).
const YEARS = 10 * 365 * 86_400_000;

async function clinic() {
  const host = testHost({ sessions: { maxAgeMs: YEARS, idleMs: YEARS } });
  const staff = await withStaff(host);
  const patient = await host.call('patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, staff.frontDesk);
  const laser = (await host.call('consents.templates.list', { treatmentType: 'laser' }, staff.frontDesk)).items[0]!;
  return { host, staff, patient, laser };
}

const consentCount = (host: TestHost) => (host.db.sql.prepare('SELECT count(*) AS n FROM consents').get() as { n: number }).n;

describe('consent templates', () => {
  it('first-run setup publishes version 1 for every treatment type, with the sections a consent needs', async () => {
    const { host, staff } = await clinic();
    const { items } = await host.call('consents.templates.list', {}, staff.frontDesk);
    expect(items.map((t) => t.treatmentType)).toEqual([...treatmentTypes]);
    for (const t of items) {
      expect(t).toMatchObject({ version: 1, current: true, publishedByName: 'Ada Admin' });
      for (const section of ['## What the treatment is', '## What it may do for you', '## Risks and side effects', '## Other choices', '## Photographs', '## Your rights', '## Your agreement']) {
        expect(t.body, `${t.treatmentType}: ${section}`).toContain(section);
      }
      expect(t.body).toContain('No treatment');
      expect(t.body).toContain('withdraw your consent at any time');
      expect(t.body).toContain('You can ask questions');
      expect(t.body).toContain('{{patient.fullName}}');
    }
    const body = (type: string) => items.find((t) => t.treatmentType === type)!.body;
    for (const words of ['not approved for skin lightening in several countries', 'long-term safety have not been established', 'Infiltration (extravasation)', 'Phlebitis', 'Anaphylaxis', 'bruise']) {
      expect(body('iv_glutathione')).toContain(words);
    }
    for (const words of ['Blistering', 'burns', 'Post-inflammatory hyperpigmentation', 'Hypopigmentation', 'Scarring', 'Eye injury']) expect(body('laser')).toContain(words);
    for (const words of ['Pinpoint bleeding', 'Infection', 'Reactions to the serums', 'Post-inflammatory hyperpigmentation']) expect(body('microneedling')).toContain(words);
    for (const words of ['Stinging', 'Peeling', 'Chemical burns', 'cold sores']) expect(body('chemical_peel')).toContain(words);
    for (const words of ['blister', 'Hypopigmentation']) expect(body('cryotherapy')).toContain(words);
    // Numbing creams, where they are used.
    for (const type of ['laser', 'ipl', 'microneedling', 'mesotherapy', 'iv_glutathione', 'glutathione_injection']) {
      expect(body(type)).toContain('methaemoglobinaemia');
      expect(body(type)).toContain('no more than 60 minutes');
      expect(body(type)).toContain('must not go on broken');
    }
  });

  it('publishing makes version N+1; earlier versions stay as they were', async () => {
    const { host, staff, laser } = await clinic();
    const v2 = await host.call('consents.templates.publish', { treatmentType: 'laser', title: 'Laser consent', body: 'New wording for {{patient.fullName}}.' }, staff.admin);
    expect(v2).toMatchObject({ treatmentType: 'laser', version: 2, current: true, publishedByName: 'Ada Admin', publishedAt: host.clock.current.toISOString() });
    const v3 = await host.call('consents.templates.publish', { treatmentType: 'laser', title: 'Laser consent', body: 'Third wording.' }, staff.admin);
    expect(v3.version).toBe(3);
    const history = (await host.call('consents.templates.list', { treatmentType: 'laser', history: true }, staff.admin)).items;
    expect(history.map((t) => [t.version, t.current])).toEqual([[3, true], [2, false], [1, false]]);
    expect(await host.call('consents.templates.get', { id: laser.id }, staff.frontDesk)).toEqual({ ...laser, current: false });
    // Other treatment types are untouched.
    expect((await host.call('consents.templates.list', { treatmentType: 'ipl' }, staff.admin)).items[0]!.version).toBe(1);
    const published = (await host.call('audit.query', { action: 'consents.templates.publish' }, staff.admin)).items;
    expect(published.length).toBe(treatmentTypes.length + 2);
    expect(new Set(published.map((e) => e.userId))).toEqual(new Set([staff.ids.admin]));
  });

  it('only an admin publishes; unchanged wording and unknown fields are refused, naming the body', async () => {
    const { host, staff, laser } = await clinic();
    expect((await refusal(host.call('consents.templates.publish', { treatmentType: 'laser', title: 'x', body: 'y' }, staff.practitioner))).code).toBe('forbidden');
    expect((await refusal(host.call('consents.templates.publish', { treatmentType: 'laser', title: 'x', body: 'y' }, staff.frontDesk))).code).toBe('forbidden');
    const same = await refusal(host.call('consents.templates.publish', { treatmentType: 'laser', title: laser.title, body: laser.body }, staff.admin));
    expect(same.code).toBe('conflict');
    expect(same.message).toMatch(/body: is the same as version 1/);
    const unknown = await refusal(host.call('consents.templates.publish', { treatmentType: 'laser', title: 'x', body: 'Hello {{patient.nickname}}' }, staff.admin));
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.message).toMatch(/body: \{\{patient\.nickname\}\} is not a known field/);
    const open = await refusal(host.call('consents.templates.publish', { treatmentType: 'laser', title: 'x', body: 'Hello {{patient.fullName' }, staff.admin));
    expect(open.message).toMatch(/body: has a \{\{ or \}\}/);
    expect((await refusal(host.call('consents.templates.publish', { treatmentType: 'tattoo' as never, title: 'x', body: 'y' }, staff.admin))).message).toMatch(/treatmentType/);
    expect((await refusal(host.call('consents.templates.publish', { treatmentType: 'laser', title: ' ', body: 'y' }, staff.admin))).message).toMatch(/title: is required/);
    expect((await host.call('consents.templates.list', { treatmentType: 'laser', history: true }, staff.admin)).items).toHaveLength(1);
  });

  it('the database itself refuses to change or delete a published template', async () => {
    const { host, laser } = await clinic();
    expect(() => host.db.sql.prepare(`UPDATE consent_templates SET body = 'changed' WHERE id = ?`).run(laser.id)).toThrow(/never changes/);
    expect(() => host.db.sql.prepare('DELETE FROM consent_templates WHERE id = ?').run(laser.id)).toThrow(/never changes/);
  });

  it('a preview fills in the patient fields; without a patient it is a blank copy', async () => {
    const { host, staff, patient, laser } = await clinic();
    const filled = await host.call('consents.templates.preview', { templateId: laser.id, patientId: patient.id }, staff.frontDesk);
    expect(filled.renderedText).toContain(`I, Marisol Núñez (date of birth 14 March 1988, chart number ${patient.chartNumber})`);
    expect(filled.renderedText).toContain('I agree to have Laser treatment at Test Clinic.');
    expect(filled.renderedText).toMatch(/Date: 2 March 2026$/);
    expect(filled.renderedText).not.toContain('{{');
    expect(filled.textHash).toBe(createHash('sha256').update(filled.renderedText).digest('hex'));
    expect(filled).toMatchObject({ needsGuardian: false, signedOn: '2026-03-02', patient: { id: patient.id, fullName: 'Marisol Núñez', chartNumber: patient.chartNumber } });

    const blank = await host.call('consents.templates.preview', { templateId: laser.id }, staff.frontDesk);
    expect(blank.patient).toBeNull();
    expect(blank.renderedText).toContain('I, ____________________ (date of birth ____________________');
    expect(blank.renderedText).toContain('at Test Clinic.');

    const child = await host.call('patients.create', { firstName: 'Tomás', lastName: 'Núñez', dateOfBirth: '2012-05-01' }, staff.frontDesk);
    expect((await host.call('consents.templates.preview', { templateId: laser.id, patientId: child.id }, staff.frontDesk)).needsGuardian).toBe(true);
  });
});

describe('signing a consent', () => {
  it('stores the text exactly as shown, the signature, the fields, the photo choice, the time and a SHA-256 over all of it', async () => {
    const { host, staff, patient, laser } = await clinic();
    const shown = await host.call('consents.templates.preview', { templateId: laser.id, patientId: patient.id }, staff.frontDesk);
    const sig = signature();
    const signed = await host.call(
      'consents.sign',
      { patientId: patient.id, templateId: laser.id, signature: sig, signedByName: 'Marisol Núñez', photoConsent: true, witnessUserId: staff.ids.practitioner, shownTextHash: shown.textHash },
      staff.frontDesk,
    );
    expect(signed).toMatchObject({
      patientId: patient.id,
      templateId: laser.id,
      templateVersion: 1,
      treatmentType: 'laser',
      renderedText: shown.renderedText,
      signature: sig,
      signedByName: 'Marisol Núñez',
      photoConsent: true,
      witnessUserId: staff.ids.practitioner,
      witnessName: 'Priya Practitioner',
      recordedBy: staff.ids.frontDesk,
      recordedByName: 'Femi Desk',
      signedAt: '2026-03-02T09:00:00.000Z',
      status: 'valid',
      expiresAt: '2027-03-02T09:00:00.000Z',
      patient: { id: patient.id, fullName: 'Marisol Núñez', chartNumber: patient.chartNumber, dateOfBirth: '1988-03-14' },
    });
    expect(signed.fields).toMatchObject({ signedOn: '2026-03-02', ageOnSigning: 37, template: { version: 1 }, values: { 'patient.fullName': 'Marisol Núñez' } });
    expect(signed.contentHash).toMatch(/[0-9a-f]{64}$/);
    expect(await host.call('consents.verify', { id: signed.id }, staff.frontDesk)).toEqual({ id: signed.id, intact: true, contentHash: signed.contentHash, computedHash: signed.contentHash });
    const audit = (await host.call('audit.query', { action: 'consents.sign' }, staff.admin)).items;
    expect(audit).toMatchObject([{ entity: 'consent', entityId: String(signed.id), patientId: patient.id, userId: staff.ids.frontDesk }]);
    // What the patient read stays what was stored, even after their details change.
    await host.call('patients.update', { id: patient.id, version: patient.version, lastName: 'Núñez-Ortega' }, staff.frontDesk);
    const again = await host.call('consents.get', { id: signed.id }, staff.frontDesk);
    expect(again.renderedText).toBe(shown.renderedText);
    expect(again.patient.fullName).toBe('Marisol Núñez');
  });

  it('a guardian signs for a patient under 18, giving their name and relationship', async () => {
    const { host, staff, laser } = await clinic();
    const child = await host.call('patients.create', { firstName: 'Tomás', lastName: 'Núñez', dateOfBirth: '2012-05-01' }, staff.frontDesk);
    const base = { patientId: child.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' };
    const missing = await refusal(host.call('consents.sign', base, staff.frontDesk));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toMatch(/guardianName: is required: the patient is 13/);
    expect((await refusal(host.call('consents.sign', { ...base, guardianName: 'Marisol Núñez' }, staff.frontDesk))).message).toMatch(/guardianRelationship: is required/);
    const signed = await host.call('consents.sign', { ...base, guardianName: 'Marisol Núñez', guardianRelationship: 'Mother' }, staff.frontDesk);
    expect(signed).toMatchObject({ guardianName: 'Marisol Núñez', guardianRelationship: 'Mother', fields: { ageOnSigning: 13 } });
  });

  it('the database refuses any direct change to a signed consent; only voiding, once, is allowed', async () => {
    const { host, staff, patient, laser } = await clinic();
    const signed = await host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
    const sql = host.db.sql;
    const edits = [
      `rendered_text = 'I agree to everything'`,
      `signature = 'data:image/png;base64,AAAA'`,
      `signed_by_name = 'Someone Else'`,
      `photo_consent = 1`,
      `signed_at = '2020-01-01T00:00:00.000Z'`,
      `content_hash = '${'0'.repeat(64)}'`,
      `fields = '{}'`,
      `patient_id = patient_id + 1`,
    ];
    for (const set of edits) expect(() => sql.prepare(`UPDATE consents SET ${set} WHERE id = ?`).run(signed.id), set).toThrow(/a signed consent never changes/);
    expect(() => sql.prepare(`UPDATE consents SET void_reason = 'x' WHERE id = ?`).run(signed.id)).toThrow(/never changes/);
    expect(() => sql.prepare('DELETE FROM consents WHERE id = ?').run(signed.id)).toThrow(/never deleted/);
    // Voiding, with nothing else changed, is the one update allowed; after it the row is frozen.
    sql.prepare(`UPDATE consents SET voided_at = '2026-03-03T00:00:00.000Z', void_reason = 'test' WHERE id = ?`).run(signed.id);
    expect(() => sql.prepare(`UPDATE consents SET void_reason = 'other' WHERE id = ?`).run(signed.id)).toThrow(/never changes/);
    expect((await host.call('consents.verify', { id: signed.id }, staff.frontDesk)).intact).toBe(true);
  });

  it('verify recomputes the hash and reports a record altered behind the guards', async () => {
    const { host, staff, patient, laser } = await clinic();
    const signed = await host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
    // Someone with the file and a SQLite shell drops the guard and edits the text.
    host.db.sql.exec('DROP TRIGGER consents_signed_immutable');
    host.db.sql.prepare(`UPDATE consents SET rendered_text = replace(rendered_text, 'Blistering', 'Nothing') WHERE id = ?`).run(signed.id);
    const verdict = await host.call('consents.verify', { id: signed.id }, staff.frontDesk);
    expect(verdict).toMatchObject({ intact: false, contentHash: signed.contentHash });
    expect(verdict.computedHash).not.toBe(signed.contentHash);
    host.db.sql.prepare(`UPDATE consents SET rendered_text = ? WHERE id = ?`).run(signed.renderedText, signed.id);
    expect((await host.call('consents.verify', { id: signed.id }, staff.frontDesk)).intact).toBe(true);
    host.db.sql.prepare(`UPDATE consents SET photo_consent = 1 WHERE id = ?`).run(signed.id);
    expect((await host.call('consents.verify', { id: signed.id }, staff.frontDesk)).intact).toBe(false);
  });

  it('is valid for the clinic’s validity period, measured on a fixed clock', async () => {
    const { host, staff, patient, laser } = await clinic();
    host.clock.set('2026-01-31T10:00:00.000Z');
    const signed = await host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
    const statusOn = async (iso: string) => {
      host.clock.set(iso);
      return (await host.call('consents.forPatient', { patientId: patient.id }, staff.frontDesk)).items[0]!.status;
    };
    expect(await statusOn('2026-01-31T10:00:00.000Z')).toBe('valid');
    expect(await statusOn('2027-01-31T09:59:59.999Z')).toBe('valid');
    expect(await statusOn('2027-01-31T10:00:00.000Z')).toBe('expired');
    const lookup = (iso: string) => validConsentFor(host.db, patient.id, 'laser', new Date(iso));
    expect(lookup('2026-12-31T00:00:00.000Z')?.id).toBe(signed.id);
    expect(lookup('2027-02-01T00:00:00.000Z')).toBeNull();
    expect(validConsentFor(host.db, patient.id, 'ipl', new Date('2026-02-01T00:00:00.000Z'))).toBeNull();
    // The clinic shortens its validity period: the same signature now runs out sooner.
    host.clock.set('2026-08-01T00:00:00.000Z');
    await host.call('settings.update', { consentValidityMonths: 6 }, staff.admin);
    const item = (await host.call('consents.forPatient', { patientId: patient.id }, staff.frontDesk)).items[0]!;
    expect(item).toMatchObject({ status: 'expired', expiresAt: '2026-07-31T10:00:00.000Z' });
  });

  it('a new template version supersedes earlier signatures; the old one still reprints its own wording', async () => {
    const { host, staff, patient, laser } = await clinic();
    const v1 = await host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
    host.clock.advance(86_400_000);
    const v2 = await host.call('consents.templates.publish', { treatmentType: 'laser', title: 'Laser treatment consent (2026)', body: 'Revised wording: {{patient.fullName}} agrees.' }, staff.admin);
    const before = (await host.call('consents.forPatient', { patientId: patient.id }, staff.frontDesk)).items;
    expect(before).toMatchObject([{ id: v1.id, status: 'superseded', templateVersion: 1, latestTemplateVersion: 2 }]);
    expect(validConsentFor(host.db, patient.id, 'laser', host.clock.now())).toBeNull();
    const old = await refusal(host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk));
    expect(old.code).toBe('conflict');
    expect(old.message).toMatch(/templateId: version 1 of the Laser treatment consent has been replaced/);
    const renewed = await host.call('consents.sign', { patientId: patient.id, templateId: v2.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
    const after = (await host.call('consents.forPatient', { patientId: patient.id }, staff.frontDesk)).items;
    expect(after.map((c) => [c.id, c.templateVersion, c.status])).toEqual([
      [renewed.id, 2, 'valid'],
      [v1.id, 1, 'superseded'],
    ]);
    expect(validConsentFor(host.db, patient.id, 'laser', host.clock.now())?.id).toBe(renewed.id);
    const reprint = await host.call('consents.get', { id: v1.id }, staff.frontDesk);
    expect(reprint.renderedText).toBe(v1.renderedText);
    expect(reprint.renderedText).not.toContain('Revised wording');
    expect(reprint).toMatchObject({ title: laser.title, templateVersion: 1 });
    expect(renewed.renderedText).toBe('Revised wording: Marisol Núñez agrees.');
  });

  it('voiding needs a reason, happens once, is audited, and leaves the signed content intact', async () => {
    const { host, staff, patient, laser } = await clinic();
    const signed = await host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
    const noReason = await refusal(host.call('consents.void', { id: signed.id, reason: '   ' }, staff.practitioner));
    expect(noReason.code).toBe('invalid_input');
    expect(noReason.message).toMatch(/reason: is required/);
    expect((await refusal(host.call('consents.void', { id: signed.id } as never, staff.practitioner))).message).toMatch(/reason: is required/);
    host.clock.advance(3_600_000);
    const voided = await host.call('consents.void', { id: signed.id, reason: 'Patient withdrew consent at the front desk' }, staff.practitioner);
    expect(voided).toMatchObject({ status: 'voided', voidedAt: '2026-03-02T10:00:00.000Z', voidReason: 'Patient withdrew consent at the front desk', voidedBy: staff.ids.practitioner, voidedByName: 'Priya Practitioner', contentHash: signed.contentHash, renderedText: signed.renderedText });
    const twice = await refusal(host.call('consents.void', { id: signed.id, reason: 'again' }, staff.admin));
    expect(twice.code).toBe('conflict');
    expect(twice.message).toMatch(/already voided on 2026-03-02/);
    expect((await refusal(host.call('consents.void', { id: 9999, reason: 'x' }, staff.admin))).code).toBe('not_found');
    expect(validConsentFor(host.db, patient.id, 'laser', host.clock.now())).toBeNull();
    expect((await host.call('consents.verify', { id: signed.id }, staff.admin)).intact).toBe(true);
    expect((await host.call('audit.query', { action: 'consents.void' }, staff.admin)).items).toHaveLength(1);
  });

  describe('refuses bad input with a clear code, and stores nothing', () => {
    const cases: [string, (c: Awaited<ReturnType<typeof clinic>>) => Record<string, unknown>, string, RegExp][] = [
      ['an unknown template', () => ({ templateId: 9999 }), 'not_found', /consent template 9999 does not exist/],
      ['a patient that does not exist', () => ({ patientId: 4242 }), 'not_found', /patient 4242 does not exist/],
      ['an empty signature', () => ({ signature: '' }), 'invalid_input', /signature: is empty/],
      ['a blank canvas', () => ({ signature: blankSignature() }), 'invalid_input', /signature: is empty; please sign in the box/],
      ['a single dot', () => ({ signature: dataUrlOf(rgbaPng(300, 100, (x, y) => x === 10 && y === 10)) }), 'invalid_input', /signature: is empty/],
      ['text posing as a PNG', () => ({ signature: 'data:image/png;base64,' + Buffer.from('hello, not an image').toString('base64') }), 'invalid_input', /signature: must be a PNG image/],
      ['another kind of data', () => ({ signature: 'data:text/html;base64,PHNjcmlwdD4=' }), 'invalid_input', /signature: must be a PNG image/],
      ['a plain string', () => ({ signature: 'Marisol' }), 'invalid_input', /signature: must be a PNG image/],
      ['a signature over 1 MB', () => ({ signature: 'data:image/png;base64,' + 'A'.repeat(1_500_000) }), 'invalid_input', /signature: must be under 1 MB/],
      ['a blank typed name', () => ({ signedByName: '  ' }), 'invalid_input', /signedByName: is required/],
      ['a date that is not today', () => ({ signedOn: '2026-02-20' }), 'invalid_input', /signedOn: must be today's date/],
      ['a witness who is not staff', () => ({ witnessUserId: 77 }), 'invalid_input', /witnessUserId: must be an active staff member/],
      ['text changed since it was shown', () => ({ shownTextHash: 'a'.repeat(64) }), 'conflict', /The form changed after it was shown/],
      ['an unknown field', () => ({ status: 'valid' }), 'invalid_input', /status: is not a known field/],
    ];
    it.each(cases)('%s', async (_name, change, code, message) => {
      const c = await clinic();
      const input = { patientId: c.patient.id, templateId: c.laser.id, signature: signature(), signedByName: 'Marisol Núñez', ...change(c) };
      const r = await refusal(c.host.call('consents.sign', input as never, c.staff.frontDesk));
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
      expect(consentCount(c.host)).toBe(0);
    });

    it('an archived patient, and a witness whose account is closed', async () => {
      const c = await clinic();
      c.host.db.sql.prepare(`UPDATE patients SET archived_at = '2026-01-01T00:00:00.000Z' WHERE id = ?`).run(c.patient.id);
      const archived = await refusal(c.host.call('consents.sign', { patientId: c.patient.id, templateId: c.laser.id, signature: signature(), signedByName: 'M N' }, c.staff.frontDesk));
      expect(archived.code).toBe('conflict');
      const other = await c.host.call('patients.create', { firstName: 'Ada', lastName: 'Okafor', dateOfBirth: '1990-01-01' }, c.staff.frontDesk);
      const desk = (await c.host.call('users.list', {}, c.staff.admin)).items.find((u) => u.username === 'femi')!;
      await c.host.call('users.update', { id: desk.id, version: desk.version, active: false }, c.staff.admin);
      const closed = await refusal(c.host.call('consents.sign', { patientId: other.id, templateId: c.laser.id, signature: signature(), signedByName: 'Ada Okafor', witnessUserId: desk.id }, c.staff.practitioner));
      expect(closed.message).toMatch(/witnessUserId: must be an active staff member/);
      expect(consentCount(c.host)).toBe(0);
    });
  });

  it('every role can take a signature and read consents; a signed-out caller cannot', async () => {
    const { host, staff, patient, laser } = await clinic();
    for (const token of [staff.frontDesk, staff.practitioner, staff.admin]) {
      await host.call('consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez' }, token);
    }
    expect((await host.call('consents.forPatient', { patientId: patient.id }, staff.frontDesk)).items).toHaveLength(3);
    expect((await refusal(host.call('consents.forPatient', { patientId: patient.id }, null))).code).toBe('unauthenticated');
    expect((await refusal(host.call('consents.forPatient', { patientId: 999 }, staff.frontDesk))).code).toBe('not_found');
    expect((await refusal(host.call('consents.get', { id: 999 }, staff.frontDesk))).code).toBe('not_found');
    const views = (await host.call('audit.query', { action: 'consents.forPatient' }, staff.admin)).items;
    expect(views[0]).toMatchObject({ patientId: patient.id, userId: staff.ids.frontDesk });
  });
});
