import { HealthResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { AppError } from '../../lib/app-error';
import { errorResponses } from '../../plugins/openapi';

/**
 * Health answers from this process's knowledge of the database, without a query: on PGlite every query
 * waits its turn, and a health check stuck behind a slow report would call a busy server dead.
 */
export function registerHealthRoutes(app: AppInstance, database: Pick<Database, 'kind' | 'isAvailable'>) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether the server and its database are up',
        description:
          'For load balancers and monitoring; no sign-in needed. 200 with the kind of database in use ' +
          '(`embedded` or `server`), or 503 while the database is unavailable.',
        response: { 200: HealthResponse, ...errorResponses([503]) },
      },
    },
    async () => {
      if (!database.isAvailable()) throw new AppError('SERVICE_UNAVAILABLE');
      return { status: 'ok' as const, database: database.kind };
    },
  );
}
