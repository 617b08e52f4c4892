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

/** One data folder, written and killed over and over; what was acknowledged is checked at the end. */
async function killOverAndOver(lane: number, kills: number, seed: number) {
  const random = seededRandom(seed + lane);
  const dataDir = mkdtempSync(join(tmpdir(), 'skinchart-kill-'));
  await clinicIn(dataDir);
  const acks: Ack[] = [];
  let early = 0;
  for (let run = 0; run < kills; run++) {
    const running = startChild(child.file, { dataDir, migrationsFolder, resourcesDir, ...WRITER, run, seed: seed + lane * 1000 + run });
    const moment = random();
    if (moment < 0.15) {
      // While it is still opening the file (WAL recovery, migration check, sign-in).
      await sleep(random() * 200);
      early += running.lines.includes('READY') ? 0 : 1;
    } else {
      // Mid-write: from its first write on, or from the moment it is ready.
      await running.waitFor(moment < 0.3 ? /^READY$/ : /^ACK /);
      await sleep(random() * 60);
    }
    const { signal, code } = await running.kill();
    const where = `seed ${seed}, lane ${lane}, run ${run}`;
    expect(running.lines.find((l) => l.startsWith('REFUSED')), where).toBeUndefined();
    expect({ signal, code, stderr: running.stderr() }, `${where}: the child ended on its own`).toMatchObject({ signal: 'SIGKILL' });
    for (const line of running.lines) if (line.startsWith('ACK ')) acks.push(JSON.parse(line.slice(4)) as Ack);
  }

  const db = openDatabase({ file: join(dataDir, DATABASE_FILE) });
  try {
    expect(db.sql.pragma('integrity_check', { simple: true }), `seed ${seed}, lane ${lane}`).toBe('ok');
    expect(db.sql.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAuditChain(db.sql), `seed ${seed}, lane ${lane}`).toMatchObject({ ok: true });
    const problems = [
      ...acks.flatMap((ack) => writeSteps.find((s) => s.name === ack.step)!.verify(db.sql, ack)),
      ...invariants.flatMap((check) => check(db.sql)),
    ];
    expect(problems, `seed ${seed}, lane ${lane}`).toEqual([]);
  } finally {
    db.close();
  }
  return { acks, early };
}

describe('a writer killed at random moments', () => {
  it(`loses no acknowledged write over ${KILLS} kills, and the file and audit chain stay sound`, async () => {
    const seed = faultSeed();
    // Two folders side by side, so both cores work; each is killed half the times.
    const lanes = await Promise.all([0, 1].map((lane) => killOverAndOver(lane, KILLS / 2, seed)));
    const acks = lanes.flatMap((l) => l.acks);
    // Enough happened for the test to mean something: many writes, of every kind, and early kills.
    expect(acks.length).toBeGreaterThanOrEqual(KILLS / 2);
    expect(new Set(acks.map((a) => a.step))).toEqual(new Set(writeSteps.map((s) => s.name)));
    const early = lanes.reduce((n, l) => n + l.early, 0);
    console.info(`kill test: seed ${seed}, ${KILLS} kills (${early} before the writer was ready), ${acks.length} acknowledged writes`);
  }, 300_000);
});
