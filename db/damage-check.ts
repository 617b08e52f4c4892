import type Database from 'better-sqlite3-multiple-ciphers';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { logger } from './log';

// SQLite's page check (`quick_check`) reads every page of the file: 0.6–1.7 s on a 1 GB clinic. It runs
// on a second, read-only connection in a worker thread right after start, so the host answers at once.
// Until it has spoken, reads go ahead and every command that writes waits; if it finds damage, nothing
// is ever written to the file again by this host and the screens say to restore from a backup.

const log = logger('damage-check');

export type RecordsState =
  | { state: 'checking' }
  | { state: 'sound' }
  /** `message` is for the person at the screen; `problems` are SQLite's own words. */
  | { state: 'damaged'; message: string; problems: string[] };

export interface DamageWatch {
  /** What is known now. */
  current(): RecordsState;
  /** Settles once the page check has finished (never rejects). */
  settled: Promise<RecordsState>;
  /** A command ran into a broken page: the file is damaged whatever the page check says. */
  found(problem: string): void;
  /** The verdict now: if the worker has not answered yet, the check runs here and now (it blocks while it reads). */
  now(): RecordsState;
  /** Stops caring about the answer (the host is closing). */
  stop(): void;
}

/** What staff read when the records file is damaged: what happened, that nothing was changed, what to do. */
export const damagedMessage = (file: string): string =>
  `The records file (${file}) is damaged: SQLite found pages it cannot read correctly. Skinchart will not save ` +
  'anything to it, so it stays exactly as it is. You can still look records up. Restore the records from your ' +
  'latest backup (Backups screen, or npm run serve -- --restore BACKUP-FOLDER --data-dir NEW-FOLDER on another ' +
  'computer), and keep this file for whoever looks into the damage.';

/** SQLite's word for a file it cannot make sense of (any of its "corrupt" codes, or "not a database"). */
export const isDamage = (e: unknown): boolean => {
  const code = String((e as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
};

// Plain CommonJS, run with `eval`: it needs no build step of its own under tsx, vitest or Electron.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  for (const statement of workerData.pragmas) db.pragma(statement);
  const rows = db.pragma('quick_check(20)').map((r) => String(Object.values(r)[0]));
  parentPort.postMessage({ kind: 'verdict', problems: rows.length === 1 && rows[0] === 'ok' ? [] : rows });
} catch (e) {
  parentPort.postMessage({ kind: 'failed', code: String((e && e.code) || ''), message: String((e && e.message) || e) });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

type WorkerAnswer = { kind: 'verdict'; problems: string[] } | { kind: 'failed'; code: string; message: string };

const driverPath = (): string => createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');

/** The same check on the host's own connection, when a worker cannot run it (it blocks while it reads). */
export function quickCheckProblems(sql: Database.Database): string[] {
  const rows = (sql.pragma('quick_check(20)') as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
}

/**
 * Checks every page of `file` in a worker, unless that was done at open (`checkedAtOpen`). `pragmas`
 * unlock an encrypted file (the same statements the host's connection ran first). `checkHere` runs the
 * check on the host's own connection when a verdict is needed at once, or when the worker itself fails
 * (never for damage it reports).
 */
export function watchForDamage(file: string, pragmas: string[], checkHere: () => string[], checkedAtOpen: boolean): DamageWatch {
  let state: RecordsState = { state: 'checking' };
  let stopped = false;
  let settle!: (s: RecordsState) => void;
  const settled = new Promise<RecordsState>((resolve) => (settle = resolve));
  const damaged = (problems: string[]) => {
    if (state.state !== 'damaged') {
      state = { state: 'damaged', message: damagedMessage(file), problems };
      log.error(`${file} is damaged: ${problems.join('; ')}`);
    }
    settle(state);
  };
  const verdict = (problems: string[]) => {
    if (problems.length) return damaged(problems);
    if (state.state === 'checking') state = { state: 'sound' };
    settle(state);
  };
  const checkNow = () => {
    try {
      verdict(checkHere());
    } catch (e) {
      if (isDamage(e)) damaged([String((e as Error).message)]);
      else {
        // Neither way could check the file: do not call it damaged, and do not hold the clinic's work back.
        log.error('the page check could not run at all', e);
        verdict([]);
      }
    }
  };
  const onFailure = (why: string) => {
    if (stopped || state.state !== 'checking') return settle(state);
    log.warn(`the page check could not run in the background (${why}); running it now`);
    checkNow();
  };
  const watch = (worker: Worker | null): DamageWatch => ({
    current: () => state,
    settled,
    found: (problem) => damaged([problem]),
    now: () => {
      if (state.state === 'checking') checkNow();
      return state;
    },
    stop: () => {
      stopped = true;
      settle(state);
      void worker?.terminate();
    },
  });
  if (checkedAtOpen) {
    verdict([]);
    return watch(null);
  }

  let worker: Worker | null = null;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, pragmas, driver: driverPath() } });
    worker.unref();
    worker.once('message', (answer: WorkerAnswer) => {
      if (answer.kind === 'verdict') verdict(answer.problems);
      else if (isDamage(answer)) damaged([answer.message]);
      else onFailure(`${answer.code} ${answer.message}`);
    });
    worker.once('error', (e) => onFailure(String(e)));
    // A message posted just before the worker ended is delivered first; look once more before calling it lost.
    worker.once('exit', () =>
      setImmediate(() => {
        if (state.state === 'checking') onFailure('the worker stopped without an answer');
      }),
    );
  } catch (e) {
    queueMicrotask(() => onFailure(String(e)));
  }

  return watch(worker);
}
