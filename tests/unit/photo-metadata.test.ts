import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPhoto, type PhotoVerdict } from '../../db/records/photo-image';
import { rgbaPng } from '../support/png';
import { JPEG, jpegWithMetadata, pngChunk, pngWithMetadata, SECRET, WEBP, WEBP_LOSSLESS, webpWithMetadata } from '../support/photos';

const limits = { maxBytes: 10 * 1024 * 1024, maxSide: 16_384 };
const read = (b: Buffer) => readPhoto(b, limits);
const ok = (v: PhotoVerdict) => {
  if (!v.ok) throw new Error(`refused: ${v.problem}`);
  return v;
};
const text = (b: Buffer) => b.toString('latin1');

/** The JPEG's markers in order, e.g. ['D8', 'E0', 'DB', 'C0', 'C4', 'DA', 'D9']. */
function jpegMarkers(b: Buffer): string[] {
  const found: string[] = ['D8'];
  let pos = 2;
  while (pos < b.length) {
    const marker = b[pos + 1]!;
    found.push(marker.toString(16).toUpperCase());
    if (marker === 0xd9) break;
    pos += 2 + b.readUInt16BE(pos + 2);
    if (marker === 0xda) while (!(b[pos] === 0xff && b[pos + 1] !== 0 && (b[pos + 1]! < 0xd0 || b[pos + 1]! > 0xd7))) pos++;
  }
  return found;
}

const pngChunks = (b: Buffer): string[] => {
  const types: string[] = [];
  for (let pos = 8; pos < b.length; pos += 12 + b.readUInt32BE(pos)) types.push(b.toString('latin1', pos + 4, pos + 8));
  return types;
};

const webpChunks = (b: Buffer): string[] => {
  const types: string[] = [];
  for (let pos = 12; pos + 8 <= b.length; ) {
    const length = b.readUInt32LE(pos + 4);
    types.push(b.toString('latin1', pos, pos + 4));
    pos += 8 + length + (length % 2);
  }
  return types;
};

describe('photo metadata is removed, the picture is kept', () => {
  it('JPEG: EXIF, XMP, IPTC, ICC, comments, the JFIF thumbnail and trailing bytes go; the image data stays byte for byte', () => {
    const phone = jpegWithMetadata();
    expect(text(phone)).toContain(SECRET);
    const v = ok(read(phone));
    expect(v).toMatchObject({ mime: 'image/jpeg', width: 16, height: 12 });
    expect(text(v.bytes)).not.toContain(SECRET);
    for (const word of ['Exif', 'http://ns.adobe.com', 'Photoshop', 'ICC_PROFILE', 'Google', 'trailing']) expect(text(v.bytes)).not.toContain(word);
    expect(jpegMarkers(v.bytes)).toEqual(['D8', 'E0', 'DB', 'DB', 'C0', 'C4', 'C4', 'C4', 'C4', 'DA', 'D9']);
    // The canvas's own JPEG, stripped, is the same file: only metadata differed.
    expect(ok(read(JPEG)).bytes.equals(v.bytes)).toBe(true);
    // The JFIF header stays, with no thumbnail.
    expect(v.bytes.subarray(2, 20)).toEqual(Buffer.from([0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]));
    // The entropy-coded data is the original's.
    const scan = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    expect(scan(v.bytes).equals(scan(JPEG))).toBe(true);
  });

  it("JPEG: Adobe's colour-transform block is kept (CMYK colours depend on it); it holds no words", () => {
    const adobe = Buffer.from([0xff, 0xee, 0, 14, ...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
    const withAdobe = Buffer.concat([JPEG.subarray(0, 2), adobe, JPEG.subarray(2)]);
    expect(jpegMarkers(ok(read(withAdobe)).bytes)).toContain('EE');
    const adobeWords = Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xee, 0, 2 + 5 + SECRET.length]), Buffer.from(`Adobe${SECRET}`), JPEG.subarray(2)]);
    expect(text(ok(read(adobeWords)).bytes)).not.toContain(SECRET);
  });

  it('PNG: text, EXIF, ICC, time and private chunks go; header, pixels and end stay', () => {
    const plain = rgbaPng(16, 12, (x, y) => x > 3 && x < 10 && y > 2 && y < 8);
    const tagged = pngWithMetadata(plain);
    expect(pngChunks(tagged)).toEqual(['IHDR', 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP', 'tIME', 'prVt', 'IDAT', 'IEND']);
    const v = ok(read(tagged));
    expect(v).toMatchObject({ mime: 'image/png', width: 16, height: 12 });
    expect(pngChunks(v.bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(v.bytes.equals(plain)).toBe(true);
    expect(text(v.bytes)).not.toContain(SECRET);
  });

  it('PNG: the chunks that change how it looks (palette, transparency, gamma, sRGB, pixel size) stay', () => {
    const plain = rgbaPng(4, 4, () => true);
    const ihdrEnd = 8 + 12 + 13;
    const kept = [pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])), pngChunk('sRGB', Buffer.from([0])), pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]))];
    const v = ok(read(Buffer.concat([plain.subarray(0, ihdrEnd), ...kept, pngChunk('tEXt', Buffer.from(`Software\0${SECRET}`)), plain.subarray(ihdrEnd)])));
    expect(pngChunks(v.bytes)).toEqual(['IHDR', 'gAMA', 'sRGB', 'pHYs', 'IDAT', 'IEND']);
  });

  it.each([
    ['lossy', WEBP, ['VP8X', 'VP8 ']],
    ['lossless', WEBP_LOSSLESS, ['VP8X', 'VP8L']],
  ] as const)('WebP (%s): EXIF, XMP and ICC chunks go and the header stops announcing them', (_kind, base, chunks) => {
    const tagged = webpWithMetadata(base);
    expect(webpChunks(tagged)).toEqual([chunks[0], 'ICCP', chunks[1], 'EXIF', 'XMP ']);
    const v = ok(read(tagged));
    expect(v).toMatchObject({ mime: 'image/webp', width: 16, height: 12 });
    expect(webpChunks(v.bytes)).toEqual(chunks);
    expect(v.bytes[20]! & (0x20 | 0x08 | 0x04)).toBe(0);
    expect(v.bytes.readUInt32LE(4)).toBe(v.bytes.length - 8);
    expect(text(v.bytes)).not.toContain(SECRET);
    expect(text(v.bytes)).not.toContain('Google');
  });

  it('is stable: stripping a stripped photo changes nothing', () => {
    for (const b of [jpegWithMetadata(), pngWithMetadata(), webpWithMetadata()]) {
      const once = ok(read(b)).bytes;
      expect(ok(read(once)).bytes.equals(once)).toBe(true);
    }
  });
});

describe('what is not a photo is refused, saying why', () => {
  const wide = (() => {
    const png = Buffer.from(rgbaPng(4, 4, () => true));
    png.writeUInt32BE(20_000, 16);
    // A correct CRC over the header, so only the size is wrong.
    return Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', png.subarray(16, 29)), png.subarray(33)]);
  })();
  const badCrc = (() => {
    const png = Buffer.from(rgbaPng(4, 4, () => true));
    png[30] = png[30]! ^ 0xff;
    return png;
  })();
  it.each([
    ['nothing', Buffer.alloc(0), /is empty/],
    ['words', Buffer.from('a note, not a picture'), /not a JPEG, PNG or WebP image/],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), /not a JPEG, PNG or WebP image/],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), /not a JPEG, PNG or WebP image/],
    ['a JPEG cut in half', JPEG.subarray(0, Math.floor(JPEG.length / 2)), /not a readable JPEG image/],
    ['a JPEG without a frame', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), /not a readable JPEG image: it has no frame size/],
    ['a PNG cut short', rgbaPng(16, 12, () => true).subarray(0, 40), /not a readable PNG image/],
    ['a PNG with a damaged chunk', badCrc, /not a readable PNG image: it has a damaged IHDR chunk/],
    ['a PNG 20,000 pixels wide', wide, /at most 16384 pixels on each side \(this one is 20000 × 4\)/],
    ['a WebP cut short', WEBP.subarray(0, 30), /not a readable WebP image/],
    ['over the size limit', Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]), /must be at most 10 MB \(this one is 10.00 MB\)/],
  ])('%s', (_name, bytes, problem) => {
    const v = read(bytes);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problem).toMatch(problem);
  });

  it('never throws, whatever bytes arrive after a real header', () => {
    fc.assert(
      fc.property(fc.constantFrom(JPEG, jpegWithMetadata(), pngWithMetadata(), WEBP, webpWithMetadata()), fc.nat(), fc.uint8Array({ maxLength: 200 }), (base, cut, noise) => {
        const mixed = Buffer.concat([base.subarray(0, cut % (base.length + 1)), Buffer.from(noise)]);
        const v = read(mixed);
        if (v.ok) expect(text(v.bytes)).not.toContain(SECRET);
      }),
      { numRuns: 500 },
    );
  });
});
