import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ConsentFields } from '../../db/api/consents';
import { consentContentHash, type ConsentContent } from '../../db/records/consent-content';
import { checkSignaturePng, MIN_INK_PIXELS } from '../../db/records/signature-image';
import { rgbaPng, signaturePng } from '../support/png';

describe('signature image check', () => {
  it.each([
    ['a drawn stroke (unfiltered rows)', rgbaPng(200, 80, (x, y) => Math.abs(y - 40) < 2 && x > 20 && x < 180), true],
    ['a drawn stroke (filtered rows)', signaturePng(), true],
    ['a blank, transparent canvas', rgbaPng(300, 100, () => false), false],
    ['a few stray pixels', rgbaPng(300, 100, (x, y) => y === 5 && x < MIN_INK_PIXELS - 1), false],
  ] as const)('%s → ink: %s', (_name, png, ok) => {
    expect(checkSignaturePng(png).ok).toBe(ok);
  });

  it('finds white strokes invisible and black pixels on an opaque white canvas visible', () => {
    // RGB (colour type 2): white background with a black bar.
    const width = 50;
    const rows = Array.from({ length: 20 }, (_, y) => {
      const row = Buffer.alloc(1 + width * 3, 0xff);
      row[0] = 0;
      if (y === 10) row.fill(0, 1);
      return row;
    });
    const png = withChunks(width, 20, 2, deflateSync(Buffer.concat(rows)));
    expect(checkSignaturePng(png)).toMatchObject({ ok: true, inked: width });
    const white = withChunks(width, 20, 2, deflateSync(Buffer.alloc(20 * (1 + width * 3), 0xff).map((b, i) => (i % (1 + width * 3) === 0 ? 0 : b))));
    expect(checkSignaturePng(white)).toMatchObject({ ok: false, problem: expect.stringMatching(/is empty/) });
  });

  it.each([
    ['nothing', Buffer.alloc(0), /is empty/],
    ['text', Buffer.from('not a picture at all, just some words here'), /must be a PNG image/],
    ['a JPEG header', Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.alloc(40)]), /must be a PNG image/],
    ['a cut-off PNG', signaturePng().subarray(0, 60), /not a complete PNG/],
    ['a PNG too wide', withChunks(5000, 10, 6, deflateSync(Buffer.alloc(10))), /at most 4000 pixels/],
    ['a 16-bit PNG', withChunks(10, 10, 6, deflateSync(Buffer.alloc(10)), 16), /8-bit PNG/],
    ['pixel data that is not compressed data', withChunks(10, 10, 6, Buffer.from('garbage!')), /not a readable PNG/],
    ['pixel data that inflates past its stated size', withChunks(10, 10, 6, deflateSync(Buffer.alloc(1_000_000))), /not a readable PNG/],
    ['over 1 MB', Buffer.alloc(1024 * 1024 + 1), /under 1 MB/],
  ])('refuses %s', (_name, bytes, problem) => {
    const verdict = checkSignaturePng(bytes);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.problem).toMatch(problem);
  });

  it('never throws, whatever bytes arrive', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: 400 }), (noise, cut) => {
        const png = signaturePng(40, 20);
        const mixed = Buffer.concat([png.subarray(0, Math.min(cut, png.length)), Buffer.from(noise)]);
        expect(typeof checkSignaturePng(mixed).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

function withChunks(width: number, height: number, colour: number, idat: Buffer, depth = 8): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]); // the check does not rely on CRCs
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colour;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

describe('consent content hash', () => {
  const fields: ConsentFields = {
    values: { 'patient.fullName': 'Marisol Núñez' },
    patient: { fullName: 'Marisol Núñez', chartNumber: 'SC-000001', dateOfBirth: '1988-03-14' },
    signedOn: '2026-03-02',
    ageOnSigning: 37,
    template: { version: 1, title: 'Consent to laser treatment' },
    witnessName: null,
    recordedByName: 'Femi Desk',
  };
  const base: ConsentContent = {
    patientId: 1,
    templateId: 4,
    treatmentType: 'laser',
    renderedText: 'I agree.',
    fields,
    signature: 'data:image/png;base64,AAAA',
    signedByName: 'Marisol Núñez',
    guardianName: null,
    guardianRelationship: null,
    photoConsent: false,
    witnessUserId: null,
    recordedBy: 3,
    signedAt: '2026-03-02T09:00:00.000Z',
  };

  it('does not depend on the order fields were stored in', () => {
    const { recordedByName, ...rest } = fields;
    const reordered = { ...base, fields: JSON.parse(JSON.stringify({ recordedByName, ...rest })) as ConsentFields };
    expect(consentContentHash(reordered)).toBe(consentContentHash(base));
  });

  it('changes when any signed part changes', () => {
    const original = consentContentHash(base);
    const changes: Partial<ConsentContent>[] = [
      { patientId: 2 },
      { templateId: 5 },
      { treatmentType: 'ipl' },
      { renderedText: 'I agree!' },
      { signature: 'data:image/png;base64,AAAB' },
      { signedByName: 'Marisol Nunez' },
      { guardianName: 'X' },
      { guardianRelationship: 'Mother' },
      { photoConsent: true },
      { witnessUserId: 2 },
      { recordedBy: 4 },
      { signedAt: '2026-03-02T09:00:00.001Z' },
      { fields: { ...fields, signedOn: '2026-03-03' } },
      { fields: { ...fields, values: { 'patient.fullName': 'Marisol Nunez' } } },
    ];
    for (const change of changes) expect(consentContentHash({ ...base, ...change }), JSON.stringify(change)).not.toBe(original);
  });

  it('any edit to the text gives a different hash', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ maxLength: 20 }), (text, extra) => {
        fc.pre(extra.length > 0);
        expect(consentContentHash({ ...base, renderedText: text + extra })).not.toBe(consentContentHash({ ...base, renderedText: text }));
      }),
    );
  });
});
