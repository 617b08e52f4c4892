// Small, valid PNG images drawn in code: photo placeholders for the demo clinic and a signature stroke
// for generated consents. No image library needed: a PNG is a few zlib-compressed scanlines.
import { deflateSync } from 'node:zlib';

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/** An RGB PNG whose pixels come from `pixel(x, y)`. */
export function drawPng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A soft skin-toned placeholder with an oval, marked "before" (cooler) or "after" (warmer). */
export function photoPlaceholder(kind: 'before' | 'after', tone: number): Buffer {
  const base = [
    [241, 214, 190],
    [224, 187, 156],
    [198, 150, 115],
    [160, 112, 80],
    [120, 82, 58],
    [86, 58, 42],
  ][Math.max(0, Math.min(5, tone))]!;
  const shift = kind === 'after' ? 10 : -6;
  const w = 240;
  const h = 300;
  return drawPng(w, h, (x, y) => {
    const dx = (x - w / 2) / (w * 0.34);
    const dy = (y - h / 2) / (h * 0.4);
    const inside = dx * dx + dy * dy <= 1;
    const shade = inside ? 0 : 40;
    return [base[0]! + shift - shade, base[1]! + shift / 2 - shade, base[2]! - shade].map((v) => Math.max(0, Math.min(255, Math.round(v)))) as [number, number, number];
  });
}

/** A signature-like stroke on white, as a PNG data URL. */
export function signatureDataUrl(): string {
  const w = 160;
  const h = 48;
  const png = drawPng(w, h, (x, y) => {
    const curve = h / 2 + Math.sin(x / 9) * 12 * Math.cos(x / 37);
    return Math.abs(y - curve) < 1.5 ? [20, 30, 60] : [255, 255, 255];
  });
  return `data:image/png;base64,${png.toString('base64')}`;
}
