import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { api } from '../support/server';
import { signature } from '../support/png';
import { expect, setUpClinic, signIn, test } from './fixtures';

const PRACTITIONER = { name: 'Priya Practitioner', username: 'priya', password: 'practitioner pass', role: 'practitioner' };
const CREAM = 'Lidocaine / prilocaine numbing cream';

async function value<T>(call: Promise<{ body: { ok: true; value: T } | { ok: false; error: { message: string } } }>): Promise<T> {
  const { body } = await call;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

/** A clinic with a practitioner, a patient who signed the laser consent, and two lots of numbing cream. */
async function clinic(url: string) {
  const admin = await setUpClinic(url);
  await value(api(url, 'settings.update', { clinicAddress: '12 Rose Lane, Springfield', clinicPhone: '+1 555 0100' }, admin));
  await value(api(url, 'users.create', PRACTITIONER, admin));
  const patient = await value(api<{ id: number; chartNumber: string }>(url, 'patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, admin));
  const products = (await value(api<{ items: { id: number; name: string }[] }>(url, 'products.list', {}, admin))).items;
  const cream = products.find((p) => p.name === CREAM)!;
  await value(api(url, 'lots.receive', { productId: cream.id, lotNumber: 'EMX-LATE-9', expiresOn: '2031-06-30', quantity: 30 }, admin));
  await value(api(url, 'lots.receive', { productId: cream.id, lotNumber: 'EMX-2207', expiresOn: '2030-01-31', quantity: 30 }, admin));
  const template = (await value(api<{ items: { id: number }[] }>(url, 'consents.templates.list', { treatmentType: 'laser' }, admin))).items[0]!;
  await value(api(url, 'consents.sign', { patientId: patient.id, templateId: template.id, signature: signature(), signedByName: 'Marisol Núñez' }, admin));
  return { admin, patient };
}

/** A datetime-local value some minutes from now. */
const localMinutesFromNow = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

async function saved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^ ?All changes saved/ })).toBeVisible();
}

async function printPdf(page: Page, info: TestInfo, name: string, sheet: string): Promise<string> {
  const file = info.outputPath(`${name}.pdf`);
  await expect(page.getByRole('article', { name: sheet })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, info.outputPath(name)]);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test('a laser session with a test spot and numbing cream: refused for missing fluence, completed, signed, summary and aftercare printed', async ({ page, server }, info) => {
  const { admin, patient } = await clinic(server.url);
  await signIn(page, server.url, PRACTITIONER.username, PRACTITIONER.password);
  await page.goto(`${server.url}#/patients/${patient.id}`);
  await page.getByLabel('Treatment', { exact: true }).selectOption({ label: 'Laser treatment' });
  await page.getByRole('button', { name: 'Start a session' }).click();
  await expect(page.getByRole('heading', { name: 'Laser treatment: Marisol Núñez' })).toBeVisible();
  await expect(page.getByText('Consent for Laser treatment signed')).toBeVisible();

  // The settings, from the laser schema; fluence is left out on purpose.
  await page.getByLabel('Device').fill('Q-switched Nd:YAG');
  await page.getByLabel('Wavelength (nm)').fill('1064');
  await page.getByLabel('Spot size (mm)').fill('4');
  await page.getByLabel('Pulse width', { exact: true }).fill('6');
  await page.getByLabel('Pulse width unit').selectOption('ns');
  await page.getByLabel('Passes', { exact: true }).fill('2');
  await page.getByRole('group', { name: 'Cooling' }).getByLabel('Cold air').check();
  await page.getByRole('group', { name: 'Eye protection (patient)' }).getByLabel('Wavelength-rated goggles').check();
  const spot = page.getByRole('group', { name: 'Test spot done?' });
  await spot.getByLabel('Yes').check();
  await page.getByLabel('Test spot site').fill('Behind the left ear');
  await page.getByRole('group', { name: 'Test spot result' }).getByLabel('No reaction').check();

  // Numbing cream: the lot that expires first is offered; recording it takes it off the shelf.
  await page.getByRole('button', { name: 'Add numbing cream' }).click();
  await page.getByLabel('Numbing cream', { exact: true }).selectOption({ label: `${CREAM} (2.5% / 2.5%)` });
  await expect(page.getByLabel('Cream lot').locator('option:checked')).toHaveText(/^EMX-2207 .* suggested: expires first/);
  await page.getByLabel('Cream used (g)').fill('5');
  await page.getByLabel('Where the cream was applied').fill('Full face');
  await page.getByRole('button', { name: 'Record the cream used' }).click();
  await expect(page.getByText(`${CREAM}, lot EMX-2207 (expires 2030-01-31), 5 g`)).toBeVisible();
  await page.getByLabel('Cream applied at').fill(localMinutesFromNow(-70));
  await expect(page.getByRole('alert').filter({ hasText: /Numbing cream has been on for 7\d minutes/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Removed now' }).click();
  await expect(page.getByText(/Numbing cream was on for 7\d minutes/).first()).toBeVisible();

  // Two areas on the face map: one tapped on the picture, one chosen from the list of zones.
  const face = page.getByRole('group', { name: 'Face, front view diagram' });
  await face.getByRole('button', { name: 'Left cheek' }).click();
  await page.getByLabel('Zone on face, front').selectOption({ label: 'Right cheek' });
  await page.getByRole('button', { name: 'Shade zone' }).click();
  const marks = page.getByRole('list', { name: /Marked areas/ });
  await expect(marks.getByRole('listitem')).toHaveCount(2);
  await marks.getByRole('group', { name: 'Mark 2: Right cheek' }).getByLabel('Passes').fill('2');
  await saved(page);
  await page.screenshot({ path: info.outputPath('charting-draft.png'), fullPage: true });

  // Signing is refused, naming what is missing.
  await page.getByRole('button', { name: 'Sign and lock the chart' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not signed: the chart is not complete' });
  await expect(refusal).toContainText('Fluence (J/cm²)');
  await expect(page.getByRole('list', { name: 'Still to record' })).toContainText('Fluence (J/cm²)');

  await page.getByLabel('Fluence (J/cm²)').fill('2,5');
  await saved(page);
  await expect(page.getByRole('list', { name: 'Still to record' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign and lock the chart' }).click();
  await expect(page.getByText('Chart signed and locked')).toBeVisible();
  await expect(page.getByText(/^Signed .* by Priya Practitioner$/)).toBeVisible();
  await page.screenshot({ path: info.outputPath('charting-signed.png'), fullPage: true });

  // The record: signed, stock deducted by lot, nothing editable.
  const sessions = await value(api<{ items: { id: number; status: string }[] }>(server.url, 'sessions.forPatient', { patientId: patient.id }, admin));
  expect(sessions.items.map((s) => s.status)).toEqual(['signed']);
  const session = await value(
    api<{ parameters: Record<string, unknown>; areas: unknown[]; products: { lotNumber: string; quantity: number }[]; signedAt: string }>(server.url, 'sessions.get', { id: sessions.items[0]!.id }, admin),
  );
  expect(session.parameters).toMatchObject({ fluenceJcm2: 2.5, wavelengthNm: 1064, pulseWidthMs: 0.000006, testSpot: { done: true, result: 'no_reaction' } });
  expect(session.areas).toHaveLength(2);
  expect(session.products).toEqual([expect.objectContaining({ lotNumber: 'EMX-2207', quantity: 5 })]);

  // The summary prints with the parameters, the lot numbers and the signature line.
  await page.getByRole('button', { name: 'Print the session summary' }).click();
  await page.getByText('A4', { exact: true }).click();
  const summary = await printPdf(page, info, 'session-summary', 'Session summary');
  for (const words of [
    'Treatment record: Laser treatment',
    'Marisol Núñez',
    patient.chartNumber,
    // Labels and values sit in a two-column grid: pdftotext may read a row's neighbours in between.
    'Fluence (J/cm²)',
    '2.5 J/cm²',
    'Wavelength (nm) 1064 nm',
    'Pulse width',
    '6 ns',
    'Spot size (mm) 4 mm',
    'Cold air',
    'Done (Behind the left ear); No reaction',
    'EMX-2207',
    '2030-01-31',
    'Left cheek',
    'Right cheek',
    '2 passes',
    'Priya Practitioner',
    'Signed electronically',
    new Date(session.signedAt).toISOString(),
  ]) {
    expect(summary, words).toContain(words);
  }
  expect(summary).toMatch(/Applied .* removed .* \(7\d minutes\)/);
  expect(summary).not.toContain('DRAFT');

  // Aftercare: giving it records the version; the sheet prints.
  await page.getByRole('button', { name: 'Back to the chart' }).click();
  await page.getByRole('button', { name: 'Give the aftercare sheet' }).click();
  const aftercare = await printPdf(page, info, 'aftercare', 'Aftercare sheet');
  for (const words of ['Aftercare after laser treatment', 'aftercare version 1', 'Marisol Núñez', 'sunscreen', 'Call the clinic if', '+1 555 0100']) expect(aftercare, words).toContain(words);
  const after = await value(api<{ aftercare: { version: number; title: string }[] }>(server.url, 'sessions.get', { id: sessions.items[0]!.id }, admin));
  expect(after.aftercare.map((a) => [a.version, a.title])).toEqual([[1, 'Aftercare after laser treatment']]);
});

test('nothing is lost when the window closes before a save, and a save over someone else’s is refused and offered for reload', async ({ page, server }) => {
  const { admin, patient } = await clinic(server.url);
  const session = await value(api<{ id: number; version: number }>(server.url, 'sessions.start', { patientId: patient.id, treatmentType: 'microneedling' }, admin));
  await signIn(page, server.url, PRACTITIONER.username, PRACTITIONER.password);
  await page.goto(`${server.url}#/sessions/${session.id}`);
  await expect(page.getByRole('heading', { name: 'Microneedling: Marisol Núñez' })).toBeVisible();

  // A value out of range is shown next to its field and not sent; the rest still saves.
  await page.getByLabel('Needle depth (deepest) (mm)').fill('3.5');
  await page.getByLabel('Device').fill('MN pen');
  await expect(page.getByText('Must be at most 3 mm')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved, except the field marked in red' })).toBeVisible();
  await expect.poll(async () => (await value(api<{ parameters: Record<string, unknown> }>(server.url, 'sessions.get', { id: session.id }, admin))).parameters).toEqual({ device: 'MN pen' });
  await page.getByLabel('Needle depth (deepest) (mm)').fill('1.5');

  // Typed while the host cannot be reached, then the page goes away: the local copy restores it, and it is saved once the host answers.
  await saved(page);
  await page.route('**/api/sessions.update', (route) => route.abort());
  await page.getByLabel('Notes', { exact: true }).fill('Patient prefers the left side first.');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: Skinchart cannot be reached' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Patient prefers the left side first.');
  await page.unroute('**/api/sessions.update');
  await saved(page);
  const stored = await value(api<{ notes: string; parameters: Record<string, unknown>; version: number }>(server.url, 'sessions.get', { id: session.id }, admin));
  expect([stored.notes, stored.parameters]).toEqual(['Patient prefers the left side first.', { device: 'MN pen', needleDepthMm: 1.5 }]);

  // Someone else saves; this screen's next save is refused and nothing is overwritten.
  await value(api(server.url, 'sessions.update', { id: session.id, version: stored.version, notes: 'Changed at the desk computer.' }, admin));
  await page.getByLabel('Notes', { exact: true }).fill('Typed in the treatment room.');
  const conflict = page.getByRole('alert').filter({ hasText: 'This session was changed in another window or by someone else' });
  await expect(conflict).toBeVisible();
  expect((await value(api<{ notes: string }>(server.url, 'sessions.get', { id: session.id }, admin))).notes).toBe('Changed at the desk computer.');
  await conflict.getByRole('button', { name: 'Reload the saved version' }).click();
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Changed at the desk computer.');
});

test('signing names the missing consent; only a practitioner signs', async ({ page, server }) => {
  const { admin, patient } = await clinic(server.url);
  const s = await value(api<{ id: number; version: number }>(server.url, 'sessions.start', { patientId: patient.id, treatmentType: 'cryotherapy' }, admin));
  const parameters = { cryogen: 'liquid_nitrogen', method: 'spray', freezeSeconds: 8, cycles: 1, lesionsTreated: 3 };
  const areas = [{ id: 'a1', diagram: 'face_front', kind: 'zone', zone: 'left_temple', label: 'Left temple' }];
  await value(api(server.url, 'sessions.update', { id: s.id, version: s.version, parameters, areas }, admin));

  // The admin prepared the draft; the chart says who may sign it.
  await signIn(page, server.url);
  await page.goto(`${server.url}#/sessions/${s.id}`);
  await expect(page.getByText('Only a practitioner can sign this chart.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign and lock the chart' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, server.url, PRACTITIONER.username, PRACTITIONER.password);
  await page.goto(`${server.url}#/sessions/${s.id}`);
  await expect(page.getByText('No valid consent for this treatment on this date')).toBeVisible();
  await page.getByRole('button', { name: 'Sign and lock the chart' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not signed: no valid consent' })).toContainText('No valid cryotherapy consent on');

  const template = (await value(api<{ items: { id: number }[] }>(server.url, 'consents.templates.list', { treatmentType: 'cryotherapy' }, admin))).items[0]!;
  await value(api(server.url, 'consents.sign', { patientId: patient.id, templateId: template.id, signature: signature(), signedByName: 'Marisol Núñez' }, admin));
  await page.reload();
  await expect(page.getByText('Consent for Cryotherapy signed')).toBeVisible();
  await page.getByRole('button', { name: 'Sign and lock the chart' }).click();
  await expect(page.getByText('Chart signed and locked')).toBeVisible();
  await expect(page.getByLabel('Addendum', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByText('Is required').first()).toBeVisible();
  await page.getByLabel('Addendum', { exact: true }).fill('Patient phoned on day 3: blister as expected, advised to leave it intact.');
  await page.getByLabel('Reason for the addendum').fill('Follow-up call');
  await page.getByRole('button', { name: 'Add addendum' }).click();
  await expect(page.getByRole('article', { name: 'Session summary' })).toContainText('reason: Follow-up call');
});
