// Which backups to keep: the newest of each day for 14 days, the newest of each month for 12 months,
// and always the newest one. A backup given a label by hand is kept until someone removes it.
export const BACKUP_POLICY = 'the newest backup of each day for 14 days, the newest of each month for 12 months, and every labelled backup';

export interface Generation {
  id: number;
  createdAt: string;
  label: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (iso: string) => iso.slice(0, 10);
const monthOf = (iso: string) => iso.slice(0, 7);
const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();

/** The ids to keep, by UTC calendar day and month. */
export function generationsToKeep(backups: Generation[], now: Date): Set<number> {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const keep = new Set<number>();
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  const firstDay = dayOf(new Date(now.getTime() - 13 * DAY_MS).toISOString());
  const firstMonth = monthIndex(now) - 11;
  const days = new Set<string>();
  const months = new Set<string>();
  for (const b of newestFirst) {
    if (b.label) keep.add(b.id);
    const day = dayOf(b.createdAt);
    if (day >= firstDay && !days.has(day)) {
      days.add(day);
      keep.add(b.id);
    }
    const month = monthOf(b.createdAt);
    if (monthIndex(new Date(b.createdAt)) >= firstMonth && !months.has(month)) {
      months.add(month);
      keep.add(b.id);
    }
  }
  return keep;
}

/** Is a daily backup due? Yes when none was made on this UTC day yet. */
export const dailyBackupDue = (lastCreatedAt: string | null, now: Date): boolean => !lastCreatedAt || dayOf(lastCreatedAt) < dayOf(now.toISOString());
