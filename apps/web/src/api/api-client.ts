import type { ErrorCode, Locale } from '@siyi/contracts';

/** Codes the client itself produces when the server could not answer with an error body. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** An API failure: the server's `{ code, message, fields }` (message already in the user's language). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  /** Per-field messages keyed by the field's dotted path; empty when none. */
  readonly fields: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
  /** CONFLICT (409) on a stale version: the record as it is now, to show what changed. */
  readonly current: Readonly<Record<string, unknown>> | undefined;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    fields?: Record<string, string>;
    requestId?: string;
    current?: Record<string, unknown>;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId;
    this.current = init.current;
  }

  /** True when the session is gone (not a wrong password): the user has to sign in again. */
  get isSessionLoss(): boolean {
    return this.status === 401 && this.code !== 'INVALID_CREDENTIALS';
  }
}

export interface FallbackMessages {
  /** The request never reached the server, or no answer came back. */
  network: () => string;
  /** The server answered without a usable error body (e.g. a proxy's HTML page). */
  unexpected: (status: number) => string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringFields(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(value)) {
    if (typeof message === 'string') out[key] = message;
  }
  return out;
}

/**
 * Turns a failed response's status and (already JSON-parsed, possibly absent) body into an ApiError.
 * Anything that is not the documented error shape keeps the status and gets a translated fallback message.
 */
export function parseApiError(status: number, body: unknown, messages: FallbackMessages): ApiError {
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string' && body.message !== '') {
    const fields = stringFields(body.fields);
    return new ApiError({
      status,
      code: body.code as ErrorCode,
      message: body.message,
      ...(fields ? { fields } : {}),
      ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
      ...(isRecord(body.current) ? { current: body.current } : {}),
    });
  }
  return new ApiError({ status, code: 'UNEXPECTED_RESPONSE', message: messages.unexpected(status) });
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `path?a=1&b=x`, leaving out empty values so the server applies its defaults. */
export function withQuery(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>>;
  /** Don't treat a 401 as a lost session (sign-in itself, the session probe at start-up). */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key` on an order submit). */
  headers?: Readonly<Record<string, string>>;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  getLanguage: () => Locale;
  messages: FallbackMessages;
  /**
   * Fetches a fresh CSRF token (e.g. from GET /api/me) after a write was refused with CSRF_INVALID,
   * so the write can be retried once; null when there is no session any more.
   */
  refreshCsrfToken?: (client: ApiClient) => Promise<string | null>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, options?: RequestOptions): Promise<T>;
  setCsrfToken(token: string | null): void;
  /** Called once per failed request whose 401 means the session is gone. Returns an unsubscribe function. */
  onSessionLost(listener: (error: ApiError) => void): () => void;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;
  const sessionListeners = new Set<(error: ApiError) => void>();

  async function request<T>(
    method: Method,
    path: string,
    body: unknown,
    requestOptions: RequestOptions = {},
    isRetry = false,
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': options.getLanguage(),
      ...requestOptions.headers,
    };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (requestOptions.signal) init.signal = requestOptions.signal;
    if (method !== 'GET') {
      if (csrfToken) headers['x-csrf-token'] = csrfToken;
      if (body instanceof FormData) {
        // A file upload: the browser writes the multipart content type with its boundary.
        init.body = body;
      } else if (method !== 'DELETE' || body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body ?? {});
      }
    }

    let response: Response;
    try {
      response = await doFetch(withQuery(path, requestOptions.query), init);
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: options.messages.network() });
    }

    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await readJson(response)) as T;
    }

    const error = parseApiError(response.status, await readJson(response), options.messages);
    if (error.code === 'CSRF_INVALID' && method !== 'GET' && !isRetry && options.refreshCsrfToken) {
      // The token went stale (server restart, another tab signed in again): refresh it and try once more.
      const fresh = await options.refreshCsrfToken(client).catch(() => null);
      if (fresh) {
        csrfToken = fresh;
        return request<T>(method, path, body, requestOptions, true);
      }
    }
    if (error.isSessionLoss && !requestOptions.expectUnauthorized) {
      for (const listener of sessionListeners) listener(error);
    }
    throw error;
  }

  const client: ApiClient = {
    get: (path, requestOptions) => request('GET', path, undefined, requestOptions),
    post: (path, body, requestOptions) => request('POST', path, body, requestOptions),
    patch: (path, body, requestOptions) => request('PATCH', path, body, requestOptions),
    put: (path, body, requestOptions) => request('PUT', path, body, requestOptions),
    delete: (path, requestOptions) => request('DELETE', path, undefined, requestOptions),
    setCsrfToken(token) {
      csrfToken = token;
    },
    onSessionLost(listener) {
      sessionListeners.add(listener);
      return () => {
        sessionListeners.delete(listener);
      };
    },
  };
  return client;
}
