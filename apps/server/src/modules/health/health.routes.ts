import { ErrorResponse, HealthResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { AppError } from '../../lib/app-error';

/**
 * Health answers from this process's knowledge of the database, without a query: on PGlite every query
 * waits its turn, and a health check stuck behind a slow report would call a busy server dead.
 */
export function registerHealthRoutes(app: AppInstance, database: Pick<Database, 'kind' | 'isAvailable'>) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], response: { 200: HealthResponse, 503: ErrorResponse } },
    },
    async () => {
      if (!database.isAvailable()) throw new AppError('SERVICE_UNAVAILABLE');
      return { status: 'ok' as const, database: database.kind };
    },
  );
}
