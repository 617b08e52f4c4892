import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { api } from '../support/server';
import { dataUrlOf, rgbaPng } from '../support/png';
import { expect, setUpClinic, signIn, test } from './fixtures';

const DESK = { name: 'Femi Desk', username: 'femi', password: 'front desk pass', role: 'front_desk' };
const PRACTITIONER = { name: 'Priya Practitioner', username: 'priya', password: 'practitioner pass', role: 'practitioner' };
// A small square logo: a teal-free black block is enough to see it on the page.
const LOGO = dataUrlOf(rgbaPng(60, 60, (x, y) => x > 10 && x < 50 && y > 10 && y < 50));

async function value<T>(call: Promise<{ body: { ok: true; value: T } | { ok: false; error: { message: string } } }>): Promise<T> {
  const { body } = await call;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
}

/** A clinic with a letterhead, two staff and one adult patient; returns the admin token and the patient. */
async function clinic(url: string) {
  const admin = await setUpClinic(url);
  await value(api(url, 'settings.update', { clinicAddress: '12 Rose Lane, Springfield', clinicPhone: '+1 555 0100', clinicEmail: 'hello@glow.example', logo: LOGO }, admin));
  await value(api(url, 'users.create', DESK, admin));
  await value(api(url, 'users.create', PRACTITIONER, admin));
  const patient = await value(api<{ id: number; chartNumber: string }>(url, 'patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, admin));
  return { admin, patient };
}

/** Signs in the box the way a hand does: pointer down, a looping stroke of many small moves, pointer up. */
async function drawSignature(page: Page) {
  const pad = page.getByLabel('Sign here');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.1, 0.6));
  await page.mouse.down();
  for (let i = 0; i <= 40; i++) {
    const t = i / 40;
    await page.mouse.move(...at(0.1 + 0.6 * t, 0.55 + 0.25 * Math.sin(t * Math.PI * 4)), { steps: 2 });
  }
  await page.mouse.up();
  await page.mouse.move(...at(0.75, 0.3));
  await page.mouse.down();
  await page.mouse.move(...at(0.85, 0.7), { steps: 8 });
  await page.mouse.up();
}

interface PrintedPdf {
  text: string;
  pages: string[];
  size: string;
  file: string;
}

/** Prints the page as the browser would on paper (print stylesheet, @page size), then reads the PDF back. */
async function printPdf(page: Page, info: TestInfo, name: string): Promise<PrintedPdf> {
  const file = info.outputPath(`${name}.pdf`);
  await expect(page.getByRole('article', { name: 'Consent sheet' })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const meta = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(meta)![1]);
  const read = (args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Array.from({ length: count }, (_, i) => read(['-f', String(i + 1), '-l', String(i + 1)]));
  return { text: read([]), pages, size: /Page size:\s+(.*)/.exec(meta)![1]!, file };
}

test('a patient reads and signs on screen; the sheet prints to PDF with their name, the signed wording and the hash, and reprints the same after v2', async ({ page, server }, info) => {
  const { admin, patient } = await clinic(server.url);
  await signIn(page, server.url, DESK.username, DESK.password);
  await page.goto(`${server.url}#/patients/${patient.id}`);
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();
  await expect(page.getByText('No consent signed yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Sign a consent' }).click();
  await page.getByLabel('Treatment').selectOption({ label: 'Laser treatment' });
  await page.getByLabel('Witness (optional)').selectOption({ label: 'Priya Practitioner' });
  await page.getByRole('button', { name: 'Show the form to the patient' }).click();

  // The patient sees the whole filled-in form before signing.
  const form = page.getByRole('dialog');
  await expect(form.getByRole('heading', { name: 'Consent to laser treatment' })).toBeVisible();
  const text = form.getByRole('region', { name: 'Consent form text' });
  await expect(text.getByText('A laser beam can permanently damage the eye.', { exact: false })).toBeVisible();
  await expect(text.getByText(`I, Marisol Núñez (date of birth 14 March 1988, chart number ${patient.chartNumber})`, { exact: false })).toBeVisible();
  await expect(text.getByText('I agree to have Laser treatment at Glow Skin Clinic.')).toBeVisible();
  await page.screenshot({ path: info.outputPath('signing-screen.png'), fullPage: false });

  // Nothing filled in: each problem is shown next to its control, and nothing is signed.
  await form.getByRole('button', { name: 'Sign the consent' }).click();
  await expect(form.getByText('Please choose yes or no')).toBeVisible();
  await form.getByLabel('No, I do not agree to photographs').check();
  await form.getByRole('button', { name: 'Sign the consent' }).click();
  await expect(form.getByText('Is required').first()).toBeVisible();
  await expect(form.getByText('Is empty; please sign in the box')).toBeVisible();

  await form.getByLabel('Your full name').fill('Marisol Núñez');
  await drawSignature(page);
  await page.screenshot({ path: info.outputPath('signing-signed.png'), fullPage: false });
  await form.getByRole('button', { name: 'Sign the consent' }).click();
  await expect(form.getByRole('heading', { name: 'Thank you. Your consent is signed and saved.' })).toBeVisible();
  await form.getByRole('button', { name: 'Return to the staff screen' }).click();
  await expect(page.getByText('Laser treatment consent signed')).toBeVisible();

  const [signed] = (await value(api<{ items: { id: number; contentHash: string; status: string; photoConsent: boolean }[] }>(server.url, 'consents.forPatient', { patientId: patient.id }, admin))).items;
  expect(signed).toMatchObject({ status: 'valid', photoConsent: false });
  const stored = await value(api<{ signature: string; witnessName: string; renderedText: string }>(server.url, 'consents.get', { id: signed!.id }, admin));
  expect(stored.signature).toMatch(/^data:image\/png;base64,/);
  expect(stored.witnessName).toBe('Priya Practitioner');
  expect(await value(api<{ intact: boolean }>(server.url, 'consents.verify', { id: signed!.id }, admin))).toMatchObject({ intact: true });

  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  await expect(page.getByText('Record intact: hash verified')).toBeVisible();
  const sheet = page.getByRole('article', { name: 'Consent sheet' });
  await expect(sheet.getByRole('img', { name: 'Signature of Marisol Núñez' })).toBeVisible();

  await page.getByText('A4', { exact: true }).click();
  const a4 = await printPdf(page, info, 'consent-a4');
  expect(a4.size).toMatch(/\(A4\)/);
  expect(a4.text).toContain('Marisol Núñez');
  expect(a4.text).toContain('A laser beam can permanently damage the eye.');
  expect(a4.text).toContain('I agree to have Laser treatment at Glow Skin Clinic.');
  expect(a4.text).toContain(signed!.contentHash);
  expect(a4.text).toContain('12 Rose Lane, Springfield');
  expect(a4.text).toContain('Tel. +1 555 0100');
  expect(a4.text).toContain('Priya Practitioner');
  expect(a4.pages.length).toBeGreaterThan(1);
  a4.pages.forEach((p, i) => {
    expect(p, `page ${i + 1}`).toContain(`Marisol Núñez · ${patient.chartNumber} · born 14 March 1988`);
    expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${a4.pages.length}`);
  });
  execFileSync('pdftoppm', ['-png', '-r', '60', a4.file, info.outputPath('consent-a4')]);

  await page.getByText('US Letter', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'US Letter' })).toBeChecked();
  const letter = await printPdf(page, info, 'consent-letter');
  expect(letter.size).toMatch(/612 x 792 pts \(letter\)/);
  expect(letter.text).toContain(signed!.contentHash);

  // In a browser, "Save as PDF" opens the print dialog (its destination list has "Save as PDF").
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-print-asked', 'yes');
  });
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-print-asked', 'yes');

  // The admin publishes version 2 through the Consent forms screen.
  const adminPage = await page.context().browser()!.newPage();
  await signIn(adminPage, server.url);
  await adminPage.getByRole('link', { name: 'Consent forms' }).click();
  await adminPage.getByRole('button', { name: 'Laser treatment' }).click();
  const wording = adminPage.getByLabel('Wording', { exact: true });
  await expect(wording).toHaveValue(/A laser beam can permanently damage the eye\./);
  await wording.fill((await wording.inputValue()).replace('A laser beam can permanently damage the eye.', 'Laser light can blind: version two wording.'));
  // The draft reads as a patient will see it, filled in with a sample patient.
  // Mantine draws the choice as a label over a hidden radio: click the label, as a person would.
  await adminPage.getByText('Preview with a sample patient', { exact: true }).click();
  await expect(adminPage.getByRole('radio', { name: 'Preview with a sample patient' })).toBeChecked();
  const preview = adminPage.getByLabel('Preview', { exact: true });
  await expect(preview).toContainText('Laser light can blind: version two wording.');
  await expect(preview).toContainText('Sample Patient');
  await adminPage.getByText('Edit', { exact: true }).click();
  await adminPage.getByRole('button', { name: 'Publish version 2' }).click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await expect(adminPage.getByText('Version 2 of the Laser treatment consent is published')).toBeVisible();
  await adminPage.close();

  // The old signature reprints with the words that were signed; the chart asks for the new version.
  await page.reload();
  await expect(page.getByText('New version to sign', { exact: true }).first()).toBeVisible();
  const reprint = await printPdf(page, info, 'consent-reprint');
  expect(reprint.text).toContain('A laser beam can permanently damage the eye.');
  expect(reprint.text).not.toContain('version two wording');
  expect(reprint.text).toContain(signed!.contentHash);
  expect(reprint.text).toContain('form version 1');
  await page.goto(`${server.url}#/patients/${patient.id}`);
  const row = page.getByRole('table', { name: 'Signed consents' }).getByRole('row').nth(1);
  await expect(row).toContainText('version 1');
  await expect(row).toContainText('New version to sign');
  await expect(row.getByRole('button', { name: 'Sign again' })).toBeVisible();
});

test('a guardian signs for a child; an unsigned copy prints; a consent is voided with a reason', async ({ page, server }, info) => {
  const { admin } = await clinic(server.url);
  const child = await value(api<{ id: number; chartNumber: string }>(server.url, 'patients.create', { firstName: 'Tomás', lastName: 'Núñez', dateOfBirth: '2014-06-01' }, admin));
  await signIn(page, server.url, DESK.username, DESK.password);
  await page.goto(`${server.url}#/patients/${child.id}/consents/sign?treatment=chemical_peel`);
  await page.getByRole('button', { name: 'Show the form to the patient' }).click();
  const form = page.getByRole('dialog');
  await expect(form.getByText('The patient is under 18')).toBeVisible();
  await form.getByLabel('Yes, I agree to photographs for my clinical record').check();
  await form.getByLabel("Parent or guardian's full name").fill('Marisol Núñez');
  await drawSignature(page);
  await form.getByRole('button', { name: 'Sign the consent' }).click();
  await expect(form.getByText('Is required')).toBeVisible();
  await form.getByLabel('Relationship to the patient').fill('Mother');
  await form.getByRole('button', { name: 'Sign the consent' }).click();
  await form.getByRole('button', { name: 'Return to the staff screen' }).click();
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  const signed = await printPdf(page, info, 'guardian');
  expect(signed.text).toContain('Signed as parent or guardian');
  expect(signed.text).toContain('Marisol Núñez (Mother)');
  expect(signed.text).toContain('Tomás Núñez');
  expect(signed.text).toContain('Consent to chemical peel');

  // Voiding asks for a reason, then marks the sheet; the signed content is untouched.
  await page.getByRole('button', { name: 'Void consent' }).click();
  const voiding = page.getByRole('dialog', { name: 'Void this consent' });
  await voiding.getByRole('button', { name: 'Void consent' }).click();
  await expect(voiding.getByText('Reason is required')).toBeVisible();
  await voiding.getByLabel('Reason').fill('Parent withdrew consent by phone');
  await voiding.getByRole('button', { name: 'Void consent' }).click();
  await expect(page.getByRole('note')).toContainText('VOIDED on');
  await expect(page.getByText('Record intact: hash verified')).toBeVisible();
  await expect(page.getByText('Consent voided', { exact: true })).toBeVisible();
  const voided = await printPdf(page, info, 'voided');
  expect(voided.text).toContain('Parent withdrew consent by phone');
  expect(voided.text).not.toContain('Consent voided');

  // An unsigned copy for the same child, from the signing screen.
  await page.goto(`${server.url}#/patients/${child.id}/consents/sign?treatment=cryotherapy`);
  await page.getByRole('button', { name: 'Print an unsigned copy' }).click();
  await expect(page.getByRole('article', { name: 'Consent sheet' })).toBeVisible();
  const copy = await printPdf(page, info, 'unsigned');
  expect(copy.text).toContain('Consent to cryotherapy');
  expect(copy.text).toContain(`Tomás Núñez · ${child.chartNumber}`);
  expect(copy.text).toContain('Unsigned copy');
  expect(copy.text).not.toContain('SHA-256');
  copy.pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${copy.pages.length}`));
});

test('an admin prints a blank form, with lines where the patient details go', async ({ page, server }, info) => {
  await clinic(server.url);
  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Consent forms' }).click();
  await page.getByRole('button', { name: 'IV glutathione infusion' }).click();
  await expect(page.getByRole('heading', { name: 'Consent to IV glutathione infusion' })).toBeVisible();
  await page.getByRole('link', { name: 'Print blank copy' }).click();
  const blank = await printPdf(page, info, 'blank');
  expect(blank.text).toContain('not approved for skin lightening in several countries');
  expect(blank.text).toContain('I, ____________________ (date of birth ____________________');
  expect(blank.text).toContain('Patient: ____________________');
  expect(blank.text).toContain('Glow Skin Clinic');
});
