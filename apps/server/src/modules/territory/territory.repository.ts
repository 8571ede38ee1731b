import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, retailers, users } from '../../db/schema';

export async function findDistrict(db: Db, id: number) {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), eq(orgUnits.kind, 'district')))
    .limit(1);
  return row;
}

/** A district's customer managers with their retailer counts (one grouped read of the manager index). */
export async function findDistrictManagers(db: Db, districtId: number) {
  const counts = db
    .select({ managerId: retailers.managerId, n: sql<number>`count(*)`.as('n') })
    .from(retailers)
    .where(eq(retailers.districtId, districtId))
    .groupBy(retailers.managerId)
    .as('counts');
  const [managers, unassigned] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.displayName,
        username: users.username,
        disabled: sql<boolean>`${users.disabledAt} is not null`,
        retailerCount: sql<number>`coalesce(${counts.n}, 0)`.mapWith(Number),
      })
      .from(users)
      .leftJoin(counts, eq(counts.managerId, users.id))
      .where(and(eq(users.orgUnitId, districtId), eq(users.role, 'manager')))
      .orderBy(asc(users.id)),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(retailers)
      .where(and(eq(retailers.districtId, districtId), isNull(retailers.managerId))),
  ]);
  return { managers, unassigned: unassigned[0]?.n ?? 0 };
}

/** One manager's retailers of a district (or those without a manager), by shop name, up to `limit`. */
export async function findManagerRetailers(
  db: Db,
  scope: SQL,
  districtId: number,
  managerId: number | 'none',
  limit: number,
) {
  return db
    .select({
      id: retailers.id,
      licenceNo: retailers.licenceNo,
      shopName: retailers.shopName,
      address: retailers.address,
      tier: retailers.tier,
    })
    .from(retailers)
    .where(
      and(
        scope,
        eq(retailers.districtId, districtId),
        managerId === 'none' ? isNull(retailers.managerId) : eq(retailers.managerId, managerId),
      ),
    )
    .orderBy(asc(retailers.shopName), asc(retailers.id))
    .limit(limit);
}

const currentManager = alias(users, 'current_manager');

/**
 * The retailers a reassignment moves, within the actor's scope, locked until the transaction ends (in id order,
 * so two reassignments of overlapping sets wait for each other instead of deadlocking).
 */
export async function lockRetailers(tx: Db, scope: SQL, ids: number[]) {
  return tx
    .select({
      id: retailers.id,
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      managerName: currentManager.displayName,
      shopName: retailers.shopName,
    })
    .from(retailers)
    .leftJoin(currentManager, eq(currentManager.id, retailers.managerId))
    .where(and(scope, inArray(retailers.id, ids)))
    .orderBy(asc(retailers.id))
    .for('update', { of: retailers });
}

/** The manager who takes the retailers; shared-locked so a move or disable of them waits for this command. */
export async function lockManager(tx: Db, id: number) {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.displayName,
      role: users.role,
      orgUnitId: users.orgUnitId,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .for('share')
    .limit(1);
  return row;
}

/** Sets the manager of `ids` and bumps each retailer's version (a profile edit opened before gets a 409). */
export async function setManager(tx: Db, ids: number[], managerId: number, at: Date) {
  if (ids.length === 0) return;
  await tx
    .update(retailers)
    .set({ managerId, version: sql`${retailers.version} + 1`, updatedAt: at })
    .where(inArray(retailers.id, ids));
}
