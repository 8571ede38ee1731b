import type { ErrorCode, ErrorResponse } from '@siyi/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, statusByCode } from '../lib/app-error';
import { errorMessage, fieldMessage, validationMessage } from './i18n';

/** Fastify's own 4xx errors, mapped to our closed set of codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'MALFORMED_REQUEST';
  }
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: {
    fields?: Record<string, string>;
    params?: Record<string, string | number>;
    status?: number;
    current?: Record<string, unknown>;
  } = {},
) {
  const body: ErrorResponse = {
    code,
    message: errorMessage(code, request.locale, extra.params),
    ...(extra.fields && Object.keys(extra.fields).length > 0 ? { fields: extra.fields } : {}),
    ...(extra.current ? { current: extra.current } : {}),
    requestId: request.id,
  };
  return reply
    .status(extra.status ?? statusByCode[code])
    .type('application/json; charset=utf-8')
    .send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const fields = error.fields
        ? Object.fromEntries(
            Object.entries(error.fields).map(([path, field]) => [
              path,
              typeof field === 'string'
                ? fieldMessage(field, request.locale)
                : fieldMessage(field.key, request.locale, field.params),
            ]),
          )
        : undefined;
      if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND' || error.code === 'CSRF_INVALID') {
        request.log.info({ code: error.code, user: request.auth?.user.id }, 'access refused');
      }
      return sendError(request, reply, error.code, {
        ...(fields ? { fields } : {}),
        ...(error.params ? { params: error.params } : {}),
        ...(error.current ? { current: error.current } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const item of error.validation) {
        const path = item.instancePath.replace(/^\//, '').replaceAll('/', '.') || (error.validationContext ?? 'body');
        fields[path] ??= validationMessage(
          { code: item.keyword, message: item.message ?? '', ...(item.params as Record<string, unknown>) },
          request.locale,
        );
      }
      request.log.info({ fields: Object.keys(fields), context: error.validationContext }, 'validation failed');
      return sendError(request, reply, 'VALIDATION_FAILED', { fields });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendError(request, reply, 'INTERNAL');
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return sendError(request, reply, known);
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      if (status === 429) request.log.warn({ url: request.url }, 'rate limited');
      return sendError(request, reply, codeForStatus(status), { status });
    }
    // Anything else is our fault: log it whole, answer without detail.
    request.log.error({ err: error }, 'unexpected error');
    return sendError(request, reply, 'INTERNAL');
  });
}
