// GS1 element strings (GS1-128, GS1 DataMatrix) as a keyboard-wedge scanner types them.
// Pure and free of Node: the scan fields in the renderer use the same parser as the records.

/** What a scan tells us about a box or vial. */
export interface Gs1Data {
  /** AI (01) as a 14-digit GTIN, check digit verified. */
  gtin?: string;
  /** AI (17) as YYYY-MM-DD; day 00 means the last day of that month. */
  expiresOn?: string;
  /** AI (10) batch or lot number. */
  lot?: string;
  /** AI (21) serial number. */
  serial?: string;
  /** Every element read, in order, including ones the clinic does not use (e.g. (11) production date). */
  elements: { ai: string; value: string }[];
}

export type Gs1Result = { ok: true; data: Gs1Data } | { ok: false; error: string };

/** The group separator (FNC1 in the middle of a code). */
export const GS = '\u001d';

// Scanners that cannot send the control character are usually set to send one of these instead.
// None of them can occur inside a GS1 value (they are outside GS1's character set 82).
const separatorStandIns = /<GS>|\{GS\}|\^\]|\|/g;

/** GS1 character set 82: what lot and serial numbers may contain. */
const set82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

type Kind = 'gtin' | 'sscc' | 'date' | 'digits' | 'text';
interface AiSpec {
  title: string;
  kind: Kind;
  /** Exact length for fixed-length elements. */
  length?: number;
  /** Maximum length for variable-length elements (they end at a group separator or the end). */
  max?: number;
}

// The application identifiers a clinic meets on medicines and supplies. Keys are prefix-free.
const ais: Record<string, AiSpec> = {
  '00': { title: 'SSCC', kind: 'sscc', length: 18 },
  '01': { title: 'GTIN', kind: 'gtin', length: 14 },
  '02': { title: 'contained GTIN', kind: 'gtin', length: 14 },
  '10': { title: 'lot number', kind: 'text', max: 20 },
  '11': { title: 'production date', kind: 'date', length: 6 },
  '12': { title: 'due date', kind: 'date', length: 6 },
  '13': { title: 'packaging date', kind: 'date', length: 6 },
  '15': { title: 'best before date', kind: 'date', length: 6 },
  '16': { title: 'sell by date', kind: 'date', length: 6 },
  '17': { title: 'expiry date', kind: 'date', length: 6 },
  '20': { title: 'variant', kind: 'digits', length: 2 },
  '21': { title: 'serial number', kind: 'text', max: 20 },
  '22': { title: 'consumer product variant', kind: 'text', max: 20 },
  '240': { title: 'additional product identification', kind: 'text', max: 30 },
  '241': { title: 'customer part number', kind: 'text', max: 30 },
  '30': { title: 'count', kind: 'digits', max: 8 },
  '37': { title: 'count of trade items', kind: 'digits', max: 8 },
  '400': { title: 'order number', kind: 'text', max: 30 },
  '710': { title: 'national healthcare reimbursement number (DE)', kind: 'text', max: 20 },
  '711': { title: 'national healthcare reimbursement number (FR)', kind: 'text', max: 20 },
  '712': { title: 'national healthcare reimbursement number (ES)', kind: 'text', max: 20 },
  '713': { title: 'national healthcare reimbursement number (BR)', kind: 'text', max: 20 },
  '714': { title: 'national healthcare reimbursement number (PT)', kind: 'text', max: 20 },
  '715': { title: 'national healthcare reimbursement number (US)', kind: 'text', max: 20 },
  '90': { title: 'internal information', kind: 'text', max: 30 },
  ...Object.fromEntries(['91', '92', '93', '94', '95', '96', '97', '98', '99'].map((ai) => [ai, { title: 'company internal information', kind: 'text', max: 90 } as AiSpec])),
};

const aiAt = (s: string, pos: number): string | null => {
  for (const n of [2, 3, 4]) {
    const candidate = s.slice(pos, pos + n);
    if (ais[candidate]) return candidate;
  }
  return null;
};

/** The GS1 mod-10 check digit for the digits before it. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    // Weights 3, 1, 3, … counted from the rightmost digit of the body.
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a GTIN is wrong, or null when it is a valid GTIN-8, -12, -13 or -14. */
export function gtinProblem(code: string): string | null {
  if (!/^\d+$/.test(code)) return 'must be digits only';
  if (![8, 12, 13, 14].includes(code.length)) return 'must be 8, 12, 13 or 14 digits';
  const expected = gs1CheckDigit(code.slice(0, -1));
  const read = Number(code.slice(-1));
  return expected === read ? null : `has a wrong check digit (the last digit should be ${expected}, not ${read}); check the number`;
}

/** A valid GTIN of any length as the 14-digit form stored and compared; null when invalid. */
export function toGtin14(code: string): string | null {
  const trimmed = code.trim();
  return gtinProblem(trimmed) === null ? trimmed.padStart(14, '0') : null;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A GS1 YYMMDD date as YYYY-MM-DD. The century follows GS1's rule (General Specifications 7.12):
 * within 49 years ahead or 50 years back of the reference year. Day 00 is the month's last day.
 */
export function gs1Date(yymmdd: string, referenceYear: number): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const yy = Number(m[1]);
  const month = Number(m[2]);
  let day = Number(m[3]);
  const ref = referenceYear % 100;
  let century = referenceYear - ref;
  const diff = yy - ref;
  if (diff >= 51) century -= 100;
  else if (diff <= -50) century += 100;
  const year = century + yy;
  if (month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  if (day === 0) day = last;
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const label = (ai: string) => `(${ai}) ${ais[ai]?.title ?? ''}`.trim();

/** Checks one element's value; returns a problem in plain words, or null. */
function elementProblem(ai: string, value: string, referenceYear: number): string | null {
  const spec = ais[ai]!;
  if (spec.length !== undefined && value.length !== spec.length) return `${label(ai)} must be ${spec.length} characters, not ${value.length}`;
  if (spec.max !== undefined && value.length > spec.max) return `${label(ai)} is longer than ${spec.max} characters; a group separator may be missing`;
  if (value.length === 0) return `${label(ai)} is empty`;
  switch (spec.kind) {
    case 'gtin': {
      if (!/^\d{14}$/.test(value)) return `${label(ai)} must be 14 digits`;
      const problem = gtinProblem(value);
      return problem ? `${label(ai)} ${problem}` : null;
    }
    case 'sscc':
      if (!/^\d{18}$/.test(value)) return `${label(ai)} must be 18 digits`;
      return gs1CheckDigit(value.slice(0, -1)) === Number(value.slice(-1)) ? null : `${label(ai)} has a wrong check digit`;
    case 'date':
      return gs1Date(value, referenceYear) ? null : `${label(ai)} "${value}" is not a real date (YYMMDD)`;
    case 'digits':
      return /^\d+$/.test(value) ? null : `${label(ai)} must be digits only`;
    case 'text':
      return set82.test(value) ? null : `${label(ai)} contains characters a barcode cannot carry`;
  }
}

/** Splits "(01)0950…(17)2612…(10)LOT" into elements. */
function splitBracketed(s: string): { ai: string; value: string }[] | string {
  const elements: { ai: string; value: string }[] = [];
  const re = /\((\d{2,4})\)([^()]*)/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return `cannot read the barcode after "${s.slice(0, pos)}"`;
    const ai = m[1]!;
    if (!ais[ai]) return `(${ai}) is not an application identifier this app reads`;
    elements.push({ ai, value: m[2]!.replace(new RegExp(GS, 'g'), '').trim() });
    pos = re.lastIndex;
  }
  return elements;
}

/** Splits the raw element string a scanner sends: fixed-length elements run on, others end at GS. */
function splitRaw(s: string): { ai: string; value: string }[] | string {
  const elements: { ai: string; value: string }[] = [];
  let pos = 0;
  while (pos < s.length) {
    if (s[pos] === GS) {
      pos++;
      continue;
    }
    const ai = aiAt(s, pos);
    if (!ai) return `no known application identifier at "${s.slice(pos, pos + 6)}"`;
    const spec = ais[ai]!;
    const start = pos + ai.length;
    let end: number;
    if (spec.length !== undefined) {
      end = start + spec.length;
      if (end > s.length) return `${label(ai)} is cut short`;
    } else {
      const gs = s.indexOf(GS, start);
      end = gs === -1 ? s.length : gs;
    }
    elements.push({ ai, value: s.slice(start, end) });
    pos = end;
  }
  return elements;
}

/**
 * Reads a scanned or typed GS1 element string, with or without parentheses, with the group
 * separator (or a stand-in such as `<GS>`) between variable-length elements, optionally led by a
 * symbology identifier (`]C1`, `]d2`, `]Q3`, `]e0`). A bare 8/12/13/14-digit GTIN is read as AI (01).
 */
export function parseGs1(input: string, options: { referenceYear?: number } = {}): Gs1Result {
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  let s = input.replace(separatorStandIns, GS).replace(/^[\s]+|[\s\r\n]+$/g, '');
  s = s.replace(/^\][A-Za-z]\d/, '');
  s = s.replace(new RegExp(`^${GS}+`), '');
  if (s === '') return { ok: false, error: 'The barcode is empty' };

  let elements: { ai: string; value: string }[] | string;
  if (/^\d+$/.test(s) && [8, 12, 13, 14].includes(s.length)) {
    const problem = gtinProblem(s);
    if (problem) return { ok: false, error: `The barcode's GTIN ${problem}` };
    elements = [{ ai: '01', value: s.padStart(14, '0') }];
  } else if (s.startsWith('(')) {
    elements = splitBracketed(s);
  } else {
    if (/\s/.test(s)) return { ok: false, error: 'The barcode contains spaces; scan it again or type it with its (AI) brackets' };
    elements = splitRaw(s);
  }
  if (typeof elements === 'string') return { ok: false, error: `The barcode could not be read: ${elements}` };

  const data: Gs1Data = { elements };
  for (const { ai, value } of elements) {
    const problem = elementProblem(ai, value, referenceYear);
    if (problem) return { ok: false, error: `The barcode could not be read: ${problem}` };
    const seen = (field: keyof Omit<Gs1Data, 'elements'>, v: string) => {
      if (data[field] !== undefined && data[field] !== v) return `${label(ai)} appears twice with different values`;
      data[field] = v;
      return null;
    };
    let clash: string | null = null;
    if (ai === '01') clash = seen('gtin', value);
    else if (ai === '17') clash = seen('expiresOn', gs1Date(value, referenceYear)!);
    else if (ai === '10') clash = seen('lot', value);
    else if (ai === '21') clash = seen('serial', value);
    if (clash) return { ok: false, error: `The barcode could not be read: ${clash}` };
  }
  return { ok: true, data };
}
