import { describe, expect, it } from 'vitest';
import { missingBeforeTreatment, type ReadinessFacts } from '../../db/rules/readiness';
import { localDayBounds, overlaps } from '../../db/rules/schedule';

const base: ReadinessFacts = {
  treatmentType: 'iv_glutathione',
  on: new Date('2026-06-01T10:00:00.000Z'),
  latestIntakeAt: '2026-01-15T09:00:00.000Z',
  intakeValidityMonths: 12,
  consent: 'valid',
};

describe('missing before treatment', () => {
  it.each([
    ['everything in place', {}, []],
    ['no intake ever', { latestIntakeAt: null }, ['intake:absent']],
    ['intake exactly 12 months old', { latestIntakeAt: '2025-06-01T10:00:00.000Z' }, ['intake:expired']],
    ['intake a minute short of 12 months', { latestIntakeAt: '2025-06-01T10:01:00.000Z' }, []],
    ['intake older than a 6-month rule', { intakeValidityMonths: 6, latestIntakeAt: '2025-11-30T10:00:00.000Z' }, ['intake:expired']],
    ['no consent', { consent: null }, ['consent:absent']],
    ['expired consent', { consent: 'expired' }, ['consent:expired']],
    ['voided consent', { consent: 'voided' }, ['consent:voided']],
    ['new consent wording', { consent: 'superseded' }, ['consent:superseded']],
    ['nothing at all', { latestIntakeAt: null, consent: null }, ['intake:absent', 'consent:absent']],
  ] as const)('%s', (_case, change, expected) => {
    const missing = missingBeforeTreatment({ ...base, ...change });
    expect(missing.map((m) => `${m.kind}:${m.reason}`)).toEqual(expected);
  });

  it('names the treatment in plain words', () => {
    expect(missingBeforeTreatment({ ...base, treatmentType: 'chemical_peel', consent: null })[0]!.message).toBe('No signed consent for Chemical peel');
  });
});

describe('the appointment book', () => {
  const slot = (from: string, to: string) => ({ startsAt: `2026-03-09T${from}:00.000Z`, endsAt: `2026-03-09T${to}:00.000Z` });
  it.each([
    [slot('10:00', '10:30'), slot('10:15', '10:45'), true],
    [slot('10:00', '10:30'), slot('10:30', '11:00'), false],
    [slot('10:00', '10:30'), slot('09:30', '10:00'), false],
    [slot('10:00', '11:00'), slot('10:15', '10:30'), true],
    [slot('10:15', '10:30'), slot('10:00', '11:00'), true],
    [slot('10:00', '10:30'), slot('10:00', '10:30'), true],
  ])('%o and %o overlap: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('a local day runs from local midnight to the next', () => {
    const { start, end } = localDayBounds('2026-03-09');
    expect([start.getHours(), start.getMinutes(), start.getDate(), end.getDate(), end.getHours()]).toEqual([0, 0, 9, 10, 0]);
  });
});
