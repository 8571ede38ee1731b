/**
 * The ordering module's background work (jobs/job-queue.ts), each a service function of `now` (the app clock):
 * - a published week tells each affected retailer its window is open and until when (zh-CN / en, in-app): one job
 *   per district publish fans out over the district's retailers in short batches, per order weekday (one cut-off
 *   each); a weekday whose week before is still open gets its notice job for when that closes;
 * - the reminder, the configured hours (default 3) before each cut-off, goes to the retailers with an unsubmitted
 *   draft or a proposal waiting for their answer (in-app and by the outbound channel): one job per weekday group;
 * - a proposal still pending when its window closes expires (timeline order.proposal_expired, audited), by its own
 *   job and by a daily sweep behind it.
 * Every handler is idempotent (a job may run twice): a notice or reminder is sent at most once per retailer and
 * week (checked under an advisory lock per user), the queued jobs carry singleton keys (district, week, weekday; a
 * proposal), and the condition is re-checked when a job runs — a window that moved is followed, not trusted from
 * scheduling time.
 */
import { addWeeks } from '@siyi/algorithms';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { notifications, orderProposals, retailers, users } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import type { JobContext, JobQueue } from '../../jobs/job-queue';
import { registerNotificationTexts } from '../notifications/notification-texts';
import type { Notify } from '../notifications/notifications.service';
import { orderJobNames } from './orders.job-names';
import * as repo from './orders.repository';
import { cutoffOf, expireProposal, expireProposals } from './orders.service';

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

/**
 * The retailers of a district that share a window in a week: those of one order weekday (one cut-off). Notices and
 * reminders are queued per group — at most seven jobs per district and week — and sent per retailer.
 */
export interface WindowGroup {
  districtId: number;
  week: string;
  orderWeekday: number;
}

const groupKey = (g: WindowGroup) => `${g.districtId}:${g.week}:${g.orderWeekday}`;

/**
 * A group's window as it stands now: it closes at the district's one closing time or the weekday's cut-off, and
 * opens at the publish — or, when later, at the close of the same shops' week before (one week is ordered at a
 * time). Null while the week is not published.
 */
async function groupWindow(db: Db | Tx, g: WindowGroup): Promise<{ opensAt: Date; closesAt: Date } | null> {
  const supply = await repo.findSupplyWeek(db, g.week, g.districtId);
  if (supply?.status !== 'published') return null;
  const previousWeek = addWeeks(g.week, -1);
  const previous = await repo.findSupplyWeek(db, previousWeek, g.districtId);
  const previousClose = previous?.closesAt ?? cutoffOf(previousWeek, g.orderWeekday);
  return {
    opensAt: new Date(Math.max(supply.publishedAt?.getTime() ?? 0, previousClose.getTime())),
    closesAt: supply.closesAt ?? cutoffOf(g.week, g.orderWeekday),
  };
}

async function groupRetailerIds(db: Db, g: WindowGroup): Promise<number[]> {
  const rows = await db
    .select({ id: retailers.id })
    .from(retailers)
    .where(
      and(
        eq(retailers.districtId, g.districtId),
        eq(retailers.orderWeekday, g.orderWeekday),
        eq(retailers.status, 'active'),
      ),
    )
    .orderBy(asc(retailers.id));
  return rows.map((r) => r.id);
}

/**
 * Sends `kind` for `week` to the portal user of each listed retailer that has not had it yet: batches of
 * FAN_OUT_BATCH retailers, one short transaction each, under an advisory lock per (kind, user, week) so two runs
 * (a retry, a second server) never send one twice. Returns how many were sent.
 */
async function sendOnce(
  deps: Pick<OrderJobDeps, 'db' | 'notify'>,
  retailerIds: readonly number[],
  kind: string,
  week: string,
  params: (retailerId: number) => Record<string, string | number>,
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < retailerIds.length; i += FAN_OUT_BATCH) {
    const batch = retailerIds.slice(i, i + FAN_OUT_BATCH);
    sent += await inTransaction(deps.db, async (tx) => {
      const portalUsers = await tx
        .select({ id: users.id, retailerId: users.retailerId })
        .from(users)
        .where(and(inArray(users.retailerId, [...batch]), eq(users.role, 'retailer')))
        .orderBy(asc(users.id));
      // The retailer's first portal user, as for its other notices.
      const userOf = new Map<number, number>();
      for (const u of portalUsers)
        if (u.retailerId !== null && !userOf.has(u.retailerId)) userOf.set(u.retailerId, u.id);
      const userIds = [...userOf.values()].sort((a, b) => a - b);
      if (userIds.length === 0) return 0;
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`siyi-order:${kind}:${week}:`} || id::text, 0))
            from users where id in ${userIds} order by id`,
      );
      const done = await tx
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(
          and(
            inArray(notifications.userId, userIds),
            eq(notifications.kind, kind),
            sql`${notifications.params}->>'week' = ${week}`,
          ),
        );
      const already = new Set(done.map((d) => d.userId));
      let n = 0;
      for (const [retailerId, userId] of userOf) {
        if (already.has(userId)) continue;
        await deps.notify(tx, { userId, kind, params: { week, ...params(retailerId) }, link: ORDER_PAGE });
        n += 1;
      }
      return n;
    });
  }
  return sent;
}

async function requeue(deps: OrderJobDeps, name: string, g: WindowGroup, at: Date, tx?: Tx): Promise<void> {
  await deps.jobs.schedule(name, g, { startAfter: at, singletonKey: groupKey(g), ...(tx ? { tx } : {}) });
}

/** Queues the group's job for `at`, in place of one waiting for an older time (the window moved). */
async function replace(deps: OrderJobDeps, name: string, g: WindowGroup, at: Date): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    await deps.jobs.cancel(name, groupKey(g), { tx });
    await requeue(deps, name, g, at, tx);
  });
}

export interface FanOutResult {
  /** Retailers told now that their window is open. */
  notified: number;
  /** Weekday groups whose window opens later (their week before is still open): a notice job each. */
  deferred: number;
  /** Weekday groups whose reminder was queued. */
  reminders: number;
}

/**
 * The fan-out of a district's published week, per weekday group of its active retailers: a group whose window
 * for the week has not closed is told it is open (or, when its previous week is still open, a notice is queued
 * for when that closes), and its reminder is queued the configured hours before its cut-off (replacing one queued
 * for an older closing time). Pending proposals of the week get their expiry queued at their (possibly new)
 * close. Idempotent: run again (a new closing time, a retry), it tells nobody twice.
 */
export async function fanOutWindow(
  deps: OrderJobDeps,
  data: { districtId: number; week: string },
  now: Date,
): Promise<FanOutResult> {
  const result: FanOutResult = { notified: 0, deferred: 0, reminders: 0 };
  const weekdays = await deps.db
    .selectDistinct({ orderWeekday: retailers.orderWeekday })
    .from(retailers)
    .where(and(eq(retailers.districtId, data.districtId), eq(retailers.status, 'active')))
    .orderBy(asc(retailers.orderWeekday));
  for (const { orderWeekday } of weekdays) {
    const group: WindowGroup = { ...data, orderWeekday };
    const window = await groupWindow(deps.db, group);
    if (!window) return result;
    // This group's window for the week has already closed: nothing to tell it.
    if (now.getTime() >= window.closesAt.getTime()) continue;
    if (window.opensAt.getTime() <= now.getTime()) {
      result.notified += await noticeGroup(deps, group, window.closesAt);
    } else {
      await replace(deps, orderJobNames.windowNotice, group, window.opensAt);
      result.deferred += 1;
    }
    const remindAt = new Date(Math.max(now.getTime(), window.closesAt.getTime() - deps.reminderHours * HOUR));
    await replace(deps, orderJobNames.windowReminder, group, remindAt);
    result.reminders += 1;
  }
  const supply = await repo.findSupplyWeek(deps.db, data.week, data.districtId);
  await inTransaction(deps.db, async (tx) => {
    const pending = await tx
      .select({ id: orderProposals.id, orderWeekday: retailers.orderWeekday })
      .from(orderProposals)
      .innerJoin(retailers, eq(retailers.id, orderProposals.retailerId))
      .where(
        and(
          eq(orderProposals.districtId, data.districtId),
          eq(orderProposals.weekStart, data.week),
          eq(orderProposals.status, 'pending'),
        ),
      );
    for (const p of pending) {
      const key = String(p.id);
      await deps.jobs.cancel(orderJobNames.proposalExpire, key, { tx });
      await deps.jobs.schedule(
        orderJobNames.proposalExpire,
        { proposalId: p.id },
        { tx, startAfter: supply?.closesAt ?? cutoffOf(data.week, p.orderWeekday), singletonKey: key },
      );
    }
  });
  return result;
}

async function noticeGroup(deps: OrderJobDeps, g: WindowGroup, closesAt: Date): Promise<number> {
  const ids = await groupRetailerIds(deps.db, g);
  return sendOnce(deps, ids, orderNoticeKinds.open, g.week, () => ({ closesAt: lastMinuteOf(closesAt) }));
}

/**
 * A deferred notice: the group's window for the week opens now that its previous week has closed — each of its
 * active retailers is told once. Not open yet (a later closing time of the week before) → queued again for then.
 */
export async function sendWindowNotices(deps: OrderJobDeps, g: WindowGroup, now: Date): Promise<number> {
  const window = await groupWindow(deps.db, g);
  if (!window || now.getTime() >= window.closesAt.getTime()) return 0;
  if (now.getTime() < window.opensAt.getTime()) {
    await requeue(deps, orderJobNames.windowNotice, g, window.opensAt);
    return 0;
  }
  return noticeGroup(deps, g, window.closesAt);
}

/**
 * The reminder before a group's cut-off: each of its active retailers with an unsubmitted draft (lines or scarce
 * requests) or a proposal waiting for its answer is reminded once, while the window is open. Too early (the
 * closing time moved later) → queued again for the right time.
 */
export async function remindBeforeCutoff(deps: OrderJobDeps, g: WindowGroup, now: Date): Promise<number> {
  const window = await groupWindow(deps.db, g);
  if (!window || now.getTime() >= window.closesAt.getTime()) return 0;
  const remindAt = window.closesAt.getTime() - deps.reminderHours * HOUR;
  if (now.getTime() < remindAt) {
    await requeue(deps, orderJobNames.windowReminder, g, new Date(remindAt));
    return 0;
  }
  const rows = await deps.db.execute<{ id: number; draft: boolean; waiting: boolean }>(sql`
    select r.id,
      exists (select 1 from orders o where o.retailer_id = r.id and o.week_start = ${g.week} and o.status = 'draft'
        and (exists (select 1 from order_lines l where l.order_id = o.id)
          or exists (select 1 from scarce_requests q where q.retailer_id = r.id and q.week_start = ${g.week}))) as draft,
      exists (select 1 from order_proposals p where p.retailer_id = r.id and p.week_start = ${g.week}
        and p.status = 'pending') as waiting
    from retailers r
    where r.district_id = ${g.districtId} and r.order_weekday = ${g.orderWeekday} and r.status = 'active'
    order by r.id`);
  const due = rows.rows.filter((r) => r.draft || r.waiting);
  const pendingOf = new Map(due.map((r) => [r.id, r.draft && r.waiting ? 'both' : r.draft ? 'draft' : 'proposal']));
  const closesAt = lastMinuteOf(window.closesAt);
  const hours = Math.max(1, Math.round((window.closesAt.getTime() - now.getTime()) / HOUR));
  return sendOnce(
    deps,
    due.map((r) => r.id),
    orderNoticeKinds.reminder,
    g.week,
    (id) => ({ closesAt, hours, pending: pendingOf.get(id) ?? 'draft' }),
  );
}

const isWeek = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
const isGroup = (g: Partial<WindowGroup>): g is WindowGroup =>
  isId(g.districtId) &&
  isWeek(g.week) &&
  Number.isInteger(g.orderWeekday) &&
  (g.orderWeekday as number) >= 1 &&
  (g.orderWeekday as number) <= 7;

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
  jobs.work<WindowGroup>(orderJobNames.windowNotice, async (data, ctx) => {
    if (!isGroup(data)) return malformed(ctx);
    const sent = await sendWindowNotices(deps(ctx), data, ctx.clock.now());
    if (sent > 0) ctx.log.info({ ...data, sent }, 'order window notices sent');
  });
  jobs.work<WindowGroup>(orderJobNames.windowReminder, async (data, ctx) => {
    if (!isGroup(data)) return malformed(ctx);
    const sent = await remindBeforeCutoff(deps(ctx), data, ctx.clock.now());
    if (sent > 0) ctx.log.info({ ...data, sent }, 'order reminders sent');
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
