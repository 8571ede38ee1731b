import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { retailers, timelineEvents, users } from '../../db/schema';

const actor = alias(users, 'actor');

/** Keyset position: the last item's time (microseconds, as PostgreSQL keeps it) and id. */
export interface TimelineKey {
  at: string;
  id: number;
}

/**
 * One page of a retailer's timeline, newest first, in one query: the retailer is read with the actor's scope and
 * its events joined laterally, so a retailer outside the scope gives no row at all (404) and one in scope with no
 * events gives a single row without an event. Keyset on (occurred_at, id): deep pages cost what the first does.
 */
export async function findTimelinePageInScope(
  db: Db,
  scope: SQL,
  retailerId: number,
  after: TimelineKey | null,
  limit: number,
  /** Leave out events marked `restricted` (a concern about the manager itself: 服务态度, 强制搭配). */
  hideRestricted = false,
) {
  const page = db
    .select({
      id: timelineEvents.id,
      occurredAt: timelineEvents.occurredAt,
      cursorAt:
        sql<string>`to_char(${timelineEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
          'cursor_at',
        ),
      kind: timelineEvents.kind,
      actorUserId: timelineEvents.actorUserId,
      sourceType: timelineEvents.sourceType,
      sourceId: timelineEvents.sourceId,
      data: timelineEvents.data,
    })
    .from(timelineEvents)
    .where(
      and(
        sql`${timelineEvents.retailerId} = ${retailers.id}`,
        hideRestricted ? sql`not (${timelineEvents.data} @> '{"restricted": true}'::jsonb)` : undefined,
        after
          ? sql`(${timelineEvents.occurredAt}, ${timelineEvents.id}) < (${after.at}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
    .limit(limit)
    .as('page');
  return db
    .select({
      districtId: retailers.districtId,
      managerId: retailers.managerId,
      id: page.id,
      occurredAt: page.occurredAt,
      cursorAt: page.cursorAt,
      kind: page.kind,
      actorName: actor.displayName,
      sourceType: page.sourceType,
      sourceId: page.sourceId,
      data: page.data,
    })
    .from(retailers)
    .leftJoinLateral(page, sql`true`)
    .leftJoin(actor, eq(actor.id, page.actorUserId))
    .where(and(scope, eq(retailers.id, retailerId)))
    .orderBy(sql`${page.occurredAt} desc nulls last`, sql`${page.id} desc nulls last`);
}
