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
