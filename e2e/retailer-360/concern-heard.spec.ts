import type { Browser } from 'playwright-core';
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

describe('a manager on a retailer’s 360 page', () => {
  it('records a concern heard and sees it on the timeline, on a phone', async () => {
    // One of manager1's shops, taken from the API the pages use.
    const { cookie } = await signInApi(baseURL, 'manager1');
    const mine = (await (await fetch(`${baseURL}/api/retailers?pageSize=5`, { headers: { cookie } })).json()) as {
      items: { id: number; shopName: string }[];
    };
    const target = mine.items[0];
    if (!target) throw new Error('manager1 has no retailers');
    const topic = `货源-${Date.now() % 100_000}`;

    const page = await openPage(browser, baseURL, 'phone');
    await page.goto('/');
    await page.locator('#username').fill('manager1');
    await page.locator('#password').fill('siyi-demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });

    await page.goto(`/retailers/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.shopName }).waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: '档案' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-profile-phone');

    await page.getByRole('tab', { name: '关注点' }).click();
    await page.getByLabel('话题').fill(topic);
    await page.getByLabel('零售户说了什么').fill('希望下周多投放一些细支烟，\n店门口的宣传牌也旧了。');
    await page.getByRole('button', { name: '保存关注点' }).click();
    // The list under the form shows it as soon as it is saved.
    await page.locator('.siyi-r360-concerns').getByText(topic).waitFor({ timeout: 10_000 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-concerns-phone');

    await page.getByRole('tab', { name: '动态' }).click();
    const event = page.locator('[data-testid=timeline-item][data-kind="concern.heard"]').first();
    await event.waitFor({ timeout: 10_000 });
    const text = (await event.textContent()) ?? '';
    expect(text).toContain(topic);
    expect(text).toContain('希望下周多投放一些细支烟');
    expect(page.url()).toContain('tab=timeline');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-timeline-phone');
    await page.context().close();
  });
});
