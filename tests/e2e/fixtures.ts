import { test as base, expect, type Page } from '@playwright/test';
import { api, startServer, type RunningServer } from '../support/server';

export const ADMIN = { clinicName: 'Glow Skin Clinic', adminName: 'Amara Admin', username: 'amara', password: 'correct horse battery' };

export const test = base.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
});
export { expect };

/** Sets the clinic up over HTTP (not through the screens) and returns an admin token. */
export async function setUpClinic(url: string): Promise<string> {
  const setup = await api(url, 'auth.setup', ADMIN);
  if (!setup.body.ok) throw new Error(setup.body.error.message);
  const login = await api<{ token: string }>(url, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.body.ok) throw new Error(login.body.error.message);
  return login.body.value.token;
}

export async function signIn(page: Page, url: string, username = ADMIN.username, password = ADMIN.password) {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}
