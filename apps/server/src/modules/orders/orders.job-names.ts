/** The ordering module's jobs on the queue (jobs/job-queue.ts); registered by registerOrderJobs (orders.jobs.ts). */
export const orderJobNames = {
  /** One per district publish of a week's strategy: fans out to the district's retailers in short batches. */
  windowPublished: 'orders.window-published',
  /** One weekday group of a district whose window for the week opens after the publish (its week before was open). */
  windowNotice: 'orders.window-notice',
  /** One weekday group, the configured hours before its cut-off: those with an unsubmitted draft or a waiting proposal. */
  windowReminder: 'orders.window-reminder',
  /** One proposal, at the close of its week's window: still pending, it expires. */
  proposalExpire: 'orders.proposal-expire',
  /** Daily safety net: every pending proposal whose window has closed expires (idempotent). */
  expireSweep: 'orders.expire-proposals',
} as const;
