import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../db/open';
import { startHost } from '../../electron/host';
import { DATABASE_FILE } from '../../electron/paths';
import { testHost, withStaff } from '../support/host';
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
    const pages = size / pageSize;
    let refused = 0;
    const trials = 40;
    for (let trial = 0; trial < trials; trial++) {
      const copy = damagedCopy((file) => {
        const bytes = readFileSync(file);
        const count = 1 + Math.floor(random() * 16);
        for (let i = 0; i < count; i++) {
          // Half the hits land on page headers and cell pointers, where structure lives.
          const page = Math.floor(random() * pages);
          const offset = random() < 0.5 ? Math.floor(random() * 16) : Math.floor(random() * pageSize);
          bytes[page * pageSize + offset] = Math.floor(random() * 256);
        }
        writeFileSync(file, bytes);
      });
      const refusal = startOn(copy.dataDir);
      if (refusal) {
        refused++;
        expect(refusal.message.length, `seed ${seed}, trial ${trial}`).toBeGreaterThan(40);
        expect(fileDigest(copy.file), `seed ${seed}, trial ${trial}: a refused file was changed`).toBe(copy.digest);
        expect(readdirSync(copy.dataDir)).toEqual(copy.listing);
      } else {
        // It opened: then SQLite's own page check finds it sound (the bytes hit unused space or a value).
        const sql = new Database(copy.file, { readonly: true });
        expect(sql.pragma('quick_check', { simple: true }), `seed ${seed}, trial ${trial}`).toBe('ok');
        sql.close();
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
