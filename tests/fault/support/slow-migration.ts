import type { MigrationMeta } from 'drizzle-orm/migrator';

/**
 * A migration that changes the schema, rewrites every patient, then spends a second or more
 * filling a table: long enough to be killed in the middle. `fault_point()` is a function the
 * child registers; it prints a line so the parent knows the first half has run.
 */
export const slowMigration: MigrationMeta = {
  hash: 'fault-test-slow-migration',
  folderMillis: 4_102_444_800_000,
  bps: true,
  sql: [
    'ALTER TABLE `patients` ADD `preferred_name` text',
    'CREATE TABLE `migration_scratch` (`id` integer PRIMARY KEY, `payload` text NOT NULL)',
    "UPDATE `patients` SET `preferred_name` = `first_name`, `notes` = coalesce(`notes`, '') || ' (migrated)'",
    'SELECT fault_point()',
    `INSERT INTO migration_scratch (payload)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT hex(randomblob(100)) FROM n`,
    'CREATE INDEX `migration_scratch_payload` ON `migration_scratch` (`payload`)',
  ],
};
