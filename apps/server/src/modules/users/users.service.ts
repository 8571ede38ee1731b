import type { OrgUnit, UserListQuery, UserListResponse } from '@siyi/contracts';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { districtScope } from '../access/data-scope';
import * as repo from './users.repository';

export interface UserDeps {
  db: Db;
  clock: Clock;
}

export async function listUsers(deps: UserDeps, query: UserListQuery): Promise<UserListResponse> {
  const { page, pageSize, ...filters } = query;
  const { rows, total } = await repo.findUsers(
    deps.db,
    filters,
    { offset: (page - 1) * pageSize, limit: pageSize },
    deps.clock.now(),
  );
  return { items: rows, total, page, pageSize };
}

/** Admins see the whole organisation; a supervisor their own district. */
export async function listOrgUnits(deps: UserDeps, actor: Actor): Promise<{ items: OrgUnit[] }> {
  const scope = districtScope(actor);
  const items = await repo.findOrgUnits(deps.db, scope === null ? null : (scope[0] ?? -1));
  return { items };
}
