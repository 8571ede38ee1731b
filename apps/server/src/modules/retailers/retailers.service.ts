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
import { fillWeeks, headlineFigures, RECENT_WEEKS, weekWindow } from '../../lib/weekly-series';
import { countyNames } from '../../reference/divisions';
import type { Actor } from '../access/actor';
import { retailerScope } from '../access/data-scope';
import { decodeCursor, encodeCursor, shanghaiToday } from './retailer-filter-sql';
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
  const { page, pageSize, sort, cursor, ...filters } = query;
  const after = cursor === undefined ? undefined : decodeCursor(sort, cursor);
  const { rows, total, totalCapped, nextKey } = await repo.findRetailersInScope(
    deps.db,
    retailerScope(actor),
    filters,
    { sort, after, offset: (page - 1) * pageSize, limit: pageSize },
    shanghaiToday(deps.clock.now()),
  );
  const listed = {
    items: rows,
    total,
    page,
    pageSize,
    nextCursor: nextKey ? encodeCursor(sort, nextKey) : null,
    ...(totalCapped ? { totalCapped } : {}),
  };
  if (filters.managerId === undefined) return listed;
  const manager = await repo.findManagerWithRetailersInScope(deps.db, retailerScope(actor), filters.managerId);
  return { ...listed, manager };
}

export async function getRetailer(deps: RetailerDeps, actor: Actor, id: number): Promise<RetailerDetail> {
  const row = await repo.findRetailerInScope(deps.db, retailerScope(actor), id);
  if (!row) throw notFound();
  const tierHistory = await repo.findTierHistory(deps.db, id);
  return { ...row, countyName: countyNames[row.countyCode] ?? null, tierHistory };
}

/**
 * A retailer's purchases in every calendar week up to last week (zeros where it bought nothing), last week and
 * the last four weeks, and its top products over the period; the same scope as the record itself.
 */
export async function getRetailerSales(
  deps: RetailerDeps,
  actor: Actor,
  id: number,
  query: SalesQuery,
): Promise<RetailerSalesResponse> {
  const row = await repo.findRetailerInScope(deps.db, retailerScope(actor), id);
  if (!row) throw notFound();
  const now = deps.clock.now();
  const period = weekWindow(now, query.weeks);
  // At least four weeks are read, so last week and the four-week sum hold whatever period was asked for.
  const read = weekWindow(now, Math.max(query.weeks, RECENT_WEEKS));
  const rows = await repo.findWeeklyTotals(deps.db, id, read);
  const series = fillWeeks(rows, read.weeks, (weekStart) => ({ weekStart, quantity: 0, amountFen: 0 }));
  const topProducts = await repo.findTopProducts(deps.db, id, period, 10);
  return { weeks: series.slice(-query.weeks), ...headlineFigures(series), topProducts };
}
