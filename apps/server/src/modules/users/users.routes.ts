import { ErrorResponse, OrgUnitListResponse, UserListQuery, UserListResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
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
      schema: { tags: ['users'], response: { 200: OrgUnitListResponse, ...errors } },
    },
    async (request) => listOrgUnits(deps, actorOf(request)),
  );
}
