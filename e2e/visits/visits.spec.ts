import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiSession, apiSession, callApi, resetPreferences } from '../support/api';
import { contextOptions, fitsWidth, launchBrowser, screenshot, scrollToShopCard } from '../support/browser';
import { stripesPng } from '../support/png';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits for states, never for time: generous bounds for a loaded 2-core CI machine. */
const WAIT = 30_000;

type Session = ApiSession;
const login = (username: string) => apiSession(baseURL, username);
const api = <T>(session: Session, path: string, init: { method?: string; body?: unknown } = {}) =>
  callApi<T>(baseURL, session, path, init);

const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
function mondayOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * 86_400_000).toISOString().slice(0, 10);
}

async function newContext(viewport: 'phone' | 'desktop', extra: Parameters<Browser['newContext']>[0] = {}) {
  return browser.newContext({ ...contextOptions(baseURL, viewport), ...extra });
}

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.locator('#username').waitFor({ timeout: WAIT });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('siyi-demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT });
}

interface PlanStop {
  visitId: number;
  retailerId: number;
  shopName: string;
  lat: number;
  lng: number;
  status: string;
}

/**
 * A visit on the manager's route today: the first planned stop of today's plan, or, when the plan has none today,
 * one of its shops added to today (as a manager does from the week page).
 */
async function todaysStop(manager: Session): Promise<PlanStop> {
  const today = shanghaiToday();
  const plan = await api<{ days: { date: string; stops: PlanStop[] }[] }>(manager, '/api/visits/plan');
  expect(plan.status).toBe(200);
  const planned = plan.body.days.find((d) => d.date === today)?.stops.find((s) => s.status === 'planned');
  if (planned) return planned;
  const shops = await api<{ items: { id: number }[] }>(manager, '/api/retailers?pageSize=40&status=active');
  for (const shop of shops.body.items.slice(5)) {
    const added = await api<{ days: { date: string; stops: PlanStop[] }[] }>(manager, '/api/visits/plan/visits', {
      method: 'POST',
      body: { retailerId: shop.id, plannedDate: today },
    });
    if (added.status !== 201) continue;
    const stop = added.body.days.find((d) => d.date === today)?.stops.find((s) => s.retailerId === shop.id);
    if (stop) return stop;
  }
  throw new Error('no shop of the manager could be planned for today');
}

/** The supervisor whose district holds the manager (the coverage of each district names its managers). */
async function supervisorOf(managerId: number): Promise<string> {
  for (const username of ['supervisor1', 'supervisor2', 'supervisor3', 'supervisor4']) {
    const session = await login(username);
    const coverage = await api<{ managers: { managerId: number }[] }>(session, '/api/coverage');
    if (coverage.status === 200 && coverage.body.managers.some((m) => m.managerId === managerId)) return username;
  }
  throw new Error(`no supervisor sees manager ${managerId}`);
}

const doneFigure = (page: Page, managerId: number) =>
  page.locator(`[data-testid=coverage-figure][data-figure="coverage-managers.${managerId}.done"]`);

async function readDone(page: Page, managerId: number): Promise<number> {
  const figure = doneFigure(page, managerId);
  await figure.waitFor({ timeout: WAIT });
  return Number(await figure.getAttribute('data-value'));
}

describe('a visit that serves: the manager on a phone, the retailer’s rating, the supervisor’s figures and flag', () => {
  it('checks in far from the shop with a reason, records, photographs and checks out in ≤ 6 taps; the retailer rates it; coverage and the flag move', async () => {
    const username = 'manager2';
    const manager = await login(username);
    const stop = await todaysStop(manager);
    const shop = await api<{ licenceNo: string; shopName: string }>(manager, `/api/retailers/${stop.retailerId}`);
    expect(shop.status).toBe(200);
    const supervisorName = await supervisorOf(manager.userId);
    for (const user of [username, shop.body.licenceNo, supervisorName]) await resetPreferences(baseURL, user);

    // The supervisor's figure before: the manager's visits done this week.
    const supervisorContext = await newContext('desktop');
    const supervisor = await supervisorContext.newPage();
    await signIn(supervisor, supervisorName);
    await supervisor.goto('/visits/coverage');
    const doneBefore = await readDone(supervisor, manager.userId);

    // The manager, on a phone about 500 m north of the shop (the browser's position, supplied by the test).
    const managerContext: BrowserContext = await newContext('phone', {
      geolocation: { latitude: stop.lat + 0.0045, longitude: stop.lng, accuracy: 12 },
      permissions: ['geolocation'],
    });
    const phone = await managerContext.newPage();
    await signIn(phone, username);
    let taps = 0;
    const tap = async (target: Locator) => {
      taps += 1;
      await target.click();
    };

    await tap(phone.getByRole('button', { name: /菜\s*单$/ }));
    await tap(phone.getByRole('link', { name: '今日拜访' }));
    const stopRow = phone.locator(`[data-testid=visit-stop][data-id="${stop.visitId}"]`);
    await stopRow.waitFor({ timeout: WAIT });
    expect(await fitsWidth(phone)).toBe(true);
    await tap(stopRow.locator('[data-testid=stop-check-in]'));

    // Checked in on arrival from the list; 500 m away the server asks why, and the same reading goes again with it.
    await phone.waitForURL((url) => url.pathname === `/visits/${stop.visitId}`, { timeout: WAIT });
    const reason = phone.locator('[data-testid=visit-reason]');
    await reason.waitFor({ timeout: WAIT });
    await reason.fill('店门口在修路，车停在路口，步行过去。');
    await tap(phone.locator('[data-testid=visit-check-in-reason]'));
    await phone.locator('[data-testid=visit-page][data-status=in_progress]').waitFor({ timeout: WAIT });

    // The checklist (not counted: one answer per item).
    const items = phone.locator('[data-testid=checklist-item]');
    await items.first().waitFor({ timeout: WAIT });
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) await items.nth(i).getByText('是', { exact: true }).click();

    // A photo: the camera button's file input (one tap on the phone).
    taps += 1;
    await phone.locator('[data-testid=visit-photo-input]').setInputFiles({
      name: 'shelf.png',
      mimeType: 'image/png',
      buffer: stripesPng(),
    });
    await phone.locator('[data-testid=visit-photos] li').first().waitFor({ timeout: WAIT });
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, 'visit-on-site-phone');

    await tap(phone.locator('[data-testid=visit-check-out]'));
    await phone.locator('[data-testid=visit-page][data-status=done]').waitFor({ timeout: WAIT });
    await phone.locator('[data-testid=visit-time-on-site]').waitFor({ timeout: WAIT });
    expect(taps).toBeLessThanOrEqual(6);
    await managerContext.close();

    // The retailer: its home asks for the rating; one tap to the stars, four of them, a comment, send — once.
    const retailerContext = await newContext('phone');
    const retailer = await retailerContext.newPage();
    await signIn(retailer, shop.body.licenceNo);
    const homeCard = retailer.locator('[data-testid=visit-rating-home-card]');
    await scrollToShopCard(retailer, homeCard, WAIT);
    await homeCard.waitFor({ timeout: WAIT });
    await homeCard.locator(`a[href="/my-shop/visits?visit=${stop.visitId}"]`).click();
    await retailer.waitForURL((url) => url.pathname === '/my-shop/visits', { timeout: WAIT });
    const card = retailer.locator(`[data-testid=visit-to-rate][data-id="${stop.visitId}"]`);
    await card.waitFor({ timeout: WAIT });
    // Sending without stars says what is missing.
    await card.getByRole('button', { name: '提交评价' }).click();
    await card.getByText('请选择 1 到 5 星。').waitFor({ timeout: WAIT });
    await card
      .locator('[data-testid=visit-star-picker] label', { has: retailer.locator('input[data-score="4"]') })
      .click();
    await card.getByText('满意', { exact: true }).waitFor({ timeout: WAIT });
    await card.locator('textarea').fill('讲解很清楚，还帮我调整了陈列。<b>谢谢</b>');
    expect(await fitsWidth(retailer)).toBe(true);
    await screenshot(retailer, 'visit-rate-phone');
    await card.getByRole('button', { name: '提交评价' }).click();
    const rated = retailer.locator(`[data-testid=visit-rated][data-id="${stop.visitId}"]`);
    await rated.waitFor({ timeout: WAIT });
    expect(await rated.textContent()).toContain('4 星');
    expect(await rated.textContent()).toContain('<b>谢谢</b>');
    await card.waitFor({ state: 'detached', timeout: WAIT });
    // Once: the server refuses a second rating.
    const retailerSession = await login(shop.body.licenceNo);
    const again = await api(retailerSession, `/api/visits/${stop.visitId}/rating`, {
      method: 'POST',
      body: { score: 1 },
    });
    expect(again.status).toBe(409);
    await retailerContext.close();

    // The supervisor: the manager's done figure has moved by this visit, and it opens onto the visit.
    await expect
      .poll(
        async () => {
          await supervisor.reload();
          return readDone(supervisor, manager.userId);
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(doneBefore + 1);
    await doneFigure(supervisor, manager.userId).click();
    const drill = supervisor.locator('[data-testid=coverage-items]');
    await drill.getByRole('link', { name: stop.shopName }).first().waitFor({ timeout: WAIT });
    await screenshot(supervisor, 'visit-coverage-drill-desktop');
    await supervisor.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached', timeout: WAIT });

    // The flag: far from the shop, with the reason given; a call-back, then a spot-check closes it.
    await supervisor.goto('/visits/flags?kind=far_check_in');
    const flag = supervisor.locator(`[data-testid=flag][data-kind=far_check_in][data-retailer="${stop.retailerId}"]`);
    await flag.first().waitFor({ timeout: WAIT });
    expect(await flag.first().textContent()).toContain('店门口在修路');
    const row = supervisor.locator('tr', { has: flag.first() });
    await screenshot(supervisor, 'visit-flags-desktop');

    await row.locator('[data-testid=flag-callback]').click();
    const callback = supervisor.getByRole('dialog');
    await callback.waitFor({ timeout: WAIT });
    await callback.getByRole('button', { name: '保存回访' }).click();
    await callback.getByText('请选择回访结果。').waitFor({ timeout: WAIT });
    await callback.getByText('零售户说与记录相符').click();
    await callback.locator('textarea').fill('店主说客户经理确实来了，车停在路口。');
    await callback.getByRole('button', { name: '保存回访' }).click();
    await callback.waitFor({ state: 'detached', timeout: WAIT });
    await row.getByText('已回访 1 次').waitFor({ timeout: WAIT });

    await row.locator('[data-testid=flag-spot-check]').click();
    const spotCheck = supervisor.getByRole('dialog');
    await spotCheck.waitFor({ timeout: WAIT });
    await spotCheck.getByText('拜访正常（已核实或有合理说明）').click();
    await spotCheck.getByRole('button', { name: '保存抽检结果' }).click();
    await spotCheck.getByText('请写明抽检情况。').waitFor({ timeout: WAIT });
    await spotCheck.locator('textarea').fill('回访确认到店；修路属实。');
    await spotCheck.getByRole('button', { name: '保存抽检结果' }).click();
    await spotCheck.waitFor({ state: 'detached', timeout: WAIT });
    // Checked: it leaves the open list and shows among the checked ones, with the finding.
    await flag.first().waitFor({ state: 'detached', timeout: WAIT });
    await supervisor.goto('/visits/flags?kind=far_check_in&state=checked');
    const checked = supervisor.locator(
      `[data-testid=flag][data-kind=far_check_in][data-retailer="${stop.retailerId}"][data-open=false]`,
    );
    await checked.first().waitFor({ timeout: WAIT });
    const checkedRow = supervisor.locator('tr', { has: checked.first() });
    expect(await checkedRow.textContent()).toContain('拜访正常');
    await supervisorContext.close();

    // What the server holds: the visit done and rated 4 with the comment as typed, the flag checked as cleared.
    const visit = await api<{ status: string; rating: { score: number; comment: string } | null }>(
      manager,
      `/api/visits/${stop.visitId}`,
    );
    expect(visit.body.status).toBe('done');
    expect(visit.body.rating).toMatchObject({ score: 4, comment: '讲解很清楚，还帮我调整了陈列。<b>谢谢</b>' });
    const week = mondayOf(shanghaiToday());
    const ratedItems = await api<{ items: { visitId: number }[] }>(
      manager,
      `/api/coverage/items?week=${week}&figure=rated&managerId=${manager.userId}`,
    );
    expect(ratedItems.body.items.map((i) => i.visitId)).toContain(stop.visitId);
  });

  it('saves the admin’s visit rules as versions; a save over a newer version is refused and the newer one loaded', async () => {
    await resetPreferences(baseURL, 'admin');
    const context = await newContext('desktop');
    const page = await context.newPage();
    await signIn(page, 'admin');
    await page.goto('/visits/settings');
    const version = page.locator('[data-testid=settings-version]');
    await version.waitFor({ timeout: WAIT });
    const first = Number(await version.getAttribute('data-version'));

    // A save makes the next version.
    await page.locator('[data-testid=save-coverage-rules]').click();
    await page.locator(`[data-testid=settings-version][data-version="${first + 1}"]`).waitFor({ timeout: WAIT });

    // Someone else saves meanwhile; this page's save is then refused, says so, and shows theirs.
    const other = await login('admin');
    const current = await api<{ rules: unknown; version: number }>(other, '/api/visits/rules');
    expect(current.body.version).toBe(first + 1);
    const theirs = await api<{ version: number }>(other, '/api/visits/rules', {
      method: 'PUT',
      body: { rules: current.body.rules, version: current.body.version },
    });
    expect(theirs.status).toBe(200);
    await page.locator('[data-testid=save-coverage-rules]').click();
    await page.getByText('别人刚刚保存了新的版本，已为您载入最新内容，请核对后再保存。').waitFor({ timeout: WAIT });
    await page
      .locator(`[data-testid=settings-version][data-version="${theirs.body.version}"]`)
      .waitFor({ timeout: WAIT });

    // The checklist: a blank label is refused in words before anything is sent; the flag rules save as a version.
    await page.getByRole('tab', { name: '拜访清单' }).click();
    const firstItem = page.locator('[data-testid=template-item]').first();
    await firstItem.waitFor({ timeout: WAIT });
    const label = firstItem.locator('input').nth(1);
    const before = await label.inputValue();
    await label.fill('');
    await page.locator('[data-testid=save-template]').click();
    await firstItem.getByText('请填写。').waitFor({ timeout: WAIT });
    await label.fill(before);
    await page.getByRole('tab', { name: '异常规则' }).click();
    const flagVersion = page.locator('[data-testid=settings-version]');
    await flagVersion.waitFor({ timeout: WAIT });
    const flagFirst = Number(await flagVersion.getAttribute('data-version'));
    await page.locator('[data-testid=save-flag-rules]').click();
    await page.locator(`[data-testid=settings-version][data-version="${flagFirst + 1}"]`).waitFor({ timeout: WAIT });
    await context.close();
  });

  it('shows the supervisor’s pages on a phone in English with large type, without sideways scrolling', async () => {
    const supervisorName = 'supervisor1';
    const session = await login(supervisorName);
    await api(session, '/api/me/preferences', { method: 'PATCH', body: { locale: 'en', fontScale: 2 } });
    const context = await newContext('phone');
    const page = await context.newPage();
    try {
      await signIn(page, supervisorName);
      await page.goto('/visits/coverage');
      await page.getByRole('heading', { name: 'Visit coverage' }).waitFor({ timeout: WAIT });
      await page.locator('[data-testid=coverage-due]').waitFor({ timeout: WAIT });
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'visit-coverage-phone-en-large');
      await page.goto('/visits/flags?state=all');
      await page.getByRole('heading', { name: 'Flagged visits' }).waitFor({ timeout: WAIT });
      await page.locator('[data-testid=flag-list], .siyi-p-empty').first().waitFor({ timeout: WAIT });
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, 'visit-flags-phone-en-large');
    } finally {
      await context.close();
      await resetPreferences(baseURL, supervisorName);
    }
  });
});
