import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth';
import { PageQuery, paginated, Role, SearchTerm } from './common';

export const UserListQuery = PageQuery.extend({ q: SearchTerm.optional(), role: Role.optional() });
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserSummary = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  role: Role,
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** One user as an admin opens it: the summary, the last sign-in, the sign-in locks and the live sessions. */
export const UserDetail = UserSummary.extend({
  /** UTC ISO-8601; null when the user never signed in. */
  lastSignInAt: z.iso.datetime().nullable(),
  /** When the latest running sign-in lock ends (a lock holds one user name from one address); null if none. */
  lockedUntil: z.iso.datetime().nullable(),
  /** Wrong passwords counted toward a lock, over all addresses. */
  failedAttempts: z.number().int().min(0),
  /** Sessions neither expired nor idle. */
  activeSessions: z.number().int().min(0),
  /** An admin reset the password: the user must choose a new one at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** Retailers this user manages (customer managers; 0 for other roles). */
  retailerCount: z.number().int().min(0),
  /** Optimistic concurrency: send it back with a change; a stale one answers 409 with the user as it is now. */
  version: z.number().int().min(1),
});
export type UserDetail = z.infer<typeof UserDetail>;

/** Roles an admin creates here; retailer accounts come with their shop (import, demo). */
export const staffRoles = ['admin', 'supervisor', 'manager'] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NO_CONTROLS = /^[^\u0000-\u001F\u007F]*$/;

/** A staff user name: 3–32 letters, digits, dot, dash or underscore, beginning with a letter or digit. */
export const StaffUsername = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** A person's name as shown everywhere (e.g. 张伟): no control characters. */
export const DisplayName = z.string().trim().min(1).max(40).regex(NO_CONTROLS);

/** A mainland mobile or landline number: digits, optionally with +86, spaces or dashes; null/empty clears it. */
export const PhoneNumber = z
  .string()
  .trim()
  .max(20)
  .regex(/^(\+?86[ -]?)?[0-9][0-9 -]{4,18}[0-9]$/);

/** An initial or temporary password set by an admin; the same policy as a chosen one applies on the server. */
export const TemporaryPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const CreateUserRequest = z
  .object({
    username: StaffUsername,
    name: DisplayName,
    phone: PhoneNumber.nullable().optional(),
    role: StaffRole,
    /** The company for an admin, a district for a supervisor or manager. */
    orgUnitId: z.number().int().positive().max(2_147_483_647),
    /** Omitted: the server generates one and answers it once. */
    password: TemporaryPassword.optional(),
  })
  .strict();
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** The user as saved and, when the server generated it, the initial or temporary password — shown once only. */
export const UserWithPasswordResponse = z.object({
  user: UserDetail,
  generatedPassword: z.string().nullable(),
});
export type UserWithPasswordResponse = z.infer<typeof UserWithPasswordResponse>;

export const UpdateUserRequest = z
  .object({
    version: z.number().int().min(1),
    name: DisplayName.optional(),
    phone: PhoneNumber.nullable().optional(),
    /** Move a supervisor or manager to another district (a manager with retailers must hand them over first). */
    orgUnitId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** Disable, enable: the version the admin saw (optional; when sent, a stale one answers 409). */
export const UserCommandRequest = z.object({ version: z.number().int().min(1).optional() }).strict();
export type UserCommandRequest = z.infer<typeof UserCommandRequest>;

export const ResetPasswordRequest = z
  .object({
    version: z.number().int().min(1).optional(),
    /** Omitted: the server generates one and answers it once. */
    password: TemporaryPassword.optional(),
  })
  .strict();
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const UserListResponse = paginated(UserSummary);
export type UserListResponse = z.infer<typeof UserListResponse>;

export const OrgUnit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  kind: z.enum(['company', 'district']),
  code: z.string(),
  name: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitListResponse = z.object({ items: z.array(OrgUnit) });
export type OrgUnitListResponse = z.infer<typeof OrgUnitListResponse>;
