import type { ErrorCode } from './api/envelope';
import type { AuditInput } from './audit-chain';

/** A refusal the user can act on: a stable code inside, an envelope outside. */
export class ClinicError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** A refusal worth recording (failed sign-in, forbidden access): written after the rollback. */
    readonly audit?: AuditInput,
  ) {
    super(message);
    this.name = 'ClinicError';
  }
}

export const notFound = (what: string, id: unknown) => new ClinicError('not_found', `${what} ${String(id)} does not exist`, { id });

/** An input problem tied to one field, reported like a schema error so the form can show it. */
export const fieldError = (field: string, message: string) =>
  new ClinicError('invalid_input', `${field}: ${message}`, { issues: [{ path: field, message }] });

export const staleVersion = (what: string) =>
  new ClinicError('conflict', `${what} was changed by someone else; reload it and try again`, { reason: 'stale_version' });
