import {
  activeConcernStatuses,
  CONCERN_PHOTOS_MAX,
  type Concern,
  type ConcernActorKind,
  type ConcernCategory,
  type ConcernDetail,
  type ConcernEvent,
  type ConcernListQuery,
  type ConcernListResponse,
  type ConcernPhoto,
  type ConcernSettings,
  type ConcernSource,
  type ConcernStatus,
  type ConcernStatusFilter,
  type CreateCallbackBody,
  type CreateConcernBody,
  concernMessages,
  finalConcernStatuses,
  isSensitiveCategory,
  openConcernStatuses,
  type RateConcernBody,
  type TransitionConcernBody,
  type UpdateConcernSettingsBody,
} from '@siyi/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { concerns } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { type AccessTarget, assertCan, can } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { type ConcernNotification, concernLink, type Notify } from './concern-notify';
import { allowedTargets, apply, type ConcernState, decide, isFinal } from './concern-state';
import * as repo from './concerns.repository';

export interface ConcernDeps {
  db: Db;
  clock: Clock;
  /** In-app notifications (modules/notifications); written in the transaction of the change. */
  notify: Notify;
}

export interface RequestContext {
  actor: Actor;
  requestId?: string | undefined;
}

/** How much of a concern's text a list shows. */
const LIST_TEXT_CHARS = 200;

/**
 * The concerns an actor may see: its retailers' (retailerScope) — and a manager also those it owns (a supervisor
 * handed it one of another manager's shops) — and never 服务态度 / 强制搭配 for a manager: they are about the
 * manager, owned by the supervisor, and answer 404 to every manager.
 */
export function concernScope(actor: Actor): SQL {
  const retailersSeen = retailerScope(actor);
  if (actor.role !== 'manager') return retailersSeen;
  return sql`((${retailersSeen}) or ${concerns.ownerUserId} = ${actor.id}) and ${concerns.sensitive} = false`;
}

const targetOf = (row: { retailerId: number; districtId: number; managerId: number | null }): AccessTarget => ({
  retailerId: row.retailerId,
  districtId: row.districtId,
  managerId: row.managerId,
});

/**
 * Which party of the flow the actor is for this concern: its staff (the retailer's manager, supervisor, admin — or
 * the manager who owns it), the retailer itself, or neither.
 */
export function actorKindFor(
  actor: Actor,
  target: AccessTarget,
  ownerUserId: number | null = null,
): ConcernActorKind | null {
  if (can(actor, 'concern.work', target)) return 'staff';
  if (actor.role === 'manager' && ownerUserId === actor.id) return 'staff';
  if (can(actor, 'concern.respond', target)) return 'retailer';
  return null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
const isOverdue = (status: ConcernStatus, dueAt: Date, now: Date) =>
  (activeConcernStatuses as readonly string[]).includes(status) && dueAt.getTime() < now.getTime();

function toConcern(actor: Actor, row: repo.ConcernRow, now: Date, whole: boolean): Concern {
  const target = targetOf(row);
  const kind = actorKindFor(actor, target, row.ownerUserId);
  const finished = isFinal(row.status);
  const rated = row.ratingStars !== null;
  return {
    id: row.id,
    retailerId: row.retailerId,
    shopName: row.shopName,
    districtId: row.districtId,
    category: row.category,
    text: whole || row.text.length <= LIST_TEXT_CHARS ? row.text : `${row.text.slice(0, LIST_TEXT_CHARS)}…`,
    priority: row.priority,
    source: row.source,
    status: row.status,
    owner: person(row.ownerUserId, row.ownerName),
    raisedBy: person(row.raisedByUserId, row.raisedByName),
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    overdue: isOverdue(row.status, row.dueAt, now),
    escalatedAt: iso(row.escalatedAt),
    resolvedAt: iso(row.resolvedAt),
    resolution: row.resolution,
    closedAt: iso(row.closedAt),
    closedBy: row.closedBy,
    reopenCount: row.reopenCount,
    photoCount: row.photoCount,
    callbackCount: row.callbackCount,
    rating:
      row.ratingStars !== null && row.ratingAt
        ? { stars: row.ratingStars, comment: row.ratingComment ?? '', createdAt: row.ratingAt.toISOString() }
        : null,
    version: row.version,
    allowedTransitions: kind ? allowedTargets(row.status, kind) : [],
    canRate: kind === 'retailer' && finished && !rated,
    canCallback: finished && can(actor, 'concern.supervise', target),
    canAddPhoto: kind !== null && !finished && row.photoCount < CONCERN_PHOTOS_MAX,
    canReassign: !finished && can(actor, 'concern.supervise', target),
  };
}

function toPhoto(row: repo.PhotoRow): ConcernPhoto {
  return {
    id: row.id,
    url: `/api/concerns/${row.concernId}/photos/${row.id}`,
    thumbnailUrl: `/api/concerns/${row.concernId}/photos/${row.id}/thumbnail`,
    width: row.width,
    height: row.height,
    uploadedBy: person(row.uploadedByUserId, row.uploadedByName),
    createdAt: row.createdAt.toISOString(),
  };
}

const userIdIn = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** The owners an escalation or reassignment names (stored as `fromOwnerUserId` / `toOwnerUserId`). */
function ownerIdsOf(events: readonly { data: Record<string, unknown> }[]): number[] {
  const ids = new Set<number>();
  for (const { data } of events) {
    for (const id of [userIdIn(data.fromOwnerUserId), userIdIn(data.toOwnerUserId)]) if (id !== null) ids.add(id);
  }
  return [...ids];
}

/** An event's data with the owners it names as people (`fromOwner`, `toOwner`), as the contract says. */
function withOwners(data: Record<string, unknown>, names: Map<number, string>): Record<string, unknown> {
  const from = userIdIn(data.fromOwnerUserId);
  const to = userIdIn(data.toOwnerUserId);
  if (from === null && to === null) return data;
  return {
    ...data,
    ...(from !== null ? { fromOwner: person(from, names.get(from) ?? null) } : {}),
    ...(to !== null ? { toOwner: person(to, names.get(to) ?? null) } : {}),
  };
}

/** The concern in scope (404 otherwise), as its detail: with its history, photos and call-backs. */
export async function getConcern(
  deps: Pick<ConcernDeps, 'db' | 'clock'>,
  actor: Actor,
  id: number,
  scope: SQL = concernScope(actor),
): Promise<ConcernDetail> {
  const row = await repo.findConcernInScope(deps.db, scope, id);
  if (!row) throw notFound();
  const [events, photos, callbacks] = await Promise.all([
    repo.findEvents(deps.db, id),
    repo.findPhotos(deps.db, id),
    repo.findCallbacks(deps.db, id),
  ]);
  const names = await repo.findUserNames(deps.db, ownerIdsOf(events));
  const history: ConcernEvent[] = events.map((e) => ({
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    kind: e.kind,
    from: e.fromStatus,
    to: e.toStatus,
    note: e.note,
    actor: person(e.actorUserId, e.actorName),
    data: withOwners(e.data, names),
  }));
  return {
    ...toConcern(actor, row, deps.clock.now(), true),
    history,
    photos: photos.map(toPhoto),
    callbacks: callbacks.map((c) => ({
      id: c.id,
      outcome: c.outcome,
      note: c.note,
      calledBy: { id: c.calledByUserId, name: c.calledByName },
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

function statusesOf(filter: ConcernStatusFilter | undefined): readonly ConcernStatus[] | undefined {
  if (filter === undefined) return undefined;
  if (filter === 'open') return openConcernStatuses;
  if (filter === 'final') return finalConcernStatuses;
  return [filter];
}

function encodeCursor(row: { dueAt: Date; id: number }): string {
  return `${row.dueAt.getTime()}_${row.id}`;
}

function decodeCursor(cursor: string | undefined): { dueAt: Date; id: number } | undefined {
  if (cursor === undefined) return undefined;
  const match = /^(\d{1,15})_(\d{1,15})$/.exec(cursor);
  if (!match) throw new AppError('VALIDATION_FAILED', { cursor: 'cursor.invalid' });
  return { dueAt: new Date(Number(match[1])), id: Number(match[2]) };
}

/** The concerns in scope with the filters, by due time (the "my work" order), one keyset page at a time. */
export async function listConcerns(
  deps: Pick<ConcernDeps, 'db' | 'clock'>,
  actor: Actor,
  query: z.infer<typeof ConcernListQuery>,
): Promise<ConcernListResponse> {
  const now = deps.clock.now();
  const after = decodeCursor(query.cursor);
  const rows = await repo.findConcernsInScope(deps.db, concernScope(actor), {
    statuses: statusesOf(query.status),
    ownerUserId: query.owner === 'me' ? actor.id : query.owner,
    category: query.category,
    retailerId: query.retailerId,
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
    now,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toConcern(actor, row, now, false)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    canCreate: actor.role !== 'retailer' || actor.retailerId !== null,
  };
}

// ---- Writing: every command one transaction; its events audited and put on the retailer's timeline. ----

interface EventWrite {
  concernId: number;
  retailerId: number;
  districtId: number;
  sensitive: boolean;
  category: ConcernCategory;
  kind: 'created' | 'transition' | 'escalated' | 'reassigned' | 'reminded' | 'rated' | 'callback' | 'photo_added';
  from?: ConcernStatus | null;
  to?: ConcernStatus | null;
  note?: string;
  data?: Record<string, unknown>;
  /** Leave the retailer's timeline out (the caller puts its own entry there, e.g. `concern.heard`). */
  skipTimeline?: boolean;
  /** For the audit: the concern's fields before and after. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Timeline kinds: `concern.raised`, `concern.<state>` for a transition, `concern.escalated|rated|callback|photo`. */
function timelineKind(event: EventWrite): string | null {
  switch (event.kind) {
    case 'created':
      return 'concern.raised';
    case 'transition':
      return `concern.${event.to}`;
    case 'escalated':
      return 'concern.escalated';
    case 'rated':
      return 'concern.rated';
    case 'callback':
      return 'concern.callback';
    case 'photo_added':
      return 'concern.photo';
    default:
      // Reminders and plain reassignments are the concern's own business, not the shop's story.
      return null;
  }
}

/**
 * The concern's own event, the audit entry and the retailer's timeline entry, in the command's transaction. A
 * sensitive concern's timeline entry is `restricted`: the timeline leaves it out for managers.
 */
export async function recordConcernEvent(
  tx: Tx,
  context: { actor: Actor | null; at: Date; requestId?: string | undefined },
  event: EventWrite,
): Promise<void> {
  const { actor, at } = context;
  await repo.insertEvent(tx, {
    concernId: event.concernId,
    districtId: event.districtId,
    occurredAt: at,
    kind: event.kind,
    fromStatus: event.from ?? null,
    toStatus: event.to ?? null,
    note: event.note ?? '',
    actorUserId: actor?.id ?? null,
    data: event.data ?? {},
  });
  await recordAudit(tx, context, {
    entityType: 'concern',
    entityId: event.concernId,
    action: `concern.${event.kind === 'transition' ? event.to : event.kind}`,
    before: event.before,
    after: { ...event.after, ...(event.note ? { note: event.note } : {}) },
    districtId: event.districtId,
  });
  const kind = event.skipTimeline ? null : timelineKind(event);
  if (kind) {
    await appendTimelineEvent(tx, {
      retailerId: event.retailerId,
      districtId: event.districtId,
      occurredAt: at,
      kind,
      actorUserId: actor?.id ?? null,
      sourceType: 'concern',
      sourceId: event.concernId,
      data: {
        concernId: event.concernId,
        category: event.category,
        ...(event.to ? { status: event.to } : {}),
        ...(event.note ? { note: event.note.slice(0, 200) } : {}),
        ...event.data,
        ...(event.sensitive ? { restricted: true } : {}),
      },
    });
  }
}

/** Who owns a new concern: the retailer's manager; the district supervisor for 服务态度 / 强制搭配 or no manager. */
async function routeOwner(
  db: Db | Tx,
  retailer: { districtId: number; managerId: number | null },
  category: ConcernCategory,
): Promise<number | null> {
  if (!isSensitiveCategory(category) && retailer.managerId !== null) return retailer.managerId;
  return repo.findDistrictSupervisor(db, retailer.districtId);
}

export interface RaiseInput {
  category: ConcernCategory;
  text: string;
  priority: 'normal' | 'high' | 'urgent';
  source: ConcernSource;
  /** The caller writes the retailer's timeline entry itself (a concern heard on a visit: `concern.heard`). */
  skipTimeline?: boolean;
}

/**
 * Writes a new concern inside the caller's transaction (the heard-concern record uses this too): routed to its
 * owner, due by the category's SLA, its creation recorded, the owner notified. The caller checked scope and action.
 */
export async function raiseConcernInTx(
  tx: Tx,
  deps: Pick<ConcernDeps, 'notify'>,
  context: { actor: Actor; at: Date; requestId?: string | undefined },
  retailer: { id: number; districtId: number; managerId: number | null; shopName: string },
  input: RaiseInput,
): Promise<number> {
  const { actor, at } = context;
  const settings = await repo.findSettings(tx);
  const hours = settings.slaHours[input.category] ?? 72;
  const ownerUserId = await routeOwner(tx, retailer, input.category);
  const dueAt = new Date(at.getTime() + hours * 3_600_000);
  const id = await repo.insertConcern(tx, {
    retailerId: retailer.id,
    districtId: retailer.districtId,
    category: input.category,
    text: input.text,
    priority: input.priority,
    source: input.source,
    status: 'new',
    ownerUserId,
    raisedByUserId: actor.id,
    dueAt,
    createdAt: at,
    updatedAt: at,
  });
  const sensitive = isSensitiveCategory(input.category);
  await recordConcernEvent(tx, context, {
    concernId: id,
    retailerId: retailer.id,
    districtId: retailer.districtId,
    sensitive,
    category: input.category,
    kind: 'created',
    to: 'new',
    skipTimeline: input.skipTimeline ?? false,
    data: { source: input.source, ownerUserId },
    after: {
      retailerId: retailer.id,
      category: input.category,
      priority: input.priority,
      source: input.source,
      ownerUserId,
      dueAt: dueAt.toISOString(),
      text: input.text,
    },
  });
  if (ownerUserId !== null && ownerUserId !== actor.id) {
    await deps.notify(tx, notification(ownerUserId, 'concern.assigned', id, retailer.shopName, input.category));
  }
  return id;
}

function notification(
  userId: number,
  kind: ConcernNotification['kind'],
  concernId: number,
  shopName: string,
  category: ConcernCategory,
  hours?: number,
): ConcernNotification {
  return {
    userId,
    kind,
    params: { concernId, shopName, category, ...(hours !== undefined ? { hours } : {}) },
    link: concernLink(concernId),
  };
}

/**
 * Raises a concern: a retailer for itself (its portal), staff for a retailer in their scope. Out of scope (or
 * another retailer's id from a retailer) 404; a retailer's source is always its portal, staff choose another.
 */
export async function createConcern(
  deps: ConcernDeps,
  context: RequestContext,
  body: CreateConcernBody & { priority: RaiseInput['priority'] },
): Promise<ConcernDetail> {
  const { actor } = context;
  const isRetailer = actor.role === 'retailer';
  const retailerId = body.retailerId ?? (isRetailer ? actor.retailerId : null);
  if (retailerId === null || retailerId === undefined) {
    throw new AppError('VALIDATION_FAILED', { retailerId: concernMessages.retailerRequired });
  }
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  assertCan(actor, 'concern.raise', targetOf({ ...retailer, retailerId: retailer.id }));
  let source: ConcernSource;
  if (isRetailer) {
    if (body.source !== undefined && body.source !== 'retailer_portal') {
      throw new AppError('VALIDATION_FAILED', { source: concernMessages.sourceNotAllowed });
    }
    source = 'retailer_portal';
  } else {
    if (body.source === 'retailer_portal') {
      throw new AppError('VALIDATION_FAILED', { source: concernMessages.sourceNotAllowed });
    }
    source = body.source ?? 'phone';
  }
  const at = deps.clock.now();
  const id = await inTransaction(deps.db, (tx) =>
    raiseConcernInTx(tx, deps, { ...context, at }, retailer, {
      category: body.category,
      text: body.text,
      priority: body.priority,
      source,
    }),
  );
  if (actor.role === 'manager' && isSensitiveCategory(body.category)) {
    // A manager logs a 服务态度 / 强制搭配 concern it heard: it goes to the supervisor and the manager cannot read it
    // from now on — the answer is what was written, once, with nothing the manager may do.
    const written = await getConcern(deps, actor, id, repo.everyConcern);
    return { ...written, allowedTransitions: [], canAddPhoto: false, canReassign: false, canCallback: false };
  }
  return getConcern(deps, actor, id);
}

const stateOf = (row: repo.LockedConcern): ConcernState => ({
  status: row.status,
  dueAt: row.dueAt,
  remindedAt: row.remindedAt,
  escalatedAt: row.escalatedAt,
  firstResolvedAt: row.firstResolvedAt,
  resolvedAt: row.resolvedAt,
  resolution: row.resolution,
  closedAt: row.closedAt,
  closedBy: row.closedBy,
  reopenCount: row.reopenCount,
});

/** The audit's view of a state: only what a transition changes. */
const auditState = (s: ConcernState) => ({
  status: s.status,
  dueAt: s.dueAt.toISOString(),
  resolution: s.resolution,
  closedBy: s.closedBy,
  reopenCount: s.reopenCount,
});

/**
 * Moves a concern through its flow. Scope first (404), then the party (403 for neither staff nor the retailer),
 * then — under the row lock, in one transaction — the state machine: an illegal move 409 ILLEGAL_TRANSITION,
 * another party's move 403, a missing resolution or reason 400; nothing is written on a refusal.
 */
export async function transitionConcern(
  deps: ConcernDeps,
  context: RequestContext,
  id: number,
  body: TransitionConcernBody & { note: string },
): Promise<ConcernDetail> {
  const { actor } = context;
  const row = await repo.findConcernInScope(deps.db, concernScope(actor), id);
  if (!row) throw notFound();
  const by = actorKindFor(actor, targetOf(row), row.ownerUserId);
  if (!by) throw new AppError('FORBIDDEN');
  const at = deps.clock.now();
  const note = body.note.trim();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockConcern(tx, id);
    if (!locked) throw notFound();
    if (body.version !== undefined && body.version !== locked.version) {
      throw staleVersion({ version: locked.version, status: locked.status });
    }
    const decision = decide(locked.status, body.to, by, note);
    if (!decision.ok) {
      if (decision.refusal === 'illegal') {
        throw new AppError('ILLEGAL_TRANSITION', { to: concernMessages.illegalTransition });
      }
      if (decision.refusal === 'wrong_actor') throw new AppError('FORBIDDEN');
      throw new AppError('VALIDATION_FAILED', {
        note: body.to === 'reopened' ? concernMessages.reasonRequired : concernMessages.noteRequired,
      });
    }
    const settings = await repo.findSettings(tx);
    const before = stateOf(locked);
    const after = apply(before, body.to, by, note, at, settings.slaHours[locked.category] ?? 72);
    await repo.updateConcern(tx, id, after, at);
    await recordConcernEvent(
      tx,
      { actor, at, requestId: context.requestId },
      {
        concernId: id,
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        sensitive: locked.sensitive,
        category: locked.category,
        kind: 'transition',
        from: locked.status,
        to: body.to,
        note,
        before: auditState(before),
        after: auditState(after),
      },
    );
    await notifyTransition(tx, deps, locked, body.to, row.shopName);
  });
  return getConcern(deps, actor, id);
}

async function notifyTransition(
  tx: Tx,
  deps: Pick<ConcernDeps, 'notify'>,
  concern: repo.LockedConcern,
  to: ConcernStatus,
  shopName: string,
): Promise<void> {
  const send = (userId: number | null, kind: ConcernNotification['kind']) =>
    userId === null
      ? Promise.resolve()
      : deps.notify(tx, notification(userId, kind, concern.id, shopName, concern.category));
  if (to === 'resolved') await send(await repo.findRetailerUser(tx, concern.retailerId), 'concern.resolved');
  if (to === 'reopened') await send(concern.ownerUserId, 'concern.reopened');
  if (to === 'confirmed') await send(concern.ownerUserId, 'concern.confirmed');
}

/** The retailer rates how its finished concern was handled, once (again: 409). */
export async function rateConcern(
  deps: ConcernDeps,
  context: RequestContext,
  id: number,
  body: RateConcernBody & { comment: string },
): Promise<ConcernDetail> {
  const { actor } = context;
  const row = await repo.findConcernInScope(deps.db, concernScope(actor), id);
  if (!row) throw notFound();
  assertCan(actor, 'concern.respond', targetOf(row));
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockConcern(tx, id);
    if (!locked) throw notFound();
    if (!isFinal(locked.status)) throw new AppError('ILLEGAL_TRANSITION', { stars: concernMessages.notRatable });
    const inserted = await repo.insertRating(tx, {
      concernId: id,
      districtId: locked.districtId,
      stars: body.stars,
      comment: body.comment.trim(),
      ratedByUserId: actor.id,
      createdAt: at,
    });
    if (!inserted) throw new AppError('CONFLICT', { stars: concernMessages.alreadyRated });
    await recordConcernEvent(
      tx,
      { actor, at, requestId: context.requestId },
      {
        concernId: id,
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        sensitive: locked.sensitive,
        category: locked.category,
        kind: 'rated',
        note: body.comment.trim(),
        data: { stars: body.stars },
        after: { stars: body.stars },
      },
    );
  });
  return getConcern(deps, actor, id);
}

/** 回访: the supervisor (or an admin) records a call-back on a finished concern. */
export async function addCallback(
  deps: ConcernDeps,
  context: RequestContext,
  id: number,
  body: CreateCallbackBody & { note: string },
): Promise<ConcernDetail> {
  const { actor } = context;
  const row = await repo.findConcernInScope(deps.db, concernScope(actor), id);
  if (!row) throw notFound();
  assertCan(actor, 'concern.supervise', targetOf(row));
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockConcern(tx, id);
    if (!locked) throw notFound();
    if (!isFinal(locked.status)) throw new AppError('ILLEGAL_TRANSITION', { outcome: concernMessages.notClosed });
    const callbackId = await repo.insertCallback(tx, {
      concernId: id,
      districtId: locked.districtId,
      outcome: body.outcome,
      note: body.note.trim(),
      calledByUserId: actor.id,
      createdAt: at,
    });
    await recordConcernEvent(
      tx,
      { actor, at, requestId: context.requestId },
      {
        concernId: id,
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        sensitive: locked.sensitive,
        category: locked.category,
        kind: 'callback',
        note: body.note.trim(),
        data: { outcome: body.outcome, callbackId },
        after: { outcome: body.outcome },
      },
    );
  });
  return getConcern(deps, actor, id);
}

// ---- Settings ----

function toSettings(row: repo.SettingsRow): ConcernSettings {
  return {
    slaHours: row.slaHours as ConcernSettings['slaHours'],
    autoCloseDays: row.autoCloseDays,
    reminderLeadHours: row.reminderLeadHours,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: person(row.updatedByUserId, row.updatedByName),
  };
}

export async function getSettings(deps: Pick<ConcernDeps, 'db'>): Promise<ConcernSettings> {
  return toSettings(await repo.findSettings(deps.db));
}

/** An admin changes the SLA hours, auto-close days and reminder lead; stale `version` 409; audited. */
export async function updateSettings(
  deps: ConcernDeps,
  context: RequestContext,
  body: UpdateConcernSettingsBody,
): Promise<ConcernSettings> {
  const { actor } = context;
  assertCan(actor, 'concern.configure');
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const before = await repo.findSettings(tx);
    const values = {
      slaHours: body.slaHours,
      autoCloseDays: body.autoCloseDays,
      reminderLeadHours: body.reminderLeadHours,
    };
    if (!(await repo.updateSettings(tx, values, body.version, actor.id, at))) {
      throw staleVersion(toSettings(before) as unknown as Record<string, unknown>);
    }
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'concern_settings',
        entityId: 1,
        action: 'concernSettings.updated',
        before: {
          slaHours: before.slaHours,
          autoCloseDays: before.autoCloseDays,
          reminderLeadHours: before.reminderLeadHours,
        },
        after: values,
      },
    );
  });
  return getSettings(deps);
}
