// `npm run demo [-- --data-dir DIR] [--port N] [--patients N] [--fresh]`: a small, lived-in
// demo clinic (generated once into its own data folder), then the app served over it like `npm run serve`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/open';
import { startHost } from '../../electron/host';
import { DATABASE_FILE } from '../../electron/paths';
import { startWebServer } from '../../electron/web';
import { clinicPlan, generateClinic, type StaffAccount } from './clinic-generator';

const MARKER = 'demo-clinic.json';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '4780' },
    patients: { type: 'string', default: '40' },
    fresh: { type: 'boolean', default: false },
  },
});

const say = (line = '') => process.stdout.write(`${line}\n`);

async function demoClinic(dataDir: string, patients: number): Promise<StaffAccount[]> {
  const file = join(dataDir, DATABASE_FILE);
  const marker = join(dataDir, MARKER);
  if (existsSync(file)) {
    // Never write demo records into a real clinic's folder.
    if (!existsSync(marker)) throw new Error(`${dataDir} already holds a clinic that npm run demo did not make; give another --data-dir`);
    return (JSON.parse(readFileSync(marker, 'utf8')) as { staff: StaffAccount[] }).staff;
  }
  mkdirSync(dataDir, { recursive: true });
  // A young clinic whose records run up to today, so the newest sessions, stock and consents look current.
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const plan = clinicPlan(patients, {
    seed: 'skinchart-demo',
    sessions: patients * 4,
    productUses: patients * 12,
    lots: 36,
    auditEntries: patients * 20,
    heavyPatients: 1,
    heavySessions: 30,
    busyLotUses: 0,
    years: 3,
    end: today.toISOString(),
    photoRate: 0.4,
    staff: 'core',
    clinicName: 'Lumière Skin Clinic (demo)',
  });
  say(`Generating a demo clinic of ${patients} patients in ${dataDir} …`);
  const db = openDatabase({ file });
  try {
    const clinic = await generateClinic(db, plan, { photosDir: join(dataDir, 'photos') });
    writeFileSync(marker, JSON.stringify({ generatedAt: new Date().toISOString(), plan, staff: clinic.staff }, null, 1));
    return clinic.staff;
  } finally {
    db.close();
  }
}

async function main() {
  const dataDir = resolve(values['data-dir'] ?? join(repoRoot, '.tmp', 'demo'));
  const patients = Number(values.patients);
  if (!Number.isInteger(patients) || patients < 5 || patients > 5000) throw new Error('--patients must be a whole number from 5 to 5000');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  if (values.fresh && existsSync(join(dataDir, MARKER))) rmSync(dataDir, { recursive: true, force: true });

  const staff = await demoClinic(dataDir, patients);
  const host = startHost({ dataDir });
  const server = await startWebServer({ host, rendererDir: join(repoRoot, 'out', 'renderer'), port, hostname: '127.0.0.1' });
  say();
  say(`Skinchart demo is open at ${server.url} (records in ${dataDir})`);
  say();
  say('Demo accounts (made-up people; these passwords exist only in demo data):');
  const width = Math.max(...staff.map((s) => s.name.length));
  for (const s of staff) say(`  ${s.name.padEnd(width)}  ${s.role.padEnd(12)}  username ${s.username.padEnd(8)}  password "${s.password}"`);
  say();
  say('Stop with Ctrl+C. Start again with the same command; add --fresh for a new demo clinic.');
  const stop = () => {
    void server.close().finally(() => {
      host.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
