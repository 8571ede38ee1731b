/** Direct API calls for setting up journeys (e.g. finding a demo retailer's licence number). */
export async function signInApi(baseURL: string, username: string, password = 'siyi-demo') {
  const response = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie };
}

export async function firstRetailerLicence(baseURL: string): Promise<string> {
  const { cookie } = await signInApi(baseURL, 'admin');
  const response = await fetch(`${baseURL}/api/retailers?pageSize=1&status=active`, { headers: { cookie } });
  const body = (await response.json()) as { items: { licenceNo: string }[] };
  const licence = body.items[0]?.licenceNo;
  if (!licence) throw new Error('the demo city has no active retailer');
  return licence;
}

/**
 * Puts a user's preferences back to the defaults (Chinese, normal type): journeys share one server, and a language
 * or type size one journey chose must not become the next journey's starting point.
 */
export async function resetPreferences(baseURL: string, username: string, password = 'siyi-demo') {
  const session = await apiSession(baseURL, username, password);
  const reset = await callApi(baseURL, session, '/api/me/preferences', {
    method: 'PATCH',
    body: { locale: 'zh-CN', fontScale: 1 },
  });
  if (reset.status !== 200) throw new Error(`preferences of ${username} not reset: ${reset.status}`);
}

/** A signed-in API caller: the session cookie, the CSRF token writes need, and the user's id. */
export interface ApiSession {
  cookie: string;
  csrf: string;
  userId: number;
}

export async function apiSession(baseURL: string, username: string, password = 'siyi-demo'): Promise<ApiSession> {
  const response = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken: string; user: { id: number } };
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** One API call as `session`, JSON in and out; the status comes back with the body (null when not JSON). */
export async function callApi<T>(
  baseURL: string,
  session: ApiSession,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseURL}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}
