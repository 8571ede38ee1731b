/**
 * The ordering module's background work (jobs/job-queue.ts), each a service function of `now` (the app clock):
 * - a published week tells each affected retailer its window is open and until when (zh-CN / en, in-app), and
 *   sets its reminder: one job per district publish fans out over the district's retailers in short batches;
 * - the reminder, the configured hours (default 3) before each retailer's cut-off, goes to a retailer with an
 *   unsubmitted draft or a proposal waiting for its answer (in-app and by the outbound channel);
 * - a proposal still pending when its window closes expires (timeline order.proposal_expired, audited), by its own
 *   job and by a daily sweep behind it.
 * Every handler is idempotent (a job may run twice): a notice or reminder is sent at most once per retailer and
 * week (checked under an advisory lock), per-retailer jobs carry a singleton key per retailer and week, and the
 * condition is re-checked when the job runs — a window that moved is followed, not trusted from scheduling time.
 */
import { addWeeks } from '@siyi/algorithms';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { notifications, orderProposals, retailers } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import type { JobContext, JobQueue } from '../../jobs/job-queue';
import { registerNotificationTexts } from '../notifications/notification-texts';
import type { Notify } from '../notifications/notifications.service';
import { orderJobNames, retailerWeekKey } from './orders.job-names';
import * as repo from './orders.repository';
import { cutoffOf, expireProposal, expireProposals, orderWeekOf, windowFor } from './orders.service';

export const DEFAULT_REMINDER_HOURS = 3;
/** Retailers per transaction of a fan-out. */
const FAN_OUT_BATCH = 200;
const HOUR = 3_600_000;
const ORDER_PAGE = '/my-shop/order';

export const orderNoticeKinds = { open: 'order.windowOpen', reminder: 'order.windowReminder' } as const;

registerNotificationTexts(
  {
    [orderNoticeKinds.open]: {
      title: { 'zh-CN': '可以订货了', en: 'Ordering is open' },
      body: {
        'zh-CN': '{week} 这一周的货源策略已发布，您现在就可以订货，{closesAt} 截止。',
        en: 'The supply strategy for the week of {week} is published: you can order now, until {closesAt}.',
      },
    },
    [orderNoticeKinds.reminder]: {
      title: { 'zh-CN': '订货快截止了', en: 'Ordering closes soon' },
      body: {
        'zh-CN': '{week} 这一周的订货 {closesAt} 截止（还有约 {hours} 小时），您还有{pending}。',
        en: 'Ordering for the week of {week} closes at {closesAt} (in about {hours} hours) and you still have {pending}.',
      },
    },
  },
  {
    outbound: [orderNoticeKinds.reminder],
    words: {
      pending: {
        draft: { 'zh-CN': '一份没有提交的订单', en: 'an order not yet submitted' },
        proposal: { 'zh-CN': '一份等您答复的建议订单', en: 'a proposed order waiting for your answer' },
        both: {
          'zh-CN': '一份没有提交的订单和一份等您答复的建议订单',
          en: 'an order not yet submitted and a proposed order waiting for your answer',
        },
      },
    },
  },
);

export interface OrderJobDeps {
  db: Db;
  jobs: JobQueue;
  notify: Notify;
  /** Hours before a retailer's cut-off that its reminder goes out. */
  reminderHours: number;
}

/** A cut-off as people say it — the last minute of the day before the order day — in Shanghai: '2026-12-06 23:59'. */
export function lastMinuteOf(closesAt: Date): string {
  return new Date(closesAt.getTime() - 60_000 + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whether the retailer's user was already sent `kind` for `week`; serialises two runs for one (user, kind, week). */
async function alreadySent(tx: Tx, userId: number, kind: string, week: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`siyi-order:${kind}:${userId}:${week}`}, 0))`);
  const rows = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.kind, kind),
        sql`${notifications.params}->>'week' = ${week}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

async function sendOpenNotice(
  tx: Tx,
  deps: Pick<OrderJobDeps, 'notify'>,
  retailerId: number,
  week: string,
  closesAt: Date,
): Promise<boolean> {
  const userId = await repo.findRetailerUserId(tx, retailerId);
  if (userId === null || (await alreadySent(tx, userId, orderNoticeKinds.open, week))) return false;
  await deps.notify(tx, {
    userId,
    kind: orderNoticeKinds.open,
    params: { week, closesAt: lastMinuteOf(closesAt) },
    link: ORDER_PAGE,
  });
  return true;
}

async function scheduleReminder(
  tx: Tx,
  deps: OrderJobDeps,
  retailerId: number,
  week: string,
  closesAt: Date,
  now: Date,
) {
  const key = retailerWeekKey(retailerId, week);
  const at = Math.max(now.getTime(), closesAt.getTime() - deps.reminderHours * HOUR);
  // A new closing time replaces the reminder queued for the old one.
  await deps.jobs.cancel(orderJobNames.windowReminder, key, { tx });
  await deps.jobs.schedule(
    orderJobNames.windowReminder,
    { retailerId, week },
    { tx, startAfter: new Date(at), singletonKey: key },
  );
}

export interface FanOutResult {
  /** Retailers told now that their window is open. */
  notified: number;
  /** Retailers whose window opens later (the week before is still open for them): a notice job each. */
  deferred: number;
  /** Reminders queued. */
  reminders: number;
}

/**
 * The fan-out of a district's published week: each active retailer whose window for the week has not closed is
 * told it is open (or, when its previous week is still open, a notice is queued for when that closes), and its
 * reminder is queued for the configured hours before its cut-off. Pending proposals of the week get their expiry
 * queued at their (possibly new) close. Batches of FAN_OUT_BATCH retailers, one short transaction each.
 */
export async function fanOutWindow(
  deps: OrderJobDeps,
  data: { districtId: number; week: string },
  now: Date,
): Promise<FanOutResult> {
  const result: FanOutResult = { notified: 0, deferred: 0, reminders: 0 };
  const { districtId, week } = data;
  const supply = await repo.findSupplyWeek(deps.db, week, districtId);
  if (supply?.status !== 'published') return result;
  const previousWeek = addWeeks(week, -1);
  const previous = await repo.findSupplyWeek(deps.db, previousWeek, districtId);
  const published = supply.publishedAt?.getTime() ?? now.getTime();
  let after = 0;
  for (;;) {
    const batch = await repo.findActiveRetailersAfter(deps.db, districtId, after, FAN_OUT_BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.id ?? after;
    await inTransaction(deps.db, async (tx) => {
      for (const retailer of batch) {
        const closesAt = supply.closesAt ?? cutoffOf(week, retailer.orderWeekday);
        // Its window for this week has already closed: nothing to tell it.
        if (now.getTime() >= closesAt.getTime()) continue;
        const previousClose = previous?.closesAt ?? cutoffOf(previousWeek, retailer.orderWeekday);
        const opensAt = Math.max(published, previousClose.getTime());
        if (opensAt <= now.getTime()) {
          if (await sendOpenNotice(tx, deps, retailer.id, week, closesAt)) result.notified += 1;
        } else {
          const queued = await deps.jobs.schedule(
            orderJobNames.windowNotice,
            { retailerId: retailer.id, week },
            { tx, startAfter: new Date(opensAt), singletonKey: retailerWeekKey(retailer.id, week) },
          );
          if (queued !== null) result.deferred += 1;
        }
        await scheduleReminder(tx, deps, retailer.id, week, closesAt, now);
        result.reminders += 1;
      }
    });
  }
  await inTransaction(deps.db, async (tx) => {
    const pending = await tx
      .select({ id: orderProposals.id, orderWeekday: retailers.orderWeekday })
      .from(orderProposals)
      .innerJoin(retailers, eq(retailers.id, orderProposals.retailerId))
      .where(
        and(
          eq(orderProposals.districtId, districtId),
          eq(orderProposals.weekStart, week),
          eq(orderProposals.status, 'pending'),
        ),
      );
    for (const p of pending) {
      const key = String(p.id);
      await deps.jobs.cancel(orderJobNames.proposalExpire, key, { tx });
      await deps.jobs.schedule(
        orderJobNames.proposalExpire,
        { proposalId: p.id },
        { tx, startAfter: supply.closesAt ?? cutoffOf(week, p.orderWeekday), singletonKey: key },
      );
    }
  });
  return result;
}

type RetailerWeek = { retailerId: number; week: string };

/** Runs `fn` in one short transaction for an active retailer of a per-retailer job; any other: nothing, false. */
async function forActiveRetailer(
  deps: OrderJobDeps,
  retailerId: number,
  fn: (tx: Tx, retailer: repo.OrderRetailer) => Promise<boolean>,
): Promise<boolean> {
  return inTransaction(deps.db, async (tx) => {
    const retailer = await repo.findRetailerInScope(tx, sql`true`, retailerId);
    return retailer?.status === 'active' ? fn(tx, retailer) : false;
  });
}

/** Queues a per-retailer job of the week again for `at` (the window moved since it was queued). */
async function requeue(tx: Tx, deps: OrderJobDeps, name: string, data: RetailerWeek, at: Date): Promise<false> {
  await deps.jobs.schedule(name, data, {
    tx,
    startAfter: at,
    singletonKey: retailerWeekKey(data.retailerId, data.week),
  });
  return false;
}

/**
 * A deferred notice: the retailer's window for `week` opens now that its previous week has closed. Still the week
 * it orders for and open → told once; its previous week still open (a later closing time) → queued again for then.
 */
export async function sendWindowNotice(deps: OrderJobDeps, data: RetailerWeek, now: Date): Promise<boolean> {
  return forActiveRetailer(deps, data.retailerId, async (tx, retailer) => {
    const current = await orderWeekOf(tx, retailer, now);
    if (current.week < data.week) return requeue(tx, deps, orderJobNames.windowNotice, data, current.window.closesAt);
    if (current.week !== data.week || !current.window.open) return false;
    return sendOpenNotice(tx, deps, retailer.id, data.week, current.window.closesAt);
  });
}

/**
 * The reminder before a retailer's cut-off: sent once, and only while the window is open and the retailer has an
 * unsubmitted draft (lines or scarce requests) or a proposal waiting for its answer. Too early (the closing time
 * moved later) → queued again for the right time.
 */
export async function remindBeforeCutoff(deps: OrderJobDeps, data: RetailerWeek, now: Date): Promise<boolean> {
  return forActiveRetailer(deps, data.retailerId, async (tx, retailer) => {
    const window = await windowFor(tx, retailer, data.week, now);
    if (!window.open) return false;
    const remindAt = window.closesAt.getTime() - deps.reminderHours * HOUR;
    if (now.getTime() < remindAt) return requeue(tx, deps, orderJobNames.windowReminder, data, new Date(remindAt));
    const order = await repo.findOrder(tx, retailer.id, data.week);
    const lines = order ? await repo.findLines(tx, order.id) : [];
    const requests = await repo.findRequests(tx, retailer.id, data.week);
    const draft = order?.status === 'draft' && lines.length + requests.length > 0;
    const waiting = (await repo.findProposals(tx, retailer.id, data.week)).some((p) => p.status === 'pending');
    if (!draft && !waiting) return false;
    const userId = await repo.findRetailerUserId(tx, retailer.id);
    if (userId === null || (await alreadySent(tx, userId, orderNoticeKinds.reminder, data.week))) return false;
    await deps.notify(tx, {
      userId,
      kind: orderNoticeKinds.reminder,
      params: {
        week: data.week,
        closesAt: lastMinuteOf(window.closesAt),
        hours: Math.max(1, Math.round((window.closesAt.getTime() - now.getTime()) / HOUR)),
        pending: draft && waiting ? 'both' : draft ? 'draft' : 'proposal',
      },
      link: ORDER_PAGE,
    });
    return true;
  });
}

const isWeek = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/**
 * Registers the ordering jobs. `reminderHours` is SIYI_ORDER_REMINDER_HOURS (default 3). The daily sweep runs at
 * 00:10 Shanghai. Job data come from this module's own scheduling; anything else is logged and dropped.
 */
export function registerOrderJobs(jobs: JobQueue, options: { notify: Notify; reminderHours?: number }): void {
  const deps = (ctx: JobContext): OrderJobDeps => ({
    db: ctx.db,
    jobs,
    notify: options.notify,
    reminderHours: options.reminderHours ?? DEFAULT_REMINDER_HOURS,
  });
  const malformed = (ctx: JobContext) => ctx.log.warn({ job: ctx.name, jobId: ctx.jobId }, 'order job data malformed');
  jobs.work<{ districtId: number; week: string }>(
    orderJobNames.windowPublished,
    async (data, ctx) => {
      if (!isId(data.districtId) || !isWeek(data.week)) return malformed(ctx);
      const result = await fanOutWindow(deps(ctx), data, ctx.clock.now());
      ctx.log.info({ districtId: data.districtId, week: data.week, ...result }, 'order window published');
      // A large district takes a while; a retry after a crash skips the retailers already told.
    },
    { expireInSeconds: 3600 },
  );
  jobs.work<RetailerWeek>(orderJobNames.windowNotice, async (data, ctx) => {
    if (!isId(data.retailerId) || !isWeek(data.week)) return malformed(ctx);
    await sendWindowNotice(deps(ctx), data, ctx.clock.now());
  });
  jobs.work<RetailerWeek>(orderJobNames.windowReminder, async (data, ctx) => {
    if (!isId(data.retailerId) || !isWeek(data.week)) return malformed(ctx);
    await remindBeforeCutoff(deps(ctx), data, ctx.clock.now());
  });
  jobs.work<{ proposalId: number }>(orderJobNames.proposalExpire, async (data, ctx) => {
    if (!isId(data.proposalId)) return malformed(ctx);
    await expireProposal({ db: ctx.db, jobs }, data.proposalId, ctx.clock.now());
  });
  jobs.every(orderJobNames.expireSweep, '10 0 * * *', async (ctx) => {
    const expired = await expireProposals({ db: ctx.db, jobs }, ctx.clock.now());
    if (expired > 0) ctx.log.info({ expired }, 'proposals expired');
  });
}
