import { activeConcernStatuses, type ConcernCategory, type ConcernStatus, openConcernStatuses } from '@siyi/contracts';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import {
  concernCallbacks,
  concernEvents,
  concernPhotos,
  concernRatings,
  concernSettings,
  concerns,
  retailers,
  users,
} from '../../db/schema';
import type { Tx } from '../../db/transaction';

const owner = alias(users, 'owner');

/** No scope: the background jobs act for the system. */
export const everyConcern: SQL = sql`true`;
const raisedBy = alias(users, 'raised_by');

/** The retailer a new concern is about, if the scope holds it. */
export async function findRetailerInScope(db: Db | Tx, scope: SQL, retailerId: number) {
  const [row] = await db
    .select({
      id: retailers.id,
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      shopName: retailers.shopName,
    })
    .from(retailers)
    .where(and(scope, eq(retailers.id, retailerId)))
    .limit(1);
  return row;
}

/** The district's supervisor who owns escalations and sensitive concerns: the first active one (by id). */
export async function findDistrictSupervisor(db: Db | Tx, districtId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgUnitId, districtId), eq(users.role, 'supervisor'), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .limit(1);
  return row?.id ?? null;
}

/** The retailer's own sign-in account (notifications to the retailer go to it). */
export async function findRetailerUser(db: Db | Tx, retailerId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.retailerId, retailerId), eq(users.role, 'retailer')))
    .limit(1);
  return row?.id ?? null;
}

export async function findSettings(db: Db | Tx) {
  const [row] = await db
    .select({
      slaHours: concernSettings.slaHours,
      autoCloseDays: concernSettings.autoCloseDays,
      reminderLeadHours: concernSettings.reminderLeadHours,
      version: concernSettings.version,
      updatedAt: concernSettings.updatedAt,
      updatedByUserId: concernSettings.updatedByUserId,
      updatedByName: users.displayName,
    })
    .from(concernSettings)
    .leftJoin(users, eq(users.id, concernSettings.updatedByUserId))
    .where(eq(concernSettings.id, 1))
    .limit(1);
  if (!row) throw new Error('concern_settings has no row (migration 0009 writes it)');
  return row;
}
export type SettingsRow = Awaited<ReturnType<typeof findSettings>>;

export async function updateSettings(
  tx: Tx,
  values: { slaHours: Record<string, number>; autoCloseDays: number; reminderLeadHours: number },
  version: number,
  userId: number,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(concernSettings)
    .set({ ...values, version: sql`${concernSettings.version} + 1`, updatedByUserId: userId, updatedAt: at })
    .where(and(eq(concernSettings.id, 1), eq(concernSettings.version, version)))
    .returning({ id: concernSettings.id });
  return rows.length === 1;
}

export async function insertConcern(tx: Tx, values: typeof concerns.$inferInsert): Promise<number> {
  const [row] = await tx.insert(concerns).values(values).returning({ id: concerns.id });
  if (!row) throw new Error('concern not inserted');
  return row.id;
}

export async function insertEvent(tx: Tx, values: typeof concernEvents.$inferInsert): Promise<void> {
  await tx.insert(concernEvents).values(values);
}

const concernColumns = {
  id: concerns.id,
  retailerId: concerns.retailerId,
  shopName: retailers.shopName,
  managerId: retailers.managerId,
  districtId: concerns.districtId,
  category: concerns.category,
  sensitive: concerns.sensitive,
  text: concerns.text,
  priority: concerns.priority,
  source: concerns.source,
  status: concerns.status,
  ownerUserId: concerns.ownerUserId,
  ownerName: owner.displayName,
  raisedByUserId: concerns.raisedByUserId,
  raisedByName: raisedBy.displayName,
  dueAt: concerns.dueAt,
  remindedAt: concerns.remindedAt,
  escalatedAt: concerns.escalatedAt,
  firstResolvedAt: concerns.firstResolvedAt,
  resolvedAt: concerns.resolvedAt,
  resolution: concerns.resolution,
  closedAt: concerns.closedAt,
  closedBy: concerns.closedBy,
  reopenCount: concerns.reopenCount,
  version: concerns.version,
  createdAt: concerns.createdAt,
  ratingStars: concernRatings.stars,
  ratingComment: concernRatings.comment,
  ratingAt: concernRatings.createdAt,
  photoCount: sql<number>`(select count(*)::int from ${concernPhotos} where ${concernPhotos.concernId} = ${concerns.id})`,
  callbackCount: sql<number>`(select count(*)::int from ${concernCallbacks} where ${concernCallbacks.concernId} = ${concerns.id})`,
};

function selectConcerns(db: Db | Tx) {
  return db
    .select(concernColumns)
    .from(concerns)
    .innerJoin(retailers, eq(retailers.id, concerns.retailerId))
    .leftJoin(owner, eq(owner.id, concerns.ownerUserId))
    .leftJoin(raisedBy, eq(raisedBy.id, concerns.raisedByUserId))
    .leftJoin(concernRatings, eq(concernRatings.concernId, concerns.id));
}
export type ConcernRow = Awaited<ReturnType<typeof findConcernInScope>> & {};

/** One concern, if the scope (retailer scope and, for managers, not sensitive) holds it. */
export async function findConcernInScope(db: Db | Tx, scope: SQL, id: number) {
  const [row] = await selectConcerns(db)
    .where(and(scope, eq(concerns.id, id)))
    .limit(1);
  return row;
}

/** Locks the concern for a command (its scope was checked by the read before). */
export async function lockConcern(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: concerns.id,
      retailerId: concerns.retailerId,
      districtId: concerns.districtId,
      category: concerns.category,
      sensitive: concerns.sensitive,
      status: concerns.status,
      ownerUserId: concerns.ownerUserId,
      dueAt: concerns.dueAt,
      remindedAt: concerns.remindedAt,
      escalatedAt: concerns.escalatedAt,
      firstResolvedAt: concerns.firstResolvedAt,
      resolvedAt: concerns.resolvedAt,
      resolution: concerns.resolution,
      closedAt: concerns.closedAt,
      closedBy: concerns.closedBy,
      reopenCount: concerns.reopenCount,
      version: concerns.version,
    })
    .from(concerns)
    .where(eq(concerns.id, id))
    .for('update');
  return row;
}
export type LockedConcern = NonNullable<Awaited<ReturnType<typeof lockConcern>>>;

export async function updateConcern(
  tx: Tx,
  id: number,
  patch: Partial<typeof concerns.$inferInsert>,
  at: Date,
): Promise<void> {
  await tx
    .update(concerns)
    .set({ ...patch, version: sql`${concerns.version} + 1`, updatedAt: at })
    .where(eq(concerns.id, id));
}

export interface ListFilters {
  statuses?: readonly ConcernStatus[];
  ownerUserId?: number;
  category?: ConcernCategory;
  retailerId?: number;
  /** true: past due and the owner's move; false: the rest. */
  overdue?: boolean;
  now: Date;
  after?: { dueAt: Date; id: number };
  limit: number;
}

const overdueSql = (now: Date) =>
  sql`(${concerns.status} in ('new','accepted','in_progress','reopened') and ${concerns.dueAt} < ${now})`;

/** A page of concerns in scope, by due time then id (keyset). */
export async function findConcernsInScope(db: Db, scope: SQL, filters: ListFilters) {
  const conditions: (SQL | undefined)[] = [
    scope,
    filters.statuses ? inArray(concerns.status, [...filters.statuses]) : undefined,
    filters.ownerUserId !== undefined ? eq(concerns.ownerUserId, filters.ownerUserId) : undefined,
    filters.category ? eq(concerns.category, filters.category) : undefined,
    filters.retailerId !== undefined ? eq(concerns.retailerId, filters.retailerId) : undefined,
    filters.overdue === true ? overdueSql(filters.now) : undefined,
    filters.overdue === false ? sql`not ${overdueSql(filters.now)}` : undefined,
    filters.after
      ? sql`(${concerns.dueAt}, ${concerns.id}) > (${filters.after.dueAt}, ${filters.after.id})`
      : undefined,
  ];
  return selectConcerns(db)
    .where(and(...conditions))
    .orderBy(asc(concerns.dueAt), asc(concerns.id))
    .limit(filters.limit);
}

const eventActor = alias(users, 'event_actor');

export async function findEvents(db: Db, concernId: number) {
  return db
    .select({
      id: concernEvents.id,
      occurredAt: concernEvents.occurredAt,
      kind: concernEvents.kind,
      fromStatus: concernEvents.fromStatus,
      toStatus: concernEvents.toStatus,
      note: concernEvents.note,
      actorUserId: concernEvents.actorUserId,
      actorName: eventActor.displayName,
      data: concernEvents.data,
    })
    .from(concernEvents)
    .leftJoin(eventActor, eq(eventActor.id, concernEvents.actorUserId))
    .where(eq(concernEvents.concernId, concernId))
    .orderBy(asc(concernEvents.occurredAt), asc(concernEvents.id));
}

/** The display names of these users (the owners an escalation or a reassignment names), by id. */
export async function findUserNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findPhotos(db: Db, concernId: number) {
  return db
    .select({
      id: concernPhotos.id,
      concernId: concernPhotos.concernId,
      storageKey: concernPhotos.storageKey,
      thumbnailKey: concernPhotos.thumbnailKey,
      contentType: concernPhotos.contentType,
      width: concernPhotos.width,
      height: concernPhotos.height,
      uploadedByUserId: concernPhotos.uploadedByUserId,
      uploadedByName: users.displayName,
      createdAt: concernPhotos.createdAt,
    })
    .from(concernPhotos)
    .leftJoin(users, eq(users.id, concernPhotos.uploadedByUserId))
    .where(eq(concernPhotos.concernId, concernId))
    .orderBy(asc(concernPhotos.createdAt), asc(concernPhotos.id));
}
export type PhotoRow = Awaited<ReturnType<typeof findPhotos>>[number];

export async function insertPhoto(tx: Tx, values: typeof concernPhotos.$inferInsert): Promise<number> {
  const [row] = await tx.insert(concernPhotos).values(values).returning({ id: concernPhotos.id });
  if (!row) throw new Error('concern photo not inserted');
  return row.id;
}

export async function countPhotos(tx: Tx, concernId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(concernPhotos)
    .where(eq(concernPhotos.concernId, concernId));
  return row?.n ?? 0;
}

export async function findCallbacks(db: Db, concernId: number) {
  return db
    .select({
      id: concernCallbacks.id,
      outcome: concernCallbacks.outcome,
      note: concernCallbacks.note,
      calledByUserId: concernCallbacks.calledByUserId,
      calledByName: users.displayName,
      createdAt: concernCallbacks.createdAt,
    })
    .from(concernCallbacks)
    .innerJoin(users, eq(users.id, concernCallbacks.calledByUserId))
    .where(eq(concernCallbacks.concernId, concernId))
    .orderBy(asc(concernCallbacks.createdAt), asc(concernCallbacks.id));
}

export async function insertCallback(tx: Tx, values: typeof concernCallbacks.$inferInsert): Promise<number> {
  const [row] = await tx.insert(concernCallbacks).values(values).returning({ id: concernCallbacks.id });
  if (!row) throw new Error('callback not inserted');
  return row.id;
}

/** Inserts the rating unless there is one; false when the concern was rated already. */
export async function insertRating(tx: Tx, values: typeof concernRatings.$inferInsert): Promise<boolean> {
  const rows = await tx
    .insert(concernRatings)
    .values(values)
    .onConflictDoNothing({ target: concernRatings.concernId })
    .returning({ id: concernRatings.concernId });
  return rows.length === 1;
}

// ---- Background work: candidates are read in small batches, each one then handled in its own transaction. ----

/** Concerns past due, still the owner's move, not yet escalated for this due time. */
export async function findEscalationCandidates(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: concerns.id })
    .from(concerns)
    .where(
      and(
        inArray(concerns.status, [...activeConcernStatuses]),
        sql`${concerns.dueAt} <= ${now}`,
        isNull(concerns.escalatedAt),
      ),
    )
    .orderBy(asc(concerns.dueAt), asc(concerns.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Concerns due within the lead time (not yet due), still the owner's move, not yet reminded for this due time. */
export async function findReminderCandidates(db: Db, now: Date, leadHours: number, limit: number): Promise<number[]> {
  const horizon = new Date(now.getTime() + leadHours * 3_600_000);
  const rows = await db
    .select({ id: concerns.id })
    .from(concerns)
    .where(
      and(
        inArray(concerns.status, [...activeConcernStatuses]),
        sql`${concerns.dueAt} > ${now}`,
        sql`${concerns.dueAt} <= ${horizon}`,
        isNull(concerns.remindedAt),
      ),
    )
    .orderBy(asc(concerns.dueAt), asc(concerns.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Resolutions the retailer left unanswered since `before`. */
export async function findAutoCloseCandidates(db: Db, before: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: concerns.id })
    .from(concerns)
    .where(and(eq(concerns.status, 'resolved'), sql`${concerns.resolvedAt} <= ${before}`))
    .orderBy(asc(concerns.resolvedAt), asc(concerns.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

// ---- The supervisor view. `scope` is the district condition on `concerns` (and never lets sensitive ones to a manager). ----

export async function openByOwner(db: Db, scope: SQL, now: Date) {
  return db
    .select({
      ownerUserId: concerns.ownerUserId,
      ownerName: owner.displayName,
      ownerRole: owner.role,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueSql(now)}))::int`,
    })
    .from(concerns)
    .leftJoin(owner, eq(owner.id, concerns.ownerUserId))
    .where(and(scope, inArray(concerns.status, [...openConcernStatuses])))
    .groupBy(concerns.ownerUserId, owner.displayName, owner.role)
    .orderBy(desc(sql`count(*)`), asc(owner.displayName));
}

export async function openByCategory(db: Db, scope: SQL, now: Date) {
  return db
    .select({
      category: concerns.category,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueSql(now)}))::int`,
    })
    .from(concerns)
    .where(and(scope, inArray(concerns.status, [...openConcernStatuses])))
    .groupBy(concerns.category);
}

/** Over concerns first resolved since `from`: the median hours from raising to the first resolution. */
export async function medianHoursToResolve(db: Db, scope: SQL, from: Date): Promise<number | null> {
  const [row] = await db
    .select({
      median: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from ${concerns.firstResolvedAt} - ${concerns.createdAt}) / 3600.0)`,
    })
    .from(concerns)
    .where(and(scope, sql`${concerns.firstResolvedAt} >= ${from}`));
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}

/** Concerns finished since `from`: confirmed, auto-closed, reopened at least once; and the average rating. */
export async function finishedFigures(db: Db, scope: SQL, from: Date) {
  const [row] = await db
    .select({
      confirmed: sql<number>`(count(*) filter (where ${concerns.closedBy} = 'confirmed'))::int`,
      autoClosed: sql<number>`(count(*) filter (where ${concerns.closedBy} = 'auto'))::int`,
      reopened: sql<number>`(count(*) filter (where ${concerns.reopenCount} > 0))::int`,
      finished: sql<number>`count(*)::int`,
      averageStars: sql<number | null>`avg(${concernRatings.stars})::float8`,
    })
    .from(concerns)
    .leftJoin(concernRatings, eq(concernRatings.concernId, concerns.id))
    .where(and(scope, sql`${concerns.closedAt} >= ${from}`));
  return row ?? { confirmed: 0, autoClosed: 0, reopened: 0, finished: 0, averageStars: null };
}

/** Per week (Monday, Asia/Shanghai) since `from`: events by kind and target state. */
export async function weeklyEvents(db: Db, scope: SQL, from: Date) {
  const week = sql<string>`to_char(date_trunc('week', ${concernEvents.occurredAt} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;
  return db
    .select({
      weekStart: week,
      raised: sql<number>`(count(*) filter (where ${concernEvents.kind} = 'created'))::int`,
      resolved: sql<number>`(count(*) filter (where ${concernEvents.toStatus} = 'resolved'))::int`,
      confirmed: sql<number>`(count(*) filter (where ${concernEvents.toStatus} = 'confirmed'))::int`,
      autoClosed: sql<number>`(count(*) filter (where ${concernEvents.toStatus} = 'closed'))::int`,
      reopened: sql<number>`(count(*) filter (where ${concernEvents.toStatus} = 'reopened'))::int`,
      escalated: sql<number>`(count(*) filter (where ${concernEvents.kind} = 'escalated'))::int`,
    })
    .from(concernEvents)
    .innerJoin(concerns, eq(concerns.id, concernEvents.concernId))
    .where(and(scope, sql`${concernEvents.occurredAt} >= ${from}`))
    .groupBy(week);
}

// ---- Reassignment ----

/**
 * The open, non-sensitive concerns of these retailers that their (old) manager owns, locked: what follows a retailer
 * to its new manager. Sensitive ones and the supervisor's (escalated) stay where they are.
 */
export async function lockOpenConcernsOwnedBy(tx: Tx, pairs: readonly { retailerId: number; ownerUserId: number }[]) {
  if (pairs.length === 0) return [];
  const wanted = sql.join(
    pairs.map((p) => sql`(${p.retailerId}::int, ${p.ownerUserId}::int)`),
    sql`, `,
  );
  return tx
    .select({
      id: concerns.id,
      retailerId: concerns.retailerId,
      districtId: concerns.districtId,
      category: concerns.category,
      sensitive: concerns.sensitive,
      status: concerns.status,
      ownerUserId: concerns.ownerUserId,
    })
    .from(concerns)
    .where(
      and(
        inArray(concerns.status, [...openConcernStatuses]),
        eq(concerns.sensitive, false),
        sql`(${concerns.retailerId}, ${concerns.ownerUserId}) in (${wanted})`,
      ),
    )
    .orderBy(asc(concerns.id))
    .for('update');
}

/** Who may own a concern of the district: its active customer managers and supervisors, by role then name. */
export async function findOwnerCandidates(db: Db | Tx, districtId: number) {
  return db
    .select({ id: users.id, name: users.displayName, role: users.role })
    .from(users)
    .where(
      and(eq(users.orgUnitId, districtId), inArray(users.role, ['manager', 'supervisor']), isNull(users.disabledAt)),
    )
    .orderBy(asc(users.role), asc(users.displayName), asc(users.id));
}

/** A user as a would-be owner (role, district, whether disabled), shared-locked until the command ends. */
export async function lockUser(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.displayName,
      role: users.role,
      orgUnitId: users.orgUnitId,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .for('share')
    .limit(1);
  return row;
}
