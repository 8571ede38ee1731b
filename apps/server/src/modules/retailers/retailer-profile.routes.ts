import { CursorQuery, HistoryPage, IdParams, RetailerProfile, RetailerProfilePatch } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import {
  getRetailerHistory,
  getRetailerProfile,
  type ProfileDeps,
  updateRetailerProfile,
} from './retailer-profile.service';

export function registerRetailerProfileRoutes(app: AppInstance, deps: ProfileDeps) {
  app.get(
    '/api/retailers/:id',
    {
      config: { access: rolesThatMay('retailer.read') },
      schema: {
        tags: ['retailers'],
        summary: 'One retailer’s full record (客户档案) with its version',
        description:
          'Every archive field — basic, network, licence (with `licenceState`: `expiringSoon` when it ends ' +
          'within 60 days, `expired`, `valid`, `unknown`), contacts, notes — the customer manager, the tier ' +
          'history, `version` (send it back with an edit) and `canEdit`. A retailer outside the caller’s scope ' +
          'is 404, exactly like one that does not exist; a retailer reading itself gets no staff notes.',
        params: IdParams,
        response: { 200: RetailerProfile, ...errorResponses([400, 401, 404]) },
      },
    },
    async (request) => getRetailerProfile(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/retailers/:id',
    {
      config: { access: rolesThatMay('retailer.update'), multilineFields: ['notes'] },
      schema: {
        tags: ['retailers'],
        summary: 'Edit a retailer’s record (versioned)',
        description:
          'Send the `version` you read and only the fields that changed. Each field is checked (licence number ' +
          'format and county, phone, hours, dates with valid-to on or after valid-from, credit grade, other ' +
          'contacts …) with a message per field in the caller’s language. A stale `version` answers 409 CONFLICT ' +
          'with `current`, the record as it is now, and changes nothing. The change is audited (before → after ' +
          'of the changed fields) and appears on the timeline as `profile.updated`. Outside the scope: 404; ' +
          'in scope but not the retailer’s manager, the district’s supervisor or an admin: 403.',
        params: IdParams,
        body: RetailerProfilePatch,
        response: { 200: RetailerProfile, ...errorResponses([400, 401, 403, 404, 409, 413, 415]) },
      },
    },
    async (request) => updateRetailerProfile(deps, actorOf(request), request.id, request.params.id, request.body),
  );

  app.get(
    '/api/retailers/:id/history',
    {
      config: { access: rolesThatMay('retailer.readInternal') },
      schema: {
        tags: ['retailers'],
        summary: 'Who changed a retailer’s record, when, and what (before → after)',
        description:
          'The retailer’s entries in the audit trail, newest first, one keyset page at a time: who (name and ' +
          'role), when, the action and each changed field’s value before and after. Pass `nextCursor` as ' +
          '`cursor` for the next page. Outside the scope: 404; the retailer itself: 403.',
        params: IdParams,
        querystring: CursorQuery,
        response: { 200: HistoryPage, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getRetailerHistory(deps, actorOf(request), request.params.id, request.query),
  );
}
