import { INVALIDATING_FLAG_KINDS } from '@siyi/algorithms';
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { retailers, users, visitFlags, visitPlanRuns, visitRuleVersions, visits } from '../../db/schema';
import type { Tx } from '../../db/transaction';

type Handle = Db | Tx;

// ---- coverage rules ----

export async function findRuleVersions(db: Handle, districtId: number | null, limit = 50) {
  return db
    .select({
      districtId: visitRuleVersions.districtId,
      version: visitRuleVersions.version,
      rules: visitRuleVersions.rules,
      createdAt: visitRuleVersions.createdAt,
      createdById: visitRuleVersions.createdByUserId,
      createdByName: users.displayName,
    })
    .from(visitRuleVersions)
    .leftJoin(users, eq(users.id, visitRuleVersions.createdByUserId))
    .where(districtId === null ? isNull(visitRuleVersions.districtId) : eq(visitRuleVersions.districtId, districtId))
    .orderBy(desc(visitRuleVersions.version))
    .limit(limit);
}

export async function findLatestRules(db: Handle, districtId: number | null) {
  const [row] = await findRuleVersions(db, districtId, 1);
  return row;
}

/** Serialises saves of one key (district or city-wide) for the rest of the transaction. */
export async function lockRulesKey(tx: Tx, districtId: number | null): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('visit_rule_versions'), ${districtId ?? 0})`);
}

export async function insertRuleVersion(
  tx: Tx,
  values: { districtId: number | null; version: number; rules: Record<string, unknown>; createdBy: number; at: Date },
) {
  await tx.insert(visitRuleVersions).values({
    districtId: values.districtId,
    version: values.version,
    rules: values.rules,
    createdByUserId: values.createdBy,
    createdAt: values.at,
  });
}

export async function districtExists(db: Handle, districtId: number): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from org_units where id = ${districtId} and kind = 'district' limit 1`);
  return rows.rows.length > 0;
}

// ---- managers ----

export async function findManager(db: Handle, managerId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.displayName, districtId: users.orgUnitId, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, managerId), eq(users.role, 'manager')))
    .limit(1);
  return row;
}

/** Active managers, all or of some districts. */
export async function findManagers(db: Handle, districtIds: number[] | null) {
  return db
    .select({ id: users.id, name: users.displayName, districtId: users.orgUnitId })
    .from(users)
    .where(
      and(
        eq(users.role, 'manager'),
        isNull(users.disabledAt),
        districtIds === null ? sql`true` : inArray(users.orgUnitId, districtIds.length ? districtIds : [-1]),
      ),
    )
    .orderBy(asc(users.id));
}

// ---- retailers ----

const retailerColumns = {
  id: retailers.id,
  districtId: retailers.districtId,
  managerId: retailers.managerId,
  shopName: retailers.shopName,
  address: retailers.address,
  lat: retailers.lat,
  lng: retailers.lng,
  tier: retailers.tier,
  status: retailers.status,
  opensAt: retailers.opensAt,
  closesAt: retailers.closesAt,
  bestVisitFrom: retailers.bestVisitFrom,
  bestVisitTo: retailers.bestVisitTo,
  closedWeekdays: retailers.closedWeekdays,
};
export type PlanRetailerRow = Awaited<ReturnType<typeof findManagerRetailers>>[number];

export async function findManagerRetailers(db: Handle, managerId: number) {
  return db
    .select(retailerColumns)
    .from(retailers)
    .where(and(eq(retailers.managerId, managerId), eq(retailers.status, 'active')))
    .orderBy(asc(retailers.id));
}

export async function findRetailers(db: Handle, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select(retailerColumns).from(retailers).where(inArray(retailers.id, ids));
}

/**
 * Shanghai date of each retailer's last valid visit before `before`: finished, and not flagged short, far from the
 * shop or empty (visit-quality's flags, INVALIDATING_FLAG_KINDS).
 */
export async function findLastVisits(db: Handle, retailerIds: number[], before: Date): Promise<Map<number, string>> {
  if (retailerIds.length === 0) return new Map();
  const rows = await db
    .select({
      retailerId: visits.retailerId,
      day: sql<string>`to_char(max(${visits.checkInAt}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
    })
    .from(visits)
    .where(
      and(
        inArray(visits.retailerId, retailerIds),
        eq(visits.status, 'done'),
        lt(visits.checkInAt, before),
        sql`not exists (select 1 from ${visitFlags} where ${visitFlags.visitId} = ${visits.id} and ${inArray(visitFlags.kind, [...INVALIDATING_FLAG_KINDS])})`,
      ),
    )
    .groupBy(visits.retailerId);
  return new Map(rows.map((r) => [r.retailerId, r.day]));
}

// ---- visits of a week ----

const stopColumns = {
  id: visits.id,
  retailerId: visits.retailerId,
  managerId: visits.managerId,
  districtId: visits.districtId,
  weekStart: visits.weekStart,
  plannedDate: visits.plannedDate,
  plannedOrder: visits.plannedOrder,
  plannedArrival: visits.plannedArrival,
  pinned: visits.pinned,
  source: visits.source,
  status: visits.status,
  checkInAt: visits.checkInAt,
  version: visits.version,
  shopName: retailers.shopName,
  address: retailers.address,
  lat: retailers.lat,
  lng: retailers.lng,
  tier: retailers.tier,
  opensAt: retailers.opensAt,
  closesAt: retailers.closesAt,
  bestVisitFrom: retailers.bestVisitFrom,
  bestVisitTo: retailers.bestVisitTo,
  closedWeekdays: retailers.closedWeekdays,
};
export type StopRow = Awaited<ReturnType<typeof findWeekVisits>>[number];

/** A manager's visits of a week (cancelled ones only when asked), by day and order. */
export async function findWeekVisits(db: Handle, managerId: number, weekStart: string, withCancelled = false) {
  return db
    .select(stopColumns)
    .from(visits)
    .innerJoin(retailers, eq(retailers.id, visits.retailerId))
    .where(
      and(
        eq(visits.managerId, managerId),
        eq(visits.weekStart, weekStart),
        withCancelled ? sql`true` : ne(visits.status, 'cancelled'),
      ),
    )
    .orderBy(asc(visits.plannedDate), sql`${visits.plannedOrder} asc nulls last`, asc(visits.id));
}

/** Retailers (of a set) with a visit that is not cancelled in a week, whoever's. */
export async function findRetailersVisitedInWeek(db: Handle, retailerIds: number[], weekStart: string) {
  if (retailerIds.length === 0) return new Set<number>();
  const rows = await db
    .select({ retailerId: visits.retailerId })
    .from(visits)
    .where(
      and(inArray(visits.retailerId, retailerIds), eq(visits.weekStart, weekStart), ne(visits.status, 'cancelled')),
    );
  return new Set(rows.map((r) => r.retailerId));
}

export async function findVisit(db: Handle, id: number) {
  const [row] = await db
    .select(stopColumns)
    .from(visits)
    .innerJoin(retailers, eq(retailers.id, visits.retailerId))
    .where(eq(visits.id, id))
    .limit(1);
  return row;
}

export async function lockVisit(tx: Tx, id: number) {
  const [row] = await tx
    .select({ id: visits.id, status: visits.status, version: visits.version })
    .from(visits)
    .where(eq(visits.id, id))
    .for('update');
  return row;
}

/** A manager's visits of one day (not cancelled), by order. */
export async function findDayVisits(db: Handle, managerId: number, date: string) {
  return db
    .select(stopColumns)
    .from(visits)
    .innerJoin(retailers, eq(retailers.id, visits.retailerId))
    .where(and(eq(visits.managerId, managerId), eq(visits.plannedDate, date), ne(visits.status, 'cancelled')))
    .orderBy(sql`${visits.plannedOrder} asc nulls last`, asc(visits.id));
}

/** Serialises changes to one manager's plan of a week. */
export async function lockManagerWeek(tx: Tx, managerId: number, weekStart: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('visit_plan'), hashtext(${`${managerId}:${weekStart}`}))`);
}

export async function updatePlanned(
  tx: Tx,
  id: number,
  values: Partial<{
    plannedDate: string;
    weekStart: string;
    plannedOrder: number | null;
    plannedArrival: number | null;
    pinned: boolean;
    status: 'cancelled';
  }>,
  at: Date,
): Promise<void> {
  await tx
    .update(visits)
    .set({ ...values, version: sql`${visits.version} + 1`, updatedAt: at })
    .where(eq(visits.id, id));
}

/** Order and time only: no version bump when nothing but the schedule moved. */
/**
 * Sets the order and planned arrival of a day's or a week's visits in one statement (a plan touches 25 a day,
 * 125 a week: one round trip, not one per visit); rows already as given are left untouched.
 */
export async function setSchedules(
  tx: Tx,
  rows: readonly { id: number; order: number | null; arrival: number | null }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update ${visits} set planned_order = s.ord, planned_arrival = s.arr, updated_at = ${at}
    from unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(rows.map((r) => r.order))}::smallint[],
                ${sql.param(rows.map((r) => r.arrival))}::smallint[]) as s(id, ord, arr)
    where ${visits.id} = s.id
      and (${visits.plannedOrder} is distinct from s.ord or ${visits.plannedArrival} is distinct from s.arr)`);
}

export async function insertPlanned(
  tx: Tx,
  values: {
    retailerId: number;
    managerId: number;
    districtId: number;
    weekStart: string;
    plannedDate: string;
    plannedOrder: number | null;
    plannedArrival: number | null;
    pinned: boolean;
    source: 'plan' | 'added';
  },
  at: Date,
): Promise<number> {
  const [row] = await tx
    .insert(visits)
    .values({ ...values, status: 'planned', createdAt: at, updatedAt: at })
    .returning({ id: visits.id });
  if (!row) throw new Error('no visit');
  return row.id;
}

/** Many planned visits in one statement (a generated week). */
export async function insertPlannedMany(
  tx: Tx,
  values: readonly Parameters<typeof insertPlanned>[1][],
  at: Date,
): Promise<void> {
  if (values.length === 0) return;
  await tx
    .insert(visits)
    .values(values.map((v) => ({ ...v, status: 'planned' as const, createdAt: at, updatedAt: at })));
}

/** The generated, unpinned, not started visits of a manager's week: a new generation replaces them. */
export async function deleteGenerated(tx: Tx, managerId: number, weekStart: string): Promise<number> {
  const rows = await tx
    .delete(visits)
    .where(
      and(
        eq(visits.managerId, managerId),
        eq(visits.weekStart, weekStart),
        eq(visits.source, 'plan'),
        eq(visits.status, 'planned'),
        eq(visits.pinned, false),
      ),
    )
    .returning({ id: visits.id });
  return rows.length;
}

// ---- plan runs ----

export async function findRun(db: Handle, managerId: number, weekStart: string) {
  const [row] = await db
    .select()
    .from(visitPlanRuns)
    .where(and(eq(visitPlanRuns.managerId, managerId), eq(visitPlanRuns.weekStart, weekStart)))
    .limit(1);
  return row;
}

type RunValues = typeof visitPlanRuns.$inferInsert;

/** The weekly job's claim: true when this call created the run (the week had none). */
export async function claimRun(tx: Tx, values: RunValues): Promise<boolean> {
  const rows = await tx
    .insert(visitPlanRuns)
    .values(values)
    .onConflictDoNothing()
    .returning({ managerId: visitPlanRuns.managerId });
  return rows.length > 0;
}

export async function upsertRun(tx: Tx, values: RunValues): Promise<void> {
  await tx
    .insert(visitPlanRuns)
    .values(values)
    .onConflictDoUpdate({
      target: [visitPlanRuns.managerId, visitPlanRuns.weekStart],
      set: {
        districtId: values.districtId,
        generatedAt: values.generatedAt,
        generatedByUserId: values.generatedByUserId ?? null,
        rulesVersion: values.rulesVersion,
        planned: values.planned,
        unassigned: values.unassigned,
      },
    });
}
