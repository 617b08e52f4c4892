// CSV for spreadsheets (RFC 4180), safe to open: a cell a spreadsheet would run as a formula is neutralised.

/** Leading characters that make Excel, LibreOffice or Sheets treat a cell as a formula (or a DDE call). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text with a single quote in front when it would otherwise start a formula. */
export const neutraliseFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const quoteIfNeeded = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export type CsvCell = string | number | boolean | null | undefined;

const cellText = (v: CsvCell): string => {
  if (v === null || v === undefined) return '';
  // Numbers we write (counts, versions) are never negative; text is what can carry a formula.
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return quoteIfNeeded(neutraliseFormula(v));
};

/** A header row and data rows as CSV text, lines ended with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map((c) => cellText(c)).join(',')).join('\r\n') + '\r\n';
}
