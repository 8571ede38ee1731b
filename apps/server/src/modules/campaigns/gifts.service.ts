import {
  campaignMessages,
  type Gift,
  type GiftListQuery,
  type GiftListResponse,
  type IssueGiftBody,
  type ReturnGiftBody,
} from '@siyi/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import * as repo from './campaigns.repository';

/**
 * Gifts and materials (小礼品, 物料): a manager gives them from its own stock to its own retailers, the retailer
 * confirms with a tap, an unconfirmed one may come back into stock. Nothing here reads or writes an order: a gift
 * is never tied to an order (that is exactly the pressure the respect rules forbid).
 */

interface Deps {
  db: Db;
  clock: Clock;
}

interface RequestContext {
  actor: Actor;
  requestId?: string | undefined;
}

function toGift(row: repo.GiftRow): Gift {
  return {
    id: row.id,
    campaignId: row.campaignId,
    campaignName: row.campaignName,
    itemId: row.itemId,
    itemName: row.itemName,
    kind: row.kind,
    unit: row.unit,
    quantity: row.quantity,
    retailerId: row.retailerId,
    shopName: row.shopName,
    managerId: row.managerId,
    managerName: row.managerName,
    visitId: row.visitId,
    note: row.note,
    status: row.status,
    issuedAt: row.issuedAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    returnedAt: row.returnedAt?.toISOString() ?? null,
    returnNote: row.returnNote,
  };
}

export async function listGifts(
  deps: Deps,
  actor: Actor,
  query: z.infer<typeof GiftListQuery>,
): Promise<GiftListResponse> {
  const { rows, total } = await repo.findGiftsInScope(
    deps.db,
    retailerScope(actor),
    { campaignId: query.campaignId, retailerId: query.retailerId, status: query.status },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(toGift), total, page: query.page, pageSize: query.pageSize };
}

async function giftAfterWrite(deps: Deps, actor: Actor, id: number): Promise<Gift> {
  const row = await repo.findGiftInScope(deps.db, id, retailerScope(actor));
  if (!row) throw new Error('gift missing after write');
  return toGift(row);
}

async function recordGiftEvent(
  tx: Tx,
  context: RequestContext & { at: Date },
  gift: {
    id: number;
    retailerId: number;
    districtId: number;
    campaignId: number;
    campaignName: string;
    itemName: string;
    quantity: number;
  },
  kind: 'issued' | 'confirmed' | 'returned',
  change: { before?: Record<string, unknown>; after: Record<string, unknown> },
): Promise<void> {
  await recordAudit(
    tx,
    { actor: context.actor, at: context.at, requestId: context.requestId },
    {
      entityType: 'gift',
      entityId: gift.id,
      action: `gift.${kind}`,
      before: change.before ?? null,
      after: change.after,
      districtId: gift.districtId,
    },
  );
  await appendTimelineEvent(tx, {
    retailerId: gift.retailerId,
    districtId: gift.districtId,
    occurredAt: context.at,
    kind: `gift.${kind}`,
    actorUserId: context.actor.id,
    sourceType: 'gift',
    sourceId: gift.id,
    data: {
      giftId: gift.id,
      campaignId: gift.campaignId,
      campaignName: gift.campaignName,
      item: gift.itemName,
      quantity: gift.quantity,
    },
  });
}

/** A manager gives a gift to its own retailer from its own stock; beyond the stock → 409 CONFLICT, nothing written. */
export async function issueGift(
  deps: Deps,
  context: RequestContext,
  body: z.infer<typeof IssueGiftBody>,
): Promise<Gift> {
  const { actor } = context;
  const retailer = await repo.findRetailerInScope(deps.db, body.retailerId, retailerScope(actor));
  if (!retailer) throw notFound();
  assertCan(actor, 'gift.issue', {
    retailerId: retailer.id,
    districtId: retailer.districtId,
    managerId: retailer.managerId,
  });
  const [item] = await repo.findItemsByIds(deps.db, [body.itemId]);
  if (!item) throw new AppError('VALIDATION_FAILED', { itemId: campaignMessages.unknownItem });
  const fields: Record<string, string> = {};
  // A campaign's gift is for the shops it targets.
  if (!(await repo.findTargetedRetailer(deps.db, item.campaignId, retailer.id, retailerScope(actor)))) {
    fields.retailerId = campaignMessages.notTargeted;
  }
  if (body.visitId !== undefined && !(await repo.findCheckedInVisit(deps.db, body.visitId, retailer.id, actor.id))) {
    fields.visitId = campaignMessages.visitMismatch;
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);
  const at = deps.clock.now();
  const id = await inTransaction(deps.db, async (tx) => {
    const { assigned, out } = await repo.lockStock(tx, item.id, actor.id);
    const available = assigned - out;
    if (body.quantity > available) {
      throw new AppError('CONFLICT', {
        quantity: { key: campaignMessages.outOfStock, params: { available: `${available} ${item.unit}`.trim() } },
      });
    }
    const values = {
      campaignId: item.campaignId,
      itemId: item.id,
      managerId: actor.id,
      retailerId: retailer.id,
      districtId: retailer.districtId,
      quantity: body.quantity,
      visitId: body.visitId ?? null,
      note: body.note,
      issuedAt: at,
    };
    const newId = await repo.insertGift(tx, values);
    await recordGiftEvent(
      tx,
      { ...context, at },
      { ...values, id: newId, itemName: item.name, campaignName: item.campaignName },
      'issued',
      {
        after: { ...values, availableAfter: available - body.quantity },
      },
    );
    return newId;
  });
  return giftAfterWrite(deps, actor, id);
}

/** The retailer confirms a gift it received; another retailer's gift is not found (404). */
export async function confirmGift(deps: Deps, context: RequestContext, id: number): Promise<Gift> {
  const { actor } = context;
  const gift = await repo.findGiftInScope(deps.db, id, retailerScope(actor));
  if (!gift) throw notFound();
  assertCan(actor, 'gift.confirm', { retailerId: gift.retailerId });
  return finish(deps, context, gift, { status: 'confirmed' });
}

/** The manager who gave it (or an admin) takes an unconfirmed gift back into stock. */
export async function returnGift(
  deps: Deps,
  context: RequestContext,
  id: number,
  body: z.infer<typeof ReturnGiftBody>,
): Promise<Gift> {
  const { actor } = context;
  const gift = await repo.findGiftInScope(deps.db, id, retailerScope(actor));
  if (!gift) throw notFound();
  assertCan(actor, 'gift.return', {
    retailerId: gift.retailerId,
    districtId: gift.districtId,
    managerId: gift.managerId,
  });
  return finish(deps, context, gift, { status: 'returned', note: body.note });
}

async function finish(
  deps: Deps,
  context: RequestContext,
  gift: repo.GiftRow,
  change: { status: 'confirmed' } | { status: 'returned'; note: string },
): Promise<Gift> {
  const illegal = () =>
    new AppError('ILLEGAL_TRANSITION', {
      status: gift.status === 'confirmed' ? campaignMessages.alreadyConfirmed : campaignMessages.alreadyReturned,
    });
  if (gift.status !== 'issued') throw illegal();
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const moved = await repo.finishGift(tx, gift.id, { ...change, at });
    if (!moved) throw illegal();
    await recordGiftEvent(tx, { ...context, at }, gift, change.status, {
      before: { status: gift.status },
      after: { status: change.status, ...(change.status === 'returned' ? { returnNote: change.note } : {}) },
    });
  });
  return giftAfterWrite(deps, context.actor, gift.id);
}
