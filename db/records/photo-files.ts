import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decryptBytes, encryptBytes, isSealedWith } from '../crypto-files';
import type { HostSettings } from './context';

// Every read and write of a photo file goes through these functions: with a data key (every real
// data folder) the file is sealed with it, so a copied photos folder shows nothing.

export const PHOTOS_FOLDER = 'photos';
const TEMP_PREFIX = '.incoming-';

type HostOf = { host: Pick<HostSettings, 'dataDir' | 'dataKey' | 'previousKeys'> };

/** The absolute path of a stored photo; a name that would leave the photos folder is refused. */
function pathOf(ctx: HostOf, fileName: string): string {
  const root = resolve(ctx.host.dataDir, PHOTOS_FOLDER);
  const full = resolve(root, fileName);
  const rel = relative(root, full);
  if (!rel || isAbsolute(rel) || rel.startsWith('..') || rel.includes(`..${sep}`)) throw new Error(`photo file name outside the photos folder: ${fileName}`);
  return full;
}

/** Flushes a folder's entry list, so a rename survives a power cut (not possible on Windows). */
function fsyncFolder(folder: string) {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for syncing; NTFS journals the rename itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Stores a photo under `fileName` (relative to the photos folder): written to a temporary name,
 * flushed to disk, then renamed into place, so the name never points at half a file.
 */
export function writePhotoFile(ctx: HostOf, fileName: string, plain: Buffer): void {
  const bytes = ctx.host.dataKey ? encryptBytes(ctx.host.dataKey, plain) : plain;
  const target = pathOf(ctx, fileName);
  const folder = dirname(target);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `${TEMP_PREFIX}${randomUUID()}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  fsyncFolder(folder);
}

/**
 * The image bytes of a stored photo, or null when the file is missing. A photo sealed before a
 * rekey opens with the key it was written under; one written before encryption is read as it is.
 */
export function readPhotoFile(ctx: HostOf, fileName: string): Buffer | null {
  let stored: Buffer;
  try {
    stored = readFileSync(pathOf(ctx, fileName));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const keys = ctx.host.dataKey ? [ctx.host.dataKey, ...(ctx.host.previousKeys ?? [])] : [];
  const key = keys.find((k) => isSealedWith(k, stored));
  return key ? decryptBytes(key, stored, 'The photo') : stored;
}

/** Removes a photo file whose record was never saved. */
export function removePhotoFile(ctx: HostOf, fileName: string): void {
  rmSync(pathOf(ctx, fileName), { force: true });
}

/** The files (and leftover temporary files) in one folder of the photos folder, as stored names. */
export function photoFilesIn(ctx: HostOf, folder: string): string[] {
  const root = pathOf(ctx, folder);
  try {
    return readdirSync(root).map((f) => `${folder}/${f}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
