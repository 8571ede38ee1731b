/**
 * Handing concerns to another owner, by hand (a supervisor in its district, an admin) or because the retailer moved
 * to another customer manager (the territory service calls `moveConcernsWithRetailers` in its own transaction).
 * Each change is a `reassigned` event on the concern's history (who from, who to, why), audited, and the new owner
 * is notified.
 */
import {
  type ConcernCategory,
  type ConcernDetail,
  type ConcernOwnerCandidates,
  type ConcernReassignReason,
  concernMessages,
  finalConcernStatuses,
  isSensitiveCategory,
  type ReassignConcernBody,
} from '@siyi/contracts';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { concernLink, type Notify } from './concern-notify';
import * as repo from './concerns.repository';
import {
  type ConcernDeps,
  concernScope,
  getConcern,
  type RequestContext,
  recordConcernEvent,
} from './concerns.service';

const isFinished = (status: string) => (finalConcernStatuses as readonly string[]).includes(status);

/** The open concern in scope that the actor may hand over (404 out of scope, 403 for anyone but its supervisor/admin). */
async function concernToHandOver(deps: Pick<ConcernDeps, 'db'>, actor: Actor, id: number) {
  const row = await repo.findConcernInScope(deps.db, concernScope(actor), id);
  if (!row) throw notFound();
  assertCan(actor, 'concern.supervise', { districtId: row.districtId });
  return row;
}

/** Who may take this concern over: the district's active managers and supervisors (sensitive: supervisors only). */
export async function listOwnerCandidates(
  deps: Pick<ConcernDeps, 'db'>,
  actor: Actor,
  id: number,
): Promise<ConcernOwnerCandidates> {
  const row = await concernToHandOver(deps, actor, id);
  const candidates = await repo.findOwnerCandidates(deps.db, row.districtId);
  return {
    items: candidates
      .filter((c) => c.id !== row.ownerUserId && (!row.sensitive || c.role === 'supervisor'))
      .map((c) => ({
        id: c.id,
        name: c.name,
        role: c.role as 'manager' | 'supervisor',
        retailersManager: c.id === row.managerId,
      })),
  };
}

/** Writes one reassignment: the owner, the `reassigned` event (history + audit), the new owner's notification. */
async function reassignInTx(
  tx: Tx,
  notify: Notify,
  context: { actor: Actor | null; at: Date; requestId?: string | undefined },
  concern: {
    id: number;
    retailerId: number;
    districtId: number;
    category: ConcernCategory;
    sensitive: boolean;
    ownerUserId: number | null;
  },
  toOwnerUserId: number,
  reason: ConcernReassignReason,
  shopName: string,
  note = '',
): Promise<void> {
  await repo.updateConcern(tx, concern.id, { ownerUserId: toOwnerUserId }, context.at);
  await recordConcernEvent(tx, context, {
    concernId: concern.id,
    retailerId: concern.retailerId,
    districtId: concern.districtId,
    sensitive: concern.sensitive,
    category: concern.category,
    kind: 'reassigned',
    note,
    data: { fromOwnerUserId: concern.ownerUserId, toOwnerUserId, reason },
    before: { ownerUserId: concern.ownerUserId },
    after: { ownerUserId: toOwnerUserId, reason },
  });
  if (toOwnerUserId !== context.actor?.id) {
    await notify(tx, {
      userId: toOwnerUserId,
      kind: 'concern.reassigned',
      params: { concernId: concern.id, shopName, category: concern.category },
      link: concernLink(concern.id),
    });
  }
}

/**
 * A supervisor (its district) or an admin hands an open concern to another owner: an active customer manager or
 * supervisor of the concern's district — a 服务态度 / 强制搭配 concern to a supervisor only — with a reason. Out of
 * scope 404; a manager (or another district's supervisor) 403; an illegal new owner 400 on `ownerUserId`; a
 * finished concern 409 ILLEGAL_TRANSITION; a stale `version` 409 CONFLICT. Nothing is written on a refusal.
 */
export async function reassignConcern(
  deps: ConcernDeps,
  context: RequestContext,
  id: number,
  body: ReassignConcernBody,
): Promise<ConcernDetail> {
  const { actor } = context;
  const row = await concernToHandOver(deps, actor, id);
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockConcern(tx, id);
    if (!locked) throw notFound();
    if (body.version !== undefined && body.version !== locked.version) {
      throw staleVersion({ version: locked.version, status: locked.status, ownerUserId: locked.ownerUserId });
    }
    if (isFinished(locked.status)) {
      throw new AppError('ILLEGAL_TRANSITION', { ownerUserId: concernMessages.reassignFinished });
    }
    const owner = await repo.lockUser(tx, body.ownerUserId);
    const legal =
      owner !== undefined &&
      owner.disabledAt === null &&
      owner.orgUnitId === locked.districtId &&
      (owner.role === 'manager' || owner.role === 'supervisor');
    if (!legal) throw new AppError('VALIDATION_FAILED', { ownerUserId: concernMessages.ownerNotAllowed });
    if (owner.role === 'manager' && isSensitiveCategory(locked.category)) {
      throw new AppError('VALIDATION_FAILED', { ownerUserId: concernMessages.ownerSensitive });
    }
    if (owner.id === locked.ownerUserId) {
      throw new AppError('VALIDATION_FAILED', { ownerUserId: concernMessages.ownerSame });
    }
    await reassignInTx(
      tx,
      deps.notify,
      { actor, at, requestId: context.requestId },
      locked,
      owner.id,
      'manual',
      row.shopName,
      body.reason.trim(),
    );
  });
  return getConcern(deps, actor, id);
}

/**
 * In the territory reassignment's transaction: each moved retailer's open concerns that its old manager owned
 * (not the sensitive ones, not those the supervisor owns after an escalation, not finished ones) go to the new
 * manager — a `reassigned` event (reason `retailer_moved`), audited, the new manager notified. Returns how many.
 */
export async function moveConcernsWithRetailers(
  tx: Tx,
  notify: Notify,
  context: { actor: Actor; at: Date; requestId?: string | undefined },
  moved: readonly { retailerId: number; shopName: string; fromManagerId: number | null }[],
  toManagerId: number,
): Promise<number> {
  const pairs = moved.flatMap((m) =>
    m.fromManagerId === null ? [] : [{ retailerId: m.retailerId, ownerUserId: m.fromManagerId }],
  );
  const open = await repo.lockOpenConcernsOwnedBy(tx, pairs);
  const shopNames = new Map(moved.map((m) => [m.retailerId, m.shopName]));
  for (const concern of open) {
    await reassignInTx(
      tx,
      notify,
      context,
      concern,
      toManagerId,
      'retailer_moved',
      shopNames.get(concern.retailerId) ?? '',
    );
  }
  return open.length;
}
