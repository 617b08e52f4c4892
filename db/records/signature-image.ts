import { inflateSync } from 'node:zlib';
import { MAX_SIGNATURE_BYTES } from '../api/consents';

// A signature must be a real PNG with ink on it: a blank canvas is also a valid PNG, so the
// pixels are read (8-bit grey, RGB, grey+alpha or RGBA, as canvases and scanners write them).

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIDE = 4000;
/** Fewer inked pixels than this is a tap or a smudge, not a signature. */
export const MIN_INK_PIXELS = 20;

export type SignatureVerdict = { ok: true; width: number; height: number; inked: number } | { ok: false; problem: string };

const channelsOf: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Reverses PNG's per-row filters in place (each row starts with its filter byte). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer | null {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const v = raw[src + x]!;
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
      switch (filter) {
        case 0: out[row + x] = v; break;
        case 1: out[row + x] = (v + a) & 0xff; break;
        case 2: out[row + x] = (v + b) & 0xff; break;
        case 3: out[row + x] = (v + ((a + b) >> 1)) & 0xff; break;
        case 4: out[row + x] = (v + paeth(a, b, c)) & 0xff; break;
        default: return null;
      }
    }
  }
  return out;
}

/** A pixel is ink when it is visible (alpha) and not near-white. */
function countInk(pixels: Buffer, channels: number): number {
  let inked = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const alpha = channels === 2 ? pixels[i + 1]! : channels === 4 ? pixels[i + 3]! : 255;
    if (alpha < 32) continue;
    const lightest = channels >= 3 ? Math.min(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) : pixels[i]!;
    if (lightest < 224) inked++;
  }
  return inked;
}

/** Checks a signature image's bytes: a PNG, within size, and not blank. */
export function checkSignaturePng(bytes: Buffer): SignatureVerdict {
  if (bytes.length === 0) return { ok: false, problem: 'is empty; please sign in the box' };
  if (bytes.length > MAX_SIGNATURE_BYTES) return { ok: false, problem: 'must be under 1 MB' };
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) return { ok: false, problem: 'must be a PNG image' };
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  let sawEnd = false;
  while (pos + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (body.length !== length) return { ok: false, problem: 'is not a complete PNG image' };
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colour = body[9]!;
      const interlace = body[12];
      if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return { ok: false, problem: `must be at most ${MAX_SIDE} pixels on each side` };
      if (depth !== 8 || channelsOf[colour] === undefined || interlace !== 0) {
        return { ok: false, problem: 'must be an 8-bit PNG as drawn on the screen' };
      }
      channels = channelsOf[colour]!;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      sawEnd = true;
      break;
    }
    pos += 12 + length;
  }
  if (!channels || !sawEnd || data.length === 0) return { ok: false, problem: 'is not a complete PNG image' };
  const expected = height * (width * channels + 1);
  let raw: Buffer;
  try {
    // Bounded: an image that inflates past its stated size is refused, not unpacked.
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected });
  } catch {
    return { ok: false, problem: 'is not a readable PNG image' };
  }
  if (raw.length !== expected) return { ok: false, problem: 'is not a readable PNG image' };
  const pixels = unfilter(raw, width, height, channels);
  if (!pixels) return { ok: false, problem: 'is not a readable PNG image' };
  const inked = countInk(pixels, channels);
  if (inked < MIN_INK_PIXELS) return { ok: false, problem: 'is empty; please sign in the box' };
  return { ok: true, width, height, inked };
}

/** The bytes of a `data:image/png;base64,` URL (the contract has already checked its shape). */
export const bytesOfDataUrl = (dataUrl: string): Buffer => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
