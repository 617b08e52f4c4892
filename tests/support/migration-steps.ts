// Applying the migrations a step at a time, to test what each one does to records written before it.
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knownMigrations } from '../../db/migrate';
import { defaultMigrationsFolder } from '../../db/open';

const folder = defaultMigrationsFolder();
export const allMigrations = knownMigrations(folder);

// Found by tag, not by number: numbers may change when branches are merged.
const tags = (JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);

/** The position of the migration tagged `NNNN_<suffix>`. */
export const migrationIndex = (suffix: string): number => {
  const i = tags.findIndex((t) => t.replace(/^\d+_/, '') === suffix);
  if (i < 0) throw new Error(`no migration tagged *_${suffix}`);
  return i;
};

/** An empty database file in a new temporary folder. */
export const freshDatabase = () => new Database(join(mkdtempSync(join(tmpdir(), 'skinchart-mig-')), 'clinic.db'));
