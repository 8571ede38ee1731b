import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { retailerSearchPinyin } from '../../apps/server/src/modules/retailers/retailer-pinyin';
import { resetPreferences, signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot, type Viewport } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

interface Listed {
  id: number;
  shopName: string;
  ownerName: string;
  address: string;
}

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
}

async function setPreferences(username: string, preferences: { locale: 'zh-CN' | 'en'; fontScale: number }) {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'siyi-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const saved = await fetch(`${baseURL}/api/me/preferences`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify(preferences),
  });
  if (!saved.ok) throw new Error(`preferences of ${username} not saved: ${saved.status}`);
}

describe('a manager finds a retailer by pinyin initials', () => {
  it('types the initials of a shop’s name, finds it in the list and opens it', async () => {
    // One of manager1's shops whose name's initials find it on the first page, taken from the API the page uses.
    const { cookie } = await signInApi(baseURL, 'manager1');
    const get = async (path: string) =>
      (await (await fetch(`${baseURL}${path}`, { headers: { cookie } })).json()) as { items: Listed[] };
    const mine = await get('/api/retailers?pageSize=100');
    let target: Listed | undefined;
    let initials = '';
    for (const shop of mine.items) {
      const keys = retailerSearchPinyin(shop).split('\n')[0]?.split(' ')[1] ?? '';
      if (keys.length < 3) continue;
      const found = await get(`/api/retailers?q=${keys}&pageSize=20`);
      if (found.items.some((r) => r.id === shop.id)) {
        target = shop;
        initials = keys;
        break;
      }
    }
    if (!target) throw new Error('no shop of manager1 is found by its initials');
    expect(initials).toMatch(/^[a-z0-9]+$/);

    const page = await openPage(browser, baseURL);
    await signIn(page, 'manager1');
    const search = page.getByRole('searchbox', { name: '搜索零售户' });
    await search.waitFor({ timeout: 20_000 });
    await search.fill(initials);
    await search.press('Enter');
    await page.waitForURL(new RegExp(`q=${initials}`), { timeout: 30_000 });
    const link = page.getByRole('link', { name: target.shopName }).first();
    await link.waitFor({ timeout: 30_000 });
    await screenshot(page, `find-pinyin-${initials}`);
    await link.click();
    await page.waitForURL(new RegExp(`/retailers/${target.id}$`), { timeout: 30_000 });
    await page.getByRole('heading', { name: target.shopName }).first().waitFor({ timeout: 30_000 });
    // Back returns to the same search.
    await page.goBack();
    await page.waitForURL(new RegExp(`q=${initials}`), { timeout: 30_000 });
    await page.getByRole('link', { name: target.shopName }).first().waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  const views: [Viewport, 'zh-CN' | 'en', number][] = [
    ['phone', 'zh-CN', 1],
    ['desktop', 'zh-CN', 1],
    ['phone', 'en', 2],
    ['desktop', 'en', 2],
  ];
  it.each(views)(
    'shows the filtered list and its map (%s, %s, type ×%d) without sideways scrolling',
    async (viewport, locale, fontScale) => {
      await setPreferences('supervisor1', { locale, fontScale });
      try {
        const page = await openPage(browser, baseURL, viewport);
        await signIn(page, 'supervisor1');
        await page.locator('#username').waitFor({ state: 'detached', timeout: 20_000 });
        await page.goto('/retailers?tierMin=5&sort=tierDesc');
        const name = `find-${viewport}-${locale}${fontScale > 1 ? '-large' : ''}`;
        await page.locator('.ant-table-row, .siyi-card-list li').first().waitFor({ timeout: 20_000 });
        expect(await fitsWidth(page), `${name} list`).toBe(true);
        await screenshot(page, `${name}-list`);
        await page.goto('/retailers?tierMin=5&view=map');
        // Points and outlines draw on the map's canvas (preferCanvas).
        await page.locator('.siyi-map canvas').first().waitFor({ timeout: 20_000 });
        await page.waitForTimeout(1000);
        expect(await fitsWidth(page), `${name} map`).toBe(true);
        await screenshot(page, `${name}-map`);
        await page.context().close();
      } finally {
        await resetPreferences(baseURL, 'supervisor1');
      }
    },
    120_000,
  );
});
