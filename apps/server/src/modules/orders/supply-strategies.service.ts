import { weekEndInstant, weekOf } from '@siyi/algorithms';
import {
  orderMessages,
  type PutSupplyStrategyBody,
  PutSupplyStrategyBody as PutSupplyStrategySchema,
  type SupplyStrategyResponse,
} from '@siyi/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { orgUnits, products, retailers, supplyStrategies, supplyStrategyOutlets, supplyWeeks } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import { AppError, type FieldMessage, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { staleVersion } from '../../lib/versioned';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import { orderJobNames } from './orders.job-names';
import { type RequestContext, usualOpeningOf } from './orders.service';

/**
 * The district a strategy command is about: an admin names it (400 without), a supervisor's is its own (another
 * district answers 404, as does one that does not exist). Managers and retailers never reach here (route access).
 */
export async function districtFor(db: Db | Tx, actor: Actor, districtId: number | undefined): Promise<number> {
  if (actor.role === 'supervisor') {
    if (districtId !== undefined && districtId !== actor.orgUnitId) throw notFound();
    return actor.orgUnitId;
  }
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN');
  if (districtId === undefined) throw new AppError('VALIDATION_FAILED', { districtId: orderMessages.districtRequired });
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, districtId), eq(orgUnits.kind, 'district')));
  if (!row) throw notFound();
  return row.id;
}

async function readStrategy(db: Db | Tx, week: string, districtId: number): Promise<SupplyStrategyResponse> {
  const [head] = await db
    .select()
    .from(supplyWeeks)
    .where(and(eq(supplyWeeks.weekStart, week), eq(supplyWeeks.districtId, districtId)));
  const rows = await db
    .select({
      productId: supplyStrategies.productId,
      productName: products.name,
      mode: supplyStrategies.mode,
      tierLimits: supplyStrategies.tierLimits,
      supply: supplyStrategies.supply,
    })
    .from(supplyStrategies)
    .innerJoin(products, eq(products.id, supplyStrategies.productId))
    .where(and(eq(supplyStrategies.weekStart, week), eq(supplyStrategies.districtId, districtId)))
    .orderBy(asc(supplyStrategies.productId));
  const outlets = await db
    .select({ productId: supplyStrategyOutlets.productId, retailerId: supplyStrategyOutlets.retailerId })
    .from(supplyStrategyOutlets)
    .where(and(eq(supplyStrategyOutlets.weekStart, week), eq(supplyStrategyOutlets.districtId, districtId)))
    .orderBy(asc(supplyStrategyOutlets.retailerId));
  return {
    week,
    districtId,
    status: head?.status ?? 'none',
    publishedAt: head?.publishedAt?.toISOString() ?? null,
    publishedBy: head?.publishedByUserId ?? null,
    closesAt: head?.closesAt?.toISOString() ?? null,
    version: head?.version ?? 0,
    items: rows.map((r) => ({
      ...r,
      retailerIds: outlets.filter((o) => o.productId === r.productId).map((o) => o.retailerId),
    })),
  };
}

export async function getSupplyStrategy(
  deps: { db: Db },
  actor: Actor,
  week: string,
  districtId: number | undefined,
): Promise<SupplyStrategyResponse> {
  const district = await districtFor(deps.db, actor, districtId);
  return readStrategy(deps.db, week, district);
}

/**
 * Saves a district's strategy for a week (the whole list), and with `publish` publishes it — which opens every
 * retailer's order window (its retailers are told, and reminded before their cut-off, by jobs: orders.jobs.ts). Versioned (the version read; a stale one is 409 with the strategy as it is); a past
 * week is 400; products must exist and be active, outlets must be the district's retailers. Audited.
 */
export async function putSupplyStrategy(
  deps: { db: Db; clock: Clock; jobs: JobQueue },
  context: RequestContext,
  week: string,
  input: PutSupplyStrategyBody,
): Promise<SupplyStrategyResponse> {
  const { actor } = context;
  const body = PutSupplyStrategySchema.parse(input);
  const districtId = await districtFor(deps.db, actor, body.districtId);
  const at = deps.clock.now();
  if (week < weekOf(at)) throw new AppError('VALIDATION_FAILED', { week: orderMessages.weekPast });
  const fields: Record<string, FieldMessage> = {};
  if (body.closesAt) {
    const closes = new Date(body.closesAt).getTime();
    if (closes <= at.getTime()) fields.closesAt = orderMessages.closesBeforeNow;
    // The week's window runs from its publication (usually the Saturday 12:00 before it) to the cut-offs, which
    // fall on the day before each order day: one closing time may come before the week itself starts.
    else if (closes <= usualOpeningOf(week).getTime() || closes > weekEndInstant(week).getTime()) {
      fields.closesAt = orderMessages.closesOutsideWeek;
    }
  }
  const productIds = body.items.map((i) => i.productId);
  const known = productIds.length
    ? await deps.db
        .select({ id: products.id, status: products.status })
        .from(products)
        .where(inArray(products.id, productIds))
    : [];
  const statusOf = new Map(known.map((p) => [p.id, p.status]));
  const outletIds = [...new Set(body.items.flatMap((i) => i.retailerIds ?? []))];
  const ours = outletIds.length
    ? await deps.db
        .select({ id: retailers.id })
        .from(retailers)
        .where(and(inArray(retailers.id, outletIds), eq(retailers.districtId, districtId)))
    : [];
  const inDistrict = new Set(ours.map((r) => r.id));
  body.items.forEach((item, i) => {
    const status = statusOf.get(item.productId);
    if (status === undefined) fields[`items.${i}.productId`] = orderMessages.unknownProduct;
    else if (status !== 'active') fields[`items.${i}.productId`] = orderMessages.discontinued;
    (item.retailerIds ?? []).forEach((id, j) => {
      if (!inDistrict.has(id)) fields[`items.${i}.retailerIds.${j}`] = orderMessages.unknownRetailer;
    });
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields);

  await inTransaction(deps.db, async (tx) => {
    await tx
      .insert(supplyWeeks)
      .values({ weekStart: week, districtId, status: 'draft', version: 0, createdAt: at, updatedAt: at })
      .onConflictDoNothing({ target: [supplyWeeks.weekStart, supplyWeeks.districtId] });
    const [head] = await tx
      .select()
      .from(supplyWeeks)
      .where(and(eq(supplyWeeks.weekStart, week), eq(supplyWeeks.districtId, districtId)))
      .for('update');
    if (!head) throw new Error('supply week vanished under lock');
    if ((body.version ?? 0) !== head.version) {
      throw staleVersion(await readStrategy(tx, week, districtId));
    }
    const before = head.version === 0 ? null : await readStrategy(tx, week, districtId);
    const publish = body.publish || head.status === 'published';
    const version = head.version + 1;
    await tx
      .update(supplyWeeks)
      .set({
        status: publish ? 'published' : 'draft',
        closesAt: body.closesAt ? new Date(body.closesAt) : null,
        publishedAt: head.publishedAt ?? (publish ? at : null),
        publishedByUserId: head.publishedByUserId ?? (publish ? actor.id : null),
        updatedByUserId: actor.id,
        version,
        updatedAt: at,
      })
      .where(eq(supplyWeeks.id, head.id));
    await tx
      .delete(supplyStrategyOutlets)
      .where(and(eq(supplyStrategyOutlets.weekStart, week), eq(supplyStrategyOutlets.districtId, districtId)));
    await tx
      .delete(supplyStrategies)
      .where(and(eq(supplyStrategies.weekStart, week), eq(supplyStrategies.districtId, districtId)));
    if (body.items.length > 0) {
      await tx.insert(supplyStrategies).values(
        body.items.map((item) => ({
          weekStart: week,
          districtId,
          productId: item.productId,
          mode: item.mode,
          tierLimits: item.mode === 'limited' ? (item.tierLimits ?? []) : [],
          supply: item.mode === 'scarce' ? (item.supply ?? 0) : null,
          version,
        })),
      );
      const outlets = body.items.flatMap((item) =>
        item.mode === 'selected'
          ? [...new Set(item.retailerIds ?? [])].map((retailerId) => ({
              weekStart: week,
              districtId,
              productId: item.productId,
              retailerId,
            }))
          : [],
      );
      if (outlets.length > 0) await tx.insert(supplyStrategyOutlets).values(outlets);
    }
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'supply_week',
        entityId: head.id,
        action: publish && head.status !== 'published' ? 'supply.published' : 'supply.saved',
        before,
        after: await readStrategy(tx, week, districtId),
        districtId,
      },
    );
    // A published week tells its retailers their window is open and when it closes, and sets their reminders:
    // one job per district and week fans out (again after a change, e.g. a new closing time; it is idempotent).
    if (publish) {
      await deps.jobs.schedule(
        orderJobNames.windowPublished,
        { districtId, week },
        { tx, singletonKey: `${districtId}:${week}` },
      );
    }
  });
  return readStrategy(deps.db, week, districtId);
}
