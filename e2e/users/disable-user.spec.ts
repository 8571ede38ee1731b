import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetPreferences, signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot } from '../support/browser';

const baseURL = inject('baseURL');
/** A demo manager no other journey signs in as. */
const VICTIM = 'manager9';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  // Give the account back to the demo as it was: enabled (the journey's own step does it; this covers a failure).
  await setDisabled(VICTIM, false);
  await resetPreferences(baseURL, 'admin');
});

async function adminApi() {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'siyi-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function userId(username: string): Promise<number> {
  const { cookie } = await adminApi();
  const answer = await fetch(`${baseURL}/api/users?q=${username}`, { headers: { cookie } });
  const body = (await answer.json()) as { items: { id: number; username: string }[] };
  const found = body.items.find((u) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found.id;
}

async function setDisabled(username: string, disabled: boolean) {
  const { cookie, csrfToken } = await adminApi();
  const id = await userId(username);
  await fetch(`${baseURL}/api/users/${id}/${disabled ? 'disable' : 'enable'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: '{}',
  });
}

describe('an admin disables a user, who then cannot sign in', () => {
  it('on a desktop, in Chinese: the user is signed out and told the account is disabled; enabling lets them in', async () => {
    // The manager is signed in somewhere when the admin acts.
    const victim = await openPage(browser, baseURL, 'desktop');
    await victim.goto('/sign-in');
    await victim.locator('#username').fill(VICTIM);
    await victim.locator('#password').fill('siyi-demo');
    await victim.locator('button[type=submit]').click();
    await victim.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 20_000 });

    const admin = await openPage(browser, baseURL, 'desktop');
    await admin.goto('/sign-in');
    await admin.getByRole('radio', { name: '中文' }).check();
    await admin.locator('#username').fill('admin');
    await admin.locator('#password').fill('siyi-demo');
    await admin.locator('button[type=submit]').click();
    const search = admin.getByRole('searchbox', { name: '搜索用户' });
    await search.waitFor({ timeout: 20_000 });
    await search.fill(VICTIM);
    await search.press('Enter');
    // Open the searched user's row, not whatever row comes first while the list is still unfiltered (on a loaded
    // machine the click can come before the search answers; another row — the admin's own has no disable button —
    // would leave the journey waiting for 停用账号).
    await admin
      .getByRole('link', { name: /查看用户/ })
      .filter({ hasText: new RegExp(`^${VICTIM}$`) })
      .first()
      .click();
    await admin.waitForURL(/\/users\/\d+$/, { timeout: 30_000 });
    await admin.getByRole('button', { name: '停用账号' }).click();
    await admin.getByRole('tooltip').getByRole('button', { name: '停用账号' }).click();
    await admin
      .getByText(/已停用“/)
      .first()
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => admin.locator('body').textContent(), { timeout: 30_000 }).toContain('已停用');
    await screenshot(admin, 'admin-user-disabled');

    // The manager's open session has ended: the next page load lands on the sign-in page.
    await victim.reload();
    await victim.waitForURL(/\/sign-in/, { timeout: 20_000 });
    await victim.locator('#username').fill(VICTIM);
    await victim.locator('#password').fill('siyi-demo');
    await victim.locator('button[type=submit]').click();
    await victim.getByRole('alert').filter({ hasText: '该账号已被停用' }).waitFor({ timeout: 20_000 });
    expect(victim.url()).toContain('/sign-in');
    await screenshot(victim, 'disabled-user-sign-in');

    // Enabled again, the same password works.
    await admin.getByRole('button', { name: '重新启用' }).click();
    await admin.getByRole('tooltip').getByRole('button', { name: '重新启用' }).click();
    await admin
      .getByText(/已重新启用“/)
      .first()
      .waitFor({ timeout: 30_000 });
    await victim.locator('button[type=submit]').click();
    await victim.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 20_000 });
    await victim.context().close();
    await admin.context().close();
  });

  it('on a phone, in English: the disabled message fits the sign-in page', async () => {
    await setDisabled(VICTIM, true);
    const page = await openPage(browser, baseURL, 'phone');
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.locator('#username').fill(VICTIM);
    await page.locator('#password').fill('siyi-demo');
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await page.getByRole('alert').filter({ hasText: 'disabled' }).waitFor({ timeout: 20_000 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'disabled-user-sign-in-phone-en');
    await page.context().close();
    await setDisabled(VICTIM, false);
    await signInApi(baseURL, VICTIM);
  });
});
