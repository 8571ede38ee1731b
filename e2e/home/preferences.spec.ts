import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstRetailerLicence, resetPreferences } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot, switchLanguage } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;
let licence: string;

beforeAll(async () => {
  browser = await launchBrowser();
  licence = await firstRetailerLicence(baseURL);
});
afterAll(async () => {
  // This journey leaves the retailer in English with large type: put it back for the journeys after it.
  if (licence) await resetPreferences(baseURL, licence);
  await browser?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('siyi-demo');
  await page.locator('button[type=submit]').click();
}

const rootFontSize = (page: Page) =>
  page.evaluate<number>('parseFloat(getComputedStyle(document.documentElement).fontSize)');

describe('a retailer’s own preferences', () => {
  it('enlarges the type with A+, keeps it after signing in again, and still fits a phone', async () => {
    const page = await openPage(browser, baseURL, 'phone');
    await signIn(page, licence);
    await page.getByRole('heading', { name: '我的店铺' }).first().waitFor({ timeout: 20_000 });
    const normal = await rootFontSize(page);
    await page.getByTitle('大字号').first().click();
    await expect.poll(() => rootFontSize(page), { timeout: 30_000 }).toBeGreaterThan(normal);
    const large = await rootFontSize(page);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-large-type');
    await page.context().close();

    // A fresh browser: the choice comes back from the server with the user.
    const again = await openPage(browser, baseURL, 'phone');
    await signIn(again, licence);
    await again.getByRole('heading', { name: '我的店铺' }).first().waitFor({ timeout: 20_000 });
    await expect.poll(() => rootFontSize(again), { timeout: 30_000 }).toBe(large);
    await again.getByTitle('标准字号').first().click();
    await expect.poll(() => rootFontSize(again), { timeout: 30_000 }).toBe(normal);
    await again.context().close();
  });

  it('switches the whole interface to English', async () => {
    const page = await openPage(browser, baseURL, 'desktop');
    await signIn(page, licence);
    await page.getByRole('heading', { name: '我的店铺' }).first().waitFor({ timeout: 20_000 });
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'My shop' }).first().waitFor({ timeout: 30_000 });
    expect(await page.locator('body').textContent()).not.toMatch(/我的店铺|客户经理/);
    await screenshot(page, 'retailer-english');
    await switchLanguage(page, '中文');
    await page.getByRole('heading', { name: '我的店铺' }).first().waitFor({ timeout: 30_000 });
    await page.context().close();
  });
});
