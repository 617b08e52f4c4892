import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { patientFlags } from '../../db/api/fields';
import { api } from '../support/server';
import { expect, setUpClinic, signIn, test } from './fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A clinic with one practitioner and one patient, set up over HTTP. */
async function clinic(url: string) {
  const admin = await setUpClinic(url);
  const practitioner = await api<{ id: number }>(url, 'users.create', { name: 'Priya Patel', username: 'priya', password: 'practitioner pass', role: 'practitioner' }, admin);
  const patient = await api<{ id: number }>(url, 'patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14', phone: '+1 555 201 3344' }, admin);
  if (!practitioner.body.ok || !patient.body.ok) throw new Error('set-up failed');
  return { admin, practitionerId: practitioner.body.value.id, patientId: patient.body.value.id };
}

test('"/" reaches patient search from any screen, and Enter opens the best match', async ({ page, server }) => {
  await clinic(server.url);
  await signIn(page, server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
  await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search patients')).toBeFocused();
  await page.keyboard.type('nunez');
  await expect(page.getByRole('option', { name: /Núñez, Marisol/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();
  // Typing "/" into a field is just a character.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Address').fill('Flat 2/3');
  await expect(page.getByLabel('Address')).toHaveValue('Flat 2/3');
  await expect(page.getByLabel('Search patients')).not.toBeFocused();
});

test('the booking form names the field for a time in the past and for a double booking', async ({ page, server }) => {
  const { admin, practitionerId, patientId } = await clinic(server.url);
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const day = localDay(tomorrow);
  const at = (h: number, m: number) => new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), h, m).toISOString();
  await api(server.url, 'appointments.book', { patientId, practitionerId, treatmentType: 'laser', startsAt: at(10, 0), endsAt: at(10, 30) }, admin);
  const other = await api<{ id: number }>(server.url, 'patients.create', { firstName: 'Ben', lastName: 'Okoro', dateOfBirth: '1979-01-30' }, admin);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/patients/${other.body.ok ? other.body.value.id : 0}`);
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const form = page.getByRole('dialog', { name: 'Book appointment' });
  await form.getByLabel('Treatment').selectOption({ label: 'Microneedling' });
  await form.getByLabel('Practitioner').selectOption({ label: 'Priya Patel' });

  await form.getByLabel('Day').fill('2020-01-06');
  await form.getByLabel('Start time').fill('10:00');
  await form.getByRole('button', { name: 'Book appointment' }).click();
  await expect(form.getByLabel('Start time')).toHaveAccessibleDescription(/Must not be in the past/);

  await form.getByLabel('Day').fill(day);
  await form.getByLabel('Start time').fill('10:15');
  await form.getByRole('button', { name: 'Book appointment' }).click();
  await expect(form.getByLabel('Practitioner')).toHaveAccessibleDescription(/Priya Patel is already booked from 10:00 to 10:30/);

  // Nothing was booked; a free slot then books.
  await form.getByLabel('Start time').fill('10:30');
  await form.getByRole('button', { name: 'Book appointment' }).click();
  await expect(form).toHaveCount(0);
  const list = await api<{ items: { patient: { lastName: string } }[] }>(server.url, 'appointments.day', { date: day }, admin);
  expect(list.body.ok && list.body.value.items.map((i) => i.patient.lastName)).toEqual(['Núñez', 'Okoro']);
});

test('prints the intake form blank and with the latest answers', async ({ page, server }) => {
  const { admin, patientId } = await clinic(server.url);
  const answers = { ...Object.fromEntries(patientFlags.map((f) => [f, false])), g6pd_deficiency: true, current_medicines: 'Levothyroxine 50 micrograms' };
  await api(server.url, 'intake.submit', { patientId, answers }, admin);
  await signIn(page, server.url);
  const pdfText = async (name: string) => {
    const file = join(server.dataDir, `${name}.pdf`);
    writeFileSync(file, await page.pdf({ format: 'A4' }));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  await page.goto(`${server.url}#/patients/${patientId}`);
  await page.getByRole('link', { name: 'Print blank form' }).click();
  await expect(page.getByRole('article', { name: 'Intake form' })).toContainText('Have you been told you have G6PD deficiency');
  const blank = await pdfText('blank');
  expect(blank).toContain('Glow Skin Clinic');
  expect(blank).toMatch(/Name: +Marisol Núñez/);
  expect(blank).toContain('Are you pregnant, or could you be pregnant?');
  expect(blank).not.toContain('Levothyroxine');
  expect(blank).not.toContain('Search patients'); // the app's frame is not printed
  expect(blank).toMatch(/Signature:/);

  await page.goto(`${server.url}#/patients/${patientId}`);
  await page.getByRole('link', { name: 'Print with answers' }).click();
  await expect(page.getByRole('article', { name: 'Intake form' })).toContainText('Levothyroxine');
  const filled = await pdfText('filled');
  expect(filled).toMatch(/G6PD deficiency \(also called favism\)\? +Yes/);
  expect(filled).toMatch(/Which medicines do you take now\? +Levothyroxine 50 micrograms/);
  expect(filled).toMatch(/Are you breastfeeding\? +No/);
  expect(filled).toContain('version 1');
});

test("exports a day's schedule to CSV with formula cells neutralised", async ({ page, server }) => {
  const { admin, practitionerId } = await clinic(server.url);
  const p = await api<{ id: number }>(server.url, 'patients.create', { firstName: 'Test', lastName: '=HYPERLINK("http://evil")', dateOfBirth: '1990-01-01', phone: '+1 555 0199 000' }, admin);
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const at = (h: number) => new Date(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), h, 0).toISOString();
  await api(server.url, 'appointments.book', { patientId: p.body.ok ? p.body.value.id : 0, practitionerId, treatmentType: 'chemical_peel', startsAt: at(9), endsAt: at(10) }, admin);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/schedule?date=${localDay(tomorrow)}`);
  await expect(page.getByRole('table', { name: 'Appointments' })).toContainText('Chemical peel');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export day (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe(`schedule-${localDay(tomorrow)}.csv`);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const [header, row] = csv.split('\r\n');
  expect(header).toContain('Missing before treatment');
  expect(row).toContain(`"'=HYPERLINK(""http://evil""), Test"`);
  expect(row).toContain(`'+1 555 0199 000`);
  expect(row).toContain('No signed consent for Chemical peel');
});
