import type { OrderFrequency } from '@siyi/contracts';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orderSuggestions, products, retailerStock, retailers, suggestionRuns } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/**
 * Suggestion runs for one ordering week serialise on a transaction-scoped advisory lock: the city job and a
 * recompute for one retailer never interleave their replace-the-rows, so the last one to commit is whole.
 */
export async function lockWeek(tx: Tx, week: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`siyi:suggestions:${week}`}))`);
}

/**
 * The city run reads and writes the whole city in one transaction: its statements may take longer than a web
 * request's limit (15 s) on a busy machine, so the transaction lifts it for itself.
 */
export async function allowLongStatements(tx: Tx): Promise<void> {
  await tx.execute(sql`set local statement_timeout = '10min'`);
}

export interface RetailerForSuggestion {
  id: number;
  districtId: number;
  managerId: number | null;
  tier: number;
  businessFormat: string;
  orderFrequency: OrderFrequency;
  status: string;
}

const retailerColumns = {
  id: retailers.id,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  tier: retailers.tier,
  businessFormat: retailers.businessFormat,
  orderFrequency: retailers.orderFrequency,
  status: retailers.status,
};

export async function findRetailerInScope(
  db: Db | Tx,
  scope: SQL,
  retailerId: number,
): Promise<RetailerForSuggestion | undefined> {
  const [row] = await db
    .select(retailerColumns)
    .from(retailers)
    .where(and(scope, eq(retailers.id, retailerId)))
    .limit(1);
  return row;
}

/** Every active retailer (the city run), in id order. */
export async function findActiveRetailers(db: Db | Tx): Promise<RetailerForSuggestion[]> {
  return db.select(retailerColumns).from(retailers).where(eq(retailers.status, 'active')).orderBy(asc(retailers.id));
}

export interface SeriesRow {
  retailerId: number;
  productId: number;
  /** Week offsets (0 = fromWeek) and cartons of the weeks with counted orders, ascending. */
  weeks: number[];
  quantities: number[];
}

/**
 * The weekly rollup (never raw order lines) of the given retailers (null: every active retailer) from
 * `fromWeek` to `toWeek`, one row per retailer × product that was ordered in the window, sparse: weeks without
 * orders are absent and mean zero. Discontinued products are left out: nothing can be ordered of them.
 */
export async function readSeries(
  db: Db | Tx,
  window: { fromWeek: string; toWeek: string },
  retailerIds: readonly number[] | null,
): Promise<SeriesRow[]> {
  const only = retailerIds === null ? sql`true` : sql`s.retailer_id = any(${sql.param([...retailerIds])}::int[])`;
  const result = await db.execute<{ retailer_id: number; product_id: number; weeks: number[]; quantities: number[] }>(
    sql`
    select s.retailer_id, s.product_id,
           array_agg(((s.week_start - ${window.fromWeek}::date) / 7)::int order by s.week_start) as weeks,
           array_agg(s.quantity order by s.week_start) as quantities
    from sales_weekly s
    join products p on p.id = s.product_id and p.status = 'active'
    join retailers r on r.id = s.retailer_id and r.status = 'active'
    where s.week_start between ${window.fromWeek}::date and ${window.toWeek}::date and s.quantity > 0 and ${only}
    group by s.retailer_id, s.product_id
    order by s.retailer_id, s.product_id`,
  );
  return result.rows.map((row) => ({
    retailerId: row.retailer_id,
    productId: row.product_id,
    weeks: row.weeks,
    quantities: row.quantities,
  }));
}

export interface StockRow {
  retailerId: number;
  productId: number;
  cartons: number;
  reportedAt: Date;
}

/** Stock on hand reported at or after `since` (older reports are stale and not used). */
export async function readStock(db: Db | Tx, since: Date, retailerIds: readonly number[] | null): Promise<StockRow[]> {
  const only = retailerIds === null ? sql`true` : sql`retailer_id = any(${sql.param([...retailerIds])}::int[])`;
  const result = await db.execute<{ retailer_id: number; product_id: number; cartons: number; reported_at: Date }>(
    sql`select retailer_id, product_id, cartons, reported_at from retailer_stock
        where reported_at >= ${since.toISOString()}::timestamptz and ${only}`,
  );
  return result.rows.map((r) => ({
    retailerId: r.retailer_id,
    productId: r.product_id,
    cartons: r.cartons,
    reportedAt: new Date(r.reported_at),
  }));
}

export interface LimitRow {
  productId: number;
  districtId: number | null;
  tierFrom: number;
  tierTo: number;
  maxCartons: number;
}

export async function readLimits(db: Db | Tx): Promise<LimitRow[]> {
  const result = await db.execute<{
    product_id: number;
    district_id: number | null;
    tier_from: number;
    tier_to: number;
    max_cartons: number;
  }>(sql`select product_id, district_id, tier_from, tier_to, max_cartons from order_limits`);
  return result.rows.map((r) => ({
    productId: r.product_id,
    districtId: r.district_id,
    tierFrom: r.tier_from,
    tierTo: r.tier_to,
    maxCartons: r.max_cartons,
  }));
}

export async function insertRun(tx: Tx, values: typeof suggestionRuns.$inferInsert): Promise<number> {
  const [row] = await tx.insert(suggestionRuns).values(values).returning({ id: suggestionRuns.id });
  if (!row) throw new Error('suggestion run not inserted');
  return row.id;
}

export interface SuggestionRowToStore {
  retailerId: number;
  districtId: number;
  productId: number;
  quantity: number;
  low: number;
  high: number;
  method: string;
  history: number[];
  inputs: Record<string, unknown>;
}

/** A run's row count and end, once its rows are written. */
export async function finishRun(tx: Tx, runId: number, suggestionCount: number, finishedAt: Date): Promise<void> {
  await tx.update(suggestionRuns).set({ suggestionCount, finishedAt }).where(eq(suggestionRuns.id, runId));
}

/** Removes the week's suggestions of the given retailers (null: all of them) before a run writes its own. */
export async function deleteWeek(tx: Tx, week: string, retailerIds: readonly number[] | null): Promise<void> {
  await tx
    .delete(orderSuggestions)
    .where(
      retailerIds === null
        ? eq(orderSuggestions.weekStart, week)
        : and(eq(orderSuggestions.weekStart, week), inArray(orderSuggestions.retailerId, [...retailerIds])),
    );
}

const INSERT_CHUNK = 20_000;

/**
 * The rows in chunks of one statement each: one JSON parameter unpacked by jsonb_to_recordset, not a round trip
 * per row (the city's 100,000-odd rows in a handful of statements).
 */
export async function insertSuggestions(
  tx: Tx,
  run: { runId: number; week: string; modelVersion: string; computedAt: Date },
  rows: readonly SuggestionRowToStore[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const payload = JSON.stringify(
      rows.slice(start, start + INSERT_CHUNK).map((r) => ({
        r: r.retailerId,
        d: r.districtId,
        p: r.productId,
        q: r.quantity,
        l: r.low,
        h: r.high,
        m: r.method,
        // The history as an array literal: cast in one step, not unpacked element by element.
        y: `{${r.history.join(',')}}`,
        i: r.inputs,
      })),
    );
    await tx.execute(sql`
      insert into order_suggestions (run_id, retailer_id, district_id, product_id, week_start, quantity, low, high,
                                     method, model_version, history, inputs, computed_at)
      select ${run.runId}, x.r, x.d, x.p, ${run.week}::date, x.q, x.l, x.h, x.m, ${run.modelVersion},
             x.y::int[], x.i, ${run.computedAt.toISOString()}::timestamptz
      from jsonb_to_recordset(${payload}::jsonb) as x(r int, d int, p int, q int, l int, h int, m text, y text, i jsonb)`);
  }
}

export interface StoredSuggestion {
  productId: number;
  productName: string;
  quantity: number;
  low: number;
  high: number;
  method: string;
  modelVersion: string;
  inputs: Record<string, unknown>;
}

/** A retailer's stored suggestions for a week: the largest first, then by product name. */
export async function findSuggestions(db: Db | Tx, retailerId: number, week: string): Promise<StoredSuggestion[]> {
  return db
    .select({
      productId: orderSuggestions.productId,
      productName: products.name,
      quantity: orderSuggestions.quantity,
      low: orderSuggestions.low,
      high: orderSuggestions.high,
      method: orderSuggestions.method,
      modelVersion: orderSuggestions.modelVersion,
      inputs: orderSuggestions.inputs,
    })
    .from(orderSuggestions)
    .innerJoin(products, eq(products.id, orderSuggestions.productId))
    .where(and(eq(orderSuggestions.retailerId, retailerId), eq(orderSuggestions.weekStart, week)))
    .orderBy(desc(orderSuggestions.quantity), asc(products.name), asc(orderSuggestions.productId));
}

/** Whether a run (any scope) already covered this retailer's week, even if it found nothing to suggest. */
export async function hasRunFor(db: Db | Tx, retailerId: number, week: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(sql`
    select exists (
      select 1 from suggestion_runs
      where week_start = ${week}::date and (scope = 'city' or retailer_id = ${retailerId})
    ) as found`);
  return result.rows[0]?.found === true;
}

/**
 * Other shops' series of the given products (for a prior), with each shop's format and tier: the products'
 * established sellers are the similar series of a new shop or a product new to a shop.
 */
export async function readPriorSeries(
  db: Db | Tx,
  window: { fromWeek: string; toWeek: string },
  productIds: readonly number[],
  excludeRetailerId: number,
): Promise<{ rows: SeriesRow[]; shops: Map<number, { businessFormat: string; tier: number }> }> {
  if (productIds.length === 0) return { rows: [], shops: new Map() };
  const result = await db.execute<{
    retailer_id: number;
    product_id: number;
    business_format: string;
    tier: number;
    weeks: number[];
    quantities: number[];
  }>(sql`
    select s.retailer_id, s.product_id, min(r.business_format) as business_format, min(r.tier) as tier,
           array_agg(((s.week_start - ${window.fromWeek}::date) / 7)::int order by s.week_start) as weeks,
           array_agg(s.quantity order by s.week_start) as quantities
    from sales_weekly s
    join retailers r on r.id = s.retailer_id and r.status = 'active'
    where s.week_start between ${window.fromWeek}::date and ${window.toWeek}::date and s.quantity > 0
      and s.product_id = any(${sql.param([...productIds])}::int[]) and s.retailer_id <> ${excludeRetailerId}
    group by s.retailer_id, s.product_id
    order by s.retailer_id, s.product_id`);
  const shops = new Map<number, { businessFormat: string; tier: number }>();
  const rows = result.rows.map((row) => {
    shops.set(row.retailer_id, { businessFormat: row.business_format, tier: row.tier });
    return { retailerId: row.retailer_id, productId: row.product_id, weeks: row.weeks, quantities: row.quantities };
  });
  return { rows, shops };
}

/** Every product's id and wholesale price (gift cartons have their own festival profile). */
export async function readProducts(db: Db | Tx): Promise<Map<number, { id: number; wholesalePriceFen: number }>> {
  const rows = await db.select({ id: products.id, wholesalePriceFen: products.wholesalePriceFen }).from(products);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The latest city run of a week, with its parameters (its festival profiles are reused by one-retailer runs). */
export async function findLatestCityRun(db: Db | Tx, week: string) {
  const [row] = await db
    .select({ id: suggestionRuns.id, parameters: suggestionRuns.parameters })
    .from(suggestionRuns)
    .where(and(eq(suggestionRuns.weekStart, week), eq(suggestionRuns.scope, 'city')))
    .orderBy(desc(suggestionRuns.id))
    .limit(1);
  return row;
}

/** The latest stock count per product replaces the one before. */
export async function upsertStock(tx: Tx, rows: (typeof retailerStock.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(retailerStock)
    .values(rows)
    .onConflictDoUpdate({
      target: [retailerStock.retailerId, retailerStock.productId],
      set: {
        cartons: sql`excluded.cartons`,
        reportedAt: sql`excluded.reported_at`,
        reportedByUserId: sql`excluded.reported_by_user_id`,
      },
    });
}

/**
 * Observed first orders in the window (as `firstOrdersOf` finds them in the city's series): per active retailer ×
 * active product, the cartons of its first week with an order when that week is not the window's first; of the
 * given products, or of every product (null).
 */
export async function readFirstOrders(
  db: Db | Tx,
  window: { fromWeek: string; toWeek: string },
  productIds: readonly number[] | null,
): Promise<{ retailerId: number; productId: number; businessFormat: string; tier: number; quantity: number }[]> {
  if (productIds !== null && productIds.length === 0) return [];
  const only = productIds === null ? sql`true` : sql`s.product_id = any(${sql.param([...productIds])}::int[])`;
  const result = await db.execute<{
    retailer_id: number;
    product_id: number;
    business_format: string;
    tier: number;
    quantity: number;
  }>(sql`
    select s.retailer_id, s.product_id, min(r.business_format) as business_format, min(r.tier) as tier,
           (array_agg(s.quantity order by s.week_start))[1] as quantity
    from sales_weekly s
    join products p on p.id = s.product_id and p.status = 'active'
    join retailers r on r.id = s.retailer_id and r.status = 'active'
    where s.week_start between ${window.fromWeek}::date and ${window.toWeek}::date and s.quantity > 0 and ${only}
    group by s.retailer_id, s.product_id
    having min(s.week_start) > ${window.fromWeek}::date
    order by s.retailer_id, s.product_id`);
  return result.rows.map((r) => ({
    retailerId: r.retailer_id,
    productId: r.product_id,
    businessFormat: r.business_format,
    tier: r.tier,
    quantity: r.quantity,
  }));
}
