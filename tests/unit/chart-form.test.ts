import { describe, expect, it } from 'vitest';
import type { Session } from '../../db/api/sessions';
import {
  changesOf,
  formOf,
  fromLocalInput,
  parseNumber,
  readLocalCopy,
  restorePlan,
  splitDuration,
  toLocalInput,
  writeLocalCopy,
  type ChartForm,
} from '../../renderer/charting/chart-form';

const session = (over: Partial<Session> = {}): Session => ({
  id: 7,
  patientId: 1,
  treatmentType: 'laser',
  status: 'draft',
  performedAt: '2026-03-02T09:00:00.000Z',
  practitionerId: 2,
  practitionerName: 'Priya',
  parameters: {
    device: 'Q-switched Nd:YAG',
    wavelengthNm: 1064,
    fluenceJcm2: 2.5,
    pulseWidthMs: 0.000006,
    cooling: 'cold_air',
    testSpot: { done: true, site: 'left ear', result: 'no_reaction', checkedAt: '2026-02-20T10:00:00.000Z' },
  },
  areas: [{ id: 'm1', diagram: 'face_front', kind: 'zone', zone: 'left_cheek', label: 'Left cheek' }],
  notes: 'Calm',
  numbing: {
    lotId: 3,
    quantity: 5,
    area: 'Full face',
    appliedAt: '2026-03-02T08:10:00.000Z',
    removedAt: null,
    occluded: true,
    sessionProductId: 9,
    productName: 'Cream',
    lotNumber: 'EMX-1',
    expiresOn: '2027-01-01',
    unit: 'g',
  },
  signedAt: null,
  signedBy: null,
  signedByName: null,
  overrideReason: null,
  overriddenRules: [],
  products: [],
  addenda: [],
  aftercare: [],
  patient: { id: 1, chartNumber: 'SC-000001', firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14', flags: [] },
  checks: { missing: [], contraindications: [], warnings: [], consent: { status: 'missing', consentId: null, signedAt: null, templateVersion: null } },
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  version: 4,
  ...over,
});

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

describe('the charting form', () => {
  it('a saved chart goes to the form and back unchanged', () => {
    const s = session();
    const { changes, problems } = changesOf('laser', formOf(s));
    expect(problems).toEqual([]);
    expect(changes.parameters).toEqual(s.parameters);
    expect(changes).toMatchObject({ areas: s.areas, notes: 'Calm', performedAt: '2026-03-02T09:00:00.000Z' });
    expect(changes.numbing).toEqual({ lotId: 3, quantity: 5, area: 'Full face', appliedAt: '2026-03-02T08:10:00.000Z', occluded: true });
  });

  it('pulse widths are typed in the unit the device shows', () => {
    expect([0.000006, 0.00000045, 0.3, 10].map(splitDuration)).toEqual([
      ['6', 'ns'],
      ['450', 'ps'],
      ['300', 'µs'],
      ['10', 'ms'],
    ]);
    const form = formOf(session({ parameters: {} }));
    form.p.pulseWidthMs = '750';
    form.units.pulseWidthMs = 'ps';
    expect(changesOf('laser', form).changes.parameters.pulseWidthMs).toBe(7.5e-7);
  });

  it('reads a decimal comma; anything that is not a number stays text and is refused', () => {
    expect([parseNumber('2,5'), parseNumber(' 12 '), parseNumber(''), parseNumber('2.5.1'), parseNumber('abc')]).toEqual([2.5, 12, undefined, '2.5.1', 'abc']);
  });

  it('a value the schema refuses is reported and left out, so the rest still saves', () => {
    const form: ChartForm = { ...formOf(session()), p: { ...formOf(session()).p, fluenceJcm2: '0', wavelengthNm: 'ten' } };
    const { changes, problems } = changesOf('laser', form);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['parameters.wavelengthNm', 'must be a whole number of nm'],
      ['parameters.fluenceJcm2', 'must be more than 0 J/cm²'],
    ]);
    expect(changes.parameters).not.toHaveProperty('fluenceJcm2');
    expect(changes.parameters).toHaveProperty('device', 'Q-switched Nd:YAG');
  });

  it('a chosen cream lot is sent only with its quantity (alone it would be refused and block every save)', () => {
    const form = formOf(session({ numbing: null }));
    form.numbing = { productId: '', lotId: '4', quantity: '', area: 'Lips', appliedAt: '', removedAt: '', occluded: false };
    expect(changesOf('laser', form).changes.numbing).toEqual({ area: 'Lips', occluded: false });
    form.numbing.quantity = '2';
    expect(changesOf('laser', form).changes.numbing).toEqual({ lotId: 4, quantity: 2, area: 'Lips', occluded: false });
  });

  it('times round-trip through datetime-local in this computer’s zone, to the minute', () => {
    const local = toLocalInput('2026-03-02T09:41:37.000Z');
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(fromLocalInput(local)).toBe('2026-03-02T09:41:00.000Z');
    expect([fromLocalInput(''), fromLocalInput('not a time'), toLocalInput(null)]).toEqual([undefined, undefined, '']);
  });
});

describe('the unsaved local copy', () => {
  it('is kept per session and read back; anything unreadable is ignored', () => {
    const storage = new MemoryStorage();
    const form = formOf(session());
    writeLocalCopy(storage, { sessionId: 7, baseVersion: 4, form, at: '2026-03-02T09:05:00Z' });
    expect(readLocalCopy(storage, 7)?.form).toEqual(form);
    expect(readLocalCopy(storage, 8)).toBeNull();
    storage.setItem('skinchart.chart.9', '{not json');
    expect(readLocalCopy(storage, 9)).toBeNull();
  });

  it('is saved when it is newer than what the host has, offered when someone saved since, dropped when it matches or the chart is signed', () => {
    const s = session();
    const edited = { ...formOf(s), notes: 'Typed before the window closed' };
    expect(restorePlan(null, s)).toBe('none');
    expect(restorePlan({ sessionId: 7, baseVersion: 4, form: formOf(s), at: 't' }, s)).toBe('none');
    expect(restorePlan({ sessionId: 7, baseVersion: 4, form: edited, at: 't' }, s)).toBe('resume');
    expect(restorePlan({ sessionId: 7, baseVersion: 3, form: edited, at: 't' }, s)).toBe('ask');
    expect(restorePlan({ sessionId: 7, baseVersion: 4, form: edited, at: 't' }, session({ status: 'signed' }))).toBe('none');
  });
});
