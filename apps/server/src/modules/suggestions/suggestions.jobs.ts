import type { JobQueue } from '../../jobs/job-queue';
import { runCityWeek, type SuggestionDeps } from './suggestions.service';

export const SUGGESTIONS_CITY_JOB = 'suggestions.city-week';
/**
 * Monday 00:30 in Asia/Shanghai (the queue reads cron there): half an hour after the week closed, so orders
 * submitted in its last minutes are in the rollups.
 */
export const SUGGESTIONS_CITY_CRON = '30 0 * * 1';

/**
 * The whole city's suggestions for the new week, once the week before has closed. The handler takes "now" from
 * the job's clock and does nothing when the week's city run exists (a retry, a second server's tick).
 */
export function registerSuggestionJobs(jobs: JobQueue, deps: Omit<SuggestionDeps, 'clock' | 'db'>) {
  jobs.every(
    SUGGESTIONS_CITY_JOB,
    SUGGESTIONS_CITY_CRON,
    async (ctx) => {
      const run = await runCityWeek({ ...deps, db: ctx.db, clock: ctx.clock });
      if (run) {
        ctx.log.info(
          { job: ctx.name, week: run.week, runId: run.runId, retailers: run.retailerCount, rows: run.rows.length },
          'suggestions computed for the city',
        );
      }
    },
    { expireInSeconds: 900 },
  );
}
