import { z } from 'zod';
import { PeriodFigure, WeeklyFigure } from './retailers';

export const DistrictWeeklyFigure = WeeklyFigure.extend({ orderingRetailers: z.number().int() });
export type DistrictWeeklyFigure = z.infer<typeof DistrictWeeklyFigure>;

export const TierCount = z.object({ tier: z.number().int(), count: z.number().int() });
export type TierCount = z.infer<typeof TierCount>;

export const ManagerFigure = z.object({
  managerId: z.number().int(),
  name: z.string(),
  retailerCount: z.number().int(),
  /** Cartons and amount over the last four complete calendar weeks. */
  recentQuantity: z.number().int(),
  recentAmountFen: z.number().int(),
});
export type ManagerFigure = z.infer<typeof ManagerFigure>;

export const DistrictDashboardQuery = z.object({
  /** Admins choose a district; a supervisor always sees their own. */
  districtId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  weeks: z.coerce.number().int().min(4).max(104).default(26),
});
export type DistrictDashboardQuery = z.infer<typeof DistrictDashboardQuery>;

export const DistrictDashboard = z.object({
  district: z.object({ id: z.number().int(), name: z.string() }),
  retailerCount: z.number().int(),
  activeRetailerCount: z.number().int(),
  managerCount: z.number().int(),
  /** Every calendar week of the period, oldest first, ending with last week; zeros where nothing was ordered. */
  weekly: z.array(DistrictWeeklyFigure),
  /** The last complete calendar week, zeros when nothing was ordered in it. */
  lastWeek: DistrictWeeklyFigure,
  /** The last four complete calendar weeks added up. */
  recentFourWeeks: PeriodFigure,
  tierDistribution: z.array(TierCount),
  managers: z.array(ManagerFigure),
});
export type DistrictDashboard = z.infer<typeof DistrictDashboard>;

export const ManagerDashboard = z.object({
  retailerCount: z.number().int(),
  /** The last 26 calendar weeks, oldest first, ending with last week; zeros where nothing was ordered. */
  weekly: z.array(DistrictWeeklyFigure),
  lastWeek: DistrictWeeklyFigure,
  recentFourWeeks: PeriodFigure,
  tierDistribution: z.array(TierCount),
});
export type ManagerDashboard = z.infer<typeof ManagerDashboard>;
