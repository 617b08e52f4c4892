// Tiny real images (16 × 12) written by Chromium, and ways to fill them with the metadata
// cameras and editors leave behind, for the photo tests.
import { crc32 } from 'node:zlib';
import { rgbaPng } from './png';

/** A baseline JPEG from a canvas (it already carries an ICC profile naming its maker). */
export const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABQAB/8QAIRAAAQIGAwEBAAAAAAAAAAAAAQIRAAMEBQYSExRRIUH/xAAVAQEBAAAAAAAAAAAAAAAAAAAFBv/EABcRAQEBAQAAAAAAAAAAAAAAABEAASH/2gAMAwEAAhEDEQA/AMzbIKqxdLqS5C+bfblSSzaszEemFMZuE262OmrKhKEzZuzhAIHxRH6T5CkUCOBUZ2//2Q==', 'base64');
/** A lossy WebP with an ICC profile (VP8X + ICCP + VP8). */
export const WEBP = Buffer.from('UklGRiwCAABXRUJQVlA4WAoAAAAgAAAADwAACwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggPgAAADACAJ0BKhAADAABQCYloAJ0ugAC5W6M95oIAP7TmRvvBvGln0d5FjYjI85gqpBf3Mbp7opD/uDly4grAAAA', 'base64');
/** A lossless WebP (VP8X + ICCP + VP8L). */
export const WEBP_LOSSLESS = Buffer.from('UklGRhYCAABXRUJQVlA4WAoAAAAgAAAADwAACwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDhMJwAAAC8PwAIAD3AYsIOhHQRq/gMPCtq2YSCMP9dJ/Rwi+j8OAADcL6AmAAA=', 'base64');

/** Words a photo must never carry out of the clinic: where it was taken, on what, by whom. */
export const SECRET = 'GPS 51.5074N 0.1278W iPhone serial C39XK2 Dr Secret';

const jpegSegment = (marker: number, body: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

/** An EXIF block as cameras write it (a TIFF header, then an ASCII tag holding `SECRET`). */
const exifTiff = () => {
  const text = Buffer.from(`${SECRET}\0`, 'latin1');
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x010f, 10); // Make
  tiff.writeUInt16LE(2, 12); // ASCII
  tiff.writeUInt32LE(text.length, 14);
  tiff.writeUInt32LE(tiff.length, 18);
  return Buffer.concat([tiff, text]);
};

/**
 * The JPEG above as a phone would send it: a JFIF header with a thumbnail, EXIF (APP1), XMP
 * (APP1), a maker block (APP13), a comment, then bytes after the end of the image.
 */
export function jpegWithMetadata(base = JPEG): Buffer {
  const jfif = Buffer.concat([Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 2, 1]), Buffer.alloc(2 * 1 * 3, 0x7f)]);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff()]);
  const xmp = Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description tiff:Model="${SECRET}"/></x:xmpmeta>`, 'latin1');
  const iptc = Buffer.from(`Photoshop 3.0\0${SECRET}`, 'latin1');
  // Drop the canvas's own APP0 so ours (with a thumbnail) is the one left.
  const rest = base.subarray(2 + 2 + base.readUInt16BE(4));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, jfif),
    jpegSegment(0xe1, exif),
    jpegSegment(0xe1, xmp),
    jpegSegment(0xed, iptc),
    jpegSegment(0xfe, Buffer.from(SECRET, 'latin1')),
    rest,
    Buffer.from(`trailing ${SECRET}`, 'latin1'),
  ]);
}

export const pngChunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
};

/** A PNG with text (tEXt, zTXt, iTXt), EXIF (eXIf), an ICC profile, a time stamp and a private chunk. */
export function pngWithMetadata(base = rgbaPng(16, 12, (x, y) => x > 3 && x < 10 && y > 2 && y < 8)): Buffer {
  const ihdrEnd = 8 + 12 + 13;
  const extra = [
    pngChunk('tEXt', Buffer.from(`Author\0${SECRET}`, 'latin1')),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])])),
    pngChunk('iTXt', Buffer.from(`Description\0\0\0en\0\0${SECRET}`, 'utf8')),
    pngChunk('eXIf', exifTiff()),
    pngChunk('iCCP', Buffer.concat([Buffer.from(`${SECRET}\0\0`, 'latin1'), Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])])),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 3, 2, 9, 0, 0])),
    pngChunk('prVt', Buffer.from(SECRET, 'latin1')),
  ];
  return Buffer.concat([base.subarray(0, ihdrEnd), ...extra, base.subarray(ihdrEnd)]);
}

const riffChunk = (type: string, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
};

/** A WebP with EXIF and XMP chunks added, and the header's flags saying so. */
export function webpWithMetadata(base = WEBP): Buffer {
  const body = Buffer.from(base.subarray(12));
  body[8] = body[8]! | 0x08 | 0x04;
  const added = Buffer.concat([body, riffChunk('EXIF', exifTiff()), riffChunk('XMP ', Buffer.from(`<x:xmpmeta>${SECRET}</x:xmpmeta>`, 'latin1'))]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(added.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, added]);
}

export const photoDataUrl = (bytes: Buffer, mime = 'image/jpeg') => `data:${mime};base64,${bytes.toString('base64')}`;
