import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, parseApiError, withQuery } from './api-client';

const messages = {
  network: () => 'network down',
  unexpected: (status: number) => `unexpected ${status}`,
};

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetchImpl: fetchImpl as typeof fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('parseApiError', () => {
  it('keeps the server code, message, fields and request id', () => {
    const error = parseApiError(
      400,
      {
        code: 'PASSWORD_POLICY',
        message: '密码不符合要求',
        fields: { newPassword: '至少 12 个字符', ignored: 42 },
        requestId: 'r-1',
      },
      messages,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.code).toBe('PASSWORD_POLICY');
    expect(error.message).toBe('密码不符合要求');
    expect(error.fields).toEqual({ newPassword: '至少 12 个字符' });
    expect(error.requestId).toBe('r-1');
  });

  it('falls back to a translated message when the body is not the error shape', () => {
    for (const body of [undefined, null, 'Bad Gateway', [], { error: 'x' }, { code: 'INTERNAL', message: '' }]) {
      const error = parseApiError(502, body, messages);
      expect(error.code).toBe('UNEXPECTED_RESPONSE');
      expect(error.message).toBe('unexpected 502');
      expect(error.status).toBe(502);
      expect(error.fields).toEqual({});
    }
  });

  it('tells a lost session from a wrong password', () => {
    expect(parseApiError(401, { code: 'SESSION_EXPIRED', message: 'm' }, messages).isSessionLoss).toBe(true);
    expect(parseApiError(401, { code: 'UNAUTHENTICATED', message: 'm' }, messages).isSessionLoss).toBe(true);
    expect(parseApiError(401, { code: 'INVALID_CREDENTIALS', message: 'm' }, messages).isSessionLoss).toBe(false);
    expect(parseApiError(403, { code: 'FORBIDDEN', message: 'm' }, messages).isSessionLoss).toBe(false);
  });
});

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/retailers', { q: '便利 店', page: 2, tier: undefined, format: '', status: null })).toBe(
      '/api/retailers?q=%E4%BE%BF%E5%88%A9+%E5%BA%97&page=2',
    );
    expect(withQuery('/api/x', { q: '' })).toBe('/api/x');
    expect(withQuery('/api/x', undefined)).toBe('/api/x');
  });
});

describe('createApiClient', () => {
  it('sends language on every call, and CSRF token, JSON type and a body on writes', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true }));
    const client = createApiClient({ fetch: fetchImpl, getLanguage: () => 'en', messages });
    client.setCsrfToken('tok');

    await client.get('/api/me');
    await client.post('/api/auth/logout');
    await client.patch('/api/me/preferences', { fontScale: 2 });

    const [get, post, patch] = calls;
    const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;
    expect(get?.init.method).toBe('GET');
    expect(get?.init.credentials).toBe('same-origin');
    expect(headersOf(get)['accept-language']).toBe('en');
    expect(headersOf(get)['x-csrf-token']).toBeUndefined();
    expect(get?.init.body).toBeUndefined();

    expect(headersOf(post)['x-csrf-token']).toBe('tok');
    expect(headersOf(post)['content-type']).toBe('application/json');
    expect(post?.init.body).toBe('{}');
    expect(patch?.init.body).toBe('{"fontScale":2}');
  });

  it('sends a file upload as the browser’s multipart body and a DELETE without a body, both with the CSRF token', async () => {
    const { calls, fetchImpl } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient({ fetch: fetchImpl, getLanguage: () => 'zh-CN', messages });
    client.setCsrfToken('tok');
    const form = new FormData();
    form.append('kind', 'front');
    await client.post('/api/retailers/1/photos', form);
    await client.delete('/api/photos/7');
    const [upload, remove] = calls;
    const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;
    expect(upload?.init.body).toBe(form);
    // No content type of ours: the browser adds multipart/form-data with its boundary.
    expect(headersOf(upload)['content-type']).toBeUndefined();
    expect(headersOf(upload)['x-csrf-token']).toBe('tok');
    expect(remove?.init.method).toBe('DELETE');
    expect(remove?.init.body).toBeUndefined();
    expect(headersOf(remove)['x-csrf-token']).toBe('tok');
  });

  it('returns undefined for 204 and parsed JSON otherwise', async () => {
    const { fetchImpl } = fakeFetch((call) =>
      call.url === '/api/auth/logout' ? new Response(null, { status: 204 }) : json(200, { status: 'ok' }),
    );
    const client = createApiClient({ fetch: fetchImpl, getLanguage: () => 'zh-CN', messages });
    await expect(client.post('/api/auth/logout')).resolves.toBeUndefined();
    await expect(client.get('/api/health')).resolves.toEqual({ status: 'ok' });
  });

  it('throws ApiError with the server message and tells listeners about a lost session', async () => {
    const { fetchImpl } = fakeFetch(() => json(401, { code: 'SESSION_EXPIRED', message: '登录已过期' }));
    const client = createApiClient({ fetch: fetchImpl, getLanguage: () => 'zh-CN', messages });
    const lost: ApiError[] = [];
    const unsubscribe = client.onSessionLost((error) => lost.push(error));

    await expect(client.get('/api/retailers')).rejects.toMatchObject({
      code: 'SESSION_EXPIRED',
      message: '登录已过期',
    });
    expect(lost).toHaveLength(1);

    // Sign-in and the start-up probe expect 401 and must not bounce the user.
    await expect(client.get('/api/me', { expectUnauthorized: true })).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveLength(1);

    unsubscribe();
    await expect(client.get('/api/retailers')).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveLength(1);
  });

  it('does not treat a wrong current password as a lost session', async () => {
    const { fetchImpl } = fakeFetch(() => json(401, { code: 'INVALID_CREDENTIALS', message: '当前密码不正确' }));
    const client = createApiClient({ fetch: fetchImpl, getLanguage: () => 'zh-CN', messages });
    let lost = 0;
    client.onSessionLost(() => {
      lost += 1;
    });
    await expect(client.post('/api/me/password', {})).rejects.toMatchObject({ status: 401 });
    expect(lost).toBe(0);
  });

  it('turns a failed connection into NETWORK_ERROR with the fallback message', async () => {
    const client = createApiClient({
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      getLanguage: () => 'zh-CN',
      messages,
    });
    await expect(client.get('/api/health')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'network down',
    });
  });

  it('refreshes a stale CSRF token once and retries the write', async () => {
    let refuseAll = false;
    const { calls, fetchImpl } = fakeFetch((call) => {
      if (call.url === '/api/me') return json(200, { user: {}, csrfToken: 'fresh' });
      const token = (call.init.headers as Record<string, string>)['x-csrf-token'];
      return token === 'fresh' && !refuseAll
        ? json(200, { ok: true })
        : json(403, { code: 'CSRF_INVALID', message: 'stale' });
    });
    const client = createApiClient({
      fetch: fetchImpl,
      getLanguage: () => 'zh-CN',
      messages,
      refreshCsrfToken: async (c) => (await c.get<{ csrfToken: string }>('/api/me')).csrfToken,
    });
    client.setCsrfToken('old');
    await expect(client.patch('/api/me/preferences', { locale: 'en' })).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/me/preferences', '/api/me', '/api/me/preferences']);

    // Only one retry: a token that keeps failing surfaces the error instead of looping.
    refuseAll = true;
    calls.length = 0;
    await expect(client.post('/api/x', {})).rejects.toMatchObject({ code: 'CSRF_INVALID' });
    expect(calls).toHaveLength(3);
  });
});
