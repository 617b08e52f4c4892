import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { DATABASE_FILE } from '../../electron/paths';
import { clinicPlan, generateClinic } from '../bench/clinic-generator';
import { startServer } from '../support/server';
import { expect, signIn, test as base } from './fixtures';

// A generated clinic with one patient of more than 200 sessions, served by the real web host.
const test = base.extend<{ clinic: { url: string; heavyId: number; practitioner: { username: string; password: string }; frontDesk: { username: string; password: string } } }>({
  clinic: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-timeline-'));
    const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
    const generated = await generateClinic(db, clinicPlan(40, { sessions: 400, productUses: 1000, heavySessions: 230, busyLotUses: 10 }), { scryptLogN: 12 });
    db.close();
    const server = await startServer(dataDir);
    const account = (role: string) => generated.staff.find((s) => s.role === role)!;
    await use({ url: server.url, heavyId: generated.heavyPatientIds[0]!, practitioner: account('practitioner'), frontDesk: account('front_desk') });
    await server.stop();
  },
});

test('a practitioner reads a long treatment history page by page; the front desk does not see it', async ({ page, clinic }) => {
  await signIn(page, clinic.url, clinic.practitioner.username, clinic.practitioner.password);
  await page.goto(`${clinic.url}#/patients/${clinic.heavyId}`);
  await expect(page.getByRole('heading', { name: 'Treatment history' })).toBeVisible();
  await expect(page.getByText('200 sessions shown, older ones load as you scroll')).toBeVisible();
  const sessions = page.getByRole('list', { name: 'Treatment sessions, newest first' }).getByRole('listitem');
  // Drawn where the list is scrolled, not all two hundred.
  expect(await sessions.count()).toBeLessThan(40);
  await expect(sessions.first()).toContainText(/lot [A-Z]{3}\d{2}[A-Z]\d{3}/);
  // Scrolling to the end fetches the older sessions.
  await sessions.last().hover();
  const allShown = page.getByText(/^2\d\d sessions shown$/);
  for (let i = 0; i < 40 && !(await allShown.isVisible()); i++) await page.mouse.wheel(0, 4000);
  await expect(allShown).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, clinic.url, clinic.frontDesk.username, clinic.frontDesk.password);
  await page.goto(`${clinic.url}#/patients/${clinic.heavyId}`);
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Treatment history' })).toHaveCount(0);
});
