import type { NotificationParams, OutboundChannelName } from '@siyi/contracts';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { notifications, outboundMessages, users } from '../../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotification(
  db: Db,
  values: { userId: number; kind: string; params: NotificationParams; link: string | null; createdAt: Date },
): Promise<number> {
  const [row] = await db.insert(notifications).values(values).returning({ id: notifications.id });
  if (!row) throw new Error('notification not written');
  return row.id;
}

/** One page of a user's own notifications, newest first. */
export async function listForUser(
  db: Db,
  userId: number,
  page: { offset: number; limit: number; unreadOnly: boolean },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const own = eq(notifications.userId, userId);
  const where = page.unreadOnly ? and(own, isNull(notifications.readAt)) : own;
  const [rows, [totals], unread] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(notifications).where(where),
    countUnread(db, userId),
  ]);
  return { rows, total: totals?.n ?? 0, unread };
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's own notifications read (kept as first read); null when it is not the user's. */
export async function markRead(db: Db, userId: number, id: number, at: Date): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return row ?? null;
}

export async function markAllRead(db: Db, userId: number, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** A notification with what its delivery needs of the user; null once it is gone. */
export async function findForDelivery(db: Db, id: number) {
  const [row] = await db
    .select({
      notification: notifications,
      locale: users.locale,
      phone: users.phone,
      username: users.username,
      disabledAt: users.disabledAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, id));
  return row ?? null;
}

export async function findOutbound(db: Db, notificationId: number, channel: OutboundChannelName) {
  const [row] = await db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.notificationId, notificationId), eq(outboundMessages.channel, channel)));
  return row ?? null;
}

export async function recordOutbound(db: Db, values: typeof outboundMessages.$inferInsert): Promise<void> {
  await db
    .insert(outboundMessages)
    .values(values)
    .onConflictDoUpdate({
      target: [outboundMessages.notificationId, outboundMessages.channel],
      set: { status: values.status, recipient: values.recipient, createdAt: values.createdAt },
    });
}

export async function listOutbound(db: Db, page: { offset: number; limit: number }) {
  const [rows, [totals]] = await Promise.all([
    db
      .select({ message: outboundMessages, userDisplayName: users.displayName })
      .from(outboundMessages)
      .innerJoin(users, eq(users.id, outboundMessages.userId))
      .orderBy(desc(outboundMessages.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(outboundMessages),
  ]);
  return { rows, total: totals?.n ?? 0 };
}
