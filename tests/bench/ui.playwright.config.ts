import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';

// `npm run bench:ui`: the screens measured on the benchmark clinic. Not part of `npm test`.
export default defineConfig({
  testDir: '.',
  testMatch: 'ui.bench.ts',
  globalSetup: '../e2e/global-setup.ts',
  timeout: 30 * 60_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1280, height: 860 },
    trace: 'off',
  },
});
