import { HealthResponse, HealthUnavailableResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { errorMessage } from '../../plugins/i18n';

const unavailableExample = {
  code: 'SERVICE_UNAVAILABLE' as const,
  message: errorMessage('SERVICE_UNAVAILABLE', 'en'),
  requestId: '0b9a4c52-5d0e-4a57-9a53-2f4d1d6c1a7e',
  status: 'unavailable' as const,
  database: 'embedded' as const,
};

/** Health asks the database through the same pool as every request: it is healthy when a query gets through. */
export function registerHealthRoutes(app: AppInstance, database: Pick<Database, 'kind' | 'ping'>) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Whether the server and its database are up',
        description:
          'For load balancers and monitoring; no sign-in needed. Runs `select 1` through the connection pool ' +
          '(at most 3 s). 200 names the database in use: `embedded` (the PostgreSQL Siyi starts on its data ' +
          'directory) or `server` (DATABASE_URL); 503 while the database does not answer.',
        response: {
          200: HealthResponse,
          503: HealthUnavailableResponse.meta({
            description: 'The database is not available. Code: SERVICE_UNAVAILABLE.',
            examples: [unavailableExample],
          }),
        },
      },
    },
    async (request, reply) => {
      if (await database.ping()) return { status: 'ok' as const, database: database.kind };
      return reply.code(503).send({
        code: 'SERVICE_UNAVAILABLE' as const,
        message: errorMessage('SERVICE_UNAVAILABLE', request.locale),
        requestId: request.id,
        status: 'unavailable' as const,
        database: database.kind,
      });
    },
  );
}
