import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../db/api';
import type { TreatmentType } from '../../db/api/fields';
import { refusal, testHost, withStaff, type Refused } from '../support/host';
import { signature } from '../support/png';
import { LASER } from '../support/charting';

// Sign-ins that outlast the clock moves below.
const YEARS = 10 * 365 * 86_400_000;

const AREAS = [
  { id: 'm1', diagram: 'face_front', kind: 'zone', zone: 'left_cheek', label: 'Left cheek' },
  { id: 'm2', diagram: 'face_front', kind: 'zone', zone: 'right_cheek', label: 'Right cheek' },
] as const;

async function clinic() {
  const host = testHost({ sessions: { maxAgeMs: YEARS, idleMs: YEARS } });
  const staff = await withStaff(host);
  const patient = await host.call('patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, staff.frontDesk);
  const catalogue = (await host.call('products.list', {}, staff.admin)).items;
  const product = (name: string) => catalogue.find((p) => p.name === name)!;
  const receive = (name: string, lotNumber: string, over: { expiresOn?: string; quantity?: number; receivedOn?: string } = {}) =>
    host.call('lots.receive', { productId: product(name).id, lotNumber, expiresOn: '2027-01-31', quantity: 30, receivedOn: '2026-02-01', ...over }, staff.admin);
  const cream = await receive('Lidocaine / prilocaine numbing cream', 'EMX-101');
  const glide = await receive('Hyaluronic acid serum (microneedling glide)', 'HA-77');
  const consent = async (treatmentType: TreatmentType) => {
    const template = (await host.call('consents.templates.list', { treatmentType }, staff.frontDesk)).items[0]!;
    return host.call('consents.sign', { patientId: patient.id, templateId: template.id, signature: signature(), signedByName: 'Marisol Núñez' }, staff.frontDesk);
  };
  const start = (treatmentType: TreatmentType = 'laser', token = staff.practitioner) => host.call('sessions.start', { patientId: patient.id, treatmentType }, token);
  const update = (input: InputOf<'sessions.update'>, token = staff.practitioner) => host.call('sessions.update', input, token);
  const setFlags = (flags: string[]) => host.db.sql.prepare('UPDATE patients SET flags = ? WHERE id = ?').run(JSON.stringify(flags), patient.id);
  const count = (table: string) => (host.db.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const row = (id: number) => host.db.sql.prepare('SELECT * FROM treatment_sessions WHERE id = ?').get(id);
  const onHand = async (lotId: number) => (await host.call('lots.get', { id: lotId }, staff.admin)).lot.onHand;
  /** A laser session charted completely, with numbing cream on and off: ready to sign. */
  const chartedLaser = async () => {
    const s = await start('laser');
    const applied = new Date(host.clock.current.getTime() - 45 * 60_000).toISOString();
    return update({
      id: s.id,
      version: s.version,
      parameters: LASER,
      areas: [...AREAS],
      numbing: { lotId: cream.id, quantity: 5, area: 'Full face', appliedAt: applied, removedAt: host.clock.current.toISOString() },
    });
  };
  return { host, staff, patient, cream, glide, consent, start, update, setFlags, count, row, onHand, chartedLaser, receive };
}

const issuePaths = (r: Refused) => ((r.details as { issues?: { path: string }[] } | undefined)?.issues ?? []).map((i) => i.path);

describe('sessions.update: a draft is saved as it is charted', () => {
  it('saves parameters, areas and notes, bumps the version, and reports what is still missing', async () => {
    const c = await clinic();
    const s = await c.start('laser');
    expect([s.status, s.version, s.checks.missing.map((m) => m.field)]).toEqual(['draft', 1, expect.arrayContaining(['fluenceJcm2', 'areas'])]);
    const saved = await c.update({ id: s.id, version: 1, parameters: { device: ' Q-switched Nd:YAG ', fluenceJcm2: 2.5 }, areas: [AREAS[0]], notes: 'Patient anxious; talked through.' });
    expect(saved).toMatchObject({ version: 2, parameters: { device: 'Q-switched Nd:YAG', fluenceJcm2: 2.5 }, notes: 'Patient anxious; talked through.' });
    expect(saved.areas).toHaveLength(1);
    expect(saved.checks.missing.map((m) => m.field)).not.toContain('fluenceJcm2');
    expect(saved.checks.missing.find((m) => m.field === 'wavelengthNm')?.label).toBe('Wavelength (nm)');
    // parameters replace what was stored, so a cleared field is cleared; empty notes clear the notes.
    const cleared = await c.update({ id: s.id, version: 2, parameters: { device: 'Q-switched Nd:YAG' }, notes: '' });
    expect([cleared.parameters, cleared.notes, cleared.areas.length]).toEqual([{ device: 'Q-switched Nd:YAG' }, null, 1]);
  });

  it.each([
    [{ fluenceJcm2: 0 }, 'parameters.fluenceJcm2', 'parameters.fluenceJcm2: must be more than 0 J/cm²'],
    [{ fluenceJcm2: '2.5' }, 'parameters.fluenceJcm2', 'parameters.fluenceJcm2: must be a number in J/cm²'],
    [{ wavelengthNm: 1064.5 }, 'parameters.wavelengthNm', 'parameters.wavelengthNm: must be a whole number of nm'],
    [{ cooling: 'fan' }, 'parameters.cooling', 'parameters.cooling: must be one of'],
    [{ testSpot: { done: true, result: 'fine' } }, 'parameters.testSpot.result', 'parameters.testSpot.result: must be a known test spot result'],
    [{ needleDepthMm: 1 }, 'parameters.needleDepthMm', 'parameters.needleDepthMm: is not a field of a laser chart'],
  ])('refuses parameters %j naming %s; nothing is saved', async (parameters, path, message) => {
    const c = await clinic();
    const s = await c.start('laser');
    const before = c.row(s.id);
    const r = await refusal(c.update({ id: s.id, version: 1, parameters: { device: 'kept out', ...parameters }, notes: 'not saved either' }));
    expect([r.status, r.code, issuePaths(r)]).toEqual([400, 'invalid_input', [path]]);
    expect(r.message).toContain(message);
    expect(c.row(s.id)).toEqual(before);
  });

  it('refuses marks that are malformed, too deep for the needle, or tied to a lot the session did not use', async () => {
    const c = await clinic();
    const s = await c.start('microneedling');
    const bad = [
      [[{ id: 'a', diagram: 'face_front', kind: 'zone', zone: 'chin', label: '' }], 'areas.0.label'],
      [[{ id: 'a', diagram: 'neck', kind: 'zone', zone: 'chin', label: 'Chin' }], 'areas.0.diagram'],
      [[{ id: 'a', diagram: 'face_front', kind: 'zone', zone: 'chin', label: 'Chin', depthMm: 3.5 }], 'areas.0.depthMm'],
      [[{ id: 'a', diagram: 'face_front', kind: 'zone', zone: 'chin', label: 'Chin', lotId: c.glide.id }], 'areas.0.lotId'],
    ] as const;
    for (const [areas, path] of bad) {
      const r = await refusal(c.update({ id: s.id, version: 1, areas: areas as never }));
      expect([r.code, issuePaths(r)], path).toEqual(['invalid_input', [path]]);
    }
    await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: c.glide.id, quantity: 2, area: 'Full face' }, c.staff.practitioner);
    const ok = await c.update({ id: s.id, version: 1, areas: [{ id: 'a', diagram: 'face_front', kind: 'zone', zone: 'chin', label: 'Chin', lotId: c.glide.id, depthMm: 1.5, passes: 3 }] });
    expect(ok.areas).toHaveLength(1);
  });

  it('autosave conflict: a save based on an old version is refused with 409 and overwrites nothing', async () => {
    const c = await clinic();
    const s = await c.start('laser');
    await c.update({ id: s.id, version: 1, parameters: { device: 'From the treatment room', fluenceJcm2: 3 } });
    const r = await refusal(c.update({ id: s.id, version: 1, parameters: { device: 'From the office' }, notes: 'older copy' }, c.staff.admin));
    expect([r.status, r.code, r.details]).toEqual([409, 'conflict', { reason: 'stale_version', currentVersion: 2 }]);
    const now = await c.host.call('sessions.get', { id: s.id }, c.staff.practitioner);
    expect([now.version, now.parameters, now.notes]).toEqual([2, { device: 'From the treatment room', fluenceJcm2: 3 }, null]);
    // Reloaded, the same change goes through on the current version.
    expect((await c.update({ id: s.id, version: 2, notes: 'newer copy' }, c.staff.admin)).version).toBe(3);
  });

  it('many saves racing on one version: exactly one wins', async () => {
    const c = await clinic();
    const s = await c.start('laser');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => c.update({ id: s.id, version: 1, notes: `copy ${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((c.row(s.id) as { version: number }).version).toBe(2);
  });

  it('a session for a missing patient, or an unknown session, is refused naming it', async () => {
    const c = await clinic();
    const r = await refusal(c.host.call('sessions.start', { patientId: 9999, treatmentType: 'laser' }, c.staff.practitioner));
    expect([r.status, issuePaths(r)]).toEqual([400, ['patientId']]);
    expect((await refusal(c.host.call('sessions.start', { patientId: c.patient.id, treatmentType: 'botox' as never }, c.staff.practitioner))).message).toMatch(/treatmentType: must be a known treatment type/);
    expect((await refusal(c.update({ id: 9999, version: 1, notes: 'x' }))).code).toBe('not_found');
    expect(c.count('treatment_sessions')).toBe(0);
  });

  it('moving the date re-checks every lot used: one expired on the new date is refused, naming performedAt', async () => {
    const c = await clinic();
    const short = await c.receive('Hyaluronic acid serum (microneedling glide)', 'HA-SHORT', { expiresOn: '2026-03-05' });
    const s = await c.start('microneedling');
    await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: short.id, quantity: 1 }, c.staff.practitioner);
    await c.host.call('sessions.addProduct', { sessionId: s.id, lotId: c.glide.id, quantity: 1 }, c.staff.practitioner);
    expect((await c.update({ id: s.id, version: 1, performedAt: '2026-03-01T15:00:00+00:00' })).performedAt).toBe('2026-03-01T15:00:00.000Z');
    c.host.clock.set('2026-03-09T09:00:00Z');
    const r = await refusal(c.update({ id: s.id, version: 2, performedAt: '2026-03-06T10:00:00+00:00', notes: 'not kept' }));
    expect([r.code, issuePaths(r)]).toEqual(['lot_expired', ['performedAt']]);
    expect(r.message).toMatch(/HA-SHORT used in this session expired on 2026-03-05, before the new date \(2026-03-06\)/);
    expect(c.row(s.id)).toMatchObject({ performed_at: '2026-03-01T15:00:00.000Z', version: 2, notes: null });
    const early = await refusal(c.update({ id: s.id, version: 2, performedAt: '2026-01-20T10:00:00+00:00' }));
    expect([early.code, issuePaths(early), early.message]).toEqual(['invalid_input', ['performedAt'], expect.stringMatching(/received on 2026-02-01/)]);
    const future = await refusal(c.update({ id: s.id, version: 2, performedAt: '2026-03-12T10:00:00+00:00' }));
    expect(future.message).toMatch(/performedAt: is in the future/);
  });
});

describe('the numbing-cream step', () => {
  it('choosing the lot records the use (stock deducted, traceable) once; times are kept; over 60 minutes warns', async () => {
    const c = await clinic();
    const s = await c.start('laser');
    const applied = c.host.clock.current.toISOString();
    const on = await c.update({ id: s.id, version: 1, numbing: { lotId: c.cream.id, quantity: 5, area: 'Full face', appliedAt: applied, occluded: true } });
    expect(on.numbing).toMatchObject({ lotId: c.cream.id, quantity: 5, area: 'Full face', appliedAt: applied, removedAt: null, occluded: true, lotNumber: 'EMX-101', unit: 'g' });
    expect(on.products.map((p) => [p.lotNumber, p.quantity, p.area])).toEqual([['EMX-101', 5, 'Full face']]);
    expect(await c.onHand(c.cream.id)).toBe(25);
    expect(on.checks.missing.map((m) => m.field)).toContain('numbing.removedAt');
    expect(on.checks.warnings).toEqual([]);

    // Saving again (autosave) neither records the cream twice nor forgets it.
    const again = await c.update({ id: s.id, version: 2, numbing: { lotId: c.cream.id, quantity: 5, area: 'Full face and neck', appliedAt: applied, occluded: true } });
    expect([again.products.length, again.numbing?.area, await c.onHand(c.cream.id)]).toEqual([1, 'Full face and neck', 25]);

    c.host.clock.advance(75 * 60_000);
    const late = await c.host.call('sessions.get', { id: s.id }, c.staff.practitioner);
    expect(late.checks.warnings).toEqual(['Numbing cream has been on for 75 minutes, over the 60-minute limit: remove it now']);
    const off = await c.update({ id: s.id, version: 3, numbing: { area: 'Full face and neck', appliedAt: applied, removedAt: c.host.clock.current.toISOString() } });
    expect([off.numbing?.lotId, off.numbing?.removedAt !== null]).toEqual([c.cream.id, true]);
    expect(off.checks.warnings).toEqual(['Numbing cream was on for 75 minutes, over the 60-minute limit']);
    expect(off.checks.missing.filter((m) => m.field.startsWith('numbing'))).toEqual([]);
  });

  it.each([
    ['a lot that is not a numbing cream', (c: Awaited<ReturnType<typeof clinic>>) => ({ lotId: c.glide.id, quantity: 1 }), 'invalid_input', 'numbing.lotId', /is not a numbing cream/],
    ['a lot without the quantity used', (c: Awaited<ReturnType<typeof clinic>>) => ({ lotId: c.cream.id }), 'invalid_input', 'numbing.quantity', /how much cream/],
    ['more cream than is left', (c: Awaited<ReturnType<typeof clinic>>) => ({ lotId: c.cream.id, quantity: 31 }), 'lot_insufficient', 'numbing.quantity', /only 30 left/],
    ['removal before application', () => ({ appliedAt: '2026-03-02T08:30:00Z', removedAt: '2026-03-02T08:00:00Z' }), 'invalid_input', 'numbing.removedAt', /after the cream was applied/],
    ['an application time in the future', () => ({ appliedAt: '2026-03-02T11:00:00Z' }), 'invalid_input', 'numbing.appliedAt', /in the future/],
    ['an unknown lot', () => ({ lotId: 9999, quantity: 1 }), 'invalid_input', 'numbing.lotId', /no lot has this id/],
  ])('refuses %s, naming the field; nothing is saved or deducted', async (_what, numbing, code, path, message) => {
    const c = await clinic();
    const s = await c.start('laser');
    const before = c.row(s.id);
    const r = await refusal(c.update({ id: s.id, version: 1, notes: 'not kept', numbing: numbing(c) }));
    expect([r.code, issuePaths(r)]).toEqual([code, [path]]);
    expect(r.message).toMatch(message);
    expect([c.row(s.id), c.count('session_products'), await c.onHand(c.cream.id)]).toEqual([before, 0, 30]);
  });

  it('an expired cream is refused on the session date, and the whole save is undone', async () => {
    const c = await clinic();
    const old = await c.receive('Lidocaine / prilocaine numbing cream', 'EMX-OLD', { expiresOn: '2026-02-28' });
    const s = await c.start('laser');
    const r = await refusal(c.update({ id: s.id, version: 1, parameters: { device: 'not kept' }, numbing: { lotId: old.id, quantity: 2, area: 'Face' } }));
    expect([r.code, issuePaths(r)]).toEqual(['lot_expired', ['numbing.lotId']]);
    expect(c.row(s.id)).toMatchObject({ version: 1, parameters: '{}', numbing: null });
  });

  it('a recorded cream keeps its lot and quantity and stays on the chart; an unrecorded step can be removed', async () => {
    const c = await clinic();
    const other = await c.receive('Lidocaine numbing cream', 'LID-4');
    const s = await c.start('laser');
    const pending = await c.update({ id: s.id, version: 1, numbing: { area: 'Upper lip' } });
    expect((await c.update({ id: s.id, version: pending.version, numbing: null })).numbing).toBeNull();
    await c.update({ id: s.id, version: 3, numbing: { lotId: c.cream.id, quantity: 4, area: 'Face' } });
    for (const [numbing, path] of [
      [{ lotId: other.id, quantity: 4 }, 'numbing.lotId'],
      [{ lotId: c.cream.id, quantity: 6 }, 'numbing.quantity'],
      [null, 'numbing'],
    ] as const) {
      const r = await refusal(c.update({ id: s.id, version: 4, numbing }));
      expect([r.code, issuePaths(r)]).toEqual(['invalid_input', [path]]);
    }
    expect(c.count('session_products')).toBe(1);
  });
});

describe('sessions.sign: safety at the point of care', () => {
  it('refuses an incomplete chart listing exactly what is missing; completing it and signing locks and stamps it', async () => {
    const c = await clinic();
    await c.consent('laser');
    const s = await c.chartedLaser();
    const { fluenceJcm2: _f, ...noFluence } = LASER;
    const partial = await c.update({ id: s.id, version: s.version, parameters: noFluence });
    const r = await refusal(c.host.call('sessions.sign', { id: s.id }, c.staff.practitioner));
    expect([r.status, r.code]).toEqual([409, 'chart_incomplete']);
    expect(r.details).toMatchObject({ missing: ['fluenceJcm2'], labels: ['Fluence (J/cm²)'], issues: [{ path: 'parameters.fluenceJcm2', message: 'is required to sign' }] });
    expect(r.message).toBe('chart_incomplete: The chart is not complete. Missing: Fluence (J/cm²)');
    expect((c.row(s.id) as { status: string }).status).toBe('draft');

    const done = await c.update({ id: s.id, version: partial.version, parameters: LASER });
    c.host.clock.advance(5 * 60_000);
    const signed = await c.host.call('sessions.sign', { id: s.id, version: done.version }, c.staff.practitioner);
    expect(signed).toMatchObject({
      status: 'signed',
      signedBy: c.staff.ids.practitioner,
      signedByName: 'Priya Practitioner',
      signedAt: c.host.clock.current.toISOString(),
      version: done.version + 1,
      overrideReason: null,
    });
    expect(signed.checks.consent.status).toBe('valid');
    const actions = (await c.host.call('audit.query', { patientId: c.patient.id }, c.staff.admin)).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['sessions.start', 'sessions.update', 'stock.use', 'sessions.sign']));
  });

  it('after signing: a second signature, an edit, a product and a direct database update are all refused; an addendum with a reason is added', async () => {
    const c = await clinic();
    await c.consent('laser');
    const s = await c.chartedLaser();
    await c.host.call('sessions.sign', { id: s.id }, c.staff.practitioner);
    const twice = await refusal(c.host.call('sessions.sign', { id: s.id }, c.staff.practitioner));
    expect([twice.status, twice.code, twice.message]).toEqual([409, 'locked', expect.stringMatching(/signed on 2026-03-02 by Priya Practitioner and is locked/)]);
    expect((await refusal(c.update({ id: s.id, version: s.version + 1, notes: 'late edit' }))).code).toBe('locked');
    expect((await refusal(c.host.call('sessions.addProduct', { sessionId: s.id, lotId: c.glide.id, quantity: 1 }, c.staff.practitioner))).code).toBe('locked');
    expect(() => c.host.db.sql.prepare(`UPDATE treatment_sessions SET notes = 'tampered' WHERE id = ?`).run(s.id)).toThrow(/signed session is locked/);

    const noReason = await refusal(c.host.call('sessions.addendum', { id: s.id, text: 'Patient phoned: mild redness on day 2, settled.', reason: ' ' }, c.staff.practitioner));
    expect([noReason.code, issuePaths(noReason)]).toEqual(['invalid_input', ['reason']]);
    c.host.clock.advance(86_400_000);
    const withAddendum = await c.host.call('sessions.addendum', { id: s.id, text: 'Patient phoned: mild redness on day 2, settled.', reason: 'Follow-up call' }, c.staff.practitioner);
    expect(withAddendum.addenda).toEqual([
      { id: expect.any(Number), text: 'Patient phoned: mild redness on day 2, settled.', reason: 'Follow-up call', at: c.host.clock.current.toISOString(), userId: c.staff.ids.practitioner, userName: 'Priya Practitioner' },
    ]);
    expect(withAddendum.version).toBe(s.version + 1);
  });

  it('an addendum is for a signed session only; a draft is edited instead', async () => {
    const c = await clinic();
    const s = await c.start('laser');
    const r = await refusal(c.host.call('sessions.addendum', { id: s.id, text: 'x', reason: 'y' }, c.staff.practitioner));
    expect([r.status, r.code]).toEqual([409, 'conflict']);
    expect(() => c.host.db.sql.prepare(`INSERT INTO session_addenda (session_id, text, reason, at) VALUES (?, 'x', 'y', 't')`).run(s.id)).toThrow(/addendum is added to a signed session/);
  });

  it('refuses without a valid consent for the treatment on the session date; an override does not help', async () => {
    const c = await clinic();
    await c.consent('microneedling');
    const s = await c.chartedLaser();
    const r = await refusal(c.host.call('sessions.sign', { id: s.id }, c.staff.practitioner));
    expect([r.status, r.code, r.details]).toEqual([409, 'consent_missing', { treatmentType: 'laser', on: '2026-03-02' }]);
    expect((await refusal(c.host.call('sessions.sign', { id: s.id, override: { reason: 'Patient agreed verbally today' } }, c.staff.practitioner))).code).toBe('consent_missing');
    expect(s.checks.consent).toEqual({ status: 'missing', consentId: null, signedAt: null, templateVersion: null });
  });

  it('an override never completes a chart', async () => {
    const c = await clinic();
    await c.consent('laser');
    const s = await c.start('laser');
    const r = await refusal(c.host.call('sessions.sign', { id: s.id, override: { reason: 'In a hurry, will chart later' } }, c.staff.practitioner));
    expect(r.code).toBe('chart_incomplete');
  });

  it('a block rule on the patient’s flags refuses; an override without a reason is refused naming it; with a reason it signs and is audited', async () => {
    const c = await clinic();
    await c.consent('laser');
    c.setFlags(['active_infection', 'recent_tan']);
    const s = await c.chartedLaser();
    expect(s.checks.contraindications.map((x) => [x.ruleId, x.level])).toEqual([
      ['active_infection:laser', 'block'],
      ['recent_tan:laser', 'warn'],
    ]);
    const r = await refusal(c.host.call('sessions.sign', { id: s.id }, c.staff.practitioner));
    expect([r.status, r.code]).toEqual([409, 'contraindicated']);
    expect(r.details).toEqual({ contraindications: [expect.objectContaining({ ruleId: 'active_infection:laser', flag: 'active_infection', matchedOn: 'laser' })] });
    expect(r.message).toMatch(/Active infection or cold sore at the site/);

    for (const [override, message] of [
      [{}, 'override.reason: is required'],
      [{ reason: '   ' }, 'override.reason: is required'],
      [{ reason: 'ok' }, 'override.reason: must say why, in at least 10 characters'],
    ] as const) {
      const bad = await refusal(c.host.call('sessions.sign', { id: s.id, override: override as never }, c.staff.practitioner));
      expect([bad.status, bad.code, bad.message]).toEqual([400, 'invalid_input', `invalid_input: ${message}`]);
    }
    expect((c.row(s.id) as { status: string }).status).toBe('draft');

    const reason = 'Cold sore healed, crusted lesion on upper lip only; area treated is the cheeks';
    const signed = await c.host.call('sessions.sign', { id: s.id, override: { reason } }, c.staff.practitioner);
    expect([signed.status, signed.overrideReason, signed.overriddenRules]).toEqual(['signed', reason, ['active_infection:laser']]);
    const audit = (await c.host.call('audit.query', { patientId: c.patient.id }, c.staff.admin)).items.map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['refused:sessions.sign', 'sessions.override', 'sessions.sign']));
  });

  it('a product used in the session can be what is contraindicated: the numbing cream for an anaesthetic allergy', async () => {
    const c = await clinic();
    await c.consent('laser');
    c.setFlags(['anaesthetic_allergy']);
    const s = await c.chartedLaser();
    const r = await refusal(c.host.call('sessions.sign', { id: s.id }, c.staff.practitioner));
    expect((r.details as { contraindications: { ruleId: string }[] }).contraindications.map((x) => x.ruleId)).toEqual(['anaesthetic_allergy:lidocaine', 'anaesthetic_allergy:prilocaine']);
  });

  it('warn rules show but do not block; an override with nothing to override records nothing', async () => {
    const c = await clinic();
    await c.consent('laser');
    c.setFlags(['keloid_tendency', 'photosensitising_meds']);
    const s = await c.chartedLaser();
    expect(s.checks.contraindications.map((x) => x.level)).toEqual(['warn', 'warn']);
    const signed = await c.host.call('sessions.sign', { id: s.id, override: { reason: 'Not needed but sent by a stale screen' } }, c.staff.practitioner);
    expect([signed.status, signed.overrideReason, signed.overriddenRules]).toEqual(['signed', null, []]);
  });

  it('only a practitioner signs or adds an addendum; the front desk reads no session at all', async () => {
    const c = await clinic();
    await c.consent('laser');
    const s = await c.chartedLaser();
    for (const token of [c.staff.admin, c.staff.frontDesk]) expect((await refusal(c.host.call('sessions.sign', { id: s.id }, token))).status).toBe(403);
    expect((await refusal(c.host.call('sessions.addendum', { id: s.id, text: 'x', reason: 'y' }, c.staff.admin))).status).toBe(403);
    for (const p of [
      c.host.call('sessions.get', { id: s.id }, c.staff.frontDesk),
      c.host.call('sessions.forPatient', { patientId: c.patient.id }, c.staff.frontDesk),
      c.update({ id: s.id, version: s.version, notes: 'x' }, c.staff.frontDesk),
    ]) {
      expect((await refusal(p)).status).toBe(403);
    }
    // An admin may still prepare a draft.
    expect((await c.update({ id: s.id, version: s.version, notes: 'Entered from the paper record' }, c.staff.admin)).version).toBe(s.version + 1);
  });

  it('a stale version at signing is refused: the practitioner signs what they saw', async () => {
    const c = await clinic();
    await c.consent('laser');
    const s = await c.chartedLaser();
    await c.update({ id: s.id, version: s.version, notes: 'changed in another window' });
    const r = await refusal(c.host.call('sessions.sign', { id: s.id, version: s.version }, c.staff.practitioner));
    expect([r.code, (r.details as { currentVersion: number }).currentVersion]).toEqual(['conflict', s.version + 1]);
  });
});

describe('sessions.forPatient', () => {
  it('lists a patient’s sessions newest first, by status, a page at a time', async () => {
    const c = await clinic();
    await c.consent('laser');
    const first = await c.chartedLaser();
    await c.host.call('sessions.sign', { id: first.id }, c.staff.practitioner);
    c.host.clock.advance(86_400_000);
    const second = await c.start('microneedling');
    c.host.clock.advance(86_400_000);
    const third = await c.start('chemical_peel');
    const all = await c.host.call('sessions.forPatient', { patientId: c.patient.id }, c.staff.practitioner);
    expect(all.items.map((i) => [i.id, i.treatmentType, i.status])).toEqual([
      [third.id, 'chemical_peel', 'draft'],
      [second.id, 'microneedling', 'draft'],
      [first.id, 'laser', 'signed'],
    ]);
    expect(all.items[2]).toMatchObject({ practitionerName: 'Priya Practitioner', signedByName: 'Priya Practitioner', productCount: 1, addendumCount: 0 });
    const drafts = await c.host.call('sessions.forPatient', { patientId: c.patient.id, status: 'draft' }, c.staff.admin);
    expect(drafts.items.map((i) => i.id)).toEqual([third.id, second.id]);
    const page1 = await c.host.call('sessions.forPatient', { patientId: c.patient.id, limit: 2 }, c.staff.practitioner);
    const page2 = await c.host.call('sessions.forPatient', { patientId: c.patient.id, limit: 2, cursor: page1.nextCursor! }, c.staff.practitioner);
    expect([page1.items.length, page2.items.map((i) => i.id), page2.nextCursor]).toEqual([2, [first.id], null]);
    expect((await refusal(c.host.call('sessions.forPatient', { patientId: 9999 }, c.staff.practitioner))).code).toBe('not_found');
  });
});

describe('aftercare sheets', () => {
  it('first-run setup publishes version 1 for every treatment, in sections a patient needs', async () => {
    const c = await clinic();
    const { items } = await c.host.call('aftercare.templates.list', {}, c.staff.frontDesk);
    expect(items).toHaveLength(9);
    for (const t of items) {
      expect(t).toMatchObject({ version: 1, current: true });
      for (const section of ['## What is normal, and for how long', '## Protect your skin from the sun', '## What to avoid', '## Call the clinic if', '## Get urgent medical help if']) {
        expect(t.body, `${t.treatmentType}: ${section}`).toContain(section);
      }
    }
    const body = (type: string) => items.find((t) => t.treatmentType === type)!.body;
    for (const type of ['laser', 'ipl', 'microneedling', 'chemical_peel']) {
      for (const words of ['sunscreen', 'saunas', 'pools', 'make-up', 'retinoids', 'infection']) expect(body(type).toLowerCase(), `${type}: ${words}`).toContain(words);
    }
    for (const type of ['iv_glutathione', 'glutathione_injection']) {
      for (const words of ['bruise', 'pus', 'swelling of the face, lips, tongue or throat', 'rash']) expect(body(type), `${type}: ${words}`).toContain(words);
    }
  });

  it('giving a sheet records the version; a sheet given before reprints word for word after a new version', async () => {
    const c = await clinic();
    const s = await c.start('chemical_peel');
    const v1 = await c.host.call('aftercare.give', { sessionId: s.id }, c.staff.practitioner);
    expect(v1).toMatchObject({ sessionId: s.id, givenByName: 'Priya Practitioner', template: { treatmentType: 'chemical_peel', version: 1 }, patient: { id: c.patient.id } });
    const v2 = await c.host.call('aftercare.templates.publish', { treatmentType: 'chemical_peel', title: 'After your peel', body: '## New wording\n\nKeep out of the sun.' }, c.staff.admin);
    expect(v2.version).toBe(2);
    const same = await refusal(c.host.call('aftercare.templates.publish', { treatmentType: 'chemical_peel', title: 'After your peel', body: '## New wording\n\nKeep out of the sun.' }, c.staff.admin));
    expect([same.code, issuePaths(same)]).toEqual(['conflict', ['body']]);
    const reprint = await c.host.call('aftercare.sheet', { id: v1.id }, c.staff.frontDesk);
    expect(reprint.template).toEqual({ ...v1.template, current: false });
    const next = await c.host.call('aftercare.give', { sessionId: s.id }, c.staff.practitioner);
    expect([next.template.version, next.template.title]).toEqual([2, 'After your peel']);
    const session = await c.host.call('sessions.get', { id: s.id }, c.staff.practitioner);
    expect(session.aftercare.map((a) => [a.version, a.title])).toEqual([
      [1, 'Aftercare after a chemical peel'],
      [2, 'After your peel'],
    ]);
    expect(() => c.host.db.sql.prepare(`UPDATE aftercare_templates SET body = 'x'`).run()).toThrow(/never changes/);
    expect(() => c.host.db.sql.prepare(`DELETE FROM aftercare_given`).run()).toThrow(/never changes/);
    expect((await refusal(c.host.call('aftercare.give', { sessionId: s.id }, c.staff.frontDesk))).status).toBe(403);
    expect((await refusal(c.host.call('aftercare.templates.publish', { treatmentType: 'laser', title: 'x', body: 'y' }, c.staff.practitioner))).status).toBe(403);
  });

  it('a clinic set up before aftercare sheets existed gets version 1 when the first one is given', async () => {
    const c = await clinic();
    c.host.db.sql.exec(`DROP TRIGGER aftercare_templates_no_delete; DELETE FROM aftercare_templates WHERE treatment_type = 'laser'`);
    const s = await c.start('laser');
    const given = await c.host.call('aftercare.give', { sessionId: s.id }, c.staff.practitioner);
    expect([given.template.version, given.template.title]).toEqual([1, 'Aftercare after laser treatment']);
  });
});
