import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ApiSession, apiSession, callApi, resetPreferences } from '../support/api';
import { contextOptions, fitsWidth, launchBrowser, screenshot } from '../support/browser';

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
});
