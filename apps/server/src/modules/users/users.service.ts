import type { OrgUnit, UserDetail, UserListQuery, UserListResponse } from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { districtScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import * as throttle from '../auth/throttle.repository';
import * as repo from './users.repository';

export interface UserDeps {
  db: Db;
  clock: Clock;
  /** Sessions idle longer than this are not counted as active. */
  sessionIdleMinutes: number;
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

/** One user, within the caller's scope (admins: everyone; a district scope: that district's users). */
export async function getUser(deps: UserDeps, actor: Actor, id: number, db: Db = deps.db): Promise<UserDetail> {
  const now = deps.clock.now();
  const row = await repo.findUserDetail(db, id, now, new Date(now.getTime() - deps.sessionIdleMinutes * 60_000));
  const scope = districtScope(actor);
  if (!row || (scope !== null && !scope.includes(row.orgUnitId))) throw notFound();
  const { lastSignInAt, ...rest } = row;
  const { failures, lockedUntil } = await throttle.findFailures(db, row.username, now);
  return {
    ...rest,
    locked: lockedUntil !== null,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    failedAttempts: failures,
  };
}

/** Lifts every sign-in lock and failure count of a user, from all addresses; audited with what was lifted. */
export async function unlockUser(deps: UserDeps, actor: Actor, id: number, requestId: string): Promise<UserDetail> {
  return inTransaction(deps.db, async (tx) => {
    const before = await getUser(deps, actor, id, tx);
    await throttle.clearFailures(tx, before.username);
    await recordAudit(
      tx,
      { actor, at: deps.clock.now(), requestId },
      {
        entityType: 'user',
        entityId: id,
        action: 'unlocked',
        districtId: before.orgUnitId,
        before: { lockedUntil: before.lockedUntil, failedAttempts: before.failedAttempts },
        after: { lockedUntil: null, failedAttempts: 0 },
      },
    );
    return getUser(deps, actor, id, tx);
  });
}
