// Files kept beside the database (photos, wrapped secrets) are encrypted with the clinic's data key:
// AES-256-GCM under a subkey derived from it, so the raw database key is never used by two ciphers.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Layout: MAGIC (8) | key id (8) | IV (12) | ciphertext | GCM tag (16).
const MAGIC = Buffer.from('SKCFILE1', 'ascii');
const KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + KEY_ID_BYTES + IV_BYTES;

/** Why an encrypted file could not be read; the message is for the person at the screen. */
export class FileCryptoError extends Error {
  constructor(
    readonly reason: 'not_encrypted' | 'wrong_key' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'FileCryptoError';
  }
}

const checkKey = (key: Buffer) => {
  if (key.length !== 32) throw new Error('the data key must be 32 bytes');
};

const fileKey = (key: Buffer): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'skinchart files v1', 32));

/** A short fingerprint of a key, stored in each file so a wrong key is told apart from damage. */
export const keyId = (key: Buffer): Buffer => createHmac('sha256', key).update('skinchart key id').digest().subarray(0, KEY_ID_BYTES);

/** Was this sealed file written under `key`? (Looks at the header only; the seal is checked on reading.) */
export const isSealedWith = (key: Buffer, sealed: Uint8Array): boolean => {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  return data.subarray(0, MAGIC.length).equals(MAGIC) && data.subarray(MAGIC.length, MAGIC.length + KEY_ID_BYTES).equals(keyId(key));
};

const headerFor = (key: Buffer, iv: Buffer) => Buffer.concat([MAGIC, keyId(key), iv]);

const parseHeader = (key: Buffer, header: Buffer, what: string): Buffer => {
  if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new FileCryptoError('not_encrypted', `${what} is not a Skinchart encrypted file.`);
  }
  const id = header.subarray(MAGIC.length, MAGIC.length + KEY_ID_BYTES);
  if (!timingSafeEqual(id, keyId(key))) {
    throw new FileCryptoError('wrong_key', `${what} was encrypted with a different key; it cannot be opened with this one.`);
  }
  return header.subarray(MAGIC.length + KEY_ID_BYTES, HEADER_BYTES);
};

const damaged = (what: string) => new FileCryptoError('damaged', `${what} is damaged (its contents do not match its seal); it was not used.`);

/** Encrypts bytes in memory (small files: wrapped secrets, thumbnails). */
export function encryptBytes(key: Buffer, plain: Uint8Array): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', fileKey(key), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([headerFor(key, iv), body, cipher.getAuthTag()]);
}

export function decryptBytes(key: Buffer, sealed: Uint8Array, what = 'The file'): Buffer {
  checkKey(key);
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const iv = parseHeader(key, data.subarray(0, HEADER_BYTES), what);
  if (data.length < HEADER_BYTES + TAG_BYTES) throw damaged(what);
  const decipher = createDecipheriv('aes-256-gcm', fileKey(key), iv);
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw damaged(what);
  }
}

const fsyncFile = (path: string) => {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

const tempBeside = (dest: string) => `${dest}.${randomBytes(6).toString('hex')}.part`;

/**
 * Encrypts `source` into `dest` as a stream (photos can be large). The result is written beside
 * `dest`, flushed to disk, then renamed into place: `dest` is either complete or absent.
 */
export async function encryptFile(key: Buffer, source: string, dest: string): Promise<void> {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', fileKey(key), iv);
  const temp = tempBeside(dest);
  try {
    const out = createWriteStream(temp, { mode: 0o600 });
    out.write(headerFor(key, iv));
    await pipeline(createReadStream(source), cipher, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? reject(e) : resolve())));
    fsyncFile(temp);
    renameSync(temp, dest);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Decrypts `source` into `dest`. The seal is checked before `dest` appears: with a wrong key or a
 * damaged file nothing is written and `source` is left as it was.
 */
export async function decryptFile(key: Buffer, source: string, dest: string, what = 'The file'): Promise<void> {
  checkKey(key);
  const size = statSync(source).size;
  const fd = openSync(source, 'r');
  const header = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    readSync(fd, header, 0, HEADER_BYTES, 0);
    if (size >= HEADER_BYTES + TAG_BYTES) readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    closeSync(fd);
  }
  const iv = parseHeader(key, header, what);
  if (size < HEADER_BYTES + TAG_BYTES) throw damaged(what);
  const decipher = createDecipheriv('aes-256-gcm', fileKey(key), iv);
  decipher.setAuthTag(tag);
  const temp = tempBeside(dest);
  try {
    const body = size - TAG_BYTES - HEADER_BYTES;
    const input = body > 0 ? createReadStream(source, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }) : Readable.from([]);
    await pipeline(input, decipher, createWriteStream(temp, { mode: 0o600 }));
    fsyncFile(temp);
    renameSync(temp, dest);
  } catch (e) {
    rmSync(temp, { force: true });
    if (e instanceof FileCryptoError) throw e;
    if ((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'EACCES') throw e;
    throw damaged(what);
  }
}

/** Encrypts bytes already in memory (a photo sent as a data URL) into `dest`, complete or absent. */
export function writeEncryptedFile(key: Buffer, dest: string, plain: Uint8Array): void {
  const temp = tempBeside(dest);
  try {
    writeFileSync(temp, encryptBytes(key, plain), { mode: 0o600 });
    fsyncFile(temp);
    renameSync(temp, dest);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Decrypts a whole file into memory (a photo to show on screen). */
export const readEncryptedFile = (key: Buffer, source: string, what = 'The file'): Buffer => decryptBytes(key, readFileSync(source), what);
