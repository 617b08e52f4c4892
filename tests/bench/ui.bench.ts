// The screens on the benchmark clinic (100,000 patients unless BENCH_PATIENTS says otherwise), measured in
// Chromium against the real web host: sign-in to a usable screen, keystroke to results, opening a chart
// with 200 sessions, and the renderer's initial JavaScript. Run with `npm run bench:ui`; it asserts nothing
// about time, it reports.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { benchRoot, cachedClinic, workingCopy } from './bench-db';
import { summarise } from './measure';
import { startServe } from './serve-memory';

const patients = Number(process.env.BENCH_PATIENTS ?? 100_000);
const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const DEBOUNCE_MS = 120; // renderer/screens/Home.tsx waits this long after the last keystroke

/** The files index.html loads before anything is shown: its scripts, preloads and styles. */
function initialAssets() {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return files.map((f) => {
    const bytes = readFileSync(join(rendererDir, f));
    return { file: f, bytes: statSync(join(rendererDir, f)).size, gzip: gzipSync(bytes).length };
  });
}

type Moment = { kind: 'search box focused' } | { kind: 'results for'; value: string } | { kind: 'chart page shown' };

/**
 * Resolves, in the page, at the moment the screen shows `moment`; returns performance.now() then. With
 * `hash`, the page is sent there once the watch is set, and the time taken from that moment is returned.
 */
const shownAt = (page: Page, moment: Moment, hash?: string) =>
  page.evaluate(
    ({ m, hash }) =>
      new Promise<number>((resolve) => {
        const holds = (): boolean => {
          switch (m.kind) {
            case 'search box focused': {
              const id = document.activeElement?.id;
              return !!id && document.querySelector(`label[for="${id}"]`)?.textContent === 'Find a patient';
            }
            case 'results for':
              return [...document.querySelectorAll('[role=status]')].some((el) => el.textContent?.includes(`“${m.value}”`));
            case 'chart page shown':
              return (
                document.querySelectorAll('[role=list][aria-label^="Treatment sessions"] [role=listitem]').length > 0 &&
                /200 sessions shown/.test(document.body.textContent ?? '')
              );
          }
        };
        const started = performance.now();
        const done = () => resolve(hash === undefined ? performance.now() : performance.now() - started);
        const observer = new MutationObserver(() => {
          if (holds()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        if (hash !== undefined) location.hash = hash;
        else if (holds()) {
          observer.disconnect();
          done();
        }
      }),
    { m: moment, hash },
  );

test('the screens keep up on a clinic of this size', async ({ page }) => {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const cached = await cachedClinic(patients, log);
  const { clinic } = cached;
  const server = await startServe(workingCopy(cached, 'ui'));
  const results: Record<string, unknown>[] = [];
  const report = (name: string, ms: number[], note?: string) => {
    const t = summarise(ms);
    results.push({ name, p50Ms: Number(t.p50.toFixed(1)), p95Ms: Number(t.p95.toFixed(1)), samples: t.samples, ...(note && { note }) });
    log(`${name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${t.samples} samples)${note ? ` — ${note}` : ''}`);
  };
  try {
    const desk = clinic.staff.find((s) => s.role === 'front_desk')!;
    const practitioner = clinic.staff.find((s) => s.role === 'practitioner')!;

    // Sign-in to a usable screen: from the click on "Sign in" to the search box, focused and typeable.
    const firstLoad: number[] = [];
    const signIn: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = Date.now();
      await page.goto(server.url);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      firstLoad.push(Date.now() - t0);
      await page.getByLabel('Username').fill(desk.username);
      await page.getByLabel('Password', { exact: true }).fill(desk.password);
      await page.evaluate(() => {
        const w = window as unknown as { clickedAt: number };
        document.addEventListener('click', () => (w.clickedAt ??= performance.now()), { capture: true, once: true });
      });
      const usable = shownAt(page, { kind: 'search box focused' });
      await page.getByRole('button', { name: 'Sign in' }).click();
      const at = await usable;
      signIn.push(at - (await page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt)));
      await page.evaluate(() => sessionStorage.clear());
    }
    report('page load to the sign-in form', firstLoad, 'fresh page load, measured from the test');
    report('sign-in to a usable search screen', signIn, 'includes checking the password (scrypt, N=2^17)');

    // Keystroke to results: each key typed, then the results for what is now in the box.
    await page.goto(server.url);
    await page.getByLabel('Username').fill(desk.username);
    await page.getByLabel('Password', { exact: true }).fill(desk.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const box = page.getByLabel('Find a patient');
    await expect(box).toBeFocused();
    await page.evaluate(() => {
      const w = window as unknown as { typed: { value: string; at: number }[] };
      w.typed = [];
      document.addEventListener('input', (e) => w.typed.push({ value: (e.target as HTMLInputElement).value, at: performance.now() }), { capture: true });
    });
    const heavyChart = `SC-${String(clinic.heavyPatientIds[0]!).padStart(6, '0')}`;
    const typed = ['nguyen', 'fernández', 'o dal', heavyChart, '+44 7700 90', '1984-05-03', 'marie sø'];
    const keystrokes: number[] = [];
    for (const text of typed) {
      await box.fill('');
      let value = '';
      for (const ch of text) {
        value += ch;
        const results = shownAt(page, { kind: 'results for', value });
        await page.keyboard.type(ch);
        const shown = await results;
        const typedAt = await page.evaluate((v) => (window as unknown as { typed: { value: string; at: number }[] }).typed.filter((t) => t.value === v).at(-1)!.at, value);
        keystrokes.push(shown - typedAt);
      }
    }
    report('keystroke to results (patient search)', keystrokes, `includes the ${DEBOUNCE_MS} ms pause the box waits for typing to stop`);
    report(
      'keystroke to results, after the typing pause',
      keystrokes.map((k) => Math.max(0, k - DEBOUNCE_MS)),
      'the search request and drawing the table',
    );

    // Opening a chart with 200 sessions, as a practitioner: to the timeline's first page on screen.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill(practitioner.username);
    await page.getByLabel('Password', { exact: true }).fill(practitioner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Find a patient')).toBeVisible();
    const charts: number[] = [];
    for (let i = 0; i < 12; i++) {
      const id = clinic.heavyPatientIds[i % clinic.heavyPatientIds.length]!;
      await page.evaluate(() => {
        location.hash = '#/';
      });
      await expect(page.getByLabel('Find a patient')).toBeVisible();
      charts.push(await shownAt(page, { kind: 'chart page shown' }, `#/patients/${id}`));
    }
    const drawn = await page.locator('[role=list][aria-label^="Treatment sessions"] [role=listitem]').count();
    report('opening a chart with 200 sessions', charts, `patient and first page of 200 sessions; ${drawn} of them drawn (the rest as the list scrolls)`);
    await page.screenshot({ path: join(benchRoot, 'ui-chart.png') });

    const assets = initialAssets();
    const js = assets.filter((a) => a.file.endsWith('.js'));
    const css = assets.filter((a) => a.file.endsWith('.css'));
    const kb = (n: number) => Number((n / 1024).toFixed(1));
    const size = {
      name: 'renderer initial JavaScript',
      files: js.map((a) => a.file),
      kb: kb(js.reduce((s, a) => s + a.bytes, 0)),
      gzipKb: kb(js.reduce((s, a) => s + a.gzip, 0)),
      cssKb: kb(css.reduce((s, a) => s + a.bytes, 0)),
      cssGzipKb: kb(css.reduce((s, a) => s + a.gzip, 0)),
    };
    results.push(size);
    log(`renderer initial JavaScript: ${size.kb} KB (${size.gzipKb} KB gzipped) in ${js.length} file(s); CSS ${size.cssKb} KB (${size.cssGzipKb} KB gzipped)`);
    log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    writeFileSync(join(benchRoot, 'ui-results.json'), `${results.map((r) => JSON.stringify(r)).join('\n')}\n`);
  } finally {
    await server.stop();
  }
});
