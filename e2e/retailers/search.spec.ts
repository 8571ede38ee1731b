import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInApi } from '../support/api';
import { launchBrowser, openPage } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a manager finds a shop', () => {
  it('searches the list by shop name and opens the shop', async () => {
    // The name of one of manager1's shops, taken from the API the page uses.
    const { cookie } = await signInApi(baseURL, 'manager1');
    const mine = (await (await fetch(`${baseURL}/api/retailers?pageSize=50`, { headers: { cookie } })).json()) as {
      total: number;
      items: { id: number; shopName: string }[];
    };
    const target = mine.items[mine.items.length - 1];
    if (!target) throw new Error('manager1 has no retailers');

    const page = await openPage(browser, baseURL);
    await page.goto('/');
    await page.locator('#username').fill('manager1');
    await page.locator('#password').fill('siyi-demo');
    await page.locator('button[type=submit]').click();
    const search = page.getByRole('searchbox', { name: '搜索零售户' });
    await search.waitFor({ timeout: 20_000 });
    await search.fill(target.shopName);
    await search.press('Enter');
    await page.waitForURL(/q=/, { timeout: 30_000 });
    const link = page.getByRole('link', { name: target.shopName }).first();
    await link.waitFor({ timeout: 30_000 });
    await link.click();
    await page.waitForURL(new RegExp(`/retailers/${target.id}$`), { timeout: 30_000 });
    await page.getByRole('heading', { name: target.shopName }).first().waitFor({ timeout: 30_000 });
    expect(page.url()).toContain(`/retailers/${target.id}`);
    await page.context().close();
  });
});
