import type { Page } from '@playwright/test';
import { api } from '../support/server';
import { expect, signIn, test } from './fixtures';

// Names and notes that are HTML or script must show as the text that was typed: no element is
// injected, no dialog opens, nothing is blocked by the content security policy (which would mean
// something tried to run).

const CLINIC = { clinicName: '<img src=x onerror=alert(1)> Clinic', adminName: '"><script>alert(2)</script>', username: 'amara', password: 'correct horse battery' };
const TYPED = { firstName: '<img src=x onerror=alert(1)>', lastName: '"><script>alert(1)</script>' };
const SENT = {
  firstName: '<svg onload=alert(3)>',
  lastName: "</a><iframe src='javascript:alert(4)'>",
  dateOfBirth: '1984-04-04',
  address: '<a href="javascript:alert(5)">home</a>',
  allergies: ['<b>latex</b>'],
  notes: '<style>*{display:none}</style><div onclick=alert(6)>notes</div> {{7*7}} ${7*7}',
};

/** Records every dialog and every content-security-policy violation from the first script on. */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return dialogs;
}

async function expectNothingInjected(page: Page, dialogs: string[]) {
  const found = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    handlers: document.querySelectorAll('[onload], [onerror], [onclick]').length,
    frames: document.querySelectorAll('iframe, object, embed').length,
    inlineScripts: document.querySelectorAll('script:not([src])').length,
    scriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    styles: [...document.querySelectorAll('style')].filter((s) => s.textContent?.includes('display:none')).length,
    violations: (window as unknown as { __violations: string[] }).__violations,
  }));
  expect(found).toEqual({ images: 0, handlers: 0, frames: 0, inlineScripts: 0, scriptLinks: 0, styles: 0, violations: [] });
  expect(dialogs).toEqual([]);
}

test('names, notes and a clinic name written as HTML show as plain text and run nothing', async ({ page, server }) => {
  const dialogs = await watch(page);
  expect((await api(server.url, 'auth.setup', CLINIC)).status).toBe(200);
  const login = await api<{ token: string }>(server.url, 'auth.login', { username: CLINIC.username, password: CLINIC.password });
  const admin = login.body.ok ? login.body.value.token : '';
  const sent = await api<{ id: number }>(server.url, 'patients.create', SENT, admin);
  expect(sent.status).toBe(200);
  await api(server.url, 'users.create', { name: '<marquee>Desk</marquee>', username: 'desk', password: 'front desk pass', role: 'front_desk' }, admin);

  await signIn(page, server.url, CLINIC.username, CLINIC.password);
  const banner = page.getByRole('banner');
  await expect(banner.getByText(CLINIC.clinicName, { exact: true })).toBeVisible();
  await expect(banner.getByText(CLINIC.adminName, { exact: true })).toBeVisible();

  // Typed into the form, the way the front desk would.
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill(TYPED.firstName);
  await page.getByLabel('Last name').fill(TYPED.lastName);
  await page.getByLabel('Date of birth').fill('1990-09-09');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${TYPED.firstName} ${TYPED.lastName}` })).toBeVisible();
  await expectNothingInjected(page, dialogs);

  // Found by search: both patients listed by their literal names.
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByLabel('Find a patient').fill('alert');
  const results = page.getByRole('table', { name: 'Search results' });
  await expect(results.getByRole('link', { name: `${TYPED.lastName}, ${TYPED.firstName}`, exact: true })).toBeVisible();
  await expect(results.getByRole('link', { name: `${SENT.lastName}, ${SENT.firstName}`, exact: true })).toBeVisible();
  await expectNothingInjected(page, dialogs);

  // The chart sent over HTTP: every field as text.
  await results.getByRole('link', { name: `${SENT.lastName}, ${SENT.firstName}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${SENT.firstName} ${SENT.lastName}` })).toBeVisible();
  await expect(page.getByText(SENT.address, { exact: true })).toBeVisible();
  await expect(page.getByText(SENT.allergies[0]!, { exact: true })).toBeVisible();
  await expect(page.getByText(SENT.notes, { exact: true })).toBeVisible();
  await expectNothingInjected(page, dialogs);

  // A failed sign-in records the username it was given; the log shows it as text and still verifies.
  for (const username of ['<img src=x onerror=alert(7)>', 'lone\ud800surrogate']) {
    expect((await api(server.url, 'auth.login', { username, password: 'wrong password' })).status).toBe(401);
  }
  await page.getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit entries' });
  await expect(log.getByText('user <img src=x onerror=alert(7)>', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByText(/^All \d+ entries are intact\./)).toBeVisible();
  await expectNothingInjected(page, dialogs);

  await page.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('table', { name: 'Staff accounts' }).getByRole('cell', { name: '<marquee>Desk</marquee>', exact: true })).toBeVisible();
  await expectNothingInjected(page, dialogs);
});
