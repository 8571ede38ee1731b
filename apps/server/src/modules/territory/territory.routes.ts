import {
  ReassignRetailersRequest,
  ReassignRetailersResponse,
  TerritoryManagersQuery,
  TerritoryManagersResponse,
  TerritoryRetailersQuery,
  TerritoryRetailersResponse,
} from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { rolesThatMay } from '../access/can';
import { actorOf } from '../access/request-actor';
import { listDistrictManagers, listManagerRetailers, reassignRetailers, type TerritoryDeps } from './territory.service';

/** Admins anywhere; a supervisor within their own district (the rule in can.ts, applied per retailer). */
const REASSIGN = { access: rolesThatMay('retailer.reassign') };

export function registerTerritoryRoutes(app: AppInstance, deps: TerritoryDeps) {
  app.post(
    '/api/retailers/reassign',
    {
      config: REASSIGN,
      schema: {
        tags: ['territory'],
        summary: 'Hand retailers to another customer manager',
        description:
          'Moves one or many retailers (up to 2,000, no id twice) to `toManagerId`, with an optional reason, all or ' +
          "nothing: a retailer outside the caller's scope makes it 404 (none moves), one in a district the caller " +
          "may not reassign in 403, and a new manager who is not an active customer manager of every retailer's " +
          'district 400 on `toManagerId`. Admins anywhere; a supervisor within their district. Each moved retailer ' +
          'gets an audit entry (manager before → after, reason) and an `assignment.changed` timeline event, and ' +
          'its open concerns the old manager owned (not 服务态度/强制搭配, not those escalated to the supervisor) go ' +
          'to the new manager (`reassigned`, reason `retailer_moved`, who is notified), in one transaction; its ' +
          '`version` goes up. Retailers that already have this manager are counted as ' +
          '`unchanged`. Needs the CSRF token.',
        body: ReassignRetailersRequest,
        response: { 200: ReassignRetailersResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => reassignRetailers(deps, actorOf(request), request.body, request.id),
  );

  app.get(
    '/api/territory/managers',
    {
      config: REASSIGN,
      schema: {
        tags: ['territory'],
        summary: "A district's customer managers and their retailer counts",
        description:
          'For choosing who gives and who takes retailers: every customer manager of the district (disabled ones ' +
          'marked) with the number of retailers each has, and how many have no manager. Admins: any district; a ' +
          'supervisor: their own (another is 404).',
        querystring: TerritoryManagersQuery,
        response: { 200: TerritoryManagersResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listDistrictManagers(deps, actorOf(request), request.query.districtId),
  );

  app.get(
    '/api/territory/retailers',
    {
      config: REASSIGN,
      schema: {
        tags: ['territory'],
        summary: "One manager's retailers, to pick from",
        description:
          'Every retailer of one customer manager of the district (`managerId`), or those without a manager ' +
          '(`managerId=none`), by shop name, up to 2,000 (`truncated` says when there are more). Scoped like ' +
          'the managers list.',
        querystring: TerritoryRetailersQuery,
        response: { 200: TerritoryRetailersResponse, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => listManagerRetailers(deps, actorOf(request), request.query),
  );
}
