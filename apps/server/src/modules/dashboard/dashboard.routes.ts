import { DistrictDashboard, DistrictDashboardQuery, ErrorResponse, ManagerDashboard } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { actorOf } from '../access/request-actor';
import { type DashboardDeps, getDistrictDashboard, getManagerDashboard } from './dashboard.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function registerDashboardRoutes(app: AppInstance, deps: DashboardDeps) {
  app.get(
    '/api/dashboard/district',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: {
        tags: ['dashboard'],
        querystring: DistrictDashboardQuery,
        response: { 200: DistrictDashboard, ...errors },
      },
    },
    async (request) => getDistrictDashboard(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/dashboard/manager',
    {
      config: { access: ['manager'] },
      schema: { tags: ['dashboard'], response: { 200: ManagerDashboard, ...errors } },
    },
    async (request) => getManagerDashboard(deps, actorOf(request)),
  );
}
