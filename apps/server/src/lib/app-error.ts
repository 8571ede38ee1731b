import type { ErrorCode } from '@siyi/contracts';

export type FieldMessage = string | { key: string; params?: Record<string, string | number> };

/** The one error model: a closed code, optional per-field message keys; the error handler translates both. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Field path → message key in the server catalogue (plugins/i18n), or a key with the values it names. */
    readonly fields?: Record<string, FieldMessage>,
    /** Values substituted into the message, e.g. minutes until a lock ends. */
    readonly params?: Record<string, string | number>,
    /** CONFLICT only: the record as it is now (lib/versioned.ts), sent as `current`. */
    readonly current?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');

export const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  PASSWORD_POLICY: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};
