import { HealthResponse, HealthUnavailableResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';

/** Health asks the database through the same pool as every request: it is healthy when a query gets through. */
export function registerHealthRoutes(app: AppInstance, database: Pick<Database, 'kind' | 'ping'>) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether the server can reach its database',
        description:
          'Runs `select 1` through the connection pool (at most 3 s). `database` says which PostgreSQL serves: ' +
          '`embedded` (started by Siyi on its data directory) or `server` (DATABASE_URL). 503 when it does not answer.',
        response: { 200: HealthResponse, 503: HealthUnavailableResponse },
      },
    },
    async (_request, reply) => {
      if (await database.ping()) return { status: 'ok' as const, database: database.kind };
      return reply.code(503).send({ status: 'unavailable' as const, database: database.kind });
    },
  );
}
