import type {
  RetailerDetail,
  RetailerListQuery,
  RetailerListResponse,
  RetailerSalesResponse,
  SalesQuery,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import { notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { addWeeks, mondayOf } from '../../lib/weeks';
import { countyNames } from '../../reference/divisions';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import * as repo from './retailers.repository';

export interface RetailerDeps {
  db: Db;
  clock: Clock;
}

export async function listRetailers(
  deps: RetailerDeps,
  actor: Actor,
  query: RetailerListQuery,
): Promise<RetailerListResponse> {
  const { page, pageSize, ...filters } = query;
  const { rows, total } = await repo.findRetailersInScope(deps.db, retailerScope(actor), filters, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  if (filters.managerId === undefined) return { items: rows, total, page, pageSize };
  const manager = await repo.findManagerWithRetailersInScope(deps.db, retailerScope(actor), filters.managerId);
  return { items: rows, total, page, pageSize, manager };
}

export async function getRetailer(deps: RetailerDeps, actor: Actor, id: number): Promise<RetailerDetail> {
  const row = await repo.findRetailerInScope(deps.db, retailerScope(actor), id);
  if (!row) throw notFound();
  const tierHistory = await repo.findTierHistory(deps.db, id);
  return { ...row, countyName: countyNames[row.countyCode] ?? null, tierHistory };
}

/** A retailer's weekly purchases and top products; the same scope as the record itself. */
export async function getRetailerSales(
  deps: RetailerDeps,
  actor: Actor,
  id: number,
  query: SalesQuery,
): Promise<RetailerSalesResponse> {
  const row = await repo.findRetailerInScope(deps.db, retailerScope(actor), id);
  if (!row) throw notFound();
  const lastWeek = (await repo.findLatestWeek(deps.db)) ?? mondayOf(deps.clock.now());
  const fromWeek = addWeeks(lastWeek, -(query.weeks - 1));
  const weeks = await repo.findWeeklyTotals(deps.db, id, fromWeek);
  const topProducts = await repo.findTopProducts(deps.db, id, fromWeek, 10);
  return { weeks, topProducts };
}
