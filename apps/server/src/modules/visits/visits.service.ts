import { dateOfDay, haversineMeters, shanghaiDay, weekOf } from '@siyi/algorithms';
import {
  type CheckInBody,
  DEFAULT_CHECK_IN_RADIUS_M,
  emptyVisitRecord,
  type RateVisitBody,
  type UpdateVisitRecordBody,
  VISIT_PHOTOS_MAX,
  VISIT_RATING_DAYS,
  VISIT_RECORD_EDIT_HOURS,
  type VisitDetail,
  type VisitListQuery,
  type VisitListResponse,
  type VisitNotificationKind,
  type VisitPhoto,
  type VisitRecord,
  type VisitSummary,
  type VisitTemplateItem,
  type VisitToRateResponse,
  visitMessages,
} from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { type Notify as ConcernNotify, categoryNames } from '../concerns/concern-notify';
import { raiseConcernInTx } from '../concerns/concerns.service';
import { registerNotificationTexts } from '../notifications/notification-texts';
import type { Notify } from '../notifications/notifications.service';
import { insertHeardConcern } from '../retailers/heard-concerns.repository';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { effectiveRules } from '../visit-plans/visit-rules.service';
import { flagVisitAfterCheckOut } from '../visit-quality/visit-quality.service';
import { findCurrentTemplateItems } from './visit-templates.service';
import * as repo from './visits.repository';

export interface VisitDeps {
  db: Db;
  clock: Clock;
  /** The app's notify (modules/notifications): the retailer's rating request. */
  notify: Notify;
  /** The concerns module's notify: a concern heard on the visit tells its owner. */
  concernNotify: ConcernNotify;
}

export interface RequestContext {
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * How far from the shop (metres) a check-in may be without a reason: the coverage rules in force for the
 * district (visit_rule_versions: the district's own, else city-wide, else the default of 200 m).
 */
export async function checkInRadiusMeters(tx: Tx | Db, districtId: number | null = null): Promise<number> {
  return (await effectiveRules(tx, districtId)).rules.checkInRadiusMeters ?? DEFAULT_CHECK_IN_RADIUS_M;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The retailer's page of its visits (the web's /my-shop/visits), opened at this visit. */
export const visitLink = (id: number) => `/my-shop/visits?visit=${id}`;

/** The rating request's texts (worded when read, in the reader's language); it also goes out by SMS / WeChat. */
const visitNotificationTexts: Record<
  VisitNotificationKind,
  { title: { 'zh-CN': string; en: string }; body: { 'zh-CN': string; en: string } }
> = {
  'visit.rateRequest': {
    title: { 'zh-CN': '请评价本次拜访', en: 'Please rate the visit' },
    body: {
      'zh-CN': '客户经理{managerName}刚刚结束了对您店铺的拜访（#{visitId}），请在 7 天内评价。',
      en: 'Your customer manager {managerName} has just visited your shop (#{visitId}); please rate the visit within 7 days.',
    },
  },
};
registerNotificationTexts(visitNotificationTexts, { outbound: ['visit.rateRequest'] });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
const isRetailer = (actor: Actor) => actor.role === 'retailer';
/** The manager whose visit it is: the only one who checks in, records and checks out. */
const isVisitor = (actor: Actor, row: { managerId: number }) => actor.role === 'manager' && actor.id === row.managerId;

function recordEditableUntil(row: { status: string; checkOutAt: Date | null }): Date | null {
  return row.status === 'done' && row.checkOutAt
    ? new Date(row.checkOutAt.getTime() + VISIT_RECORD_EDIT_HOURS * HOUR_MS)
    : null;
}
function recordEditable(row: { status: string; checkOutAt: Date | null }, now: Date): boolean {
  if (row.status === 'in_progress') return true;
  const until = recordEditableUntil(row);
  return until !== null && now.getTime() <= until.getTime();
}
function ratableUntil(row: { status: string; checkOutAt: Date | null }): Date | null {
  return row.status === 'done' && row.checkOutAt
    ? new Date(row.checkOutAt.getTime() + VISIT_RATING_DAYS * DAY_MS)
    : null;
}

function toSummary(actor: Actor, row: repo.VisitRow): VisitSummary {
  const internal = !isRetailer(actor);
  return {
    id: row.id,
    retailerId: row.retailerId,
    shopName: row.shopName,
    districtId: row.districtId,
    manager: person(row.managerId, row.managerName),
    weekStart: row.weekStart,
    plannedDate: row.plannedDate,
    plannedOrder: row.plannedOrder,
    plannedArrival: row.plannedArrival,
    pinned: row.pinned,
    source: row.source,
    status: row.status,
    checkInAt: iso(row.checkInAt),
    checkOutAt: iso(row.checkOutAt),
    secondsOnSite: row.secondsOnSite,
    checkInDistanceM: internal ? row.checkInDistanceM : null,
    rating:
      row.ratingScore !== null && row.ratingAt
        ? { score: row.ratingScore, comment: row.ratingComment ?? '', createdAt: row.ratingAt.toISOString() }
        : null,
    version: row.version,
  };
}

function toPhoto(row: repo.PhotoRow): VisitPhoto {
  return {
    id: row.id,
    url: `/api/visits/${row.visitId}/photos/${row.id}`,
    thumbnailUrl: `/api/visits/${row.visitId}/photos/${row.id}/thumbnail`,
    width: row.width,
    height: row.height,
    lat: row.lat,
    lng: row.lng,
    uploadedBy: person(row.uploadedByUserId, row.uploadedByName),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The visit in scope (404 otherwise) as its detail; the retailer gets it without the staff's internal fields. */
export async function getVisit(deps: Pick<VisitDeps, 'db' | 'clock'>, actor: Actor, id: number): Promise<VisitDetail> {
  const row = await repo.findVisitInScope(deps.db, repo.visitScope(actor), id);
  if (!row) throw notFound();
  const now = deps.clock.now();
  const internal = !isRetailer(actor);
  const [photos, templateItems] = await Promise.all([
    internal ? repo.findPhotos(deps.db, id) : Promise.resolve([]),
    internal ? templateItemsOf(deps.db, row.templateVersion) : Promise.resolve([]),
  ]);
  const visitor = isVisitor(actor, row);
  const editable = visitor && recordEditable(row, now);
  const rateBy = ratableUntil(row);
  const ownRetailer = isRetailer(actor) && actor.retailerId === row.retailerId;
  return {
    ...toSummary(actor, row),
    checkInLat: internal ? row.checkInLat : null,
    checkInLng: internal ? row.checkInLng : null,
    checkInAccuracyM: internal ? row.checkInAccuracyM : null,
    checkInReason: internal ? row.checkInReason : null,
    record: internal ? (row.record ?? null) : null,
    templateVersion: row.templateVersion,
    templateItems,
    photos: photos.map(toPhoto),
    recordEditableUntil: visitor ? iso(recordEditableUntil(row)) : null,
    ratableUntil: iso(rateBy),
    canCheckIn: visitor && row.status === 'planned',
    canCheckOut: visitor && row.status === 'in_progress',
    canEditRecord: editable,
    canAddPhoto: editable && row.photoCount < VISIT_PHOTOS_MAX,
    canRate: ownRetailer && rateBy !== null && now.getTime() <= rateBy.getTime() && row.ratingScore === null,
  };
}

async function templateItemsOf(db: Db | Tx, version: number | null): Promise<VisitTemplateItem[]> {
  if (version !== null) {
    const items = await repo.findTemplateItems(db, version);
    if (items) return items;
  }
  return findCurrentTemplateItems(db);
}

/** The visits in scope with the filters, newest first, a page at a time. */
export async function listVisits(
  deps: Pick<VisitDeps, 'db'>,
  actor: Actor,
  query: z.output<typeof VisitListQuery>,
): Promise<VisitListResponse> {
  const { rows, total } = await repo.findVisitsInScope(
    deps.db,
    repo.visitScope(actor),
    { retailerId: query.retailerId, managerId: query.managerId, status: query.status, from: query.from, to: query.to },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((row) => toSummary(actor, row)), total, page: query.page, pageSize: query.pageSize };
}

/** The retailer's visits it may still rate: checked out within the last VISIT_RATING_DAYS days, not rated. */
export async function listVisitsToRate(
  deps: Pick<VisitDeps, 'db' | 'clock'>,
  actor: Actor,
): Promise<VisitToRateResponse> {
  if (actor.retailerId === null) return { items: [] };
  const now = deps.clock.now();
  const rows = await repo.findVisitsToRate(
    deps.db,
    actor.retailerId,
    new Date(now.getTime() - VISIT_RATING_DAYS * DAY_MS),
  );
  const checklists = new Map<number | null, number>();
  for (const version of new Set(rows.map((row) => row.templateVersion))) {
    checklists.set(version, (await templateItemsOf(deps.db, version)).length);
  }
  return {
    items: rows.flatMap((row) => {
      if (!row.checkInAt || !row.checkOutAt) return [];
      const record = row.record ?? emptyVisitRecord();
      return [
        {
          id: row.id,
          manager: person(row.managerId, row.managerName),
          checkInAt: row.checkInAt.toISOString(),
          checkOutAt: row.checkOutAt.toISOString(),
          ratableUntil: new Date(row.checkOutAt.getTime() + VISIT_RATING_DAYS * DAY_MS).toISOString(),
          secondsOnSite: row.secondsOnSite,
          done: {
            checklistAnswered: Object.keys(record.checklist).length,
            checklistTotal: checklists.get(row.templateVersion) ?? 0,
            products: record.productsIntroduced.map((p) => p.productName),
            followUps: record.followUps.length,
          },
        },
      ];
    }),
  };
}

// ---- Commands: one transaction each, audited; state changes on the retailer's timeline. ----

async function audit(
  tx: Tx,
  context: RequestContext & { at: Date },
  visit: { id: number; districtId: number },
  action: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(
    tx,
    { actor: context.actor, at: context.at, requestId: context.requestId },
    { entityType: 'visit', entityId: visit.id, action, before, after, districtId: visit.districtId },
  );
}

/**
 * A manager starts an unplanned visit at one of its assigned retailers (another's retailer: 404). While one is
 * open (in progress, or planned for today — on the plan or by an earlier tap) that one is answered instead.
 */
export async function startUnplannedVisit(
  deps: VisitDeps,
  context: RequestContext,
  retailerId: number,
): Promise<{ created: boolean; visit: VisitDetail }> {
  const { actor } = context;
  if (actor.role !== 'manager') throw new AppError('FORBIDDEN');
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  const at = deps.clock.now();
  const day = dateOfDay(shanghaiDay(at));
  const result = await inTransaction(deps.db, async (tx) => {
    // One open visit per manager and shop: a lock on the pair serialises two taps.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('visit.start'), ${retailerId}::int)`);
    const open = await repo.findOpenVisit(tx, actor.id, retailerId, day);
    if (open !== undefined) return { id: open, created: false };
    const id = await repo.insertVisit(tx, {
      retailerId,
      managerId: actor.id,
      districtId: retailer.districtId,
      weekStart: weekOf(at),
      plannedDate: day,
      source: 'unplanned',
      status: 'planned',
      createdAt: at,
      updatedAt: at,
    });
    await audit(tx, { ...context, at }, { id, districtId: retailer.districtId }, 'visit.started', null, {
      retailerId,
      managerId: actor.id,
      source: 'unplanned',
      plannedDate: day,
    });
    return { id, created: true };
  });
  return { created: result.created, visit: await getVisit(deps, actor, result.id) };
}

/** The visit in scope for a command by its manager: 404 out of scope, 403 for anyone but the visit's manager. */
async function visitForVisitor(deps: Pick<VisitDeps, 'db'>, actor: Actor, id: number): Promise<repo.VisitRow> {
  const row = await repo.findVisitInScope(deps.db, repo.visitScope(actor), id);
  if (!row) throw notFound();
  if (!isVisitor(actor, row)) throw new AppError('FORBIDDEN');
  return row;
}

/**
 * Check-in on site: the phone's position, its distance to the shop (haversine); beyond the check-in radius a
 * reason is required (400 `reason`). A second check-in, or one on a finished or cancelled visit, is 409.
 */
export async function checkIn(
  deps: VisitDeps,
  context: RequestContext,
  id: number,
  body: z.output<typeof CheckInBody>,
): Promise<VisitDetail> {
  const { actor } = context;
  const row = await visitForVisitor(deps, actor, id);
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockVisit(tx, id);
    if (!locked) throw notFound();
    refuseUnlessPlanned(locked.status);
    const distance = Math.round(
      haversineMeters({ lat: body.lat, lng: body.lng }, { lat: row.shopLat, lng: row.shopLng }),
    );
    const radius = await checkInRadiusMeters(tx, row.districtId);
    const reason = body.reason.trim();
    if (distance > radius && reason === '') {
      throw new AppError('VALIDATION_FAILED', {
        reason: { key: visitMessages.reasonRequired, params: { distance, radius } },
      });
    }
    const template = await repo.findCurrentTemplate(tx);
    await repo.updateVisit(
      tx,
      id,
      {
        status: 'in_progress',
        checkInAt: at,
        checkInLat: body.lat,
        checkInLng: body.lng,
        checkInAccuracyM: body.accuracy,
        checkInDistanceM: distance,
        checkInReason: reason,
        templateVersion: locked.templateVersion ?? template?.version ?? null,
        record: locked.record ?? emptyVisitRecord(),
      },
      at,
    );
    const far = distance > radius;
    await audit(
      tx,
      { ...context, at },
      locked,
      'visit.checked_in',
      { status: locked.status },
      {
        status: 'in_progress',
        lat: body.lat,
        lng: body.lng,
        accuracy: body.accuracy,
        distanceM: distance,
        radiusM: radius,
        reason,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: locked.retailerId,
      districtId: locked.districtId,
      occurredAt: at,
      kind: 'visit.checked_in',
      actorUserId: actor.id,
      sourceType: 'visit',
      sourceId: id,
      data: {
        visitId: id,
        distanceM: distance,
        radiusM: radius,
        far,
        ...(far ? { reason: reason.slice(0, 200) } : {}),
      },
    });
  });
  return getVisit(deps, actor, id);
}

function refuseUnlessPlanned(status: string): void {
  if (status === 'planned') return;
  if (status === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', { status: visitMessages.cancelled });
  throw new AppError('ILLEGAL_TRANSITION', { status: visitMessages.alreadyCheckedIn });
}

/**
 * Check-out: the time on site is stored; before check-in (or twice) 409. The retailer is asked to rate the visit
 * (a notification, in the same transaction).
 */
export async function checkOut(deps: VisitDeps, context: RequestContext, id: number): Promise<VisitDetail> {
  const { actor } = context;
  const row = await visitForVisitor(deps, actor, id);
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockVisit(tx, id);
    if (!locked) throw notFound();
    if (locked.status === 'planned') throw new AppError('ILLEGAL_TRANSITION', { status: visitMessages.notCheckedIn });
    if (locked.status === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', { status: visitMessages.cancelled });
    if (locked.status === 'done' || !locked.checkInAt) {
      throw new AppError('ILLEGAL_TRANSITION', { status: visitMessages.alreadyCheckedOut });
    }
    const secondsOnSite = Math.max(0, Math.floor((at.getTime() - locked.checkInAt.getTime()) / 1000));
    await repo.updateVisit(tx, id, { status: 'done', checkOutAt: at, secondsOnSite }, at);
    await audit(
      tx,
      { ...context, at },
      locked,
      'visit.checked_out',
      { status: locked.status },
      {
        status: 'done',
        secondsOnSite,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: locked.retailerId,
      districtId: locked.districtId,
      occurredAt: at,
      kind: 'visit.checked_out',
      actorUserId: actor.id,
      sourceType: 'visit',
      sourceId: id,
      data: { visitId: id, secondsOnSite },
    });
    await flagVisitAfterCheckOut(tx, id);
    const retailerUser = await repo.findRetailerUser(tx, locked.retailerId);
    if (retailerUser !== null) {
      await deps.notify(tx, {
        userId: retailerUser,
        kind: 'visit.rateRequest',
        params: { visitId: id, managerName: row.managerName ?? '' },
        link: visitLink(id),
      });
    }
  });
  return getVisit(deps, actor, id);
}

/**
 * Saves the whole record (checklist, market information, concerns heard, products introduced, follow-ups,
 * summary) while the visit is in progress and until VISIT_RECORD_EDIT_HOURS after check-out (else 409). Each
 * new concern heard is raised as a tracked concern (source `visit`) in the same transaction; those raised before
 * stay as they were. A stale `version` is 409 CONFLICT; without one the last write wins.
 */
export async function saveRecord(
  deps: VisitDeps,
  context: RequestContext,
  id: number,
  body: z.output<typeof UpdateVisitRecordBody>,
): Promise<VisitDetail> {
  const { actor } = context;
  const row = await visitForVisitor(deps, actor, id);
  const at = deps.clock.now();
  const productIds = [...new Set(body.productsIntroduced.map((p) => p.productId))];
  const productNames = await repo.findProductNames(deps.db, productIds);
  const fields: Record<string, string> = {};
  body.productsIntroduced.forEach((p, i) => {
    if (!productNames.has(p.productId)) fields[`productsIntroduced.${i}.productId`] = visitMessages.unknownProduct;
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);

  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockVisit(tx, id);
    if (!locked) throw notFound();
    if (body.version !== undefined && body.version !== locked.version) {
      throw staleVersion({ version: locked.version, status: locked.status, record: locked.record });
    }
    if (!recordEditable(locked, at)) {
      throw new AppError('ILLEGAL_TRANSITION', {
        status: locked.status === 'planned' ? visitMessages.notCheckedIn : visitMessages.recordClosed,
      });
    }
    const items = await templateItemsOf(tx, locked.templateVersion);
    const known = new Set(items.map((item) => item.id));
    const issues: Record<string, string> = {};
    for (const key of Object.keys(body.checklist)) {
      if (!known.has(key)) issues[`checklist.${key}`] = visitMessages.unknownChecklistItem;
    }
    const before = locked.record ?? emptyVisitRecord();
    const raised = new Map(
      before.heardConcerns.filter((h) => h.concernId !== null).map((h) => [h.concernId as number, h]),
    );
    body.heardConcerns.forEach((h, i) => {
      if (h.concernId !== undefined && !raised.has(h.concernId)) {
        issues[`heardConcerns.${i}.concernId`] = visitMessages.unknownConcern;
      }
    });
    if (Object.keys(issues).length > 0) throw new AppError('VALIDATION_FAILED', issues);

    // Concerns raised before are kept as raised (a tracked concern is not taken back by editing a record).
    const heard: VisitRecord['heardConcerns'] = [...raised.values()];
    const shop = {
      id: locked.retailerId,
      districtId: locked.districtId,
      managerId: row.retailerManagerId,
      shopName: row.shopName,
    };
    const heardOn = dateOfDay(shanghaiDay(at));
    for (const h of body.heardConcerns) {
      if (h.concernId !== undefined) continue;
      // As a concern heard on the 360 page (heard-concerns.service): a tracked concern (source `visit`), a 关注点
      // row with who heard it, and one `concern.heard` entry on the timeline — all in this transaction.
      const concernId = await raiseConcernInTx(
        tx,
        { notify: deps.concernNotify },
        { actor, at, requestId: context.requestId },
        shop,
        { category: h.category, text: h.text, priority: 'normal', source: 'visit', skipTimeline: true },
      );
      const topic = categoryNames[h.category]['zh-CN'];
      const { id: heardId } = await insertHeardConcern(tx, {
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        heardOn,
        topic,
        body: h.text,
        heardByUserId: actor.id,
        concernId,
        createdAt: at,
      });
      await recordAudit(
        tx,
        { actor, at, requestId: context.requestId },
        {
          entityType: 'heard_concern',
          entityId: heardId,
          action: 'concern.heard',
          after: { retailerId: locked.retailerId, heardOn, topic, body: h.text, concernId, visitId: id },
          districtId: locked.districtId,
        },
      );
      await appendTimelineEvent(tx, {
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        occurredAt: at,
        kind: 'concern.heard',
        actorUserId: actor.id,
        sourceType: 'heard_concern',
        sourceId: heardId,
        data: { heardOn, topic, body: h.text, concernId, visitId: id },
      });
      heard.push({ category: h.category, text: h.text, concernId });
    }
    const record: VisitRecord = {
      checklist: body.checklist,
      market: body.market,
      heardConcerns: heard,
      productsIntroduced: body.productsIntroduced.map((p) => ({
        productId: p.productId,
        productName: productNames.get(p.productId) ?? '',
        note: p.note,
      })),
      followUps: body.followUps,
      summary: body.summary,
    };
    await repo.updateVisit(tx, id, { record }, at);
    await audit(tx, { ...context, at }, locked, 'visit.record_saved', before, record);
    // Autosave saves every few seconds: the timeline says "record saved" at most once per visit per 10 minutes.
    if (!(await recordSavedSince(tx, locked.retailerId, id, new Date(at.getTime() - RECORD_SAVED_EVENT_GAP_MS)))) {
      await appendTimelineEvent(tx, {
        retailerId: locked.retailerId,
        districtId: locked.districtId,
        occurredAt: at,
        kind: 'visit.record_saved',
        actorUserId: actor.id,
        sourceType: 'visit',
        sourceId: String(id),
        data: { visitId: id },
      });
    }
  });
  return getVisit(deps, actor, id);
}

/** The retailer rates its own checked-out visit, once, within VISIT_RATING_DAYS days (else 409). */
export async function rateVisit(
  deps: VisitDeps,
  context: RequestContext,
  id: number,
  body: z.output<typeof RateVisitBody>,
): Promise<VisitDetail> {
  const { actor } = context;
  const row = await repo.findVisitInScope(deps.db, repo.visitScope(actor), id);
  if (!row) throw notFound();
  if (!isRetailer(actor) || actor.retailerId !== row.retailerId) throw new AppError('FORBIDDEN');
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockVisit(tx, id);
    if (!locked) throw notFound();
    const until = ratableUntil(locked);
    if (!until) throw new AppError('ILLEGAL_TRANSITION', { score: visitMessages.notRatable });
    if (at.getTime() > until.getTime())
      throw new AppError('ILLEGAL_TRANSITION', { score: visitMessages.ratingExpired });
    const comment = body.comment.trim();
    const inserted = await repo.insertRating(tx, {
      visitId: id,
      retailerId: locked.retailerId,
      districtId: locked.districtId,
      score: body.score,
      comment,
      ratedByUserId: actor.id,
      createdAt: at,
    });
    if (!inserted) throw new AppError('CONFLICT', { score: visitMessages.alreadyRated });
    await audit(tx, { ...context, at }, locked, 'visit.rated', null, { score: body.score, comment });
    await appendTimelineEvent(tx, {
      retailerId: locked.retailerId,
      districtId: locked.districtId,
      occurredAt: at,
      kind: 'visit.rated',
      actorUserId: actor.id,
      sourceType: 'visit',
      sourceId: id,
      data: { visitId: id, score: body.score, ...(comment ? { comment: comment.slice(0, 200) } : {}) },
    });
  });
  return getVisit(deps, actor, id);
}

/** One `visit.record_saved` timeline entry per visit per this gap, however often the record is saved. */
export const RECORD_SAVED_EVENT_GAP_MS = 10 * 60 * 1000;

/**
 * Whether the visit's record was already on the timeline at or after `since` (read under the visit's row lock);
 * by the shop and time first, so the timeline's (retailer, time) index finds the few rows to look at.
 */
async function recordSavedSince(tx: Tx, retailerId: number, visitId: number, since: Date): Promise<boolean> {
  const rows = await tx.execute<{ found: number }>(sql`
    select 1 as found from timeline_events
    where retailer_id = ${retailerId} and occurred_at >= ${since.toISOString()}::timestamptz
      and kind = 'visit.record_saved' and source_type = 'visit' and source_id = ${String(visitId)}
    limit 1`);
  return rows.rows.length > 0;
}

/** A photo of the visit on the retailer's timeline (in the photo's transaction, by the photos service). */
export async function appendVisitPhotoEvent(
  tx: Tx,
  event: { visitId: number; retailerId: number; districtId: number; actorUserId: number; photoId: number; at: Date },
): Promise<void> {
  await appendTimelineEvent(tx, {
    retailerId: event.retailerId,
    districtId: event.districtId,
    occurredAt: event.at,
    kind: 'visit.photo',
    actorUserId: event.actorUserId,
    sourceType: 'visit',
    sourceId: String(event.visitId),
    data: { visitId: event.visitId, photoId: event.photoId },
  });
}

/** For the photos service: the visit of a photo upload, checked as for a record edit (scope, visitor, window). */
export async function visitForPhoto(
  deps: Pick<VisitDeps, 'db' | 'clock'>,
  actor: Actor,
  id: number,
): Promise<repo.VisitRow> {
  const row = await visitForVisitor(deps, actor, id);
  if (!recordEditable(row, deps.clock.now())) {
    throw new AppError('ILLEGAL_TRANSITION', {
      file: row.status === 'planned' ? visitMessages.notCheckedIn : visitMessages.recordClosed,
    });
  }
  return row;
}
export { recordEditable };
