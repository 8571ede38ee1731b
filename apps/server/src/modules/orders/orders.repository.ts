import type { LineEventOrigin, SupplyMode, TierLimit } from '@siyi/contracts';
import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  orderLimits,
  orderLineEvents,
  orderLines,
  orderProposalLines,
  orderProposals,
  orderSuggestions,
  orders,
  products,
  retailerStock,
  retailers,
  salesWeekly,
  scarceRequests,
  supplyStrategies,
  supplyStrategyOutlets,
  supplyWeeks,
  users,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';

type Reader = Db | Tx;

export interface OrderRetailer {
  id: number;
  districtId: number;
  managerId: number | null;
  tier: number;
  orderWeekday: number;
  shopName: string;
  status: string;
}

const retailerColumns = {
  id: retailers.id,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  tier: retailers.tier,
  orderWeekday: retailers.orderWeekday,
  shopName: retailers.shopName,
  status: retailers.status,
};

export async function findRetailerInScope(db: Reader, scope: SQL, retailerId: number): Promise<OrderRetailer | null> {
  const [row] = await db
    .select(retailerColumns)
    .from(retailers)
    .where(and(scope, eq(retailers.id, retailerId)))
    .limit(1);
  return row ?? null;
}

/** A district's active retailers after `afterId`, by id: one batch of a fan-out. */
export async function findActiveRetailersAfter(
  db: Reader,
  districtId: number,
  afterId: number,
  limit: number,
): Promise<OrderRetailer[]> {
  return db
    .select(retailerColumns)
    .from(retailers)
    .where(and(eq(retailers.districtId, districtId), eq(retailers.status, 'active'), gt(retailers.id, afterId)))
    .orderBy(asc(retailers.id))
    .limit(limit);
}

export async function findSupplyWeek(db: Reader, week: string, districtId: number) {
  const [row] = await db
    .select()
    .from(supplyWeeks)
    .where(and(eq(supplyWeeks.weekStart, week), eq(supplyWeeks.districtId, districtId)))
    .limit(1);
  return row ?? null;
}

export interface StrategyRow {
  productId: number;
  mode: SupplyMode;
  tierLimits: TierLimit[];
  supply: number | null;
}

export async function findStrategies(db: Reader, week: string, districtId: number): Promise<StrategyRow[]> {
  return db
    .select({
      productId: supplyStrategies.productId,
      mode: supplyStrategies.mode,
      tierLimits: supplyStrategies.tierLimits,
      supply: supplyStrategies.supply,
    })
    .from(supplyStrategies)
    .where(and(eq(supplyStrategies.weekStart, week), eq(supplyStrategies.districtId, districtId)))
    .orderBy(asc(supplyStrategies.productId));
}

export async function findOutlets(db: Reader, week: string, districtId: number) {
  return db
    .select({ productId: supplyStrategyOutlets.productId, retailerId: supplyStrategyOutlets.retailerId })
    .from(supplyStrategyOutlets)
    .where(and(eq(supplyStrategyOutlets.weekStart, week), eq(supplyStrategyOutlets.districtId, districtId)));
}

export type ProductRow = Pick<
  typeof products.$inferSelect,
  'id' | 'code' | 'brand' | 'name' | 'spec' | 'priceClass' | 'wholesalePriceFen' | 'status'
>;

export async function findProducts(db: Reader, ids: number[]): Promise<Map<number, ProductRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: products.id,
      code: products.code,
      brand: products.brand,
      name: products.name,
      spec: products.spec,
      priceClass: products.priceClass,
      wholesalePriceFen: products.wholesalePriceFen,
      status: products.status,
    })
    .from(products)
    .where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** order_limits that apply to a retailer (its district or company-wide, its tier): the smallest per product. */
export async function findOrderLimits(db: Reader, retailer: OrderRetailer): Promise<Map<number, number>> {
  const rows = await db
    .select({ productId: orderLimits.productId, max: sql<number>`min(${orderLimits.maxCartons})::int` })
    .from(orderLimits)
    .where(
      sql`(${orderLimits.districtId} is null or ${orderLimits.districtId} = ${retailer.districtId}) and ${retailer.tier} between ${orderLimits.tierFrom} and ${orderLimits.tierTo}`,
    )
    .groupBy(orderLimits.productId);
  return new Map(rows.map((r) => [r.productId, r.max]));
}

export async function findOrder(db: Reader, retailerId: number, week: string) {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.retailerId, retailerId), eq(orders.weekStart, week)))
    .limit(1);
  return row ?? null;
}

/**
 * The retailer's order of the week, created as an empty draft if missing, locked for the rest of the transaction:
 * every write to one retailer's week queues here, so limits and the idempotency check see committed state.
 */
export async function lockOrder(tx: Tx, retailer: OrderRetailer, week: string, actorId: number, at: Date) {
  await tx
    .insert(orders)
    .values({
      retailerId: retailer.id,
      districtId: retailer.districtId,
      weekStart: week,
      status: 'draft',
      createdByUserId: actorId,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: [orders.retailerId, orders.weekStart] });
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.retailerId, retailer.id), eq(orders.weekStart, week)))
    .for('update');
  if (!row) throw new Error('order vanished under lock');
  return row;
}

export type LineRow = typeof orderLines.$inferSelect;

export async function findLines(db: Reader, orderId: number): Promise<LineRow[]> {
  return db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.id));
}

export type RequestRow = typeof scarceRequests.$inferSelect;

export async function findRequests(db: Reader, retailerId: number, week: string): Promise<RequestRow[]> {
  return db
    .select()
    .from(scarceRequests)
    .where(and(eq(scarceRequests.retailerId, retailerId), eq(scarceRequests.weekStart, week)))
    .orderBy(asc(scarceRequests.productId));
}

/** The latest origin event of each line (how its current quantity came about). */
export async function findLineOrigins(db: Reader, orderId: number): Promise<Map<number, LineEventOrigin>> {
  const rows = await db.execute<{ order_line_id: string; origin: LineEventOrigin }>(sql`
    select distinct on (order_line_id) order_line_id, origin from ${orderLineEvents}
    where order_id = ${orderId} and order_line_id is not null and kind = 'set'
    order by order_line_id, id desc`);
  return new Map(rows.rows.map((r) => [Number(r.order_line_id), r.origin]));
}

export async function findSuggestionQuantities(db: Reader, retailerId: number, week: string) {
  const rows = await db
    .select({ productId: orderSuggestions.productId, quantity: orderSuggestions.quantity })
    .from(orderSuggestions)
    .where(and(eq(orderSuggestions.retailerId, retailerId), eq(orderSuggestions.weekStart, week)));
  return new Map(rows.map((r) => [r.productId, r.quantity]));
}

export async function findLastWeeks(db: Reader, retailerId: number, weeks: string[]) {
  if (weeks.length === 0) return [];
  return db
    .select({ productId: salesWeekly.productId, week: salesWeekly.weekStart, quantity: salesWeekly.quantity })
    .from(salesWeekly)
    .where(and(eq(salesWeekly.retailerId, retailerId), inArray(salesWeekly.weekStart, weeks)));
}

export async function findStock(db: Reader, retailerId: number) {
  const rows = await db
    .select({ productId: retailerStock.productId, cartons: retailerStock.cartons })
    .from(retailerStock)
    .where(eq(retailerStock.retailerId, retailerId));
  return new Map(rows.map((r) => [r.productId, r.cartons]));
}

export interface ProposalRow {
  id: number;
  retailerId: number;
  districtId: number;
  managerId: number;
  weekStart: string;
  status: 'pending' | 'accepted' | 'rejected' | 'expired';
  codeHash: string;
  codeExpiresAt: Date;
  codeFailures: number;
  createdAt: Date;
  decidedAt: Date | null;
  decidedVia: 'portal' | 'code' | null;
  retailerManagerId: number | null;
}

/** A proposal whose retailer is in scope (the caller's scope SQL is on retailers). */
export async function findProposalInScope(db: Reader, scope: SQL, id: number): Promise<ProposalRow | null> {
  const [row] = await db
    .select({
      id: orderProposals.id,
      retailerId: orderProposals.retailerId,
      districtId: orderProposals.districtId,
      managerId: orderProposals.managerId,
      weekStart: orderProposals.weekStart,
      status: orderProposals.status,
      codeHash: orderProposals.codeHash,
      codeExpiresAt: orderProposals.codeExpiresAt,
      codeFailures: orderProposals.codeFailures,
      createdAt: orderProposals.createdAt,
      decidedAt: orderProposals.decidedAt,
      decidedVia: orderProposals.decidedVia,
      retailerManagerId: retailers.managerId,
    })
    .from(orderProposals)
    .innerJoin(retailers, eq(retailers.id, orderProposals.retailerId))
    .where(and(scope, eq(orderProposals.id, id)))
    .limit(1);
  return row ?? null;
}

export async function lockProposal(tx: Tx, id: number) {
  const [row] = await tx.select().from(orderProposals).where(eq(orderProposals.id, id)).for('update');
  return row ?? null;
}

export async function findProposalLines(db: Reader, proposalIds: number[]) {
  if (proposalIds.length === 0) return [];
  return db
    .select({
      id: orderProposalLines.id,
      proposalId: orderProposalLines.proposalId,
      productId: orderProposalLines.productId,
      productName: products.name,
      quantity: orderProposalLines.quantity,
      pressuredAt: orderProposalLines.pressuredAt,
    })
    .from(orderProposalLines)
    .innerJoin(products, eq(products.id, orderProposalLines.productId))
    .where(inArray(orderProposalLines.proposalId, proposalIds))
    .orderBy(asc(orderProposalLines.id));
}

export async function findProposals(db: Reader, retailerId: number, week: string) {
  return db
    .select()
    .from(orderProposals)
    .where(and(eq(orderProposals.retailerId, retailerId), eq(orderProposals.weekStart, week)))
    .orderBy(asc(orderProposals.id));
}

/** The order line in the retailer's scope, with its order (404 otherwise). */
export async function findLineInScope(db: Reader, scope: SQL, lineId: number) {
  const [row] = await db
    .select({
      id: orderLines.id,
      orderId: orderLines.orderId,
      productId: orderLines.productId,
      quantity: orderLines.quantity,
      proposalLineId: orderLines.proposalLineId,
      retailerId: orders.retailerId,
      weekStart: orders.weekStart,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .innerJoin(retailers, eq(retailers.id, orders.retailerId))
    .where(and(scope, eq(orderLines.id, lineId)))
    .limit(1);
  return row ?? null;
}

/** The retailer's own sign-in account (its notifications go there). */
export async function findRetailerUserId(db: Reader, retailerId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.retailerId, retailerId), eq(users.role, 'retailer')))
    .orderBy(asc(users.id))
    .limit(1);
  return row?.id ?? null;
}
