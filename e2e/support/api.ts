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
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const reset = await fetch(`${baseURL}/api/me/preferences`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ locale: 'zh-CN', fontScale: 1 }),
  });
  if (!reset.ok) throw new Error(`preferences of ${username} not reset: ${reset.status}`);
}
