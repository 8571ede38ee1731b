import type { AllocationReason } from '@siyi/algorithms';
import {
  type AllocationRunResponse,
  PRODUCT_LIST_MAX,
  type ProductListQuery,
  type ProductListResponse,
  type ProposalListQuery,
  type ProposalListResponse,
} from '@siyi/contracts';
import { and, asc, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { allocationRuns, products } from '../../db/schema';
import { notFound } from '../../lib/app-error';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import * as repo from './orders.repository';
import { type OrderDeps, orderWeekOf, proposalView } from './orders.service';
import { districtFor } from './supply-strategies.service';

/*
 * Read-backs (issue 11): what was done survives a reload — the latest allocation run of a week, a retailer's
 * proposals for a week — and the product list a strategy editor picks from.
 */

interface StoredInput {
  productId: number;
  supply: number;
  requests: { retailerId: number; tier: number; requested: number }[];
}

interface StoredOutput {
  productId: number;
  retailerId: number;
  allocated: number;
  reason: AllocationReason;
}

/**
 * GET /api/allocations/:week/runs/latest: the district's latest run as the run answered it, from what the run
 * stored (its rule, inputs and outputs). An admin names the district, a supervisor reads its own; none yet 404.
 */
export async function latestAllocationRun(
  deps: Pick<OrderDeps, 'db'>,
  actor: Actor,
  week: string,
  districtIdAsked: number | undefined,
): Promise<AllocationRunResponse> {
  const districtId = await districtFor(deps.db, actor, districtIdAsked);
  const [run] = await deps.db
    .select()
    .from(allocationRuns)
    .where(and(eq(allocationRuns.weekStart, week), eq(allocationRuns.districtId, districtId)))
    .orderBy(desc(allocationRuns.id))
    .limit(1);
  if (!run) throw notFound();
  const inputs = run.inputs as unknown as StoredInput[];
  const outputs = run.outputs as unknown as StoredOutput[];
  return {
    runId: run.id,
    week,
    districtId,
    rule: run.rule as Record<string, unknown>,
    products: inputs.map((input) => {
      const mine = outputs.filter((o) => o.productId === input.productId);
      return {
        productId: input.productId,
        supply: input.supply,
        totalRequested: input.requests.reduce((sum, r) => sum + r.requested, 0),
        totalAllocated: mine.reduce((sum, o) => sum + o.allocated, 0),
        // The same for every retailer of the product (1 when nothing was requested), as the run computed it.
        weightedDemandMetShare: mine[0]?.reason.shareOfWeightedDemandMet ?? 1,
        retailers: mine.length,
      };
    }),
  };
}

/**
 * GET /api/orders/proposals: a retailer's proposals for a week (default the week it orders for now), oldest first — a manager
 * its assigned retailers', a supervisor its district's, an admin any; another's retailer 404. Never the code.
 */
export async function listProposals(
  deps: Pick<OrderDeps, 'db' | 'clock'>,
  actor: Actor,
  query: ProposalListQuery,
): Promise<ProposalListResponse> {
  const retailer = await repo.findRetailerInScope(deps.db, retailerScope(actor), query.retailerId);
  if (!retailer) throw notFound();
  const week = query.week ?? (await orderWeekOf(deps.db, retailer, deps.clock.now())).week;
  const rows = await repo.findProposals(deps.db, retailer.id, week);
  const lines = await repo.findProposalLines(
    deps.db,
    rows.map((r) => r.id),
  );
  const views = rows.map((row) => proposalView(row, lines));
  // That a retailer reported a line as pressured goes to the supervisor only: the manager reads its proposals'
  // outcome (accepted, rejected) but never which lines were reported, or speaking up would not be safe.
  if (actor.role !== 'manager') return views;
  return views.map((view) => ({ ...view, lines: view.lines.map((line) => ({ ...line, pressured: false })) }));
}

/** GET /api/products: the products of a status (default active) matching `q` (code, brand or name), capped. */
export async function listProducts(db: Db, query: ProductListQuery): Promise<ProductListResponse> {
  const filters: SQL[] = [eq(products.status, query.status)];
  const q = query.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(products.code, like), ilike(products.brand, like), ilike(products.name, like));
    if (match) filters.push(match);
  }
  const rows = await db
    .select({
      id: products.id,
      code: products.code,
      brand: products.brand,
      name: products.name,
      spec: products.spec,
      priceClass: products.priceClass,
      wholesalePriceFen: products.wholesalePriceFen,
      status: products.status,
    })
    .from(products)
    .where(and(...filters))
    .orderBy(asc(products.priceClass), asc(products.brand), asc(products.name), asc(products.id))
    .limit(PRODUCT_LIST_MAX + 1);
  return { items: rows.slice(0, PRODUCT_LIST_MAX), truncated: rows.length > PRODUCT_LIST_MAX };
}
