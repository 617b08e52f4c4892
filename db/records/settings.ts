import { clinicSettings, defaultSettings, type ClinicSettings } from '../api/settings';
import type { Orm, Sqlite } from '../open';
import { prepared } from '../prepared';
import { settings } from '../schema';
import { handlers } from './registry';

// Stored one key per setting; `clinic.name` predates the others (written at first-run setup).
const keyOf = (name: keyof ClinicSettings) => (name === 'clinicName' ? 'clinic.name' : `clinic.${name}`);

/** The clinic's settings, with defaults for anything never set. */
export function readSettings(orm: Orm): ClinicSettings {
  const stored = new Map(orm.select().from(settings).all().map((r) => [r.key, r.value]));
  const names = Object.keys(clinicSettings.shape) as (keyof ClinicSettings)[];
  const value = Object.fromEntries(names.map((n) => [n, stored.get(keyOf(n)) ?? (n === 'clinicName' ? '' : defaultSettings[n])]));
  return clinicSettings.parse(value);
}

/**
 * One of the clinic's rules by itself, read with a prepared statement: charting and consent checks ask
 * for a validity period on every call, and reading every setting (the logo included) cost more than the
 * rest of a product's use.
 */
export function clinicRule(sql: Sqlite, name: 'consentValidityMonths' | 'intakeValidityMonths'): number {
  const row = prepared(sql, 'SELECT value FROM settings WHERE key = ?').get(keyOf(name)) as { value: string } | undefined;
  const value: unknown = row ? JSON.parse(row.value) : defaultSettings[name];
  return clinicSettings.shape[name].parse(value);
}

export const settingsHandlers = handlers({
  'settings.get': (ctx) => readSettings(ctx.orm),
  'settings.update': (ctx, input) => {
    for (const [name, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const key = keyOf(name as keyof ClinicSettings);
      ctx.orm.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
    ctx.audit({ action: 'settings.update', entity: 'settings', change: { ...input, logo: input.logo ? '(image)' : undefined } });
    return readSettings(ctx.orm);
  },
});
