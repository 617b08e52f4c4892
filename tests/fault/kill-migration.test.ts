import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { knownMigrations } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import { startHost } from '../../electron/host';
import { DATABASE_FILE } from '../../electron/paths';
import { bundleChild, faultSeed, migrationsFolder, seededRandom, sleep, startChild } from './support/child';
import { appliedMigrations, schemaOf, tableDigests } from './support/snapshot';

const KILLS = 4;

let child: Awaited<ReturnType<typeof bundleChild>>;
beforeAll(async () => {
  child = await bundleChild('tests/fault/children/migrator.ts');
}, 120_000);
afterAll(() => child?.remove());

/** A clinic on every migration the app has (N-1 for the test), with enough patients that rewriting them takes a while. */
async function clinicAtCurrentSchema(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-killmig-'));
  const host = startHost({ dataDir, scryptLogN: 4 });
  const call = async (name: string, input: unknown, token: string | null) => {
    const { body } = await host.dispatch(name, input, token);
    if (!body.ok) throw new Error(body.error.message);
    return body.value as Record<string, unknown>;
  };
  await call('auth.setup', { clinicName: 'Migrating Clinic', adminName: 'Ada Admin', username: 'ada', password: 'admin password 1' }, null);
  const admin = (await call('auth.login', { username: 'ada', password: 'admin password 1' }, null)).token as string;
  for (let i = 0; i < 20; i++) await call('patients.create', { firstName: `Real${i}`, lastName: 'Patient', dateOfBirth: '1970-01-01', notes: 'first visit' }, admin);
  // Bulk rows straight into the table: only their bytes matter here, and they make the rewrite slow.
  host.db.sql.exec(`
    INSERT INTO patients (chart_number, first_name, last_name, date_of_birth, name_key, notes, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
    SELECT printf('SC-B%05d', i), 'Bulk' || i, 'Patient', '1980-01-01', 'bulk' || i || '|patient', hex(randomblob(500)),
           '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`);
  host.close();
  return join(dataDir, DATABASE_FILE);
}

const stateOf = (file: string) => {
  const sql = new Database(file, { readonly: true });
  try {
    return { schema: schemaOf(sql), migrations: appliedMigrations(sql), data: tableDigests(sql), integrity: sql.pragma('integrity_check', { simple: true }) };
  } finally {
    sql.close();
  }
};

describe('a migration killed half-way', () => {
  it('leaves the old schema, its bookkeeping and the data exactly as they were', async () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    const file = await clinicAtCurrentSchema();
    const before = stateOf(file);
    expect(before.migrations).toEqual(knownMigrations(migrationsFolder).map((m) => m.hash));

    for (let run = 0; run < KILLS; run++) {
      const running = startChild(child.file, { file, migrationsFolder });
      // Half the kills land while every patient is being rewritten, half after that, while the table fills.
      await running.waitFor(run % 2 === 0 ? /^MIGRATING$/ : /^HALF-WAY$/);
      await sleep(50 + random() * 250);
      await running.kill();
      expect(running.lines.some((l) => l.startsWith('MIGRATED')), `seed ${seed}, run ${run}: the migration finished before the kill`).toBe(false);
      expect(running.stderr()).toBe('');

      const after = stateOf(file);
      expect(after.integrity).toBe('ok');
      expect(after.migrations, `seed ${seed}, run ${run}`).toEqual(before.migrations);
      expect(after.schema, `seed ${seed}, run ${run}`).toEqual(before.schema);
      expect(after.data, `seed ${seed}, run ${run}`).toEqual(before.data);
    }

    // The app still starts on it (nothing pending for it), and the audit chain is whole.
    const db = openDatabase({ file, migrationsFolder });
    expect(verifyAuditChain(db.sql)).toMatchObject({ ok: true, entries: expect.any(Number) });
    db.close();

    // Left alone, the same migration completes: the kills above did interrupt real work.
    const finishing = startChild(child.file, { file, migrationsFolder });
    expect((await finishing.exited).code).toBe(0);
    expect(finishing.lines).toContain('MIGRATED 1');
    const done = stateOf(file);
    expect(done.migrations).toEqual([...before.migrations, 'fault-test-slow-migration']);
    expect(done.schema.map((s) => (s as { name: string }).name)).toContain('migration_scratch');
  }, 120_000);
});
