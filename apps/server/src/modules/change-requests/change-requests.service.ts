import {
  type ApproveChangeRequestBody,
  type ChangeRequest,
  type ChangeRequestChanges,
  type ChangeRequestField,
  type ChangeRequestListQuery,
  type ChangeRequestListResponse,
  type ChangeRequestValues,
  type CreateChangeRequestBody,
  changeRequestFields,
  changeRequestMessages,
  hoursIssues,
  type RejectChangeRequestBody,
  type RetailerChangeRequestsResponse,
  type WithdrawChangeRequestBody,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation } from '../../lib/pg-errors';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { assertCan, can } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import * as repo from './change-requests.repository';

export interface ChangeRequestDeps {
  db: Db;
  clock: Clock;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
}

type Values = Required<ChangeRequestValues>;

/** The request-able fields of a retailer as they are now. */
function valuesOf(retailer: repo.RetailerForRequest): Values {
  return {
    phone: retailer.phone,
    otherContacts: retailer.otherContacts.map((c) => ({ name: c.name, phone: c.phone, role: c.role ?? '' })),
    opensAt: retailer.opensAt,
    closesAt: retailer.closesAt,
    closedWeekdays: [...retailer.closedWeekdays].sort((a, b) => a - b),
    bestVisitFrom: retailer.bestVisitFrom,
    bestVisitTo: retailer.bestVisitTo,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function pick(values: ChangeRequestValues, fields: readonly ChangeRequestField[]): ChangeRequestValues {
  return Object.fromEntries(fields.map((f) => [f, values[f]])) as ChangeRequestValues;
}

function fieldsOf(values: ChangeRequestValues): ChangeRequestField[] {
  return changeRequestFields.filter((f) => values[f] !== undefined);
}

/** The hours rules on the record as it would be; a failure names the field inside `changes`. */
function assertHours(after: Values): void {
  const issues = hoursIssues(after);
  if (issues.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(issues.map((issue) => [`changes.${issue.field}`, issue.message])),
    );
  }
}

function toDto(actor: Actor, row: repo.RequestRow): ChangeRequest {
  const changes = row.changes as ChangeRequestValues;
  const pending = row.status === 'pending';
  return {
    id: row.id,
    retailerId: row.retailerId,
    shopName: row.retailer.shopName,
    licenceNo: row.retailer.licenceNo,
    status: row.status,
    changes,
    before: row.before as ChangeRequestValues,
    current: pick(valuesOf(row.retailer), fieldsOf(changes)),
    retailerVersion: row.retailer.version,
    note: row.note,
    requestedBy: { id: row.requestedByUserId, name: row.requestedByName },
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedByUserId !== null ? { id: row.decidedByUserId, name: row.decidedByName ?? '' } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    version: row.version,
    canDecide: pending && can(actor, 'retailer.decideChange', row.retailer),
    canWithdraw: pending && row.requestedByUserId === actor.id,
  };
}

async function loadRequest(deps: ChangeRequestDeps, actor: Actor, requestId: number): Promise<ChangeRequest> {
  const row = await repo.findRequestInScope(deps.db, retailerScope(actor), requestId);
  if (!row) throw notFound();
  return toDto(actor, row);
}

/** The requests of one retailer (its own page, or its staff on the 360 page). Out of scope 404. */
export async function listRetailerRequests(
  deps: ChangeRequestDeps,
  actor: Actor,
  retailerId: number,
): Promise<RetailerChangeRequestsResponse> {
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  const rows = await repo.findRequestsOfRetailer(deps.db, retailerId);
  const pending = rows.some((r) => r.status === 'pending');
  return {
    items: rows.map((row) => toDto(actor, row)),
    current: valuesOf(retailer),
    canRequest: !pending && can(actor, 'retailer.requestChange', { retailerId }),
  };
}

/** Staff: the requests of the retailers in their scope with one status (pending by default). */
export async function listRequests(
  deps: ChangeRequestDeps,
  actor: Actor,
  query: ChangeRequestListQuery,
): Promise<ChangeRequestListResponse> {
  const { rows, total } = await repo.findRequestsInScope(deps.db, retailerScope(actor), query.status, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map((row) => toDto(actor, row)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * A retailer asks to change its contacts or hours. Only fields that differ from the record are kept (with what
 * they were, for the decision's before → after); nothing different is a 400. One request may wait at a time:
 * another while one is pending is 409 (the retailer withdraws the first to ask again).
 */
export async function createRequest(
  deps: ChangeRequestDeps,
  context: RequestContext,
  retailerId: number,
  body: { changes: ChangeRequestChanges; note: string },
): Promise<ChangeRequest> {
  const { actor } = context;
  const scope = retailerScope(actor);
  const retailer = await repo.findRetailerInScope(deps.db, scope, retailerId);
  if (!retailer) throw notFound();
  assertCan(actor, 'retailer.requestChange', { retailerId, districtId: retailer.districtId });

  const now = valuesOf(retailer);
  const asked: ChangeRequestValues = { ...body.changes };
  if (asked.closedWeekdays) asked.closedWeekdays = [...asked.closedWeekdays].sort((a, b) => a - b);
  const changed = fieldsOf(asked).filter((f) => !same(asked[f], now[f]));
  if (changed.length === 0) throw new AppError('VALIDATION_FAILED', { changes: changeRequestMessages.noChange });
  const changes = pick(asked, changed);
  assertHours({ ...now, ...changes } as Values);

  const at = deps.clock.now();
  const pendingExists = () => new AppError('CONFLICT', { changes: 'changeRequest.pendingExists' });
  const id = await inTransaction(deps.db, async (tx) => {
    // The common case answers here; two taps at the same instant are settled by the one-pending unique index
    // (migration 0006), whose violation is caught below.
    if (await repo.hasPendingRequest(tx, retailerId)) throw pendingExists();
    const row = await repo.insertRequest(tx, {
      retailerId,
      districtId: retailer.districtId,
      requestedByUserId: actor.id,
      changes,
      before: pick(now, changed),
      note: body.note,
      createdAt: at,
    });
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'retailer_change_request',
        entityId: row.id,
        action: 'changeRequest.created',
        after: { retailerId, changes, note: body.note },
        districtId: retailer.districtId,
      },
    );
    return row.id;
  }).catch((error: unknown) => {
    if (isUniqueViolation(error, 'retailer_change_requests_one_pending_uq')) throw pendingExists();
    throw error;
  });
  return loadRequest(deps, actor, id);
}

/** Reads a request in scope and checks the action on its retailer: 404, then 403. */
async function requestToDecide(deps: ChangeRequestDeps, actor: Actor, requestId: number) {
  const row = await repo.findRequestInScope(deps.db, retailerScope(actor), requestId);
  if (!row) throw notFound();
  assertCan(actor, 'retailer.decideChange', row.retailer);
  return row;
}

/** 409 with the request as it is now: decided, withdrawn or changed since the caller read it. */
function staleRequest(actor: Actor, row: repo.RequestRow): AppError {
  return staleVersion(toDto(actor, row) as unknown as Record<string, unknown>);
}

/**
 * Approves a request: in one transaction the request is closed at its version, the asked fields are written to
 * the retailer at the version the decider saw (a retailer edited meanwhile is 409 with its current values, and
 * nothing is written), audited before → after like any profile edit, and the timeline gets `profile.updated`
 * whose source is the request.
 */
export async function approveRequest(
  deps: ChangeRequestDeps,
  context: RequestContext,
  requestId: number,
  body: ApproveChangeRequestBody,
): Promise<ChangeRequest> {
  const { actor } = context;
  const row = await requestToDecide(deps, actor, requestId);
  if (row.status !== 'pending' || row.version !== body.version) throw staleRequest(actor, row);
  const retailerNow = async () => {
    const current = await repo.findRetailerInScope(deps.db, retailerScope(actor), row.retailerId);
    return staleVersion(current ? ({ ...valuesOf(current), version: current.version } as Record<string, unknown>) : {});
  };
  if (row.retailer.version !== body.retailerVersion) throw await retailerNow();

  const changes = row.changes as ChangeRequestValues;
  const fields = fieldsOf(changes);
  const before = valuesOf(row.retailer);
  const after = { ...before, ...changes } as Values;
  assertHours(after);

  const at = deps.clock.now();
  const auditContext = { actor, at, requestId: context.requestId };
  let conflict = null as 'request' | 'retailer' | null;
  try {
    await inTransaction(deps.db, async (tx) => {
      const closed = await repo.closeRequestAtVersion(tx, requestId, body.version, {
        status: 'approved',
        decidedByUserId: actor.id,
        decidedAt: at,
        decisionReason: null,
      });
      if (!closed) {
        conflict = 'request';
        throw new Error('stale request');
      }
      if (!(await repo.updateRetailerAtVersion(tx, row.retailerId, body.retailerVersion, changes, at))) {
        conflict = 'retailer';
        throw new Error('stale retailer');
      }
      await recordAudit(tx, auditContext, {
        entityType: 'retailer',
        entityId: row.retailerId,
        action: 'profile.updated',
        before: pick(before, fields),
        after: pick(after, fields),
        districtId: row.retailer.districtId,
      });
      await recordAudit(tx, auditContext, {
        entityType: 'retailer_change_request',
        entityId: requestId,
        action: 'changeRequest.approved',
        before: { status: 'pending' },
        after: { status: 'approved' },
        districtId: row.retailer.districtId,
      });
      await appendTimelineEvent(tx, {
        retailerId: row.retailerId,
        districtId: row.retailer.districtId,
        occurredAt: at,
        kind: 'profile.updated',
        actorUserId: actor.id,
        sourceType: 'retailer_change_request',
        sourceId: requestId,
        data: { fields, changeRequestId: requestId, requestedByUserId: row.requestedByUserId },
      });
    });
  } catch (error) {
    // The transaction rolled back; say what changed meanwhile, as it is now.
    if (conflict === 'retailer') throw await retailerNow();
    if (conflict === 'request') {
      const now = await repo.findRequestInScope(deps.db, retailerScope(actor), requestId);
      throw now ? staleRequest(actor, now) : notFound();
    }
    throw error;
  }
  return loadRequest(deps, actor, requestId);
}

/** Rejects a request with a reason the retailer will read; the retailer's record is untouched. */
export async function rejectRequest(
  deps: ChangeRequestDeps,
  context: RequestContext,
  requestId: number,
  body: RejectChangeRequestBody,
): Promise<ChangeRequest> {
  const { actor } = context;
  const row = await requestToDecide(deps, actor, requestId);
  await closeWithoutApplying(deps, context, row, body.version, 'rejected', body.reason);
  return loadRequest(deps, actor, requestId);
}

/** The retailer takes back its own pending request (to ask again differently). */
export async function withdrawRequest(
  deps: ChangeRequestDeps,
  context: RequestContext,
  requestId: number,
  body: WithdrawChangeRequestBody,
): Promise<ChangeRequest> {
  const { actor } = context;
  const row = await repo.findRequestInScope(deps.db, retailerScope(actor), requestId);
  if (!row) throw notFound();
  assertCan(actor, 'retailer.requestChange', { retailerId: row.retailerId, districtId: row.retailer.districtId });
  await closeWithoutApplying(deps, context, row, body.version, 'withdrawn', null);
  return loadRequest(deps, actor, requestId);
}

async function closeWithoutApplying(
  deps: ChangeRequestDeps,
  context: RequestContext,
  row: repo.RequestRow,
  version: number,
  status: 'rejected' | 'withdrawn',
  reason: string | null,
): Promise<void> {
  const { actor } = context;
  if (row.status !== 'pending' || row.version !== version) throw staleRequest(actor, row);
  const at = deps.clock.now();
  let stale = false as boolean;
  try {
    await inTransaction(deps.db, async (tx) => {
      if (
        !(await repo.closeRequestAtVersion(tx, row.id, version, {
          status,
          decidedByUserId: actor.id,
          decidedAt: at,
          decisionReason: reason,
        }))
      ) {
        stale = true;
        throw new Error('stale request');
      }
      await recordAudit(
        tx,
        { actor, at, requestId: context.requestId },
        {
          entityType: 'retailer_change_request',
          entityId: row.id,
          action: status === 'rejected' ? 'changeRequest.rejected' : 'changeRequest.withdrawn',
          before: { status: 'pending' },
          after: { status, ...(reason !== null ? { reason } : {}) },
          districtId: row.retailer.districtId,
        },
      );
    });
  } catch (error) {
    if (!stale) throw error;
    const now = await repo.findRequestInScope(deps.db, retailerScope(actor), row.id);
    throw now ? staleRequest(actor, now) : notFound();
  }
}

export type { CreateChangeRequestBody };
