/**
 * Promised follow-ups (跟进事项): the open ones of the visits in scope, by due date, for My work; and marking one
 * done (the visit's manager) — audited and on the retailer's timeline. They live in the visit's record
 * (`record.followUps`), so no table of their own: a manager's visits are few and indexed by manager.
 */
import { dateOfDay, shanghaiDay } from '@siyi/algorithms';
import {
  emptyVisitRecord,
  type FollowUpItem,
  type FollowUpListQuery,
  type FollowUpListResponse,
  followUpMessages,
  type MarkFollowUpDoneBody,
  type VisitRecord,
} from '@siyi/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { retailers, users, visits } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../lib/app-error';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import { appendTimelineEvent } from '../timeline/timeline.service';
import * as repo from './visits.repository';
import type { RequestContext, VisitDeps } from './visits.service';

/** Whose follow-ups an actor reads: a manager its own visits'; a supervisor its district's; an admin all. */
function followUpScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'supervisor':
      return sql`${visits.districtId} = ${actor.orgUnitId}`;
    case 'manager':
      return sql`${visits.managerId} = ${actor.id}`;
    default:
      return sql`false`;
  }
}

interface FollowUpRow extends Record<string, unknown> {
  visit_id: number;
  idx: number;
  text: string;
  due_date: string;
  retailer_id: number;
  shop_name: string;
  manager_id: number;
  manager_name: string | null;
  check_in_at: string | Date | null;
}

const isoOf = (value: string | Date | null) =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

function toItem(actor: Actor, row: FollowUpRow, today: string, done: boolean): FollowUpItem {
  return {
    visitId: Number(row.visit_id),
    index: Number(row.idx),
    text: row.text,
    dueDate: row.due_date,
    overdue: !done && row.due_date < today,
    done,
    retailerId: Number(row.retailer_id),
    shopName: row.shop_name,
    manager: { id: Number(row.manager_id), name: row.manager_name ?? '' },
    visitedAt: isoOf(row.check_in_at),
    canMarkDone: !done && actor.role === 'manager' && actor.id === Number(row.manager_id),
  };
}

/**
 * Open follow-ups of the visits in scope (checked in, with a record), by due date then visit, at most `limit`
 * (`truncated` when more). A manager's own; a supervisor's district's; an admin's all; `managerId` narrows.
 */
export async function listFollowUps(
  deps: Pick<VisitDeps, 'db' | 'clock'>,
  actor: Actor,
  query: z.output<typeof FollowUpListQuery>,
): Promise<FollowUpListResponse> {
  const today = dateOfDay(shanghaiDay(deps.clock.now()));
  const narrow = query.managerId === undefined ? sql`true` : sql`${visits.managerId} = ${query.managerId}`;
  const result = await deps.db.execute<FollowUpRow>(sql`
    select ${visits.id} as visit_id, (f.ord - 1)::int as idx, f.item->>'text' as text,
           f.item->>'dueDate' as due_date, ${visits.retailerId} as retailer_id, ${retailers.shopName} as shop_name,
           ${visits.managerId} as manager_id, ${users.displayName} as manager_name, ${visits.checkInAt} as check_in_at
    from ${visits}
    join ${retailers} on ${retailers.id} = ${visits.retailerId}
    left join ${users} on ${users.id} = ${visits.managerId}
    cross join lateral jsonb_array_elements(
      case when jsonb_typeof(${visits.record}->'followUps') = 'array' then ${visits.record}->'followUps' else '[]'::jsonb end
    ) with ordinality as f(item, ord)
    where ${followUpScope(actor)} and ${narrow}
      and ${visits.status} in ('in_progress', 'done')
      and coalesce((f.item->>'done')::boolean, false) = false
    order by f.item->>'dueDate', ${visits.id}, f.ord
    limit ${query.limit + 1}`);
  const rows = result.rows;
  return {
    items: rows.slice(0, query.limit).map((row) => toItem(actor, row, today, false)),
    truncated: rows.length > query.limit,
  };
}

/**
 * The visit's manager marks one of its follow-ups done, whenever (not bound to the record's edit window): out of
 * scope 404, another's visit 403, no follow-up at `index` 404, the line now holds another text (the record was
 * edited) 409 CONFLICT, done already 409 ILLEGAL_TRANSITION. Audited; `visit.follow_up_done` on the timeline.
 */
export async function markFollowUpDone(
  deps: Pick<VisitDeps, 'db' | 'clock'>,
  context: RequestContext,
  visitId: number,
  index: number,
  body: MarkFollowUpDoneBody,
): Promise<FollowUpItem> {
  const { actor } = context;
  const row = await repo.findVisitInScope(deps.db, repo.visitScope(actor), visitId);
  if (!row) throw notFound();
  if (actor.role !== 'manager' || actor.id !== row.managerId) throw new AppError('FORBIDDEN');
  const at = deps.clock.now();
  const today = dateOfDay(shanghaiDay(at));
  const done = await inTransaction(deps.db, async (tx) => {
    const locked = await repo.lockVisit(tx, visitId);
    if (!locked) throw notFound();
    const record: VisitRecord = locked.record ?? emptyVisitRecord();
    const followUp = record.followUps[index];
    if (!followUp) throw notFound();
    if (followUp.text !== body.text) {
      throw new AppError('CONFLICT', { text: followUpMessages.changed });
    }
    if (followUp.done) throw new AppError('ILLEGAL_TRANSITION', { index: followUpMessages.alreadyDone });
    const followUps = record.followUps.map((f, i) => (i === index ? { ...f, done: true } : f));
    await repo.updateVisit(tx, visitId, { record: { ...record, followUps } }, at);
    await recordAudit(
      tx,
      { actor, at, requestId: context.requestId },
      {
        entityType: 'visit',
        entityId: visitId,
        action: 'visit.follow_up_done',
        before: { index, text: followUp.text, dueDate: followUp.dueDate, done: false },
        after: { index, text: followUp.text, dueDate: followUp.dueDate, done: true },
        districtId: locked.districtId,
      },
    );
    await appendTimelineEvent(tx, {
      retailerId: locked.retailerId,
      districtId: locked.districtId,
      occurredAt: at,
      kind: 'visit.follow_up_done',
      actorUserId: actor.id,
      sourceType: 'visit',
      sourceId: String(visitId),
      data: { visitId, text: followUp.text.slice(0, 200), dueDate: followUp.dueDate },
    });
    return followUp;
  });
  return toItem(
    actor,
    {
      visit_id: visitId,
      idx: index,
      text: done.text,
      due_date: done.dueDate,
      retailer_id: row.retailerId,
      shop_name: row.shopName,
      manager_id: row.managerId,
      manager_name: row.managerName,
      check_in_at: row.checkInAt,
    },
    today,
    true,
  );
}
