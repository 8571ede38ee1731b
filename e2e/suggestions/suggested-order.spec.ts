import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstRetailerLicence, resetPreferences, signInApi } from '../support/api';

/** A shop of manager1's (the district the demo's campaign targets) given a campaign's first-order suggestion. */
async function campaignRetailer(baseURL: string): Promise<{ licenceNo: string; productName: string }> {
  const { cookie } = await signInApi(baseURL, 'manager1');
  const mine = (await (await fetch(`${baseURL}/api/retailers?pageSize=30`, { headers: { cookie } })).json()) as {
    items: { id: number; licenceNo: string }[];
  };
  for (const shop of mine.items) {
    const answer = await fetch(`${baseURL}/api/orders/suggestions?retailerId=${shop.id}`, { headers: { cookie } });
    const items = (await answer.json()) as { productName: string; method: string }[];
    const first = items.find((i) => i.method === 'campaign-prior');
    if (first) return { licenceNo: shop.licenceNo, productName: first.productName };
  }
  throw new Error('no shop of manager1 has a campaign first-order suggestion');
}

import { fitsWidth, launchBrowser, openPage, screenshot, scrollToShopCard, switchLanguage } from '../support/browser';

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
    // The card loads (with antd, for its stock form) when the owner scrolls near it.
    await scrollToShopCard(page, page.getByRole('heading', { name: '建议订量' }), 30_000);
    await page.getByRole('heading', { name: '建议订量' }).scrollIntoViewIfNeeded({ timeout: 30_000 });
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

  it('suggests a running campaign’s new product to a targeted shop that never ordered it, and says so', async () => {
    const { licenceNo, productName } = await campaignRetailer(baseURL);
    const page = await openPage(browser, baseURL, 'phone');
    try {
      await signIn(page, licenceNo);
      await page.getByRole('heading', { name: '我的店铺' }).first().waitFor({ timeout: 30_000 });
      await page.getByTitle('大字号').first().click();
      await scrollToShopCard(page, page.getByRole('heading', { name: '建议订量' }), 30_000);
      await page.getByRole('heading', { name: '建议订量' }).scrollIntoViewIfNeeded({ timeout: 30_000 });
      const card = page.locator('.ant-card').filter({ hasText: '建议订量' });
      const row = card.locator('.siyi-sg-item').filter({ hasText: productName }).first();
      // A first order is at least a carton (the similar shops' first orders are), so it shows unfolded.
      await row.waitFor({ timeout: 30_000 });
      await row.scrollIntoViewIfNeeded();
      expect(await row.locator('.siyi-sg-tag').textContent()).toBe('新品推广');
      expect(await row.textContent()).toMatch(/推广活动「.+」，此前从未订过这个品规，\d+ 家同类门店首次多订 [\d–]+ 条/);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'suggestions-campaign-phone-large');
      await page.getByTitle('标准字号').first().click();
    } finally {
      await page.context().close();
      await resetPreferences(baseURL, licenceNo);
    }
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
