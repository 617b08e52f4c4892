import { describe, expect, it } from 'vitest';
import { addMonths, consentStatusOn, type ConsentFacts } from '../../db/rules/consents';

const signed: ConsentFacts = { signedAt: '2026-01-31T10:00:00.000Z', voidedAt: null, templateVersion: 1, latestTemplateVersion: 1 };

describe('consent validity', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', signed, 'valid'],
    ['2027-01-31T09:59:59.999Z', signed, 'valid'],
    ['2027-01-31T10:00:00.000Z', signed, 'expired'],
    ['2026-06-01T00:00:00.000Z', { ...signed, voidedAt: '2026-02-01T00:00:00.000Z' }, 'voided'],
    ['2026-06-01T00:00:00.000Z', { ...signed, latestTemplateVersion: 2 }, 'superseded'],
    ['2027-06-01T00:00:00.000Z', { ...signed, latestTemplateVersion: 2 }, 'expired'],
  ] as const)('on %s: %o is %s', (on, facts, status) => {
    expect(consentStatusOn(facts, new Date(on), 12)).toBe(status);
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T10:00:00Z'), 12).toISOString()).toBe('2027-03-15T10:00:00.000Z');
  });
});
