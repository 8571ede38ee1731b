import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { type ErrorCode, ErrorResponse, errorCodes } from '@siyi/contracts';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusByCode } from '../lib/app-error';
import { errorMessage } from './i18n';

/** The error statuses a route may declare; each maps to the codes of `statusByCode` that answer with it. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429 | 500 | 503;

const statusMeaning: Record<ErrorStatus, string> = {
  400: 'The request is not valid',
  401: 'Not signed in, or the session has ended',
  403: 'Signed in, but not allowed to do this (or the CSRF token is missing or stale)',
  404: 'Not found, or outside the caller’s data scope (existence does not leak)',
  409: 'The record changed meanwhile',
  413: 'The request body is too large',
  415: 'The request body is not JSON',
  423: 'The account is locked for a while after too many wrong passwords',
  429: 'Too many requests; try again later',
  500: 'An unexpected server error (no detail is given)',
  503: 'The database is not available',
};

/** The code each status's example shows: the one a caller meets most often. */
const exampleCode: Record<ErrorStatus, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'SERVICE_UNAVAILABLE',
};

const EXAMPLE_REQUEST_ID = '0b9a4c52-5d0e-4a57-9a53-2f4d1d6c1a7e';

export function codesForStatus(status: number): ErrorCode[] {
  return errorCodes.filter((code) => statusByCode[code] === status);
}

function errorSchema(status: ErrorStatus) {
  const code = exampleCode[status];
  const example: ErrorResponse = {
    code,
    message: errorMessage(code, 'en', { minutes: 15 }),
    ...(code === 'VALIDATION_FAILED' ? { fields: { pageSize: 'Must be at most 200.' } } : {}),
    requestId: EXAMPLE_REQUEST_ID,
  };
  // A copy of the shape rather than ErrorResponse itself: a schema with an id becomes a bare $ref, and the
  // per-status description and example would be lost.
  return z.object(ErrorResponse.shape).meta({
    description: `${statusMeaning[status]}. Codes: ${codesForStatus(status).join(', ')}.`,
    examples: [example],
  });
}

type ErrorSchema = ReturnType<typeof errorSchema>;
const errorSchemas = new Map<ErrorStatus, ErrorSchema>();

/**
 * The error answers of a route, for its `schema.response`: the shared `{ code, message, fields?, requestId }`
 * shape per status, with the codes that status carries and an example whose code belongs to it.
 * Usage: `response: { 200: RetailerDetail, ...errorResponses([400, 401, 403, 404]) }`.
 */
export function errorResponses<const S extends readonly ErrorStatus[]>(statuses: S): Record<S[number], ErrorSchema> {
  const out: Partial<Record<ErrorStatus, ErrorSchema>> = {};
  for (const status of statuses) {
    let schema = errorSchemas.get(status);
    if (!schema) {
      schema = errorSchema(status);
      errorSchemas.set(status, schema);
    }
    out[status] = schema;
  }
  return out as Record<S[number], ErrorSchema>;
}

/** swagger-ui's own page: its scripts and styles are static files; the spec is fetched from this server. */
const DOCS_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // swagger-ui sets style attributes at run time.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/** OpenAPI 3 generated from the same zod schemas that validate requests; browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Siyi (四意) API',
        description:
          'The API of Siyi. Sign in with POST /api/auth/login; the session is an httpOnly cookie. Every ' +
          'state-changing request sends the csrfToken from the sign-in answer in the x-csrf-token header. ' +
          'Errors are { code, message, fields?, requestId } in the language of Accept-Language (zh-CN by default, ' +
          'or en); each error status carries a closed set of codes, listed with the status.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'siyi_sid' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // The page's own policy replaces the app's (which forbids swagger-ui's run-time styles); no outside
    // validator badge, which would be both a blocked image and a request to a third party.
    staticCSP: DOCS_CSP,
    uiConfig: { validatorUrl: null },
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
