import type { TierMoveDirection, TierMoveReason, TierRunStatus } from '@siyi/contracts';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgUnits, retailers, tierHistory, tierRunMoves, tierRuns, users } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { Actor } from '../access/actor';
import type { ComputedMove, TierInput, TierWindow } from './tier-run';

/**
 * Runs and publishing serialise on one transaction-scoped advisory lock: a preview, a publish and hand edits never
 * interleave, so a publish's staleness check and its update see the same tiers. Hand edits share the lock with
 * each other (many at once) and wait only for a preview or publish in progress.
 */
const TIERS_LOCK = sql`hashtext('siyi:tiers')`;

export async function lockTiers(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${TIERS_LOCK})`);
}

export async function lockTiersShared(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${TIERS_LOCK})`);
}

/**
 * Every active retailer with its window totals from the weekly rollup (never raw order lines), in id order. One
 * query: at 30,000 retailers × 13 weeks it reads about 400,000 rollup rows.
 */
export async function readTierInputs(db: Db, window: TierWindow): Promise<TierInput[]> {
  const result = await db.execute<{
    retailer_id: number;
    district_id: number;
    tier: number;
    cartons: number;
    amount_fen: number;
  }>(sql`
    select r.id as retailer_id, r.district_id, r.tier,
           coalesce(w.cartons, 0)::bigint as cartons, coalesce(w.amount_fen, 0)::bigint as amount_fen
    from retailers r
    left join (
      select retailer_id, sum(quantity) as cartons, sum(amount_fen) as amount_fen
      from retailer_weekly
      where week_start between ${window.fromWeek}::date and ${window.toWeek}::date
      group by retailer_id
    ) w on w.retailer_id = r.id
    where r.status = 'active'
    order by r.id`);
  return result.rows.map((row) => ({
    retailerId: row.retailer_id,
    districtId: row.district_id,
    tier: row.tier,
    cartons: Number(row.cartons),
    amountFen: Number(row.amount_fen),
  }));
}

/** Older previews can no longer be published once a newer one exists. */
export async function supersedePreviews(tx: Tx): Promise<number> {
  const rows = await tx
    .update(tierRuns)
    .set({ status: 'superseded' })
    .where(eq(tierRuns.status, 'preview'))
    .returning({ id: tierRuns.id });
  return rows.length;
}

export async function insertRun(
  tx: Tx,
  values: {
    effectiveWeek: string;
    basis: Record<string, unknown>;
    retailerCount: number;
    moveCount: number;
    createdByUserId: number;
    createdAt: Date;
  },
): Promise<number> {
  const [row] = await tx.insert(tierRuns).values(values).returning({ id: tierRuns.id });
  if (!row) throw new Error('tier run not inserted');
  return row.id;
}

/** All moves in one statement: one JSON parameter unpacked by jsonb_to_recordset, not a round trip per row. */
export async function insertMoves(tx: Tx, runId: number, moves: readonly ComputedMove[]): Promise<void> {
  if (moves.length === 0) return;
  const payload = JSON.stringify(
    moves.map((m) => ({
      retailer_id: m.retailerId,
      district_id: m.districtId,
      from_tier: m.fromTier,
      to_tier: m.toTier,
      reason: m.reason,
    })),
  );
  await tx.execute(sql`
    insert into tier_run_moves (run_id, retailer_id, district_id, from_tier, to_tier, reason)
    select ${runId}, x.retailer_id, x.district_id, x.from_tier, x.to_tier, x.reason
    from jsonb_to_recordset(${payload}::jsonb)
      as x(retailer_id int, district_id int, from_tier smallint, to_tier smallint, reason jsonb)`);
}

export interface RunRow {
  id: number;
  status: TierRunStatus;
  effectiveWeek: string;
  basis: Record<string, unknown>;
  retailerCount: number;
  moveCount: number;
  createdAt: Date;
  createdByName: string;
  publishedAt: Date | null;
  publishedByName: string | null;
}

const creator = alias(users, 'creator');
const publisher = alias(users, 'publisher');

const runColumns = {
  id: tierRuns.id,
  status: tierRuns.status,
  effectiveWeek: tierRuns.effectiveWeek,
  basis: tierRuns.basis,
  retailerCount: tierRuns.retailerCount,
  moveCount: tierRuns.moveCount,
  createdAt: tierRuns.createdAt,
  createdByName: creator.displayName,
  publishedAt: tierRuns.publishedAt,
  publishedByName: publisher.displayName,
};

export async function findRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db
    .select(runColumns)
    .from(tierRuns)
    .innerJoin(creator, eq(creator.id, tierRuns.createdByUserId))
    .leftJoin(publisher, eq(publisher.id, tierRuns.publishedByUserId))
    .where(eq(tierRuns.id, id));
  return row;
}

/** The run's row, locked until the transaction ends: two publishes of one run cannot both pass the checks. */
export async function lockRun(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: tierRuns.id,
      status: tierRuns.status,
      basis: tierRuns.basis,
      moveCount: tierRuns.moveCount,
      effectiveWeek: tierRuns.effectiveWeek,
    })
    .from(tierRuns)
    .where(eq(tierRuns.id, id))
    .for('update');
  return row;
}

export async function listRuns(db: Db, page: { offset: number; limit: number }) {
  const rows = await db
    .select(runColumns)
    .from(tierRuns)
    .innerJoin(creator, eq(creator.id, tierRuns.createdByUserId))
    .leftJoin(publisher, eq(publisher.id, tierRuns.publishedByUserId))
    .orderBy(desc(tierRuns.id))
    .offset(page.offset)
    .limit(page.limit);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(tierRuns);
  return { rows, total: count?.total ?? 0 };
}

export async function districtSummary(db: Db, runId: number) {
  return db
    .select({
      districtId: tierRunMoves.districtId,
      districtName: sql<string>`coalesce(${orgUnits.name}, '')`,
      up: sql<number>`count(*) filter (where ${tierRunMoves.toTier} > ${tierRunMoves.fromTier})::int`,
      down: sql<number>`count(*) filter (where ${tierRunMoves.toTier} < ${tierRunMoves.fromTier})::int`,
    })
    .from(tierRunMoves)
    .leftJoin(orgUnits, eq(orgUnits.id, tierRunMoves.districtId))
    .where(eq(tierRunMoves.runId, runId))
    .groupBy(tierRunMoves.districtId, orgUnits.name)
    .orderBy(orgUnits.name, tierRunMoves.districtId);
}

/** One page of a run's moves, the largest jumps first, filtered by district and direction. */
export async function findMoves(
  db: Db,
  runId: number,
  filters: { districtId?: number | undefined; direction?: TierMoveDirection | undefined },
  page: { offset: number; limit: number },
) {
  const conditions: SQL[] = [eq(tierRunMoves.runId, runId)];
  if (filters.districtId !== undefined) conditions.push(eq(tierRunMoves.districtId, filters.districtId));
  if (filters.direction === 'up') conditions.push(sql`${tierRunMoves.toTier} > ${tierRunMoves.fromTier}`);
  if (filters.direction === 'down') conditions.push(sql`${tierRunMoves.toTier} < ${tierRunMoves.fromTier}`);
  const where = and(...conditions);
  const rows = await db
    .select({
      retailerId: tierRunMoves.retailerId,
      shopName: retailers.shopName,
      licenceNo: retailers.licenceNo,
      districtId: tierRunMoves.districtId,
      districtName: sql<string>`coalesce(${orgUnits.name}, '')`,
      fromTier: tierRunMoves.fromTier,
      toTier: tierRunMoves.toTier,
      reason: tierRunMoves.reason,
    })
    .from(tierRunMoves)
    .innerJoin(retailers, eq(retailers.id, tierRunMoves.retailerId))
    .leftJoin(orgUnits, eq(orgUnits.id, tierRunMoves.districtId))
    .where(where)
    .orderBy(sql`abs(${tierRunMoves.toTier} - ${tierRunMoves.fromTier}) desc`, tierRunMoves.retailerId)
    .offset(page.offset)
    .limit(page.limit);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(tierRunMoves).where(where);
  return { rows: rows.map((r) => ({ ...r, reason: r.reason as TierMoveReason })), total: count?.total ?? 0 };
}

/**
 * Applies every move of a run in one statement: the retailers' tiers and versions, a tier_history row per change
 * (basis naming the run), an audit row per change (before → after, the same columns recordAudit writes) and a
 * `tier.changed` timeline event per retailer — set-based from tier_run_moves, so 30,000 changes are one round trip
 * instead of 120,000. A move whose retailer no longer has the run's `from` tier is not applied; the caller
 * compares the count with the run's and rolls everything back on a difference.
 */
export async function applyRun(
  tx: Tx,
  context: { runId: number; actor: Actor; at: Date; requestId: string; effectiveWeek: string; basis: string },
): Promise<number> {
  const { runId, actor, at, requestId, effectiveWeek, basis } = context;
  // Each moved row is a new version of the retailer in all 11 of its indexes (tier is indexed, so no HOT update),
  // two of them trigram GINs: ~0.1–0.6 ms a row depending on the machine's load. 30,000 moves can outlast the 15 s
  // every web request's statement gets, and a publish cut short would have to be done again; this one statement
  // may run for up to two minutes (the transaction still holds nothing but its own rows and the tiers lock).
  await tx.execute(sql`set local statement_timeout = '120s'`);
  const result = await tx.execute<{ applied: number }>(sql`
    with moved as (
      update retailers r
         set tier = m.to_tier, version = r.version + 1, updated_at = ${at}
        from tier_run_moves m
       where m.run_id = ${runId} and r.id = m.retailer_id and r.tier = m.from_tier
      returning r.id, r.district_id, r.version, m.from_tier, m.to_tier
    ), history as (
      insert into tier_history (retailer_id, district_id, tier, previous_tier, effective_week, basis)
      select id, district_id, to_tier, from_tier, ${effectiveWeek}::date, ${basis} from moved
    ), audit as (
      insert into audit_log (occurred_at, actor_user_id, actor_role, district_id, entity_type, entity_id, action,
                             before, after, request_id)
      select ${at}, ${actor.id}, ${actor.role}, district_id, 'retailer', id::text, 'tier.changed',
             jsonb_build_object('tier', from_tier, 'version', version - 1),
             jsonb_build_object('tier', to_tier, 'version', version, 'basis', ${basis}::text, 'runId', ${runId}::int),
             ${requestId}
      from moved
    ), timeline as (
      insert into timeline_events (retailer_id, district_id, occurred_at, kind, actor_user_id, source_type, source_id,
                                   data)
      select id, district_id, ${at}, 'tier.changed', ${actor.id}, 'tier_run', ${String(runId)},
             jsonb_build_object('from', from_tier, 'to', to_tier, 'runId', ${runId}::int,
                                'effectiveWeek', ${effectiveWeek}::text)
      from moved
    )
    select count(*)::int as applied from moved`);
  return result.rows[0]?.applied ?? 0;
}

export async function markPublished(tx: Tx, runId: number, userId: number, at: Date): Promise<void> {
  await tx
    .update(tierRuns)
    .set({ status: 'published', publishedByUserId: userId, publishedAt: at })
    .where(eq(tierRuns.id, runId));
}

/** The retailer as far as a tier edit needs it, within the caller's scope (else undefined: 404). */
export async function findRetailerTierInScope(db: Db, scope: SQL, id: number) {
  const [row] = await db
    .select({
      id: retailers.id,
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      tier: retailers.tier,
      version: retailers.version,
    })
    .from(retailers)
    .where(and(eq(retailers.id, id), scope));
  return row;
}

/** `… WHERE id AND version` and a version bump: undefined when someone saved first. */
export async function updateTier(tx: Tx, id: number, version: number, tier: number, at: Date) {
  const [row] = await tx
    .update(retailers)
    .set({ tier, version: sql`${retailers.version} + 1`, updatedAt: at })
    .where(and(eq(retailers.id, id), eq(retailers.version, version)))
    .returning({ tier: retailers.tier, version: retailers.version });
  return row;
}

export async function insertTierHistory(tx: Tx, values: typeof tierHistory.$inferInsert): Promise<number> {
  const [row] = await tx.insert(tierHistory).values(values).returning({ id: tierHistory.id });
  if (!row) throw new Error('tier history not inserted');
  return row.id;
}

export async function findLatestTierHistory(db: Db, retailerId: number) {
  const [row] = await db
    .select({
      tier: tierHistory.tier,
      previousTier: tierHistory.previousTier,
      effectiveWeek: tierHistory.effectiveWeek,
      basis: tierHistory.basis,
    })
    .from(tierHistory)
    .where(eq(tierHistory.retailerId, retailerId))
    .orderBy(desc(tierHistory.effectiveWeek), desc(tierHistory.id))
    .limit(1);
  return row;
}

export async function findMoveReason(db: Db, runId: number, retailerId: number): Promise<TierMoveReason | null> {
  const [row] = await db
    .select({ reason: tierRunMoves.reason })
    .from(tierRunMoves)
    .where(and(eq(tierRunMoves.runId, runId), eq(tierRunMoves.retailerId, retailerId)));
  return (row?.reason as TierMoveReason | undefined) ?? null;
}
