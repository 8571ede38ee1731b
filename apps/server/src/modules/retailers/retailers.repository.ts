import { RETAILER_SEARCH_COUNT_CAP, type RetailerSort } from '@siyi/contracts';
import { and, between, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, products, retailers, retailerWeekly, salesWeekly, tierHistory, users } from '../../db/schema';
import { type RetailerFilters, retailerListWhere, retailerOrder } from './retailer-filter-sql';

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
  licenceValidTo: retailers.licenceValidTo,
};

export type { RetailerFilters } from './retailer-filter-sql';

/**
 * One page of the filtered list in `sort`'s order, the number of matches and the cursor of the next page.
 *
 * Keyset paging: with a `cursor` the page starts right after the row it marks (a condition on the order's own
 * index, so page 500 costs what page 1 does, and rows added or removed meanwhile never shift a page); without one
 * `offset` counts rows from the start, as older callers ask by page number. The page's ids come from an index on
 * the order (migrations 0003 and 0004: overall, per district, per manager, per tier, status and format) and only
 * the page's own rows and managers are fetched; one extra id tells whether another page follows.
 *
 * The total is a separate count — a `count(*) over ()` would read and sort every match to answer 20 rows — exact,
 * except a search's, which stops past RETAILER_SEARCH_COUNT_CAP.
 */
export async function findRetailersInScope(
  db: Db,
  scope: SQL,
  filters: RetailerFilters,
  page: { sort: RetailerSort; after?: (string | number | null)[] | undefined; offset: number; limit: number },
  today: string,
) {
  const where = retailerListWhere(scope, filters, today);
  const order = retailerOrder(page.sort);
  const pageIds = db
    .select({ id: retailers.id, ...mapKeyColumns(order.keyColumns) })
    .from(retailers)
    .where(page.after ? and(where, order.after(page.after)) : where)
    .orderBy(order.orderBy)
    .limit(page.limit + 1)
    .offset(page.after ? 0 : page.offset)
    .as('page');
  // A search's count stops one past the cap: a LIKE no index can narrow (one or two Chinese characters make no
  // trigram) would otherwise test every retailer in scope for each page.
  const matchesUpToCap = db
    .select({ one: sql`1`.as('one') })
    .from(retailers)
    .where(where)
    .limit(RETAILER_SEARCH_COUNT_CAP + 1)
    .as('matches');
  const searching = Boolean(filters.q?.trim());
  const [pageRows, counted] = await Promise.all([
    db
      .select({ ...summaryColumns, k0: pageIds.k0, k1: pageIds.k1 })
      .from(pageIds)
      .innerJoin(retailers, eq(retailers.id, pageIds.id))
      .leftJoin(manager, eq(manager.id, retailers.managerId))
      .orderBy(order.pageOrder(pageIds.k0, pageIds.k1, pageIds.id)),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(searching ? matchesUpToCap : retailers)
      .where(searching ? undefined : where),
  ]);
  const more = pageRows.length > page.limit;
  const shown = more ? pageRows.slice(0, page.limit) : pageRows;
  const last = shown.at(-1);
  const rows = shown.map(({ k0: _k0, k1: _k1, ...row }) => row);
  const total = counted[0]?.total ?? 0;
  const totalCapped = searching && total > RETAILER_SEARCH_COUNT_CAP;
  return {
    rows,
    total: totalCapped ? RETAILER_SEARCH_COUNT_CAP : total,
    totalCapped,
    nextKey: more && last ? order.keyOf(last) : null,
  };
}

/** The order's key columns, named k0 and k1 in the page subquery (k1 is null when the order has one key). */
function mapKeyColumns(columns: Record<string, SQL>) {
  return {
    k0: sql`${columns.k0}`.as('k0'),
    k1: (columns.k1 ? sql`${columns.k1}` : sql`null::text`).as('k1'),
  };
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
