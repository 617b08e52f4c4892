import { api } from '../support/server';
import { expect, setUpClinic, signIn, test } from './fixtures';

test('an admin publishes a new version of an aftercare sheet; an empty title is refused next to the field; the old version stays readable', async ({
  page,
  server,
}) => {
  const admin = await setUpClinic(server.url);
  const before = await api<{ items: { version: number; title: string }[] }>(server.url, 'aftercare.templates.list', { treatmentType: 'laser' }, admin);
  const first = before.body.ok ? before.body.value.items[0]! : null;
  expect(first?.version).toBe(1);

  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Aftercare sheets' }).click();
  await page.getByRole('combobox', { name: 'Treatment' }).click();
  await page.getByRole('option', { name: 'Laser treatment', exact: true }).click();
  const sheet = page.getByRole('region', { name: 'Laser treatment aftercare sheet' });
  await expect(sheet.getByRole('heading', { level: 2, name: first!.title })).toBeVisible();
  await expect(sheet.getByText('Current')).toBeVisible();

  const title = sheet.getByLabel('Title');
  await title.fill('');
  await sheet.getByRole('button', { name: 'Publish version 2' }).click();
  await expect(title).toHaveAccessibleDescription(/required/i);

  await title.fill('After your laser treatment (revised)');
  const wording = sheet.getByLabel('Wording');
  await wording.fill(`${await wording.inputValue()}\n\n## If you are worried\n- Call the clinic on the number above, any day.`);
  await sheet.getByRole('button', { name: 'Publish version 2' }).click();
  await page.getByRole('dialog', { name: 'Publish version 2?' }).getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Version 2 of the Laser treatment aftercare sheet is published')).toBeVisible();
  await expect(sheet.getByRole('heading', { level: 2, name: 'After your laser treatment (revised)' })).toBeVisible();
  await expect(sheet.getByText('Call the clinic on the number above, any day.')).toBeVisible();

  // Version 1 is still there, word for word, marked as replaced.
  await sheet.getByRole('button', { name: '1', exact: true }).click();
  await expect(sheet.getByRole('heading', { level: 2, name: first!.title })).toBeVisible();
  await expect(sheet.getByText('Replaced')).toBeVisible();

  const after = await api<{ items: { version: number; title: string; current: boolean }[] }>(server.url, 'aftercare.templates.list', { treatmentType: 'laser', history: true }, admin);
  expect(after.body.ok && after.body.value.items.map((t) => [t.version, t.current])).toEqual([
    [2, true],
    [1, false],
  ]);
});
