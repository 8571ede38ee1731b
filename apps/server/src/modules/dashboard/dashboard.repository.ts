import { and, between, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orgUnits, retailers, retailerWeekly, users } from '../../db/schema';

export async function findDistrict(db: Db, districtId: number) {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, districtId), eq(orgUnits.kind, 'district')))
    .limit(1);
  return row;
}

/** Retailer counts for the retailers matching `where`. */
export async function countRetailers(db: Db, where: SQL) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      active: sql<number>`count(*) filter (where ${retailers.status} = 'active')`.mapWith(Number),
    })
    .from(retailers)
    .where(where);
  return { total: row?.total ?? 0, active: row?.active ?? 0 };
}

export async function countManagers(db: Db, districtId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(users)
    .where(and(eq(users.orgUnitId, districtId), eq(users.role, 'manager')));
  return row?.n ?? 0;
}

export async function tierDistribution(db: Db, where: SQL) {
  return db
    .select({ tier: retailers.tier, count: sql<number>`count(*)`.mapWith(Number) })
    .from(retailers)
    .where(where)
    .groupBy(retailers.tier)
    .orderBy(retailers.tier);
}

/** Weekly totals over the retailer × week rollup for the retailers matching `where`: only weeks with rows. */
export async function weeklyTotals(db: Db, where: SQL, fromWeek: string, toWeek: string) {
  return db
    .select({
      weekStart: retailerWeekly.weekStart,
      quantity: sql<number>`sum(${retailerWeekly.quantity})`.mapWith(Number),
      amountFen: sql<number>`sum(${retailerWeekly.amountFen})`.mapWith(Number),
      orderingRetailers: sql<number>`count(*) filter (where ${retailerWeekly.quantity} > 0)`.mapWith(Number),
    })
    .from(retailerWeekly)
    .innerJoin(retailers, eq(retailers.id, retailerWeekly.retailerId))
    .where(and(where, between(retailerWeekly.weekStart, fromWeek, toWeek)))
    .groupBy(retailerWeekly.weekStart)
    .orderBy(retailerWeekly.weekStart);
}

/** Each manager of the district with their retailer count and their retailers' purchases in the given weeks. */
export async function managerFigures(db: Db, districtId: number, recent: { fromWeek: string; toWeek: string }) {
  const purchases = db
    .select({
      managerId: retailers.managerId,
      quantity: sql<number>`sum(${retailerWeekly.quantity})`.as('quantity'),
      amountFen: sql<number>`sum(${retailerWeekly.amountFen})`.as('amount_fen'),
    })
    .from(retailerWeekly)
    .innerJoin(retailers, eq(retailers.id, retailerWeekly.retailerId))
    .where(
      and(eq(retailerWeekly.districtId, districtId), between(retailerWeekly.weekStart, recent.fromWeek, recent.toWeek)),
    )
    .groupBy(retailers.managerId)
    .as('recent');
  const counts = db
    .select({ managerId: retailers.managerId, n: sql<number>`count(*)`.as('n') })
    .from(retailers)
    .where(eq(retailers.districtId, districtId))
    .groupBy(retailers.managerId)
    .as('counts');
  return db
    .select({
      managerId: users.id,
      name: users.displayName,
      retailerCount: sql<number>`coalesce(${counts.n}, 0)`.mapWith(Number),
      recentQuantity: sql<number>`coalesce(${purchases.quantity}, 0)`.mapWith(Number),
      recentAmountFen: sql<number>`coalesce(${purchases.amountFen}, 0)`.mapWith(Number),
    })
    .from(users)
    .leftJoin(counts, eq(counts.managerId, users.id))
    .leftJoin(purchases, eq(purchases.managerId, users.id))
    .where(and(eq(users.orgUnitId, districtId), eq(users.role, 'manager')))
    .orderBy(users.id);
}
