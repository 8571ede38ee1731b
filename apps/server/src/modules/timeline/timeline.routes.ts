import { CursorQuery, IdParams, TimelinePage } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import type { Db } from '../../db/database';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { getTimelinePage } from './timeline-read.service';

export function registerTimelineRoutes(app: AppInstance, deps: { db: Db }) {
  app.get(
    '/api/retailers/:id/timeline',
    {
      config: { access: rolesThatMay('retailer.readInternal') },
      schema: {
        tags: ['retailers'],
        summary: 'Everything that happened to a retailer, newest first',
        description:
          'One keyset page of the retailer’s timeline — profile changes, concerns heard, tier and assignment ' +
          'changes, orders and, later, visits — each with its kind, time, who did it and the record behind it. ' +
          'Pass the answer’s `nextCursor` as `cursor` for the next page; null means there is none. Outside the ' +
          'caller’s scope the answer is 404; the retailer itself sees its profile only (403).',
        params: IdParams,
        querystring: CursorQuery,
        response: { 200: TimelinePage, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getTimelinePage(deps, actorOf(request), request.params.id, request.query),
  );
}
