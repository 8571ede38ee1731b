import type { DistrictDashboard, DistrictDashboardQuery, ManagerDashboard } from '@siyi/contracts';
import { eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { retailers } from '../../db/schema';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { fillWeeks, headlineFigures, RECENT_WEEKS, type WeekWindow, weekWindow } from '../../lib/weekly-series';
import type { Actor } from '../access/actor';
import { districtScope, retailerScope } from '../access/data-scope';
import * as repo from './dashboard.repository';

export interface DashboardDeps {
  db: Db;
  clock: Clock;
}

/** Manager home: half a year of weeks. */
export const MANAGER_DASHBOARD_WEEKS = 26;

/**
 * Every calendar week of the window ending with last week, zeros where nobody ordered, and the headline
 * figures from it: last week is last week even when nobody ordered in it.
 */
async function weeklyFigures(deps: DashboardDeps, where: SQL, window: WeekWindow) {
  const rows = await repo.weeklyTotals(deps.db, where, window.fromWeek, window.toWeek);
  const weekly = fillWeeks(rows, window.weeks, (weekStart) => ({
    weekStart,
    quantity: 0,
    amountFen: 0,
    orderingRetailers: 0,
  }));
  return { weekly, ...headlineFigures(weekly) };
}

export async function getDistrictDashboard(
  deps: DashboardDeps,
  actor: Actor,
  query: DistrictDashboardQuery,
): Promise<DistrictDashboard> {
  const allowed = districtScope(actor);
  const districtId = query.districtId ?? (allowed?.length === 1 ? allowed[0] : undefined);
  if (districtId === undefined) throw new AppError('VALIDATION_FAILED', { districtId: 'district.required' });
  if (allowed !== null && !allowed.includes(districtId)) throw notFound();
  const district = await repo.findDistrict(deps.db, districtId);
  if (!district) throw notFound();

  const inDistrict = eq(retailers.districtId, districtId);
  const counts = await repo.countRetailers(deps.db, inDistrict);
  const managerCount = await repo.countManagers(deps.db, districtId);
  // One "now" for every figure of the answer, so they all end with the same last week.
  const now = deps.clock.now();
  const figures = await weeklyFigures(deps, inDistrict, weekWindow(now, query.weeks));
  const tierDistribution = await repo.tierDistribution(deps.db, inDistrict);
  const managers = await repo.managerFigures(deps.db, districtId, weekWindow(now, RECENT_WEEKS));
  return {
    district,
    retailerCount: counts.total,
    activeRetailerCount: counts.active,
    managerCount,
    ...figures,
    tierDistribution,
    managers,
  };
}

/** A manager's own portfolio: the retailers assigned to them. */
export async function getManagerDashboard(deps: DashboardDeps, actor: Actor): Promise<ManagerDashboard> {
  const mine = retailerScope(actor);
  const counts = await repo.countRetailers(deps.db, mine);
  const figures = await weeklyFigures(deps, mine, weekWindow(deps.clock.now(), MANAGER_DASHBOARD_WEEKS));
  const tierDistribution = await repo.tierDistribution(deps.db, mine);
  return { retailerCount: counts.total, ...figures, tierDistribution };
}
