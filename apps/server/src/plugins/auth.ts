import type { Locale } from '@siyi/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error';
import type { Access } from '../modules/access/actor';
import {
  type AuthContext,
  type AuthDeps,
  authenticate,
  csrfTokenMatches,
  purgeExpired,
} from '../modules/auth/auth.service';
import { resolveLocale } from './i18n';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    /** The language of every message in the answer. */
    locale: Locale;
    /** Set when a cookie named a session that has run out. */
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** How often expired sessions and stale sign-in counters are deleted (sign-in also does it). */
const PURGE_INTERVAL_MS = 10 * 60_000;
/**
 * What a user whose password an admin reset may still call: the change itself, who am I, language and type size
 * (to read the form), and sign-out. Everything else answers PASSWORD_CHANGE_REQUIRED until the change.
 */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/me', '/api/me/password', '/api/me/preferences', '/api/auth/logout']);
/** swagger-ui's static assets are registered by its plugin; they are public documentation. */
const UNDECLARED_ALLOWED = /^\/api\/docs(\/|$)/;

/** A browser loading the app at `/`. */
function isStartPage(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.url === '/' || request.url.startsWith('/?'));
}

export function sessionCookieName(behindHttps: boolean): string {
  // The __Host- prefix pins the cookie to this host and path; browsers accept it only when Secure.
  return behindHttps ? '__Host-siyi_sid' : 'siyi_sid';
}

export function sessionCookieOptions(behindHttps: boolean, absoluteHours: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: behindHttps,
    path: '/',
    maxAge: absoluteHours * 3600,
  };
}

/**
 * Loads the session for every request, then enforces each route's declared access and, for every
 * state-changing request of a signed-in user, the session-bound CSRF token in `x-csrf-token`.
 */
export function registerAuth(app: FastifyInstance, deps: AuthDeps & { behindHttps: boolean }): void {
  const cookieName = sessionCookieName(deps.behindHttps);
  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('sessionExpired', false);

  const purge = setInterval(() => {
    purgeExpired(deps).catch((error: unknown) => app.log.warn({ err: error }, 'purging expired sessions failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || UNDECLARED_ALLOWED.test(route.url)) return;
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.locale = resolveLocale(request.headers['accept-language']);
    const token = request.cookies[cookieName];
    // The API, and the app's start page: index.html names the signed-in user's first screen (plugins/web.ts).
    if (!token || !(request.url.startsWith('/api') || isStartPage(request))) return;
    const result = await authenticate(deps, token);
    if (result === 'expired') request.sessionExpired = true;
    else if (result) {
      request.auth = result;
      if (!request.headers['accept-language']) request.locale = result.user.locale;
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    if (!request.auth) {
      if (request.sessionExpired) reply.clearCookie(cookieName, { path: '/' });
      throw new AppError(request.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const site = request.headers['sec-fetch-site'];
      const header = request.headers['x-csrf-token'];
      if (
        site === 'cross-site' ||
        !csrfTokenMatches(request.auth.csrfToken, typeof header === 'string' ? header : undefined)
      ) {
        throw new AppError('CSRF_INVALID');
      }
    }
    if (request.auth.user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (access !== 'authenticated' && !access.includes(request.auth.user.role)) {
      throw new AppError('FORBIDDEN');
    }
  });
}
