import type { Page } from '@playwright/test';
import { api } from '../support/server';
import { expect, setUpClinic, signIn, test } from './fixtures';

const DESK = { username: 'femi', password: 'front desk pass' };
const PRACTITIONER = { name: 'Priya Patel', username: 'priya', password: 'practitioner pass' };

/** A clinic with a practitioner and a front-desk account, signed in as the front desk. */
async function frontDesk(page: Page, url: string) {
  const admin = await setUpClinic(url);
  await api(url, 'users.create', { ...PRACTITIONER, role: 'practitioner' }, admin);
  await api(url, 'users.create', { name: 'Femi Desk', ...DESK, role: 'front_desk' }, admin);
  await signIn(page, url, DESK.username, DESK.password);
  return admin;
}

async function fillNewPatient(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill('Marisol');
  await page.getByLabel('Last name').fill('Núñez');
  await page.getByLabel('Date of birth').fill('1988-03-14');
  await page.getByLabel('Phone').fill('+1 555 201 3344');
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A start a few minutes from now, on the local clock the browser and the host share. */
const soon = () => {
  const d = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
};

/** Answers one yes/no question on the tablet by its wording. */
const answer = (page: Page, question: RegExp, choice: 'Yes' | 'No') => page.getByRole('radiogroup', { name: question }).getByRole('radio', { name: choice }).click();

test('front desk day: register, duplicate warning, tablet intake with G6PD, alert, IV glutathione booking, check-in lists the missing consent', async ({ page, server }) => {
  await frontDesk(page, server.url);

  // Register a patient.
  await fillNewPatient(page);
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();

  // The same person again: the warning appears while typing, and Register is refused until confirmed.
  await fillNewPatient(page);
  const warning = page.getByRole('alert').filter({ hasText: 'This patient may already have a record' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('link', { name: 'Núñez, Marisol' })).toBeVisible();
  await expect(warning).toContainText('SC-000001');
  await expect(warning).toContainText('same name and date of birth and same phone number');
  await page.getByRole('button', { name: 'Register patient' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already has a record' }).first()).toBeVisible();
  await warning.getByRole('link', { name: 'Núñez, Marisol' }).click();
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();
  await expect(page.getByText(/^SC-000001 · born 1988-03-14/)).toBeVisible();

  // Hand the tablet to the patient: no way back into the app.
  await page.getByRole('button', { name: 'Hand to patient (tablet)' }).click();
  await expect(page.getByText('Health questionnaire for Marisol N.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByLabel('Search patients')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Your health' })).toBeVisible();
  // Reloading the page does not leave it either.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your health' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  // A safety question left unanswered keeps the patient on the section.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('radiogroup', { name: /G6PD deficiency/ })).toHaveAccessibleDescription(/Please answer this question/);
  await answer(page, /G6PD deficiency/, 'Yes');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Medicines and supplements' })).toBeVisible();
  await page.getByLabel('Which medicines do you take now?').fill('none');
  await answer(page, /isotretinoin/, 'No');
  await answer(page, /more sensitive to sunlight/, 'No');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Allergies' })).toBeVisible();
  await answer(page, /local anaesthetic or numbing cream/, 'No');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Your skin' })).toBeVisible();
  await page.getByRole('radiogroup', { name: /react to strong sun/ }).getByRole('radio', { name: /tans easily to a moderate brown/ }).click();
  await answer(page, /keloid/, 'No');
  await answer(page, /tanned or sunburnt/, 'No');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Pregnancy and breastfeeding' })).toBeVisible();
  await answer(page, /pregnant/, 'No');
  await answer(page, /breastfeeding/, 'No');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: "Today's treatment area" })).toBeVisible();
  await answer(page, /infection on or near the area/, 'No');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: 'Check and send' })).toBeVisible();
  // Typing another address does not leave the questionnaire.
  await page.goto(`${server.url}#/staff`);
  await expect(page.getByText('Health questionnaire for Marisol N.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Check and send' })).toBeVisible();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();

  // Only a staff password unlocks it.
  await page.getByRole('button', { name: 'Staff unlock' }).click();
  const unlock = page.getByRole('dialog', { name: 'Staff unlock' });
  await unlock.getByLabel('Staff username').fill(DESK.username);
  await unlock.getByLabel('Staff password').fill('not the password');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock.getByRole('alert')).toHaveText('Wrong username or password');
  await unlock.getByLabel('Staff password').fill(DESK.password);
  await unlock.getByRole('button', { name: 'Unlock' }).click();

  // Back on the patient page, the alert nobody can miss.
  await expect(page.getByRole('heading', { name: 'Marisol Núñez' })).toBeVisible();
  const alerts = page.getByRole('alert').filter({ hasText: 'Safety alerts' });
  await expect(alerts).toContainText('G6PD deficiency');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // Book IV glutathione in a few minutes.
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const booking = page.getByRole('dialog', { name: 'Book appointment' });
  await booking.getByLabel('Treatment').selectOption({ label: 'IV glutathione' });
  await booking.getByLabel('Practitioner').selectOption({ label: PRACTITIONER.name });
  const start = soon();
  await booking.getByLabel('Day').fill(start.date);
  await booking.getByLabel('Start time').fill(start.time);
  await booking.getByLabel('Length').selectOption({ label: '45 minutes' });
  await booking.getByLabel('Room').fill('Room 1');
  await booking.getByRole('button', { name: 'Book appointment' }).click();
  await expect(booking).toHaveCount(0);
  const upcoming = page.getByRole('table', { name: 'Upcoming appointments' });
  await expect(upcoming).toContainText('IV glutathione with Priya Patel');
  await expect(upcoming).toContainText('No signed consent for IV glutathione');

  // Check-in lists what is missing before treatment.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Check-in' }).click();
  const expected = page.getByRole('region', { name: 'Expected' });
  await expected.getByRole('button', { name: 'Check in Marisol Núñez' }).click();
  const waiting = page.getByRole('region', { name: 'Checked in' }).getByRole('listitem', { name: 'Marisol Núñez' });
  const missing = waiting.getByRole('group', { name: 'Missing before treatment' });
  await expect(missing).toContainText('No signed consent for IV glutathione');
  await expect(missing).not.toContainText('intake');
  await expect(waiting).toContainText('G6PD deficiency');
  await expect(waiting).toContainText(/Arrived at \d\d:\d\d/);
});
