import { addWeeks } from '@siyi/algorithms';
import {
  type RetailerTier,
  TIER_WINDOW_WEEKS,
  type TierOverrideRequest,
  type TierPublishResponse,
  type TierRunBasis,
  type TierRunDetail,
  type TierRunListQuery,
  type TierRunListResponse,
  type TierRunQuery,
  type TierRunSummary,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { staleVersion } from '../../lib/versioned';
import { weekWindow } from '../../lib/weekly-series';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import { computeTierRun, PRICE_BANDS, type TierWindow, tierInputsFingerprint, VOLUME_BANDS } from './tier-run';
import * as repo from './tiers.repository';

export interface TierDeps {
  db: Db;
  clock: Clock;
}

/** tier_history.basis of a published run: the method the demo city used, and the run that applied it. */
export const runBasis = (weeks: number, runId: number) => `computed:orders-${weeks}w:run-${runId}`;
/** tier_history.basis of a hand edit: the reason goes with it, so every reader sees why. */
export const manualBasis = (reason: string) => `manual:${reason}`;

const RUN_IN_BASIS = /^computed:orders-\d{1,3}w:run-(\d{1,10})$/;

/** The window of a run computed at `now`: the last 13 complete calendar weeks, exactly as the demo city. */
function windowAt(now: Date, weeks = TIER_WINDOW_WEEKS): TierWindow {
  const w = weekWindow(now, weeks);
  return { weeks, fromWeek: w.fromWeek, toWeek: w.toWeek };
}

function toSummary(row: repo.RunRow): TierRunSummary {
  const b = row.basis as Partial<TierRunBasis>;
  return {
    id: row.id,
    status: row.status,
    effectiveWeek: row.effectiveWeek,
    basis: {
      method: String(b.method ?? ''),
      weeks: Number(b.weeks ?? 0),
      fromWeek: String(b.fromWeek ?? ''),
      toWeek: String(b.toWeek ?? ''),
      volumeBands: Number(b.volumeBands ?? VOLUME_BANDS),
      priceBands: Number(b.priceBands ?? PRICE_BANDS),
      buyers: Number(b.buyers ?? 0),
      upCount: Number(b.upCount ?? 0),
      downCount: Number(b.downCount ?? 0),
      distribution: {
        before: Array.isArray(b.distribution?.before) ? b.distribution.before.map(Number) : [],
        after: Array.isArray(b.distribution?.after) ? b.distribution.after.map(Number) : [],
      },
    },
    retailerCount: row.retailerCount,
    moveCount: row.moveCount,
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedByName: row.publishedByName,
  };
}

async function summaryOf(db: Db, id: number): Promise<TierRunSummary> {
  const row = await repo.findRun(db, id);
  if (!row) throw notFound();
  return toSummary(row);
}

/**
 * Computes every active retailer's tier from its last 13 complete weeks of orders and stores the run with one
 * move per retailer whose tier would change; earlier previews are superseded. Nothing about the retailers
 * changes until the run is published.
 */
export async function previewTiers(deps: TierDeps, actor: Actor, requestId: string): Promise<TierRunSummary> {
  assertCan(actor, 'tier.preview');
  const now = deps.clock.now();
  const window = windowAt(now);
  return inTransaction(deps.db, async (tx) => {
    await repo.lockTiers(tx);
    const inputs = await repo.readTierInputs(tx, window);
    const run = computeTierRun(inputs, window);
    await repo.supersedePreviews(tx);
    const basis = {
      method: `orders-${window.weeks}w`,
      weeks: window.weeks,
      fromWeek: window.fromWeek,
      toWeek: window.toWeek,
      volumeBands: VOLUME_BANDS,
      priceBands: PRICE_BANDS,
      buyers: run.buyers,
      upCount: run.upCount,
      downCount: run.downCount,
      distribution: run.distribution,
      fingerprint: run.fingerprint,
    };
    const runId = await repo.insertRun(tx, {
      // Tiers apply from the current week: its orders are the first to be allocated by them.
      effectiveWeek: addWeeks(window.toWeek, 1),
      basis,
      retailerCount: run.retailerCount,
      moveCount: run.moves.length,
      createdByUserId: actor.id,
      createdAt: now,
    });
    await repo.insertMoves(tx, runId, run.moves);
    await recordAudit(
      tx,
      { actor, at: now, requestId },
      {
        entityType: 'tier_run',
        entityId: runId,
        action: 'tier.previewed',
        after: { fromWeek: window.fromWeek, toWeek: window.toWeek, moves: run.moves.length, up: run.upCount },
      },
    );
    return summaryOf(tx, runId);
  });
}

export async function listRuns(deps: TierDeps, actor: Actor, query: TierRunListQuery): Promise<TierRunListResponse> {
  assertCan(actor, 'tier.preview');
  const { rows, total } = await repo.listRuns(deps.db, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getRun(deps: TierDeps, actor: Actor, id: number, query: TierRunQuery): Promise<TierRunDetail> {
  assertCan(actor, 'tier.preview');
  const run = await summaryOf(deps.db, id);
  const districts = await repo.districtSummary(deps.db, id);
  const { rows, total } = await repo.findMoves(
    deps.db,
    id,
    { districtId: query.districtId, direction: query.direction },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { run, districts, moves: { items: rows, total, page: query.page, pageSize: query.pageSize } };
}

const runConflict = (key: string) => new AppError('CONFLICT', { runId: key });

/**
 * Applies a preview: refused (409) when a newer preview superseded it, when it was published already, or when
 * the data it was computed from changed since (a new week completed, a tier set by hand, an order changed in the
 * window, a shop closed or moved). Every move is applied in one transaction — tiers, versions, tier history,
 * audit, timeline — or none is.
 */
export async function publishRun(
  deps: TierDeps,
  actor: Actor,
  runId: number,
  requestId: string,
): Promise<TierPublishResponse> {
  assertCan(actor, 'tier.publish');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    await repo.lockTiers(tx);
    const run = await repo.lockRun(tx, runId);
    if (!run) throw notFound();
    if (run.status === 'superseded') throw runConflict('tiers.runSuperseded');
    if (run.status === 'published') throw runConflict('tiers.runPublished');
    const basis = run.basis as { weeks?: number; toWeek?: string; fingerprint?: string };
    const window = windowAt(now, Number(basis.weeks ?? TIER_WINDOW_WEEKS));
    if (window.toWeek !== basis.toWeek) throw runConflict('tiers.runStale');
    const inputs = await repo.readTierInputs(tx, window);
    if (tierInputsFingerprint(inputs, window) !== basis.fingerprint) throw runConflict('tiers.runStale');

    const applied = await repo.applyRun(tx, {
      runId,
      actor,
      at: now,
      requestId,
      effectiveWeek: run.effectiveWeek,
      basis: runBasis(window.weeks, runId),
    });
    // Under the lock the fingerprint already matched, so this only trips on a writer that bypassed the lock.
    if (applied !== run.moveCount) throw runConflict('tiers.runStale');
    await repo.markPublished(tx, runId, actor.id, now);
    await recordAudit(
      tx,
      { actor, at: now, requestId },
      {
        entityType: 'tier_run',
        entityId: runId,
        action: 'tier.published',
        before: { status: 'preview' },
        after: { status: 'published', applied },
      },
    );
    return { run: await summaryOf(tx, runId), applied };
  });
}

/** A retailer's tier now, with its latest change and why (the run's reason data, or the hand edit's reason). */
export async function getRetailerTier(deps: TierDeps, actor: Actor, id: number, db: Db = deps.db) {
  const row = await repo.findRetailerTierInScope(db, retailerScope(actor), id);
  if (!row) throw notFound();
  return describeTier(db, row);
}

async function describeTier(db: Db, row: { id: number; tier: number; version: number }): Promise<RetailerTier> {
  const latest = await repo.findLatestTierHistory(db, row.id);
  if (!latest) return { retailerId: row.id, tier: row.tier, version: row.version, latest: null };
  const run = RUN_IN_BASIS.exec(latest.basis);
  const reason = run ? await repo.findMoveReason(db, Number(run[1]), row.id) : null;
  return { retailerId: row.id, tier: row.tier, version: row.version, latest: { ...latest, reason } };
}

/**
 * A hand edit of one retailer's tier: an admin, or the supervisor of its district; only with a reason; with the
 * version the editor read (409 with the current tier otherwise). Audited, kept in tier history with the reason,
 * and on the retailer's timeline.
 */
export async function overrideTier(
  deps: TierDeps,
  actor: Actor,
  id: number,
  body: TierOverrideRequest,
  requestId: string,
): Promise<RetailerTier> {
  const target = await repo.findRetailerTierInScope(deps.db, retailerScope(actor), id);
  if (!target) throw notFound();
  assertCan(actor, 'tier.override', target);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    await repo.lockTiersShared(tx);
    const current = await repo.findRetailerTierInScope(tx, retailerScope(actor), id);
    if (!current) throw notFound();
    if (current.version !== body.version) throw staleVersion({ tier: current.tier, version: current.version });
    if (current.tier === body.tier) throw new AppError('VALIDATION_FAILED', { tier: 'tiers.sameTier' });
    const saved = await repo.updateTier(tx, id, body.version, body.tier, now);
    if (!saved) throw staleVersion({ tier: current.tier, version: current.version });
    const basis = manualBasis(body.reason);
    const historyId = await repo.insertTierHistory(tx, {
      retailerId: id,
      districtId: current.districtId,
      tier: body.tier,
      previousTier: current.tier,
      // The hand edit applies from the current week, like a run published today.
      effectiveWeek: addWeeks(windowAt(now).toWeek, 1),
      basis,
    });
    await recordAudit(
      tx,
      { actor, at: now, requestId },
      {
        entityType: 'retailer',
        entityId: id,
        action: 'tier.overridden',
        districtId: current.districtId,
        before: { tier: current.tier, version: current.version },
        after: { tier: saved.tier, version: saved.version, reason: body.reason },
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: id,
      districtId: current.districtId,
      occurredAt: now,
      kind: 'tier.changed',
      actorUserId: actor.id,
      sourceType: 'tier_history',
      sourceId: historyId,
      data: { from: current.tier, to: saved.tier, reason: body.reason, manual: true },
    });
    return describeTier(tx, { id, tier: saved.tier, version: saved.version });
  });
}
