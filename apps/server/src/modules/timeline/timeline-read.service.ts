import type { CursorQuery, TimelinePage } from '@siyi/contracts';
import type { Db } from '../../db/database';
import { notFound } from '../../lib/app-error';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/can';
import { retailerScope } from '../access/data-scope';
import { findTimelinePageInScope } from './timeline.repository';
import { decodeCursor, encodeCursor } from './timeline-cursor';

/** A retailer's timeline, newest first, one keyset page at a time; outside the actor's scope it is 404. */
export async function getTimelinePage(
  deps: { db: Db },
  actor: Actor,
  retailerId: number,
  query: CursorQuery,
): Promise<TimelinePage> {
  const after = decodeCursor(query.cursor);
  // One more than asked tells whether another page follows.
  // A concern about the manager (服务态度, 强制搭配) is the supervisor's: its events never reach a manager.
  const rows = await findTimelinePageInScope(
    deps.db,
    retailerScope(actor),
    retailerId,
    after,
    query.limit + 1,
    actor.role === 'manager',
  );
  const target = rows[0];
  if (!target) throw notFound();
  assertCan(actor, 'retailer.readInternal', { districtId: target.districtId, managerId: target.managerId });
  const events = rows.flatMap((row) =>
    row.id === null || row.occurredAt === null || row.kind === null || row.cursorAt === null
      ? []
      : [
          {
            id: row.id,
            occurredAt: row.occurredAt.toISOString(),
            cursorAt: row.cursorAt,
            kind: row.kind,
            actorName: row.actorName,
            sourceType: row.sourceType ?? '',
            sourceId: row.sourceId ?? '',
            data: (row.data ?? {}) as Record<string, unknown>,
          },
        ],
  );
  const page = events.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorAt: _cursor, ...item }) => item),
    nextCursor: events.length > query.limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}
