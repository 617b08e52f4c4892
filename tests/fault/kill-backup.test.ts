import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { startHost } from '../../electron/host';
import { DATABASE_FILE } from '../../electron/paths';
import { bundleChild, faultSeed, seededRandom, sleep, startChild } from './support/child';
import { fileDigest, tableDigests } from './support/snapshot';

// Written against SQLite's online backup directly, the way the backup commands copy; point it at
// backup.create once that command exists.
const KILLS = 4;

let child: Awaited<ReturnType<typeof bundleChild>>;
beforeAll(async () => {
  child = await bundleChild('tests/fault/children/backer.ts');
}, 120_000);
afterAll(() => child?.remove());

async function clinicWithRecords(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-killbak-'));
  const host = startHost({ dataDir, scryptLogN: 4 });
  const call = async (name: string, input: unknown, token: string | null) => {
    const { body } = await host.dispatch(name, input, token);
    if (!body.ok) throw new Error(body.error.message);
    return body.value as Record<string, unknown>;
  };
  await call('auth.setup', { clinicName: 'Backup Clinic', adminName: 'Ada Admin', username: 'ada', password: 'admin password 1' }, null);
  const admin = (await call('auth.login', { username: 'ada', password: 'admin password 1' }, null)).token as string;
  for (let i = 0; i < 20; i++) await call('patients.create', { firstName: `Kept${i}`, lastName: 'Patient', dateOfBirth: '1975-05-05' }, admin);
  // Bulk rows, so a copy takes long enough to be interrupted.
  host.db.sql.exec(`
    INSERT INTO patients (chart_number, first_name, last_name, date_of_birth, name_key, notes, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
    SELECT printf('SC-B%05d', i), 'Bulk' || i, 'Patient', '1980-01-01', 'bulk' || i || '|patient', hex(randomblob(1000)),
           '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`);
  host.close();
  return dataDir;
}

const soundness = (file: string) => {
  const sql = new Database(file, { readonly: true });
  try {
    return { integrity: sql.pragma('integrity_check', { simple: true }), chain: verifyAuditChain(sql).ok, data: tableDigests(sql) };
  } finally {
    sql.close();
  }
};

describe('a backup killed half-way', () => {
  it('leaves the earlier backup and the records untouched', async () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    const dataDir = await clinicWithRecords();
    const file = join(dataDir, DATABASE_FILE);
    const backups = join(dataDir, 'backups');
    mkdirSync(backups);
    const earlier = join(backups, 'skinchart-1.db');
    const source = new Database(file);
    await source.backup(earlier);
    source.close();
    const earlierBytes = fileDigest(earlier);
    const records = soundness(file);
    expect(soundness(earlier)).toEqual({ ...records, integrity: 'ok', chain: true });

    for (let run = 0; run < KILLS; run++) {
      const running = startChild(child.file, { file, target: join(backups, `skinchart-${run + 2}.db`), pagesPerStep: 4, pauseMs: 1 });
      await running.waitFor(run % 2 === 0 ? /^COPYING/ : /^HALF-WAY$/);
      await sleep(random() * 100);
      await running.kill();
      expect(running.lines, `seed ${seed}, run ${run}: the copy finished before the kill`).not.toContain('COPIED');

      expect(fileDigest(earlier), `seed ${seed}, run ${run}`).toBe(earlierBytes);
      expect(soundness(earlier)).toEqual({ ...records, integrity: 'ok', chain: true });
      expect(soundness(file), 'the records themselves').toEqual(records);
    }
    expect(readdirSync(backups)).toContain('skinchart-1.db');

    // Left alone, the same copy completes and is sound: the kills did interrupt real copies.
    const finishing = startChild(child.file, { file, target: join(backups, 'skinchart-complete.db'), pagesPerStep: 4, pauseMs: 1 });
    expect((await finishing.exited).code).toBe(0);
    expect(finishing.lines).toContain('COPIED');
    expect(soundness(join(backups, 'skinchart-complete.db'))).toEqual(records);
  }, 120_000);
});
