import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type ClinicDb } from '../db/open';
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
}

export interface Host {
  dispatch: Dispatcher;
  db: ClinicDb;
  sessions: SessionStore;
  /** What the host lends to commands (data folder, key, clock). */
  settings: HostSettings;
  /** A backup made by the host itself (daily timer, app closing), outside any user's command. */
  backupNow(kind: 'daily' | 'quit'): Backup;
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
  });
  const sessions = new SessionStore(options.sessions);
  const settings: HostSettings = {
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? fileURLToPath(new URL('../resources/', import.meta.url)),
    scryptLogN: options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N,
    dataKey: options.key ?? null,
    previousKeys: options.key ? readPreviousKeys(options.dataDir, options.key) : [],
    keyLogN: options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N,
    ...(options.clock && { clock: options.clock }),
  };
  const dispatch = createDispatcher({
    db,
    registry: createRegistry(),
    sessions,
    host: settings,
    ...(options.clock && { clock: options.clock }),
    checkOutputs: options.checkOutputs ?? false,
  });
  return { dispatch, db, sessions, settings, backupNow: (kind) => backupNow(db, settings, kind), close: () => db.close() };
}
