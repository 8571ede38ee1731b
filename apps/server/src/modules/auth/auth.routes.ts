import {
  ChangePasswordRequest,
  ErrorResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  SessionUser,
  UpdatePreferencesRequest,
} from '@siyi/contracts';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import { AppError } from '../../lib/app-error';
import { sessionCookieName, sessionCookieOptions } from '../../plugins/auth';
import { type AuthContext, type AuthDeps, changePassword, login, logout, updatePreferences } from './auth.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse };

function requireAuth(context: AuthContext | null): AuthContext {
  if (!context) throw new AppError('UNAUTHENTICATED');
  return context;
}

export function registerAuthRoutes(
  app: AppInstance,
  deps: AuthDeps & { behindHttps: boolean; loginRateLimit: number },
) {
  const cookieName = sessionCookieName(deps.behindHttps);
  const cookieOptions = sessionCookieOptions(deps.behindHttps, deps.config.session.absoluteHours);

  app.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: deps.loginRateLimit, timeWindow: '5 minutes' },
      },
      schema: { tags: ['auth'], body: LoginRequest, response: { 200: LoginResponse, ...errors } },
    },
    async (request, reply) => {
      try {
        const { token, context } = await login(deps, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        request.log.info({ event: 'login.success', userId: context.user.id, role: context.user.role }, 'signed in');
        // A new session id at every sign-in: a token planted before sign-in is worthless (session fixation).
        reply.setCookie(cookieName, token, cookieOptions);
        return { user: context.user, csrfToken: context.csrfToken };
      } catch (error) {
        if (error instanceof AppError) {
          request.log.warn({ event: 'login.failure', code: error.code }, 'sign-in refused');
        }
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await logout(deps, requireAuth(request.auth));
      reply.clearCookie(cookieName, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: MeResponse, ...errors } } },
    async (request) => {
      const context = requireAuth(request.auth);
      return { user: context.user, csrfToken: context.csrfToken };
    },
  );

  app.patch(
    '/api/me/preferences',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: UpdatePreferencesRequest, response: { 200: SessionUser, ...errors } },
    },
    async (request) => updatePreferences(deps, requireAuth(request.auth), request.body),
  );

  app.post(
    '/api/me/password',
    {
      config: { access: 'authenticated', rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: { tags: ['auth'], body: ChangePasswordRequest, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await changePassword(deps, requireAuth(request.auth), request.body, request.id);
      return reply.status(204).send(null);
    },
  );
}
