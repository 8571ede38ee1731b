import { dateOfDay, shanghaiDay } from '@siyi/algorithms';
import {
  type CampaignDetail,
  type CampaignFeedback,
  type CampaignFeedbackListResponse,
  type CampaignGoals,
  type CampaignIntroduction,
  type CampaignItem,
  type CampaignListQuery,
  type CampaignListResponse,
  type CampaignProduct,
  type CampaignSegment,
  type CampaignStatus,
  type CampaignSummary,
  type CreateCampaignBody,
  type CreateCampaignFeedbackBody,
  type CreateCampaignItemBody,
  type CreateIntroductionBody,
  campaignMessages,
  type GiftStockResponse,
  type GiftStockRow,
  CampaignGoals as GoalsSchema,
  type IntroductionListResponse,
  type NewProductItem,
  type NewProductsResponse,
  type ProductKnowledge,
  type ProductPhoto,
  type SetGiftStockBody,
  type UpdateCampaignBody,
  type UpdateProductKnowledgeBody,
} from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { campaigns } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import * as repo from './campaigns.repository';
import { listGifts } from './gifts.service';

export interface CampaignDeps {
  db: Db;
  clock: Clock;
}

export interface RequestContext {
  actor: Actor;
  requestId?: string | undefined;
}

/** Today's date in Shanghai ('YYYY-MM-DD'): campaign periods are calendar days there. */
export const shanghaiDate = (now: Date): string => dateOfDay(shanghaiDay(now));

export function campaignStatus(row: { startsOn: string; endsOn: string }, today: string): CampaignStatus {
  if (today < row.startsOn) return 'upcoming';
  return today > row.endsOn ? 'ended' : 'running';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toProduct(row: repo.ProductRow): CampaignProduct {
  return {
    id: row.id,
    code: row.code,
    brand: row.brand,
    name: row.name,
    spec: row.spec,
    wholesalePriceFen: row.wholesalePriceFen,
    retailPriceFen: row.retailPriceFen,
    priceClass: row.priceClass,
    isNew: row.isNew,
    status: row.status,
  };
}

/** The knowledge as the actor may read it: a retailer never gets the manager's talking guide. */
function toKnowledge(
  actor: Actor,
  product: repo.ProductRow,
  row: repo.KnowledgeRow | undefined,
  photos: readonly repo.ProductPhotoRow[],
): ProductKnowledge {
  return {
    productId: product.id,
    product: toProduct(product),
    sellingPoints: row?.sellingPoints ?? [],
    targetConsumers: row?.targetConsumers ?? '',
    pricePosition: row?.pricePosition ?? '',
    talkingGuide: actor.role === 'retailer' ? null : (row?.talkingGuide ?? ''),
    retailerTips: row?.retailerTips ?? '',
    version: row?.version ?? 0,
    updatedAt: iso(row?.updatedAt ?? null),
    updatedByName: row?.updatedByName ?? null,
    photos: photos.filter((p) => p.productId === product.id).map(toProductPhoto),
  };
}

export function toProductPhoto(row: repo.ProductPhotoRow): ProductPhoto {
  const url = `/api/products/${row.productId}/knowledge/photos/${row.id}`;
  return {
    id: row.id,
    productId: row.productId,
    width: row.width,
    height: row.height,
    url,
    thumbnailUrl: `${url}/thumbnail`,
    createdAt: row.createdAt.toISOString(),
  };
}

// ---- Product knowledge ----

/** Staff read every product's knowledge; a retailer that of campaign products targeting it and new products on sale. */
export async function getKnowledge(deps: CampaignDeps, actor: Actor, productId: number): Promise<ProductKnowledge> {
  const product = await readableProduct(deps, actor, productId);
  const [[row], photos] = await Promise.all([
    repo.findKnowledge(deps.db, [productId]),
    repo.findProductPhotos(deps.db, [productId]),
  ]);
  return toKnowledge(actor, product, row, photos);
}

/** The product, when the actor may read its knowledge (and its pictures); 404 otherwise. */
export async function readableProduct(deps: CampaignDeps, actor: Actor, productId: number): Promise<repo.ProductRow> {
  const [product] = await repo.findProducts(deps.db, [productId]);
  if (!product) throw notFound();
  if (actor.role === 'retailer') {
    const allowed =
      actor.retailerId !== null &&
      (await repo.retailerMayReadProduct(deps.db, actor.retailerId, productId, shanghaiDate(deps.clock.now())));
    if (!allowed) throw notFound();
  }
  return product;
}

export async function putKnowledge(
  deps: CampaignDeps,
  context: RequestContext,
  productId: number,
  body: z.infer<typeof UpdateProductKnowledgeBody>,
): Promise<ProductKnowledge> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  const at = deps.clock.now();
  const [product] = await repo.findProducts(deps.db, [productId]);
  if (!product) throw notFound();
  const { version, ...values } = body;
  await inTransaction(deps.db, async (tx) => {
    const [before] = await repo.findKnowledge(tx, [productId]);
    const written =
      version === 0
        ? await repo.insertKnowledge(tx, productId, values, actor.id, at)
        : await repo.updateKnowledge(tx, productId, version, values, actor.id, at);
    if (!written) {
      const photos = await repo.findProductPhotos(tx, [productId]);
      throw staleVersion(toKnowledge(actor, product, before, photos) as unknown as Record<string, unknown>);
    }
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'product_knowledge',
        entityId: productId,
        action: 'product.knowledge.update',
        before: before ? knowledgeValues(before) : null,
        after: values,
      },
    );
  });
  return getKnowledge(deps, actor, productId);
}

const knowledgeValues = (row: repo.KnowledgeRow) => ({
  sellingPoints: row.sellingPoints,
  targetConsumers: row.targetConsumers,
  pricePosition: row.pricePosition,
  talkingGuide: row.talkingGuide,
  retailerTips: row.retailerTips,
});

// ---- Campaigns ----

/** Non-admin staff see the campaigns whose target reaches at least one retailer in their scope. */
export async function visibleCampaign(deps: CampaignDeps, actor: Actor, id: number): Promise<repo.CampaignRow> {
  assertCan(actor, 'campaign.read');
  const row = await repo.findCampaign(deps.db, id);
  if (!row) throw notFound();
  if (actor.role !== 'admin') {
    const counts = await repo.countTargets(deps.db, [id], retailerScope(actor));
    if ((counts.get(id)?.target ?? 0) === 0) throw notFound();
  }
  return row;
}

async function summaries(
  deps: CampaignDeps,
  actor: Actor,
  rows: repo.CampaignRow[],
): Promise<(CampaignSummary & { row: repo.CampaignRow })[]> {
  const ids = rows.map((r) => r.id);
  const [counts, products] = await Promise.all([
    repo.countTargets(deps.db, ids, retailerScope(actor)),
    repo.findCampaignProducts(deps.db, ids),
  ]);
  const today = shanghaiDate(deps.clock.now());
  return rows.map((row) => ({
    row,
    id: row.id,
    name: row.name,
    status: campaignStatus(row, today),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    products: products.filter((p) => p.campaignId === row.id).map(toProduct),
    targetCount: counts.get(row.id)?.target ?? 0,
    introducedCount: counts.get(row.id)?.introduced ?? 0,
    version: row.version,
  }));
}

export async function listCampaigns(
  deps: CampaignDeps,
  actor: Actor,
  query: CampaignListQuery,
): Promise<CampaignListResponse> {
  assertCan(actor, 'campaign.read');
  const today = shanghaiDate(deps.clock.now());
  const period =
    query.status === 'upcoming'
      ? sql`${campaigns.startsOn} > ${today}`
      : query.status === 'ended'
        ? sql`${campaigns.endsOn} < ${today}`
        : query.status === 'running'
          ? sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}`
          : undefined;
  // A company runs a handful of campaigns at a time: the list is read whole and the visible ones paged here.
  const all = await summaries(deps, actor, await repo.findCampaigns(deps.db, period));
  const visible = actor.role === 'admin' ? all : all.filter((c) => c.targetCount > 0);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: visible.slice(start, start + query.pageSize).map(({ row: _row, ...summary }) => summary),
    total: visible.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getCampaign(deps: CampaignDeps, actor: Actor, id: number): Promise<CampaignDetail> {
  const row = await visibleCampaign(deps, actor, id);
  const [summary] = await summaries(deps, actor, [row]);
  if (!summary) throw notFound();
  const { row: _row, ...rest } = summary;
  return {
    ...rest,
    description: row.description,
    segment: row.segment,
    goals: row.goals,
    items: await campaignItems(deps, actor, id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdByName: row.createdByName,
  };
}

/** The figures of the stock and gifts an actor may count: all (admin), its district's managers, its own. */
export function stockScopeOf(actor: Actor): repo.StockScope {
  if (actor.role === 'manager') return { managerId: actor.id };
  if (actor.role === 'supervisor') return { districtId: actor.orgUnitId };
  if (actor.role === 'retailer') return { managerId: -1 };
  return {};
}

export async function campaignItems(deps: CampaignDeps, actor: Actor, campaignId: number): Promise<CampaignItem[]> {
  const [items, rows] = await Promise.all([
    repo.findItems(deps.db, campaignId),
    repo.stockRows(deps.db, { campaignId }, stockScopeOf(actor)),
  ]);
  return items.map((item) => {
    const mine = rows.filter((r) => r.itemId === item.id);
    const sum = (k: 'assigned' | 'issued' | 'confirmed' | 'returned') => mine.reduce((n, r) => n + r[k], 0);
    return {
      ...item,
      assigned: sum('assigned'),
      issued: sum('issued'),
      confirmed: sum('confirmed'),
      returned: sum('returned'),
      available: sum('assigned') - sum('issued'),
    };
  });
}

/** Products, districts and hand-picked retailers must exist: a message on each unknown one (400, nothing written). */
async function checkReferences(
  deps: CampaignDeps,
  body: { productIds: number[]; segment?: CampaignSegment | null | undefined },
): Promise<void> {
  const fields: Record<string, string> = {};
  const products = await repo.existingIds(deps.db, 'products', body.productIds);
  body.productIds.forEach((id, i) => {
    if (!products.has(id)) fields[`productIds.${i}`] = campaignMessages.unknownProduct;
  });
  const segment = body.segment;
  if (segment?.kind === 'rules') {
    const districts = await repo.existingIds(deps.db, 'districts', segment.districtIds);
    segment.districtIds.forEach((id, i) => {
      if (!districts.has(id)) fields[`segment.districtIds.${i}`] = campaignMessages.unknownDistrict;
    });
  } else if (segment?.kind === 'retailers') {
    const found = await repo.existingIds(deps.db, 'retailers', segment.retailerIds);
    segment.retailerIds.forEach((id, i) => {
      if (!found.has(id)) fields[`segment.retailerIds.${i}`] = campaignMessages.unknownRetailer;
    });
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);
}

function campaignValues(body: z.infer<typeof CreateCampaignBody>): repo.CampaignValues {
  return {
    name: body.name,
    description: body.description,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    segment: body.segment ?? null,
    goals: body.goals ?? (GoalsSchema.parse({}) as CampaignGoals),
  };
}

export async function createCampaign(
  deps: CampaignDeps,
  context: RequestContext,
  body: z.infer<typeof CreateCampaignBody>,
): Promise<CampaignDetail> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  await checkReferences(deps, body);
  const at = deps.clock.now();
  const values = campaignValues(body);
  const id = await inTransaction(deps.db, async (tx) => {
    const newId = await repo.insertCampaign(tx, values, actor.id, at);
    await repo.replaceCampaignProducts(tx, newId, body.productIds);
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'campaign',
        entityId: newId,
        action: 'campaign.create',
        after: { ...values, productIds: body.productIds },
      },
    );
    return newId;
  });
  return getCampaign(deps, actor, id);
}

export async function updateCampaign(
  deps: CampaignDeps,
  context: RequestContext,
  id: number,
  body: z.infer<typeof UpdateCampaignBody>,
): Promise<CampaignDetail> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  if (!(await repo.findCampaign(deps.db, id))) throw notFound();
  await checkReferences(deps, body);
  const at = deps.clock.now();
  const { version, ...rest } = body;
  const values = campaignValues(rest);
  await inTransaction(deps.db, async (tx) => {
    const before = await repo.lockCampaign(tx, id);
    if (!before) throw notFound();
    const beforeProducts = (await repo.findCampaignProducts(tx, [id])).map((p) => p.id);
    if (!(await repo.updateCampaign(tx, id, version, values, at))) {
      throw staleVersion({ ...before, productIds: beforeProducts } as unknown as Record<string, unknown>);
    }
    await repo.replaceCampaignProducts(tx, id, body.productIds);
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'campaign',
        entityId: id,
        action: 'campaign.update',
        before: {
          name: before.name,
          description: before.description,
          startsOn: before.startsOn,
          endsOn: before.endsOn,
          segment: before.segment,
          goals: before.goals,
          productIds: beforeProducts,
        },
        after: { ...values, productIds: body.productIds },
      },
    );
  });
  return getCampaign(deps, actor, id);
}

export async function createItem(
  deps: CampaignDeps,
  context: RequestContext,
  campaignId: number,
  body: z.infer<typeof CreateCampaignItemBody>,
): Promise<CampaignItem> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  if (!(await repo.findCampaign(deps.db, campaignId))) throw notFound();
  const at = deps.clock.now();
  const item = await inTransaction(deps.db, async (tx) => {
    const row = await repo.insertItem(tx, { campaignId, kind: body.kind, name: body.name, unit: body.unit }, at);
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      { entityType: 'campaign_item', entityId: row.id, action: 'campaign.item.create', after: row },
    );
    return row;
  });
  return { ...item, assigned: 0, issued: 0, confirmed: 0, returned: 0, available: 0 };
}

/** Sets a manager's whole stock of an item; never below what the manager has given out (409). */
export async function setStock(
  deps: CampaignDeps,
  context: RequestContext,
  campaignId: number,
  itemId: number,
  body: z.infer<typeof SetGiftStockBody>,
): Promise<GiftStockRow> {
  const { actor } = context;
  assertCan(actor, 'campaign.manage');
  const campaign = await repo.findCampaign(deps.db, campaignId);
  const item = campaign ? await repo.findItem(deps.db, campaignId, itemId) : null;
  if (!campaign || !item) throw notFound();
  const manager = await repo.findManager(deps.db, body.managerId);
  if (!manager) throw new AppError('VALIDATION_FAILED', { managerId: campaignMessages.unknownManager });
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { assigned, out } = await repo.lockStock(tx, itemId, manager.id);
    if (body.quantity < out) {
      throw new AppError('CONFLICT', {
        quantity: { key: campaignMessages.stockBelowIssued, params: { issued: `${out} ${item.unit}`.trim() } },
      });
    }
    await repo.upsertStock(
      tx,
      { itemId, managerId: manager.id, campaignId, districtId: manager.orgUnitId, quantity: body.quantity },
      at,
    );
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'gift_stock',
        entityId: `${itemId}:${manager.id}`,
        action: 'gift.stock.set',
        before: { quantity: assigned },
        after: { quantity: body.quantity, managerId: manager.id, itemId },
        districtId: manager.orgUnitId,
      },
    );
  });
  const [row] = (await stockList(deps, actor, { campaignId, managerId: manager.id })).items.filter(
    (r) => r.itemId === itemId,
  );
  if (!row) throw new Error('stock row missing after write');
  return row;
}

export async function stockList(
  deps: CampaignDeps,
  actor: Actor,
  query: { campaignId?: number | undefined; managerId?: number | undefined },
): Promise<GiftStockResponse> {
  assertCan(actor, 'campaign.read');
  const rows = await repo.stockRows(deps.db, query, stockScopeOf(actor));
  const [items, names] = await Promise.all([
    repo.findItemsByIds(deps.db, [...new Set(rows.map((r) => r.itemId))]),
    repo.findUserNames(deps.db, [...new Set(rows.map((r) => r.managerId))]),
  ]);
  const itemById = new Map(items.map((i) => [i.id, i]));
  return {
    items: rows
      .flatMap((r): GiftStockRow[] => {
        const item = itemById.get(r.itemId);
        if (!item) return [];
        return [
          {
            campaignId: item.campaignId,
            campaignName: item.campaignName,
            itemId: item.id,
            itemName: item.name,
            kind: item.kind,
            unit: item.unit,
            managerId: r.managerId,
            managerName: names.get(r.managerId) ?? '',
            assigned: r.assigned,
            issued: r.issued,
            confirmed: r.confirmed,
            returned: r.returned,
            available: r.assigned - r.issued,
          },
        ];
      })
      .sort((a, b) => a.campaignId - b.campaignId || a.itemId - b.itemId || a.managerId - b.managerId),
  };
}

// ---- Introductions and feedback ----

function assertRunning(row: repo.CampaignRow, now: Date): void {
  if (campaignStatus(row, shanghaiDate(now)) !== 'running') {
    throw new AppError('ILLEGAL_TRANSITION', {
      campaign: { key: campaignMessages.notRunning, params: { startsOn: row.startsOn, endsOn: row.endsOn } },
    });
  }
}

/** The campaign's product of that id, if it is one of the campaign's. */
async function campaignProduct(deps: CampaignDeps, campaignId: number, productId: number) {
  return (await repo.findCampaignProducts(deps.db, [campaignId])).find((p) => p.id === productId) ?? null;
}

function toIntroduction(row: Awaited<ReturnType<typeof repo.findIntroductions>>[number]): CampaignIntroduction {
  return {
    id: row.id,
    campaignId: row.campaignId,
    productId: row.productId,
    productName: row.productName,
    retailerId: row.retailerId,
    shopName: row.shopName,
    managerId: row.managerId,
    managerName: row.managerName,
    visitId: row.visitId,
    guideShown: row.guideShown,
    reaction: row.reaction,
    note: row.note,
    introducedAt: row.introducedAt.toISOString(),
  };
}

/** The retailer's manager records introducing a campaign product (on a visit, with the talking guide shown). */
export async function introduce(
  deps: CampaignDeps,
  context: RequestContext,
  campaignId: number,
  body: z.infer<typeof CreateIntroductionBody>,
): Promise<CampaignIntroduction> {
  const { actor } = context;
  const campaign = await repo.findCampaign(deps.db, campaignId);
  if (!campaign) throw notFound();
  const retailer = await repo.findRetailerInScope(deps.db, body.retailerId, retailerScope(actor));
  if (!retailer) throw notFound();
  assertCan(actor, 'campaign.introduce', {
    retailerId: retailer.id,
    districtId: retailer.districtId,
    managerId: retailer.managerId,
  });
  const now = deps.clock.now();
  assertRunning(campaign, now);
  const fields: Record<string, string> = {};
  const product = await campaignProduct(deps, campaignId, body.productId);
  if (!product) fields.productId = campaignMessages.productNotInCampaign;
  if (!(await repo.findTargetedRetailer(deps.db, campaignId, retailer.id, retailerScope(actor)))) {
    fields.retailerId = campaignMessages.notTargeted;
  }
  if (body.visitId !== undefined && !(await repo.findCheckedInVisit(deps.db, body.visitId, retailer.id, actor.id))) {
    fields.visitId = campaignMessages.visitMismatch;
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);

  const id = await inTransaction(deps.db, async (tx) => {
    const values = {
      campaignId,
      productId: body.productId,
      retailerId: retailer.id,
      districtId: retailer.districtId,
      managerId: actor.id,
      visitId: body.visitId ?? null,
      guideShown: body.guideShown,
      reaction: body.reaction,
      note: body.note,
      introducedAt: now,
    };
    const newId = await repo.insertIntroduction(tx, values);
    const audit = { actor, at: now, requestId: context.requestId };
    await recordAudit(tx, audit, {
      entityType: 'campaign_introduction',
      entityId: newId,
      action: 'campaign.introduce',
      after: values,
      districtId: retailer.districtId,
    });
    await appendTimelineEvent(tx, {
      retailerId: retailer.id,
      districtId: retailer.districtId,
      occurredAt: now,
      kind: 'campaign.introduced',
      actorUserId: actor.id,
      sourceType: 'campaign_introduction',
      sourceId: newId,
      data: {
        campaignId,
        campaignName: campaign.name,
        productId: body.productId,
        productName: product?.name ?? '',
        reaction: body.reaction,
        guideShown: body.guideShown,
        ...(body.visitId !== undefined ? { visitId: body.visitId } : {}),
      },
    });
    return newId;
  });
  const [row] = await repo.findIntroductions(deps.db, campaignId, retailerScope(actor), { id });
  if (!row) throw new Error('introduction missing after write');
  return toIntroduction(row);
}

export async function listIntroductions(
  deps: CampaignDeps,
  actor: Actor,
  campaignId: number,
  query: { retailerId?: number | undefined },
): Promise<IntroductionListResponse> {
  await visibleCampaign(deps, actor, campaignId);
  const rows = await repo.findIntroductions(deps.db, campaignId, retailerScope(actor), query);
  return { items: rows.map(toIntroduction) };
}

export function toFeedback(row: Awaited<ReturnType<typeof repo.findFeedback>>[number]): CampaignFeedback {
  return {
    id: row.id,
    campaignId: row.campaignId,
    productId: row.productId,
    productName: row.productName,
    retailerId: row.retailerId,
    shopName: row.shopName,
    consumerResponse: row.consumerResponse,
    priceAcceptance: row.priceAcceptance,
    qualityRemark: row.qualityRemark,
    wouldReorder: row.wouldReorder,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The retailer says how a campaign product sells: a campaign targeting it, one of its products, while it runs. */
export async function leaveFeedback(
  deps: CampaignDeps,
  context: RequestContext,
  campaignId: number,
  body: z.infer<typeof CreateCampaignFeedbackBody>,
): Promise<CampaignFeedback> {
  const { actor } = context;
  if (actor.role !== 'retailer' || actor.retailerId === null) throw new AppError('FORBIDDEN');
  const campaign = await repo.findCampaign(deps.db, campaignId);
  const retailer = campaign
    ? await repo.findTargetedRetailer(deps.db, campaignId, actor.retailerId, retailerScope(actor))
    : null;
  if (!campaign || !retailer) throw notFound();
  assertCan(actor, 'campaign.feedback', { retailerId: retailer.id });
  const now = deps.clock.now();
  assertRunning(campaign, now);
  const product = await campaignProduct(deps, campaignId, body.productId);
  if (!product) throw new AppError('VALIDATION_FAILED', { productId: campaignMessages.productNotInCampaign });
  const id = await inTransaction(deps.db, async (tx) => {
    const values = {
      campaignId,
      productId: body.productId,
      retailerId: retailer.id,
      districtId: retailer.districtId,
      consumerResponse: body.consumerResponse,
      priceAcceptance: body.priceAcceptance,
      qualityRemark: body.qualityRemark,
      wouldReorder: body.wouldReorder,
      createdByUserId: actor.id,
      createdAt: now,
    };
    const newId = await repo.insertFeedback(tx, values);
    await recordAudit(
      tx,
      { actor, at: now, requestId: context.requestId },
      {
        entityType: 'campaign_feedback',
        entityId: newId,
        action: 'campaign.feedback',
        after: values,
        districtId: retailer.districtId,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: retailer.id,
      districtId: retailer.districtId,
      occurredAt: now,
      kind: 'campaign.feedback',
      actorUserId: actor.id,
      sourceType: 'campaign_feedback',
      sourceId: newId,
      data: {
        campaignId,
        campaignName: campaign.name,
        productId: body.productId,
        productName: product?.name ?? '',
        consumerResponse: body.consumerResponse,
        priceAcceptance: body.priceAcceptance,
        wouldReorder: body.wouldReorder,
        ...(body.qualityRemark ? { remark: body.qualityRemark.slice(0, 200) } : {}),
      },
    });
    return newId;
  });
  const [row] = await repo.findFeedback(deps.db, retailerScope(actor), { id });
  if (!row) throw new Error('feedback missing after write');
  return toFeedback(row);
}

export async function listFeedback(
  deps: CampaignDeps,
  actor: Actor,
  campaignId: number,
  query: { retailerId?: number | undefined },
): Promise<CampaignFeedbackListResponse> {
  if (actor.role === 'retailer') {
    if (!(await repo.findCampaign(deps.db, campaignId))) throw notFound();
  } else {
    await visibleCampaign(deps, actor, campaignId);
  }
  const rows = await repo.findFeedback(deps.db, retailerScope(actor), { campaignId, retailerId: query.retailerId });
  return { items: rows.map(toFeedback) };
}

// ---- The retailer's 新品上市 ----

/** New products shown to a retailer besides its campaigns' (new and active, newest first). */
const NEW_ON_SALE_MAX = 20;

export async function newProducts(
  deps: CampaignDeps,
  actor: Actor,
  query: { retailerId?: number | undefined },
): Promise<NewProductsResponse> {
  const retailerId = actor.role === 'retailer' ? actor.retailerId : (query.retailerId ?? null);
  if (retailerId === null) {
    throw new AppError('VALIDATION_FAILED', { retailerId: campaignMessages.unknownRetailer });
  }
  if (actor.role === 'retailer' && query.retailerId !== undefined && query.retailerId !== actor.retailerId) {
    throw notFound();
  }
  const retailer = await repo.findRetailerInScope(deps.db, retailerId, retailerScope(actor));
  if (!retailer) throw notFound();
  const today = shanghaiDate(deps.clock.now());
  const [running, onSale, introductions, feedbackRows] = await Promise.all([
    repo.findRunningCampaignsFor(deps.db, retailerId, today),
    repo.findNewProductsOnSale(deps.db, NEW_ON_SALE_MAX),
    repo.findLatestIntroductionsFor(deps.db, retailerId),
    repo.findFeedback(deps.db, retailerScope(actor), { retailerId }),
  ]);
  const order: number[] = [];
  for (const r of running) if (!order.includes(r.productId)) order.push(r.productId);
  for (const p of onSale) if (!order.includes(p.id)) order.push(p.id);
  const [productRows, knowledgeRows, photos] = await Promise.all([
    repo.findProducts(deps.db, order),
    repo.findKnowledge(deps.db, order),
    repo.findProductPhotos(deps.db, order),
  ]);
  const productById = new Map(productRows.map((p) => [p.id, p]));
  const knowledgeById = new Map(knowledgeRows.map((k) => [k.productId, k]));
  const items = order.flatMap((productId): NewProductItem[] => {
    const product = productById.get(productId);
    if (!product) return [];
    const intro = introductions.find((i) => i.productId === productId);
    const latestFeedback = feedbackRows.filter((f) => f.productId === productId).at(-1);
    const seen = new Set<number>();
    return [
      {
        product: toProduct(product),
        knowledge: toKnowledge(actor, product, knowledgeById.get(productId), photos),
        campaigns: running
          .filter((r) => r.productId === productId && !seen.has(r.campaignId) && seen.add(r.campaignId))
          .map((r) => ({ id: r.campaignId, name: r.name, startsOn: r.startsOn, endsOn: r.endsOn })),
        introduction: intro
          ? { id: intro.id, introducedAt: intro.introducedAt.toISOString(), reaction: intro.reaction }
          : null,
        feedback: latestFeedback ? toFeedback(latestFeedback) : null,
      },
    ];
  });
  const gifts = await listGifts(deps, actor, { retailerId, status: 'issued', page: 1, pageSize: 50 });
  return { retailerId, items, giftsToConfirm: gifts.items };
}
