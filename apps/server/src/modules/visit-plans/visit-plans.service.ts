/**
 * Weekly visit plans: rows of `visits` with status `planned`, generated per manager and week from the coverage
 * rules by the week plan of packages/algorithms (overdue first, daily cap, hours, closed days), then moved, pinned,
 * added, removed and re-ordered by the manager. Scope: a manager its own plan; a supervisor the plans of its
 * district's managers; an admin all; anyone else's → 404. One transaction per command, audited.
 */
import {
  addWeeks,
  computeDue,
  DAY_MS,
  dateOfDay,
  dayNumber,
  defaultPlanTimeMs,
  isoWeekName,
  isoWeekOfDay,
  mondayOfDay,
  type PlanRetailer,
  planWeek,
  reoptimizeDay,
  SHANGHAI_OFFSET_MS,
  scheduleDay,
  shanghaiDay,
  visitWindow,
  weekStartInstant,
} from '@siyi/algorithms';
import {
  type AddPlannedVisitBody,
  type GeneratePlansBody,
  type GeneratePlansResponse,
  type MovePlannedVisitBody,
  type ReoptimizeDayBody,
  VISIT_PLAN_AHEAD_WEEKS,
  type VisitDueReason,
  type VisitPlanQuery,
  type VisitPlanStop,
  type VisitPlanUnassigned,
  type VisitPlanView,
  visitPlanMessages,
} from '@siyi/contracts';
import { and, eq } from 'drizzle-orm';
import type { MapTilesConfig } from '../../config';
import type { Db } from '../../db/database';
import { retailers } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import * as repo from './visit-plans.repository';
import { effectiveRules } from './visit-rules.service';

export interface PlanDeps {
  db: Db;
  clock: { now(): Date };
  /** The map's background tiles, sent with each plan (config.mapTiles). */
  mapTiles?: MapTilesConfig | null;
}

const withTiles = (deps: PlanDeps, view: Omit<VisitPlanView, 'tiles'>): VisitPlanView => ({
  ...view,
  tiles: deps.mapTiles ?? null,
});

export interface RequestContext {
  actor: Actor | null;
  requestId?: string;
}

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** A week as given (a date: its week; `YYYY-Www`) → its Monday; a week 53 the year lacks → 400. */
export function parseWeek(value: string, field = 'week'): string {
  const w = ISO_WEEK.exec(value);
  const bad = () => new AppError('VALIDATION_FAILED', { [field]: visitPlanMessages.weekFormat });
  if (w) {
    const year = Number(w[1]);
    const week = Number(w[2]);
    const monday = mondayOfDay(dayNumber(`${year}-01-04`)) + 7 * (week - 1);
    const back = isoWeekOfDay(monday);
    if (back.year !== year || back.week !== week) throw bad();
    return dateOfDay(monday);
  }
  try {
    return dateOfDay(mondayOfDay(dayNumber(value)));
  } catch {
    throw bad();
  }
}

const todayOf = (now: Date) => shanghaiDay(now);
const minutesOf = (now: Date) => Math.floor(((now.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) / 60_000);

/** A planned day must be today or later and within VISIT_PLAN_AHEAD_WEEKS. */
function checkPlanDate(now: Date, date: string, field: string): void {
  const day = dayNumber(date);
  const today = todayOf(now);
  if (day < today) throw new AppError('VALIDATION_FAILED', { [field]: visitPlanMessages.pastDate });
  if (day > today + 7 * VISIT_PLAN_AHEAD_WEEKS) {
    throw new AppError('VALIDATION_FAILED', {
      [field]: { key: visitPlanMessages.tooFarAhead, params: { weeks: VISIT_PLAN_AHEAD_WEEKS } },
    });
  }
}

type Manager = NonNullable<Awaited<ReturnType<typeof repo.findManager>>>;

/** The manager whose plan the actor asks for, in scope; absent: the caller (who must be a manager). */
async function managerInScope(db: Db | Tx, actor: Actor, managerId: number | undefined): Promise<Manager> {
  if (managerId === undefined) {
    if (actor.role !== 'manager') {
      throw new AppError('VALIDATION_FAILED', { managerId: visitPlanMessages.managerRequired });
    }
    managerId = actor.id;
  }
  const manager = await repo.findManager(db, managerId);
  if (!manager) throw notFound();
  const visible =
    actor.role === 'admin' ||
    (actor.role === 'supervisor' && manager.districtId === actor.orgUnitId) ||
    (actor.role === 'manager' && manager.id === actor.id);
  if (!visible) throw notFound();
  return manager;
}

/** The base a manager's days start from: the middle of its active shops (there is no home address yet). */
function baseOf(shops: readonly { lat: number; lng: number }[], fallback?: { lat: number; lng: number }) {
  if (shops.length === 0) return fallback ?? { lat: 34.0357, lng: 113.8523 };
  return {
    lat: shops.reduce((a, s) => a + s.lat, 0) / shops.length,
    lng: shops.reduce((a, s) => a + s.lng, 0) / shops.length,
  };
}

function toPlanRetailer(r: repo.PlanRetailerRow | repo.StopRow, lastVisit: string | null): PlanRetailer {
  return {
    id: String('retailerId' in r ? r.retailerId : r.id),
    tier: r.tier,
    lastVisit,
    lat: r.lat,
    lng: r.lng,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    bestVisitFrom: r.bestVisitFrom,
    bestVisitTo: r.bestVisitTo,
    closedWeekdays: r.closedWeekdays,
  };
}

// ---- the plan view ----

export async function getPlan(deps: PlanDeps, actor: Actor, query: VisitPlanQuery): Promise<VisitPlanView> {
  const manager = await managerInScope(deps.db, actor, query.managerId);
  const week = query.week === undefined ? dateOfDay(mondayOfDay(todayOf(deps.clock.now()))) : parseWeek(query.week);
  return withTiles(deps, await planView(deps.db, manager, week, deps.clock.now()));
}

async function planView(db: Db | Tx, manager: Manager, week: string, now: Date): Promise<Omit<VisitPlanView, 'tiles'>> {
  const { rules, version } = await effectiveRules(db, manager.districtId);
  const rows = await repo.findWeekVisits(db, manager.id, week);
  const run = await repo.findRun(db, manager.id, week);
  const lastVisits = await repo.findLastVisits(
    db,
    rows.map((r) => r.retailerId),
    weekStartInstant(week),
  );
  const due = new Map(
    computeDue(
      week,
      rules,
      rows.map((r) => ({ id: String(r.retailerId), tier: r.tier, lastVisit: lastVisits.get(r.retailerId) ?? null })),
    ).map((d) => [d.id, d]),
  );
  const monday = dayNumber(week);
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = dateOfDay(monday + i);
    return { date, weekday: i + 1, workDay: rules.workDays.includes(i + 1), stops: [] as VisitPlanStop[] };
  });
  for (const r of rows) {
    const date = r.plannedDate ?? (r.checkInAt ? dateOfDay(shanghaiDay(r.checkInAt)) : week);
    const day = days[dayNumber(date) - monday];
    if (!day) continue;
    const d = due.get(String(r.retailerId));
    day.stops.push({
      visitId: r.id,
      retailerId: r.retailerId,
      shopName: r.shopName,
      address: r.address,
      lat: r.lat,
      lng: r.lng,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      plannedDate: date,
      plannedOrder: r.plannedOrder,
      plannedArrival: r.plannedArrival,
      status: r.status,
      source: r.source,
      pinned: r.pinned,
      dueStatus: d?.status ?? 'wait',
      dueReason: (d?.reason ?? 'not-due') as VisitDueReason,
      tier: r.tier,
      version: r.version,
    });
  }
  const planned = new Set(rows.map((r) => r.retailerId));
  const left = (run?.unassigned ?? []).filter((u) => !planned.has(u.retailerId));
  const shops = new Map(
    (
      await repo.findRetailers(
        db,
        left.map((u) => u.retailerId),
      )
    ).map((r) => [r.id, r]),
  );
  const unassigned: VisitPlanUnassigned[] = left.flatMap((u) => {
    const shop = shops.get(u.retailerId);
    if (!shop) return [];
    return [
      {
        retailerId: u.retailerId,
        shopName: shop.shopName,
        address: shop.address,
        dueStatus: u.dueStatus as VisitPlanUnassigned['dueStatus'],
        dueReason: u.dueReason as VisitPlanUnassigned['dueReason'],
        reason: u.reason as VisitPlanUnassigned['reason'],
      },
    ];
  });
  return {
    week,
    isoWeek: isoWeekName(week),
    manager: { id: manager.id, name: manager.name },
    districtId: manager.districtId,
    generatedAt: run ? run.generatedAt.toISOString() : null,
    rulesVersion: run?.rulesVersion ?? version,
    dailyCap: rules.dailyCap,
    days,
    unassigned,
    canEdit: monday + 6 >= todayOf(now),
  };
}

// ---- generation ----

export interface GenerateResult {
  managerId: number;
  week: string;
  /** false: the week already had a plan and `force` was not set (the weekly job's second run). */
  generated: boolean;
  planned: number;
  unassigned: number;
}

/**
 * Generates a manager's plan of a week. Without `force` a week that already has a plan is left alone (the weekly
 * job runs once per week even if it is tried twice); with it (on demand) the generated, unpinned, not started
 * visits are replaced. Pinned, added and started visits stay; the solver runs outside the transaction.
 */
export async function generatePlan(
  deps: PlanDeps,
  context: RequestContext,
  manager: { id: number; districtId: number },
  week: string,
  options: { force: boolean; timeLimitMs?: number },
): Promise<GenerateResult> {
  const now = deps.clock.now();
  const today = todayOf(now);
  const monday = dayNumber(week);
  if (!options.force && (await repo.findRun(deps.db, manager.id, week))) {
    return { managerId: manager.id, week, generated: false, planned: 0, unassigned: 0 };
  }
  const { rules, version } = await effectiveRules(deps.db, manager.districtId);
  const shops = await repo.findManagerRetailers(deps.db, manager.id);
  const existing = await repo.findWeekVisits(deps.db, manager.id, week, true);
  const othersVisited = await repo.findRetailersVisitedInWeek(
    deps.db,
    shops.map((s) => s.id),
    week,
  );
  const lastVisits = await repo.findLastVisits(
    deps.db,
    shops.map((s) => s.id),
    weekStartInstant(week),
  );
  const kept = existing
    .filter((v) => v.status !== 'cancelled' && !(v.source === 'plan' && v.status === 'planned' && !v.pinned))
    .map((v) => ({
      visitId: String(v.id),
      retailerId: String(v.retailerId),
      date: v.plannedDate ?? (v.checkInAt ? dateOfDay(shanghaiDay(v.checkInAt)) : week),
      pinned: v.status === 'planned',
    }));
  const keptRetailers = new Set(kept.map((k) => Number(k.retailerId)));
  // Removed by the manager this week, or visited by someone else: not planned again.
  const excluded = new Set([
    ...existing.filter((v) => v.status === 'cancelled').map((v) => v.retailerId),
    ...[...othersVisited].filter((id) => !existing.some((v) => v.retailerId === id && v.status !== 'cancelled')),
  ]);
  const candidates = shops.filter((s) => !excluded.has(s.id) || keptRetailers.has(s.id));
  const pinnedShops = existing.filter((v) => v.status === 'planned' && !candidates.some((c) => c.id === v.retailerId));
  const planRetailers = [
    ...candidates.map((s) => toPlanRetailer(s, lastVisits.get(s.id) ?? null)),
    // A kept visit whose retailer has since moved to another manager still needs its place and time.
    ...pinnedShops.map((v) => toPlanRetailer(v, null)),
  ];
  const fromDate = dateOfDay(Math.max(monday, today));
  const limit = options.timeLimitMs ?? defaultPlanTimeMs(planRetailers.length);
  const plan = planWeek(
    { week, rules, base: baseOf(shops), retailers: planRetailers, kept, fromDate },
    { timeLimitMs: limit, seed: manager.id },
  );
  const unassigned = plan.unassigned.map((u) => ({
    retailerId: Number(u.retailerId),
    dueStatus: u.status,
    dueReason: u.dueReason,
    reason: u.reason,
  }));
  const planned = plan.days.reduce((a, d) => a + d.stops.filter((s) => s.visitId === null).length, 0);
  const startedPerDay = new Map<string, number>();
  for (const k of kept) if (!k.pinned) startedPerDay.set(k.date, (startedPerDay.get(k.date) ?? 0) + 1);

  const result = await inTransaction(deps.db, async (tx) => {
    await repo.lockManagerWeek(tx, manager.id, week);
    const runValues = {
      managerId: manager.id,
      weekStart: week,
      districtId: manager.districtId,
      generatedAt: now,
      generatedByUserId: context.actor?.id ?? null,
      rulesVersion: version,
      planned,
      unassigned,
    };
    if (options.force) await repo.upsertRun(tx, runValues);
    else if (!(await repo.claimRun(tx, runValues))) return false;
    const removed = await repo.deleteGenerated(tx, manager.id, week);
    const districtOf = new Map(shops.map((s) => [s.id, s.districtId]));
    const rescheduled: { id: number; order: number; arrival: number | null }[] = [];
    const added: Parameters<typeof repo.insertPlannedMany>[1][number][] = [];
    for (const day of plan.days) {
      const offset = startedPerDay.get(day.date) ?? 0;
      for (const [i, stop] of day.stops.entries()) {
        const order = offset + i + 1;
        if (stop.visitId !== null) {
          rescheduled.push({ id: Number(stop.visitId), order, arrival: stop.arrival });
          continue;
        }
        const retailerId = Number(stop.retailerId);
        added.push({
          retailerId,
          managerId: manager.id,
          districtId: districtOf.get(retailerId) ?? manager.districtId,
          weekStart: week,
          plannedDate: day.date,
          plannedOrder: order,
          plannedArrival: stop.arrival,
          pinned: false,
          source: 'plan',
        });
      }
    }
    await repo.setSchedules(tx, rescheduled, now);
    await repo.insertPlannedMany(tx, added, now);
    await recordAudit(
      tx,
      { actor: context.actor, at: now, requestId: context.requestId },
      {
        entityType: 'visit_plan',
        entityId: `${manager.id}:${week}`,
        action: 'visitPlan.generated',
        districtId: manager.districtId,
        before: { generatedVisits: removed },
        after: { planned, unassigned: unassigned.length, kept: kept.length, rulesVersion: version },
      },
    );
    return true;
  });
  return {
    managerId: manager.id,
    week,
    generated: result,
    planned: result ? planned : 0,
    unassigned: unassigned.length,
  };
}

/** On demand: one manager's plan, or every manager's in the caller's scope (a manager: its own); replaces. */
export async function generatePlans(
  deps: PlanDeps,
  context: { actor: Actor; requestId?: string },
  body: GeneratePlansBody,
): Promise<GeneratePlansResponse> {
  const { actor } = context;
  const week = parseWeek(body.week);
  const today = todayOf(deps.clock.now());
  if (dayNumber(week) + 6 < today) throw new AppError('VALIDATION_FAILED', { week: visitPlanMessages.pastDate });
  if (dayNumber(week) > today + 7 * VISIT_PLAN_AHEAD_WEEKS) {
    throw new AppError('VALIDATION_FAILED', {
      week: { key: visitPlanMessages.tooFarAhead, params: { weeks: VISIT_PLAN_AHEAD_WEEKS } },
    });
  }
  const managers =
    body.managerId !== undefined || actor.role === 'manager'
      ? [await managerInScope(deps.db, actor, body.managerId)]
      : await repo.findManagers(deps.db, actor.role === 'admin' ? null : [actor.orgUnitId]);
  const plans: GeneratePlansResponse['plans'] = [];
  for (const m of managers) {
    // Many managers at once: a shorter search each, so the request stays short.
    const r = await generatePlan(deps, context, m, week, {
      force: true,
      ...(managers.length > 1 ? { timeLimitMs: 250 } : {}),
    });
    plans.push({ managerId: m.id, planned: r.planned, unassigned: r.unassigned });
  }
  return { week, plans };
}

/** The weekly job: next week's plan for every active manager that has none yet. */
export async function generateNextWeek(deps: PlanDeps, log?: { warn(o: object, m?: string): void }): Promise<number> {
  const week = addWeeks(dateOfDay(mondayOfDay(todayOf(deps.clock.now()))), 1);
  let generated = 0;
  for (const m of await repo.findManagers(deps.db, null)) {
    try {
      const r = await generatePlan(deps, { actor: null }, m, week, { force: false, timeLimitMs: 800 });
      if (r.generated) generated += 1;
    } catch (error) {
      // One manager's failure does not stop the others; the job's next run tries it again.
      log?.warn({ managerId: m.id, week, error: (error as Error).name }, 'visit plan not generated');
    }
  }
  return generated;
}

// ---- the manager's changes ----

async function visitInScope(db: Db | Tx, actor: Actor, id: number) {
  const visit = await repo.findVisit(db, id);
  if (!visit) throw notFound();
  await managerInScope(db, actor, visit.managerId);
  return visit;
}

const notPlanned = () => new AppError('ILLEGAL_TRANSITION', { status: visitPlanMessages.notPlanned });

/** Renumbers a day in the given order and re-times its planned visits from the manager's base. */
async function retimeDay(tx: Tx, managerId: number, districtId: number, date: string, order: number[], now: Date) {
  const { rules } = await effectiveRules(tx, districtId);
  const dayRows = await repo.findDayVisits(tx, managerId, date);
  const byId = new Map(dayRows.map((r) => [r.id, r]));
  const ordered = [
    ...order.map((id) => byId.get(id)).filter((r): r is repo.StopRow => r !== undefined),
    ...dayRows.filter((r) => !order.includes(r.id)),
  ];
  const shops = await repo.findManagerRetailers(tx, managerId);
  const planned = ordered.filter((r) => r.status === 'planned');
  const times = new Map(
    scheduleDay({
      base: baseOf(shops, planned[0]),
      start: rules.dayStart,
      end: rules.dayEnd,
      serviceMinutes: rules.serviceMinutes,
      stops: planned.map((r) => ({
        id: String(r.id),
        lat: r.lat,
        lng: r.lng,
        window: visitWindow(r, rules.serviceMinutes),
      })),
    }).map((t) => [Number(t.id), t.arrival]),
  );
  await repo.setSchedules(
    tx,
    ordered.map((r, i) => ({
      id: r.id,
      order: i + 1,
      arrival: r.status === 'planned' ? (times.get(r.id) ?? null) : r.plannedArrival,
    })),
    now,
  );
}

const dayOrder = async (tx: Tx, managerId: number, date: string) =>
  (await repo.findDayVisits(tx, managerId, date)).map((r) => r.id);

export async function movePlannedVisit(
  deps: PlanDeps,
  context: { actor: Actor; requestId?: string },
  id: number,
  body: MovePlannedVisitBody,
): Promise<VisitPlanView> {
  const now = deps.clock.now();
  const visit = await visitInScope(deps.db, context.actor, id);
  if (body.plannedDate !== undefined) checkPlanDate(now, body.plannedDate, 'plannedDate');
  const manager = await managerInScope(deps.db, context.actor, visit.managerId);
  await inTransaction(deps.db, async (tx) => {
    const fromDate = visit.plannedDate ?? visit.weekStart;
    const toDate = body.plannedDate ?? fromDate;
    const toWeek = dateOfDay(mondayOfDay(dayNumber(toDate)));
    // Both weeks, always in date order: two moves in opposite directions never wait on each other.
    for (const w of [...new Set([visit.weekStart, toWeek])].sort()) await repo.lockManagerWeek(tx, visit.managerId, w);
    const locked = await repo.lockVisit(tx, id);
    if (!locked) throw notFound();
    if (locked.status !== 'planned') throw notPlanned();
    if (toWeek !== visit.weekStart) {
      if ((await repo.findRetailersVisitedInWeek(tx, [visit.retailerId], toWeek)).size > 0) {
        throw new AppError('VALIDATION_FAILED', { plannedDate: visitPlanMessages.alreadyPlanned });
      }
    }
    const pinned =
      body.pinned ?? (body.plannedDate !== undefined && body.plannedDate !== fromDate ? true : visit.pinned);
    await repo.updatePlanned(tx, id, { plannedDate: toDate, weekStart: toWeek, pinned }, now);
    const target = (await dayOrder(tx, visit.managerId, toDate)).filter((v) => v !== id);
    const position =
      body.plannedOrder !== undefined
        ? Math.min(body.plannedOrder - 1, target.length)
        : toDate === fromDate
          ? Math.max(0, (visit.plannedOrder ?? target.length + 1) - 1)
          : target.length;
    target.splice(Math.min(position, target.length), 0, id);
    await retimeDay(tx, visit.managerId, visit.districtId, toDate, target, now);
    if (toDate !== fromDate) {
      await retimeDay(
        tx,
        visit.managerId,
        visit.districtId,
        fromDate,
        await dayOrder(tx, visit.managerId, fromDate),
        now,
      );
    }
    await recordAudit(
      tx,
      { actor: context.actor, at: now, requestId: context.requestId },
      {
        entityType: 'visit',
        entityId: id,
        action: 'visitPlan.moved',
        districtId: visit.districtId,
        before: { plannedDate: visit.plannedDate, plannedOrder: visit.plannedOrder, pinned: visit.pinned },
        after: { plannedDate: toDate, plannedOrder: position + 1, pinned },
      },
    );
  });
  return withTiles(
    deps,
    await planView(
      deps.db,
      manager,
      dateOfDay(mondayOfDay(dayNumber(body.plannedDate ?? visit.plannedDate ?? visit.weekStart))),
      now,
    ),
  );
}

export async function addPlannedVisit(
  deps: PlanDeps,
  context: { actor: Actor; requestId?: string },
  body: AddPlannedVisitBody,
): Promise<VisitPlanView> {
  const { actor } = context;
  const now = deps.clock.now();
  const [shop] = await deps.db
    .select({ id: retailers.id, managerId: retailers.managerId, districtId: retailers.districtId })
    .from(retailers)
    .where(and(retailerScope(actor), eq(retailers.id, body.retailerId)));
  if (!shop || actor.role === 'retailer') throw notFound();
  if (shop.managerId === null) throw new AppError('VALIDATION_FAILED', { retailerId: visitPlanMessages.noManager });
  checkPlanDate(now, body.plannedDate, 'plannedDate');
  const manager = await managerInScope(deps.db, actor, shop.managerId);
  const week = dateOfDay(mondayOfDay(dayNumber(body.plannedDate)));
  await inTransaction(deps.db, async (tx) => {
    await repo.lockManagerWeek(tx, manager.id, week);
    if ((await repo.findRetailersVisitedInWeek(tx, [shop.id], week)).size > 0) {
      throw new AppError('VALIDATION_FAILED', { retailerId: visitPlanMessages.alreadyPlanned });
    }
    const id = await repo.insertPlanned(
      tx,
      {
        retailerId: shop.id,
        managerId: manager.id,
        districtId: shop.districtId,
        weekStart: week,
        plannedDate: body.plannedDate,
        plannedOrder: null,
        plannedArrival: null,
        pinned: true,
        source: 'added',
      },
      now,
    );
    await retimeDay(
      tx,
      manager.id,
      shop.districtId,
      body.plannedDate,
      await dayOrder(tx, manager.id, body.plannedDate),
      now,
    );
    await recordAudit(
      tx,
      { actor, at: now, requestId: context.requestId },
      {
        entityType: 'visit',
        entityId: id,
        action: 'visitPlan.added',
        districtId: shop.districtId,
        after: { retailerId: shop.id, managerId: manager.id, plannedDate: body.plannedDate },
      },
    );
  });
  return withTiles(deps, await planView(deps.db, manager, week, now));
}

export async function removePlannedVisit(
  deps: PlanDeps,
  context: { actor: Actor; requestId?: string },
  id: number,
): Promise<VisitPlanView> {
  const now = deps.clock.now();
  const visit = await visitInScope(deps.db, context.actor, id);
  const manager = await managerInScope(deps.db, context.actor, visit.managerId);
  await inTransaction(deps.db, async (tx) => {
    await repo.lockManagerWeek(tx, visit.managerId, visit.weekStart);
    const locked = await repo.lockVisit(tx, id);
    if (!locked) throw notFound();
    if (locked.status !== 'planned') throw notPlanned();
    await repo.updatePlanned(tx, id, { status: 'cancelled', plannedOrder: null, plannedArrival: null }, now);
    if (visit.plannedDate) {
      await retimeDay(
        tx,
        visit.managerId,
        visit.districtId,
        visit.plannedDate,
        await dayOrder(tx, visit.managerId, visit.plannedDate),
        now,
      );
    }
    await recordAudit(
      tx,
      { actor: context.actor, at: now, requestId: context.requestId },
      {
        entityType: 'visit',
        entityId: id,
        action: 'visitPlan.removed',
        districtId: visit.districtId,
        before: { status: 'planned', plannedDate: visit.plannedDate, source: visit.source },
        after: { status: 'cancelled' },
      },
    );
  });
  return withTiles(deps, await planView(deps.db, manager, visit.weekStart, now));
}

/** The rest of a day re-ordered from where the manager is now: started and finished visits keep their places. */
export async function reoptimizePlanDay(
  deps: PlanDeps,
  context: { actor: Actor; requestId?: string },
  body: ReoptimizeDayBody,
): Promise<VisitPlanView> {
  const now = deps.clock.now();
  const manager = await managerInScope(deps.db, context.actor, body.managerId);
  checkPlanDate(now, body.date, 'date');
  const { rules } = await effectiveRules(deps.db, manager.districtId);
  const week = dateOfDay(mondayOfDay(dayNumber(body.date)));
  const rows = await repo.findDayVisits(deps.db, manager.id, body.date);
  const fixed = rows.filter((r) => r.status !== 'planned');
  const open = rows.filter((r) => r.status === 'planned');
  const start = dayNumber(body.date) === todayOf(now) ? Math.max(minutesOf(now), 0) : rules.dayStart;
  const order = reoptimizeDay(
    {
      from: { lat: body.lat, lng: body.lng },
      now: start,
      serviceMinutes: rules.serviceMinutes,
      stops: open.map((r) => ({
        id: String(r.id),
        lat: r.lat,
        lng: r.lng,
        window: visitWindow(r, rules.serviceMinutes),
      })),
    },
    { timeLimitMs: Math.min(300, defaultPlanTimeMs(open.length)), seed: manager.id },
  );
  await inTransaction(deps.db, async (tx) => {
    await repo.lockManagerWeek(tx, manager.id, week);
    const still = new Set(
      (await repo.findDayVisits(tx, manager.id, body.date)).filter((r) => r.status === 'planned').map((r) => r.id),
    );
    // Started and finished visits first, in their order; then the re-ordered rest.
    const rest = order.filter((stop) => still.has(Number(stop.id)));
    await repo.setSchedules(
      tx,
      [
        ...fixed.map((r, i) => ({ id: r.id, order: i + 1, arrival: r.plannedArrival })),
        ...rest.map((stop, i) => ({ id: Number(stop.id), order: fixed.length + i + 1, arrival: stop.arrival })),
      ],
      now,
    );
    await recordAudit(
      tx,
      { actor: context.actor, at: now, requestId: context.requestId },
      {
        entityType: 'visit_plan',
        entityId: `${manager.id}:${week}`,
        action: 'visitPlan.reoptimized',
        districtId: manager.districtId,
        after: { date: body.date, from: start, order: order.map((s) => Number(s.id)) },
      },
    );
  });
  return withTiles(deps, await planView(deps.db, manager, week, now));
}
