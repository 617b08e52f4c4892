import { chromiumArgs } from '../../playwright.config';
import { api } from '../support/server';
import { dataUrlOf, rgbaPng, signature } from '../support/png';
import { pngWithMetadata, SECRET } from '../support/photos';
import { expect, setUpClinic, signIn, test } from './fixtures';

// A fake camera, so taking a photo can be tested too.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

interface Value<T> {
  body: { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}
const valueOf = <T>(r: Value<T>): T => {
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.value;
};

/** A patient who signed the laser consent with "yes" to photographs, and two laser sessions a month apart. */
async function patientWithSessions(url: string, photoConsent = true) {
  const token = await setUpClinic(url);
  valueOf(await api(url, 'users.create', { name: 'Femi Desk', username: 'femi', password: 'front desk pass', role: 'front_desk' }, token));
  const patient = valueOf(await api<{ id: number }>(url, 'patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14' }, token));
  const laser = valueOf(await api<{ items: { id: number }[] }>(url, 'consents.templates.list', { treatmentType: 'laser' }, token)).items[0]!;
  valueOf(await api(url, 'consents.sign', { patientId: patient.id, templateId: laser.id, signature: signature(), signedByName: 'Marisol Núñez', photoConsent }, token));
  const now = Date.now();
  const first = valueOf(await api<{ id: number; performedAt: string }>(url, 'sessions.start', { patientId: patient.id, treatmentType: 'laser', performedAt: new Date(now - 30 * 86_400_000).toISOString() }, token));
  const second = valueOf(await api<{ id: number; performedAt: string }>(url, 'sessions.start', { patientId: patient.id, treatmentType: 'laser', performedAt: new Date(now - 3_600_000).toISOString() }, token));
  return { token, patientId: patient.id, first, second };
}

const dayOf = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

test('import before and after photos from files, see them side by side; the front desk sees no photos', async ({ page, server }, testInfo) => {
  const { token, patientId, first, second } = await patientWithSessions(server.url);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/patients/${patientId}`);
  const photos = page.getByRole('region', { name: 'Photos' });
  await expect(photos.getByText('No photos yet.')).toBeVisible();
  await photos.getByRole('button', { name: 'Add a photo' }).click();

  // The earlier session, before: a PNG carrying words in its text chunks.
  const earlier = `Laser treatment, ${dayOf(first.performedAt)}`;
  await photos.getByLabel('Session').selectOption({ label: earlier });
  await photos.getByText('Before', { exact: true }).click();
  const beforePng = pngWithMetadata(rgbaPng(64, 48, (x, y) => (x - 32) ** 2 + (y - 24) ** 2 < 200));
  await photos.getByLabel('Import from a file').setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: beforePng });
  await expect(photos.getByRole('img', { name: 'Before photo to save' })).toBeVisible();
  await photos.getByRole('button', { name: 'Save before photo' }).click();
  await expect(page.getByText(`Before photo saved to ${earlier}`)).toBeVisible();

  // The later session, after: a second file.
  const later = `Laser treatment, ${dayOf(second.performedAt)}`;
  await photos.getByLabel('Session').selectOption({ label: later });
  await photos.getByText('After', { exact: true }).click();
  await photos.getByLabel('Import from a file').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: rgbaPng(64, 48, (x, y) => (x - 32) ** 2 + (y - 24) ** 2 < 60) });
  await photos.getByRole('button', { name: 'Save after photo' }).click();
  await expect(page.getByText(`After photo saved to ${later}`)).toBeVisible();

  // Compare: the earlier "before" on the left, the later "after" on the right, both drawn.
  const compare = photos.getByRole('group', { name: 'Compare photos' });
  const left = compare.getByRole('img', { name: `Before — ${earlier}` });
  const right = compare.getByRole('img', { name: `After — ${later}` });
  await expect(left).toBeVisible();
  await expect(right).toBeVisible();
  expect(await left.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([64, 48]);
  expect(await right.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expect(compare.getByLabel('Left photo').locator('option:checked')).toHaveText(`Before, ${dayOf(first.performedAt)}`);
  await expect(compare.getByLabel('Right photo').locator('option:checked')).toHaveText(`After, ${dayOf(second.performedAt)}`);
  await page.screenshot({ path: testInfo.outputPath('photos.png'), fullPage: true });

  // What was stored carries none of the file's words, and its hash is recorded.
  const list = valueOf(await api<{ items: { id: number; sha256: string }[] }>(server.url, 'photos.list', { patientId }, token));
  expect(list.items).toHaveLength(2);
  const stored = valueOf(await api<{ dataUrl: string; sha256: string }>(server.url, 'photos.get', { id: list.items[0]!.id }, token));
  expect(Buffer.from(stored.dataUrl.split(',')[1]!, 'base64').toString('latin1')).not.toContain(SECRET);

  // The front desk: no photos section, and every photo command refused.
  const desk = valueOf(await api<{ token: string }>(server.url, 'auth.login', { username: 'femi', password: 'front desk pass' }));
  expect((await api(server.url, 'photos.list', { patientId }, desk.token)).status).toBe(403);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, server.url, 'femi', 'front desk pass');
  await page.goto(`${server.url}#/patients/${patientId}`);
  await expect(page.getByRole('heading', { name: 'Consents' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Photos' })).toHaveCount(0);
});

test('take a photo with the camera', async ({ page, server }) => {
  const { patientId } = await patientWithSessions(server.url);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/patients/${patientId}`);
  const photos = page.getByRole('region', { name: 'Photos' });
  await photos.getByRole('button', { name: 'Add a photo' }).click();
  await photos.getByRole('button', { name: 'Use the camera' }).click();
  await expect(photos.getByRole('button', { name: 'Take photo' })).toBeEnabled();
  await photos.getByRole('button', { name: 'Take photo' }).click();
  await expect(photos.getByRole('img', { name: 'Before photo to save' })).toBeVisible();
  await photos.getByRole('button', { name: 'Save before photo' }).click();
  const compare = photos.getByRole('group', { name: 'Compare photos' });
  const taken = compare.getByRole('img', { name: /^Before — Laser treatment/ });
  await expect(taken).toBeVisible();
  expect(await taken.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
});

test('without photo consent, photos cannot be added, and the screen says why', async ({ page, server }) => {
  const { patientId } = await patientWithSessions(server.url, false);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/patients/${patientId}`);
  const photos = page.getByRole('region', { name: 'Photos' });
  await photos.getByRole('button', { name: 'Add a photo' }).click();
  await expect(photos.getByText('No photo consent')).toBeVisible();
  await expect(photos.getByText(/signed with “yes” to photographs/)).toBeVisible();
  await expect(photos.getByLabel('Import from a file')).toHaveCount(0);
});

test('a file that is not a photo is refused before it is sent', async ({ page, server }) => {
  const { patientId } = await patientWithSessions(server.url);
  await signIn(page, server.url);
  await page.goto(`${server.url}#/patients/${patientId}`);
  const photos = page.getByRole('region', { name: 'Photos' });
  await photos.getByRole('button', { name: 'Add a photo' }).click();
  await photos.getByLabel('Import from a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await expect(photos.getByRole('alert')).toHaveText('Choose a JPEG, PNG or WebP photo.');
  await photos.getByLabel('Import from a file').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from(dataUrlOf(rgbaPng(4, 4, () => true))) });
  await expect(photos.getByRole('alert')).toHaveText('This file could not be read as a photo.');
});
