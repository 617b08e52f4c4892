// Consent wording: which patient fields a template may name, and how they are filled in.
// Pure and renderer-safe, so the admin's draft preview and the signed text use the same rule.

/** The fields a template may include as {{name}}; filled in at signing. */
export const consentPlaceholders = [
  'patient.fullName',
  'patient.firstName',
  'patient.lastName',
  'patient.dateOfBirth',
  'patient.chartNumber',
  'date',
  'clinic.name',
  'treatment',
] as const;
export type ConsentPlaceholder = (typeof consentPlaceholders)[number];
export type PlaceholderValues = Record<ConsentPlaceholder, string>;

const known = new Set<string>(consentPlaceholders);
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Problems with a template's placeholders: unknown names, and braces left open. */
export function placeholderProblems(body: string): string[] {
  const problems: string[] = [];
  for (const m of body.matchAll(placeholderPattern)) {
    const name = m[1] ?? '';
    if (!known.has(name)) problems.push(`{{${name}}} is not a known field (use ${consentPlaceholders.map((p) => `{{${p}}}`).join(', ')})`);
  }
  const leftover = body.replace(placeholderPattern, '');
  if (leftover.includes('{{') || leftover.includes('}}')) problems.push('has a {{ or }} that is not part of a field like {{patient.fullName}}');
  return problems;
}

/** The template with every {{field}} replaced by its value; unknown names stay as written. */
export const fillPlaceholders = (body: string, values: Partial<PlaceholderValues>): string =>
  body.replace(placeholderPattern, (whole, name: string) => (known.has(name) ? (values[name as ConsentPlaceholder] ?? whole) : whole));

/** A blank copy: each field becomes a line to write on by hand. */
export const blankValues: PlaceholderValues = Object.fromEntries(consentPlaceholders.map((p) => [p, '____________________'])) as PlaceholderValues;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-03-14 → "14 March 2026": unambiguous in every country the clinic's patients come from. */
export const longDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${monthNames[m - 1] ?? '?'} ${y}`;
};

/** Whole years between a date of birth and a day, both YYYY-MM-DD. */
export const ageOnDate = (dateOfBirth: string, day: string): number => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

export const ADULT_AGE = 18;

/** One block of a consent text: a heading, a paragraph or a bulleted list. */
export type TextBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/**
 * The plain-text layout templates use: `## ` starts a heading, `- ` a list item, a blank line
 * ends a paragraph. Nothing else is interpreted, so the text shown is the text stored.
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    if (list) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flush();
    } else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'heading', text: line.slice(3).trim() });
    } else if (line.startsWith('- ')) {
      if (paragraph.length) flush();
      (list ??= []).push(line.slice(2).trim());
    } else if (list && raw.startsWith('  ')) {
      // an indented line continues the list item above it
      list[list.length - 1] += ` ${line}`;
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** A default template file: `# Title` on the first line, the body after it. */
export function parseTemplateFile(text: string): { title: string; body: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const heading = lines[first]?.trim() ?? '';
  if (!heading.startsWith('# ')) throw new Error('a consent template file must start with "# Title"');
  return { title: heading.slice(2).trim(), body: lines.slice(first + 1).join('\n').trim() };
}
