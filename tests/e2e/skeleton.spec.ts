import { api } from '../support/server';
import { ADMIN, expect, setUpClinic, signIn, test } from './fixtures';

test('first-run setup, sign in, register a patient, find them, and they survive a restart', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Skinchart' })).toBeVisible();
  await page.getByLabel('Clinic name').fill(ADMIN.clinicName);
  await page.getByLabel('Your name').fill(ADMIN.adminName);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Repeat the password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create clinic' }).click();
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, server.url);

  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill('Marisol');
  await page.getByLabel('Last name').fill('Núñez');
  await page.getByLabel('Date of birth').fill('1988-03-14');
  await page.getByLabel('Phone').fill('+1 555 201 3344');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();
  await expect(page.getByText(/^SC-000001 · born 1988-03-14/)).toBeVisible();

  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByLabel('Find a patient').pressSequentially('nun', { delay: 40 });
  const results = page.getByRole('table', { name: 'Search results' });
  await expect(results.getByRole('link', { name: 'Núñez, Marisol' })).toBeVisible();

  const restarted = await server.restart();
  await signIn(page, restarted.url);
  await page.getByLabel('Find a patient').fill('SC-000001');
  await results.getByRole('link', { name: 'Núñez, Marisol' }).click();
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();
  await restarted.stop();
});

test('a field problem is shown next to its field, and nothing is saved', async ({ page, server }) => {
  const token = await setUpClinic(server.url);
  await signIn(page, server.url);
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Okafor');
  await page.getByLabel('Date of birth').fill('2999-01-01');
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByText('Must be a date in the past')).toBeVisible();
  await expect(page.getByText('Must be an e-mail address')).toBeVisible();
  const search = await api<{ items: unknown[] }>(server.url, 'patients.search', { query: 'okafor' }, token);
  expect(search.body.ok && search.body.value.items).toEqual([]);
});

test('the front desk is refused staff management, and the refusal is audited', async ({ server }) => {
  const admin = await setUpClinic(server.url);
  const created = await api(server.url, 'users.create', { name: 'Femi Desk', username: 'femi', password: 'front desk pass', role: 'front_desk' }, admin);
  expect(created.status).toBe(200);
  const login = await api<{ token: string }>(server.url, 'auth.login', { username: 'femi', password: 'front desk pass' });
  const desk = login.body.ok ? login.body.value.token : '';
  const refused = await api(server.url, 'users.create', { name: 'X Y', username: 'xy', password: 'whatever pass', role: 'admin' }, desk);
  expect(refused.status).toBe(403);
  expect(!refused.body.ok && refused.body.error.code).toBe('forbidden');
  const log = await api<{ items: { action: string }[] }>(server.url, 'audit.query', { action: 'denied:users.create' }, admin);
  expect(log.body.ok && log.body.value.items.length).toBe(1);
});
