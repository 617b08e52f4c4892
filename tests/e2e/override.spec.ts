import { patientFlags } from '../../db/api/fields';
import { api } from '../support/server';
import { signature } from '../support/png';
import { expect, setUpClinic, signIn, test } from './fixtures';
import { LASER } from '../support/charting';

const PRACTITIONER = { name: 'Priya Practitioner', username: 'priya', password: 'practitioner pass', role: 'practitioner' };

async function value<T>(call: Promise<{ body: { ok: true; value: T } | { ok: false; error: { message: string } } }>): Promise<T> {
  const { body } = await call;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

test('a contraindication blocks signing until the practitioner gives a reason; the override is kept with the chart and audited', async ({ page, server }) => {
  const admin = await setUpClinic(server.url);
  const practitionerId = (await value(api<{ id: number }>(server.url, 'users.create', PRACTITIONER, admin))).id;
  const patient = await value(api<{ id: number }>(server.url, 'patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, admin));
  // The intake says there is an active infection at the site: laser is blocked for this patient.
  const answers = { ...Object.fromEntries(patientFlags.map((f) => [f, false])), active_infection: true };
  await value(api(server.url, 'intake.submit', { patientId: patient.id, answers }, admin));
  const template = (await value(api<{ items: { id: number }[] }>(server.url, 'consents.templates.list', { treatmentType: 'laser' }, admin))).items[0]!;
  await value(api(server.url, 'consents.sign', { patientId: patient.id, templateId: template.id, signature: signature(), signedByName: 'Marisol Núñez' }, admin));
  const s = await value(api<{ id: number; version: number }>(server.url, 'sessions.start', { patientId: patient.id, treatmentType: 'laser' }, admin));
  const areas = [{ id: 'm1', diagram: 'face_front', kind: 'zone', zone: 'left_cheek', label: 'Left cheek' }];
  await value(api(server.url, 'sessions.update', { id: s.id, version: s.version, parameters: LASER, areas }, admin));

  await signIn(page, server.url, PRACTITIONER.username, PRACTITIONER.password);
  await page.goto(`${server.url}#/sessions/${s.id}`);
  await expect(page.getByText('Signing needs a practitioner’s override with a reason.')).toBeVisible();
  await expect(page.getByText(/Active infection or cold sore at the site/).first()).toBeVisible();

  // No reason, then too short a reason: refused next to the field, nothing signed.
  const sign = page.getByRole('button', { name: 'Override and sign' });
  await sign.click();
  const reason = page.getByLabel('Override reason');
  await expect(reason).toHaveAccessibleDescription(/is required/i);
  await reason.fill('ok');
  await sign.click();
  await expect(reason).toHaveAccessibleDescription(/at least 10 characters/);
  const draft = await value(api<{ status: string }>(server.url, 'sessions.get', { id: s.id }, admin));
  expect(draft.status).toBe('draft');

  const why = 'Cold sore healed and crusted, well away from the treated cheek; seen by Dr Patel.';
  await reason.fill(why);
  await sign.click();
  await expect(page.getByText('Chart signed and locked')).toBeVisible();

  const signed = await value(api<{ status: string; signedBy: number | null; overrideReason: string | null; overriddenRules: string[] }>(server.url, 'sessions.get', { id: s.id }, admin));
  expect(signed).toMatchObject({ status: 'signed', signedBy: practitionerId, overrideReason: why, overriddenRules: ['active_infection:laser'] });
  const audit = await value(api<{ items: { action: string; userId: number | null }[] }>(server.url, 'audit.query', { patientId: patient.id, action: 'sessions.override' }, admin));
  expect(audit.items.map((e) => [e.action, e.userId])).toEqual([['sessions.override', practitionerId]]);
});
