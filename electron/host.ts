import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quickCheckProblems, watchForDamage, type RecordsState } from '../db/damage-check';
import { keyPragmas, openDatabase, type ClinicDb } from '../db/open';
import { DEFAULT_SCRYPT_LOG_N } from '../db/passwords';
import { readPreviousKeys } from '../db/rekey';
import type { Backup } from '../db/api/backups';
import { createRegistry, type HostSettings } from '../db/records';
import { backupNow } from '../db/records/backups';
import { createDispatcher, type Dispatcher } from './dispatch';
import { DATABASE_FILE } from './paths';
import { SessionStore, type SessionOptions } from './sessions';

export interface HostOptions {
  dataDir: string;
  migrationsFolder?: string;
  /** Defaults to the source tree's resources/ folder. */
  resourcesDir?: string;
  /** The clinic's data key (see db/keyring.ts); without it the folder is not encrypted (tests only). */
  key?: Buffer;
  clock?: () => Date;
  scryptLogN?: number;
  sessions?: SessionOptions;
  checkOutputs?: boolean;
  /** Files smaller than this are checked page by page at open; larger ones in the background after it. */
  fullCheckBelowBytes?: number;
}

export interface Host {
  dispatch: Dispatcher;
  db: ClinicDb;
  sessions: SessionStore;
  /** What the host lends to commands (data folder, key, clock). */
  settings: HostSettings;
  /** A backup made by the host itself (daily timer, app closing), outside any user's command. */
  backupNow(kind: 'daily' | 'quit'): Backup;
  /** Whether the page check after start has found the records file sound, damaged, or is still reading. */
  records(): RecordsState;
  /** Settles when the page check after start has finished. */
  recordsChecked: Promise<RecordsState>;
  close(): void;
}

/** The records and the dispatcher over them: what both the desktop app and the web server run. */
export function startHost(options: HostOptions): Host {
  // Only the account running Skinchart may look inside a new data folder.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase({
    file: join(options.dataDir, DATABASE_FILE),
    ...(options.migrationsFolder && { migrationsFolder: options.migrationsFolder }),
    ...(options.key && { key: options.key }),
    ...(options.fullCheckBelowBytes !== undefined && { fullCheckBelowBytes: options.fullCheckBelowBytes }),
  });
  // Every page of the file is read once in the background; writes wait for its verdict (db/damage-check.ts).
  const damage = watchForDamage(db.file, options.key ? keyPragmas(options.key) : [], () => quickCheckProblems(db.sql), db.pagesChecked);
  const sessions = new SessionStore(options.sessions);
  const settings: HostSettings = {
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? fileURLToPath(new URL('../resources/', import.meta.url)),
    scryptLogN: options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N,
    dataKey: options.key ?? null,
    previousKeys: options.key ? readPreviousKeys(options.dataDir, options.key) : [],
    keyLogN: options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N,
    ...(options.clock && { clock: options.clock }),
    records: () => damage.current(),
  };
  const dispatch = createDispatcher({
    db,
    registry: createRegistry(),
    sessions,
    host: settings,
    records: damage,
    ...(options.clock && { clock: options.clock }),
    checkOutputs: options.checkOutputs ?? false,
  });
  return {
    dispatch,
    db,
    sessions,
    settings,
    backupNow: (kind) => {
      // A backup writes its record into the file: only once every page has been found sound.
      const records = damage.now();
      if (records.state === 'damaged') throw new Error(records.message);
      return backupNow(db, settings, kind);
    },
    records: () => damage.current(),
    recordsChecked: damage.settled,
    close: () => {
      damage.stop();
      db.close();
    },
  };
}
