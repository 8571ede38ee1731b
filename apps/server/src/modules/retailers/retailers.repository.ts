import { RETAILER_SEARCH_COUNT_CAP } from '@siyi/contracts';
import { and, between, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, products, retailers, retailerWeekly, salesWeekly, tierHistory, users } from '../../db/schema';
import { containsPattern } from '../../lib/like-pattern';

const manager = alias(users, 'manager');

const summaryColumns = {
  id: retailers.id,
  licenceNo: retailers.licenceNo,
  shopName: retailers.shopName,
  ownerName: retailers.ownerName,
  phone: retailers.phone,
  address: retailers.address,
  businessFormat: retailers.businessFormat,
  tier: retailers.tier,
  status: retailers.status,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  managerName: manager.displayName,
  orderWeekday: retailers.orderWeekday,
};

export interface RetailerFilters {
  q?: string | undefined;
  tier?: number | undefined;
  format?: (typeof retailers.businessFormat.enumValues)[number] | undefined;
  status?: (typeof retailers.status.enumValues)[number] | undefined;
  managerId?: number | undefined;
  districtId?: number | undefined;
}

function filterConditions(filters: RetailerFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.q) {
    // Shop, owner, licence, phone and address, case-insensitively: one LIKE over their lower-cased join (0003).
    conditions.push(sql`${retailers.searchText} like lower(${containsPattern(filters.q)})`);
  }
  if (filters.tier !== undefined) conditions.push(eq(retailers.tier, filters.tier));
  if (filters.format) conditions.push(eq(retailers.businessFormat, filters.format));
  if (filters.status) conditions.push(eq(retailers.status, filters.status));
  if (filters.managerId !== undefined) conditions.push(eq(retailers.managerId, filters.managerId));
  if (filters.districtId !== undefined) conditions.push(eq(retailers.districtId, filters.districtId));
  return conditions;
}

/**
 * One page in the list's order (shop name, id) and the number of matches. The page's ids come from an index on
 * the sort order (migrations 0003 and 0004: overall, per district, per manager, per tier and per status), so it
 * reads about `offset + limit` index entries — without the heap once vacuumed, which keeps deep pages cheap — and
 * only the page's own rows and managers are fetched. The total is a separate count — a `count(*) over ()` would
 * read and sort every match to answer 20 rows — exact, except a search's, which stops past RETAILER_SEARCH_COUNT_CAP.
 */
export async function findRetailersInScope(
  db: Db,
  scope: SQL,
  filters: RetailerFilters,
  page: { offset: number; limit: number },
) {
  const where = and(scope, ...filterConditions(filters));
  const pageIds = db
    .select({ id: retailers.id, shopName: retailers.shopName })
    .from(retailers)
    .where(where)
    .orderBy(retailers.shopName, retailers.id)
    .limit(page.limit)
    .offset(page.offset)
    .as('page');
  // A search's count stops one past the cap: a LIKE no index can narrow (one or two Chinese characters make no
  // trigram) would otherwise test every retailer in scope for each page.
  const matchesUpToCap = db
    .select({ one: sql`1`.as('one') })
    .from(retailers)
    .where(where)
    .limit(RETAILER_SEARCH_COUNT_CAP + 1)
    .as('matches');
  const [rows, counted] = await Promise.all([
    db
      .select(summaryColumns)
      .from(pageIds)
      .innerJoin(retailers, eq(retailers.id, pageIds.id))
      .leftJoin(manager, eq(manager.id, retailers.managerId))
      .orderBy(pageIds.shopName, pageIds.id),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(filters.q ? matchesUpToCap : retailers)
      .where(filters.q ? undefined : where),
  ]);
  const total = counted[0]?.total ?? 0;
  const totalCapped = Boolean(filters.q) && total > RETAILER_SEARCH_COUNT_CAP;
  return { rows, total: totalCapped ? RETAILER_SEARCH_COUNT_CAP : total, totalCapped };
}

export async function findRetailerInScope(db: Db, scope: SQL, id: number) {
  const [row] = await db
    .select({
      ...summaryColumns,
      countyCode: retailers.countyCode,
      townCode: retailers.townCode,
      lat: retailers.lat,
      lng: retailers.lng,
      opensAt: retailers.opensAt,
      closesAt: retailers.closesAt,
      districtName: orgUnits.name,
      managerPhone: manager.phone,
    })
    .from(retailers)
    .innerJoin(orgUnits, eq(orgUnits.id, retailers.districtId))
    .leftJoin(manager, eq(manager.id, retailers.managerId))
    .where(and(scope, eq(retailers.id, id)))
    .limit(1);
  return row;
}

export async function findTierHistory(db: Db, retailerId: number) {
  return db
    .select({
      tier: tierHistory.tier,
      previousTier: tierHistory.previousTier,
      effectiveWeek: tierHistory.effectiveWeek,
      basis: tierHistory.basis,
    })
    .from(tierHistory)
    .where(eq(tierHistory.retailerId, retailerId))
    .orderBy(desc(tierHistory.effectiveWeek), desc(tierHistory.id))
    .limit(50);
}

/** Weekly totals from the rollup, never from raw order lines: only the weeks with orders. */
export async function findWeeklyTotals(db: Db, retailerId: number, weeks: { fromWeek: string; toWeek: string }) {
  return db
    .select({
      weekStart: retailerWeekly.weekStart,
      quantity: retailerWeekly.quantity,
      amountFen: retailerWeekly.amountFen,
    })
    .from(retailerWeekly)
    .where(
      and(eq(retailerWeekly.retailerId, retailerId), between(retailerWeekly.weekStart, weeks.fromWeek, weeks.toWeek)),
    )
    .orderBy(retailerWeekly.weekStart);
}

export async function findTopProducts(
  db: Db,
  retailerId: number,
  weeks: { fromWeek: string; toWeek: string },
  limit: number,
) {
  return db
    .select({
      productId: salesWeekly.productId,
      brand: products.brand,
      name: products.name,
      quantity: sql<number>`sum(${salesWeekly.quantity})`.mapWith(Number),
      amountFen: sql<number>`sum(${salesWeekly.amountFen})`.mapWith(Number),
    })
    .from(salesWeekly)
    .innerJoin(products, eq(products.id, salesWeekly.productId))
    .where(and(eq(salesWeekly.retailerId, retailerId), between(salesWeekly.weekStart, weeks.fromWeek, weeks.toWeek)))
    .groupBy(salesWeekly.productId, products.brand, products.name)
    .orderBy(desc(sql`sum(${salesWeekly.quantity})`), salesWeekly.productId)
    .limit(limit);
}

/** A customer manager's name, only when the scope holds at least one of their retailers (else it stays private). */
export async function findManagerWithRetailersInScope(db: Db, scope: SQL, managerId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.id, managerId),
        sql`exists (select 1 from ${retailers} where ${scope} and ${retailers.managerId} = ${managerId})`,
      ),
    )
    .limit(1);
  return row ?? null;
}
