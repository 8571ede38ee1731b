import {
  type Locale,
  type Notification,
  NotificationKind,
  NotificationLink,
  type NotificationListQuery,
  type NotificationListResponse,
  NotificationParams,
  type OutboxListResponse,
  type PageQuery,
} from '@siyi/contracts';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import type { JobContext, JobQueue } from '../../jobs/job-queue';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { isOutboundKind, renderNotification } from './notification-texts';
import {
  countUnread,
  findForDelivery,
  findOutbound,
  insertNotification,
  listForUser,
  listOutbound,
  markAllRead,
  markRead,
  type NotificationRow,
  recordOutbound,
} from './notifications.repository';
import type { OutboundChannel } from './outbound-channels';

export const DELIVER_JOB = 'notifications.deliver';

export interface NotifyInput {
  userId: number;
  /** `module.event`, registered with its texts (registerNotificationTexts). */
  kind: string;
  /** Values for the texts' `{placeholders}`: short scalars, stored as given, worded when read. */
  params?: NotificationParams;
  /** The web app's page the notification opens (`/concerns/12`). */
  link?: string | null;
  /** Also send it by the configured channel (SMS, WeChat, the outbox). Default: as registered for the kind. */
  outbound?: boolean;
}

/**
 * Writes an in-app notification inside the caller's transaction (it exists if and only if the change it announces
 * commits) and, when outbound, queues its delivery in the same transaction. Returns the notification's id.
 * Bad input (a kind, params or link outside the contract) is a programming error and throws.
 */
export type Notify = (tx: Tx | Db, input: NotifyInput) => Promise<number>;

export interface NotificationDeps {
  db: Db;
  clock: Clock;
}

export function createNotify(deps: { clock: Clock; jobs: JobQueue }): Notify {
  return async (tx, input) => {
    const kind = NotificationKind.parse(input.kind);
    const params = NotificationParams.parse(input.params ?? {});
    const link = input.link == null ? null : NotificationLink.parse(input.link);
    const id = await insertNotification(tx, { userId: input.userId, kind, params, link, createdAt: deps.clock.now() });
    if (input.outbound ?? isOutboundKind(kind)) {
      await deps.jobs.schedule(DELIVER_JOB, { notificationId: id }, { tx });
    }
    return id;
  };
}

function present(row: NotificationRow, locale: Locale): Notification {
  const text = renderNotification(row.kind, row.params, locale);
  return {
    id: row.id,
    kind: row.kind,
    title: text.title,
    body: text.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** The caller's own notifications, newest first, worded in the caller's language. */
export async function listNotifications(
  deps: NotificationDeps,
  actor: Actor,
  query: NotificationListQuery,
  locale: Locale,
): Promise<NotificationListResponse> {
  assertCan(actor, 'notification.read');
  const { rows, total, unread } = await listForUser(deps.db, actor.id, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    unreadOnly: query.unread === 'true',
  });
  return { items: rows.map((r) => present(r, locale)), total, page: query.page, pageSize: query.pageSize, unread };
}

export async function unreadCount(deps: NotificationDeps, actor: Actor): Promise<{ count: number }> {
  assertCan(actor, 'notification.read');
  return { count: await countUnread(deps.db, actor.id) };
}

/** Marks one of the caller's notifications read; someone else's is not found (404), as if it did not exist. */
export async function readNotification(
  deps: NotificationDeps,
  actor: Actor,
  id: number,
  locale: Locale,
): Promise<Notification> {
  assertCan(actor, 'notification.read');
  const row = await markRead(deps.db, actor.id, id, deps.clock.now());
  if (!row) throw new AppError('NOT_FOUND');
  return present(row, locale);
}

export async function readAllNotifications(deps: NotificationDeps, actor: Actor): Promise<{ updated: number }> {
  assertCan(actor, 'notification.read');
  return { updated: await markAllRead(deps.db, actor.id, deps.clock.now()) };
}

/** What the channels handled (held in the outbox, sent, skipped), newest first: admins. */
export async function listOutbox(deps: NotificationDeps, actor: Actor, query: PageQuery): Promise<OutboxListResponse> {
  assertCan(actor, 'notification.outbox');
  const { rows, total } = await listOutbound(deps.db, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    items: rows.map(({ message, userDisplayName }) => ({
      id: message.id,
      notificationId: message.notificationId,
      userId: message.userId,
      userDisplayName,
      channel: message.channel,
      recipient: message.recipient,
      locale: message.locale,
      title: message.title,
      body: message.body,
      link: message.link,
      status: message.status,
      createdAt: message.createdAt.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * The delivery job: words the notification in the recipient's language and hands it to the channel. Idempotent:
 * a message the channel already took is not sent again. No transaction is open while the gateway is called.
 */
export function deliverNotification(channel: OutboundChannel) {
  return async ({ notificationId }: { notificationId: number }, ctx: JobContext): Promise<void> => {
    const found = await findForDelivery(ctx.db, notificationId);
    if (!found || found.disabledAt) return;
    const done = await findOutbound(ctx.db, notificationId, channel.name);
    if (done && done.status !== 'failed') return;
    const { notification } = found;
    const locale = found.locale;
    const text = renderNotification(notification.kind, notification.params, locale);
    const base = {
      notificationId,
      userId: notification.userId,
      channel: channel.name,
      locale,
      title: text.title,
      body: text.body,
      link: notification.link,
    };
    try {
      const result = await channel.send({ ...base, phone: found.phone, wechatId: found.username });
      await recordOutbound(ctx.db, { ...base, ...result, createdAt: ctx.clock.now() });
    } catch (error) {
      await recordOutbound(ctx.db, { ...base, recipient: null, status: 'failed', createdAt: ctx.clock.now() });
      throw error;
    }
  };
}

export function registerNotificationJobs(jobs: JobQueue, channel: OutboundChannel): void {
  jobs.work(DELIVER_JOB, deliverNotification(channel), { retryLimit: 6, retryDelaySeconds: 60 });
}
