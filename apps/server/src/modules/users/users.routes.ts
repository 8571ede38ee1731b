import { ErrorResponse, OrgUnitListResponse, UserListQuery, UserListResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { listOrgUnits, listUsers, type UserDeps } from './users.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

export function registerUserRoutes(app: AppInstance, deps: UserDeps) {
  app.get(
    '/api/users',
    {
      config: { access: ['admin'] },
      schema: { tags: ['users'], querystring: UserListQuery, response: { 200: UserListResponse, ...errors } },
    },
    async (request) => listUsers(deps, request.query),
  );

  app.get(
    '/api/org-units',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: {
        tags: ['users'],
        summary: 'The company and districts the caller may see',
        description:
          'Organisation units (company, districts) for pickers such as the district dashboard: all of them ' +
          'for an admin, the own district for a supervisor.',
        response: { 200: OrgUnitListResponse, ...errorResponses([401, 403]) },
      },
    },
    async (request) => listOrgUnits(deps, actorOf(request)),
  );
}
