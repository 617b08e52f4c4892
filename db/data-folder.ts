// What lives in a clinic's data folder. Photos are encrypted files that never change once written.
import { join } from 'node:path';

export const DATABASE_FILE = 'skinchart.db';
export const PHOTOS_FOLDER = 'photos';
export const BACKUPS_FOLDER = 'backups';
export const TLS_FOLDER = 'tls';
/** Keys that were in force before a rekey, sealed under the current key: older backups need them. */
export const PREVIOUS_KEYS_FILE = 'previous-keys.bin';
/** A rekey in progress: the new key sealed under the old one, so an interrupted rekey can finish. */
export const PENDING_REKEY_FILE = 'rekey-pending.bin';

export const databaseFileIn = (dataDir: string) => join(dataDir, DATABASE_FILE);
export const photosFolderIn = (dataDir: string) => join(dataDir, PHOTOS_FOLDER);
/** The backup folder a backup is being written to, until its record is committed (or found missing). */
export const PENDING_BACKUP_FILE = 'backup-pending.json';
