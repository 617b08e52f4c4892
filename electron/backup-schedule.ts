// The host's own backups: once a day while it runs, and when it closes if anything was recorded
// since the last good backup. The decisions are plain functions; the timer is the only moving part.
import { dailyBackupDue } from '../db/backup-generations';
import { logger } from '../db/log';
import { lastGoodBackup } from '../db/records/backups';
import type { Backup } from '../db/api/backups';
import type { Host } from './host';

const log = logger('backup-schedule');

export interface BackupState {
  /** The clinic has been set up (an empty database is not worth a backup). */
  configured: boolean;
  lastGood: { createdAt: string; auditEntries: number } | null;
  /** Audit entries other than backups' own, recorded after the last good backup. */
  changesSince: number;
}

export function backupDue(reason: 'daily' | 'quit', state: BackupState, now: Date): boolean {
  if (!state.configured) return false;
  if (reason === 'daily') return dailyBackupDue(state.lastGood?.createdAt ?? null, now);
  return state.lastGood === null || state.changesSince > 0;
}

export function backupState(host: Pick<Host, 'db'>): BackupState {
  const sql = host.db.sql;
  const configured = (sql.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n > 0;
  const lastGood = lastGoodBackup(host.db.orm);
  const changesSince = (
    sql.prepare(`SELECT count(*) AS n FROM audit_log WHERE seq > ? AND action NOT LIKE 'backup.%'`).get(lastGood?.auditEntries ?? 0) as { n: number }
  ).n;
  return { configured, lastGood, changesSince };
}

export interface BackupSchedule {
  /** Runs the daily check now; returns the backup made, if one was due. */
  tick(): Backup | null;
  /** The closing backup, if anything changed since the last good one. */
  onQuit(): Backup | null;
  stop(): void;
}

export function startBackupSchedule(
  host: Pick<Host, 'db' | 'backupNow'>,
  options: { clock?: () => Date; intervalMs?: number; firstDelayMs?: number; timers?: boolean } = {},
): BackupSchedule {
  const clock = options.clock ?? (() => new Date());
  const attempt = (reason: 'daily' | 'quit'): Backup | null => {
    try {
      if (!backupDue(reason, backupState(host), clock())) return null;
      const made = host.backupNow(reason);
      log.info(`${reason} backup ${made.integrity === 'ok' ? 'made and checked' : `FAILED its checks: ${made.integrity}`} at ${made.path}`);
      return made;
    } catch (e) {
      // A missing USB drive must not stop the clinic's work; the Backups screen shows the last good one.
      log.error(`the ${reason} backup could not be made`, e);
      return null;
    }
  };
  let interval: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  if (options.timers !== false) {
    first = setTimeout(() => attempt('daily'), options.firstDelayMs ?? 60_000);
    interval = setInterval(() => attempt('daily'), options.intervalMs ?? 15 * 60_000);
    first.unref();
    interval.unref();
  }
  const stop = () => {
    if (first) clearTimeout(first);
    if (interval) clearInterval(interval);
  };
  return {
    tick: () => attempt('daily'),
    onQuit: () => {
      stop();
      return attempt('quit');
    },
    stop,
  };
}
