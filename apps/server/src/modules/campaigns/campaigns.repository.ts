import type { CampaignGoals, CampaignSegment, GiftStatus } from '@siyi/contracts';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import {
  campaignFeedback,
  campaignIntroductions,
  campaignItems,
  campaignProducts,
  campaigns,
  giftStock,
  gifts,
  orderLines,
  orders,
  orgUnits,
  productKnowledge,
  productPhotos,
  products,
  retailers,
  users,
  visits,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';

type Reader = Db | Tx;

/**
 * Whether the campaign row (`campaigns`) targets the retailer row (`retailers`): active, and in the segment —
 * none (everyone), `rules` (every rule given: tier range AND formats AND districts) or `retailers` (the list).
 * One SQL definition, used by every query that joins campaigns to retailers, so the list, the funnel, the
 * retailer's 新品上市 and the checks on a write cannot disagree about who is targeted.
 */
export const campaignTargetsRetailer: SQL = sql`(${retailers.status} = 'active' and (
  ${campaigns.segment} is null
  or jsonb_typeof(${campaigns.segment}) = 'null'
  or (${campaigns.segment}->>'kind' = 'rules'
      and (jsonb_typeof(${campaigns.segment}->'tiers') is distinct from 'object'
           or ${retailers.tier} between (${campaigns.segment}->'tiers'->>'from')::int
                                and (${campaigns.segment}->'tiers'->>'to')::int)
      and (coalesce(jsonb_array_length(${campaigns.segment}->'formats'), 0) = 0
           or ${campaigns.segment}->'formats' ? ${retailers.businessFormat})
      and (coalesce(jsonb_array_length(${campaigns.segment}->'districtIds'), 0) = 0
           or ${campaigns.segment}->'districtIds' @> to_jsonb(${retailers.districtId})))
  or (${campaigns.segment}->>'kind' = 'retailers'
      and ${campaigns.segment}->'retailerIds' @> to_jsonb(${retailers.id}))
))`;

/** Orders that count as ordered (as the rollups count them): submitted, confirmed, delivered. */
const COUNTED = sql`${orders.status} in ('submitted','confirmed','delivered')`;

// ---- Products and knowledge ----

export const productColumns = {
  id: products.id,
  code: products.code,
  brand: products.brand,
  name: products.name,
  spec: products.spec,
  wholesalePriceFen: products.wholesalePriceFen,
  retailPriceFen: products.retailPriceFen,
  priceClass: products.priceClass,
  isNew: products.isNew,
  status: products.status,
};
export type ProductRow = {
  id: number;
  code: string;
  brand: string;
  name: string;
  spec: string;
  wholesalePriceFen: number;
  retailPriceFen: number;
  priceClass: number;
  isNew: boolean;
  status: 'active' | 'discontinued';
};

export async function findProducts(db: Reader, ids: readonly number[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(productColumns)
    .from(products)
    .where(inArray(products.id, [...ids]));
}

export interface KnowledgeRow {
  productId: number;
  sellingPoints: string[];
  targetConsumers: string;
  pricePosition: string;
  talkingGuide: string;
  retailerTips: string;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

const knowledgeColumns = {
  productId: productKnowledge.productId,
  sellingPoints: productKnowledge.sellingPoints,
  targetConsumers: productKnowledge.targetConsumers,
  pricePosition: productKnowledge.pricePosition,
  talkingGuide: productKnowledge.talkingGuide,
  retailerTips: productKnowledge.retailerTips,
  version: productKnowledge.version,
  updatedAt: productKnowledge.updatedAt,
  updatedByName: users.displayName,
};

export async function findKnowledge(db: Reader, productIds: readonly number[]): Promise<KnowledgeRow[]> {
  if (productIds.length === 0) return [];
  return db
    .select(knowledgeColumns)
    .from(productKnowledge)
    .leftJoin(users, eq(users.id, productKnowledge.updatedByUserId))
    .where(inArray(productKnowledge.productId, [...productIds]));
}

export interface KnowledgeValues {
  sellingPoints: string[];
  targetConsumers: string;
  pricePosition: string;
  talkingGuide: string;
  retailerTips: string;
}

/** The first write (expected version 0): null when someone wrote first. */
export async function insertKnowledge(
  tx: Tx,
  productId: number,
  values: KnowledgeValues,
  userId: number,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(productKnowledge)
    .values({ productId, ...values, version: 1, updatedByUserId: userId, updatedAt: at })
    .onConflictDoNothing()
    .returning({ productId: productKnowledge.productId });
  return rows.length === 1;
}

/** An update of the version read: false when it changed meanwhile. */
export async function updateKnowledge(
  tx: Tx,
  productId: number,
  version: number,
  values: KnowledgeValues,
  userId: number,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(productKnowledge)
    .set({ ...values, version: sql`${productKnowledge.version} + 1`, updatedByUserId: userId, updatedAt: at })
    .where(and(eq(productKnowledge.productId, productId), eq(productKnowledge.version, version)))
    .returning({ productId: productKnowledge.productId });
  return rows.length === 1;
}

/**
 * May this retailer read the product's knowledge: a product of a running campaign targeting it, or a new
 * product on sale (新品上市: new and active).
 */
export async function retailerMayReadProduct(
  db: Reader,
  retailerId: number,
  productId: number,
  today: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.id, productId),
        sql`((${products.isNew} and ${products.status} = 'active') or exists (
          select 1 from ${campaignProducts}
          join ${campaigns} on ${campaigns.id} = ${campaignProducts.campaignId}
          join ${retailers} on ${retailers.id} = ${retailerId}
          where ${campaignProducts.productId} = ${products.id}
            and ${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}
            and ${campaignTargetsRetailer}))`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

// ---- Product photos ----

export interface ProductPhotoRow {
  id: number;
  productId: number;
  storageKey: string;
  thumbnailKey: string;
  contentType: string;
  width: number;
  height: number;
  createdAt: Date;
}

const productPhotoColumns = {
  id: productPhotos.id,
  productId: productPhotos.productId,
  storageKey: productPhotos.storageKey,
  thumbnailKey: productPhotos.thumbnailKey,
  contentType: productPhotos.contentType,
  width: productPhotos.width,
  height: productPhotos.height,
  createdAt: productPhotos.createdAt,
};

/** The products' pictures not deleted, oldest first. */
export async function findProductPhotos(db: Reader, productIds: readonly number[]): Promise<ProductPhotoRow[]> {
  if (productIds.length === 0) return [];
  return db
    .select(productPhotoColumns)
    .from(productPhotos)
    .where(and(inArray(productPhotos.productId, [...productIds]), sql`${productPhotos.deletedAt} is null`))
    .orderBy(asc(productPhotos.createdAt), asc(productPhotos.id));
}

export async function findProductPhoto(db: Reader, productId: number, photoId: number) {
  const [row] = await db
    .select(productPhotoColumns)
    .from(productPhotos)
    .where(
      and(
        eq(productPhotos.id, photoId),
        eq(productPhotos.productId, productId),
        sql`${productPhotos.deletedAt} is null`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Locks the product row, so two uploads cannot both pass the count of pictures. */
export async function lockProduct(tx: Tx, productId: number): Promise<void> {
  await tx.execute(sql`select 1 from ${products} where ${products.id} = ${productId} for update`);
}

export async function insertProductPhoto(tx: Tx, values: typeof productPhotos.$inferInsert): Promise<number> {
  const [row] = await tx.insert(productPhotos).values(values).returning({ id: productPhotos.id });
  if (!row) throw new Error('photo not inserted');
  return row.id;
}

export async function softDeleteProductPhoto(tx: Tx, photoId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(productPhotos)
    .set({ deletedAt: at })
    .where(and(eq(productPhotos.id, photoId), sql`${productPhotos.deletedAt} is null`))
    .returning({ id: productPhotos.id });
  return rows.length === 1;
}

// ---- Campaigns ----

export interface CampaignRow {
  id: number;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  segment: CampaignSegment | null;
  goals: CampaignGoals;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdByName: string | null;
}

const campaignColumns = {
  id: campaigns.id,
  name: campaigns.name,
  description: campaigns.description,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  segment: campaigns.segment,
  goals: campaigns.goals,
  version: campaigns.version,
  createdAt: campaigns.createdAt,
  updatedAt: campaigns.updatedAt,
  createdByName: users.displayName,
};

export async function findCampaign(db: Reader, id: number): Promise<CampaignRow | null> {
  const [row] = await db
    .select(campaignColumns)
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.createdByUserId))
    .where(eq(campaigns.id, id))
    .limit(1);
  return row ?? null;
}

/** Locks the campaign row for the rest of the transaction (edits of one campaign queue behind each other). */
export async function lockCampaign(tx: Tx, id: number): Promise<CampaignRow | null> {
  await tx.execute(sql`select 1 from ${campaigns} where ${campaigns.id} = ${id} for update`);
  return findCampaign(tx, id);
}

/** Every campaign whose period matches the filter, newest start first. */
export async function findCampaigns(db: Reader, period: SQL | undefined): Promise<CampaignRow[]> {
  return db
    .select(campaignColumns)
    .from(campaigns)
    .leftJoin(users, eq(users.id, campaigns.createdByUserId))
    .where(period)
    .orderBy(desc(campaigns.startsOn), desc(campaigns.id));
}

export interface CampaignValues {
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  segment: CampaignSegment | null;
  goals: CampaignGoals;
}

export async function insertCampaign(tx: Tx, values: CampaignValues, userId: number, at: Date): Promise<number> {
  const [row] = await tx
    .insert(campaigns)
    .values({ ...values, createdByUserId: userId, createdAt: at, updatedAt: at })
    .returning({ id: campaigns.id });
  if (!row) throw new Error('campaign not inserted');
  return row.id;
}

export async function updateCampaign(
  tx: Tx,
  id: number,
  version: number,
  values: CampaignValues,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(campaigns)
    .set({ ...values, version: sql`${campaigns.version} + 1`, updatedAt: at })
    .where(and(eq(campaigns.id, id), eq(campaigns.version, version)))
    .returning({ id: campaigns.id });
  return rows.length === 1;
}

export async function replaceCampaignProducts(tx: Tx, campaignId: number, productIds: readonly number[]) {
  await tx.delete(campaignProducts).where(eq(campaignProducts.campaignId, campaignId));
  await tx
    .insert(campaignProducts)
    .values(productIds.map((productId, position) => ({ campaignId, productId, position })));
}

export async function findCampaignProducts(
  db: Reader,
  campaignIds: readonly number[],
): Promise<(ProductRow & { campaignId: number })[]> {
  if (campaignIds.length === 0) return [];
  return db
    .select({ campaignId: campaignProducts.campaignId, ...productColumns })
    .from(campaignProducts)
    .innerJoin(products, eq(products.id, campaignProducts.productId))
    .where(inArray(campaignProducts.campaignId, [...campaignIds]))
    .orderBy(asc(campaignProducts.campaignId), asc(campaignProducts.position));
}

/** Per campaign: active retailers targeted within `scope`, and how many of them were introduced. */
export async function countTargets(
  db: Reader,
  campaignIds: readonly number[],
  scope: SQL,
): Promise<Map<number, { target: number; introduced: number }>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .select({
      campaignId: campaigns.id,
      target: sql<number>`count(*)::int`,
      introduced: sql<number>`count(*) filter (where exists (
        select 1 from ${campaignIntroductions}
        where ${campaignIntroductions.campaignId} = ${campaigns.id}
          and ${campaignIntroductions.retailerId} = ${retailers.id}))::int`,
    })
    .from(campaigns)
    .innerJoin(retailers, and(campaignTargetsRetailer, scope))
    .where(inArray(campaigns.id, [...campaignIds]))
    .groupBy(campaigns.id);
  return new Map(rows.map((r) => [r.campaignId, { target: r.target, introduced: r.introduced }]));
}

/** Is the retailer (in `scope`) targeted by the campaign? */
export async function findTargetedRetailer(
  db: Reader,
  campaignId: number,
  retailerId: number,
  scope: SQL,
): Promise<{ id: number; districtId: number; managerId: number | null; shopName: string } | null> {
  const [row] = await db
    .select({
      id: retailers.id,
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      shopName: retailers.shopName,
    })
    .from(retailers)
    .innerJoin(campaigns, eq(campaigns.id, campaignId))
    .where(and(eq(retailers.id, retailerId), scope, campaignTargetsRetailer))
    .limit(1);
  return row ?? null;
}

export async function findRetailerInScope(
  db: Reader,
  retailerId: number,
  scope: SQL,
): Promise<{ id: number; districtId: number; managerId: number | null; shopName: string } | null> {
  const [row] = await db
    .select({
      id: retailers.id,
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      shopName: retailers.shopName,
    })
    .from(retailers)
    .where(and(eq(retailers.id, retailerId), scope))
    .limit(1);
  return row ?? null;
}

export async function existingIds(
  db: Reader,
  table: 'products' | 'districts' | 'retailers',
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const list = [...ids];
  const rows =
    table === 'products'
      ? await db.select({ id: products.id }).from(products).where(inArray(products.id, list))
      : table === 'districts'
        ? await db
            .select({ id: orgUnits.id })
            .from(orgUnits)
            .where(and(inArray(orgUnits.id, list), eq(orgUnits.kind, 'district')))
        : await db.select({ id: retailers.id }).from(retailers).where(inArray(retailers.id, list));
  return new Set(rows.map((r) => r.id));
}

/** The running campaigns that target the retailer, with their products (for its 新品上市). */
export async function findRunningCampaignsFor(db: Reader, retailerId: number, today: string) {
  return db
    .select({
      campaignId: campaigns.id,
      name: campaigns.name,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      productId: campaignProducts.productId,
    })
    .from(campaigns)
    .innerJoin(retailers, eq(retailers.id, retailerId))
    .innerJoin(campaignProducts, eq(campaignProducts.campaignId, campaigns.id))
    .where(and(sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}`, campaignTargetsRetailer))
    .orderBy(desc(campaigns.startsOn), asc(campaigns.id), asc(campaignProducts.position));
}

/** New products on sale (新品上市 without a campaign): new and active, newest first. */
export async function findNewProductsOnSale(db: Reader, limit: number): Promise<ProductRow[]> {
  return db
    .select(productColumns)
    .from(products)
    .where(and(eq(products.isNew, true), eq(products.status, 'active')))
    .orderBy(desc(products.id))
    .limit(limit);
}

// ---- Items and stock ----

export interface ItemRow {
  id: number;
  campaignId: number;
  kind: 'gift' | 'material';
  name: string;
  unit: string;
}

const itemColumns = {
  id: campaignItems.id,
  campaignId: campaignItems.campaignId,
  kind: campaignItems.kind,
  name: campaignItems.name,
  unit: campaignItems.unit,
};

export async function insertItem(tx: Tx, values: Omit<ItemRow, 'id'>, at: Date): Promise<ItemRow> {
  const [row] = await tx
    .insert(campaignItems)
    .values({ ...values, createdAt: at })
    .returning(itemColumns);
  if (!row) throw new Error('item not inserted');
  return row;
}

export async function findItem(db: Reader, campaignId: number | null, itemId: number): Promise<ItemRow | null> {
  const [row] = await db
    .select(itemColumns)
    .from(campaignItems)
    .where(
      and(eq(campaignItems.id, itemId), campaignId === null ? undefined : eq(campaignItems.campaignId, campaignId)),
    )
    .limit(1);
  return row ?? null;
}

export async function findItems(db: Reader, campaignId: number): Promise<ItemRow[]> {
  return db
    .select(itemColumns)
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaignId))
    .orderBy(asc(campaignItems.id));
}

/** Which managers' stock and gifts an actor's figures count (null: all). */
export interface StockScope {
  managerId?: number;
  districtId?: number;
}

function stockWhere(scope: StockScope): SQL | undefined {
  return and(
    scope.managerId === undefined ? undefined : eq(giftStock.managerId, scope.managerId),
    scope.districtId === undefined ? undefined : eq(giftStock.districtId, scope.districtId),
  );
}

function giftsWhere(scope: StockScope): SQL | undefined {
  return and(
    scope.managerId === undefined ? undefined : eq(gifts.managerId, scope.managerId),
    scope.districtId === undefined
      ? undefined
      : sql`${gifts.managerId} in (select ${users.id} from ${users} where ${users.orgUnitId} = ${scope.districtId})`,
  );
}

export interface StockFigures {
  assigned: number;
  issued: number;
  confirmed: number;
  returned: number;
}

/** Per item and manager: stock given, and gifts out (issued or confirmed), confirmed, returned. */
export async function stockRows(
  db: Reader,
  filter: { campaignId?: number | undefined; managerId?: number | undefined },
  scope: StockScope,
) {
  const stockFilter = and(
    stockWhere(scope),
    filter.campaignId === undefined ? undefined : eq(giftStock.campaignId, filter.campaignId),
    filter.managerId === undefined ? undefined : eq(giftStock.managerId, filter.managerId),
  );
  const giftFilter = and(
    giftsWhere(scope),
    filter.campaignId === undefined ? undefined : eq(gifts.campaignId, filter.campaignId),
    filter.managerId === undefined ? undefined : eq(gifts.managerId, filter.managerId),
  );
  const stock = await db
    .select({ itemId: giftStock.itemId, managerId: giftStock.managerId, assigned: giftStock.quantity })
    .from(giftStock)
    .where(stockFilter);
  const given = await db
    .select({
      itemId: gifts.itemId,
      managerId: gifts.managerId,
      issued: sql<number>`coalesce(sum(${gifts.quantity}) filter (where ${gifts.status} <> 'returned'), 0)::int`,
      confirmed: sql<number>`coalesce(sum(${gifts.quantity}) filter (where ${gifts.status} = 'confirmed'), 0)::int`,
      returned: sql<number>`coalesce(sum(${gifts.quantity}) filter (where ${gifts.status} = 'returned'), 0)::int`,
    })
    .from(gifts)
    .where(giftFilter)
    .groupBy(gifts.itemId, gifts.managerId);
  const key = (itemId: number, managerId: number) => `${itemId}:${managerId}`;
  const out = new Map<string, StockFigures & { itemId: number; managerId: number }>();
  for (const s of stock) out.set(key(s.itemId, s.managerId), { ...s, issued: 0, confirmed: 0, returned: 0 });
  for (const g of given) {
    const row = out.get(key(g.itemId, g.managerId)) ?? { itemId: g.itemId, managerId: g.managerId, assigned: 0 };
    out.set(key(g.itemId, g.managerId), { ...row, issued: g.issued, confirmed: g.confirmed, returned: g.returned });
  }
  return [...out.values()];
}

export async function findItemsByIds(db: Reader, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  return db
    .select({ ...itemColumns, campaignName: campaigns.name })
    .from(campaignItems)
    .innerJoin(campaigns, eq(campaigns.id, campaignItems.campaignId))
    .where(inArray(campaignItems.id, [...itemIds]));
}

export async function findUserNames(db: Reader, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findManager(db: Reader, id: number) {
  const [row] = await db
    .select({ id: users.id, orgUnitId: users.orgUnitId, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'manager')))
    .limit(1);
  return row ?? null;
}

/**
 * The manager's stock of an item and what it has out (issued or confirmed, not returned), with the stock row
 * locked: issues and stock changes for one manager's item queue behind each other, so stock is never overdrawn.
 */
export async function lockStock(tx: Tx, itemId: number, managerId: number): Promise<{ assigned: number; out: number }> {
  const locked = await tx.execute<{ quantity: number }>(
    sql`select ${giftStock.quantity} as quantity from ${giftStock}
        where ${giftStock.itemId} = ${itemId} and ${giftStock.managerId} = ${managerId} for update`,
  );
  const [given] = await tx
    .select({ out: sql<number>`coalesce(sum(${gifts.quantity}), 0)::int` })
    .from(gifts)
    .where(and(eq(gifts.itemId, itemId), eq(gifts.managerId, managerId), sql`${gifts.status} <> 'returned'`));
  return { assigned: Number(locked.rows[0]?.quantity ?? 0), out: given?.out ?? 0 };
}

export async function upsertStock(
  tx: Tx,
  values: { itemId: number; managerId: number; campaignId: number; districtId: number; quantity: number },
  at: Date,
) {
  await tx
    .insert(giftStock)
    .values({ ...values, updatedAt: at })
    .onConflictDoUpdate({
      target: [giftStock.itemId, giftStock.managerId],
      set: { quantity: values.quantity, districtId: values.districtId, updatedAt: at },
    });
}

// ---- Gifts ----

const giftManager = alias(users, 'gift_manager');

const giftColumns = {
  id: gifts.id,
  campaignId: gifts.campaignId,
  campaignName: campaigns.name,
  itemId: gifts.itemId,
  itemName: campaignItems.name,
  kind: campaignItems.kind,
  unit: campaignItems.unit,
  quantity: gifts.quantity,
  retailerId: gifts.retailerId,
  shopName: retailers.shopName,
  districtId: gifts.districtId,
  managerId: gifts.managerId,
  managerName: giftManager.displayName,
  visitId: gifts.visitId,
  note: gifts.note,
  status: gifts.status,
  issuedAt: gifts.issuedAt,
  confirmedAt: gifts.confirmedAt,
  returnedAt: gifts.returnedAt,
  returnNote: gifts.returnNote,
  version: gifts.version,
};

export type GiftRow = {
  id: number;
  campaignId: number;
  campaignName: string;
  itemId: number;
  itemName: string;
  kind: 'gift' | 'material';
  unit: string;
  quantity: number;
  retailerId: number;
  shopName: string;
  districtId: number;
  managerId: number;
  managerName: string;
  visitId: number | null;
  note: string;
  status: GiftStatus;
  issuedAt: Date;
  confirmedAt: Date | null;
  returnedAt: Date | null;
  returnNote: string | null;
  version: number;
};

/** Gifts with their names; `scope` is a condition on the retailer the gift was given to (the `retailers` table). */
function giftsQuery(db: Reader) {
  return db
    .select(giftColumns)
    .from(gifts)
    .innerJoin(campaigns, eq(campaigns.id, gifts.campaignId))
    .innerJoin(campaignItems, eq(campaignItems.id, gifts.itemId))
    .innerJoin(giftManager, eq(giftManager.id, gifts.managerId))
    .innerJoin(retailers, eq(retailers.id, gifts.retailerId));
}

export async function findGiftInScope(db: Reader, id: number, scope: SQL): Promise<GiftRow | null> {
  const [row] = await giftsQuery(db)
    .where(and(eq(gifts.id, id), scope))
    .limit(1);
  return row ?? null;
}

export async function findGiftsInScope(
  db: Reader,
  scope: SQL,
  filter: { campaignId?: number | undefined; retailerId?: number | undefined; status?: GiftStatus | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: GiftRow[]; total: number }> {
  const where = and(
    scope,
    filter.campaignId === undefined ? undefined : eq(gifts.campaignId, filter.campaignId),
    filter.retailerId === undefined ? undefined : eq(gifts.retailerId, filter.retailerId),
    filter.status === undefined ? undefined : eq(gifts.status, filter.status),
  );
  const rows = await giftsQuery(db)
    .where(where)
    .orderBy(desc(gifts.issuedAt), desc(gifts.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(gifts)
    .innerJoin(retailers, eq(retailers.id, gifts.retailerId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function insertGift(
  tx: Tx,
  values: {
    campaignId: number;
    itemId: number;
    managerId: number;
    retailerId: number;
    districtId: number;
    quantity: number;
    visitId: number | null;
    note: string;
    issuedAt: Date;
  },
): Promise<number> {
  const [row] = await tx.insert(gifts).values(values).returning({ id: gifts.id });
  if (!row) throw new Error('gift not inserted');
  return row.id;
}

/** Moves an issued gift on; false when it was not `issued` any more (someone else moved it first). */
export async function finishGift(
  tx: Tx,
  id: number,
  change: { status: 'confirmed'; at: Date } | { status: 'returned'; at: Date; note: string },
): Promise<boolean> {
  const rows = await tx
    .update(gifts)
    .set(
      change.status === 'confirmed'
        ? { status: 'confirmed', confirmedAt: change.at, version: sql`${gifts.version} + 1` }
        : { status: 'returned', returnedAt: change.at, returnNote: change.note, version: sql`${gifts.version} + 1` },
    )
    .where(and(eq(gifts.id, id), eq(gifts.status, 'issued')))
    .returning({ id: gifts.id });
  return rows.length === 1;
}

// ---- Visits ----

/** A checked-in (in progress or done) visit of this retailer by this manager. */
export async function findCheckedInVisit(db: Reader, visitId: number, retailerId: number, managerId: number) {
  const [row] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(
      and(
        eq(visits.id, visitId),
        eq(visits.retailerId, retailerId),
        eq(visits.managerId, managerId),
        inArray(visits.status, ['in_progress', 'done']),
      ),
    )
    .limit(1);
  return row ?? null;
}

// ---- Introductions and feedback ----

const introManager = alias(users, 'intro_manager');

const introductionColumns = {
  id: campaignIntroductions.id,
  campaignId: campaignIntroductions.campaignId,
  productId: campaignIntroductions.productId,
  productName: products.name,
  retailerId: campaignIntroductions.retailerId,
  shopName: retailers.shopName,
  districtId: campaignIntroductions.districtId,
  managerId: campaignIntroductions.managerId,
  managerName: introManager.displayName,
  visitId: campaignIntroductions.visitId,
  guideShown: campaignIntroductions.guideShown,
  reaction: campaignIntroductions.reaction,
  note: campaignIntroductions.note,
  introducedAt: campaignIntroductions.introducedAt,
};

export async function insertIntroduction(tx: Tx, values: typeof campaignIntroductions.$inferInsert): Promise<number> {
  const [row] = await tx.insert(campaignIntroductions).values(values).returning({ id: campaignIntroductions.id });
  if (!row) throw new Error('introduction not inserted');
  return row.id;
}

/** Introductions of the campaign to retailers in `scope`, oldest first. */
export async function findIntroductions(
  db: Reader,
  campaignId: number,
  scope: SQL,
  filter: { retailerId?: number | undefined; id?: number | undefined } = {},
) {
  return db
    .select(introductionColumns)
    .from(campaignIntroductions)
    .innerJoin(retailers, eq(retailers.id, campaignIntroductions.retailerId))
    .innerJoin(products, eq(products.id, campaignIntroductions.productId))
    .innerJoin(introManager, eq(introManager.id, campaignIntroductions.managerId))
    .where(
      and(
        eq(campaignIntroductions.campaignId, campaignId),
        scope,
        filter.retailerId === undefined ? undefined : eq(campaignIntroductions.retailerId, filter.retailerId),
        filter.id === undefined ? undefined : eq(campaignIntroductions.id, filter.id),
      ),
    )
    .orderBy(asc(campaignIntroductions.introducedAt), asc(campaignIntroductions.id));
}

/** The latest introduction of each product to one retailer (any campaign). */
export async function findLatestIntroductionsFor(db: Reader, retailerId: number) {
  return db
    .selectDistinctOn([campaignIntroductions.productId], {
      id: campaignIntroductions.id,
      productId: campaignIntroductions.productId,
      introducedAt: campaignIntroductions.introducedAt,
      reaction: campaignIntroductions.reaction,
    })
    .from(campaignIntroductions)
    .where(eq(campaignIntroductions.retailerId, retailerId))
    .orderBy(
      asc(campaignIntroductions.productId),
      desc(campaignIntroductions.introducedAt),
      desc(campaignIntroductions.id),
    );
}

const feedbackColumns = {
  id: campaignFeedback.id,
  campaignId: campaignFeedback.campaignId,
  productId: campaignFeedback.productId,
  productName: products.name,
  retailerId: campaignFeedback.retailerId,
  shopName: retailers.shopName,
  consumerResponse: campaignFeedback.consumerResponse,
  priceAcceptance: campaignFeedback.priceAcceptance,
  qualityRemark: campaignFeedback.qualityRemark,
  wouldReorder: campaignFeedback.wouldReorder,
  createdAt: campaignFeedback.createdAt,
};

export async function insertFeedback(tx: Tx, values: typeof campaignFeedback.$inferInsert): Promise<number> {
  const [row] = await tx.insert(campaignFeedback).values(values).returning({ id: campaignFeedback.id });
  if (!row) throw new Error('feedback not inserted');
  return row.id;
}

/** Feedback on the campaign from retailers in `scope`, oldest first. */
export async function findFeedback(
  db: Reader,
  scope: SQL,
  filter: { campaignId?: number; retailerId?: number | undefined; id?: number },
) {
  return db
    .select(feedbackColumns)
    .from(campaignFeedback)
    .innerJoin(retailers, eq(retailers.id, campaignFeedback.retailerId))
    .innerJoin(products, eq(products.id, campaignFeedback.productId))
    .where(
      and(
        scope,
        filter.campaignId === undefined ? undefined : eq(campaignFeedback.campaignId, filter.campaignId),
        filter.retailerId === undefined ? undefined : eq(campaignFeedback.retailerId, filter.retailerId),
        filter.id === undefined ? undefined : eq(campaignFeedback.id, filter.id),
      ),
    )
    .orderBy(asc(campaignFeedback.createdAt), asc(campaignFeedback.id));
}

// ---- Funnel ----

const targetManager = alias(users, 'target_manager');

/** The campaign's target retailers within `scope` (and the filters), with their district and manager. */
export async function findTargetRetailers(db: Reader, campaignId: number, scope: SQL, filters: SQL[]) {
  return db
    .select({
      retailerId: retailers.id,
      shopName: retailers.shopName,
      licenceNo: retailers.licenceNo,
      districtId: retailers.districtId,
      districtName: orgUnits.name,
      managerId: retailers.managerId,
      managerName: targetManager.displayName,
      tier: retailers.tier,
    })
    .from(campaigns)
    .innerJoin(retailers, campaignTargetsRetailer)
    .innerJoin(orgUnits, eq(orgUnits.id, retailers.districtId))
    .leftJoin(targetManager, eq(targetManager.id, retailers.managerId))
    .where(and(eq(campaigns.id, campaignId), scope, ...filters))
    .orderBy(asc(retailers.districtId), asc(retailers.shopName), asc(retailers.id));
}

/**
 * The weeks in which each retailer ordered each product (counted orders with a line of it), from the order
 * records themselves, with when that week's order was submitted.
 */
export async function findOrderWeeks(
  db: Reader,
  retailerIds: readonly number[],
  productIds: readonly number[],
  fromWeek: string,
) {
  if (retailerIds.length === 0 || productIds.length === 0) return [];
  return db
    .select({
      retailerId: orders.retailerId,
      productId: orderLines.productId,
      weekStart: orders.weekStart,
      submittedAt: sql<Date | null>`min(${orders.submittedAt})`.mapWith((v: string | Date | null) =>
        v === null ? null : new Date(v),
      ),
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(
      and(
        COUNTED,
        inArray(orders.retailerId, [...retailerIds]),
        inArray(orderLines.productId, [...productIds]),
        sql`${orders.weekStart} >= ${fromWeek}`,
      ),
    )
    .groupBy(orders.retailerId, orderLines.productId, orders.weekStart)
    .orderBy(asc(orders.retailerId), asc(orderLines.productId), asc(orders.weekStart));
}

/** Gifts given per retailer in the campaign (not returned). */
export async function countGiftsPerRetailer(db: Reader, campaignId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ retailerId: gifts.retailerId, n: sql<number>`sum(${gifts.quantity})::int` })
    .from(gifts)
    .where(and(eq(gifts.campaignId, campaignId), sql`${gifts.status} <> 'returned'`))
    .groupBy(gifts.retailerId);
  return new Map(rows.map((r) => [r.retailerId, r.n]));
}

// ---- For the suggestions (campaign targets → first-order suggestions) ----

/**
 * Products of running campaigns that target these retailers and that the retailer never ordered (no counted
 * order holds a line of it), with the campaign and the retailer's first introduction of it, if any.
 */
export async function findFirstOrderCandidates(db: Reader, retailerIds: readonly number[], today: string) {
  if (retailerIds.length === 0) return [];
  const running = sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}`;
  const productIds = (
    await db
      .selectDistinct({ productId: campaignProducts.productId })
      .from(campaignProducts)
      .innerJoin(campaigns, eq(campaignProducts.campaignId, campaigns.id))
      .where(running)
  ).map((r) => r.productId);
  if (productIds.length === 0) return [];
  return db
    .select({
      retailerId: retailers.id,
      productId: campaignProducts.productId,
      campaignId: campaigns.id,
      campaignName: campaigns.name,
      introducedAt: sql<Date | null>`(
        select min(${campaignIntroductions.introducedAt}) from ${campaignIntroductions}
        where ${campaignIntroductions.campaignId} = ${campaigns.id}
          and ${campaignIntroductions.retailerId} = ${retailers.id}
          and ${campaignIntroductions.productId} = ${campaignProducts.productId})`.mapWith((v: string | Date | null) =>
        v === null ? null : new Date(v),
      ),
    })
    .from(campaigns)
    .innerJoin(campaignProducts, eq(campaignProducts.campaignId, campaigns.id))
    .innerJoin(retailers, campaignTargetsRetailer)
    .where(
      and(
        inArray(retailers.id, [...retailerIds]),
        running,
        // The asked retailers and the running products again inside: without them the planner hashes every
        // order line of the city (a 500-retailer batch of the suggestions run took ~0.6 s; with them ~25 ms).
        sql`not exists (
          select 1 from ${orders} join ${orderLines} on ${orderLines.orderId} = ${orders.id}
          where ${orders.retailerId} = ${retailers.id} and ${orderLines.productId} = ${campaignProducts.productId}
            and ${inArray(orders.retailerId, [...retailerIds])} and ${inArray(orderLines.productId, productIds)}
            and ${COUNTED})`,
      ),
    )
    .orderBy(asc(retailers.id), asc(campaigns.id), asc(campaignProducts.position));
}
