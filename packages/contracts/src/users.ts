import { z } from 'zod';
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
});
export type UserDetail = z.infer<typeof UserDetail>;

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
