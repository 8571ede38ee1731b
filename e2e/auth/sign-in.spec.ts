import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { firstRetailerLicence } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot, type Viewport } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;
let retailerLicence: string;

beforeAll(async () => {
  browser = await launchBrowser();
  retailerLicence = await firstRetailerLicence(baseURL);
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, username: string, password = 'siyi-demo') {
  await page.goto('/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}

describe('signing in', () => {
  it('shows a clear message in Chinese for a wrong password, and stays on the sign-in page', async () => {
    const page = await openPage(browser, baseURL);
    await signIn(page, 'manager1', 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('用户名或密码错误，请重新输入。');
    expect(await page.locator('#password').isVisible()).toBe(true);
    await screenshot(page, 'sign-in-wrong-password');
    await page.context().close();
  });

  const journeys: { who: string; username: () => string; heading: string; chart: boolean; viewport: Viewport }[] = [
    { who: 'admin', username: () => 'admin', heading: '用户', chart: false, viewport: 'desktop' },
    { who: 'supervisor', username: () => 'supervisor1', heading: '片区概况', chart: true, viewport: 'desktop' },
    { who: 'manager on a phone', username: () => 'manager1', heading: '我的零售户', chart: true, viewport: 'phone' },
    {
      who: 'manager on a desktop',
      username: () => 'manager2',
      heading: '我的零售户',
      chart: true,
      viewport: 'desktop',
    },
    {
      who: 'retailer on a phone',
      username: () => retailerLicence,
      heading: '我的店铺',
      chart: true,
      viewport: 'phone',
    },
  ];

  for (const journey of journeys) {
    it(`lands the ${journey.who} on a working home page`, async () => {
      const page = await openPage(browser, baseURL, journey.viewport);
      await signIn(page, journey.username());
      await page.getByRole('heading', { name: journey.heading }).first().waitFor({ timeout: 20_000 });
      if (journey.chart) {
        // Once the figures have arrived, ECharts draws into a canvas on a desktop; a phone draws our SVG chart
        // (ADR 0006) and loads no ECharts at all.
        const chart = journey.viewport === 'phone' ? page.locator('[role="img"] svg') : page.locator('canvas');
        // A chart below the fold is drawn when it comes near the screen (WhenVisible): scroll down to it as a user
        // does, a screen at a time.
        for (let screen = 0; screen < 12 && (await chart.count()) === 0; screen++) {
          await page.evaluate('window.scrollBy(0, window.innerHeight * 0.8)');
          await chart
            .first()
            .waitFor({ timeout: 1_500 })
            .catch(() => undefined);
        }
        await chart.first().waitFor({ timeout: 20_000 });
        if (journey.viewport === 'phone') expect(await page.locator('canvas').count()).toBe(0);
      }
      await page.waitForLoadState('networkidle');
      expect(
        await page
          .getByRole('alert')
          .filter({ hasText: /错误|失败/ })
          .count(),
      ).toBe(0);
      if (journey.viewport === 'phone') expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `home-${journey.who.replaceAll(' ', '-')}`);
      await page.context().close();
    });
  }
});
