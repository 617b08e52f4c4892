import type Database from 'better-sqlite3-multiple-ciphers';
import type { CommandName } from '../../../db/api';

/**
 * The writes a crash-test child repeats, one step after another. Each step says what to send,
 * what the child prints once the dispatcher answered ok (its acknowledgement), and how the parent
 * finds that write afterwards. Add a step here (treatment sessions, products used) and the kill
 * test covers it: the child runs every step in turn, the parent checks every acknowledgement.
 */
export interface WriterState {
  /** This child's run number, so values written by different runs differ. */
  run: number;
  /** How many writes this child has had acknowledged. */
  acked: number;
  random: () => number;
  /** Patients this child created or updated, with the version it last saw. */
  patients: { id: number; version: number }[];
}

export interface Ack {
  step: string;
  [field: string]: unknown;
}

export interface WriteStep {
  /** A stable name, printed in each acknowledgement. */
  name: string;
  command: CommandName;
  /** The input to send, or null when the step cannot run yet (nothing to update). */
  input(state: WriterState): Record<string, unknown> | null;
  /** Called with the dispatcher's value once it answered ok: remembers it and says what to check. */
  acknowledge(state: WriterState, value: unknown, input: Record<string, unknown>): Ack;
  /** In the parent, after the crashes: the problems found with one acknowledged write (none = fine). */
  verify(sql: Database.Database, ack: Ack): string[];
}

interface PatientValue {
  id: number;
  chartNumber: string;
  version: number;
}

const pick = <T>(state: WriterState, items: T[]): T | null => (items.length ? items[Math.floor(state.random() * items.length)]! : null);

const auditEntriesFor = (sql: Database.Database, action: string, entityId: number): number =>
  (sql.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND entity_id = ?').get(action, String(entityId)) as { n: number }).n;

export const createPatient: WriteStep = {
  name: 'patient created',
  command: 'patients.create',
  input: (s) => ({
    firstName: `Run${s.run}`,
    lastName: `Write${s.acked}`,
    dateOfBirth: '1985-06-15',
    phone: `+44 20 7946 ${String(s.run * 1000 + s.acked).padStart(4, '0').slice(-4)}`,
    notes: `Written by run ${s.run}, write ${s.acked}. `.repeat(20),
    // Phone numbers from different runs can share their last digits; these are different people.
    confirmNewRecord: true,
  }),
  acknowledge: (s, value, input) => {
    const p = value as PatientValue;
    s.patients.push({ id: p.id, version: p.version });
    return { step: 'patient created', id: p.id, chartNumber: p.chartNumber, firstName: input.firstName, lastName: input.lastName };
  },
  verify: (sql, ack) => {
    const row = sql.prepare('SELECT chart_number AS chartNumber, first_name AS firstName, last_name AS lastName FROM patients WHERE id = ?').get(ack.id) as
      | { chartNumber: string; firstName: string; lastName: string }
      | undefined;
    if (!row) return [`patient ${String(ack.id)} was acknowledged but is missing`];
    const problems: string[] = [];
    if (row.chartNumber !== ack.chartNumber || row.firstName !== ack.firstName || row.lastName !== ack.lastName) {
      problems.push(`patient ${String(ack.id)} differs from what was acknowledged: ${JSON.stringify(row)}`);
    }
    if (auditEntriesFor(sql, 'patients.create', ack.id as number) !== 1) problems.push(`patient ${String(ack.id)} has no single audit entry for its creation`);
    return problems;
  },
};

export const updatePatient: WriteStep = {
  name: 'patient updated',
  command: 'patients.update',
  input: (s) => {
    const p = pick(s, s.patients);
    return p && { id: p.id, version: p.version, notes: `Updated by run ${s.run}, write ${s.acked}`, fitzpatrick: 1 + (s.acked % 6) };
  },
  acknowledge: (s, value, input) => {
    const p = value as PatientValue;
    const known = s.patients.find((k) => k.id === p.id);
    if (known) known.version = p.version;
    return { step: 'patient updated', id: p.id, version: p.version, notes: input.notes };
  },
  verify: (sql, ack) => {
    const row = sql.prepare('SELECT version, notes FROM patients WHERE id = ?').get(ack.id) as { version: number; notes: string } | undefined;
    if (!row) return [`patient ${String(ack.id)} was updated but is missing`];
    const version = ack.version as number;
    // A later update (acknowledged or not) may have followed; an earlier state may not.
    if (row.version < version) return [`patient ${String(ack.id)} is at version ${row.version}, but version ${version} was acknowledged`];
    if (row.version === version && row.notes !== ack.notes) return [`patient ${String(ack.id)} version ${version} lost its notes`];
    return [];
  },
};

/** The steps a crash-test child repeats, in turn. */
export const writeSteps: WriteStep[] = [createPatient, updatePatient, updatePatient];

/**
 * Whole-database invariants that a write half-done would break: every row written has its audit
 * entry and every audit entry its row (a crash cannot separate them).
 */
export const invariants: ((sql: Database.Database) => string[])[] = [
  (sql) => {
    const { patients } = sql.prepare('SELECT count(*) AS patients FROM patients').get() as { patients: number };
    const { created } = sql.prepare(`SELECT count(*) AS created FROM audit_log WHERE action = 'patients.create'`).get() as { created: number };
    return patients === created ? [] : [`${patients} patients but ${created} audit entries for created patients`];
  },
  (sql) => {
    const rows = sql
      .prepare(
        `SELECT p.id, p.version, (SELECT count(*) FROM audit_log a WHERE a.action = 'patients.update' AND a.entity_id = CAST(p.id AS TEXT)) AS updates
         FROM patients p`,
      )
      .all() as { id: number; version: number; updates: number }[];
    return rows.filter((r) => r.version !== r.updates + 1).map((r) => `patient ${r.id} is at version ${r.version} after ${r.updates} audited updates`);
  },
];
