import type Database from 'better-sqlite3-multiple-ciphers';
import type { PatientSummary } from '../api/patients';
import type { PatientFlag } from '../api/fields';
import { namePartsOf } from '../fold';
import { prepared } from '../prepared';

// Above every character SQLite can store, so `key >= p AND key < p || TOP` is a prefix range on the index.
const TOP = '\u{10FFFF}';

const SUMMARY = `p.id, p.chart_number AS chartNumber, p.first_name AS firstName, p.last_name AS lastName,
  p.date_of_birth AS dateOfBirth, p.phone, p.flags, p.archived_at AS archivedAt`;

type SummaryRow = Omit<PatientSummary, 'flags'> & { flags: string };

const toSummary = (r: SummaryRow): PatientSummary => ({ ...r, flags: JSON.parse(r.flags) as PatientFlag[] });

/** What the front desk typed: a chart number, a date of birth, a phone number, or parts of a name. */
export type SearchIntent =
  | { by: 'chart'; chartNumber: string }
  | { by: 'dob'; dateOfBirth: string }
  | { by: 'digits'; digits: string }
  | { by: 'name'; parts: string[] }
  | { by: 'nothing' };

export function searchIntentOf(query: string): SearchIntent {
  const q = query.trim();
  if (q === '') return { by: 'nothing' };
  const chart = /^sc-?(\d{1,6})$/i.exec(q);
  if (chart) return { by: 'chart', chartNumber: `SC-${chart[1]!.padStart(6, '0')}` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(q)) return { by: 'dob', dateOfBirth: q };
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(q);
  if (dmy) return { by: 'dob', dateOfBirth: `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` };
  if (/^[+(\d][\d\s()./-]*$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3) return { by: 'digits', digits };
  }
  const parts = namePartsOf(q).filter((p) => !/\s/.test(p));
  // The joined form of a multi-word query is not needed for matching: every word must match on its own.
  const words = q.split(/\s+/).length > 1 ? parts.slice(0, -1) : parts;
  return words.length ? { by: 'name', parts: words.slice(0, 4) } : { by: 'nothing' };
}

const archivedFilter = (includeArchived: boolean) => (includeArchived ? '' : 'AND p.archived_at IS NULL');

export function searchPatients(sql: Database.Database, query: string, limit: number, includeArchived: boolean): PatientSummary[] {
  const intent = searchIntentOf(query);
  const where = archivedFilter(includeArchived);
  let rows: SummaryRow[];
  switch (intent.by) {
    case 'nothing':
      return [];
    case 'chart':
      rows = prepared(sql, `SELECT ${SUMMARY} FROM patients p WHERE p.chart_number = ? ${where}`).all(intent.chartNumber) as SummaryRow[];
      break;
    case 'dob':
      rows = prepared(sql, `SELECT ${SUMMARY} FROM patients p WHERE p.date_of_birth = ? ${where} ORDER BY p.last_name, p.first_name LIMIT ?`).all(
        intent.dateOfBirth,
        limit,
      ) as SummaryRow[];
      break;
    case 'digits': {
      // A short number may be a chart number typed without its prefix; otherwise a phone number's
      // start (as typed so far) or its end (typed without the country code, or the last digits).
      const chart = intent.digits.length <= 6 ? `SC-${intent.digits.padStart(6, '0')}` : null;
      const tail = [...intent.digits].reverse().join('');
      rows = prepared(
        sql,
        `SELECT ${SUMMARY} FROM patients p WHERE p.id IN (
           SELECT id FROM patients WHERE chart_number = ?
           UNION SELECT id FROM patients WHERE phone_digits >= ? AND phone_digits < ?
           UNION SELECT id FROM patients WHERE phone_digits_reversed >= ? AND phone_digits_reversed < ?
         ) ${where}
         ORDER BY p.chart_number <> ?, p.last_name, p.first_name LIMIT ?`,
      ).all(chart, intent.digits, intent.digits + TOP, tail, tail + TOP, chart, limit) as SummaryRow[];
      break;
    }
    case 'name': {
      const [first, ...rest] = intent.parts;
      const others = rest.map(
        (_, i) => `AND EXISTS (SELECT 1 FROM patient_name_keys k${i + 1} WHERE k${i + 1}.patient_id = k0.patient_id AND k${i + 1}.key >= ? AND k${i + 1}.key < ?)`,
      );
      const text = `SELECT ${SUMMARY} FROM patients p WHERE p.id IN (
          SELECT k0.patient_id FROM patient_name_keys k0 WHERE k0.key >= ? AND k0.key < ? ${others.join(' ')}
        ) ${where} ORDER BY p.last_name, p.first_name, p.id LIMIT ?`;
      const params = [first!, first! + TOP, ...rest.flatMap((p) => [p, p + TOP]), limit];
      rows = prepared(sql, text).all(...params) as SummaryRow[];
      break;
    }
  }
  return rows.map(toSummary);
}
