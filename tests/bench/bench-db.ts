// The benchmark's clinic, generated once per generator version, schema and size, and kept under
// .tmp/bench/ so later runs start in seconds. Each run works on a fresh copy (commands write to it).
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../../db/hash';
import { knownMigrations } from '../../db/migrate';
import { defaultMigrationsFolder, openDatabase } from '../../db/open';
import { DATABASE_FILE } from '../../electron/paths';
import { clinicPlan, GENERATOR_VERSION, generateClinic, type GeneratedClinic } from './clinic-generator';

export const benchRoot = resolve(fileURLToPath(new URL('../../.tmp/bench/', import.meta.url)));

/** Changes when a migration is added, so a cached clinic always has the app's current schema. */
const schemaKey = () =>
  sha256Hex(
    knownMigrations(defaultMigrationsFolder())
      .map((m) => m.hash)
      .join(','),
  ).slice(0, 10);

export interface CachedClinic {
  file: string;
  clinic: GeneratedClinic;
  /** True when this run generated it. */
  generated: boolean;
  generateMs: number;
}

export async function cachedClinic(patients: number, log: (line: string) => void): Promise<CachedClinic> {
  const dir = join(benchRoot, `clinic-v${GENERATOR_VERSION}-${schemaKey()}-${patients}`);
  const file = join(dir, DATABASE_FILE);
  const meta = join(dir, 'clinic.json');
  mkdirSync(benchRoot, { recursive: true });
  if (existsSync(file) && existsSync(meta)) {
    return { file, clinic: JSON.parse(readFileSync(meta, 'utf8')) as GeneratedClinic, generated: false, generateMs: 0 };
  }
  // Clinics of this size from an older generator or schema are not used again.
  for (const old of readdirSync(benchRoot, { withFileTypes: true })) {
    if (old.isDirectory() && old.name.startsWith('clinic-v') && (old.name.endsWith(`-${patients}`) || old.name.endsWith(`-${patients}.building`))) {
      rmSync(join(benchRoot, old.name), { recursive: true, force: true });
    }
  }
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log(`generating a clinic of ${patients.toLocaleString('en')} patients (cached for later runs)…`);
  const t = performance.now();
  const db = openDatabase({ file: join(building, DATABASE_FILE) });
  let clinic: GeneratedClinic;
  try {
    clinic = await generateClinic(db, clinicPlan(patients), { log: (l) => log(`  ${l}`) });
  } finally {
    db.close();
  }
  const generateMs = performance.now() - t;
  writeFileSync(join(building, 'clinic.json'), JSON.stringify(clinic, null, 1));
  renameSync(building, dir);
  return { file, clinic, generated: true, generateMs };
}

/**
 * A fresh data folder holding a copy of the cached clinic, on disk before anything is timed (a start-up
 * measured while the copy is still being written out would time the copy).
 */
export function workingCopy(cached: CachedClinic, name = 'run'): string {
  const dataDir = join(benchRoot, name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  copyFileSync(cached.file, file);
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  return dataDir;
}
