import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstRetailerLicence, resetPreferences, signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot, switchLanguage } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;
let licence: string;

beforeAll(async () => {
  browser = await launchBrowser();
  licence = await firstRetailerLicence(baseURL);
});
afterAll(async () => {
  if (licence) await resetPreferences(baseURL, licence);
  await browser?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('siyi-demo');
  await page.locator('button[type=submit]').click();
}

describe('the suggested order (建议订量)', () => {
  it('shows the retailer its own suggestion with the reason, on a phone in large type', async () => {
    const page = await openPage(browser, baseURL, 'phone');
    await signIn(page, licence);
    await page.getByRole('heading', { name: '我的店铺' }).first().waitFor({ timeout: 30_000 });
    await page.getByTitle('大字号').first().click();
    const card = page.locator('.ant-card').filter({ hasText: '建议订量' });
    await card
      .getByText(/近 \d+ 周平均 .+ 条\/周/)
      .first()
      .waitFor({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    expect(await card.textContent()).toMatch(/建议 \d+ 条/);
    expect(await card.textContent()).toContain('订多少由您决定');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'suggestions-retailer-phone-large');

    // The owner counts the shelf: the first product's stock, and the suggestion takes it off.
    await card.getByRole('button', { name: '填写库存，按库存重算' }).click();
    await card.locator('input').first().fill('99');
    await card.getByRole('button', { name: '保存库存并重新计算' }).click();
    await page.getByText('库存已保存，建议已按库存重新计算。').waitFor({ timeout: 30_000 });
    // Now at 0, the product folds away with the others at 0.
    await card.getByRole('button', { name: /另有 \d+ 个品规建议 0 条/ }).click();
    await card
      .getByText(/库存 99 条，建议 0 条/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'suggestions-retailer-stock-phone');
    await page.getByTitle('标准字号').first().click();
    await page.context().close();
  });

  it('shows a manager the card on the 360 page in English, with recompute', async () => {
    const { cookie } = await signInApi(baseURL, 'manager1');
    const mine = (await (await fetch(`${baseURL}/api/retailers?pageSize=5`, { headers: { cookie } })).json()) as {
      items: { id: number; shopName: string }[];
    };
    const target = mine.items[0];
    if (!target) throw new Error('manager1 has no retailers');
    const page = await openPage(browser, baseURL, 'desktop');
    await page.setExtraHTTPHeaders({ 'accept-language': 'en' });
    await signIn(page, 'manager1');
    await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    await switchLanguage(page, 'English');
    await page.goto(`/retailers/${target.id}`);
    const card = page.locator('.ant-card').filter({ hasText: 'Suggested order' });
    await card
      .getByText(/suggest \d+ carton/)
      .first()
      .waitFor({ timeout: 30_000 });
    // The staff read about the retailer's decision and the shop's stock, not "your orders".
    expect(await card.textContent()).toContain('the retailer decides what to order');
    expect(await card.textContent()).not.toContain('you decide');
    await card.getByRole('button', { name: "Give the shop's stock and recompute" }).waitFor();
    await card.getByRole('button', { name: /Recompute/ }).click();
    await page.getByText('Recomputed from the latest records.').waitFor({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'suggestions-360-desktop-en');
    await switchLanguage(page, '中文');
    await page.context().close();
    await resetPreferences(baseURL, 'manager1');
  });
});
