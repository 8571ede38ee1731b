import { RETAILER_SEARCH_COUNT_CAP, type RetailerSort } from '@siyi/contracts';
import { and, between, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { executeNamed } from '../../db/named-statement';
import { orgUnits, products, retailers, retailerWeekly, salesWeekly, tierHistory, users } from '../../db/schema';
import { countMemo, listVersion, versionedCount } from '../../lib/list-count-cache';
import { lruPerHandle } from '../../lib/lru-map';
import {
  type RetailerFilters,
  retailerFilterConditions,
  retailerListWhere,
  retailerOrder,
} from './retailer-filter-sql';

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
 * the order (migrations 0003, 0004 and 0012: overall, per district, per manager, per tier, status and format) and
 * only the page's own rows and managers are fetched; one extra id tells whether another page follows.
 *
 * One statement answers both the page and the total (the total rides on every row; an empty page past the end
 * asks for it alone). The total is a count of its own — a `count(*) over ()` would read and sort every match to
 * answer 20 rows — exact, except a search's, which stops past RETAILER_SEARCH_COUNT_CAP (`searchPage`). A list
 * without a search counts only when the retailers changed since the last count of the same WHERE
 * (lib/list-count-cache.ts): the statement answers the version it read, and the total it used is exact for it.
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
  const searching = Boolean(filters.q?.trim());
  const window: PageWindow = {
    order,
    after: page.after ? order.after(page.after) : undefined,
    limit: page.limit + 1,
    offset: page.after ? 0 : page.offset,
    position: JSON.stringify([page.sort, page.after ?? null, page.after ? 0 : page.offset, page.limit]),
  };
  const { pageRows, total } = searching
    ? await searchPage(
        db,
        {
          where,
          list: retailerListWhere(scope, { ...filters, q: undefined }, today),
          search: and(...retailerFilterConditions({ q: filters.q }, today)) as SQL,
        },
        window,
      )
    : await listPageRows(db, where, window);
  const more = pageRows.length > page.limit;
  const shown = more ? pageRows.slice(0, page.limit) : pageRows;
  const last = shown.at(-1);
  const rows = shown.map(({ k0: _k0, k1: _k1, total: _total, version: _version, way: _way, ...row }) => row);
  const totalCapped = searching && total > RETAILER_SEARCH_COUNT_CAP;
  return {
    rows,
    total: totalCapped ? RETAILER_SEARCH_COUNT_CAP : total,
    totalCapped,
    nextKey: more && last ? order.keyOf(last) : null,
  };
}

interface PageWindow {
  order: ReturnType<typeof retailerOrder>;
  /** The keyset condition (rows after the cursor), if any. */
  after: SQL | undefined;
  limit: number;
  offset: number;
  /** The page's place in the list, as text: its order, cursor, offset and size. */
  position: string;
}

/**
 * The columns of a page row: the retailer's summary, its sort keys, and the total, version and way (a search's:
 * which of its ways answered, `SearchWay`) "page" carries.
 */
const pageColumns = {
  ...summaryColumns,
  k0: sql`"page"."k0"`,
  k1: sql`"page"."k1"`,
  total: sql<number | null>`"page"."total"`,
  version: sql<number | null>`"page"."version"`,
  way: sql<number | null>`"page"."way"`,
};

const pageOrderOf = (order: PageWindow['order']) =>
  order.pageOrder(sql`"page"."k0"`, sql`"page"."k1"`, sql`"page"."id"`);

/** The page's rows from `source` (a subquery "page": ids, sort keys k0 and k1, total, version), in the order. */
function selectPage(db: Db, source: SQL, order: PageWindow['order']) {
  return db
    .select(pageColumns)
    .from(source)
    .innerJoin(retailers, eq(retailers.id, sql`"page"."id"`))
    .leftJoin(manager, eq(manager.id, retailers.managerId))
    .orderBy(pageOrderOf(order));
}

type PageRow = Awaited<ReturnType<typeof selectPage>>[number];

/**
 * A LIMIT written into the statement's text, not bound: a prepared statement's generic plan takes a bound limit
 * for a tenth of its input (thousands of rows for a page of 21) and may then join the page to every retailer by
 * hashing the whole table (23 ms for 店, against 0.5 ms by the primary key). The page size and the count's stop
 * are a few fixed numbers, so the texts stay few; the offset, which varies, stays bound.
 */
function rowCount(n: number): SQL {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return sql.raw(String(n));
}

/**
 * The ids and sort keys (k0, k1; k1 null when the order has one key) of the page from `source` in the order,
 * with the `extra` columns after them.
 */
function pageIdsFrom(source: SQL, where: SQL | undefined, w: PageWindow, extra?: SQL): SQL {
  const k0 = w.order.keyColumns.k0;
  const k1 = w.order.keyColumns.k1 ?? sql`null::text`;
  const more = extra ? sql`, ${extra}` : sql``;
  return sql`select ${retailers.id} as "id", ${k0} as "k0", ${k1} as "k1"${more} from ${source}
    where ${and(where, w.after) ?? sql`true`} order by ${w.order.orderBy} limit ${rowCount(w.limit)} offset ${w.offset}`;
}

/**
 * How many matches a list without a search sorts in memory instead of walking its order's index. The walk reads
 * rows in the order until the page is full, testing each: cheap when matches are everywhere in it, but a selective
 * filter the index does not serve (a supervisor's active retailers with lapsed licences: 83 of the 7,700 active
 * ones the walk tests) makes it read thousands; its few matches, read through the filter's own indexes and
 * sorted, cost a fraction of that. A customer manager's few hundred retailers cost about the same either way.
 */
export const LIST_SORT_IN_MEMORY_ROWS = 1000;

/**
 * A list without a search, in one statement: the exact count once — or the cached one, when the retailers'
 * version is still the one it was counted at — then the page from the order's index, or, when the matches are at
 * most LIST_SORT_IN_MEMORY_ROWS, from the matches themselves, sorted (each part is a one-time filter on the count,
 * so only one of them runs). Both give the plain ordered query's rows. The total rides on every row; an empty
 * page past the end asks for it alone.
 */
async function listPageRows(db: Db, where: SQL, w: PageWindow) {
  const memo = countMemo(db, 'retailers', where);
  const few = LIST_SORT_IN_MEMORY_ROWS;
  const total = sql`(select "total" from "counted")`;
  const extra = sql`${total} as "total", (select "version" from "counted") as "version", null::int as "way"`;
  const count = sql`(select count(*) from ${retailers} where ${where})`;
  // Only the order's columns: an index holding them and the filter's (a tier's, a manager's) answers alone.
  const fromMatches = pageIdsFrom(sql`"matches" "retailers"`, sql`${total} <= ${few}`, w, extra);
  const fromIndex = pageIdsFrom(sql`${retailers}`, and(sql`${total} > ${few}`, where), w, extra);
  // The version is read once; the count (an InitPlan) runs only when it moved since `cached`.
  const version = sql`"read"."version"`;
  const source = sql`(with "counted" as (select ${versionedCount(version, count, memo.cached)} as "total",
        ${version} as "version" from (select ${listVersion('retailers')} as "version") "read"),
      "matches" as materialized (select ${w.order.columns} from ${retailers} where ${where})
    (${fromMatches}) union all (${fromIndex})) "page"`;
  const pageRows = await selectPage(db, source, w.order);
  const listTotal = await totalOf(db, pageRows, where, w);
  memo.remember(pageRows[0]?.version, listTotal);
  return { pageRows, total: listTotal };
}

/**
 * The total a page's rows carry; with no row, 0 on a first page (no match at all) and past the end the number of
 * matches alone — a search's counted one past the cap, as its statement counts them.
 */
async function totalOf(db: Db, pageRows: PageRow[], where: SQL, w: PageWindow, cap?: number): Promise<number> {
  if (pageRows[0] !== undefined) return Number(pageRows[0].total);
  if (w.after === undefined && w.offset === 0) return 0;
  const limit = cap === undefined ? sql`` : sql` limit ${cap + 1}`;
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(sql`(select 1 from ${retailers} where ${where}${limit}) "matches"`);
  return row?.total ?? 0;
}

/**
 * How many rows of the list's order (scope and filters, the search left out) a search walks to fill its page before
 * it reads every match instead: `searchPage`. It walks only past SEARCH_READ_ALL_ROWS matches, 1 in 30 of 30,000
 * retailers; one spread evenly over the order fills a page (21 rows) within ~630 rows — the common terms people
 * type first (two or three pinyin initials match thousands). A term clustered in the order (小卖部 among the low
 * tiers of a tier order) does not; the read of its matches, sorted, then answers. A page asked by number walks 30
 * more rows for each row it skips.
 */
export const SEARCH_WALK_ROWS = 1000;

/**
 * How many matches a search counts before it stops, and up to how many it reads and sorts for its page rather than
 * walk the order for them. The list shows an exact total only up to RETAILER_SEARCH_COUNT_CAP, but under about
 * 1,000 matches among 30,000 retailers a walk tests ~630 rows of the order or more to fill a page, and a walked row
 * costs more than a read match (its index entry, its row and the test): 建国's 426 matches are read and sorted in
 * 0.85 ms, the walk for them took 1.7 ms (EXPLAIN ANALYZE, generic plan, median of 15). Counting that far costs a
 * common term ~1 ms more than stopping at the cap, so a search's first run stops at the cap (RETAILER_SEARCH_COUNT_CAP)
 * and only a search asked again counts on, once per version of the retailers: from then on its cached count says
 * whether to read its matches or walk.
 */
export const SEARCH_READ_ALL_ROWS = 1000;

/** A search's WHERE whole, and in two parts: the list's (scope and filters) and the search term's condition. */
interface SearchWhere {
  where: SQL;
  list: SQL;
  search: SQL;
}

/**
 * A search, in one statement of up to three ways, each a one-time filter on the one before, so only one answers
 * and the others never run:
 *
 * 1. Its matches are read through the search indexes (bitmap: the trigram GINs, the Han pairs) and counted up to
 *    one past the cap shown, or past SEARCH_READ_ALL_ROWS for a search asked before — the count stops there, as a
 *    condition no index can narrow (one Chinese character makes no trigram and no pair) would otherwise test every
 *    retailer in scope. When they are all
 *    there, the page is sorted out of them, so a rarer term is looked up once, not once for the page and once for
 *    the count. The same search asked again while the retailers' version has not moved (the next page, the list
 *    again after a retailer was opened) takes the count it answered then (lib/list-count-cache.ts, searches' own
 *    cache) instead: past its stop, its matches are then not read at all when step 2 fills the page.
 * 2. Past the stop the matches are many and mostly spread along the order: the first SEARCH_WALK_ROWS rows of the
 *    list's order (its index, as a list without a search reads it; after the cursor) are tested, and when they hold the
 *    whole page (offset and one extra row included) the page is theirs. A page whose walk came back short skips
 *    it while the version stands (`searchWalkMisses`).
 * 3. Otherwise the matches are clustered away from the start of the order: the read of step 1 goes on to every
 *    match (the CTE is read once, lazily, so the rows already counted are not read again) and the page is sorted
 *    out of them in memory.
 *
 * All three give the rows the plain ordered query gives: step 2's walk holds every row of the order up to its
 * last, so its first matches are the order's first. The matches are named "retailers" so the order's keys, the
 * cursor's condition and the search's condition read their columns.
 *
 * A named statement (executeNamed): planning this statement cost about what running it costs (the retailers table
 * has two dozen indexes to weigh), and its plan does not depend on the term — retailerFilterConditions writes a
 * search condition every index reading of which narrows, whatever the term.
 */
async function searchPage(db: Db, where: SearchWhere, w: PageWindow): Promise<{ pageRows: PageRow[]; total: number }> {
  const memo = countMemo(db, 'retailers', where.where, 'search');
  // A first search counts to the cap shown; asked again (any version), it counts on to SEARCH_READ_ALL_ROWS.
  const seen = memo.cached;
  const cap = seen === undefined ? RETAILER_SEARCH_COUNT_CAP : SEARCH_READ_ALL_ROWS;
  // A cached count answers for this stop when it is exact under it, or was counted as far.
  const known = seen !== undefined && (seen.total <= RETAILER_SEARCH_COUNT_CAP || seen.stop === cap) ? seen : undefined;
  const misses = searchWalkMisses(db);
  const missKey = `${memo.key}\n${w.position}`;
  const missedAt = misses.get(missKey);
  const total = sql`(select "total" from "counted")`;
  const answered = sql`${total} as "total", (select "version" from "counted") as "version"`;
  const way = (n: SearchWay) => sql`${answered}, ${sql.raw(String(n))} as "way"`;
  const matches = sql`select ${w.order.columns} from ${retailers} where ${where.where}`;
  const count = sql`(select count(*) from (select from "matches" limit ${rowCount(cap + 1)}) "first")`;
  // No walk (a limit of 0 rows: the same statement) where this very page's last walk came back short.
  const walkRows = missedAt === undefined ? SEARCH_WALK_ROWS + 30 * w.offset : 0;
  const walked = sql`select ${w.order.columns}, ${retailers.searchText}, ${retailers.searchPinyin} from ${retailers}
    where ${and(sql`${total} > ${cap}`, where.list, w.after)} order by ${w.order.orderBy} limit ${walkRows}`;
  const walkedPage = pageIdsFrom(sql`(${walked}) "retailers"`, where.search, { ...w, after: undefined }, way(2));
  const walkFilled = sql`(select count(*) from "walked_page") = ${w.limit}`;
  const fromCounted = pageIdsFrom(sql`"matches" "retailers"`, sql`${total} <= ${cap}`, w, way(1));
  const fromAll = pageIdsFrom(sql`"matches" "retailers"`, sql`${total} > ${cap} and not ${walkFilled}`, w, way(3));
  // The version is read once; the count runs only when it moved since the cached one (as a list's does).
  const version = sql`"read"."version"`;
  const source = sql`(with "matches" as materialized (${matches}),
      "counted" as (select ${versionedCount(version, count, known)} as "total", ${version} as "version"
        from (select ${listVersion('retailers')} as "version") "read"),
      "walked_page" as materialized (${walkedPage})
    (${fromCounted}) union all (select * from "walked_page" where ${walkFilled}) union all (${fromAll})) "page"`;
  const pageRows = await executeNamed(selectPage(db, source, w.order));
  const counted = await totalOf(db, pageRows, where.where, w, cap);
  const first = pageRows[0];
  memo.remember(first?.version, counted, cap);
  // Kept only while the retailers stay at the version it was seen at; a move walks again.
  if (first?.way === 3 && first.version !== null && (missedAt === undefined || missedAt === Number(first.version))) {
    misses.set(missKey, Number(first.version));
  } else if (missedAt !== undefined) {
    misses.delete(missKey);
  }
  return { pageRows, total: Math.min(counted, RETAILER_SEARCH_COUNT_CAP + 1) };
}

/** Which way of `searchPage` answered a page: 1 its counted matches, 2 the walk, 3 all its matches, sorted. */
type SearchWay = 1 | 2 | 3;

/**
 * How many search pages remember that their walk came back short. A page whose walk found fewer than its rows
 * (小卖部 in a tier order: its matches are at the low tiers, past the walk's rows from the top) reads all its
 * matches next time without walking first: the same rows, the walk's cost saved. Per page: a later page's walk
 * (its cursor deeper in the order) may well fill.
 */
export const SEARCH_WALK_MISSES = 500;

/** The pages of searches on a database handle whose walk came back short, each with the version it was seen at. */
export const searchWalkMisses = lruPerHandle<number>(SEARCH_WALK_MISSES);

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
