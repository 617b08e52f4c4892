// The charting form as typed on screen, and how it becomes a `sessions.update` (and back). Pure, so
// the autosave, the restore of an unsaved local copy and the conversions are tested without a browser.
import type { FieldIssue } from '../../db/api';
import type { TreatmentType } from '../../db/api/fields';
import type { NumbingInput, Session } from '../../db/api/sessions';
import type { AreaMark } from '../../db/rules/body-map';
import { treatmentFields, treatmentParameters, type FieldSpec } from '../../db/rules/treatment-parameters';

export const durationUnits = [
  ['ps', 1e-9],
  ['ns', 1e-6],
  ['µs', 1e-3],
  ['ms', 1],
] as const;
export type DurationUnit = (typeof durationUnits)[number][0];
const unitSize = (u: DurationUnit) => durationUnits.find(([n]) => n === u)![1];

export interface TestSpotForm {
  done: '' | 'yes' | 'no';
  site: string;
  result: string;
  checkedAt: string;
  note: string;
}

export interface NumbingForm {
  productId: string;
  lotId: string;
  quantity: string;
  area: string;
  appliedAt: string;
  removedAt: string;
  occluded: boolean;
}

export interface ChartForm {
  /** Every parameter as typed (numbers as text, choices by value, yes/no as 'yes'/'no'). */
  p: Record<string, string>;
  /** The unit each pulse width is typed in. */
  units: Record<string, DurationUnit>;
  testSpot: TestSpotForm;
  numbing: NumbingForm | null;
  areas: AreaMark[];
  notes: string;
  /** The session's date and time, as a datetime-local value. */
  performedAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local value in this computer's time zone (minutes). */
export const toLocalInput = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** A datetime-local value back to an instant; undefined when blank or not a date. */
export const fromLocalInput = (local: string): string | undefined => {
  if (!local.trim()) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

/** The current minute as a datetime-local value: what a "now" button fills in. */
export const nowLocal = (now = new Date()): string => toLocalInput(now.toISOString());

/** A pulse width in ms, split into the number and unit a device shows. */
export const splitDuration = (ms: number): [string, DurationUnit] => {
  for (const [unit, size] of [...durationUnits].reverse()) {
    if (ms >= size || unit === 'ps') return [String(Number((ms / size).toPrecision(6))), unit];
  }
  return [String(ms), 'ms'];
};

/** Typed text to a number: a decimal comma is read as a point; anything else stays text (and is refused). */
export const parseNumber = (text: string): number | string | undefined => {
  const t = text.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : text.trim();
};

const emptyTestSpot: TestSpotForm = { done: '', site: '', result: '', checkedAt: '', note: '' };
export const emptyNumbing: NumbingForm = { productId: '', lotId: '', quantity: '', area: '', appliedAt: '', removedAt: '', occluded: false };

/** The saved session as the form shows it. */
export function formOf(session: Session): ChartForm {
  const p: Record<string, string> = {};
  const units: Record<string, DurationUnit> = {};
  let testSpot = emptyTestSpot;
  for (const [name, spec] of treatmentFields[session.treatmentType]) {
    const v = session.parameters[name];
    switch (spec.kind) {
      case 'testSpot': {
        const t = v as { done?: boolean; site?: string; result?: string; checkedAt?: string; note?: string } | undefined;
        if (t) testSpot = { done: t.done ? 'yes' : 'no', site: t.site ?? '', result: t.result ?? '', checkedAt: toLocalInput(t.checkedAt), note: t.note ?? '' };
        break;
      }
      case 'duration': {
        const [text, unit] = typeof v === 'number' ? splitDuration(v) : ['', 'ms' as DurationUnit];
        p[name] = text;
        units[name] = unit;
        break;
      }
      case 'yesno':
        p[name] = v === true ? 'yes' : v === false ? 'no' : '';
        break;
      case 'instant':
        p[name] = toLocalInput(typeof v === 'string' ? v : null);
        break;
      case 'number':
      case 'text':
      case 'choice':
        p[name] = v === undefined || v === null ? '' : String(v);
        break;
    }
  }
  const n = session.numbing;
  return {
    p,
    units,
    testSpot,
    numbing: n
      ? {
          productId: '',
          lotId: n.lotId ? String(n.lotId) : '',
          quantity: n.quantity !== null ? String(n.quantity) : '',
          area: n.area ?? '',
          appliedAt: toLocalInput(n.appliedAt),
          removedAt: toLocalInput(n.removedAt),
          occluded: n.occluded ?? false,
        }
      : null,
    areas: session.areas as AreaMark[],
    notes: session.notes ?? '',
    performedAt: toLocalInput(session.performedAt),
  };
}

function valueOf(spec: FieldSpec, text: string, unit: DurationUnit | undefined): unknown {
  switch (spec.kind) {
    case 'number': {
      return parseNumber(text);
    }
    case 'duration': {
      const n = parseNumber(text);
      return typeof n === 'number' ? Number((n * unitSize(unit ?? 'ms')).toPrecision(12)) : n;
    }
    case 'yesno':
      return text === 'yes' ? true : text === 'no' ? false : undefined;
    case 'instant':
      return text.trim() ? (fromLocalInput(text) ?? text) : undefined;
    case 'text':
    case 'choice':
      return text.trim() === '' ? undefined : text;
    case 'testSpot':
      return undefined;
  }
}

function testSpotOf(t: TestSpotForm): Record<string, unknown> | undefined {
  if (t.done === '') return undefined;
  const spot: Record<string, unknown> = { done: t.done === 'yes' };
  if (t.done === 'yes') {
    if (t.site.trim()) spot.site = t.site;
    if (t.result) spot.result = t.result;
    const checked = fromLocalInput(t.checkedAt);
    if (checked) spot.checkedAt = checked;
  }
  if (t.note.trim()) spot.note = t.note;
  return spot;
}

export interface ChartChanges {
  parameters: Record<string, unknown>;
  areas: AreaMark[];
  notes: string;
  numbing: NumbingInput | null;
  performedAt?: string;
}

/**
 * The form as a `sessions.update` body (without id and version). A field the parameter schema
 * refuses is left out and reported, so the rest of the chart still saves while it is corrected.
 */
export function changesOf(type: TreatmentType, form: ChartForm): { changes: ChartChanges; problems: FieldIssue[] } {
  const raw: Record<string, unknown> = {};
  for (const [name, spec] of treatmentFields[type]) {
    const v = spec.kind === 'testSpot' ? testSpotOf(form.testSpot) : valueOf(spec, form.p[name] ?? '', form.units[name]);
    if (v !== undefined) raw[name] = v;
  }
  const problems: FieldIssue[] = [];
  const parsed = treatmentParameters[type].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? '');
      problems.push({ path: ['parameters', ...issue.path.map(String)].join('.'), message: issue.message });
      delete raw[top];
    }
  }
  const changes: ChartChanges = { parameters: raw, areas: form.areas, notes: form.notes, numbing: numbingOf(form.numbing, problems) };
  const performedAt = fromLocalInput(form.performedAt);
  if (performedAt) changes.performedAt = performedAt;
  else if (form.performedAt.trim()) problems.push({ path: 'performedAt', message: 'must be a date and time' });
  return { changes, problems };
}

function numbingOf(n: NumbingForm | null, problems: FieldIssue[]): NumbingInput | null {
  if (!n) return null;
  const out: NumbingInput = { occluded: n.occluded };
  if (n.lotId) out.lotId = Number(n.lotId);
  const q = parseNumber(n.quantity);
  if (typeof q === 'number') out.quantity = q;
  else if (q !== undefined) problems.push({ path: 'numbing.quantity', message: 'must be a number' });
  if (n.area.trim()) out.area = n.area.trim();
  const applied = fromLocalInput(n.appliedAt);
  if (applied) out.appliedAt = applied;
  const removed = fromLocalInput(n.removedAt);
  if (removed) out.removedAt = removed;
  // Only a lot with its quantity is sent together: the lot alone would be refused and block the save.
  if (out.lotId !== undefined && out.quantity === undefined) delete out.lotId;
  return out;
}

/** The unsaved local copy kept while charting (sessionStorage), to restore if a save did not reach the host. */
export interface LocalCopy {
  sessionId: number;
  /** The version the copy was edited from. */
  baseVersion: number;
  form: ChartForm;
  at: string;
}

export const localCopyKey = (sessionId: number) => `skinchart.chart.${sessionId}`;

export function readLocalCopy(storage: Pick<Storage, 'getItem'>, sessionId: number): LocalCopy | null {
  try {
    const raw = storage.getItem(localCopyKey(sessionId));
    if (!raw) return null;
    const copy = JSON.parse(raw) as LocalCopy;
    return copy.sessionId === sessionId && typeof copy.baseVersion === 'number' && copy.form ? copy : null;
  } catch {
    return null;
  }
}

export const writeLocalCopy = (storage: Pick<Storage, 'setItem'>, copy: LocalCopy) => storage.setItem(localCopyKey(copy.sessionId), JSON.stringify(copy));
export const dropLocalCopy = (storage: Pick<Storage, 'removeItem'>, sessionId: number) => storage.removeItem(localCopyKey(sessionId));

/**
 * What to do with a local copy found when the chart opens: nothing (none, or it matches what is
 * saved), save it (a save did not reach the host), or ask (someone saved a newer version since).
 */
export function restorePlan(copy: LocalCopy | null, session: Session): 'none' | 'resume' | 'ask' {
  if (!copy || session.status === 'signed') return 'none';
  const same = (f: ChartForm) => JSON.stringify(changesOf(session.treatmentType, f).changes);
  if (same(copy.form) === same(formOf(session))) return 'none';
  return copy.baseVersion === session.version ? 'resume' : 'ask';
}
