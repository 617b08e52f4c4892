import type { RecordsState } from '../damage-check';
import type { Role } from '../api/command';
import type { AuditInput } from '../audit-chain';
import type { Orm, Sqlite } from '../open';

export interface SignedInUser {
  id: number;
  name: string;
  username: string;
  role: Role;
}

/** What a host lends to commands that start or end a sign-in. */
export interface SignInPort {
  signIn(userId: number): { token: string; expiresAt: string };
  signOut(): void;
}

/** Settings a host fixes at start-up. */
export interface HostSettings {
  /** scrypt cost as log2(N); 17 in production. */
  scryptLogN: number;
  /** The folder holding the database, photos and backups. */
  dataDir: string;
  /** The app's shipped resources (diagrams, default templates); `resources/` in the source tree. */
  resourcesDir: string;
  /**
   * The clinic's data key: the database is encrypted with it, and photos and other files in the data
   * folder must be too (db/crypto-files.ts). Null only for an unencrypted folder (tests).
   */
  dataKey?: Buffer | null;
  /** Keys in force before a rekey, newest first: backups made before it need them. */
  previousKeys?: Buffer[];
  /** scrypt cost for recovery keys and passphrases (log2 N); 17 unless a test lowers it. */
  keyLogN?: number;
  /** The host's clock, for work done before a command's transaction (it has no ctx.now yet). */
  clock?: () => Date;
  /** What the page check after start found (db/damage-check.ts); absent means not checked (tools, tests of parts). */
  records?: () => RecordsState;
}

/** Everything a command implementation may use. It runs inside the command's transaction. */
export interface Ctx {
  orm: Orm;
  sql: Sqlite;
  user: SignedInUser | null;
  /** The clock, read once per command so one command has one time. */
  now: Date;
  nowIso: string;
  audit(entry: AuditInput): void;
  session: SignInPort;
  host: HostSettings;
}

/** The signed-in user, for commands whose access already requires one. */
export const staffUser = (ctx: Ctx): SignedInUser => {
  if (!ctx.user) throw new Error('command needs a signed-in user');
  return ctx.user;
};

/** Async work a command needs before its transaction (password hashing). It must not write. */
export interface PrepareCtx {
  orm: Orm;
  sql: Sqlite;
  user: SignedInUser | null;
  host: HostSettings;
}
