import {
  ApproveChangeRequestBody,
  ChangeRequest,
  ChangeRequestListQuery,
  ChangeRequestListResponse,
  CreateChangeRequestBody,
  IdParams,
  RejectChangeRequestBody,
  RetailerChangeRequestsResponse,
  WithdrawChangeRequestBody,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import {
  approveRequest,
  type ChangeRequestDeps,
  createRequest,
  listRequests,
  listRetailerRequests,
  rejectRequest,
  withdrawRequest,
} from './change-requests.service';

const everyone = { access: ['admin', 'supervisor', 'manager', 'retailer'] as const };
const deciders = rolesThatMay('retailer.decideChange');
const requesters = rolesThatMay('retailer.requestChange');

/** A retailer's requests to change its contacts and hours, and its staff's decisions on them. */
export function registerChangeRequestRoutes(app: AppInstance, deps: ChangeRequestDeps) {
  const context = (request: Parameters<typeof actorOf>[0]) => ({ actor: actorOf(request), requestId: request.id });

  app.post(
    '/api/retailers/:id/change-requests',
    {
      config: { access: requesters, multilineFields: ['note'] },
      schema: {
        tags: ['change-requests'],
        summary: 'Ask to change one’s contacts or hours',
        description:
          'The retailer itself (its portal) asks for a change to its phone, other contacts, opening hours, closed ' +
          'weekdays or best visit hours, with an optional note. Only the fields that differ from the record are ' +
          'kept, with their values now (before). Nothing different is 400; a request already pending is 409 ' +
          '(withdraw it first). Its manager, the district’s supervisor or an admin then approves or rejects it.',
        params: IdParams,
        body: CreateChangeRequestBody,
        response: { 201: ChangeRequest, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRequest(deps, context(request), request.params.id, request.body)),
  );

  app.get(
    '/api/retailers/:id/change-requests',
    {
      config: everyone,
      schema: {
        tags: ['change-requests'],
        summary: 'A retailer’s change requests',
        description:
          'The last 50 requests of a retailer in the caller’s scope, newest first, with their outcome and the ' +
          'reason of a rejection; `canRequest` says whether the caller may ask for a change now. Out of scope 404.',
        params: IdParams,
        response: { 200: RetailerChangeRequestsResponse, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => listRetailerRequests(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/change-requests',
    {
      config: { access: deciders },
      schema: {
        tags: ['change-requests'],
        summary: 'Change requests waiting for a decision',
        description:
          'The change requests of the retailers in the caller’s scope with `status` (pending by default: oldest ' +
          'first; decided ones newest first), each with before, asked and current values and the retailer’s ' +
          'version to approve with. Customer managers, supervisors and admins.',
        querystring: ChangeRequestListQuery,
        response: { 200: ChangeRequestListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listRequests(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/change-requests/:id/approve',
    {
      config: { access: deciders },
      schema: {
        tags: ['change-requests'],
        summary: 'Approve a change request',
        description:
          'Applies the asked values to the retailer in one transaction: the request closes at its `version`, the ' +
          'retailer is written at `retailerVersion` (either changed meanwhile is 409 with the current values, and ' +
          'nothing is written), audited before → after, and `profile.updated` is added to the timeline with the ' +
          'request as its source. Its manager, the district’s supervisor or an admin; out of scope 404.',
        params: IdParams,
        body: ApproveChangeRequestBody,
        response: { 200: ChangeRequest, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => approveRequest(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/change-requests/:id/reject',
    {
      config: { access: deciders, multilineFields: ['reason'] },
      schema: {
        tags: ['change-requests'],
        summary: 'Reject a change request with a reason',
        description:
          'Closes the request without touching the retailer; the `reason` (required) is shown to the retailer. ' +
          'A request decided meanwhile is 409. Its manager, the district’s supervisor or an admin; out of scope 404.',
        params: IdParams,
        body: RejectChangeRequestBody,
        response: { 200: ChangeRequest, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => rejectRequest(deps, context(request), request.params.id, request.body),
  );

  app.post(
    '/api/change-requests/:id/withdraw',
    {
      config: { access: requesters },
      schema: {
        tags: ['change-requests'],
        summary: 'Withdraw one’s own pending change request',
        description:
          'The retailer takes back a request that is still pending (to ask again differently). A request decided ' +
          'meanwhile is 409.',
        params: IdParams,
        body: WithdrawChangeRequestBody,
        response: { 200: ChangeRequest, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => withdrawRequest(deps, context(request), request.params.id, request.body),
  );
}
