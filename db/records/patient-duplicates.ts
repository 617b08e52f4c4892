import type Database from 'better-sqlite3-multiple-ciphers';
import type { DuplicateCandidate } from '../api/patients';
import type { PatientFlag } from '../api/fields';
import { nameKeyOf, phoneDigitsOf } from '../fold';
import { prepared } from '../prepared';

// Above every character SQLite can store, so `key >= p AND key < p || TOP` is a prefix range on the index.
const TOP = '\u{10FFFF}';

/** Numbers this long or longer match when one ends with the other (with or without a country code). */
export const PHONE_TAIL_DIGITS = 7;
/** A full national number: when both have this many digits, the last ten decide, whatever is typed in front. */
const NATIONAL_DIGITS = 10;

/** Digits without leading zeros, so a trunk prefix (07700…) and an international one (0044…) compare alike. */
const withoutLeadingZeros = (digits: string) => digits.replace(/^0+/, '');

/**
 * Two phone numbers are the same line when their digits agree, allowing for a country code or a
 * trunk zero in front: "+44 7700 900123", "07700 900123", "0044 7700 900123" and
 * "+44 (0)7700 900123" all match; so does a local number typed without its area code.
 */
export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = phoneDigitsOf(a);
  const y = phoneDigitsOf(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = [withoutLeadingZeros(x), withoutLeadingZeros(y)].sort((m, n) => m.length - n.length) as [string, string];
  if (short.length >= NATIONAL_DIGITS) return short.slice(-NATIONAL_DIGITS) === long.slice(-NATIONAL_DIGITS);
  return short.length >= PHONE_TAIL_DIGITS && long.endsWith(short);
}

export interface DuplicateQuery {
  firstName?: string | undefined;
  lastName?: string | undefined;
  dateOfBirth?: string | undefined;
  phone?: string | null | undefined;
  excludeId?: number | undefined;
}

type Row = Omit<DuplicateCandidate, 'flags' | 'matchedOn'> & { flags: string; nameKey: string; phoneDigits: string | null };

/**
 * Patients who may be the same person: the same folded name (either order) and date of birth,
 * or the same phone number however it was typed. Archived records are included, marked as such.
 */
export function findDuplicates(sql: Database.Database, q: DuplicateQuery): DuplicateCandidate[] {
  const first = q.firstName?.trim() ?? '';
  const last = q.lastName?.trim() ?? '';
  const byName = first !== '' && last !== '' && q.dateOfBirth !== undefined;
  const keys: (string | null)[] = byName ? [nameKeyOf(first, last), nameKeyOf(last, first)] : [null, null];
  const digits = phoneDigitsOf(q.phone);
  const tail = digits ? withoutLeadingZeros(digits) : '';
  // One indexed range finds every number sharing the last digits; samePhone then decides.
  const tailKey = tail.length >= PHONE_TAIL_DIGITS ? [...tail].reverse().join('').slice(0, PHONE_TAIL_DIGITS) : null;
  const exactDigits = digits && !tailKey ? digits : null;
  if (!byName && !tailKey && !exactDigits) return [];

  const dob = byName ? q.dateOfBirth : null;
  const rows = prepared(
    sql,
    `SELECT p.id, p.chart_number AS chartNumber, p.first_name AS firstName, p.last_name AS lastName,
            p.date_of_birth AS dateOfBirth, p.phone, p.flags, p.archived_at AS archivedAt,
            p.name_key AS nameKey, p.phone_digits AS phoneDigits
     FROM patients p WHERE p.id IN (
       SELECT id FROM patients WHERE name_key = ? AND date_of_birth = ?
       UNION SELECT id FROM patients WHERE name_key = ? AND date_of_birth = ?
       UNION SELECT id FROM patients WHERE phone_digits_reversed >= ? AND phone_digits_reversed < ?
       UNION SELECT id FROM patients WHERE phone_digits = ?
     ) AND p.id IS NOT ?
     ORDER BY p.archived_at IS NOT NULL, p.last_name, p.first_name, p.id LIMIT 50`,
  ).all(keys[0], dob, keys[1], dob, tailKey, tailKey === null ? null : tailKey + TOP, exactDigits, q.excludeId ?? null) as Row[];

  const candidates: DuplicateCandidate[] = [];
  for (const { nameKey, phoneDigits, flags, ...summary } of rows) {
    const matchedOn: DuplicateCandidate['matchedOn'] = [];
    if (byName && keys.includes(nameKey) && summary.dateOfBirth === q.dateOfBirth) matchedOn.push('name_and_birth_date');
    if (digits && samePhone(digits, phoneDigits)) matchedOn.push('phone');
    if (matchedOn.length > 0) candidates.push({ ...summary, flags: JSON.parse(flags) as PatientFlag[], matchedOn });
  }
  return candidates.slice(0, 20);
}
