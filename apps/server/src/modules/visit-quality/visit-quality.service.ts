/**
 * Visit quality (issue 9 item 6): the versioned flag rules, flags raised at check-out and by the daily job, the
 * flag list, and the supervisor's spot-checks (抽检) and call-backs (回访).
 *
 * Scope (in SQL, so another district's record is simply not found → 404): an admin sees every flag and visit; a
 * supervisor those of the district; a manager its own flags and visits, read-only (it may learn from its flags,
 * but only the supervisor reviews them). Spot-checks and call-backs: the district's supervisor and admins.
 */
import { dateOfDay, flagVisit, type VisitFlagRules as RuleSet, shanghaiDay } from '@siyi/algorithms';
import {
  DEFAULT_CHECK_IN_RADIUS_M,
  type SpotCheckBody,
  type UpdateVisitFlagRulesBody,
  VISIT_RECORD_EDIT_HOURS,
  type VisitCallbackBody,
  type VisitFlag,
  type VisitFlagKind,
  type VisitFlagListQuery,
  type VisitFlagListResponse,
  type VisitFlagRulesView,
  type VisitQuality,
  type VisitSpotCheckOutcome,
} from '@siyi/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation } from '../../lib/pg-errors';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { effectiveRules } from '../visit-plans/visit-rules.service';
import * as repo from './visit-quality.repository';

export interface VisitQualityDeps {
  db: Db;
  clock: Clock;
}

export interface RequestContext {
  actor: Actor;
  requestId?: string | undefined;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

// ---- Scope ----

/** The visits (`visits v`) the actor may see. */
export function visitScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'supervisor':
      return sql`v.district_id = ${actor.orgUnitId}`;
    case 'manager':
      return sql`v.manager_id = ${actor.id}`;
    case 'retailer':
      return sql`false`;
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

/** The flags (`visit_flags f`) the actor may see. */
function flagScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'supervisor':
      return sql`f.district_id = ${actor.orgUnitId}`;
    case 'manager':
      return sql`f.manager_id = ${actor.id}`;
    case 'retailer':
      return sql`false`;
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

function assertSupervises(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'supervisor') throw new AppError('FORBIDDEN');
}

// ---- Rules ----

function toRulesView(row: repo.FlagRulesRow): VisitFlagRulesView {
  return {
    ...row.rules,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: person(row.createdById, row.createdByName),
  };
}

export async function getFlagRules(deps: Pick<VisitQualityDeps, 'db'>): Promise<VisitFlagRulesView> {
  return toRulesView(await repo.currentFlagRules(deps.db));
}

/** An admin saves a new version of the rules (stale `version` → 409 with the rules in force); audited. */
export async function updateFlagRules(
  deps: VisitQualityDeps,
  context: RequestContext,
  body: z.output<typeof UpdateVisitFlagRulesBody>,
): Promise<VisitFlagRulesView> {
  const { actor } = context;
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const at = deps.clock.now();
  const { version, ...rules } = body;
  try {
    await inTransaction(deps.db, async (tx) => {
      await tx.execute(sql`lock table visit_flag_rule_versions in share row exclusive mode`);
      const current = await repo.currentFlagRules(tx);
      if (current.version !== version) throw staleVersion(toRulesView(current) as unknown as Record<string, unknown>);
      await repo.insertFlagRules(tx, version + 1, rules, actor.id, at);
      await recordAudit(
        tx,
        { actor, at, requestId: context.requestId },
        {
          entityType: 'visit_flag_rules',
          entityId: version + 1,
          action: 'visitFlagRules.updated',
          before: { version: current.version, ...current.rules },
          after: { version: version + 1, ...rules },
        },
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw staleVersion(toRulesView(await repo.currentFlagRules(deps.db)) as unknown as Record<string, unknown>);
    }
    throw error;
  }
  return getFlagRules(deps);
}

// ---- Raising flags ----

/** The rules with the empty-record check off while the record may still be completed. */
function rulesAt(rules: RuleSet, checkOutAt: Date | null, now: Date): RuleSet {
  const closed = checkOutAt !== null && checkOutAt.getTime() + VISIT_RECORD_EDIT_HOURS * 3_600_000 <= now.getTime();
  return closed ? rules : { ...rules, enabled: { ...rules.enabled, empty_record: false } };
}

/**
 * The visit flags of these visits under the rules as of `now`. A check-in is far when it is beyond both the flag
 * rule's distance and the check-in radius of the visit's district (coverage rules, modules/visit-plans): a
 * check-in the radius lets through without a reason is never flagged far.
 */
export function visitFlagsOf(
  visits: readonly repo.QualityVisitRow[],
  rules: RuleSet,
  now: Date,
  radiusOf: (districtId: number) => number = () => 0,
): repo.FlagToWrite[] {
  return visits.flatMap((v) => {
    const far = Math.max(rules.maxCheckInDistanceM, radiusOf(v.districtId));
    return flagVisit(v, rulesAt({ ...rules, maxCheckInDistanceM: far }, v.checkOutAt, now)).map((f) => ({
      ...f,
      districtId: v.districtId,
    }));
  });
}

/** The check-in radius of each district (the coverage rules in force there). */
export async function checkInRadii(db: Db | Tx, districtIds: Iterable<number>): Promise<Map<number, number>> {
  const radii = new Map<number, number>();
  for (const id of new Set(districtIds)) {
    radii.set(id, (await effectiveRules(db, id)).rules.checkInRadiusMeters ?? DEFAULT_CHECK_IN_RADIUS_M);
  }
  return radii;
}

/**
 * Called by check-out (modules/visits) inside its transaction, once the visit is done: raises the visit's flags
 * (short, far check-in, long) under the rules in force, with their `visit.flagged` timeline events. The empty
 * record is judged by the daily job once the record can no longer be edited. Idempotent; 0 for a visit that is
 * not done. Returns how many flags are new.
 */
export async function flagVisitAfterCheckOut(tx: Tx, visitId: number): Promise<number> {
  const [visit] = await repo.qualityVisits(tx, sql`v.id = ${visitId}`);
  if (visit?.status !== 'done' || visit.checkOutAt === null) return 0;
  const { version, rules } = await repo.currentFlagRules(tx);
  const radii = await checkInRadii(tx, [visit.districtId]);
  const flags = visitFlagsOf([visit], rules, visit.checkOutAt, (d) => radii.get(d) ?? 0);
  return repo.insertFlags(tx, flags, version, visit.checkOutAt);
}

// ---- Reading ----

function toFlag(r: repo.FlagRow): VisitFlag {
  return {
    id: Number(r.id),
    kind: r.kind as VisitFlagKind,
    visitId: r.visit_id === null ? null : Number(r.visit_id),
    retailerId: r.retailer_id,
    shopName: r.shop_name,
    manager: { id: r.manager_id, name: r.manager_name },
    districtId: r.district_id,
    day: r.day,
    month: r.month,
    detail: r.detail ?? {},
    ruleVersion: r.rule_version,
    createdAt: iso(r.created_at) ?? '',
    open: r.spot_checked_at === null,
    spotCheck:
      r.spot_checked_at === null
        ? null
        : {
            outcome: r.spot_check_outcome as VisitSpotCheckOutcome,
            note: r.spot_check_note ?? '',
            by: person(r.spot_checked_by, r.spot_checker_name),
            at: iso(r.spot_checked_at) ?? '',
          },
    visit:
      r.visit_id === null || r.v_status === null
        ? null
        : {
            status: r.v_status,
            checkInAt: iso(r.v_check_in_at),
            checkOutAt: iso(r.v_check_out_at),
            secondsOnSite: r.v_seconds_on_site,
            checkInDistanceM: r.v_check_in_distance_m,
          },
    callbacks: Number(r.callbacks),
  };
}

/**
 * The flags in the caller's scope, newest day first. A supervisor asking for another district, or a manager for
 * another manager, is answered 404 (the filter names something outside its scope).
 */
export async function listFlags(
  deps: VisitQualityDeps,
  actor: Actor,
  query: z.output<typeof VisitFlagListQuery>,
): Promise<VisitFlagListResponse> {
  if (actor.role === 'retailer') throw new AppError('FORBIDDEN');
  if (query.districtId !== undefined && actor.role !== 'admin' && query.districtId !== actor.orgUnitId) {
    throw notFound();
  }
  if (query.managerId !== undefined && actor.role === 'manager' && query.managerId !== actor.id) throw notFound();
  const where: SQL[] = [flagScope(actor)];
  if (query.districtId !== undefined) where.push(sql`f.district_id = ${query.districtId}`);
  if (query.managerId !== undefined) where.push(sql`f.manager_id = ${query.managerId}`);
  if (query.retailerId !== undefined) where.push(sql`f.retailer_id = ${query.retailerId}`);
  if (query.visitId !== undefined) where.push(sql`f.visit_id = ${query.visitId}`);
  if (query.kind !== undefined) where.push(sql`f.kind = ${query.kind}`);
  if (query.from !== undefined) where.push(sql`coalesce(f.day, f.month) >= ${query.from}::date`);
  if (query.to !== undefined) where.push(sql`coalesce(f.day, f.month) <= ${query.to}::date`);
  if (query.open === 'true') where.push(sql`f.spot_checked_at is null`);
  if (query.open === 'false') where.push(sql`f.spot_checked_at is not null`);
  const { rows, total } = await repo.listFlags(
    deps.db,
    sql.join(where, sql` and `),
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  return { items: rows.map(toFlag), total, page: query.page, pageSize: query.pageSize };
}

/** A visit's flags, spot-checks and call-backs (staff in scope; else 404). */
export async function getVisitQuality(deps: VisitQualityDeps, actor: Actor, visitId: number): Promise<VisitQuality> {
  const visit = await repo.findVisit(deps.db, visitId, visitScope(actor));
  if (!visit) throw notFound();
  return qualityOf(deps.db, visit);
}

async function qualityOf(db: Db, visit: repo.VisitRef): Promise<VisitQuality> {
  const [flags, checks, callbacks] = await Promise.all([
    repo.flagsOfVisit(db, visit.id),
    repo.spotChecksOfVisit(db, visit.id),
    repo.callbacksOfVisit(db, visit.id),
  ]);
  return {
    visitId: visit.id,
    retailerId: visit.retailerId,
    flags: flags.map(toFlag),
    spotChecks: checks.map((c) => ({
      id: Number(c.id),
      visitId: c.visit_id === null ? null : Number(c.visit_id),
      outcome: c.outcome as VisitSpotCheckOutcome,
      note: c.note,
      by: person(c.checked_by, c.display_name),
      createdAt: iso(c.created_at) ?? '',
    })),
    callbacks: callbacks.map((c) => ({
      id: Number(c.id),
      visitId: Number(c.visit_id),
      reached: c.reached,
      retailerSays: c.retailer_says as VisitQuality['callbacks'][number]['retailerSays'],
      note: c.note,
      by: person(c.called_by, c.display_name),
      createdAt: iso(c.created_at) ?? '',
    })),
  };
}

// ---- Spot-checks and call-backs ----

/**
 * The supervisor spot-checks (抽检) a done visit: the finding and a note are recorded, written on the visit's open
 * flags (which close), audited and put on the retailer's timeline as `visit.spot_checked`. A visit that is not
 * done → 409 ILLEGAL_TRANSITION.
 */
export async function spotCheckVisit(
  deps: VisitQualityDeps,
  context: RequestContext,
  visitId: number,
  body: z.output<typeof SpotCheckBody>,
): Promise<VisitQuality> {
  const { actor } = context;
  const found = await repo.findVisit(deps.db, visitId, visitScope(actor));
  if (!found) throw notFound();
  assertSupervises(actor);
  const at = deps.clock.now();
  const visit = await inTransaction(deps.db, async (tx) => {
    const v = await repo.findVisit(tx, visitId, visitScope(actor), true);
    if (!v) throw notFound();
    if (v.status !== 'done') throw new AppError('ILLEGAL_TRANSITION');
    const check = { outcome: body.outcome, note: body.note, by: actor.id, at };
    const spotCheckId = await repo.insertSpotCheck(tx, {
      visitId,
      flagId: null,
      districtId: v.districtId,
      ...check,
    });
    const closed = await repo.markFlagsChecked(tx, sql`visit_id = ${visitId}`, check);
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'visit',
        entityId: visitId,
        action: 'visit.spot_checked',
        districtId: v.districtId,
        after: { spotCheckId, outcome: body.outcome, note: body.note, flagIds: closed.map((f) => f.id) },
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: v.retailerId,
      districtId: v.districtId,
      occurredAt: at,
      kind: 'visit.spot_checked',
      actorUserId: actor.id,
      sourceType: 'visit',
      sourceId: visitId,
      data: { spotCheckId, outcome: body.outcome, note: body.note, flagKinds: closed.map((f) => f.kind) },
    });
    return v;
  });
  return qualityOf(deps.db, visit);
}

/**
 * Spot-check of a manager-day or retailer-month flag (no visit to open): the finding goes on the flag, audited;
 * a retailer-month flag also on the retailer's timeline. A flag already checked → 409 ILLEGAL_TRANSITION.
 */
export async function spotCheckFlag(
  deps: VisitQualityDeps,
  context: RequestContext,
  flagId: number,
  body: z.output<typeof SpotCheckBody>,
): Promise<VisitFlag> {
  const { actor } = context;
  const scope = sql`f.id = ${flagId} and ${flagScope(actor)}`;
  const found = await repo.findFlag(deps.db, scope);
  if (!found) throw notFound();
  assertSupervises(actor);
  const at = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const check = { outcome: body.outcome, note: body.note, by: actor.id, at };
    const closed = await repo.markFlagsChecked(tx, sql`id = ${flagId}`, check);
    if (closed.length === 0) throw new AppError('ILLEGAL_TRANSITION');
    const spotCheckId = await repo.insertSpotCheck(tx, {
      visitId: found.visit_id === null ? null : Number(found.visit_id),
      flagId,
      districtId: found.district_id,
      ...check,
    });
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'visit_flag',
        entityId: flagId,
        action: 'visitFlag.spot_checked',
        districtId: found.district_id,
        after: { spotCheckId, outcome: body.outcome, note: body.note },
      },
    );
    if (found.retailer_id !== null) {
      await appendTimelineEvent(tx, {
        retailerId: found.retailer_id,
        districtId: found.district_id,
        occurredAt: at,
        kind: 'visit.spot_checked',
        actorUserId: actor.id,
        sourceType: found.visit_id === null ? 'visit_flag' : 'visit',
        sourceId: found.visit_id === null ? flagId : Number(found.visit_id),
        data: { spotCheckId, outcome: body.outcome, note: body.note, flagKinds: [found.kind], month: found.month },
      });
    }
  });
  const row = await repo.findFlag(deps.db, sql`f.id = ${flagId}`);
  if (!row) throw notFound();
  return toFlag(row);
}

/**
 * The supervisor's call-back (回访) to the retailer about a done visit: reached or not, what the retailer said,
 * a note. Audited; on the retailer's timeline as `visit.callback`. Not done → 409 ILLEGAL_TRANSITION.
 */
export async function addVisitCallback(
  deps: VisitQualityDeps,
  context: RequestContext,
  visitId: number,
  body: z.output<typeof VisitCallbackBody>,
): Promise<VisitQuality> {
  const { actor } = context;
  const found = await repo.findVisit(deps.db, visitId, visitScope(actor));
  if (!found) throw notFound();
  assertSupervises(actor);
  const at = deps.clock.now();
  const visit = await inTransaction(deps.db, async (tx) => {
    const v = await repo.findVisit(tx, visitId, visitScope(actor), true);
    if (!v) throw notFound();
    if (v.status !== 'done') throw new AppError('ILLEGAL_TRANSITION');
    const retailerSays = body.reached ? body.retailerSays : null;
    const callbackId = await repo.insertCallback(tx, {
      visitId,
      retailerId: v.retailerId,
      districtId: v.districtId,
      reached: body.reached,
      retailerSays,
      note: body.note,
      by: actor.id,
      at,
    });
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'visit',
        entityId: visitId,
        action: 'visit.callback',
        districtId: v.districtId,
        after: { callbackId, reached: body.reached, retailerSays, note: body.note },
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: v.retailerId,
      districtId: v.districtId,
      occurredAt: at,
      kind: 'visit.callback',
      actorUserId: actor.id,
      sourceType: 'visit',
      sourceId: visitId,
      data: {
        callbackId,
        outcome: retailerSays ?? 'unreachable',
        reached: body.reached,
        retailerSays,
        note: body.note,
      },
    });
    return v;
  });
  return qualityOf(deps.db, visit);
}

/** The Shanghai day ('YYYY-MM-DD') of an instant. */
export const shanghaiDate = (at: Date): string => dateOfDay(shanghaiDay(at));
