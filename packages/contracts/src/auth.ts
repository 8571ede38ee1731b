import { z } from 'zod';
import { Locale, Role } from './common';

export const LoginRequest = z.object({
  /** A staff account name or, for a retailer, the licence number. */
  username: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  role: Role,
  locale: Locale,
  /** 1 = normal type, 2 = large type (A+). */
  fontScale: z.number().int().min(1).max(2),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  retailerId: z.number().int().nullable(),
  /** An admin reset the password: every route but the change itself, me and sign-out answers PASSWORD_CHANGE_REQUIRED. */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({ user: SessionUser, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = LoginResponse;
export type MeResponse = LoginResponse;

export const UpdatePreferencesRequest = z
  .object({ locale: Locale.optional(), fontScale: z.number().int().min(1).max(2).optional() })
  .strict();
export type UpdatePreferencesRequest = z.infer<typeof UpdatePreferencesRequest>;

/** ASVS 5.0 6.2: at least 12 characters, at most 128, no composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** A changed password renews the session: a new cookie and this new CSRF token. */
export const ChangePasswordResponse = LoginResponse;
export type ChangePasswordResponse = LoginResponse;

/** GET /api/session: the session when someone is signed in, else null (a normal answer, not an error). */
export const SessionProbeResponse = z.object({ session: MeResponse.nullable() });
export type SessionProbeResponse = z.infer<typeof SessionProbeResponse>;
