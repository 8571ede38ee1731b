import {
  CreateUserRequest,
  IdParams,
  OrgUnitListResponse,
  ResetPasswordRequest,
  UpdateUserRequest,
  UserCommandRequest,
  UserDetail,
  UserListQuery,
  UserListResponse,
  UserWithPasswordResponse,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import {
  createUser,
  disableUser,
  enableUser,
  getUser,
  listOrgUnits,
  listUsers,
  resetPassword,
  type UserDeps,
  unlockUser,
  updateUser,
} from './users.service';

/** Every command here is `user.manage`: admins. */
const MANAGE = { access: rolesThatMay('user.manage') };
const AUDITED = 'Audited (who, when, before → after) in the same transaction as the change. Needs the CSRF token.';

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

  app.post(
    '/api/users',
    {
      config: MANAGE,
      schema: {
        tags: ['users'],
        summary: 'Create a staff user',
        description:
          'Creates an admin (in the company), a supervisor or a customer manager (in a district) with a user name ' +
          '(3–32 letters, digits, `.`, `_`, `-`; unique ignoring case), name, phone and an initial password: the ' +
          "admin's (the password policy applies, named per field) or, when omitted, a generated one answered once " +
          'in `generatedPassword`. The user must choose their own password at first sign-in. ' +
          AUDITED,
        body: CreateUserRequest,
        response: { 200: UserWithPasswordResponse, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => createUser(deps, actorOf(request), request.body, request.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: MANAGE,
      schema: {
        tags: ['users'],
        summary: 'Edit a user or move them to another district',
        description:
          'Changes the name or phone, or moves a supervisor or customer manager to another district. A manager ' +
          'who still has retailers is not moved (400 naming how many): hand the retailers to other managers of ' +
          'the district first (`POST /api/retailers/reassign`), since shops stay in their district. `version` is ' +
          'the one read; a stale one answers 409 CONFLICT with the user as it is now. ' +
          AUDITED,
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: UserDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => updateUser(deps, actorOf(request), request.params.id, request.body, request.id),
  );

  app.post(
    '/api/users/:id/disable',
    {
      config: MANAGE,
      schema: {
        tags: ['users'],
        summary: 'Disable a user',
        description:
          'Every session of the user ends at once and sign-in is refused with ACCOUNT_DISABLED (said only after ' +
          'the right password). Not for your own account. Disabling a disabled user changes nothing. `version`, ' +
          'when sent, must be current (else 409). ' +
          AUDITED,
        params: IdParams,
        body: UserCommandRequest.nullish(),
        response: { 200: UserDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => disableUser(deps, actorOf(request), request.params.id, request.body ?? {}, request.id),
  );

  app.post(
    '/api/users/:id/enable',
    {
      config: MANAGE,
      schema: {
        tags: ['users'],
        summary: 'Re-enable a user',
        description:
          'A disabled user may sign in again with the password they had. `version`, when sent, must be current ' +
          '(else 409). ' +
          AUDITED,
        params: IdParams,
        body: UserCommandRequest.nullish(),
        response: { 200: UserDetail, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => enableUser(deps, actorOf(request), request.params.id, request.body ?? {}, request.id),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: MANAGE,
      schema: {
        tags: ['users'],
        summary: "Reset a user's password",
        description:
          "Sets a temporary password — the admin's (the password policy applies) or, when omitted, a generated " +
          "one answered once in `generatedPassword`. The user's sessions end and sign-in locks are lifted; after " +
          'the next sign-in every route but `POST /api/me/password`, `GET /api/me`, preferences and sign-out ' +
          'answers 403 PASSWORD_CHANGE_REQUIRED until they choose their own. Not for your own account. ' +
          AUDITED,
        params: IdParams,
        body: ResetPasswordRequest.nullish(),
        response: { 200: UserWithPasswordResponse, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    },
    async (request) => resetPassword(deps, actorOf(request), request.params.id, request.body ?? {}, request.id),
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
