import { crc32 } from 'node:zlib';
import type { PhotoMime } from '../api/photos';

// A photo's bytes are read, not trusted: the type comes from the bytes themselves, and every
// place a camera or an editor writes words (EXIF with GPS and device serials, XMP, ICC profile
// descriptions, comments, text chunks, embedded thumbnails, trailing data) is dropped. The pixels
// are copied as they are, so nothing is re-encoded and nothing is lost.

export type PhotoVerdict = { ok: true; mime: PhotoMime; width: number; height: number; bytes: Buffer } | { ok: false; problem: string };

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const photoTypeOf = (b: Buffer): PhotoMime | null => {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_MAGIC)) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
};

class Unreadable extends Error {}
const unreadable = (why: string): never => {
  throw new Unreadable(why);
};

// ---- JPEG ----------------------------------------------------------------------------------

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const isRst = (m: number) => m >= 0xd0 && m <= 0xd7;

/** JFIF's APP0 without its thumbnail (a thumbnail can show what a crop removed). */
function jfifWithoutThumbnail(body: Buffer): Buffer | null {
  if (body.length < 14 || body.toString('latin1', 0, 5) !== 'JFIF\0') return null;
  const kept = Buffer.from(body.subarray(0, 14));
  kept[12] = 0;
  kept[13] = 0;
  return kept;
}

/** Adobe's APP14 says how colours were transformed (CMYK/YCCK); without it colours come out wrong. It holds no words. */
const isAdobeTransform = (body: Buffer) => body.length === 12 && body.toString('latin1', 0, 5) === 'Adobe';

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

function stripJpeg(b: Buffer): { bytes: Buffer; width: number; height: number } {
  const out: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let pos = 2;
  let width = 0;
  let height = 0;
  let scans = 0;
  for (;;) {
    if (pos >= b.length) unreadable('ends before the end of the image');
    if (b[pos] !== 0xff) unreadable('has a broken segment');
    while (b[pos] === 0xff) pos++; // fill bytes
    const marker = b[pos++]!;
    if (marker === 0xd9) break; // EOI: anything after it (trailers, appended files) is dropped
    if (marker === 0x01 || isRst(marker)) continue;
    if (pos + 2 > b.length) unreadable('ends inside a segment');
    const length = b.readUInt16BE(pos);
    if (length < 2 || pos + length > b.length) unreadable('has a segment longer than the file');
    const body = b.subarray(pos + 2, pos + length);
    pos += length;
    if (marker === 0xe0) {
      const jfif = jfifWithoutThumbnail(body);
      if (jfif) out.push(segment(0xe0, jfif));
      continue;
    }
    if (marker === 0xee && isAdobeTransform(body)) {
      out.push(segment(marker, body));
      continue;
    }
    // APP1–APP15 (EXIF, XMP, ICC, maker data, Photoshop IPTC) and comments.
    if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) continue;
    if (SOF_MARKERS.has(marker)) {
      if (body.length < 6) unreadable('has a broken frame header');
      height = body.readUInt16BE(1);
      width = body.readUInt16BE(3);
    }
    out.push(segment(marker, body));
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      const start = pos;
      while (pos + 1 < b.length && !(b[pos] === 0xff && b[pos + 1] !== 0x00 && !isRst(b[pos + 1]!))) pos++;
      if (pos + 1 >= b.length) unreadable('ends inside the image data');
      out.push(b.subarray(start, pos));
      scans++;
    }
  }
  if (!width || !height) unreadable('has no frame size');
  if (scans === 0) unreadable('has no image data');
  out.push(Buffer.from([0xff, 0xd9]));
  return { bytes: Buffer.concat(out), width, height };
}

// ---- PNG -----------------------------------------------------------------------------------

// What is needed to draw the picture as it was meant. Everything else goes: tEXt, zTXt, iTXt,
// eXIf, iCCP (its profile carries a description), tIME, and any private chunk.
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);

function stripPng(b: Buffer): { bytes: Buffer; width: number; height: number } {
  const out: Buffer[] = [PNG_MAGIC];
  let pos = 8;
  let width = 0;
  let height = 0;
  let idat = false;
  let first = true;
  for (;;) {
    if (pos + 12 > b.length) unreadable('ends before its last chunk');
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > b.length) unreadable('has a broken chunk');
    const crc = b.readUInt32BE(end - 4);
    if ((crc32(b.subarray(pos + 4, end - 4)) >>> 0) !== crc) unreadable(`has a damaged ${type} chunk`);
    if (first && type !== 'IHDR') unreadable('does not start with its header');
    first = false;
    if (type === 'IHDR') {
      if (length !== 13) unreadable('has a broken header');
      width = b.readUInt32BE(pos + 8);
      height = b.readUInt32BE(pos + 12);
    }
    if (type === 'IDAT') idat = true;
    if (PNG_KEPT.has(type)) out.push(b.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  if (!idat) unreadable('has no image data');
  return { bytes: Buffer.concat(out), width, height };
}

// ---- WebP ----------------------------------------------------------------------------------

const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
const VP8X_ICC = 0x20;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(b: Buffer): { bytes: Buffer; width: number; height: number } {
  const riffEnd = 8 + b.readUInt32LE(4);
  if (riffEnd > b.length) unreadable('ends early');
  const out: Buffer[] = [];
  let pos = 12;
  let width = 0;
  let height = 0;
  let image = false;
  while (pos + 8 <= riffEnd) {
    const type = b.toString('latin1', pos, pos + 4);
    const length = b.readUInt32LE(pos + 4);
    const end = pos + 8 + length;
    if (end > riffEnd) unreadable('has a broken chunk');
    const body = b.subarray(pos + 8, end);
    if (type === 'VP8X') {
      if (length < 10) unreadable('has a broken header');
      width = 1 + body.readUIntLE(4, 3);
      height = 1 + body.readUIntLE(7, 3);
    } else if (type === 'VP8 ' && !width) {
      if (length < 10 || body[3] !== 0x9d || body[4] !== 0x01 || body[5] !== 0x2a) unreadable('has a broken frame');
      width = body.readUInt16LE(6) & 0x3fff;
      height = body.readUInt16LE(8) & 0x3fff;
    } else if (type === 'VP8L' && !width) {
      if (length < 5 || body[0] !== 0x2f) unreadable('has a broken frame');
      const bits = body.readUInt32LE(1);
      width = 1 + (bits & 0x3fff);
      height = 1 + ((bits >>> 14) & 0x3fff);
    }
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') image = true;
    if (WEBP_KEPT.has(type)) {
      const chunk = Buffer.from(b.subarray(pos, end + (length % 2)));
      if (type === 'VP8X') chunk[8] = chunk[8]! & ~(VP8X_ICC | VP8X_EXIF | VP8X_XMP);
      if (chunk.length < 8 + length + (length % 2)) unreadable('ends inside a chunk');
      out.push(chunk);
    }
    pos = end + (length % 2);
  }
  if (!image) unreadable('has no image data');
  const body = Buffer.concat(out);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return { bytes: Buffer.concat([head, body]), width, height };
}

// ---- the one entry point -------------------------------------------------------------------

const mb = (n: number) => `${Number((n / (1024 * 1024)).toFixed(1))} MB`;

/**
 * Reads a photo's bytes: is it a JPEG, PNG or WebP image, of what size, and what are its bytes
 * once every metadata block is removed? Pure: no files, no clock.
 */
export function readPhoto(bytes: Buffer, limits: { maxBytes: number; maxSide: number }): PhotoVerdict {
  if (bytes.length === 0) return { ok: false, problem: 'is empty' };
  if (bytes.length > limits.maxBytes) return { ok: false, problem: `must be at most ${mb(limits.maxBytes)} (this one is ${(bytes.length / (1024 * 1024)).toFixed(2)} MB)` };
  const mime = photoTypeOf(bytes);
  if (!mime) return { ok: false, problem: 'is not a JPEG, PNG or WebP image' };
  const name = mime === 'image/jpeg' ? 'JPEG' : mime === 'image/png' ? 'PNG' : 'WebP';
  try {
    const stripped = mime === 'image/jpeg' ? stripJpeg(bytes) : mime === 'image/png' ? stripPng(bytes) : stripWebp(bytes);
    if (stripped.width < 1 || stripped.height < 1) return { ok: false, problem: `is not a readable ${name} image: it has no size` };
    if (stripped.width > limits.maxSide || stripped.height > limits.maxSide) {
      return { ok: false, problem: `must be at most ${limits.maxSide} pixels on each side (this one is ${stripped.width} × ${stripped.height})` };
    }
    return { ok: true, mime, ...stripped };
  } catch (e) {
    if (e instanceof Unreadable) return { ok: false, problem: `is not a readable ${name} image: it ${e.message}` };
    if (e instanceof RangeError) return { ok: false, problem: `is not a readable ${name} image: it ends early` };
    throw e;
  }
}
