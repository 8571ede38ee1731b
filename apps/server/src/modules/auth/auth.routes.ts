import {
  ChangePasswordRequest,
  ChangePasswordResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  SessionUser,
  UpdatePreferencesRequest,
} from '@siyi/contracts';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppInstance } from '../../app';
import { AppError } from '../../lib/app-error';
import { sessionCookieName, sessionCookieOptions } from '../../plugins/auth';
import { errorResponses } from '../../plugins/openapi';
import { type AuthContext, type AuthDeps, changePassword, login, logout, updatePreferences } from './auth.service';

function requireAuth(context: AuthContext | null): AuthContext {
  if (!context) throw new AppError('UNAUTHENTICATED');
  return context;
}

/** A throttled answer says when to come back. */
function withRetryAfter(reply: FastifyReply, error: unknown): unknown {
  if (error instanceof AppError && typeof error.params?.retryAfter === 'number') {
    reply.header('retry-after', String(error.params.retryAfter));
  }
  return error;
}

const THROTTLING =
  'Throttled in the database, per user name as typed and client address: 5 consecutive wrong passwords lock ' +
  'that name from that address for 15 minutes (423); SIYI_LOGIN_RATE_LIMIT attempts per name and address ' +
  'and ten times as many per address per 5 minutes (429 with Retry-After). Unknown names answer exactly as ' +
  'known ones.';

export function registerAuthRoutes(app: AppInstance, deps: AuthDeps & { behindHttps: boolean }) {
  const cookieName = sessionCookieName(deps.behindHttps);
  const cookieOptions = sessionCookieOptions(deps.behindHttps, deps.config.session.absoluteHours);

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        description:
          'Checks a user name (a retailer signs in with its licence number) and password and starts a session: ' +
          'a new httpOnly `siyi_sid` cookie at every sign-in, and the CSRF token to send in `x-csrf-token` on ' +
          `every state-changing request. ${THROTTLING}`,
        body: LoginRequest,
        response: { 200: LoginResponse, ...errorResponses([400, 401, 423, 429]) },
      },
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
        throw withRetryAfter(reply, error);
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out',
        description: 'Ends the current session and clears its cookie.',
        response: { 204: z.null(), ...errorResponses([401, 403]) },
      },
    },
    async (request, reply) => {
      await logout(deps, requireAuth(request.auth));
      reply.clearCookie(cookieName, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        description:
          "The session's user and its CSRF token; 401 when nobody is signed in (SESSION_EXPIRED when the " +
          'session ran out: 30 idle minutes or 12 hours).',
        response: { 200: MeResponse, ...errorResponses([401]) },
      },
    },
    async (request) => {
      const context = requireAuth(request.auth);
      return { user: context.user, csrfToken: context.csrfToken };
    },
  );

  app.patch(
    '/api/me/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change my language or type size',
        description: 'Saves the interface language (zh-CN or en) and type size (1 normal, 2 large) for this user.',
        body: UpdatePreferencesRequest,
        response: { 200: SessionUser, ...errorResponses([400, 401, 403]) },
      },
    },
    async (request) => updatePreferences(deps, requireAuth(request.auth), request.body),
  );

  app.post(
    '/api/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change my password',
        description:
          'Checks the current password — a wrong one counts toward the sign-in lock of this name and address — ' +
          'and the new one: 12 to 128 characters, not built from the user name, licence, name, district or ' +
          'product, and not easy to guess (zxcvbn score 3 of 4); the message names what made it weak. On ' +
          'success every session of the user ends and a new one starts: a new cookie and CSRF token.',
        body: ChangePasswordRequest,
        response: { 200: ChangePasswordResponse, ...errorResponses([400, 401, 403, 423, 429]) },
      },
    },
    async (request, reply) => {
      try {
        const { token, context } = await changePassword(deps, requireAuth(request.auth), request.body, {
          requestId: request.id,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        reply.setCookie(cookieName, token, cookieOptions);
        return { user: context.user, csrfToken: context.csrfToken };
      } catch (error) {
        throw withRetryAfter(reply, error);
      }
    },
  );
}
