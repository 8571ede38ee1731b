import { z } from 'zod';
import { roles } from './values';

/** The closed set of error codes the API answers with; the server maps each to one HTTP status. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  /** The password was right but an admin disabled the account (403). */
  'ACCOUNT_DISABLED',
  /** An admin reset the password: until the user chooses a new one, only the change itself (and me/logout) answer (403). */
  'PASSWORD_CHANGE_REQUIRED',
  'SESSION_EXPIRED',
  'CSRF_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** A state change the record's state machine does not allow from its current state (409). */
  'ILLEGAL_TRANSITION',
  'PASSWORD_POLICY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ErrorResponse = z
  .object({
    code: z.enum(errorCodes),
    message: z.string(),
    /** Per-field messages in the caller's language, keyed by the field's dotted path (e.g. `password`, `items.0.qty`). */
    fields: z.record(z.string(), z.string()).optional(),
    /** CONFLICT (409) on a stale `version`: the record as it is now, so the client can show what changed. */
    current: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const locales = ['zh-CN', 'en'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

export { roles };
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Query-string integers arrive as text. */
const queryInt = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const PageQuery = z.object({
  page: queryInt(1, 100_000, 1),
  pageSize: queryInt(1, 200, 20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export type IdParams = z.infer<typeof IdParams>;

/** A free-text search term: trimmed, bounded, control characters refused. */
export const SearchTerm = z
  .string()
  .max(100)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/)
  .transform((s) => s.trim());

/** An ISO date of a week's Monday, e.g. `2026-11-23`. */
export const WeekStart = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const paginated = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
