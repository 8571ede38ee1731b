import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiSession, apiSession, callApi, resetPreferences } from '../support/api';
import { contextOptions, fitsWidth, launchBrowser, screenshot, scrollToShopCard } from '../support/browser';

const DAY_MS = 86_400_000;

/** The Monday ('YYYY-MM-DD') of the Shanghai week an instant falls in (UTC+8 all year). */
function shanghaiMonday(ms: number): string {
  const local = new Date(ms + 8 * 3_600_000);
  return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

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

interface Product {
  productId: number;
  name: string;
  mode: string;
  limit: number | null;
  quantity: number;
  suggestion: { quantity: number; reason: string } | null;
}
interface CurrentOrder {
  status: string;
  window: { open: boolean };
  products: Product[];
  lines: { id: number; productId: number; quantity: number; origin: string }[];
  proposals: { id: number; status: string; lines: { productId: number; pressured: boolean }[] }[];
}

interface Pick {
  managerName: string;
  manager: Session;
  retailerId: number;
  licence: string;
  /** The product the retailer edits: a suggestion above 0 with room above it. */
  edited: Product;
  /** An open product the manager proposes (no suggestion, not on the order). */
  proposed: Product;
}

/**
 * A manager and one of its shops that has not ordered this week, whose window is open and which has a suggestion
 * to edit and another product to propose. Journeys share the server, so shops others may use are skipped, and a
 * retry of this journey takes the next shop.
 */
async function pickShop(): Promise<Pick> {
  for (let m = 1; m <= 24; m += 1) {
    const managerName = `manager${m}`;
    const manager = await login(managerName);
    const shops = await api<{ items: { id: number; licenceNo: string }[] }>(
      manager,
      '/api/retailers?pageSize=40&status=active',
    );
    if (shops.status !== 200) continue;
    for (const shop of shops.body.items.slice(8)) {
      const retailer = await login(shop.licenceNo);
      const order = await api<CurrentOrder>(retailer, '/api/orders/current');
      if (order.status !== 200 || order.body.status !== 'none' || !order.body.window.open) continue;
      const open = order.body.products.filter((p) => p.mode === 'open' && p.limit === null);
      const edited = open.find((p) => p.suggestion !== null && p.suggestion.quantity > 0);
      const proposed = open.find((p) => p.suggestion === null && p.quantity === 0);
      if (edited && proposed) {
        return { managerName, manager, retailerId: shop.id, licence: shop.licenceNo, edited, proposed };
      }
    }
  }
  throw new Error('no shop of any manager can order this week with a suggestion');
}

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await page.locator('#username').waitFor({ timeout: WAIT });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('siyi-demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT });
}

describe('ordering with respect: the retailer’s own order, consent for a proposal, pressure reported past the manager', () => {
  it('orders from the suggestions on a phone, accepts a proposal, reports one of its lines as pressured; the supervisor sees it, the manager does not', {
    timeout: 240_000,
  }, async () => {
    const pick = await pickShop();
    await resetPreferences(baseURL, pick.licence);

    // The retailer on a 375 px phone: the home card leads to this week's order.
    const context = await browser.newContext(contextOptions(baseURL, 'phone'));
    const page = await context.newPage();
    await signIn(page, pick.licence);
    const homeCard = page.locator('[data-testid=order-home-card]');
    await scrollToShopCard(page, homeCard, WAIT);
    await homeCard.locator('a[href="/my-shop/order"]').click({ timeout: WAIT });
    await page.waitForURL((url) => url.pathname === '/my-shop/order', { timeout: WAIT });
    await page.locator('[data-testid=order-window][data-state=open]').waitFor({ timeout: WAIT });

    // Suggestions with their reasons are on the page.
    const row = page.locator(`[data-testid=order-product][data-product-id="${pick.edited.productId}"]`);
    const suggestion = row.locator('[data-testid=order-suggestion]');
    await suggestion.waitFor({ timeout: WAIT });
    expect(await suggestion.textContent()).toContain(pick.edited.suggestion?.reason ?? '');

    // Use all suggestions, then one carton more of one product: its stepper shows it.
    await page.locator('[data-testid=order-use-all]').click();
    const input = row.getByRole('spinbutton');
    await expect.poll(() => input.inputValue(), { timeout: WAIT }).toBe(String(pick.edited.suggestion?.quantity));
    await row.locator('[data-testid=order-increase]').click();
    const wanted = (pick.edited.suggestion?.quantity ?? 0) + 1;
    await expect.poll(() => input.inputValue(), { timeout: WAIT }).toBe(String(wanted));
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'ordering-retailer-phone');

    // Submit, confirm: the submit carries an Idempotency-Key. The first try is lost on the way (the network drops
    // it): the page says so, and the retry carries the same key.
    const isSubmit = (url: string) => new URL(url).pathname === '/api/orders/current/submit';
    const keys: string[] = [];
    await page.route(
      (url) => isSubmit(url.toString()),
      async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (keys.length === 1) await route.abort('internetdisconnected');
        else await route.continue();
      },
    );
    await page.locator('[data-testid=order-submit]').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click({ timeout: WAIT });
    await page.locator('[data-testid=order-network-lost]').waitFor({ timeout: WAIT });
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: WAIT });
    await page.locator('[data-testid=order-submit]').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click({ timeout: WAIT });
    await page.locator('[data-testid=order-submitted]').waitFor({ timeout: WAIT });
    await page.locator('[data-testid=order-status][data-status=submitted]').waitFor({ timeout: WAIT });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\x21-\x7E]{8,100}$/);
    expect(keys[1]).toBe(keys[0]);
    await page.unroute((url) => isSubmit(url.toString()));

    const retailer = await login(pick.licence);
    const afterSubmit = await api<CurrentOrder>(retailer, '/api/orders/current');
    expect(afterSubmit.body.status).toBe('submitted');
    const editedLine = afterSubmit.body.lines.find((l) => l.productId === pick.edited.productId);
    expect(editedLine?.quantity).toBe(wanted);
    expect(editedLine?.origin).toBe('suggestion_edited');

    // The demo's manager of this shop proposes a line; nothing is ordered until the retailer accepts.
    const proposal = await api<{ id: number }>(pick.manager, '/api/orders/proposals', {
      method: 'POST',
      body: { retailerId: pick.retailerId, lines: [{ productId: pick.proposed.productId, quantity: 2 }] },
    });
    expect(proposal.status).toBe(200);
    const beforeAccept = await api<CurrentOrder>(retailer, '/api/orders/current');
    expect(beforeAccept.body.lines.some((l) => l.productId === pick.proposed.productId)).toBe(false);

    await page.reload();
    const card = page.locator(`[data-testid=order-proposal][data-id="${proposal.body.id}"]`);
    await card.locator('[data-testid=order-proposal-accept]').click({ timeout: WAIT });
    await page
      .locator(`[data-testid=order-proposal][data-id="${proposal.body.id}"][data-status=accepted]`)
      .waitFor({ timeout: WAIT });

    // "Not wanted / pressured" on the accepted line: the dialog says the supervisor gets it, not the manager.
    await page
      .locator(
        `[data-testid=order-proposal][data-id="${proposal.body.id}"] [data-testid=order-proposal-line-pressured]`,
      )
      .click({ timeout: WAIT });
    const dialog = page.locator('.siyi-order-pressure');
    await dialog.waitFor({ timeout: WAIT });
    expect(await dialog.textContent()).toContain('片区主管');
    await dialog.locator('textarea').fill('要订紧俏烟就必须同时订这两条');
    await screenshot(page, 'ordering-pressured-phone');
    const reported = page.waitForResponse(
      (response) => /\/api\/orders\/lines\/\d+\/pressured$/.test(new URL(response.url()).pathname),
      { timeout: WAIT },
    );
    await dialog.locator('.ant-btn-dangerous').click();
    const answer = await reported;
    expect(answer.status()).toBe(200);
    const { concernId } = (await answer.json()) as { concernId: number };
    await page
      .locator(`[data-testid=order-proposal][data-id="${proposal.body.id}"] .ant-tag-red`)
      .waitFor({ timeout: WAIT });
    const afterReport = await api<CurrentOrder>(retailer, '/api/orders/current');
    expect(afterReport.body.lines.some((l) => l.productId === pick.proposed.productId)).toBe(false);
    await context.close();

    // The district supervisor reads the 强制搭配 concern; the manager it is about gets 404.
    let supervisorName: string | null = null;
    for (const name of ['supervisor1', 'supervisor2', 'supervisor3', 'supervisor4']) {
      const seen = await api<{ category: string }>(await login(name), `/api/concerns/${concernId}`);
      if (seen.status === 200) {
        expect(seen.body.category).toBe('forced_ordering');
        supervisorName = name;
        break;
      }
    }
    expect(supervisorName).not.toBeNull();
    expect((await api(pick.manager, `/api/concerns/${concernId}`)).status).toBe(404);

    await resetPreferences(baseURL, supervisorName ?? '');
    const supervisorContext = await browser.newContext(contextOptions(baseURL, 'desktop'));
    const supervisor = await supervisorContext.newPage();
    await signIn(supervisor, supervisorName ?? '');
    await supervisor.goto(`/concerns/${concernId}`);
    await supervisor.getByText('强制搭配').first().waitFor({ timeout: WAIT });
    await supervisorContext.close();
  });

  it('a supervisor publishes a coming week’s supply strategy on a desktop: last week’s products copied, one closing time picked, 发布 without a space', {
    timeout: 240_000,
  }, async () => {
    // A supervisor and a coming week its district has not planned yet (a retry takes the week after).
    const thisWeek = shanghaiMonday(Date.now());
    let found: { name: string; session: Session; week: string } | null = null;
    for (const week of [addDays(thisWeek, 7), addDays(thisWeek, 14), addDays(thisWeek, 21)]) {
      for (const name of ['supervisor1', 'supervisor2', 'supervisor3', 'supervisor4']) {
        const session = await login(name);
        const strategy = await api<{ status: string }>(session, `/api/supply-strategies/${week}`);
        if (strategy.status === 200 && strategy.body.status === 'none') {
          found = { name, session, week };
          break;
        }
      }
      if (found) break;
    }
    if (!found) throw new Error('every supervisor has planned the coming three weeks');
    const { name, session, week } = found;
    const sunday = addDays(week, 6);
    await resetPreferences(baseURL, name);

    const context = await browser.newContext(contextOptions(baseURL, 'desktop'));
    const page = await context.newPage();
    await signIn(page, name);
    await page.goto(`/orders/strategy?week=${week}`);
    await page.locator('[data-testid=strategy-status][data-status=none]').waitFor({ timeout: WAIT });

    // The week before is published: its products come over in one click.
    await page.locator('[data-testid=strategy-copy]').click({ timeout: WAIT });
    await page.locator('[data-testid=strategy-item]').first().waitFor({ timeout: WAIT });
    const items = await page.locator('[data-testid=strategy-item]').count();
    expect(items).toBeGreaterThan(0);

    // One closing time for the district, picked with the date picker: the week's Sunday, at its end.
    await page.locator('#strategy-closes-at').click({ timeout: WAIT });
    await page.locator(`.ant-picker-dropdown .ant-picker-cell[title="${sunday}"]`).click({ timeout: WAIT });
    await page.locator('.ant-picker-dropdown .ant-picker-ok button').click({ timeout: WAIT });
    await expect.poll(() => page.locator('#strategy-closes-at').inputValue(), { timeout: WAIT }).toContain('23:59');

    // Two Chinese characters on a button are one word: no space between them.
    const publish = page.locator('[data-testid=strategy-publish]');
    expect((await publish.textContent())?.trim()).toBe('发布');
    const sent = page.waitForRequest(
      (request) => request.method() === 'PUT' && new URL(request.url()).pathname === `/api/supply-strategies/${week}`,
      { timeout: WAIT },
    );
    await publish.click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click({ timeout: WAIT });
    const body = (await sent).postDataJSON() as { publish: boolean; closesAt: string | null; items: unknown[] };
    expect(body.publish).toBe(true);
    expect(body.closesAt).toBe(`${sunday}T23:59:00+08:00`);
    expect(body.items).toHaveLength(items);
    await page.locator('[data-testid=strategy-status][data-status=published]').waitFor({ timeout: WAIT });
    await page.locator('[data-testid=strategy-table]').waitFor({ timeout: WAIT });
    await screenshot(page, 'ordering-strategy-published-desktop');

    const saved = await api<{ status: string; closesAt: string | null; items: unknown[] }>(
      session,
      `/api/supply-strategies/${week}`,
    );
    expect(saved.body.status).toBe('published');
    expect(Date.parse(saved.body.closesAt ?? '')).toBe(Date.parse(`${sunday}T23:59:00+08:00`));
    expect(saved.body.items).toHaveLength(items);
    await context.close();
  });

  it('tells a retailer on a phone that its window has closed, and when, once the closing time has passed', {
    timeout: 240_000,
  }, async () => {
    // Any retailer with a published window: the phone's clock is set past its closing time.
    let shop: { licence: string; closesAt: string } | null = null;
    const manager = await login('manager1');
    const shops = await api<{ items: { licenceNo: string }[] }>(manager, '/api/retailers?pageSize=10&status=active');
    // Reading an order changes nothing: the first shops do (the pressure journey takes them from the ninth on).
    for (const item of shops.body.items) {
      const order = await api<{ window: { published: boolean; open: boolean; closesAt: string } }>(
        await login(item.licenceNo),
        '/api/orders/current',
      );
      if (order.status === 200 && order.body.window.published && order.body.window.open) {
        shop = { licence: item.licenceNo, closesAt: order.body.window.closesAt };
        break;
      }
    }
    if (!shop) throw new Error('no retailer of manager1 has an open window');
    await resetPreferences(baseURL, shop.licence);

    const context = await browser.newContext(contextOptions(baseURL, 'phone'));
    const page = await context.newPage();
    await page.clock.install({ time: new Date(Date.parse(shop.closesAt) + 60_000) });
    await signIn(page, shop.licence);
    await scrollToShopCard(page, page.locator('[data-testid=order-home-card]'), WAIT);
    await page.locator('[data-testid=order-home-card] [data-state=closed]').waitFor({ timeout: WAIT });
    await page.goto('/my-shop/order');
    const banner = page.locator('[data-testid=order-window][data-state=closed]');
    await banner.waitFor({ timeout: WAIT });
    // It says when, in Shanghai time: a midnight closing is 24:00 of the day before.
    const local = new Date(Date.parse(shop.closesAt) + 8 * 3_600_000);
    const midnight = local.getUTCHours() === 0 && local.getUTCMinutes() === 0;
    const day = new Date(local.getTime() - (midnight ? DAY_MS : 0));
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('截止');
    expect(text).toContain(`${day.getUTCMonth() + 1}月${day.getUTCDate()}日`);
    expect(text).toContain(midnight ? '24:00' : local.toISOString().slice(11, 16));
    // Nothing to submit any more, and the steppers are shut.
    expect(await page.locator('[data-testid=order-submit]').count()).toBe(0);
    expect(await page.locator('[data-testid=order-use-all]').count()).toBe(0);
    expect(await page.locator('[data-testid=order-increase]').first().isDisabled()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'ordering-closed-phone');
    await context.close();
  });
});
