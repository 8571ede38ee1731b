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
