import type { VisitStatus, VisitTemplateItem } from '@siyi/contracts';
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { products, retailers, users, visitPhotos, visitRatings, visits, visitTemplates } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { Actor } from '../access/actor';

/**
 * The visits an actor may see: an admin all; a supervisor its district's; a manager its own visits and those of
 * the retailers assigned to it (their history); a retailer its own once checked in (plans are the staff's).
 */
export function visitScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'supervisor':
      return sql`${visits.districtId} = ${actor.orgUnitId}`;
    case 'manager':
      return sql`(${visits.managerId} = ${actor.id} or ${retailers.managerId} = ${actor.id})`;
    case 'retailer':
      return actor.retailerId === null
        ? sql`false`
        : sql`(${visits.retailerId} = ${actor.retailerId} and ${visits.status} in ('in_progress','done'))`;
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

const visitColumns = {
  id: visits.id,
  retailerId: visits.retailerId,
  shopName: retailers.shopName,
  shopLat: retailers.lat,
  shopLng: retailers.lng,
  retailerManagerId: retailers.managerId,
  districtId: visits.districtId,
  managerId: visits.managerId,
  managerName: users.displayName,
  weekStart: visits.weekStart,
  plannedDate: visits.plannedDate,
  plannedOrder: visits.plannedOrder,
  plannedArrival: visits.plannedArrival,
  pinned: visits.pinned,
  source: visits.source,
  status: visits.status,
  checkInAt: visits.checkInAt,
  checkInLat: visits.checkInLat,
  checkInLng: visits.checkInLng,
  checkInAccuracyM: visits.checkInAccuracyM,
  checkInDistanceM: visits.checkInDistanceM,
  checkInReason: visits.checkInReason,
  checkOutAt: visits.checkOutAt,
  secondsOnSite: visits.secondsOnSite,
  record: visits.record,
  templateVersion: visits.templateVersion,
  version: visits.version,
  createdAt: visits.createdAt,
  ratingScore: visitRatings.score,
  ratingComment: visitRatings.comment,
  ratingAt: visitRatings.createdAt,
  photoCount: sql<number>`(select count(*)::int from ${visitPhotos} where ${visitPhotos.visitId} = ${visits.id})`,
};

function selectVisits(db: Db | Tx) {
  return db
    .select(visitColumns)
    .from(visits)
    .innerJoin(retailers, eq(retailers.id, visits.retailerId))
    .leftJoin(users, eq(users.id, visits.managerId))
    .leftJoin(visitRatings, eq(visitRatings.visitId, visits.id));
}

export type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisitInScope>>>;

export async function findVisitInScope(db: Db | Tx, scope: SQL, id: number) {
  const [row] = await selectVisits(db)
    .where(and(scope, eq(visits.id, id)))
    .limit(1);
  return row;
}

/** The visit's day for filters and order: checked in (Shanghai day), else planned, else its week's Monday. */
const visitDay = sql`coalesce((${visits.checkInAt} at time zone 'Asia/Shanghai')::date, ${visits.plannedDate}, ${visits.weekStart})`;

export interface VisitFilter {
  retailerId?: number | undefined;
  managerId?: number | undefined;
  status?: VisitStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filterConditions(scope: SQL, filter: VisitFilter): SQL | undefined {
  return and(
    scope,
    filter.retailerId === undefined ? undefined : eq(visits.retailerId, filter.retailerId),
    filter.managerId === undefined ? undefined : eq(visits.managerId, filter.managerId),
    filter.status === undefined ? undefined : eq(visits.status, filter.status),
    filter.from === undefined ? undefined : gte(visitDay, sql`${filter.from}::date`),
    filter.to === undefined ? undefined : lte(visitDay, sql`${filter.to}::date`),
  );
}

/** One page of the visits in scope, newest first (by the visit's day, then id). */
export async function findVisitsInScope(
  db: Db,
  scope: SQL,
  filter: VisitFilter,
  page: { offset: number; limit: number },
) {
  const where = filterConditions(scope, filter);
  const [rows, [count]] = await Promise.all([
    selectVisits(db)
      .where(where)
      .orderBy(desc(visitDay), desc(visits.checkInAt), desc(visits.id))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(visits)
      .innerJoin(retailers, eq(retailers.id, visits.retailerId))
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The retailer's checked-out visits, not rated, checked out since `since` (newest first). */
export async function findVisitsToRate(db: Db, retailerId: number, since: Date) {
  return db
    .select({
      id: visits.id,
      managerId: visits.managerId,
      managerName: users.displayName,
      checkInAt: visits.checkInAt,
      checkOutAt: visits.checkOutAt,
      secondsOnSite: visits.secondsOnSite,
      record: visits.record,
      templateVersion: visits.templateVersion,
    })
    .from(visits)
    .leftJoin(users, eq(users.id, visits.managerId))
    .leftJoin(visitRatings, eq(visitRatings.visitId, visits.id))
    .where(
      and(
        eq(visits.retailerId, retailerId),
        eq(visits.status, 'done'),
        gte(visits.checkOutAt, since),
        isNull(visitRatings.visitId),
      ),
    )
    .orderBy(desc(visits.checkOutAt), desc(visits.id))
    .limit(50);
}

/** The retailer a new visit is for, if the scope holds it. */
export async function findRetailerInScope(db: Db | Tx, scope: SQL, retailerId: number) {
  const [row] = await db
    .select({
      id: retailers.id,
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      shopName: retailers.shopName,
      lat: retailers.lat,
      lng: retailers.lng,
    })
    .from(retailers)
    .where(and(scope, eq(retailers.id, retailerId)))
    .limit(1);
  return row;
}

/**
 * An open visit of this manager to this retailer: in progress, or planned for `day` (on the plan, or started by an
 * earlier tap) — starting one at the shop then opens that one instead of a second.
 */
export async function findOpenVisit(db: Db | Tx, managerId: number, retailerId: number, day: string) {
  const [row] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(
      and(
        eq(visits.managerId, managerId),
        eq(visits.retailerId, retailerId),
        sql`(${visits.status} = 'in_progress' or (${visits.status} = 'planned' and ${visits.plannedDate} = ${day}::date))`,
      ),
    )
    .orderBy(desc(visits.id))
    .limit(1);
  return row?.id;
}

export async function insertVisit(tx: Tx, values: typeof visits.$inferInsert): Promise<number> {
  const [row] = await tx.insert(visits).values(values).returning({ id: visits.id });
  if (!row) throw new Error('visit not inserted');
  return row.id;
}

/** The visit under a row lock, for a command's checks and write. */
export async function lockVisit(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: visits.id,
      retailerId: visits.retailerId,
      managerId: visits.managerId,
      districtId: visits.districtId,
      status: visits.status,
      checkInAt: visits.checkInAt,
      checkOutAt: visits.checkOutAt,
      record: visits.record,
      templateVersion: visits.templateVersion,
      version: visits.version,
    })
    .from(visits)
    .where(eq(visits.id, id))
    .for('update')
    .limit(1);
  return row;
}
export type LockedVisit = NonNullable<Awaited<ReturnType<typeof lockVisit>>>;

export async function updateVisit(
  tx: Tx,
  id: number,
  values: Partial<typeof visits.$inferInsert>,
  at: Date,
): Promise<void> {
  await tx
    .update(visits)
    .set({ ...values, version: sql`${visits.version} + 1`, updatedAt: at })
    .where(eq(visits.id, id));
}

export async function findShop(db: Db | Tx, retailerId: number) {
  const [row] = await db
    .select({ id: retailers.id, lat: retailers.lat, lng: retailers.lng, shopName: retailers.shopName })
    .from(retailers)
    .where(eq(retailers.id, retailerId))
    .limit(1);
  return row;
}

export async function findUserName(db: Db | Tx, userId: number): Promise<string> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? '';
}

/** The retailer's own sign-in account (the rating request goes to it). */
export async function findRetailerUser(db: Db | Tx, retailerId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.retailerId, retailerId), eq(users.role, 'retailer'), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .limit(1);
  return row?.id ?? null;
}

export async function findProductNames(db: Db | Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertRating(tx: Tx, values: typeof visitRatings.$inferInsert): Promise<boolean> {
  const rows = await tx
    .insert(visitRatings)
    .values(values)
    .onConflictDoNothing({ target: visitRatings.visitId })
    .returning({ id: visitRatings.visitId });
  return rows.length === 1;
}

// ---- Photos ----

export async function findPhotos(db: Db | Tx, visitId: number) {
  return db
    .select({
      id: visitPhotos.id,
      visitId: visitPhotos.visitId,
      storageKey: visitPhotos.storageKey,
      thumbnailKey: visitPhotos.thumbnailKey,
      contentType: visitPhotos.contentType,
      width: visitPhotos.width,
      height: visitPhotos.height,
      lat: visitPhotos.lat,
      lng: visitPhotos.lng,
      uploadedByUserId: visitPhotos.uploadedByUserId,
      uploadedByName: users.displayName,
      createdAt: visitPhotos.createdAt,
    })
    .from(visitPhotos)
    .leftJoin(users, eq(users.id, visitPhotos.uploadedByUserId))
    .where(eq(visitPhotos.visitId, visitId))
    .orderBy(asc(visitPhotos.createdAt), asc(visitPhotos.id));
}
export type PhotoRow = Awaited<ReturnType<typeof findPhotos>>[number];

export async function countPhotos(tx: Tx, visitId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(visitPhotos)
    .where(eq(visitPhotos.visitId, visitId));
  return row?.n ?? 0;
}

export async function insertPhoto(tx: Tx, values: typeof visitPhotos.$inferInsert): Promise<number> {
  const [row] = await tx.insert(visitPhotos).values(values).returning({ id: visitPhotos.id });
  if (!row) throw new Error('visit photo not inserted');
  return row.id;
}

// ---- Templates ----

/** The latest checklist template (the migration writes version 1). */
export async function findCurrentTemplate(db: Db | Tx) {
  const [row] = await db
    .select({
      version: visitTemplates.version,
      items: visitTemplates.items,
      createdAt: visitTemplates.createdAt,
      createdByUserId: visitTemplates.createdByUserId,
      createdByName: users.displayName,
    })
    .from(visitTemplates)
    .leftJoin(users, eq(users.id, visitTemplates.createdByUserId))
    .orderBy(desc(visitTemplates.version))
    .limit(1);
  return row;
}
export type TemplateRow = NonNullable<Awaited<ReturnType<typeof findCurrentTemplate>>>;

export async function findTemplateItems(db: Db | Tx, version: number): Promise<VisitTemplateItem[] | undefined> {
  const [row] = await db
    .select({ items: visitTemplates.items })
    .from(visitTemplates)
    .where(eq(visitTemplates.version, version))
    .limit(1);
  return row?.items;
}

/** A new template version; false when another save took that version first. */
export async function insertTemplate(
  tx: Tx,
  values: { version: number; items: VisitTemplateItem[]; createdByUserId: number; createdAt: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(visitTemplates)
    .values(values)
    .onConflictDoNothing({ target: visitTemplates.version })
    .returning({ id: visitTemplates.id });
  return rows.length === 1;
}
