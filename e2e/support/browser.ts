import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS = new URL('../artifacts', import.meta.url).pathname;

/** Debian's Chromium; the flags keep it from reaching for the network this machine does not have. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type Viewport = 'phone' | 'desktop';

/** The browser context every journey uses: a 375 px phone or a desktop, Chinese, reduced motion. */
export function contextOptions(baseURL: string, viewport: Viewport = 'desktop'): BrowserContextOptions {
  return {
    baseURL,
    viewport: viewport === 'phone' ? { width: 375, height: 812 } : { width: 1366, height: 800 },
    deviceScaleFactor: 1,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    locale: 'zh-CN',
    // The app honours "reduce motion" by turning antd's animations off. Journeys ask for it: on the loaded 2-core CI
    // machine a finished animation's end was seen to come 20 s late, leaving a button named "loading 保 存" meanwhile.
    reducedMotion: 'reduce',
  };
}

export async function openPage(browser: Browser, baseURL: string, viewport: Viewport = 'desktop'): Promise<Page> {
  const context = await browser.newContext(contextOptions(baseURL, viewport));
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** True when the page needs no horizontal scrolling at its current width. */
export async function fitsWidth(page: Page): Promise<boolean> {
  // A string expression: it runs in the page, and this package is type-checked without the DOM library.
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');
}

/**
 * Switches a signed-in user's language from the header and waits until the server keeps the choice: a reload or a
 * closed page right after the click would otherwise read (or leave) the old one on the server, and the next page
 * or journey would come up in the other language.
 */
export async function switchLanguage(page: Page, label: 'English' | '中文'): Promise<void> {
  const saved = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/me/preferences' && response.request().method() === 'PATCH',
    { timeout: 30_000 },
  );
  await page.getByText(label, { exact: true }).first().click();
  await saved;
}

/**
 * A retailer's home draws its cards below the first screens when the owner scrolls within a screen of them
 * (shop-home.tsx): scroll to their place, as the owner would, so `card` is drawn.
 */
export async function scrollToShopCard(page: Page, card: Locator, timeout = 60_000): Promise<void> {
  await page.getByTestId('shop-more-cards').or(card).first().scrollIntoViewIfNeeded({ timeout });
}
