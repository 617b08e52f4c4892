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

// The SQL of each search path, exported so a test can check every plan uses an index.
export const searchSql = {
  chart: (where: string) => `SELECT ${SUMMARY} FROM patients p WHERE p.chart_number = ? ${where}`,
  dob: (where: string) => `SELECT ${SUMMARY} FROM patients p WHERE p.date_of_birth = ? ${where} ORDER BY p.last_name, p.first_name, p.id LIMIT ?`,
  // A short number may be a chart number typed without its prefix; otherwise a phone number's start
  // (as typed so far) or its end (typed without the country code, or the last digits). Each branch
  // reads at most `limit` index entries, so "+44 7" does not sort every patient with a UK number.
  digits: (where: string) => `SELECT ${SUMMARY} FROM patients p WHERE p.id IN (
      SELECT id FROM patients p WHERE p.chart_number = ? ${where}
      UNION SELECT id FROM (SELECT id FROM patients p WHERE p.phone_digits >= ? AND p.phone_digits < ? ${where} ORDER BY p.phone_digits LIMIT ?)
      UNION SELECT id FROM (SELECT id FROM patients p WHERE p.phone_digits_reversed >= ? AND p.phone_digits_reversed < ? ${where} ORDER BY p.phone_digits_reversed LIMIT ?)
    ) ORDER BY p.chart_number <> ?, p.last_name, p.first_name, p.id LIMIT ?`,
  // Walks the name-part index in key order from the longest word typed, so it can stop after `limit`
  // patients; every other word must start another part of the same patient's name.
  name: (where: string, others: number) => `SELECT p.id FROM patients p JOIN patient_name_keys k ON k.patient_id = p.id
      WHERE k.key >= ? AND k.key < ? ${where}
      ${Array.from({ length: others }, (_, i) => `AND EXISTS (SELECT 1 FROM patient_name_keys o${i} WHERE o${i}.patient_id = k.patient_id AND o${i}.key >= ? AND o${i}.key < ?)`).join(' ')}
      ORDER BY k.key, k.patient_id`,
  byIds: `SELECT ${SUMMARY} FROM patients p WHERE p.id IN (SELECT value FROM json_each(?))`,
};

// Built once: the statement cache is keyed by the text.
const texts = (where: string) => ({
  chart: searchSql.chart(where),
  dob: searchSql.dob(where),
  digits: searchSql.digits(where),
  name: [0, 1, 2, 3].map((others) => searchSql.name(where, others)),
});
const withArchived = texts('');
const activeOnly = texts(archivedFilter(false));

const byName = (a: SummaryRow, b: SummaryRow) =>
  a.lastName < b.lastName ? -1 : a.lastName > b.lastName ? 1 : a.firstName < b.firstName ? -1 : a.firstName > b.firstName ? 1 : a.id - b.id;

/**
 * Patients whose name parts start with the words typed. When more than `limit` match (one or two
 * letters typed), the page holds those whose matching name part comes first alphabetically; the
 * page itself is shown by last name, then first name.
 */
function searchByName(sql: Database.Database, words: string[], limit: number, name: readonly string[]): SummaryRow[] {
  const [first, ...rest] = [...words].sort((a, b) => b.length - a.length);
  const params = [first!, first! + TOP, ...rest.flatMap((w) => [w, w + TOP])];
  const ids: number[] = [];
  const seen = new Set<number>();
  for (const { id } of prepared(sql, name[rest.length]!).iterate(...params) as IterableIterator<{ id: number }>) {
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    if (ids.length === limit) break;
  }
  if (ids.length === 0) return [];
  return (prepared(sql, searchSql.byIds).all(JSON.stringify(ids)) as SummaryRow[]).sort(byName);
}

export function searchPatients(sql: Database.Database, query: string, limit: number, includeArchived: boolean): PatientSummary[] {
  const intent = searchIntentOf(query);
  const text = includeArchived ? withArchived : activeOnly;
  let rows: SummaryRow[];
  switch (intent.by) {
    case 'nothing':
      return [];
    case 'chart':
      rows = prepared(sql, text.chart).all(intent.chartNumber) as SummaryRow[];
      break;
    case 'dob':
      rows = prepared(sql, text.dob).all(intent.dateOfBirth, limit) as SummaryRow[];
      break;
    case 'digits': {
      const chart = intent.digits.length <= 6 ? `SC-${intent.digits.padStart(6, '0')}` : null;
      const tail = [...intent.digits].reverse().join('');
      rows = prepared(sql, text.digits).all(chart, intent.digits, intent.digits + TOP, limit, tail, tail + TOP, limit, chart, limit) as SummaryRow[];
      break;
    }
    case 'name':
      rows = searchByName(sql, intent.parts, limit, text.name);
      break;
  }
  return rows.map(toSummary);
}
