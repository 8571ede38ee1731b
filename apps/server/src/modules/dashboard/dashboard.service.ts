import type { DistrictDashboard, DistrictDashboardQuery, ManagerDashboard } from '@siyi/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { retailers } from '../../db/schema';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { addWeeks, mondayOf } from '../../lib/weeks';
import type { Actor } from '../access/actor';
import { districtScope, retailerScope } from '../access/data-scope';
import { findLatestWeek } from '../retailers/retailers.repository';
import * as repo from './dashboard.repository';

export interface DashboardDeps {
  db: Db;
  clock: Clock;
}

async function lastWeek(deps: DashboardDeps): Promise<string> {
  return (await findLatestWeek(deps.db)) ?? mondayOf(deps.clock.now());
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
  const end = await lastWeek(deps);
  const counts = await repo.countRetailers(deps.db, inDistrict);
  const managerCount = await repo.countManagers(deps.db, districtId);
  const weekly = await repo.weeklyTotals(deps.db, inDistrict, addWeeks(end, -(query.weeks - 1)));
  const tierDistribution = await repo.tierDistribution(deps.db, inDistrict);
  const managers = await repo.managerFigures(deps.db, districtId, addWeeks(end, -3));
  return {
    district,
    retailerCount: counts.total,
    activeRetailerCount: counts.active,
    managerCount,
    weekly,
    tierDistribution,
    managers,
  };
}

/** A manager's own portfolio: the retailers assigned to them. */
export async function getManagerDashboard(deps: DashboardDeps, actor: Actor): Promise<ManagerDashboard> {
  const mine = retailerScope(actor);
  const end = await lastWeek(deps);
  const counts = await repo.countRetailers(deps.db, mine);
  const weekly = await repo.weeklyTotals(deps.db, mine, addWeeks(end, -25));
  const tierDistribution = await repo.tierDistribution(deps.db, mine);
  return { retailerCount: counts.total, weekly, tierDistribution };
}
