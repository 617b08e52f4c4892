// A crash-test child: applies the app's migrations plus one deliberately slow migration to an
// existing database, through the real applyMigrations (one transaction), until it is killed.
import Database from 'better-sqlite3-multiple-ciphers';
import { writeSync } from 'node:fs';
import { applyMigrations, checkMigrationHistory, knownMigrations } from '../../../db/migrate';
import { slowMigration } from '../support/slow-migration';

interface MigratorOptions {
  file: string;
  migrationsFolder: string;
}

const say = (line: string) => writeSync(1, `${line}\n`);

const options = JSON.parse(process.argv[2]!) as MigratorOptions;
const sql = new Database(options.file);
sql.pragma('busy_timeout = 5000');
sql.pragma('journal_mode = WAL');
sql.pragma('synchronous = FULL');
sql.pragma('foreign_keys = ON');
// The slow migration calls this half-way, so the parent knows the transaction is under way.
sql.function('fault_point', () => {
  say('HALF-WAY');
  return 1;
});
const migrations = [...knownMigrations(options.migrationsFolder), slowMigration];
checkMigrationHistory(sql, migrations);
say('MIGRATING');
const applied = applyMigrations(sql, migrations);
say(`MIGRATED ${applied}`);
sql.close();
