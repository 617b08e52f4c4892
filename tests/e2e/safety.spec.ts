import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/server';
import { ADMIN, expect, setUpClinic, signIn, test } from './fixtures';

const DESK = { name: 'Femi Desk', username: 'femi', password: 'front desk pass 1', role: 'front_desk' };
const PRAC = { name: 'Priya Rao', username: 'priya', password: 'practitioner pass 1', role: 'practitioner' };

async function clinicWithPatient(url: string) {
  const admin = await setUpClinic(url);
  for (const u of [DESK, PRAC]) await api(url, 'users.create', u, admin);
  const p = await api<{ id: number }>(url, 'patients.create', { firstName: 'Renata', lastName: 'Oyelaran', dateOfBirth: '1984-07-21' }, admin);
  if (!p.body.ok) throw new Error(p.body.error.message);
  return { admin, patientId: p.body.value.id };
}

test('an idle screen locks, hides the records, and opens again for the same person or another', async ({ page, server }) => {
  const { admin, patientId } = await clinicWithPatient(server.url);
  await api(server.url, 'settings.update', { idleLockMinutes: 1 }, admin);
  await page.clock.install();
  await signIn(page, server.url);
  await page.goto(`${server.url}#/patients/${patientId}`);
  await expect(page.getByRole('heading', { name: 'Renata Oyelaran' })).toBeVisible();

  await page.clock.fastForward('00:50');
  await expect(page.getByRole('heading', { name: 'Renata Oyelaran' })).toBeVisible(); // not yet
  await page.clock.fastForward('00:15');
  await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  await expect(page.getByText('Oyelaran')).toHaveCount(0);
  await expect(page.getByText(/locked itself after 1 minute without use/)).toBeVisible();
  await page.screenshot({ path: 'test-results/locked.png' });
  // The host's sign-in ended too: the old token reads nothing.
  const token = await page.evaluate(() => sessionStorage.getItem('skinchart.token'));
  expect(token).toBeNull();

  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Wrong username or password/);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Renata Oyelaran' })).toBeVisible();

  await page.clock.fastForward('01:05');
  await page.getByRole('button', { name: 'Sign in as someone else' }).click();
  await page.getByLabel('Username').fill(DESK.username);
  await page.getByLabel('Password', { exact: true }).fill(DESK.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  await expect(page.getByText('Femi Desk')).toBeVisible();
});

test('repeated wrong passwords hold the sign-in back, and say for how long', async ({ page, server }) => {
  await setUpClinic(server.url);
  for (let i = 0; i < 5; i++) await api(server.url, 'auth.login', { username: ADMIN.username, password: 'wrong guess' });
  await page.goto(server.url);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Too many wrong passwords for amara\. Wait \d+ seconds/);
});

test('an admin backs up, checks a backup, restores it into a new folder and makes a recovery key', async ({ page, server }) => {
  await clinicWithPatient(server.url);
  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Backups' }).click();
  await expect(page.getByText('No backup has been made and checked yet')).toBeVisible();
  await page.getByLabel('Label (optional)').fill('before the new laser');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const table = page.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('cell', { name: 'before the new laser' })).toBeVisible();
  await expect(table.getByText(/^Intact/)).toBeVisible();
  await expect(page.getByText('Last good backup')).toBeVisible();

  await table.getByRole('button', { name: /^Check the backup of/ }).click();
  await expect(page.getByText(/is intact\./)).toBeVisible();

  await table.getByRole('button', { name: /^Restore the backup of/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  await dialog.getByLabel('New data folder').fill(server.dataDir);
  await dialog.getByRole('button', { name: 'Check and restore' }).click();
  await expect(dialog.getByText(/New data folder must be a new folder outside the data folder/)).toBeVisible();
  const target = join(mkdtempSync(join(tmpdir(), 'skinchart-restore-')), 'clinic');
  await dialog.getByLabel('New data folder').fill(target);
  await dialog.getByRole('button', { name: 'Check and restore' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/restored into .*clinic and checked there/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Make a new recovery key' }).click();
  await expect(page.getByLabel('Recovery key')).toHaveText(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
  await page.screenshot({ path: 'test-results/backups-screen.png', fullPage: true });
});

test('the audit log shows who opened a patient’s chart in a date range, verifies, and exports', async ({ page, server }) => {
  const { patientId } = await clinicWithPatient(server.url);
  const prac = await api<{ token: string }>(server.url, 'auth.login', { username: PRAC.username, password: PRAC.password });
  if (!prac.body.ok) throw new Error(prac.body.error.message);
  await api(server.url, 'patients.get', { id: patientId }, prac.body.value.token);
  await signIn(page, server.url);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Patient', { exact: true }).fill('oyel');
  await page.getByRole('option', { name: /Oyelaran, Renata/ }).click();
  await page.getByLabel('Chart openings only').check();
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA')); // the browser's own calendar day
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To').fill(today);
  const rows = page.getByRole('table', { name: 'Audit entries' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Priya Rao' }).filter({ hasText: 'Opened the chart' })).toHaveCount(1);
  await expect(rows).toHaveCount(2); // the header and the one opening

  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: /entries are intact/ })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('seq,at,userId,user,action,entity,entityId,patientId,changeHash,hash');
  expect(csv).toContain('"Priya Rao","patients.get"');
  await page.screenshot({ path: 'test-results/audit-log.png', fullPage: true });
});

test('the desktop window asks for a clinic passphrase when the computer has no keyring', async ({ page, server }) => {
  // The desktop preload's two functions, played by the page itself in front of the web host.
  await page.addInitScript(() => {
    let open = false;
    const locked = {
      ok: false,
      error: { code: 'locked', message: 'This computer has no system keyring (Electron reports "basic_text").', details: { vault: 'choose' } },
    };
    (window as unknown as { clinic: unknown }).clinic = {
      call: async (name: string, input: unknown) =>
        open
          ? (await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })).json()
          : locked,
      unlock: async (passphrase: string) => {
        if (passphrase !== 'a clinic passphrase') return { ok: false, error: { code: 'unauthenticated', message: 'Wrong passphrase.' } };
        open = true;
        return { ok: true, value: { ok: true } };
      },
    };
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Protect the records with a passphrase' })).toBeVisible();
  await expect(page.getByText(/no system keyring/)).toBeVisible();
  await page.getByLabel('Clinic passphrase').fill('a clinic passphrase');
  await page.getByLabel('Repeat the passphrase').fill('a clinic passphrasf');
  await page.getByRole('button', { name: 'Set the passphrase and open' }).click();
  await expect(page.getByRole('alert')).toHaveText('The two passphrases differ.');
  await page.getByLabel('Repeat the passphrase').fill('a clinic passphrase');
  await page.getByRole('button', { name: 'Set the passphrase and open' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Skinchart' })).toBeVisible();
});
