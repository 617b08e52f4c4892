// Renderer-safe: the answer shape every host returns, and the stable error words.
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'lot_expired',
  'lot_recalled',
  'lot_insufficient',
  'consent_missing',
  'contraindicated',
  'chart_incomplete',
  'locked',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ClinicErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ClinicErrorBody };

export const httpStatusOf = (code: ErrorCode): number => {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'lot_expired':
    case 'lot_recalled':
    case 'lot_insufficient':
    case 'consent_missing':
    case 'contraindicated':
    case 'chart_incomplete':
    case 'locked':
      return 409;
    case 'internal':
      return 500;
  }
};

/** One field problem, as the renderer shows it next to the control. */
export interface FieldIssue {
  path: string;
  message: string;
}
