import { DistrictDashboard, DistrictDashboardQuery, ManagerDashboard } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { actorOf } from '../access/request-actor';
import { type DashboardDeps, getDistrictDashboard, getManagerDashboard } from './dashboard.service';

export function registerDashboardRoutes(app: AppInstance, deps: DashboardDeps) {
  app.get(
    '/api/dashboard/district',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: {
        tags: ['dashboard'],
        summary: 'A district’s figures',
        description:
          'Retailer and manager counts, weekly cartons, amount and ordering retailers over the last `weeks` ' +
          'weeks, the tier distribution and each customer manager’s recent figures. A supervisor always gets ' +
          'their own district; an admin names one with `districtId` (400 without it, 404 for an unknown one).',
        querystring: DistrictDashboardQuery,
        response: { 200: DistrictDashboard, ...errorResponses([400, 401, 403, 404]) },
      },
    },
    async (request) => getDistrictDashboard(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/dashboard/manager',
    {
      config: { access: ['manager'] },
      schema: {
        tags: ['dashboard'],
        summary: 'The signed-in customer manager’s figures',
        description:
          'For the customer manager’s own retailers: how many, weekly cartons, amount and ordering retailers, ' +
          'and the tier distribution. Customer managers only (403 for other roles).',
        response: { 200: ManagerDashboard, ...errorResponses([401, 403]) },
      },
    },
    async (request) => getManagerDashboard(deps, actorOf(request)),
  );
}
