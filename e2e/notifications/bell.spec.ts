import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetPreferences, signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('siyi-demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
}

async function loginWithCsrf(username: string) {
  const response = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'siyi-demo' }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('the bell', () => {
  it('shows a manager the concern a retailer just raised, worded in Chinese, and opens it', async () => {
    await resetPreferences(baseURL, 'manager2');
    const staff = await signInApi(baseURL, 'manager2');
    const mine = (await (
      await fetch(`${baseURL}/api/retailers?pageSize=5&status=active`, { headers: { cookie: staff.cookie } })
    ).json()) as { items: { id: number; licenceNo: string; shopName: string }[] };
    const shop = mine.items[2];
    if (!shop) throw new Error('manager2 has fewer than three active retailers');

    // The retailer raises a supply concern (the concern journey does it through the screens; here the API will do).
    const retailer = await loginWithCsrf(shop.licenceNo);
    const raised = await fetch(`${baseURL}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: retailer.cookie, 'x-csrf-token': retailer.csrfToken },
      body: JSON.stringify({ category: 'supply', text: '想订的烟连续两周没订到。' }),
    });
    expect(raised.status).toBe(201);
    const concern = (await raised.json()) as { id: number };

    const page = await openPage(browser, baseURL, 'phone');
    await signIn(page, 'manager2');
    const bell = page.locator('.siyi-bell');
    await bell.waitFor({ timeout: 30_000 });
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/通知，\d+ 条未读/);
    await screenshot(page, 'notifications-bell-phone');

    await bell.click();
    await page.waitForURL((url) => url.pathname === '/notifications', { timeout: 30_000 });
    const item = page.locator('.siyi-notes__item--unread', { hasText: `#${concern.id}` });
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => item.textContent()).toContain('新诉求待处理');
    expect(await item.textContent()).toContain(shop.shopName);
    expect(await item.textContent()).toContain('货源');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'notifications-list-phone');

    await item.getByRole('button', { name: /查\s?看/ }).click();
    await page.waitForURL((url) => url.pathname === `/concerns/${concern.id}`, { timeout: 30_000 });
    await page.goto('/notifications');
    const read = page.locator('.siyi-notes__item', { hasText: `#${concern.id}` });
    await read.waitFor({ timeout: 30_000 });
    await expect.poll(() => read.getAttribute('class')).toBe('siyi-notes__item');
    await page.context().close();
  });

  it('lets an admin read the development outbox on a phone in English with large type', async () => {
    const admin = await loginWithCsrf('admin');
    const prefs = await fetch(`${baseURL}/api/me/preferences`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ locale: 'en', fontScale: 2 }),
    });
    expect(prefs.ok).toBe(true);
    try {
      const page = await openPage(browser, baseURL, 'phone');
      await signIn(page, 'admin');
      await page.goto('/notifications/outbox');
      await page.getByRole('heading', { name: 'Development outbox' }).waitFor({ timeout: 30_000 });
      await page.locator('.siyi-notes__list, .siyi-p-empty').first().waitFor({ timeout: 30_000 });
      expect(await fitsWidth(page)).toBe(true);
      // A phone widens its layout viewport to fit a header that overflows: the header with the bell must not.
      expect(await page.evaluate<number>('window.innerWidth')).toBe(375);
      await screenshot(page, 'notifications-outbox-phone-en');
      await page.context().close();
    } finally {
      await resetPreferences(baseURL, 'admin');
    }
  });
});
