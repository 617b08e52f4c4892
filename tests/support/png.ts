import { crc32, deflateSync } from 'node:zlib';

// Small PNGs made in tests: a drawn line, a blank canvas, or an image of a given size.

const chunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};

/** An 8-bit RGBA PNG; `ink(x, y)` says which pixels are black, the rest transparent. */
export function rgbaPng(width: number, height: number, ink: (x: number, y: number) => boolean, filter = 0): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4);
    row[0] = 0;
    for (let x = 0; x < width; x++) if (ink(x, y)) row.writeUInt32BE(0x000000ff, 1 + x * 4);
    if (filter === 1) {
      // "Sub": each byte minus the one a pixel to the left, as real encoders often choose.
      const raw = Buffer.from(row);
      row[0] = 1;
      for (let i = 1 + 4; i < row.length; i++) row[i] = (raw[i]! - raw[i - 4]!) & 0xff;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const dataUrlOf = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** A hand-drawn-looking stroke: a thick diagonal line. */
export const signaturePng = (width = 300, height = 100) => rgbaPng(width, height, (x, y) => Math.abs(y - (x * height) / width) < 3, 1);
export const signature = () => dataUrlOf(signaturePng());
export const blankSignature = () => dataUrlOf(rgbaPng(300, 100, () => false));
