/**
 * The daily quality check of visits (01:30 Asia/Shanghai, one run per tick across all app servers):
 * 1. visit flags of the visits checked out in the last 8 days — the empty record once the record can no longer
 *    be edited (VISIT_RECORD_EDIT_HOURS after check-out), and any flag check-out did not raise;
 * 2. manager-day flags (time on site under the minimum) for each of the 7 days before today;
 * 3. retailer-month flags (no valid visit) for the calendar month before today's.
 * Idempotent: the flags' unique keys make a second run (or a retry, or a second server) write nothing new.
 */
import {
  DAY_MS,
  dateOfDay,
  dayNumber,
  flagManagerDays,
  flagRetailerMonth,
  monthDays,
  SHANGHAI_OFFSET_MS,
  shanghaiDay,
} from '@siyi/algorithms';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import * as repo from './visit-quality.repository';
import { checkInRadii, visitFlagsOf } from './visit-quality.service';

/** Flags written per statement. */
const CHUNK = 1000;

/** The instant a Shanghai day (a day number) begins. */
const dayStart = (day: number) => new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);

async function write(db: Db, flags: readonly repo.FlagToWrite[], version: number, at: Date): Promise<number> {
  let written = 0;
  for (let i = 0; i < flags.length; i += CHUNK) {
    const chunk = flags.slice(i, i + CHUNK);
    written += await inTransaction(db, (tx) => repo.insertFlags(tx, chunk, version, at));
  }
  return written;
}

export interface QualityCheckResult {
  visitFlags: number;
  managerDayFlags: number;
  retailerMonthFlags: number;
}

/** The previous calendar month 'YYYY-MM' of a Shanghai day number. */
export function previousMonth(day: number): string {
  const d = new Date(day * DAY_MS);
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  return new Date(first).toISOString().slice(0, 7);
}

export async function runVisitQualityChecks(db: Db, now: Date): Promise<QualityCheckResult> {
  const { version, rules } = await repo.currentFlagRules(db);
  const today = shanghaiDay(now);

  // 1. Visit flags of recent visits.
  const recent = await repo.qualityVisits(
    db,
    sql`v.status = 'done' and v.check_out_at >= ${new Date(now.getTime() - 8 * DAY_MS)} and v.check_out_at <= ${now}`,
  );
  const radii = await checkInRadii(
    db,
    recent.map((v) => v.districtId),
  );
  const visitFlags = await write(
    db,
    visitFlagsOf(recent, rules, now, (d) => radii.get(d) ?? 0),
    version,
    now,
  );

  // 2. Manager days: the 7 days before today.
  const days = Array.from({ length: 7 }, (_, i) => dateOfDay(today - 7 + i));
  const dayVisits = await repo.qualityVisits(
    db,
    sql`v.status = 'done' and v.check_in_at >= ${dayStart(today - 7)} and v.check_in_at < ${dayStart(today)}`,
  );
  const dayFlags = flagManagerDays(dayVisits, rules, days);
  const districts = await repo.managerDistricts(db, [...new Set(dayFlags.map((f) => f.managerId))]);
  const managerDayFlags = await write(
    db,
    dayFlags.flatMap((f) => {
      const districtId = districts.get(f.managerId);
      return districtId === undefined ? [] : [{ ...f, districtId }];
    }),
    version,
    now,
  );

  // 3. Retailer months: the month before today's.
  const month = previousMonth(today);
  const { first, last } = monthDays(month);
  const from = dayStart(dayNumber(first));
  const to = dayStart(dayNumber(last) + 1);
  const retailers = await repo.retailersForMonth(db, from);
  const monthVisits = await repo.qualityVisits(
    db,
    sql`v.status = 'done' and v.check_in_at >= ${from} and v.check_in_at < ${to}`,
  );
  const districtOf = new Map(retailers.map((r) => [r.retailerId, r.districtId]));
  const monthFlags = flagRetailerMonth(retailers, monthVisits, month, rules).map((f) => ({
    ...f,
    districtId: districtOf.get(f.retailerId ?? -1) ?? 0,
  }));
  const retailerMonthFlags = await write(db, monthFlags, version, now);

  return { visitFlags, managerDayFlags, retailerMonthFlags };
}

export const visitQualityJobNames = { daily: 'visit-quality.daily' } as const;

/** Registers the daily check at 01:30 Asia/Shanghai. */
export function registerVisitQualityJobs(jobs: JobQueue): void {
  jobs.every(visitQualityJobNames.daily, '30 1 * * *', async (ctx) => {
    const result = await runVisitQualityChecks(ctx.db, ctx.clock.now());
    ctx.log.info(result, 'visit quality checked');
  });
}
