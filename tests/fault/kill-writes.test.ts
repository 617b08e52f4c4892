import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { openDatabase } from '../../db/open';
import { startHost } from '../../electron/host';
import { DATABASE_FILE } from '../../electron/paths';
import { bundleChild, faultSeed, migrationsFolder, resourcesDir, seededRandom, sleep, startChild } from './support/child';
import { invariants, writeSteps, type Ack } from './support/write-steps';

const KILLS = 110;
const WRITER = { username: 'writer', password: 'writer password 1' };

let child: Awaited<ReturnType<typeof bundleChild>>;
beforeAll(async () => {
  child = await bundleChild('tests/fault/children/writer.ts');
}, 60_000);
afterAll(() => child?.remove());

/** A clinic with an admin and the practitioner the children sign in as. */
async function clinicIn(dataDir: string) {
  const host = startHost({ dataDir, scryptLogN: 4 });
  const call = async (name: string, input: unknown, token: string | null) => {
    const { body } = await host.dispatch(name, input, token);
    if (!body.ok) throw new Error(body.error.message);
    return body.value as Record<string, unknown>;
  };
  await call('auth.setup', { clinicName: 'Crash Clinic', adminName: 'Ada Admin', username: 'ada', password: 'admin password 1' }, null);
  const admin = (await call('auth.login', { username: 'ada', password: 'admin password 1' }, null)).token as string;
  await call('users.create', { name: 'Wren Writer', ...WRITER, role: 'practitioner' }, admin);
  host.close();
}

describe('a writer killed at random moments', () => {
  it(`loses no acknowledged write over ${KILLS} kills, and the file and audit chain stay sound`, async () => {
    const seed = faultSeed();
    const random = seededRandom(seed);
    const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-kill-'));
    await clinicIn(dataDir);
    const acks: Ack[] = [];
    let killedBeforeReady = 0;
    for (let run = 0; run < KILLS; run++) {
      const running = startChild(child.file, { dataDir, migrationsFolder, resourcesDir, ...WRITER, run, seed: seed + run });
      // Mostly mid-write; now and then while it is still opening the file (WAL recovery, sign-in).
      if (random() < 0.15) {
        await sleep(random() * 200);
        killedBeforeReady += running.lines.includes('READY') ? 0 : 1;
      } else {
        await running.waitFor(/^READY$/);
        await sleep(random() * 60);
      }
      const { signal, code } = await running.kill();
      const refused = running.lines.find((l) => l.startsWith('REFUSED'));
      expect(refused, `seed ${seed}, run ${run}`).toBeUndefined();
      expect({ signal, code, stderr: running.stderr() }, `seed ${seed}, run ${run}: the child ended on its own`).toMatchObject({ signal: 'SIGKILL' });
      for (const line of running.lines) if (line.startsWith('ACK ')) acks.push(JSON.parse(line.slice(4)) as Ack);
    }

    const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
    try {
      expect(db.sql.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.sql.pragma('foreign_key_check')).toEqual([]);
      expect(verifyAuditChain(db.sql)).toMatchObject({ ok: true });
      const problems = [
        ...acks.flatMap((ack) => writeSteps.find((s) => s.name === ack.step)!.verify(db.sql, ack)),
        ...invariants.flatMap((check) => check(db.sql)),
      ];
      expect(problems, `seed ${seed}`).toEqual([]);
    } finally {
      db.close();
    }
    // Enough happened for the test to mean something: many writes, every kind, and some early kills.
    expect(acks.length).toBeGreaterThan(KILLS);
    expect(new Set(acks.map((a) => a.step))).toEqual(new Set(writeSteps.map((s) => s.name)));
    console.info(`kill test: seed ${seed}, ${KILLS} kills (${killedBeforeReady} before the writer was ready), ${acks.length} acknowledged writes`);
  }, 300_000);
});
