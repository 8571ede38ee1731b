import {
  FollowUpItem,
  FollowUpListQuery,
  FollowUpListResponse,
  FollowUpParams,
  MarkFollowUpDoneBody,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { listFollowUps, markFollowUpDone } from './visit-follow-ups.service';
import type { VisitDeps } from './visits.service';

/** Promised follow-ups (跟进事项) of visits: the open ones by due date (My work), and marking one done. */
export function registerVisitFollowUpRoutes(app: AppInstance, deps: Pick<VisitDeps, 'db' | 'clock'>) {
  app.get(
    '/api/visits/follow-ups',
    {
      config: { access: ['admin', 'supervisor', 'manager'] as const },
      schema: {
        tags: ['visits'],
        summary: 'Open follow-ups promised on visits, by due date',
        description:
          'The follow-ups (跟进事项) of checked-in visits not yet done, by due date (YYYY-MM-DD, Asia/Shanghai) then ' +
          'visit: a manager’s own visits, a supervisor’s district’s, an admin’s all; `managerId` narrows. At most ' +
          '`limit` (default 100, up to 200); `truncated` says there are more. `overdue`: due before today.',
        querystring: FollowUpListQuery,
        response: { 200: FollowUpListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listFollowUps(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/visits/:id/follow-ups/:index/done',
    {
      config: { access: ['manager'] as const },
      schema: {
        tags: ['visits'],
        summary: 'Mark a promised follow-up done',
        description:
          'The visit’s manager ticks the follow-up at `index` (0-based) of its record as done, at any time after ' +
          'the visit (the record’s edit window does not apply). `text`: the follow-up as read — if the line now ' +
          'holds another (the record was edited) 409 CONFLICT. Done already 409 ILLEGAL_TRANSITION; no such ' +
          'follow-up 404; another manager’s visit 403 (out of scope 404). Audited (`visit.follow_up_done`) and on ' +
          'the retailer’s timeline.',
        params: FollowUpParams,
        body: MarkFollowUpDoneBody,
        response: { 200: FollowUpItem, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) =>
      markFollowUpDone(
        deps,
        { actor: actorOf(request), requestId: request.id },
        request.params.id,
        request.params.index,
        request.body,
      ),
  );
}
