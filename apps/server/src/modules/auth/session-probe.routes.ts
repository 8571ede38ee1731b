import { SessionProbeResponse } from '@siyi/contracts';
import type { AppInstance } from '../../app';
import { sessionCookieName } from '../../plugins/auth';
import { errorResponses } from '../../plugins/openapi';

/**
 * "Is anyone signed in here?" — the web app's start-up question. Nobody being signed in is a normal answer,
 * not an error, so it is a 200 with `session: null` (a 401 would be logged as an error in every visitor's
 * console). GET /api/me keeps answering 401 for API clients that expect a session.
 */
export function registerSessionProbeRoute(app: AppInstance, options: { behindHttps: boolean }) {
  const cookieName = sessionCookieName(options.behindHttps);
  app.get(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The current session, if any',
        description:
          'The signed-in user and the CSRF token, as GET /api/me gives them, or `session: null` when nobody is ' +
          'signed in or the session has ended (its cookie is then cleared). Never 401: for start-up checks.',
        response: { 200: SessionProbeResponse, ...errorResponses([400]) },
      },
    },
    async (request, reply) => {
      if (!request.auth) {
        if (request.sessionExpired) reply.clearCookie(cookieName, { path: '/' });
        return { session: null };
      }
      return { session: { user: request.auth.user, csrfToken: request.auth.csrfToken } };
    },
  );
}
