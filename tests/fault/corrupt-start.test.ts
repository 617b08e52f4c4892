import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError, defaultMigrationsFolder, openDatabase } from '../../db/open';
import type { DispatchResult } from '../../electron/dispatch';
import { startHost } from '../../electron/host';
import { DATABASE_FILE } from '../../electron/paths';
import { ADMIN_PASSWORD, testHost, withStaff } from '../support/host';
import { faultSeed, repoRoot, seededRandom } from './support/child';
import { fileDigest } from './support/snapshot';

let pristine: string;
let pageSize: number;
let size: number;

beforeAll(async () => {
  const host = testHost();
  const staff = await withStaff(host);
  for (let i = 0; i < 120; i++) {
    await host.call('patients.create', { firstName: `Kept${i}`, lastName: 'Safe', dateOfBirth: '1980-01-01', notes: 'Notes '.repeat(80), allergies: ['latex'] }, staff.frontDesk);
  }
  pageSize = host.db.sql.pragma('page_size', { simple: true }) as number;
  host.close(); // the last connection checkpoints: everything is in the one file
  pristine = join(host.dataDir, DATABASE_FILE);
  size = statSync(pristine).size;
});

/** A data folder holding a copy of the clinic's file, damaged by `damage`. */
function damagedCopy(damage: (file: string) => void): { dataDir: string; file: string; digest: string; listing: string[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-corrupt-'));
  const file = join(dataDir, DATABASE_FILE);
  copyFileSync(pristine, file);
  damage(file);
  return { dataDir, file, digest: fileDigest(file), listing: readdirSync(dataDir) };
}

/** Starts the real host on it: the refusal, or null when it opened (and is then closed again). */
function startOn(dataDir: string): DatabaseOpenError | null {
  try {
    startHost({ dataDir, scryptLogN: 4 }).close();
    return null;
  } catch (e) {
    if (e instanceof DatabaseOpenError) return e;
    throw e;
  }
}

/** Random bytes overwritten, half of them in page headers and cell pointers, where structure lives. */
function overwriteRandomBytes(random: () => number) {
  return (file: string) => {
    const bytes = readFileSync(file);
    const pages = size / pageSize;
    const count = 1 + Math.floor(random() * 16);
    for (let i = 0; i < count; i++) {
      const page = Math.floor(random() * pages);
      const offset = random() < 0.5 ? Math.floor(random() * 16) : Math.floor(random() * pageSize);
      bytes[page * pageSize + offset] = Math.floor(random() * 256);
    }
    writeFileSync(file, bytes);
  };
}

const soundByQuickCheck = (file: string): boolean => {
  const sql = new Database(file, { readonly: true });
  try {
    return sql.pragma('quick_check', { simple: true }) === 'ok';
  } finally {
    sql.close();
  }
};

/**
 * One b-tree page made unreadable (its type byte), found so that the cheap checks at open pass and only
 * reading every page finds it: the damage the page check after start is there for.
 */
function damageOnlyAPageCheckFinds(file: string): void {
  const bytes = readFileSync(file);
  const scratch = join(mkdtempSync(join(tmpdir(), 'skinchart-scratch-')), DATABASE_FILE);
  for (let page = size / pageSize - 1; page > 1; page--) {
    const trial = Buffer.from(bytes);
    trial[page * pageSize] = 0x07; // not one of SQLite's four b-tree page types
    writeFileSync(scratch, trial);
    const sql = new Database(scratch, { readonly: true });
    try {
      sql.prepare('SELECT * FROM sqlite_schema').all();
      if (sql.pragma('quick_check', { simple: true }) !== 'ok') return writeFileSync(file, trial);
    } finally {
      sql.close();
    }
  }
  throw new Error('no page whose damage only the page check finds');
}

const refusedForDamage = (result: DispatchResult, what: string) => {
  expect(result.body.ok, what).toBe(false);
  if (result.body.ok) return;
  expect(result.body.error.code, what).toBe('internal');
  expect(result.body.error.details, what).toEqual({ reason: 'damaged_database' });
  expect(result.body.error.message, what).toMatch(/is damaged.*will not save anything.*Restore the records from your latest backup/);
};

describe('a damaged database at start', () => {
  it('cut short at any length is refused with a way to restore, and left byte for byte as it was', () => {
    const lengths = [0, 1, 50, 99, 100, 512, pageSize, pageSize + 1, 2 * pageSize, Math.floor(size / pageSize / 2) * pageSize, Math.floor(size / 2) + 123, size - pageSize, size - 1];
    for (const length of lengths) {
      const copy = damagedCopy((file) => truncateSync(file, length));
      const refusal = startOn(copy.dataDir);
      expect(refusal, `cut to ${length} bytes`).toBeInstanceOf(DatabaseOpenError);
      expect(refusal!.reason).toBe('not_a_database');
      expect(refusal!.message).toMatch(/restore .*from a backup/);
      expect(fileDigest(copy.file), `cut to ${length} bytes`).toBe(copy.digest);
      expect(readdirSync(copy.dataDir), `cut to ${length} bytes`).toEqual(copy.listing);
    }
  });

  it('with random bytes overwritten is refused untouched, unless SQLite can find nothing wrong with it', () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    let refused = 0;
    const trials = 40;
    for (let trial = 0; trial < trials; trial++) {
      const copy = damagedCopy(overwriteRandomBytes(random));
      const refusal = startOn(copy.dataDir);
      if (refusal) {
        refused++;
        expect(refusal.message.length, `seed ${seed}, trial ${trial}`).toBeGreaterThan(40);
        expect(fileDigest(copy.file), `seed ${seed}, trial ${trial}: a refused file was changed`).toBe(copy.digest);
        expect(readdirSync(copy.dataDir)).toEqual(copy.listing);
      } else {
        // It opened: then SQLite's own page check finds it sound (the bytes hit unused space or a value).
        expect(soundByQuickCheck(copy.file), `seed ${seed}, trial ${trial}`).toBe(true);
      }
    }
    expect(refused, `seed ${seed}`).toBeGreaterThan(trials / 2);
  });

  it('stops `npm run serve` with a clear message and a non-zero exit, and the file is kept', async () => {
    const cases = [
      { copy: damagedCopy((file) => truncateSync(file, Math.floor(size / 2) + 7)), says: /damaged or cut short.*restore the records from a backup/ },
      { copy: damagedCopy((file) => truncateSync(file, 0)), says: /is empty: the clinic's records are not in it.*restore the records from a backup/ },
    ];
    const runs = cases.map(
      ({ copy }) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--data-dir', copy.dataDir, '--port', '0', '--no-open'], {
            cwd: repoRoot,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (c: Buffer) => {
            stdout += c.toString();
            if (/open at/.test(stdout)) child.kill(); // it should never have started
          });
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          child.once('close', (code) => resolve({ code, stdout, stderr }));
        }),
    );
    const results = await Promise.all(runs);
    results.forEach((result, i) => {
      const { copy, says } = cases[i]!;
      expect(result.code, result.stderr).not.toBe(0);
      expect(result.stdout).not.toMatch(/open at/);
      expect(result.stderr).toMatch(says);
      expect(result.stderr).not.toMatch(/^\s+at /m); // a message for people, not a stack trace
      expect(fileDigest(copy.file)).toBe(copy.digest);
    });
  });
});

/** The host on a file treated as large: only the cheap checks at open, every page read after start. */
function startLarge(dataDir: string): ReturnType<typeof startHost> | DatabaseOpenError {
  try {
    return startHost({ dataDir, scryptLogN: 4, fullCheckBelowBytes: 0 });
  } catch (e) {
    if (e instanceof DatabaseOpenError) return e;
    throw e;
  }
}

describe('a large database: cheap checks at open, every page read after start', () => {
  it('opens at once; a write sent meanwhile waits for the page check, and goes through on a sound file', async () => {
    const copy = damagedCopy(() => undefined);
    const host = startLarge(copy.dataDir);
    if (host instanceof DatabaseOpenError) throw host;
    expect(host.db.pagesChecked).toBe(false);
    expect(host.records()).toEqual({ state: 'checking' });
    const status = await host.dispatch('auth.status', {}, null);
    expect(status.body).toEqual({ ok: true, value: { needsSetup: false, clinicName: 'Test Clinic', checking: true } });
    const login = host.dispatch('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null);
    expect(await host.recordsChecked).toEqual({ state: 'sound' });
    expect((await login).body.ok).toBe(true);
    expect((await host.dispatch('auth.status', {}, null)).body).toEqual({ ok: true, value: { needsSetup: false, clinicName: 'Test Clinic' } });
    host.close();
  });

  it('damage that only reading every page finds: reads go on, no write ever reaches the file, every screen is told to restore', async () => {
    const copy = damagedCopy(damageOnlyAPageCheckFinds);
    const host = startLarge(copy.dataDir);
    if (host instanceof DatabaseOpenError) throw host;
    // Sent before the check has spoken: both wait for it, then are refused.
    const login = host.dispatch('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null);
    const wrongPassword = host.dispatch('auth.login', { username: 'ada', password: 'not the password' }, null);
    const verdict = await host.recordsChecked;
    expect(verdict.state).toBe('damaged');
    refusedForDamage(await login, 'a sign-in');
    refusedForDamage(await wrongPassword, 'a failed sign-in, which would be audited');
    const status = await host.dispatch('auth.status', {}, null);
    expect(status.body.ok && (status.body.value as { damage?: string }).damage).toMatch(/is damaged.*Restore the records from your latest backup/);
    expect(() => host.backupNow('quit')).toThrow(/is damaged/);
    // A read still answers: staff can look records up while the backup is restored.
    const token = host.sessions.open(1, Date.now()).token;
    const search = await host.dispatch('patients.search', { query: 'Kept1', limit: 5 }, token);
    if (!search.body.ok) refusedForDamage(search, 'a read that met the broken page');
    refusedForDamage(await host.dispatch('patients.create', { firstName: 'New', lastName: 'Patient', dateOfBirth: '1990-01-01' }, token), 'a new patient');
    refusedForDamage(await host.dispatch('users.create', { name: 'New Person', username: 'newp', password: 'long enough pw', role: 'admin' }, token), 'a denied role, whose refusal would be audited');
    host.close();
    expect(fileDigest(copy.file), 'the damaged file was changed').toBe(copy.digest);
    expect(readdirSync(copy.dataDir)).toEqual(copy.listing);
  });

  it('with random bytes overwritten is refused at open, or found damaged before any write, or sound', async () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    let refusedAtOpen = 0;
    let foundAfterStart = 0;
    const trials = 30;
    for (let trial = 0; trial < trials; trial++) {
      const copy = damagedCopy(overwriteRandomBytes(random));
      const what = `seed ${seed}, trial ${trial}`;
      const host = startLarge(copy.dataDir);
      if (host instanceof DatabaseOpenError) {
        refusedAtOpen++;
        expect(host.message, what).toMatch(/restore .*from a backup/);
      } else {
        const login = host.dispatch('auth.login', { username: 'ada', password: ADMIN_PASSWORD }, null);
        const verdict = await host.recordsChecked;
        const answer = await login;
        host.close();
        if (verdict.state === 'damaged') {
          foundAfterStart++;
          refusedForDamage(answer, what);
        } else {
          // Sound to SQLite: the bytes hit unused space or a value. (The sign-in may have been written.)
          expect(soundByQuickCheck(copy.file), what).toBe(true);
          continue;
        }
      }
      expect(fileDigest(copy.file), `${what}: a damaged file was changed`).toBe(copy.digest);
      expect(readdirSync(copy.dataDir), what).toEqual(copy.listing);
    }
    expect(refusedAtOpen + foundAfterStart, `seed ${seed}`).toBeGreaterThan(trials / 2);
  });

  it('a migration never runs on a file whose pages were not all checked', () => {
    const copy = damagedCopy(damageOnlyAPageCheckFinds);
    // The app as it is opens it (cheap checks only) …
    const sql = openDatabase({ file: copy.file, fullCheckBelowBytes: 0 });
    expect(sql.pagesChecked).toBe(false);
    sql.close();
    expect(fileDigest(copy.file)).toBe(copy.digest);
    // … but a newer app with a migration to apply reads every page first, and refuses.
    const folder = mkdtempSync(join(tmpdir(), 'skinchart-migrations-'));
    cpSync(defaultMigrationsFolder(), folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    const last = journal.entries[journal.entries.length - 1]!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_fault_extra' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_fault_extra.sql'), 'CREATE TABLE fault_extra (id integer PRIMARY KEY);');
    expect(() => openDatabase({ file: copy.file, migrationsFolder: folder, fullCheckBelowBytes: 0 })).toThrow(/damaged or cut short.*restore the records from a backup/);
    expect(fileDigest(copy.file)).toBe(copy.digest);
  });
});
