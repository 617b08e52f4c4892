import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../db/instant';

describe('isoInstant', () => {
  it('writes exactly what Date#toISOString writes', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (d) => {
        expect(isoInstant(d)).toBe(d.toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const iso of ['1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2026-03-02T09:00:00.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:34:56.789Z']) {
      expect(isoInstant(new Date(iso))).toBe(iso);
    }
    expect(isoInstant(new Date('+010000-01-01T00:00:00.000Z'))).toBe('+010000-01-01T00:00:00.000Z');
    expect(() => isoInstant(new Date(NaN))).toThrow(RangeError);
  });

  it('gives the right day when consecutive instants cross midnight either way', () => {
    const a = new Date('2026-05-01T23:59:59.999Z');
    const b = new Date('2026-05-02T00:00:00.000Z');
    expect([isoInstant(a), isoInstant(b), isoInstant(a)]).toEqual([a.toISOString(), b.toISOString(), a.toISOString()]);
  });
});
