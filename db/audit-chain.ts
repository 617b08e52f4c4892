import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson, sha256Hex } from './hash';
import { prepared } from './prepared';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  patientId?: number | null;
  /** What changed (input or a summary); only its hash is kept, so secrets never reach the log. */
  change?: unknown;
  /** Who acted, when nobody is signed in yet (a sign-in records the user who signed in). */
  userId?: number | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  patientId: number | null;
  changeHash: string;
  prevHash: string;
  hash: string;
}

export const entryHash = (prevHash: string, e: Omit<AuditRow, 'prevHash' | 'hash'>): string =>
  sha256Hex(`${prevHash}\n${JSON.stringify([e.seq, e.at, e.userId, e.action, e.entity, e.entityId, e.patientId, e.changeHash])}`);

export const auditSql = {
  /** The chain's head: the last entry in sequence order. */
  last: 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  insert: `INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, patient_id, change_hash, prev_hash, hash)
     VALUES (@seq, @at, @userId, @action, @entity, @entityId, @patientId, @changeHash, @prevHash, @hash)`,
};

/** Appends one entry to the chain. Must run inside the caller's write transaction. */
export function appendAudit(sql: Database.Database, at: string, userId: number | null, input: AuditInput): AuditRow {
  const last = prepared(sql, auditSql.last).get() as
    | { seq: number; hash: string }
    | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at,
    userId,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    patientId: input.patientId ?? null,
    changeHash: sha256Hex(canonicalJson(input.change ?? null)),
  };
  const row: AuditRow = { ...base, prevHash, hash: entryHash(prevHash, base) };
  prepared(sql, auditSql.insert).run(row);
  return row;
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  head: string | null;
}

/**
 * Each entry as `entryHash` serialises it, written by SQLite: its json_array() gives the same text as
 * JSON.stringify for integers, text and null (a test checks every character), and one text value per
 * row crosses into JavaScript instead of eight, which took a fifth off a full check.
 */
export const entryJsonSql = `json_array(seq, at, user_id, action, entity, entity_id, patient_id, change_hash)`;

/** Walks the whole chain in sequence order and recomputes every link. */
export function verifyAuditChain(sql: Database.Database): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  const rows = sql
    .prepare(`SELECT seq, prev_hash, hash, ${entryJsonSql} FROM audit_log ORDER BY seq`)
    .raw()
    .iterate() as IterableIterator<[number, string, string, string]>;
  for (const [seq, storedPrev, hash, entry] of rows) {
    if (seq !== expectedSeq || storedPrev !== prevHash || hash !== sha256Hex(`${prevHash}\n${entry}`)) {
      return { ok: false, entries, brokenAt: seq, head: prevHash === GENESIS_HASH ? null : prevHash };
    }
    prevHash = hash;
    expectedSeq++;
    entries++;
  }
  return { ok: true, entries, head: entries === 0 ? null : prevHash };
}
