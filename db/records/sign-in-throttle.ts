// Repeated wrong passwords for one username slow further attempts down. Counted from the audit log
// itself (failed sign-ins are recorded there after their rollback), so a restart does not reset it.
import { prepared } from '../prepared';
import type { Sqlite } from '../open';

export const THROTTLE_AFTER_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const FIRST_DELAY_MS = 30 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;

/** How long to wait after the newest failure, given how many failures came in a row. */
export const delayAfter = (failures: number): number =>
  failures < THROTTLE_AFTER_FAILURES ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (failures - THROTTLE_AFTER_FAILURES), MAX_DELAY_MS);

/**
 * Milliseconds until `username` may try again (0: now). Failures count when they are newer than the
 * user's last successful sign-in and fall within the last 15 minutes.
 */
export function signInWaitMs(sql: Sqlite, username: string, userId: number | null, now: Date): number {
  const lastSuccess = userId === null
    ? 0
    : ((prepared(sql, `SELECT max(seq) AS seq FROM audit_log WHERE action = 'auth.login' AND entity_id = ?`).get(String(userId)) as { seq: number | null }).seq ?? 0);
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const failures = prepared(
    sql,
    `SELECT at FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = ? AND seq > ? AND at >= ? ORDER BY seq DESC LIMIT 64`,
  ).all(username, lastSuccess, since) as { at: string }[];
  const newest = failures[0];
  if (!newest) return 0;
  const retryAt = new Date(newest.at).getTime() + delayAfter(failures.length);
  return Math.max(0, retryAt - now.getTime());
}

export const waitInWords = (ms: number): string => {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
};
