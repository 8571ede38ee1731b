/**
 * Promised follow-ups (跟进事项): what a manager agreed with a retailer on a visit (kept in the visit's record,
 * `followUps`: text, due date, done). My work lists the open ones next to the concerns the manager owns, by
 * deadline; the manager marks one done when it is kept.
 *
 * - `GET  /api/visits/follow-ups?managerId=&limit=` → FollowUpListResponse: open follow-ups by due date (a manager:
 *   of its own visits; a supervisor: of its district's visits; an admin: all; `managerId` narrows)
 * - `POST /api/visits/:id/follow-ups/:index/done` `{ text }` → FollowUpItem (the visit's manager; audited, on the
 *   retailer's timeline as `visit.follow_up_done`); `text` is the follow-up as read — when the record changed and
 *   the index now holds another one: 409 CONFLICT; done already: 409 ILLEGAL_TRANSITION; no such index: 404
 */
import { z } from 'zod';
import { CalendarDate } from './retailer-profile';

const queryId = z.coerce.number().int().positive().max(2_147_483_647);

/** Message keys (worded in the server catalogue). */
export const followUpMessages = {
  alreadyDone: 'followUp.alreadyDone',
  changed: 'followUp.changed',
} as const;

export const FollowUpListQuery = z.object({
  /** A supervisor's or admin's narrowing to one manager (a manager always gets its own). */
  managerId: queryId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type FollowUpListQuery = z.input<typeof FollowUpListQuery>;

export const FollowUpParams = z.object({
  id: queryId,
  /** The follow-up's place in the visit record's list (0-based). */
  index: z.coerce.number().int().min(0).max(19),
});

export const MarkFollowUpDoneBody = z.strictObject({
  /** The follow-up's text as read (so a record edited meanwhile is not ticked at the wrong line). */
  text: z.string().max(2000),
});
export type MarkFollowUpDoneBody = z.input<typeof MarkFollowUpDoneBody>;

const Person = z.object({ id: z.number().int(), name: z.string() });

export const FollowUpItem = z
  .object({
    visitId: z.number().int(),
    index: z.number().int(),
    text: z.string(),
    /** YYYY-MM-DD (Asia/Shanghai): kept by the end of that day. */
    dueDate: CalendarDate,
    /** The due date is before today (Asia/Shanghai). */
    overdue: z.boolean(),
    done: z.boolean(),
    retailerId: z.number().int(),
    shopName: z.string(),
    manager: Person,
    /** When the visit checked in (UTC ISO-8601). */
    visitedAt: z.iso.datetime().nullable(),
    /** The visit's manager, now: may mark it done. */
    canMarkDone: z.boolean(),
  })
  .meta({ id: 'FollowUpItem' });
export type FollowUpItem = z.infer<typeof FollowUpItem>;

export const FollowUpListResponse = z.object({
  items: z.array(FollowUpItem),
  /** More open follow-ups than `limit`: the latest due ones were left out. */
  truncated: z.boolean(),
});
export type FollowUpListResponse = z.infer<typeof FollowUpListResponse>;
