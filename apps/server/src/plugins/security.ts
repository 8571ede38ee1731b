import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error';

type HelmetOptions = Omit<FastifyHelmetOptions, 'enableCSPNonces' | 'global'>;
type HelmetMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: Error) => void) => void;

/**
 * Helmet itself — the one @fastify/helmet wraps, resolved from there. That plugin calls `helmet(options)` again for
 * every request (parsing the CSP directives each time, a few per cent of a list answer's CPU); here it is called
 * once and its middleware sets the same headers on every answer.
 */
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (
  options: HelmetOptions,
) => HelmetMiddleware;

/** Security headers on every answer, errors included (ASVS 3.4). */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  // imageOrigins: the map's tile servers (config.mapTiles), which the pages may load images from.
  options: { behindHttps: boolean; imageOrigins?: string[] },
) {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(options.imageOrigins ?? [])],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: options.behindHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  // First of the onRequest hooks, as the plugin's was: every answer carries them, a 404 or a refusal too.
  app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, done));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Text fields (dotted paths, `*` for list indexes) that may hold tab, line feed and carriage return. */
    multilineFields?: string[];
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001F\u007F-\u009F]/;

/** Dotted paths of every string (and object key) in `value` that holds a control character it may not. */
function controlCharacterPaths(value: unknown, path: string[], multiline: Set<string>, found: string[]): void {
  if (typeof value === 'string') {
    const pattern = multiline.has(path.map((p) => (/^\d+$/.test(p) ? '*' : p)).join('.'))
      ? CONTROL
      : CONTROL_OR_LINE_BREAK;
    if (pattern.test(value)) found.push(path.join('.'));
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      controlCharacterPaths(item, [...path, String(index)], multiline, found);
    }
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A control character in a key is reported on the object holding it.
      if (CONTROL_OR_LINE_BREAK.test(key)) found.push(path.join('.'));
      else controlCharacterPaths(item, [...path, key], multiline, found);
    }
  }
}

/**
 * Every text field of every route refuses NUL and the other control characters (tab, line feed and carriage
 * return only where a route lists the field in `config.multilineFields`): 400 VALIDATION_FAILED with a message per
 * field, before validation, so no such text reaches a query or a log.
 */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const multiline = new Set(request.routeOptions.config?.multilineFields ?? []);
    const found: string[] = [];
    for (const [context, part] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const before = found.length;
      controlCharacterPaths(part, [], multiline, found);
      for (let i = before; i < found.length; i++) found[i] ||= context;
    }
    if (found.length > 0) {
      throw new AppError('VALIDATION_FAILED', Object.fromEntries(found.map((path) => [path, 'text.controlCharacter'])));
    }
  });
}

/** Never logged: cookies, CSRF tokens, and passwords wherever a log line carries them. */
export const logRedactPaths = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...['password', 'currentPassword', 'newPassword'].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/** Properties of database errors that carry SQL text or its parameters. */
const LEAKY_KEYS = new Set(['query', 'params', 'parameters', 'values', 'text', 'internalQuery', 'detail', 'where']);

/**
 * The log serializer for errors: type, message, stack and the harmless properties — never SQL or its parameters.
 * A failed Drizzle query puts both into its message (and so its stack); those keep only the database's reason.
 */
export function serializeErrorSafely(
  error: unknown,
  depth = 0,
): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const record = error as Error & Record<string, unknown>;
  const leaky = 'query' in record || 'params' in record;
  const message = leaky ? `${error.name}: database query failed` : error.message;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: ReturnType<typeof serializeErrorSafely> = {
    type: error.name,
    message,
    stack: [message, ...frames].join('\n'),
  };
  for (const [key, value] of Object.entries(record)) {
    if (LEAKY_KEYS.has(key) || key === 'cause' || key === 'stack' || key === 'message') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  if (error.cause !== undefined && depth < 3) out.cause = serializeErrorSafely(error.cause, depth + 1);
  return out;
}
