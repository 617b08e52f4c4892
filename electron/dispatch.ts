import { z } from 'zod';
import { httpStatusOf, type ClinicErrorBody, type Envelope, type FieldIssue } from '../db/api/envelope';
import type { Command } from '../db/api/command';
import { appendAudit, type AuditInput } from '../db/audit-chain';
import { isDamage, type DamageWatch } from '../db/damage-check';
import { ClinicError } from '../db/errors';
import { isoInstant } from '../db/instant';
import { logger } from '../db/log';
import type { ClinicDb } from '../db/open';
import type { Ctx, HostSettings, Registered, SignedInUser } from '../db/records';
import { prepared } from '../db/prepared';
import { MAX_INPUT_DEPTH, TOO_DEEP, wellFormedInput } from './input-hygiene';
import type { SessionStore } from './sessions';

const log = logger('dispatch');

export interface DispatchResult {
  status: number;
  body: Envelope<unknown>;
}

export interface Dispatcher {
  /** Runs one command for whoever holds `token`; never throws. */
  (name: string, input: unknown, token: string | null): Promise<DispatchResult>;
}

export interface DispatcherOptions {
  db: ClinicDb;
  registry: ReadonlyMap<string, Registered>;
  sessions: SessionStore;
  host: HostSettings;
  clock?: () => Date;
  /** Check every answer against the contract's output schema (tests turn this on). */
  checkOutputs?: boolean;
  /** The page check after start: writes wait for its verdict, and none is made to a damaged file. */
  records?: DamageWatch;
}

const fail = (error: ClinicErrorBody): DispatchResult => ({ status: httpStatusOf(error.code), body: { ok: false, error } });

/** Zod issues as field problems: `dateOfBirth: must be a date in the past`. */
export const fieldIssuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'is not a known field' }))
      : [{ path: i.path.map(String).join('.') || '(input)', message: i.message }],
  );

const invalidInput = (issues: FieldIssue[]): DispatchResult =>
  fail({
    code: 'invalid_input',
    message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    details: { issues },
  });

/** Errors SQLite raises from our guard triggers: the record is locked, not broken. */
const lockedBySqlite = (e: unknown): string | null => {
  const err = e as { code?: string; message?: string };
  return err.code === 'SQLITE_CONSTRAINT_TRIGGER' ? (err.message ?? 'this record cannot be changed') : null;
};

/** A full disk is not a fault in the command: say so, since trying again as it is will not help. */
export const DISK_FULL_MESSAGE = 'The disk is full: nothing was saved. Free some space on this computer (or ask whoever looks after it), then try again.';
const diskFull = (e: unknown): boolean => (e as { code?: string }).code === 'SQLITE_FULL';
/** What the command running now may stamp on its audit entries and sign-ins. */
interface Call {
  nowIso: string;
  nowMs: number;
  userId: number | null;
  token: string | null;
  audited: number;
}

function runHandler(command: Command, reg: Registered, ctx: Ctx, input: unknown, prep: unknown, call: Call): unknown {
  const value = reg.handler.run(ctx, input as never, prep);
  if (command.kind !== 'read' && call.audited === 0) throw new Error(`${command.name} wrote no audit entry`);
  return value;
}

export const signedInUserSql = 'SELECT id, name, username, role, active FROM users WHERE id = ?';

/** An audited view's entry reaches the disk with the next write, or at the latest this long after the view. */
export const VIEW_FLUSH_MS = 1000;

/**
 * Each command's input schema compiled by zod into one generated function, on first use: the same checks
 * (a rejected input is re-parsed by the schema itself, so refusals and their messages are unchanged) for
 * a fraction of the cost of walking the schema: about 1.7 µs instead of 7.6 µs for a search's input when
 * other work runs between commands, as it does in a server.
 */
const compiledInputs = new WeakMap<Command, z.ZodType>();
export const compiledInputOf = (command: Command): z.ZodType => {
  let schema = compiledInputs.get(command);
  if (!schema) {
    schema = z.compile(command.input);
    compiledInputs.set(command, schema);
  }
  return schema;
};

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, registry, sessions, host } = options;
  const clock = options.clock ?? (() => new Date());
  // One transaction wrapper for every command: building it per call cost as much as a small query.
  const inTransaction = db.sql.transaction(runHandler);
  // Audited views (opening a chart) commit without waiting for an fsync; writes always wait. A power cut
  // can lose only the last second of "who opened which chart", never a change to a record.
  const syncNormal = db.sql.prepare('PRAGMA synchronous = NORMAL');
  const syncFull = db.sql.prepare('PRAGMA synchronous = FULL');
  let unflushedViews = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flushViews = () => {
    flushTimer = null;
    if (!unflushedViews || !db.sql.open) return;
    try {
      db.sql.pragma('wal_checkpoint(PASSIVE)'); // syncs the WAL, with the views' entries, to disk
      unflushedViews = false;
    } catch (e) {
      log.warn('could not flush the audit entries of recent views', e);
    }
  };

  // Handlers run synchronously, one at a time, so the functions they are lent are made once and read the
  // running call; making fresh closures per call cost more than a small query.
  let current: Call = { nowIso: '', nowMs: 0, userId: null, token: null, audited: 0 };
  const audit = (entry: AuditInput) => {
    appendAudit(db.sql, current.nowIso, current.userId ?? entry.userId ?? null, entry);
    current.audited++;
  };
  const session = {
    signIn: (userId: number) => sessions.open(userId, current.nowMs),
    signOut: () => sessions.close(current.token),
  };

  // Who holds a token is read once and kept until the next write: staff accounts only change by writes.
  const staff = new Map<number, SignedInUser | null>();
  const userOf = (token: string | null, now: Date): SignedInUser | null => {
    const userId = sessions.resolve(token, now.getTime());
    if (userId === null) return null;
    let user = staff.get(userId);
    if (user === undefined) {
      const row = prepared(db.sql, signedInUserSql).get(userId) as
        | (SignedInUser & { active: number })
        | undefined;
      user = row && row.active ? { id: row.id, name: row.name, username: row.username, role: row.role } : null;
      staff.set(userId, user);
    }
    if (!user) {
      sessions.close(token);
      return null;
    }
    return user;
  };

  /**
   * Null when the file may be written to; otherwise the refusal. While the page check after start is still
   * reading, a write waits for its verdict (reads never wait).
   */
  const records = options.records;
  const damaged = async (): Promise<DispatchResult | null> => {
    if (!records) return null;
    let now = records.current();
    if (now.state === 'checking') now = await records.settled;
    return now.state === 'damaged' ? fail({ code: 'internal', message: now.message, details: { reason: 'damaged_database' } }) : null;
  };

  /** Writes a refusal's audit entry on its own, after the command's work was rolled back. */
  const auditRefusal = async (user: SignedInUser | null, entry: AuditInput) => {
    if (await damaged()) return;
    try {
      db.sql.transaction(() => appendAudit(db.sql, clock().toISOString(), user?.id ?? entry.userId ?? null, entry)).immediate();
    } catch (e) {
      log.error('could not record a refusal in the audit log', e);
    }
  };

  const run = (command: Command, reg: Registered, user: SignedInUser | null, token: string | null, input: unknown, prep: unknown, now: Date) => {
    const nowIso = isoInstant(now);
    const call: Call = { nowIso, nowMs: now.getTime(), userId: user?.id ?? null, token, audited: 0 };
    const ctx: Ctx = { orm: db.orm, sql: db.sql, user, now, nowIso, host, audit, session };
    current = call;
    switch (command.kind) {
      case 'read':
        // No BEGIN/COMMIT around a read: this host is the file's one writer and a handler runs to the end
        // without yielding, so nothing can change the records between its statements. It saved a third
        // of the cost of a chart-number search.
        return runHandler(command, reg, ctx, input, prep, call);
      case 'write':
        try {
          const value = inTransaction.immediate(command, reg, ctx, input, prep, call);
          unflushedViews = false; // this commit's fsync carried the earlier views' entries too
          return value;
        } finally {
          staff.clear();
        }
      case 'view':
        syncNormal.run();
        try {
          return inTransaction.immediate(command, reg, ctx, input, prep, call);
        } finally {
          syncFull.run();
          unflushedViews = true;
          flushTimer ??= setTimeout(flushViews, VIEW_FLUSH_MS);
          flushTimer.unref?.();
        }
    }
  };

  return async function dispatch(name, rawInput, token) {
    const reg = registry.get(name);
    if (!reg) return fail({ code: 'not_found', message: `Unknown command: ${name}` });
    const { command, handler } = reg;
    let user: SignedInUser | null = null;
    const arrivedAt = clock();
    try {
      user = userOf(token, arrivedAt);
      if (command.access !== 'public') {
        if (!user) return fail({ code: 'unauthenticated', message: 'Please sign in' });
        if (command.access !== 'signed_in' && !command.access.includes(user.role)) {
          await auditRefusal(user, { action: `denied:${name}`, entity: 'command', entityId: name });
          return fail({ code: 'forbidden', message: `Your role (${user.role}) may not use ${name}` });
        }
      }
      const input = wellFormedInput(rawInput ?? {});
      if (input === TOO_DEEP) return invalidInput([{ path: '(input)', message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
      const parsed = compiledInputOf(command).safeParse(input);
      if (!parsed.success) return invalidInput(fieldIssuesOf(parsed.error));
      if (command.kind !== 'read') {
        const refused = await damaged();
        if (refused) return refused;
      }
      const prep = handler.prepare ? await handler.prepare({ orm: db.orm, sql: db.sql, user, host }, parsed.data as never) : undefined;
      // After an async step (password hashing) the clock is read again.
      const value = run(command, reg, user, token, parsed.data, prep, handler.prepare ? clock() : arrivedAt);
      if (options.checkOutputs) {
        const checked = command.output.safeParse(value);
        if (!checked.success) throw new Error(`${name} answered outside its contract: ${JSON.stringify(fieldIssuesOf(checked.error))}`);
      }
      return { status: 200, body: { ok: true, value } };
    } catch (e) {
      if (e instanceof ClinicError) {
        if (e.audit) await auditRefusal(user, e.audit);
        return fail({ code: e.code, message: e.message, ...(e.details !== undefined && { details: e.details }) });
      }
      const locked = lockedBySqlite(e);
      if (locked) return fail({ code: 'locked', message: locked });
      if (records && isDamage(e)) {
        // A page the command needed is broken: the whole file is treated as damaged from now on.
        records.found(`${name}: ${(e as Error).message}`);
        return (await damaged())!;
      }
      if (diskFull(e)) {
        log.error(`${name} failed: the disk is full`);
        return fail({ code: 'internal', message: DISK_FULL_MESSAGE });
      }
      log.error(`${name} failed`, e);
      return fail({ code: 'internal', message: 'Something went wrong; nothing was saved. Please try again.' });
    }
  };
}
