import { ROUTE_MAX_DAYS, ROUTE_MAX_STOPS, RouteOptimizeRequest, RouteOptimizeResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { errorResponses } from '../../plugins/openapi';
import { optimizeRoutes, type RouteDeps } from './routes.service';

export function registerRouteRoutes(app: AppInstance, deps: RouteDeps = {}) {
  app.post(
    '/api/routes/optimize',
    {
      config: { access: ['manager', 'supervisor'] },
      // 500 stops with ids, coordinates and windows are about 60 KB of JSON: above the app-wide 64 KB default.
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['routes'],
        summary: 'Plan a day’s or a week’s visit routes',
        description:
          `Orders visits into routes from the base \`start\` and back, shortest first, keeping every shop's ` +
          'opening hours (`window`, `HH:MM` local time: the whole visit, its `serviceMinutes` included, lies ' +
          'within it). Without `days`, one day from `startTime` to `endTime` (08:30–18:00 by default); with ' +
          `\`days\` (up to ${ROUTE_MAX_DAYS}), a week plan where each day has its own hours and optional caps ` +
          '(`maxVisits`, `maxMinutes`) and a stop may be pinned to a day by its index (`day`). Distances are ' +
          'great-circle × 1.3 at 25 km/h. Stops that cannot be fitted are listed in `unassigned` with a reason, ' +
          `never dropped. At most ${ROUTE_MAX_STOPS} stops; ids must be unique. Answers within about 1.5 s ` +
          '(a day of 30 stops in well under half a second). Managers and supervisors; needs the CSRF token.',
        body: RouteOptimizeRequest,
        response: { 200: RouteOptimizeResponse, ...errorResponses([400, 401, 403, 413]) },
      },
    },
    async (request) => optimizeRoutes(deps, request.body, request.locale),
  );
}
