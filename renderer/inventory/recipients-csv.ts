// The recall list as a spreadsheet file. Pure, so it is tested without a browser.
import type { Recipient } from '../../db/api/lots';

const columns: [string, (r: Recipient) => string | number][] = [
  ['Chart number', (r) => r.patient.chartNumber],
  ['Last name', (r) => r.patient.lastName],
  ['First name', (r) => r.patient.firstName],
  ['Date of birth', (r) => r.patient.dateOfBirth],
  ['Phone', (r) => r.patient.phone ?? ''],
  ['E-mail', (r) => r.patient.email ?? ''],
  ['Address', (r) => r.patient.address ?? ''],
  ['Session date', (r) => r.performedAt],
  ['Session', (r) => r.sessionId],
  ['Treatment', (r) => r.treatmentType],
  ['Product', (r) => r.productName],
  ['Lot number', (r) => r.lotNumber],
  ['Quantity', (r) => r.quantity],
  ['Unit', (r) => r.unit],
];

/**
 * One cell: quoted when it must be, and never read as a formula by a spreadsheet (a value starting
 * with = + - @ gets a leading apostrophe), except plain phone numbers such as "+1 555 0100".
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^\+?[\d\s().-]+$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The recall list as CSV, with a byte-order mark so spreadsheet programs read accents correctly. */
export function recipientsCsv(items: readonly Recipient[]): string {
  const lines = [columns.map(([h]) => csvCell(h)).join(','), ...items.map((r) => columns.map(([, get]) => csvCell(get(r))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const recallFileName = (what: string, day: string): string => `recall-${what.replace(/[^A-Za-z0-9._-]+/g, '_')}-${day}.csv`;
