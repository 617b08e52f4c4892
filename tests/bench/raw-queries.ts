// The practical limit: each benchmarked operation written by hand on raw better-sqlite3 prepared
// statements, on its own connection, giving the same answer the command gives (same rows, same shape).
import Database from 'better-sqlite3-multiple-ciphers';
import { hash } from 'node:crypto';

type Sqlite = Database.Database;

const GENESIS = '0'.repeat(64);
const TOP = '\u{10FFFF}';

/** Opens the file the way the app does (WAL, synchronous=FULL, foreign keys), without the app. */
export const openRaw = (file: string): Sqlite => {
  const sql = new Database(file);
  sql.pragma('busy_timeout = 5000');
  sql.pragma('journal_mode = WAL');
  sql.pragma('synchronous = FULL');
  sql.pragma('foreign_keys = ON');
  return sql;
};

const parseFlags = <T extends { flags: string }>(r: T) => ({ ...r, flags: JSON.parse(r.flags) as string[] });

export function rawQueries(sql: Sqlite) {
  const summary = `p.id, p.chart_number AS chartNumber, p.first_name AS firstName, p.last_name AS lastName,
    p.date_of_birth AS dateOfBirth, p.phone, p.flags, p.archived_at AS archivedAt`;

  // Walks the name-part index in key order (from the longest word typed) and stops at `limit` patients:
  // no sort of every match. Other words must match another name part of the same patient.
  const byNameParts = [0, 1, 2, 3].map((others) =>
    sql.prepare(
      `SELECT k.patient_id AS id FROM patient_name_keys k JOIN patients p ON p.id = k.patient_id
       WHERE k.key >= ? AND k.key < ? AND p.archived_at IS NULL
       ${Array.from({ length: others }, (_, i) => `AND EXISTS (SELECT 1 FROM patient_name_keys o${i} WHERE o${i}.patient_id = k.patient_id AND o${i}.key >= ? AND o${i}.key < ?)`).join(' ')}
       ORDER BY k.key, k.patient_id`,
    ),
  );
  const summariesByIds = sql.prepare(`SELECT ${summary} FROM patients p WHERE p.id IN (SELECT value FROM json_each(?))`);
  const byChart = sql.prepare(`SELECT ${summary} FROM patients p WHERE p.chart_number = ? AND p.archived_at IS NULL`);
  const byDigits = sql.prepare(
    `SELECT ${summary} FROM patients p WHERE p.id IN (
       SELECT id FROM patients WHERE chart_number = ? AND archived_at IS NULL
       UNION SELECT id FROM (SELECT id FROM patients WHERE phone_digits >= ? AND phone_digits < ? AND archived_at IS NULL ORDER BY phone_digits LIMIT ?)
       UNION SELECT id FROM (SELECT id FROM patients WHERE phone_digits_reversed >= ? AND phone_digits_reversed < ? AND archived_at IS NULL ORDER BY phone_digits_reversed LIMIT ?)
     )`,
  );
  const byName = (a: { lastName: string; firstName: string; id: number }, b: typeof a) =>
    a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id - b.id;

  const patientRow = sql.prepare(
    `SELECT id, chart_number AS chartNumber, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, sex, phone, email,
            address, fitzpatrick, allergies, medications, notes, flags, archived_at AS archivedAt, archived_reason AS archivedReason,
            created_at AS createdAt, updated_at AS updatedAt, version
     FROM patients WHERE id = ?`,
  );
  const sessions = sql.prepare(
    `SELECT s.id, s.treatment_type AS treatmentType, s.status, s.performed_at AS performedAt, u.name AS practitionerName, s.signed_at AS signedAt,
            (SELECT count(*) FROM session_photos ph WHERE ph.session_id = s.id) AS photoCount,
            (SELECT count(*) FROM session_addenda a WHERE a.session_id = s.id) AS addendumCount
     FROM treatment_sessions s LEFT JOIN users u ON u.id = s.practitioner_id
     WHERE s.patient_id = ? ORDER BY s.performed_at DESC, s.id DESC LIMIT ?`,
  );
  const products = sql.prepare(
    `SELECT sp.session_id AS sessionId, sp.lot_id AS lotId, l.lot_number AS lotNumber, p.name AS productName, sp.quantity, p.unit, sp.area
     FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id
     WHERE sp.session_id IN (SELECT value FROM json_each(?)) ORDER BY sp.session_id, sp.id`,
  );
  const consents = sql.prepare(
    `SELECT c.id, c.treatment_type AS treatmentType, t.version AS templateVersion, c.signed_at AS signedAt, c.voided_at AS voidedAt
     FROM consents c JOIN consent_templates t ON t.id = c.template_id WHERE c.patient_id = ? ORDER BY c.signed_at DESC`,
  );
  const intakes = sql.prepare(
    `SELECT i.id, i.submitted_at AS submittedAt, q.version AS questionnaireVersion, i.flags
     FROM intakes i JOIN questionnaires q ON q.id = i.questionnaire_id WHERE i.patient_id = ? ORDER BY i.submitted_at DESC`,
  );
  // The recall list as the command gives it: one line per session (a lot used twice in a session summed),
  // with the patient's contact details and the lot's product, number and unit.
  const recallLot = sql.prepare(`SELECT l.id, p.name AS productName, l.lot_number AS lotNumber, l.expires_on AS expiresOn, l.status, p.unit
     FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id = ?`);
  const recipients = sql
    .prepare(
      `SELECT s.id, s.performed_at, s.treatment_type, round(sum(sp.quantity), 3),
              p.id, p.chart_number, p.first_name, p.last_name, p.date_of_birth, p.phone, p.email, p.address, p.archived_at
       FROM session_products sp JOIN treatment_sessions s ON s.id = sp.session_id JOIN patients p ON p.id = s.patient_id
       WHERE sp.lot_id = ? GROUP BY sp.session_id ORDER BY s.performed_at, s.id`,
    )
    .raw();

  const lastEntry = sql.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insertEntry = sql.prepare(
    `INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, patient_id, change_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** One hash-chained audit entry, computed the way db/audit-chain.ts does. */
  const audit = (userId: number, action: string, entity: string, entityId: number, patientId: number | null, change: string) => {
    const last = lastEntry.get() as { seq: number; hash: string } | undefined;
    const prev = last?.hash ?? GENESIS;
    const seq = (last?.seq ?? 0) + 1;
    const at = new Date().toISOString();
    const changeHash = hash('sha256', change, 'hex');
    const entry = hash('sha256', `${prev}\n${JSON.stringify([seq, at, userId, action, entity, String(entityId), patientId, changeHash])}`, 'hex');
    insertEntry.run(seq, at, userId, action, entity, String(entityId), patientId, changeHash, prev, entry);
  };
  const updatePatient = sql.prepare(`UPDATE patients SET notes = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING version`);
  const insertUse = sql.prepare(`INSERT INTO session_products (session_id, lot_id, quantity, area, at, user_id) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertMovement = sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, session_product_id, at, user_id) VALUES (?, 'use', ?, ?, ?, ?)`);
  // Each entry's previous hash and JSON joined by SQLite (the same text as JSON.stringify), read in pages.
  const entriesAfter = sql
    .prepare(
      `SELECT seq, hash, prev_hash || char(10) || json_array(seq, at, user_id, action, entity, entity_id, patient_id, change_hash)
       FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 20000`,
    )
    .raw();

  return {
    /** Name prefix (already folded): the first `limit` patients in name-part order, shown sorted by name. */
    searchName(words: string[], limit: number) {
      const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
      const params = [first!, first! + TOP, ...rest.flatMap((w) => [w, w + TOP])];
      const ids: number[] = [];
      const seen = new Set<number>();
      for (const { id } of byNameParts[rest.length]!.iterate(...params) as IterableIterator<{ id: number }>) {
        if (seen.has(id)) continue;
        seen.add(id);
        ids.push(id);
        if (ids.length === limit) break;
      }
      return (summariesByIds.all(JSON.stringify(ids)) as { flags: string; lastName: string; firstName: string; id: number }[]).map(parseFlags).sort(byName);
    },
    /** A chart number as typed (`SC-000123`, `sc123`). */
    searchChart(typed: string) {
      const m = /^sc-?(\d{1,6})$/i.exec(typed.trim());
      return m ? (byChart.all(`SC-${m[1]!.padStart(6, '0')}`) as { flags: string }[]).map(parseFlags) : [];
    },
    /** Digits typed: a phone number's start or end, or a chart number without its prefix. */
    searchDigits(digits: string, limit: number) {
      const chart = digits.length <= 6 ? `SC-${digits.padStart(6, '0')}` : null;
      const tail = [...digits].reverse().join('');
      return (byDigits.all(chart, digits, digits + TOP, limit, tail, tail + TOP, limit) as { flags: string; lastName: string; firstName: string; id: number }[])
        .map(parseFlags)
        .sort(byName)
        .slice(0, limit);
    },
    chart(patientId: number, limit = 200) {
      const patient = patientRow.get(patientId) as Record<string, unknown> & { allergies: string; medications: string; flags: string };
      const list = sessions.all(patientId, limit) as { id: number }[];
      const used = products.all(JSON.stringify(list.map((s) => s.id))) as { sessionId: number }[];
      const bySession = new Map<number, unknown[]>();
      for (const { sessionId, ...p } of used) {
        const l = bySession.get(sessionId);
        if (l) l.push(p);
        else bySession.set(sessionId, [p]);
      }
      return {
        patient: { ...patient, allergies: JSON.parse(patient.allergies) as string[], medications: JSON.parse(patient.medications) as string[], flags: JSON.parse(patient.flags) as string[] },
        sessions: list.map((s) => ({ ...s, products: bySession.get(s.id) ?? [] })),
        consents: consents.all(patientId),
        intakes: (intakes.all(patientId) as { flags: string }[]).map(parseFlags),
      };
    },
    recipients(lotId: number) {
      const lot = recallLot.get(lotId) as { id: number; productName: string; lotNumber: string; unit: string };
      const items = (recipients.all(lotId) as [number, string, string, number, number, string, string, string, string, string | null, string | null, string | null, string | null][]).map(
        ([sessionId, performedAt, treatmentType, quantity, id, chartNumber, firstName, lastName, dateOfBirth, phone, email, address, archivedAt]) => ({
          patient: { id, chartNumber, firstName, lastName, dateOfBirth, phone, email, address, archivedAt },
          sessionId,
          performedAt,
          treatmentType,
          quantity,
          unit: lot.unit,
          lotId: lot.id,
          lotNumber: lot.lotNumber,
          productName: lot.productName,
        }),
      );
      return { lots: [lot], items };
    },
    /** A durable edit with its audit entry: one IMMEDIATE transaction, synchronous=FULL. */
    updatePatient: sql.transaction((userId: number, id: number, version: number, notes: string) => {
      const row = updatePatient.get(notes, new Date().toISOString(), id, version) as { version: number } | undefined;
      if (!row) throw new Error('stale version');
      audit(userId, 'patients.update', 'patient', id, id, JSON.stringify({ notes }));
      return row.version;
    }),
    /** A product used on a session: the use, its stock movement and the audit entry, durable. */
    addProduct: sql.transaction((userId: number, sessionId: number, patientId: number, lotId: number, quantity: number, area: string) => {
      const at = new Date().toISOString();
      const use = insertUse.run(sessionId, lotId, quantity, area, at, userId);
      insertMovement.run(lotId, -quantity, use.lastInsertRowid, at, userId);
      audit(userId, 'sessions.addProduct', 'session', sessionId, patientId, JSON.stringify({ sessionId, lotId, quantity, area }));
    }),
    /** Phone numbers of some patients, as they were typed at registration. */
    phones(): string[] {
      return sql.prepare('SELECT phone FROM patients WHERE phone IS NOT NULL AND id % 97 = 0').pluck().all() as string[];
    },
    patientVersion(id: number): number {
      return sql.prepare('SELECT version FROM patients WHERE id = ?').pluck().get(id) as number;
    },
    /**
     * Where product uses go: `perSide` draft sessions started today for each side (the command's and the
     * hand-written one's), so each session gets a handful of products as in a real visit, and a fresh lot
     * received today with plenty of stock. Set up, not measured.
     */
    benchTargets(perSide: number) {
      const now = new Date().toISOString();
      // Yesterday in UTC is on or before today in any time zone: the lot was there before the sessions.
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const patients = sql.prepare(`SELECT id FROM patients WHERE archived_at IS NULL ORDER BY id DESC LIMIT ?`).pluck().all(2 * perSide) as number[];
      const start = sql.prepare(`INSERT INTO treatment_sessions (patient_id, treatment_type, performed_at, created_at, updated_at) VALUES (?, 'iv_glutathione', ?, ?, ?) RETURNING id`);
      return sql
        .transaction(() => {
          const sessions = patients.map((patientId) => ({ id: (start.get(patientId, now, now, now) as { id: number }).id, patientId }));
          const product = sql.prepare(`SELECT id FROM products WHERE name LIKE 'Glutathione%' LIMIT 1`).pluck().get() as number;
          const lotId = Number(
            sql
              .prepare(`INSERT INTO lots (product_id, lot_number, expires_on, received_on, supplier, created_at, updated_at) VALUES (?, ?, '2099-12-31', ?, 'Bench supplies', ?, ?)`)
              .run(product, `BENCH-${Date.now()}`, yesterday, now, now).lastInsertRowid,
          );
          sql.prepare(`INSERT INTO stock_movements (lot_id, kind, quantity, at) VALUES (?, 'receive', 100000, ?)`).run(lotId, now);
          return { app: sessions.slice(0, perSide), raw: sessions.slice(perSide), lotId };
        })
        .immediate();
    },
    close: () => sql.close(),
    /** Walks the chain and recomputes every link. */
    verify() {
      let prev = GENESIS;
      let expected = 1;
      for (;;) {
        const rows = entriesAfter.all(expected - 1) as [number, string, string | null][];
        if (rows.length === 0) return { ok: true, entries: expected - 1 };
        for (const [seq, stored, hashed] of rows) {
          const linked = hashed !== null && hashed.charCodeAt(prev.length) === 10 && hashed.startsWith(prev);
          if (seq !== expected || !linked || hash('sha256', hashed, 'hex') !== stored) {
            return { ok: false, entries: expected - 1, brokenAt: seq };
          }
          prev = stored;
          expected++;
        }
      }
    },
  };
}

export type RawQueries = ReturnType<typeof rawQueries>;
