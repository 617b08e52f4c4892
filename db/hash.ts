import { hash } from 'node:crypto';

// One-shot hashing: about three times faster than createHash() for the audit chain's many small entries.
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** JSON with object keys sorted, so the same record always hashes the same. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  }) ?? 'null';
