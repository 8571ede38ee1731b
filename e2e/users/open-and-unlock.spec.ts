import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Five wrong passwords from this machine lock `username` here (the server counts per name and address). */
async function lockOut(username: string) {
  for (let i = 0; i < 5; i++) {
    await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `wrong-password-${i}` }),
    });
  }
}

async function userId(username: string): Promise<number> {
  const { cookie } = await signInApi(baseURL, 'admin');
  const answer = await fetch(`${baseURL}/api/users?q=${username}`, { headers: { cookie } });
  const body = (await answer.json()) as { items: { id: number; username: string }[] };
  const found = body.items.find((u) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found.id;
}

/** The sign-in page's choice was saved to the account: give it back its Chinese for the other journeys. */
async function restoreChinese(username: string) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'siyi-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  await fetch(`${baseURL}/api/me/preferences`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ locale: 'zh-CN' }),
  });
}

async function signInAsAdmin(page: Page) {
  if (!page.url().includes('/sign-in')) await page.goto('/');
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('siyi-demo');
  await page.locator('button[type=submit]').click();
}

describe('an admin opens a user from the list and unlocks it', () => {
  it('on a desktop, in Chinese: list → user → unlock with confirmation', async () => {
    await lockOut('manager3');
    const page = await openPage(browser, baseURL, 'desktop');
    // Chinese and normal type chosen on the sign-in page: another journey may have left admin in English with A+.
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: '中文' }).check();
    await page.getByRole('radio', { name: '标准字号' }).check();
    await signInAsAdmin(page);
    const search = page.getByRole('searchbox', { name: '搜索用户' });
    await search.waitFor({ timeout: 20_000 });
    await search.fill('manager3');
    await search.press('Enter');
    await page
      .getByRole('link', { name: /查看用户/ })
      .first()
      .click();
    await page.waitForURL(/\/users\/\d+$/, { timeout: 30_000 });
    const body = () => page.locator('body').textContent();
    await page.getByText('登录与锁定').first().waitFor({ timeout: 30_000 });
    await expect.poll(body, { timeout: 30_000 }).toContain('manager3');
    expect(await body()).toContain('已锁定');
    expect(await body()).toContain('密码错误次数');
    await screenshot(page, 'admin-user-locked');
    await page.getByRole('button', { name: '解锁' }).click();
    // The confirmation, then the success message; the lock is gone.
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /^解\s?锁$/ })
      .click();
    await page.getByText('已解锁“').first().waitFor({ timeout: 30_000 });
    await expect.poll(body, { timeout: 30_000 }).toContain('未锁定');
    await page.context().close();
    // The user can sign in again from the address that was locked.
    await signInApi(baseURL, 'manager3');
  });

  it('on a phone, in English: the page fits and says where the lock applies', async () => {
    await lockOut('manager4');
    const id = await userId('manager4');
    const page = await openPage(browser, baseURL, 'phone');
    // The sign-in page's language choice carries into the session.
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('button', { name: 'Sign in' }).first().waitFor({ timeout: 30_000 });
    await signInAsAdmin(page);
    await page.getByRole('searchbox', { name: 'Search users' }).waitFor({ timeout: 20_000 });
    await page.goto(`/users/${id}`);
    await page.getByText('Sign-in and locks').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('body').textContent()).toContain('Locked until');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'admin-user-phone-en');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('is unlocked').first().waitFor({ timeout: 30_000 });
    await page.context().close();
    await restoreChinese('admin');
  });
});
