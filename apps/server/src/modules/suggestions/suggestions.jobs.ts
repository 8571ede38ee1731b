import type { JobQueue } from '../../jobs/job-queue';
import { runCityWeek, type SuggestionDeps } from './suggestions.service';

export const SUGGESTIONS_CITY_JOB = 'suggestions.city-week';
/**
 * Every hour at :30 (Asia/Shanghai): the first tick after a week closes (Monday 00:30) computes the new week, half
 * an hour on so that orders submitted in the old week's last minutes are in the rollups; every later tick of the
 * week finds the run done and does nothing — so a server that was down at 00:30 catches up within the hour.
 */
export const SUGGESTIONS_CITY_CRON = '30 * * * *';

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
