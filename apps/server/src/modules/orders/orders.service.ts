import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { addWeeks, DAY_MS, weekOf, weekStartInstant, weekStarts } from '@siyi/algorithms';
import {
  type AcceptProposalBody,
  type CreateProposalBody,
  type CurrentOrderResponse,
  type LineEventOrigin,
  type Locale,
  type OrderLineInput,
  orderMessages,
  type PressuredBody,
  type ProposalView,
  type PutOrderBody,
  type RejectProposalBody,
  type SubmitOrderBody,
  type SubmitOrderResponse,
  type SupplyMode,
} from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  orderLineEvents,
  orderLines,
  orderProposalLines,
  orderProposals,
  orderSubmissions,
  orders,
  scarceRequests,
} from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import { AppError, type FieldMessage, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import type { Notify as ConcernNotify } from '../concerns/concern-notify';
import { raiseConcernInTx } from '../concerns/concerns.service';
import { registerNotificationTexts } from '../notifications/notification-texts';
import type { Notify } from '../notifications/notifications.service';
import { getSuggestions } from '../suggestions/suggestions.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { explainRetailer } from './allocations.service';
import { orderJobNames } from './orders.job-names';
import * as repo from './orders.repository';

export interface OrderDeps {
  db: Db;
  clock: Clock;
  /** The job queue: a proposal's expiry and a published week's notices are scheduled on it. */
  jobs: JobQueue;
  notify: Notify;
  /** The concerns' notify (a pressure report becomes a 强制搭配 concern). */
  concernNotify: ConcernNotify;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
  locale: Locale;
}

/** Weeks of history the order page shows per product. */
export const LAST_WEEKS = 4;
/** How long the code a manager's proposal sends to the retailer is good for (capped by the window's close). */
export const PROPOSAL_CODE_HOURS = 24;
/** Wrong codes before a proposal's code stops working. */
export const PROPOSAL_CODE_TRIES = 5;

registerNotificationTexts(
  {
    'order.proposal': {
      title: { 'zh-CN': '客户经理为您准备了建议订单', en: 'Your customer manager prepared a proposed order' },
      body: {
        'zh-CN':
          '{managerName}建议本周订 {lineCount} 个品规，共 {cartons} 条。同意请在订货页确认，或电话里把确认码 {code} 念给客户经理；不同意可以拒绝，也可以说明受到了强迫。',
        en: '{managerName} proposes {lineCount} products, {cartons} cartons in all, for this week. Accept it on your order page or read the code {code} back to your manager on the phone; you may reject it and say if you felt pressured.',
      },
    },
  },
  { outbound: ['order.proposal'] },
);

// ---- week and window ----

export function currentWeek(clock: Clock): string {
  return weekOf(clock.now());
}

/**
 * The retailer's cut-off in a week, by the field rule (domain notes [C2]): 24:00 of the day before its order day
 * (Asia/Shanghai) — a Friday shop orders until Thursday night, a Monday shop until the Sunday night before.
 */
export function cutoffOf(week: string, orderWeekday: number): Date {
  return new Date(weekStartInstant(week).getTime() + (orderWeekday - 1) * DAY_MS);
}

/**
 * When the week's strategy is usually published by the field rule (Saturday 12:00 in Shanghai, the end of the
 * Fri 18:00 – Sat 12:00 update), for saying when an unpublished week should open.
 */
export function usualOpeningOf(week: string): Date {
  return new Date(weekStartInstant(week).getTime() - 2 * DAY_MS + 12 * 3_600_000);
}

export interface OrderWindow {
  published: boolean;
  open: boolean;
  opensAt: Date | null;
  closesAt: Date;
  /** Not published yet: when the field rule says it usually is (Saturday 12:00 before the week); else null. */
  expectedOpensAt: Date | null;
}

export async function windowFor(
  db: Db | Tx,
  retailer: repo.OrderRetailer,
  week: string,
  now: Date,
): Promise<OrderWindow> {
  const supply = await repo.findSupplyWeek(db, week, retailer.districtId);
  // A district may set one closing time for the week (the demo keeps every window open until the week ends).
  const closesAt = supply?.closesAt ?? cutoffOf(week, retailer.orderWeekday);
  const published = supply?.status === 'published';
  return {
    published,
    open: published && retailer.status === 'active' && now.getTime() < closesAt.getTime(),
    opensAt: published ? (supply?.publishedAt ?? null) : null,
    closesAt,
    expectedOpensAt: published ? null : usualOpeningOf(week),
  };
}

/**
 * The week a retailer orders for at `now`: this week while its window has not closed, else the next one (whose
 * window opens when its strategy is published) — a Monday shop on a Tuesday is working on next week's order.
 */
export async function orderWeekOf(
  db: Db | Tx,
  retailer: repo.OrderRetailer,
  now: Date,
): Promise<{ week: string; window: OrderWindow }> {
  const thisWeek = weekOf(now);
  const window = await windowFor(db, retailer, thisWeek, now);
  if (now.getTime() < window.closesAt.getTime()) return { week: thisWeek, window };
  const next = addWeeks(thisWeek, 1);
  return { week: next, window: await windowFor(db, retailer, next, now) };
}

/**
 * The week whose suggestions stand for an order's week: the week itself, or — for next week's order, placed once
 * this week's window closed — this week's (the suggestions module computes the current week only; both rest on
 * the same weeks of history).
 */
export function suggestionWeekOf(week: string, now: Date): string {
  const thisWeek = weekOf(now);
  return week > thisWeek ? thisWeek : week;
}

/** 'YYYY-MM-DD HH:mm' in Shanghai, for a message. */
function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function assertOpen(window: OrderWindow): void {
  if (!window.published) {
    throw new AppError('ILLEGAL_TRANSITION', {
      window: {
        key: orderMessages.windowNotOpen,
        params: { opensAt: window.expectedOpensAt ? shanghaiTime(window.expectedOpensAt) : '' },
      },
    });
  }
  if (!window.open) {
    throw new AppError('ILLEGAL_TRANSITION', {
      window: { key: orderMessages.windowClosed, params: { closesAt: shanghaiTime(window.closesAt) } },
    });
  }
}

// ---- what the retailer may order ----

export interface Offer {
  product: repo.ProductRow;
  mode: SupplyMode;
  /** The most cartons this retailer may order; null when no limit applies. */
  limit: number | null;
}

export interface Catalogue {
  /** What the retailer may order this week. */
  offers: Map<number, Offer>;
  /** Why a product is not offered (for a clear message). */
  refusal(productId: number): FieldMessage;
}

export async function catalogueFor(db: Db | Tx, retailer: repo.OrderRetailer, week: string): Promise<Catalogue> {
  const strategies = await repo.findStrategies(db, week, retailer.districtId);
  const outlets = await repo.findOutlets(db, week, retailer.districtId);
  const limits = await repo.findOrderLimits(db, retailer);
  const productsById = await repo.findProducts(
    db,
    strategies.map((s) => s.productId),
  );
  const selectedHere = new Set(outlets.filter((o) => o.retailerId === retailer.id).map((o) => o.productId));
  const offers = new Map<number, Offer>();
  const notSelected = new Set<number>();
  const zeroLimit = new Set<number>();
  for (const s of strategies) {
    const product = productsById.get(s.productId);
    if (product?.status !== 'active') continue;
    if (s.mode === 'selected' && !selectedHere.has(s.productId)) {
      notSelected.add(s.productId);
      continue;
    }
    let limit = limits.get(s.productId) ?? null;
    if (s.mode === 'limited') {
      const band = s.tierLimits.find((b) => retailer.tier >= b.tierFrom && retailer.tier <= b.tierTo);
      const bandMax = band?.maxCartons ?? 0;
      limit = limit === null ? bandMax : Math.min(limit, bandMax);
    }
    if (limit === 0) {
      zeroLimit.add(s.productId);
      continue;
    }
    offers.set(s.productId, { product, mode: s.mode, limit });
  }
  const onStrategy = new Set(strategies.map((s) => s.productId));
  return {
    offers,
    refusal: (productId) => {
      const product = productsById.get(productId);
      if (product && product.status !== 'active') return orderMessages.discontinued;
      if (notSelected.has(productId)) return orderMessages.notSelected;
      if (zeroLimit.has(productId)) return { key: orderMessages.aboveLimit, params: { max: 0 } };
      return onStrategy.has(productId) ? orderMessages.notOnSale : orderMessages.unknownProduct;
    },
  };
}

/**
 * Checks lines against the week's catalogue: every product offered (known, active, on the strategy, selected),
 * every quantity within its limit. Answers 400 with a message per offending field; nothing is written.
 */
async function assertLinesAllowed(
  db: Db | Tx,
  catalogue: Catalogue,
  lines: readonly OrderLineInput[],
  prefix = 'lines',
): Promise<void> {
  const fields: Record<string, FieldMessage> = {};
  const missing = lines.filter((l) => !catalogue.offers.has(l.productId)).map((l) => l.productId);
  const known = await repo.findProducts(db, missing);
  lines.forEach((line, i) => {
    const offer = catalogue.offers.get(line.productId);
    if (!offer) {
      fields[`${prefix}.${i}.productId`] = known.has(line.productId)
        ? catalogue.refusal(line.productId)
        : orderMessages.unknownProduct;
    } else if (offer.limit !== null && line.quantity > offer.limit) {
      fields[`${prefix}.${i}.quantity`] = { key: orderMessages.aboveLimit, params: { max: offer.limit } };
    }
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);
}

// ---- scope ----

async function ownRetailer(db: Db | Tx, actor: Actor): Promise<repo.OrderRetailer> {
  if (actor.role !== 'retailer' || actor.retailerId === null) throw notFound();
  const retailer = await repo.findRetailerInScope(db, retailerScope(actor), actor.retailerId);
  if (!retailer) throw notFound();
  return retailer;
}

// ---- writing lines ----

const lineOrigin: Record<LineEventOrigin, 'retailer' | 'suggestion' | 'suggestion_edited' | 'manager_proposal'> = {
  retailer_typed: 'retailer',
  suggestion_accepted: 'suggestion',
  suggestion_edited: 'suggestion_edited',
  proposal_accepted: 'manager_proposal',
};

/**
 * The suggestion as the retailer saw it: the stored quantity capped by the week's limit (the order page and the
 * cards show it so, see suggestions/suggestion-offers.ts) — taking a capped suggestion is taking the suggestion.
 */
export function suggestionAsShown(stored: number | undefined, limit: number | null | undefined): number | undefined {
  if (stored === undefined || limit === null || limit === undefined) return stored;
  return Math.min(stored, limit);
}

/** How the retailer's own quantity came about: the suggestion taken as it was, changed, or none to take. */
function typedOrigin(suggested: number | undefined, quantity: number): LineEventOrigin {
  if (suggested === undefined || suggested <= 0) return 'retailer_typed';
  return suggested === quantity ? 'suggestion_accepted' : 'suggestion_edited';
}

interface WriteContext {
  tx: Tx;
  actor: Actor;
  at: Date;
  order: typeof orders.$inferSelect;
  retailer: repo.OrderRetailer;
  week: string;
  catalogue: Catalogue;
}

interface LineChange {
  productId: number;
  quantity: number;
  origin: LineEventOrigin;
  proposalId?: number;
  proposalLineId?: number;
}

/** Sets one product's quantity: an order line, or for a scarce product the week's request. One event per change. */
async function setQuantity(w: WriteContext, change: LineChange): Promise<number | null> {
  const offer = w.catalogue.offers.get(change.productId);
  if (!offer) throw new Error('setQuantity without an offer');
  const event = {
    orderId: w.order.id,
    retailerId: w.retailer.id,
    districtId: w.retailer.districtId,
    productId: change.productId,
    weekStart: w.week,
    origin: change.origin,
    newQuantity: change.quantity,
    proposalId: change.proposalId ?? null,
    actorUserId: w.actor.id,
    occurredAt: w.at,
  };
  if (offer.mode === 'scarce') {
    const [before] = await w.tx
      .select({ requested: scarceRequests.requested })
      .from(scarceRequests)
      .where(
        and(
          eq(scarceRequests.retailerId, w.retailer.id),
          eq(scarceRequests.productId, change.productId),
          eq(scarceRequests.weekStart, w.week),
        ),
      );
    if (before?.requested === change.quantity) return null;
    await w.tx
      .insert(scarceRequests)
      .values({
        retailerId: w.retailer.id,
        productId: change.productId,
        weekStart: w.week,
        districtId: w.retailer.districtId,
        requested: change.quantity,
        origin: change.origin,
        tier: w.retailer.tier,
        createdAt: w.at,
        updatedAt: w.at,
      })
      .onConflictDoUpdate({
        target: [scarceRequests.retailerId, scarceRequests.productId, scarceRequests.weekStart],
        set: { requested: change.quantity, origin: change.origin, tier: w.retailer.tier, updatedAt: w.at },
      });
    await w.tx
      .insert(orderLineEvents)
      .values({ ...event, kind: 'requested', oldQuantity: before?.requested ?? 0, orderLineId: null });
    return null;
  }
  const [before] = await w.tx
    .select({ id: orderLines.id, quantity: orderLines.quantity })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, w.order.id), eq(orderLines.productId, change.productId)));
  if (before && before.quantity === change.quantity && change.proposalLineId === undefined) return before.id;
  let lineId: number;
  if (before) {
    await w.tx
      .update(orderLines)
      .set({
        quantity: change.quantity,
        origin: lineOrigin[change.origin],
        addedByUserId: w.actor.id,
        ...(change.proposalLineId !== undefined ? { proposalLineId: change.proposalLineId } : {}),
      })
      .where(eq(orderLines.id, before.id));
    lineId = before.id;
  } else {
    const [row] = await w.tx
      .insert(orderLines)
      .values({
        orderId: w.order.id,
        productId: change.productId,
        quantity: change.quantity,
        unitPriceFen: offer.product.wholesalePriceFen,
        origin: lineOrigin[change.origin],
        addedByUserId: w.actor.id,
        proposalLineId: change.proposalLineId ?? null,
        createdAt: w.at,
      })
      .returning({ id: orderLines.id });
    if (!row) throw new Error('no line');
    lineId = row.id;
  }
  await w.tx
    .insert(orderLineEvents)
    .values({ ...event, kind: 'set', oldQuantity: before?.quantity ?? 0, orderLineId: lineId });
  return lineId;
}

async function removeLine(
  w: Pick<WriteContext, 'tx' | 'actor' | 'at' | 'retailer' | 'week'> & { orderId: number },
  line: { id: number; productId: number; quantity: number },
  kind: 'removed' | 'pressured',
  origin: LineEventOrigin,
): Promise<void> {
  await w.tx.delete(orderLines).where(eq(orderLines.id, line.id));
  await w.tx.insert(orderLineEvents).values({
    orderId: w.orderId,
    orderLineId: line.id,
    retailerId: w.retailer.id,
    districtId: w.retailer.districtId,
    productId: line.productId,
    weekStart: w.week,
    kind,
    origin,
    oldQuantity: line.quantity,
    newQuantity: 0,
    actorUserId: w.actor.id,
    occurredAt: w.at,
  });
}

/** Makes the order's lines (and scarce requests) exactly `lines`, as the retailer typed them. */
async function replaceLines(w: WriteContext, lines: readonly OrderLineInput[]): Promise<void> {
  const suggested = await repo.findSuggestionQuantities(w.tx, w.retailer.id, suggestionWeekOf(w.week, w.at));
  const wanted = new Map(lines.map((l) => [l.productId, l.quantity]));
  for (const line of await repo.findLines(w.tx, w.order.id)) {
    if (!wanted.has(line.productId)) await removeLine({ ...w, orderId: w.order.id }, line, 'removed', 'retailer_typed');
  }
  for (const request of await repo.findRequests(w.tx, w.retailer.id, w.week)) {
    if (!wanted.has(request.productId)) {
      await w.tx
        .delete(scarceRequests)
        .where(
          and(
            eq(scarceRequests.retailerId, w.retailer.id),
            eq(scarceRequests.productId, request.productId),
            eq(scarceRequests.weekStart, w.week),
          ),
        );
      await w.tx.insert(orderLineEvents).values({
        orderId: w.order.id,
        retailerId: w.retailer.id,
        districtId: w.retailer.districtId,
        productId: request.productId,
        weekStart: w.week,
        kind: 'removed',
        origin: 'retailer_typed',
        oldQuantity: request.requested,
        newQuantity: 0,
        actorUserId: w.actor.id,
        occurredAt: w.at,
      });
    }
  }
  for (const line of lines) {
    await setQuantity(w, {
      productId: line.productId,
      quantity: line.quantity,
      origin: typedOrigin(
        suggestionAsShown(suggested.get(line.productId), w.catalogue.offers.get(line.productId)?.limit),
        line.quantity,
      ),
    });
  }
}

async function snapshot(tx: Tx, orderId: number, retailerId: number, week: string) {
  const lines = await repo.findLines(tx, orderId);
  const requests = await repo.findRequests(tx, retailerId, week);
  return {
    lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    requests: requests.map((r) => ({ productId: r.productId, quantity: r.requested })),
  };
}

// ---- reading the current order ----

export function proposalView(
  row: typeof orderProposals.$inferSelect,
  lines: Awaited<ReturnType<typeof repo.findProposalLines>>,
): ProposalView {
  return {
    id: row.id,
    retailerId: row.retailerId,
    managerId: row.managerId,
    week: row.weekStart,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedVia: row.decidedVia,
    codeExpiresAt: row.status === 'pending' ? row.codeExpiresAt.toISOString() : null,
    lines: lines
      .filter((l) => l.proposalId === row.id)
      .map((l) => ({
        id: l.id,
        productId: l.productId,
        productName: l.productName,
        quantity: l.quantity,
        pressured: l.pressuredAt !== null,
      })),
  };
}

/**
 * The retailer's order for the open week: its lines with how each came about, and per product it may order the
 * last weeks' quantities, its stock, the suggestion with its reason, the limit, and scarce requests with their
 * allocation; the window; the managers' proposals. Retailers only (staff see the week overview).
 */
export async function getCurrentOrder(deps: OrderDeps, context: RequestContext): Promise<CurrentOrderResponse> {
  const { actor } = context;
  const retailer = await ownRetailer(deps.db, actor);
  const now = deps.clock.now();
  const { week, window } = await orderWeekOf(deps.db, retailer, now);
  const catalogue = window.published
    ? await catalogueFor(deps.db, retailer, week)
    : { offers: new Map<number, Offer>() };
  const suggestions = await getSuggestions(
    { db: deps.db, clock: deps.clock },
    { actor, requestId: context.requestId, locale: context.locale },
    { retailerId: retailer.id, week: suggestionWeekOf(week, now) },
  );
  const suggestionOf = new Map(suggestions.map((s) => [s.productId, s]));
  const order = await repo.findOrder(deps.db, retailer.id, week);
  const lines = order ? await repo.findLines(deps.db, order.id) : [];
  const origins = order ? await repo.findLineOrigins(deps.db, order.id) : new Map<number, LineEventOrigin>();
  const requests = await repo.findRequests(deps.db, retailer.id, week);
  const lastWeekStarts = weekStarts(addWeeks(week, -1), LAST_WEEKS);
  const history = await repo.findLastWeeks(deps.db, retailer.id, lastWeekStarts);
  const stock = await repo.findStock(deps.db, retailer.id);
  const proposals = await repo.findProposals(deps.db, retailer.id, week);
  const proposalLines = await repo.findProposalLines(
    deps.db,
    proposals.map((p) => p.id),
  );
  const proposalOfLine = new Map(proposalLines.map((l) => [l.id, l.proposalId]));
  const lineByProduct = new Map(lines.map((l) => [l.productId, l]));
  const requestByProduct = new Map(requests.map((r) => [r.productId, r]));
  const reasons = await allocationReasons(deps.db, retailer, week, context.locale);
  const productsOut = [...catalogue.offers.values()]
    .sort(
      (a, b) =>
        a.product.priceClass - b.product.priceClass ||
        a.product.brand.localeCompare(b.product.brand, 'zh-CN') ||
        a.product.id - b.product.id,
    )
    .map(({ product, mode, limit }) => {
      const suggestion = suggestionOf.get(product.id);
      const request = requestByProduct.get(product.id);
      return {
        productId: product.id,
        code: product.code,
        brand: product.brand,
        name: product.name,
        spec: product.spec,
        priceClass: product.priceClass,
        wholesalePriceFen: product.wholesalePriceFen,
        mode,
        limit,
        lastWeeks: lastWeekStarts.map(
          (w) => history.find((h) => h.productId === product.id && h.week === w)?.quantity ?? 0,
        ),
        stock: stock.get(product.id) ?? null,
        suggestion: suggestion ? { quantity: suggestion.quantity, reason: suggestion.reason } : null,
        quantity: lineByProduct.get(product.id)?.quantity ?? 0,
        requested: request?.requested ?? null,
        allocated: request?.allocated ?? null,
        allocationReason: reasons.get(product.id) ?? null,
      };
    });
  return {
    retailerId: retailer.id,
    week,
    status: order === null ? 'none' : order.status === 'draft' ? 'draft' : 'submitted',
    orderId: order?.id ?? null,
    submittedAt: order?.submittedAt?.toISOString() ?? null,
    window: {
      published: window.published,
      open: window.open,
      opensAt: window.opensAt?.toISOString() ?? null,
      closesAt: window.closesAt.toISOString(),
      expectedOpensAt: window.expectedOpensAt?.toISOString() ?? null,
    },
    lastWeekStarts,
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      origin: origins.get(l.id) ?? 'retailer_typed',
      proposalId: l.proposalLineId === null ? null : (proposalOfLine.get(l.proposalLineId) ?? null),
    })),
    products: productsOut,
    proposals: proposals.map((p) => proposalView(p, proposalLines)),
    version: order ? Math.floor(order.updatedAt.getTime()) : 0,
  };
}

/** The reason line of the retailer's latest allocation per product, in the caller's language. */
async function allocationReasons(
  db: Db | Tx,
  retailer: repo.OrderRetailer,
  week: string,
  locale: Locale,
): Promise<Map<number, string>> {
  const items = await explainRetailer(db, retailer, week, locale);
  return new Map(items.map((i) => [i.productId, i.reason]));
}

// ---- commands of the retailer ----

/** Saves the draft as the retailer wants it now (the whole list): limits, window and products checked first. */
export async function putCurrentOrder(
  deps: OrderDeps,
  context: RequestContext,
  body: PutOrderBody,
): Promise<CurrentOrderResponse> {
  const { actor } = context;
  const retailer = await ownRetailer(deps.db, actor);
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { week, window } = await orderWeekOf(tx, retailer, at);
    assertOpen(window);
    const catalogue = await catalogueFor(tx, retailer, week);
    await assertLinesAllowed(tx, catalogue, body.lines);
    const order = await repo.lockOrder(tx, retailer, week, actor.id, at);
    const before = await snapshot(tx, order.id, retailer.id, week);
    const w: WriteContext = { tx, actor, at, order, retailer, week, catalogue };
    await replaceLines(w, body.lines);
    const after = await snapshot(tx, order.id, retailer.id, week);
    // Saving it unchanged leaves it as it was; a submitted order that is changed waits for its next submission.
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    const status = 'draft';
    await tx.update(orders).set({ status, updatedAt: at }).where(eq(orders.id, order.id));
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'order',
        entityId: order.id,
        action: 'order.saved',
        before: { status: order.status, ...before },
        after: { status, ...after },
        districtId: retailer.districtId,
      },
    );
  });
  return getCurrentOrder(deps, context);
}

const hashRequest = (retailerId: number, body: SubmitOrderBody) =>
  createHash('sha256')
    .update(JSON.stringify({ retailerId, lines: body.lines ?? null }))
    .digest('hex');

/**
 * Submits the retailer's order (its `lines` replace the draft first when given), in one transaction under the
 * order's row lock. The Idempotency-Key makes it safe to repeat: a replay answers what the first answered and
 * changes nothing; the same key with another body (or another retailer) is 409.
 */
export async function submitCurrentOrder(
  deps: OrderDeps,
  context: RequestContext,
  idempotencyKey: string,
  body: SubmitOrderBody,
): Promise<SubmitOrderResponse> {
  const { actor } = context;
  const retailer = await ownRetailer(deps.db, actor);
  const at = deps.clock.now();
  const requestHash = hashRequest(retailer.id, body);
  const replay = (stored: { retailerId: number; requestHash: string; response: Record<string, unknown> }) => {
    if (stored.retailerId !== retailer.id || stored.requestHash !== requestHash) {
      throw new AppError('CONFLICT', { idempotencyKey: orderMessages.idempotencyKeyReused });
    }
    return { ...(stored.response as SubmitOrderResponse), replayed: true };
  };
  // A replay needs no lock and writes nothing.
  const earlier = await findSubmission(deps.db, idempotencyKey);
  if (earlier) return replay(earlier);
  return inTransaction(deps.db, async (tx) => {
    const { week, window } = await orderWeekOf(tx, retailer, at);
    const order = await repo.lockOrder(tx, retailer, week, actor.id, at);
    // Checked again under the lock: a concurrent request with the same key may have committed meanwhile.
    const raced = await findSubmission(tx, idempotencyKey);
    if (raced) return replay(raced);
    assertOpen(window);
    const catalogue = await catalogueFor(tx, retailer, week);
    const before = await snapshot(tx, order.id, retailer.id, week);
    if (body.lines) {
      await assertLinesAllowed(tx, catalogue, body.lines);
      await replaceLines({ tx, actor, at, order, retailer, week, catalogue }, body.lines);
    }
    const now = await snapshot(tx, order.id, retailer.id, week);
    if (now.lines.length + now.requests.length === 0) {
      throw new AppError('VALIDATION_FAILED', { lines: orderMessages.emptyOrder });
    }
    // The draft was checked when saved; the strategy may have changed since, so the whole order is checked again.
    await assertLinesAllowed(tx, catalogue, [...now.lines, ...now.requests]);
    await tx
      .update(orders)
      .set({ status: 'submitted', submittedAt: at, idempotencyKey, updatedAt: at })
      .where(eq(orders.id, order.id));
    const response: SubmitOrderResponse = {
      orderId: order.id,
      week,
      status: 'submitted',
      submittedAt: at.toISOString(),
      lines: now.lines,
      requests: now.requests,
      replayed: false,
    };
    const inserted = await tx
      .insert(orderSubmissions)
      .values({
        idempotencyKey,
        retailerId: retailer.id,
        districtId: retailer.districtId,
        orderId: order.id,
        weekStart: week,
        requestHash,
        response,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ key: orderSubmissions.idempotencyKey });
    // Another retailer's request took the key in the meantime.
    if (inserted.length === 0) throw new AppError('CONFLICT', { idempotencyKey: orderMessages.idempotencyKeyReused });
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'order',
        entityId: order.id,
        action: 'order.submitted',
        before: { status: order.status, ...before },
        after: { status: 'submitted', ...now, idempotencyKey },
        districtId: retailer.districtId,
      },
    );
    // Only here, never on a replay: the retailer's timeline says the week's order went in.
    const all = [...now.lines, ...now.requests];
    await appendTimelineEvent(tx, {
      retailerId: retailer.id,
      districtId: retailer.districtId,
      occurredAt: at,
      kind: 'order.submitted',
      actorUserId: actor.id,
      sourceType: 'order',
      sourceId: order.id,
      data: { orderId: order.id, week, lines: all.length, cartons: all.reduce((sum, l) => sum + l.quantity, 0) },
    });
    return response;
  });
}

async function findSubmission(db: Db | Tx, key: string) {
  const [row] = await db
    .select({
      retailerId: orderSubmissions.retailerId,
      requestHash: orderSubmissions.requestHash,
      response: orderSubmissions.response,
    })
    .from(orderSubmissions)
    .where(eq(orderSubmissions.idempotencyKey, key));
  return row ?? null;
}

/**
 * The retailer says a line was pressed on it (强制搭配): the line leaves the order and a 强制搭配 concern with the
 * note as its text goes to the district's supervisor — sensitive, so no manager can read it.
 */
export async function reportPressured(
  deps: OrderDeps,
  context: RequestContext,
  lineId: number,
  body: PressuredBody,
): Promise<{ lineId: number; concernId: number }> {
  const { actor } = context;
  const retailer = await ownRetailer(deps.db, actor);
  const line = await repo.findLineInScope(deps.db, retailerScope(actor), lineId);
  if (!line) throw notFound();
  const at = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const order = await repo.lockOrder(tx, retailer, line.weekStart, actor.id, at);
    const [still] = await tx.select().from(orderLines).where(eq(orderLines.id, lineId));
    if (!still) throw new AppError('ILLEGAL_TRANSITION', { lineId: orderMessages.lineNotOnOrder });
    if (order.status !== 'draft' && order.status !== 'submitted') {
      throw new AppError('ILLEGAL_TRANSITION', { lineId: orderMessages.lineNotOnOrder });
    }
    const origins = await repo.findLineOrigins(tx, order.id);
    await removeLine(
      { tx, actor, at, retailer, week: line.weekStart, orderId: order.id },
      still,
      'pressured',
      origins.get(still.id) ?? 'retailer_typed',
    );
    if (still.proposalLineId !== null) {
      await tx
        .update(orderProposalLines)
        .set({ pressuredAt: at })
        .where(eq(orderProposalLines.id, still.proposalLineId));
    }
    await tx.update(orders).set({ updatedAt: at }).where(eq(orders.id, order.id));
    const concernId = await raiseConcernInTx(
      tx,
      { notify: deps.concernNotify },
      { actor, at, requestId: context.requestId },
      { id: retailer.id, districtId: retailer.districtId, managerId: retailer.managerId, shopName: retailer.shopName },
      { category: 'forced_ordering', text: body.note, priority: 'high', source: 'retailer_portal' },
    );
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'order_line',
        entityId: still.id,
        action: 'order.line.pressured',
        before: { orderId: order.id, productId: still.productId, quantity: still.quantity },
        after: { removed: true, concernId },
        districtId: retailer.districtId,
      },
    );
    // Restricted like the 强制搭配 concern itself: the timeline leaves it out for managers.
    await appendTimelineEvent(tx, {
      retailerId: retailer.id,
      districtId: retailer.districtId,
      occurredAt: at,
      kind: 'order.line_pressured',
      actorUserId: actor.id,
      sourceType: 'concern',
      sourceId: concernId,
      data: {
        orderId: order.id,
        productId: still.productId,
        productName: (await repo.findProducts(tx, [still.productId])).get(still.productId)?.name ?? '',
        quantity: still.quantity,
        concernId,
        restricted: true,
      },
    });
    return { lineId: still.id, concernId };
  });
}

// ---- proposals ----

function hashCode(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

function codeMatches(code: string, stored: string): boolean {
  const [salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const given = Buffer.from(hashCode(code, salt), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function loadProposal(db: Db | Tx, id: number): Promise<ProposalView> {
  const [row] = await db.select().from(orderProposals).where(eq(orderProposals.id, id));
  if (!row) throw notFound();
  return proposalView(row, await repo.findProposalLines(db, [id]));
}

/**
 * A manager prepares an order for one of its retailers (phone orders for elderly retailers). It is only a
 * proposal: nothing reaches the order until the retailer accepts it. The retailer is sent a one-time code (in
 * its portal and by the outbound channel) to read back on the phone; the code is stored hashed, never answered.
 */
export async function createProposal(
  deps: OrderDeps,
  context: RequestContext,
  body: CreateProposalBody,
): Promise<ProposalView> {
  const { actor } = context;
  if (actor.role !== 'manager') throw new AppError('FORBIDDEN');
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), body.retailerId);
  if (!retailer) throw notFound();
  const at = deps.clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('hex');
  const id = await inTransaction(deps.db, async (tx) => {
    const { week, window } = await orderWeekOf(tx, retailer, at);
    assertOpen(window);
    const catalogue = await catalogueFor(tx, retailer, week);
    await assertLinesAllowed(tx, catalogue, body.lines);
    const expires = Math.min(at.getTime() + PROPOSAL_CODE_HOURS * 3_600_000, window.closesAt.getTime());
    const [proposal] = await tx
      .insert(orderProposals)
      .values({
        retailerId: retailer.id,
        districtId: retailer.districtId,
        managerId: actor.id,
        weekStart: week,
        status: 'pending',
        codeHash: `${salt}$${hashCode(code, salt)}`,
        codeExpiresAt: new Date(expires),
        createdAt: at,
      })
      .returning({ id: orderProposals.id });
    if (!proposal) throw new Error('no proposal');
    // When the window closes a proposal still pending expires (the job re-checks the window then).
    await deps.jobs.schedule(
      orderJobNames.proposalExpire,
      { proposalId: proposal.id },
      { tx, startAfter: window.closesAt, singletonKey: String(proposal.id) },
    );
    await tx.insert(orderProposalLines).values(
      body.lines.map((l) => ({
        proposalId: proposal.id,
        districtId: retailer.districtId,
        productId: l.productId,
        quantity: l.quantity,
      })),
    );
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'order_proposal',
        entityId: proposal.id,
        action: 'order.proposal.created',
        after: { retailerId: retailer.id, week, lines: body.lines, codeExpiresAt: new Date(expires).toISOString() },
        districtId: retailer.districtId,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: retailer.id,
      districtId: retailer.districtId,
      occurredAt: at,
      kind: 'order.proposal_made',
      actorUserId: actor.id,
      sourceType: 'order_proposal',
      sourceId: proposal.id,
      data: {
        proposalId: proposal.id,
        week,
        lines: body.lines.length,
        cartons: body.lines.reduce((sum, l) => sum + l.quantity, 0),
      },
    });
    const retailerUser = await repo.findRetailerUserId(tx, retailer.id);
    if (retailerUser !== null) {
      const [manager] = await tx
        .execute<{ display_name: string }>(sql`select display_name from users where id = ${actor.id}`)
        .then((r) => r.rows);
      await deps.notify(tx, {
        userId: retailerUser,
        kind: 'order.proposal',
        params: {
          proposalId: proposal.id,
          managerName: manager?.display_name ?? '',
          lineCount: body.lines.length,
          cartons: body.lines.reduce((sum, l) => sum + l.quantity, 0),
          code,
        },
        link: '/my-shop/order',
      });
    }
    return proposal.id;
  });
  return loadProposal(deps.db, id);
}

/**
 * The retailer accepts a proposal — in its portal, or by reading the code back to its manager, who sends it. The
 * proposal's lines are set on the order (origin proposal_accepted) and the order is submitted: the retailer's
 * act is the consent. A wrong code counts a try (after PROPOSAL_CODE_TRIES the code is dead); a decided
 * proposal is 409; limits and the window hold as for the retailer's own lines.
 */
export async function acceptProposal(
  deps: OrderDeps,
  context: RequestContext,
  id: number,
  body: AcceptProposalBody,
): Promise<ProposalView> {
  const { actor } = context;
  const found = await repo.findProposalInScope(deps.db, retailerScope(actor), id);
  if (!found) throw notFound();
  let via: 'portal' | 'code';
  if (actor.role === 'retailer') via = 'portal';
  else if (actor.role === 'manager' && found.retailerManagerId === actor.id) via = 'code';
  else throw new AppError('FORBIDDEN');
  if (via === 'code' && body.code === undefined) {
    throw new AppError('VALIDATION_FAILED', { code: orderMessages.codeRequired });
  }
  const at = deps.clock.now();
  const retailer = await repo.findRetailerInScope(deps.db, sql`true`, found.retailerId);
  if (!retailer) throw notFound();
  const outcome = await inTransaction(deps.db, async (tx) => {
    const proposal = await repo.lockProposal(tx, id);
    if (!proposal) throw notFound();
    if (proposal.status !== 'pending') {
      throw new AppError('ILLEGAL_TRANSITION', { proposal: orderMessages.proposalDecided });
    }
    if (via === 'code') {
      if (proposal.codeFailures >= PROPOSAL_CODE_TRIES || at.getTime() >= proposal.codeExpiresAt.getTime()) {
        throw new AppError('VALIDATION_FAILED', { code: orderMessages.codeExpired });
      }
      if (!codeMatches(body.code ?? '', proposal.codeHash)) {
        await tx
          .update(orderProposals)
          .set({ codeFailures: proposal.codeFailures + 1 })
          .where(eq(orderProposals.id, id));
        return 'wrongCode' as const;
      }
    }
    const week = proposal.weekStart;
    const window = await windowFor(tx, retailer, week, at);
    assertOpen(window);
    const catalogue = await catalogueFor(tx, retailer, week);
    const lines = await repo.findProposalLines(tx, [id]);
    const wanted = lines.filter((l) => l.pressuredAt === null);
    await assertLinesAllowed(tx, catalogue, wanted, 'lines');
    const order = await repo.lockOrder(tx, retailer, week, actor.id, at);
    const before = await snapshot(tx, order.id, retailer.id, week);
    const w: WriteContext = { tx, actor, at, order, retailer, week, catalogue };
    for (const line of wanted) {
      await setQuantity(w, {
        productId: line.productId,
        quantity: line.quantity,
        origin: 'proposal_accepted',
        proposalId: id,
        proposalLineId: line.id,
      });
    }
    await tx.update(orders).set({ status: 'submitted', submittedAt: at, updatedAt: at }).where(eq(orders.id, order.id));
    await tx
      .update(orderProposals)
      .set({ status: 'accepted', decidedAt: at, decidedByUserId: actor.id, decidedVia: via })
      .where(eq(orderProposals.id, id));
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'order_proposal',
        entityId: id,
        action: 'order.proposal.accepted',
        before: { status: 'pending', order: before },
        after: { status: 'accepted', via, orderId: order.id, order: await snapshot(tx, order.id, retailer.id, week) },
        districtId: retailer.districtId,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: retailer.id,
      districtId: retailer.districtId,
      occurredAt: at,
      kind: 'order.proposal_accepted',
      actorUserId: actor.id,
      sourceType: 'order_proposal',
      sourceId: id,
      data: {
        proposalId: id,
        orderId: order.id,
        via,
        lines: wanted.length,
        cartons: wanted.reduce((sum, l) => sum + l.quantity, 0),
      },
    });
    return 'accepted' as const;
  });
  if (outcome === 'wrongCode') throw new AppError('VALIDATION_FAILED', { code: orderMessages.codeWrong });
  return loadProposal(deps.db, id);
}

/**
 * The retailer rejects a proposal in its portal; with `pressured` it also reports it: a 强制搭配 concern goes to
 * the supervisor (the note, or the proposal's lines when no note is given).
 */
export async function rejectProposal(
  deps: OrderDeps,
  context: RequestContext,
  id: number,
  body: RejectProposalBody,
): Promise<ProposalView> {
  const { actor } = context;
  const retailer = await ownRetailer(deps.db, actor);
  const found = await repo.findProposalInScope(deps.db, retailerScope(actor), id);
  if (!found) throw notFound();
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const proposal = await repo.lockProposal(tx, id);
    if (!proposal) throw notFound();
    if (proposal.status !== 'pending') {
      throw new AppError('ILLEGAL_TRANSITION', { proposal: orderMessages.proposalDecided });
    }
    await tx
      .update(orderProposals)
      .set({
        status: 'rejected',
        decidedAt: at,
        decidedByUserId: actor.id,
        decidedVia: 'portal',
        pressured: body.pressured,
      })
      .where(eq(orderProposals.id, id));
    let concernId: number | null = null;
    if (body.pressured) {
      await tx.update(orderProposalLines).set({ pressuredAt: at }).where(eq(orderProposalLines.proposalId, id));
      const lines = await repo.findProposalLines(tx, [id]);
      const text = body.note !== '' ? body.note : lines.map((l) => `${l.productName} × ${l.quantity}`).join('；');
      concernId = await raiseConcernInTx(
        tx,
        { notify: deps.concernNotify },
        { actor, at, requestId: context.requestId },
        {
          id: retailer.id,
          districtId: retailer.districtId,
          managerId: retailer.managerId,
          shopName: retailer.shopName,
        },
        { category: 'forced_ordering', text, priority: 'high', source: 'retailer_portal' },
      );
    }
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'order_proposal',
        entityId: id,
        action: 'order.proposal.rejected',
        before: { status: 'pending' },
        after: { status: 'rejected', pressured: body.pressured, concernId },
        districtId: retailer.districtId,
      },
    );
    // The rejection is every reader's; that it was pressured is only in a restricted event (no manager reads it),
    // so a manager cannot tell a pressured rejection from a plain one.
    const event = { retailerId: retailer.id, districtId: retailer.districtId, occurredAt: at, actorUserId: actor.id };
    await appendTimelineEvent(tx, {
      ...event,
      kind: 'order.proposal_rejected',
      sourceType: 'order_proposal',
      sourceId: id,
      data: { proposalId: id, via: 'portal' },
    });
    if (concernId !== null) {
      const lines = await repo.findProposalLines(tx, [id]);
      await appendTimelineEvent(tx, {
        ...event,
        kind: 'order.line_pressured',
        sourceType: 'concern',
        sourceId: concernId,
        data: {
          proposalId: id,
          pressured: true,
          lines: lines.length,
          cartons: lines.reduce((sum, l) => sum + l.quantity, 0),
          concernId,
          restricted: true,
        },
      });
    }
  });
  return loadProposal(deps.db, id);
}

/**
 * A pending proposal whose week's window has closed expires: nothing can accept it any more. Recorded on the
 * retailer's timeline (order.proposal_expired, at the close) and audited, in one short transaction under the
 * proposal's row lock. Idempotent: a decided proposal is left alone. A window that now closes later (the district
 * set a new closing time) is not closed yet: with `reschedule` the check is queued again for then.
 */
export async function expireProposal(
  deps: Pick<OrderDeps, 'db' | 'jobs'>,
  proposalId: number,
  now: Date,
  options: { reschedule: boolean } = { reschedule: true },
): Promise<boolean> {
  return inTransaction(deps.db, async (tx) => {
    const proposal = await repo.lockProposal(tx, proposalId);
    if (proposal?.status !== 'pending') return false;
    const retailer = await repo.findRetailerInScope(tx, sql`true`, proposal.retailerId);
    if (!retailer) return false;
    const window = await windowFor(tx, retailer, proposal.weekStart, now);
    if (now.getTime() < window.closesAt.getTime()) {
      if (options.reschedule) {
        await deps.jobs.schedule(
          orderJobNames.proposalExpire,
          { proposalId },
          { tx, startAfter: window.closesAt, singletonKey: String(proposalId) },
        );
      }
      return false;
    }
    const closedAt = window.closesAt;
    await tx
      .update(orderProposals)
      .set({ status: 'expired', decidedAt: closedAt })
      .where(eq(orderProposals.id, proposalId));
    const lines = await repo.findProposalLines(tx, [proposalId]);
    await recordAudit(
      tx,
      { actor: null, at: now },
      {
        entityType: 'order_proposal',
        entityId: proposalId,
        action: 'order.proposal.expired',
        before: { status: 'pending' },
        after: { status: 'expired', windowClosedAt: closedAt.toISOString() },
        districtId: proposal.districtId,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: proposal.retailerId,
      districtId: proposal.districtId,
      occurredAt: closedAt,
      kind: 'order.proposal_expired',
      actorUserId: null,
      sourceType: 'order_proposal',
      sourceId: proposalId,
      data: {
        proposalId,
        week: proposal.weekStart,
        lines: lines.length,
        cartons: lines.reduce((sum, l) => sum + l.quantity, 0),
      },
    });
    return true;
  });
}

/**
 * The daily safety net behind each proposal's own job: every pending proposal of this week or before whose window
 * has closed expires, one short transaction each. Idempotent; returns how many expired.
 */
export async function expireProposals(deps: Pick<OrderDeps, 'db' | 'jobs'>, now: Date): Promise<number> {
  const candidates = await deps.db
    .select({ id: orderProposals.id })
    .from(orderProposals)
    .where(and(eq(orderProposals.status, 'pending'), sql`${orderProposals.weekStart} <= ${weekOf(now)}`))
    .orderBy(orderProposals.id);
  let expired = 0;
  for (const { id } of candidates) {
    if (await expireProposal(deps, id, now, { reschedule: false })) expired += 1;
  }
  return expired;
}
