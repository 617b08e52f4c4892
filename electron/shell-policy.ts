// The desktop shell's security decisions as plain functions, so tests can check them without Electron.
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { isAppUrl } from './ipc';

/**
 * The file inside the built renderer that an app:// request names, or null. Paths that climb out of
 * the folder (`..`, encoded slashes, a sibling folder sharing the prefix) are refused; a path that is
 * not a file gets the app's index.html (routes live after the #).
 */
export function rendererFileFor(root: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const base = resolve(root);
  const target = resolve(base, `.${path}`);
  const rel = relative(base, target);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  if (rel !== '' && existsSync(target) && statSync(target).isFile()) return target;
  return join(base, 'index.html');
}

export interface PermissionDetails {
  requestingUrl?: string;
  mediaTypes?: string[];
}

/** Only the camera, and only for the app's own pages (before/after photos). */
export function permissionAllowed(permission: string, details: PermissionDetails): boolean {
  if (!details.requestingUrl || !isAppUrl(details.requestingUrl)) return false;
  const media = details.mediaTypes ?? [];
  return permission === 'media' && media.length > 0 && media.every((t) => t === 'video');
}

/** Synchronous permission checks (Electron asks these before some requests). */
export const permissionCheckAllowed = (permission: string, requestingOrigin: string): boolean =>
  permission === 'media' && isAppUrl(requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`);

/** Navigation stays inside the app; every other URL is refused (never opened in a browser either). */
export const navigationAllowed = (url: string): boolean => isAppUrl(url);
