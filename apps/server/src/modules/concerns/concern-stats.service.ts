import { weekOf, weekStartInstant, weekStarts } from '@siyi/algorithms';
import type { ConcernStats, ConcernStatsQuery } from '@siyi/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/database';
import { concerns, retailers } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import * as repo from './concerns.repository';

/**
 * The concerns the figures count, as a condition on `concerns` alone: an admin's all (or one district), a
 * supervisor's district, a manager's own retailers without the sensitive categories (never about itself).
 */
function statsScope(actor: Actor, districtId: number | undefined): SQL {
  switch (actor.role) {
    case 'admin':
      return districtId === undefined ? sql`true` : sql`${concerns.districtId} = ${districtId}`;
    case 'supervisor':
      return sql`${concerns.districtId} = ${actor.orgUnitId}`;
    case 'manager':
      return sql`${concerns.sensitive} = false and ${concerns.retailerId} in (select ${retailers.id} from ${retailers} where ${retailers.managerId} = ${actor.id})`;
    case 'retailer':
      throw new AppError('FORBIDDEN');
    default: {
      const unreachable: never = actor.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The supervisor view: open and overdue by owner and category now; over the last `weeks` weeks (the current one
 * included), the median time to the first resolution, the shares confirmed / auto-closed / reopened among the
 * concerns finished, the average rating, and the weekly series.
 */
export async function getConcernStats(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  query: z.infer<typeof ConcernStatsQuery>,
): Promise<ConcernStats> {
  const scope = statsScope(actor, query.districtId);
  const now = deps.clock.now();
  const weeks = weekStarts(weekOf(now), query.weeks);
  const from = weekStartInstant(weeks[0] ?? weekOf(now));
  const [byOwner, byCategory, median, finished, weekly] = await Promise.all([
    repo.openByOwner(deps.db, scope, now),
    repo.openByCategory(deps.db, scope, now),
    repo.medianHoursToResolve(deps.db, scope, from),
    repo.finishedFigures(deps.db, scope, from),
    repo.weeklyEvents(deps.db, scope, from),
  ]);
  const byWeek = new Map(weekly.map((w) => [w.weekStart, w]));
  const open = byOwner.reduce((sum, r) => sum + r.open, 0);
  const overdue = byOwner.reduce((sum, r) => sum + r.overdue, 0);
  return {
    byOwner: byOwner.map((r) => ({
      owner: r.ownerUserId === null ? null : { id: r.ownerUserId, name: r.ownerName ?? '' },
      role: r.ownerRole ?? null,
      open: r.open,
      overdue: r.overdue,
    })),
    byCategory: byCategory.map((r) => ({ category: r.category, open: r.open, overdue: r.overdue })),
    open,
    overdue,
    medianHoursToResolve: median === null ? null : Math.round(median * 10) / 10,
    confirmed: finished.confirmed,
    autoClosed: finished.autoClosed,
    confirmedRate: share(finished.confirmed, finished.finished),
    autoClosedRate: share(finished.autoClosed, finished.finished),
    reopenedRate: share(finished.reopened, finished.finished),
    averageStars: finished.averageStars === null ? null : Math.round(Number(finished.averageStars) * 10) / 10,
    weekly: weeks.map((weekStart) => {
      const w = byWeek.get(weekStart);
      return {
        weekStart,
        raised: w?.raised ?? 0,
        resolved: w?.resolved ?? 0,
        confirmed: w?.confirmed ?? 0,
        autoClosed: w?.autoClosed ?? 0,
        reopened: w?.reopened ?? 0,
        escalated: w?.escalated ?? 0,
      };
    }),
  };
}
