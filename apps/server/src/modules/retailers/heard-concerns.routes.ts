import { HeardConcern, HeardConcernInput, HeardConcernList, IdParams } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { type HeardConcernDeps, listHeardConcerns, recordHeardConcern } from './heard-concerns.service';

export function registerHeardConcernRoutes(app: AppInstance, deps: HeardConcernDeps) {
  app.get(
    '/api/retailers/:id/heard-concerns',
    {
      config: { access: rolesThatMay('retailer.readInternal') },
      schema: {
        tags: ['retailers'],
        summary: 'Concerns heard from a retailer (关注点)',
        description:
          'What the retailer said it cares about, latest heard first (up to 100): the day heard, the topic, the ' +
          'words, and who heard them. Outside the scope: 404; the retailer itself: 403.',
        params: IdParams,
        response: { 200: HeardConcernList, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listHeardConcerns(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/retailers/:id/heard-concerns',
    {
      config: { access: rolesThatMay('retailer.note'), multilineFields: ['body'] },
      schema: {
        tags: ['retailers'],
        summary: 'Record a concern heard from a retailer',
        description:
          'The day it was heard (not in the future, Asia/Shanghai), a short topic and the words; the signed-in ' +
          'staff member is recorded as the one who heard it. Audited, and added to the retailer’s timeline as ' +
          '`concern.heard`. Outside the scope: 404; in scope but not the retailer’s manager, the district’s ' +
          'supervisor or an admin: 403.',
        params: IdParams,
        body: HeardConcernInput,
        response: { 201: HeardConcern, ...errorResponses([400, 401, 403, 404, 413, 415]) },
      },
    },
    async (request, reply) => {
      const concern = await recordHeardConcern(deps, actorOf(request), request.id, request.params.id, request.body);
      return reply.status(201).send(concern);
    },
  );
}
