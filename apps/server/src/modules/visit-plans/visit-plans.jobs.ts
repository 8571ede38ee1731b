/**
 * The weekly plan job: every Sunday at 20:00 (Asia/Shanghai) next week's plan for every active manager. The queue
 * fires a tick once across all app servers; a manager's week that already has a plan (visit_plan_runs) is left
 * alone, so a retried or repeated run generates nothing twice.
 */
import { visitPlanJobNames } from '@siyi/contracts';
import type { JobQueue } from '../../jobs/job-queue';
import { generateNextWeek } from './visit-plans.service';

export const WEEKLY_PLAN_CRON = '0 20 * * 0';

export function registerVisitPlanJobs(jobs: JobQueue): void {
  jobs.every(
    visitPlanJobNames.weekly,
    WEEKLY_PLAN_CRON,
    async (ctx) => {
      const n = await generateNextWeek({ db: ctx.db, clock: ctx.clock }, ctx.log);
      if (n > 0) ctx.log.info({ plans: n }, 'visit plans generated');
    },
    // A city's managers one after the other, each search bounded: an hour before the try counts as failed (a
    // retry skips the weeks already generated).
    { expireInSeconds: 3600, retryLimit: 3 },
  );
}
