import { IdParams, OrgUnitListResponse, UserDetail, UserListQuery, UserListResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { getUser, listOrgUnits, listUsers, type UserDeps, unlockUser } from './users.service';

export function registerUserRoutes(app: AppInstance, deps: UserDeps) {
  app.get(
    '/api/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'List users',
        description:
          'Every account, staff first (admin, supervisors, managers), then retailers, paged; `q` searches the user ' +
          'name, name and phone, `role` narrows to one role. `locked` is true while any sign-in lock of the user ' +
          'runs. Admins only.',
        querystring: UserListQuery,
        response: { 200: UserListResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => listUsers(deps, request.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Open a user',
        description:
          'One user with the last sign-in, the running sign-in lock (a lock holds the user name from one ' +
          'address), the wrong passwords counted toward locks and the number of live sessions. Scoped like the ' +
          'list; a user outside the scope is not found (404). Admins only.',
        params: IdParams,
        response: { 200: UserDetail, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getUser(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Unlock a user',
        description:
          'Lifts every sign-in lock and failure count of the user, from all addresses, and records it in the ' +
          'audit trail (before: the lock and count lifted). Answers the user as it is now. Needs the CSRF token. ' +
          'Admins only.',
        params: IdParams,
        response: { 200: UserDetail, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => unlockUser(deps, actorOf(request), request.params.id, request.id),
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
