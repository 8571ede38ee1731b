/** The ordering module's jobs on the queue (jobs/job-queue.ts); registered by registerOrderJobs (orders.jobs.ts). */
export const orderJobNames = {
  /** One per district publish of a week's strategy: fans out to the district's retailers in short batches. */
  windowPublished: 'orders.window-published',
  /** One retailer whose window for the week opens after the publish (its previous week was still open). */
  windowNotice: 'orders.window-notice',
  /** One retailer, the configured hours before its cut-off: an unsubmitted draft or a waiting proposal. */
  windowReminder: 'orders.window-reminder',
  /** One proposal, at the close of its week's window: still pending, it expires. */
  proposalExpire: 'orders.proposal-expire',
  /** Daily safety net: every pending proposal whose window has closed expires (idempotent). */
  expireSweep: 'orders.expire-proposals',
} as const;

/** The singleton key of a per-retailer job of a week: at most one waiting per retailer and week. */
export const retailerWeekKey = (retailerId: number, week: string) => `${retailerId}:${week}`;
