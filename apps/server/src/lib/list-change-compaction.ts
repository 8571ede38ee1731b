/**
 * Keeps `list_changes` (migration 0022, the listed tables' versions: lib/list-count-cache.ts) short: a list's
 * version is the sum of its table's rows there, one row per writing statement, so without compaction each read
 * of a version would read every write ever made.
 *
 * One statement, for every table with more than one row: delete the committed rows it sees and insert one row per
 * table weighing exactly what THIS statement deleted. No snapshot's sum moves: a snapshot sees the deleted rows or
 * the compacted one, never both or neither, since they commit together, and every writer whose rows were deleted
 * had committed before this statement's snapshot, so a snapshot that sees the compaction sees those writers too.
 * Two compactions at once never count a row twice: under READ COMMITTED the second one, finding a row deleted by
 * the first (once it commits), skips it, so `gone` holds only the rows this statement removed; if the first rolls
 * back, the second deletes them itself. Writers only append, so compaction never makes a writer wait, nor waits
 * for one (an uncommitted writer's rows are not visible to it and are left for the next run).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { JobQueue } from '../jobs/job-queue';

/** The recurring job's queue name. */
export const LIST_CHANGE_COMPACTION_JOB = 'lists.compact-changes';
/**
 * Every 5 minutes: between two runs a busy city appends a few hundred rows at most (one per writing statement,
 * an import being a few statements), and reading 1,000 of them costs well under a millisecond (bench/README.md,
 * "exact list counts").
 */
export const LIST_CHANGE_COMPACTION_CRON = '*/5 * * * *';

/** Compacts every table's rows in one statement; returns the rows it removed (the rows it added are not counted). */
export async function compactListChanges(db: Db): Promise<number> {
  const result = await db.execute<{ removed: string }>(sql`
    with "gone" as (
      delete from "list_changes"
      where "table_name" in (select "table_name" from "list_changes" group by "table_name" having count(*) > 1)
      returning "table_name", "weight"
    ),
    "kept" as (
      insert into "list_changes" ("table_name", "weight")
      select "table_name", sum("weight") from "gone" group by "table_name"
    )
    select count(*) as "removed" from "gone"`);
  return Number(result.rows[0]?.removed ?? 0);
}

export function registerListChangeCompaction(jobs: JobQueue): void {
  jobs.every(LIST_CHANGE_COMPACTION_JOB, LIST_CHANGE_COMPACTION_CRON, async (ctx) => {
    await compactListChanges(ctx.db);
  });
}
