import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { api } from '../support/server';
import { expect, setUpClinic, signIn, test } from './fixtures';

const GLUTATHIONE_IV = 'Glutathione (reduced) for IV infusion';
const BARCODE = '(01)09506000134352(17)270400(10)GLU-2291';

interface Value<T> {
  body: { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}
const valueOf = <T>(r: Value<T>): T => {
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.value;
};

/** A clinic with a GTIN on the glutathione product and one patient; returns ids and the admin token. */
async function clinicWithPatient(url: string) {
  const token = await setUpClinic(url);
  const products = valueOf(await api<{ items: { id: number; name: string; version: number }[] }>(url, 'products.list', {}, token)).items;
  const glutathione = products.find((p) => p.name === GLUTATHIONE_IV)!;
  valueOf(await api(url, 'products.update', { id: glutathione.id, version: glutathione.version, gtin: '09506000134352' }, token));
  const patient = valueOf(await api<{ id: number }>(url, 'patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14', phone: '+1 555 201 3344', email: 'marisol@example.com' }, token));
  return { token, glutathioneId: glutathione.id, patientId: patient.id };
}

const selectedOption = (page: Page, label: string) => page.getByLabel(label).locator('option:checked');

test('receive a lot by scanning, use it on a session, recall it, and export the patients who received it', async ({ page, server }, testInfo) => {
  const { token, glutathioneId, patientId } = await clinicWithPatient(server.url);
  await signIn(page, server.url);

  // Receiving: the scan fills product, lot and expiry (day 00 = the month's last day); the rest is typed.
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await page.getByRole('link', { name: 'Receive stock' }).click();
  const scan = page.getByLabel('Scan barcode');
  await expect(scan).toBeFocused();
  await scan.pressSequentially(BARCODE);
  await scan.press('Enter');
  await expect(selectedOption(page, 'Product')).toHaveText(new RegExp(`^${GLUTATHIONE_IV.replace(/[()]/g, '\\$&')}`));
  await expect(page.getByLabel('Lot number')).toHaveValue('GLU-2291');
  await expect(page.getByLabel('Expiry date')).toHaveValue('2027-04-30');
  await expect(page.getByLabel('GTIN')).toHaveValue('09506000134352');
  await expect(page.getByLabel('Quantity received')).toBeFocused();
  await page.getByLabel('Quantity received').fill('10');
  await page.getByLabel('Supplier').fill('Pharma Direct');
  await page.getByLabel('Invoice number').fill('INV-4471');
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  const receivedNow = page.getByLabel('Received just now');
  await expect(receivedNow).toContainText('lot GLU-2291');
  await expect(receivedNow).toContainText('10 vials on hand');
  await page.screenshot({ path: 'test-results/inventory-receive.png', fullPage: true });

  // A later-expiring lot of the same product: the picker must still offer GLU-2291 first.
  valueOf(await api(server.url, 'lots.receive', { productId: glutathioneId, lotNumber: 'GLU-3300', expiresOn: '2027-12-31', quantity: 5 }, token));

  // Point of use: scan the vial on the patient's session.
  const session = valueOf(await api<{ id: number }>(server.url, 'sessions.start', { patientId, treatmentType: 'iv_glutathione' }, token));
  await page.goto(`${server.url}#/sessions/${session.id}/products`);
  await expect(page.getByRole('heading', { name: 'Products used: Marisol Núñez' })).toBeVisible();
  await page.getByLabel('Product').selectOption({ label: GLUTATHIONE_IV + ' (600 mg powder per vial)' });
  await expect(selectedOption(page, 'Lot')).toContainText('GLU-2291 · expires 2027-04-30 · 10 vials left · suggested: expires first');
  const vialScan = page.getByLabel('Scan the vial, tube or box');
  await vialScan.pressSequentially(BARCODE);
  await vialScan.press('Enter');
  await expect(selectedOption(page, 'Lot')).toContainText('GLU-2291');
  await expect(page.getByLabel(/^Quantity/)).toHaveValue('1');
  await page.getByLabel('Area or site').fill('left antecubital');
  await page.getByRole('button', { name: 'Add to session' }).click();
  const used = page.getByRole('table', { name: 'Products used in this session' });
  await expect(used.getByRole('row', { name: /GLU-2291.*1 vial.*left antecubital/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/inventory-point-of-use.png', fullPage: true });

  // Recall: from the lot's page, with a confirmation that insists on a reason.
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await page.getByRole('table', { name: 'Lots on hand' }).getByRole('link', { name: 'GLU-2291' }).click();
  await expect(page.getByRole('heading', { name: 'Lot GLU-2291' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Stock ledger' }).getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Recall lot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recall lot GLU-2291?' });
  await expect(dialog).toContainText('cannot be undone');
  await dialog.getByRole('button', { name: 'Recall lot' }).click();
  await expect(dialog.getByText('Reason is required')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Manufacturer recall notice 2026-17: particulates');
  await dialog.getByRole('button', { name: 'Recall lot' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Recalled: must not be used')).toBeVisible();

  // The recall list: the patient, with contact details, exported as CSV.
  const list = page.getByRole('table', { name: 'Patients who received this lot' });
  await expect(list.getByRole('row', { name: /Núñez, Marisol.*1988-03-14.*\+1 555 201 3344.*marisol@example\.com/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/inventory-recall.png', fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^recall-GLU-2291-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFChart number,Last name,First name,Date of birth,Phone,E-mail,Address,Session date,Session,Treatment,Product,Lot number,Quantity,Unit');
  expect(csv).toContain(`SC-000001,Núñez,Marisol,1988-03-14,+1 555 201 3344,marisol@example.com,,`);
  expect(csv).toContain(`,${session.id},iv_glutathione,${GLUTATHIONE_IV},GLU-2291,1,vial`);

  // The printed recall list is the list alone, with the clinic's name and the recall's reason.
  await page.emulateMedia({ media: 'print' });
  const pdf = join(testInfo.outputDir, 'recall-list.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const printed = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(printed).toContain('Glow Skin Clinic');
  expect(printed).toContain('Recall list: lot GLU-2291');
  expect(printed).toContain('Manufacturer recall notice 2026-17: particulates');
  expect(printed).toMatch(/Núñez, Marisol .*1988-03-14 .*\+1 555 201 3344 .*marisol@example\.com/);
  expect(printed).not.toContain('Stock ledger');
  expect(printed).not.toContain('Export CSV');
  expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n[\s\S]*Page size:\s+841\.\d+ x 594\.\d+ pts \(A4\)/);

  // The same patients from the recall notice's lot number alone.
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await page.getByRole('link', { name: 'Recall lookup' }).click();
  await page.getByLabel('Lot number').fill('glu-2291');
  await page.getByRole('button', { name: 'Find patients' }).click();
  await expect(page.getByRole('table', { name: 'Patients who received this lot' }).getByRole('link', { name: 'Núñez, Marisol' })).toBeVisible();

  // And the recalled lot can no longer touch a patient.
  const refused = await api(server.url, 'sessions.addProduct', { sessionId: session.id, lotId: 1, quantity: 1 }, token);
  expect(refused.status).toBe(409);
  expect(!refused.body.ok && refused.body.error.code).toBe('lot_recalled');
});

test('receiving refuses a malformed barcode, a zero quantity and an expiry before the delivery, next to the field', async ({ page, server }) => {
  const { token } = await clinicWithPatient(server.url);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/inventory/receive`);
  const scan = page.getByLabel('Scan barcode');
  await scan.pressSequentially('(01)09506000134353(17)270400(10)GLU-2291');
  await scan.press('Enter');
  await expect(page.getByText(/check digit \(the last digit should be 2, not 3\)/)).toBeVisible();
  await expect(page.getByLabel('Lot number')).toHaveValue('');

  await page.getByLabel('Product').selectOption({ label: 'Kojic acid serum (2%)' });
  await page.getByLabel('Lot number').fill('KJ-11');
  await page.getByLabel('Expiry date').fill('2026-01-31');
  await page.getByLabel('Received on').fill('2026-02-02');
  await page.getByLabel('Quantity received').fill('0');
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByText('Must be more than zero')).toBeVisible();
  await page.getByLabel('Quantity received').fill('4');
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByText('Is before the received date (2026-02-02); check the label')).toBeVisible();
  const lots = valueOf(await api<{ items: unknown[] }>(server.url, 'lots.list', { includeEmpty: true }, token));
  expect(lots.items).toEqual([]);
  await page.screenshot({ path: 'test-results/inventory-receive-errors.png', fullPage: true });

  // A raw scan: the lot ends at the group separator, which a scanner sends as Ctrl+].
  await scan.fill('');
  await scan.pressSequentially('010950600013435210KJ-77');
  await scan.press('Control+BracketRight');
  await scan.pressSequentially('17270400');
  await scan.press('Enter');
  await expect(page.getByLabel('Lot number')).toHaveValue('KJ-77');
  await expect(page.getByLabel('Expiry date')).toHaveValue('2027-04-30');
});

test('the home tile warns a practitioner of expiring stock; the front desk sees no inventory', async ({ page, server }) => {
  const { token, glutathioneId } = await clinicWithPatient(server.url);
  const soon = new Date(Date.now() + 10 * 86_400_000);
  const day = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
  valueOf(await api(server.url, 'lots.receive', { productId: glutathioneId, lotNumber: 'GLU-SOON', expiresOn: day, quantity: 3 }, token));
  valueOf(await api(server.url, 'users.create', { name: 'Priya Practitioner', username: 'priya', password: 'practitioner pass', role: 'practitioner' }, token));
  valueOf(await api(server.url, 'users.create', { name: 'Femi Desk', username: 'femi', password: 'front desk pass', role: 'front_desk' }, token));

  await signIn(page, server.url, 'priya', 'practitioner pass');
  const tile = page.getByRole('region', { name: 'Stock alerts' });
  await tile.getByRole('link', { name: '1 lot expires within 30 days' }).click();
  await expect(page.getByRole('table', { name: 'Expiring lots' }).getByRole('link', { name: 'GLU-SOON' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Receive stock' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/inventory-expiring.png', fullPage: true });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, server.url, 'femi', 'front desk pass');
  await expect(page.getByLabel('Find a patient')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Inventory', exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Stock alerts' })).toHaveCount(0);
});
