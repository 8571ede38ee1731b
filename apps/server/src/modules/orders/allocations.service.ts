import {
  type AllocationReason,
  type AllocationRequest,
  allocateScarceProducts,
  defaultAllocationRule,
  formatAllocationReason,
  isoWeekName,
} from '@siyi/algorithms';
import type {
  AllocationExplainQuery,
  AllocationExplainResponse,
  AllocationRunBody,
  AllocationRunResponse,
  Locale,
} from '@siyi/contracts';
import { orderMessages } from '@siyi/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { allocationRuns, products, scarceRequests, supplyStrategies, timelineEvents } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { recordAudit } from '../audit/audit.service';
import * as repo from './orders.repository';
import type { OrderDeps, RequestContext } from './orders.service';
import { districtFor } from './supply-strategies.service';

interface StoredOutput {
  productId: number;
  retailerId: number;
  allocated: number;
  reason: AllocationReason;
}

/**
 * Allocates the week's scarce products of a district by the published rule (tier weights 1–14: 1, 15–24: 2,
 * 25–30: 3; ties in the declared seeded order, the seed the ISO week unless given), from the requests collected.
 * One transaction: the run keeps the rule, the inputs and the outputs as they were; each request gets its
 * cartons, which become the product's line on the retailer's (draft or submitted) order; audited. Running again
 * makes a new run that replaces the allocated cartons (the old run stays).
 */
export async function runAllocation(
  deps: Pick<OrderDeps, 'db' | 'clock'>,
  context: RequestContext,
  week: string,
  body: AllocationRunBody,
): Promise<AllocationRunResponse> {
  const { actor } = context;
  const districtId = await districtFor(deps.db, actor, body.districtId);
  const at = deps.clock.now();
  const rule = defaultAllocationRule(body.seed ?? isoWeekName(week));
  return inTransaction(deps.db, async (tx) => {
    // One run at a time per district and week.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`allocation:${week}:${districtId}`}))`);
    const strategies = await tx
      .select({ productId: supplyStrategies.productId, supply: supplyStrategies.supply })
      .from(supplyStrategies)
      .where(
        and(
          eq(supplyStrategies.weekStart, week),
          eq(supplyStrategies.districtId, districtId),
          eq(supplyStrategies.mode, 'scarce'),
        ),
      )
      .orderBy(asc(supplyStrategies.productId));
    if (strategies.length === 0) {
      throw new AppError('VALIDATION_FAILED', { week: orderMessages.noScarceProducts });
    }
    const requests = await tx
      .select({
        retailerId: scarceRequests.retailerId,
        productId: scarceRequests.productId,
        tier: scarceRequests.tier,
        requested: scarceRequests.requested,
        allocated: scarceRequests.allocated,
      })
      .from(scarceRequests)
      .where(and(eq(scarceRequests.weekStart, week), eq(scarceRequests.districtId, districtId)))
      .orderBy(asc(scarceRequests.productId), asc(scarceRequests.retailerId));
    const byProduct = new Map<number, AllocationRequest[]>();
    for (const r of requests) {
      const list = byProduct.get(r.productId) ?? [];
      list.push({ retailerId: r.retailerId, tier: r.tier, requested: r.requested });
      byProduct.set(r.productId, list);
    }
    const inputs = strategies.map((s) => ({
      productId: s.productId,
      supply: s.supply ?? 0,
      requests: byProduct.get(s.productId) ?? [],
    }));
    const results = allocateScarceProducts(inputs, rule);
    const outputs: StoredOutput[] = results.flatMap((p) =>
      p.result.allocations.map((a) => ({
        productId: p.productId,
        retailerId: a.retailerId,
        allocated: a.allocated,
        reason: a.reason,
      })),
    );
    const [run] = await tx
      .insert(allocationRuns)
      .values({
        weekStart: week,
        districtId,
        rule: rule as unknown as Record<string, unknown>,
        inputs: inputs as unknown as Record<string, unknown>[],
        outputs: outputs as unknown as Record<string, unknown>[],
        runByUserId: actor.id,
        runAt: at,
      })
      .returning({ id: allocationRuns.id });
    if (!run) throw new Error('no allocation run');
    if (outputs.length > 0) {
      const rows = JSON.stringify(outputs.map((o) => ({ r: o.retailerId, p: o.productId, a: o.allocated })));
      await tx.execute(sql`
        update scarce_requests s set allocated = v.allocated, allocation_run_id = ${run.id}, updated_at = ${at}
        from (select * from jsonb_to_recordset(${rows}::jsonb) as x(r int, p int, a int)) v(retailer_id, product_id, allocated)
        where s.retailer_id = v.retailer_id and s.product_id = v.product_id and s.week_start = ${week}`);
      // The cartons allocated become the product's line on the retailer's order (none: no line), with the origin
      // of the retailer's request; every change is an event, like any other change of a line.
      await tx.execute(sql`
        with v as (select * from jsonb_to_recordset(${rows}::jsonb) as x(r int, p int, a int)),
        t as (
          select o.id as order_id, o.district_id, v.r, v.p, v.a, q.origin
          from v join orders o on o.retailer_id = v.r and o.week_start = ${week}
          join scarce_requests q on q.retailer_id = v.r and q.product_id = v.p and q.week_start = ${week}
          where o.status in ('draft', 'submitted')
        ),
        old as (
          select l.order_id, l.product_id, l.quantity from order_lines l
          join t on t.order_id = l.order_id and t.p = l.product_id
        ),
        up as (
          insert into order_lines (order_id, product_id, quantity, unit_price_fen, origin, added_by_user_id, created_at)
          select t.order_id, t.p, t.a, pr.wholesale_price_fen,
                 case t.origin when 'suggestion_accepted' then 'suggestion' when 'suggestion_edited' then 'suggestion_edited'
                               when 'proposal_accepted' then 'manager_proposal' else 'retailer' end,
                 ${actor.id}::int, ${at}::timestamptz
          from t join products pr on pr.id = t.p where t.a > 0
          on conflict (order_id, product_id) do update set quantity = excluded.quantity
          returning id, order_id, product_id, quantity
        ),
        del as (
          delete from order_lines l using t where t.a = 0 and l.order_id = t.order_id and l.product_id = t.p
          returning l.id, l.order_id, l.product_id, l.quantity
        )
        insert into order_line_events (order_id, order_line_id, retailer_id, district_id, product_id, week_start, kind,
                                       origin, old_quantity, new_quantity, actor_user_id, occurred_at)
        select up.order_id, up.id, t.r, t.district_id, t.p, ${week}::date, 'set', t.origin, coalesce(old.quantity, 0),
               up.quantity, ${actor.id}::int, ${at}::timestamptz
        from up join t on t.order_id = up.order_id and t.p = up.product_id
        left join old on old.order_id = up.order_id and old.product_id = up.product_id
        where coalesce(old.quantity, 0) <> up.quantity
        union all
        select del.order_id, del.id, t.r, t.district_id, t.p, ${week}::date, 'removed', t.origin, del.quantity, 0,
               ${actor.id}::int, ${at}::timestamptz
        from del join t on t.order_id = del.order_id and t.p = del.product_id`);
    }
    // Each requesting retailer's timeline says what it got — only when its cartons changed (a rerun that gives
    // the same cartons adds nothing).
    const previous = new Map(requests.map((r) => [`${r.retailerId}:${r.productId}`, r]));
    const changed = outputs.filter((o) => previous.get(`${o.retailerId}:${o.productId}`)?.allocated !== o.allocated);
    if (changed.length > 0) {
      const names = await tx
        .select({ id: products.id, name: products.name })
        .from(products)
        .where(sql`${products.id} in ${[...new Set(changed.map((o) => o.productId))]}`);
      const nameOf = new Map(names.map((n) => [n.id, n.name]));
      await tx.insert(timelineEvents).values(
        changed.map((o) => ({
          retailerId: o.retailerId,
          districtId,
          occurredAt: at,
          kind: 'order.allocated',
          actorUserId: actor.id,
          sourceType: 'allocation_run',
          sourceId: String(run.id),
          data: {
            runId: run.id,
            week,
            productId: o.productId,
            productName: nameOf.get(o.productId) ?? '',
            requested: previous.get(`${o.retailerId}:${o.productId}`)?.requested ?? o.reason.requested,
            allocated: o.allocated,
          },
        })),
      );
    }
    const summary = results.map((p) => ({
      productId: p.productId,
      supply: p.result.summary.supply,
      totalRequested: p.result.summary.totalRequested,
      totalAllocated: p.result.summary.totalAllocated,
      weightedDemandMetShare: p.result.summary.weightedDemandMetShare,
      retailers: p.result.allocations.length,
    }));
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'allocation_run',
        entityId: run.id,
        action: 'allocation.run',
        after: { week, districtId, rule, products: summary },
        districtId,
      },
    );
    return { runId: run.id, week, districtId, rule: rule as unknown as Record<string, unknown>, products: summary };
  });
}

/** The retailer's latest allocation per scarce product of the week, with its reason in the caller's language. */
export async function explainRetailer(
  db: Db | Tx,
  retailer: Pick<repo.OrderRetailer, 'id' | 'districtId'>,
  week: string,
  locale: Locale,
): Promise<AllocationExplainResponse['items']> {
  const [latest] = await db
    .select({ id: allocationRuns.id, outputs: allocationRuns.outputs })
    .from(allocationRuns)
    .where(and(eq(allocationRuns.weekStart, week), eq(allocationRuns.districtId, retailer.districtId)))
    .orderBy(desc(allocationRuns.id))
    .limit(1);
  if (!latest) return [];
  const mine = (latest.outputs as unknown as StoredOutput[]).filter((o) => o.retailerId === retailer.id);
  if (mine.length === 0) return [];
  const names = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(sql`${products.id} in ${mine.map((o) => o.productId)}`);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return mine.map((o) => ({
    productId: o.productId,
    productName: nameOf.get(o.productId) ?? '',
    requested: o.reason.requested,
    allocated: o.allocated,
    reason: formatAllocationReason(o.reason, locale),
    runId: latest.id,
  }));
}

/** GET /api/allocations/:week/explain: a retailer its own; staff a retailer in scope (404 otherwise). */
export async function explainAllocation(
  deps: Pick<OrderDeps, 'db'>,
  context: { actor: Actor; locale: Locale },
  week: string,
  query: AllocationExplainQuery,
): Promise<AllocationExplainResponse> {
  const { actor } = context;
  const retailerId = query.retailerId ?? (actor.role === 'retailer' ? actor.retailerId : null);
  if (retailerId === null || retailerId === undefined) {
    throw new AppError('VALIDATION_FAILED', { retailerId: orderMessages.unknownRetailer });
  }
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), retailerId);
  if (!retailer) throw notFound();
  return { week, retailerId, items: await explainRetailer(deps.db, retailer, week, context.locale) };
}
