import type { Browser, Page } from 'playwright-core';
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
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

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
  lat: number;
  lng: number;
  status: string;
}

/**
 * A shop of the manager on today's route, checked in at the shop (the record is open): a planned stop of today, or
 * one of its shops added to today. Journeys share the server: a retry takes the next free shop.
 */
async function visitInProgress(manager: Session): Promise<PlanStop> {
  const today = shanghaiToday();
  // A retry finds the visit the first try checked in (a manager is in one shop at a time).
  const plan = await api<{ days: { date: string; stops: PlanStop[] }[] }>(manager, '/api/visits/plan');
  const open = plan.body.days.find((d) => d.date === today)?.stops.find((s) => s.status === 'in_progress');
  if (open) return open;
  const shops = await api<{ items: { id: number }[] }>(manager, '/api/retailers?pageSize=40&status=active');
  expect(shops.status).toBe(200);
  for (const shop of shops.body.items.slice(10)) {
    const added = await api<{ days: { date: string; stops: PlanStop[] }[] }>(manager, '/api/visits/plan/visits', {
      method: 'POST',
      body: { retailerId: shop.id, plannedDate: today },
    });
    if (added.status !== 201) continue;
    const stop = added.body.days.find((d) => d.date === today)?.stops.find((s) => s.retailerId === shop.id);
    if (stop?.status !== 'planned') continue;
    const checkIn = await api(manager, `/api/visits/${stop.visitId}/check-in`, {
      method: 'POST',
      body: { lat: stop.lat, lng: stop.lng, accuracy: 10 },
    });
    if (checkIn.status === 200) return stop;
  }
  throw new Error('no shop of the manager could be visited today');
}

/** An active product that no campaign promotes yet: this run's campaign is then the only one the shop sees for it. */
async function freeProduct(admin: Session): Promise<{ id: number; name: string }> {
  const campaigns = await api<{ items: { products: { id: number }[] }[] }>(admin, '/api/campaigns?pageSize=200');
  expect(campaigns.status).toBe(200);
  const used = new Set(campaigns.body.items.flatMap((c) => c.products.map((p) => p.id)));
  const products = await api<{ items: { id: number; name: string }[] }>(admin, '/api/products');
  const free = products.body.items.find((p) => !used.has(p.id));
  if (!free) throw new Error('every product is in a campaign already');
  return free;
}

describe('new-product promotion: knowledge and campaign, the guide on a visit, a gift signed for, feedback, the funnel', () => {
  it('an admin writes the product knowledge and creates a campaign with a gift stock; the manager introduces the product on a visit with the guide on screen and gives a gift; the retailer confirms it and leaves feedback; the funnel shows the step', {
    timeout: 300_000,
  }, async () => {
    const managerName = 'manager7';
    const manager = await login(managerName);
    const admin = await login('admin');
    const stop = await visitInProgress(manager);
    const shop = await api<{ licenceNo: string; shopName: string }>(manager, `/api/retailers/${stop.retailerId}`);
    expect(shop.status).toBe(200);
    const product = await freeProduct(admin);
    for (const user of ['admin', managerName, shop.body.licenceNo]) await resetPreferences(baseURL, user);
    const run = Date.now().toString(36);
    const guide = `先请老板看细支的烟盒 ${run}`;

    // The admin, on a desktop: the product's selling points, talking guide and tips.
    const adminContext = await browser.newContext(contextOptions(baseURL, 'desktop'));
    const desk = await adminContext.newPage();
    await signIn(desk, 'admin');
    await desk.goto(`/campaigns/products/${product.id}`);
    const form = desk.locator('[data-testid=knowledge-form]');
    await form.waitFor({ timeout: WAIT });
    await form.locator('[data-testid=selling-point-input]').first().fill('细支低焦，口感柔和');
    await form.locator('[data-testid=add-selling-point]').click();
    await form.locator('[data-testid=selling-point-input]').nth(1).fill('新包装，年轻人喜欢');
    await form.locator('#talkingGuide').fill(guide);
    await form.locator('#retailerTips').fill('放在收银台旁边的第一排');
    const savedKnowledge = desk.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/products/${product.id}/knowledge` && r.request().method() === 'PUT',
      { timeout: WAIT },
    );
    await form.locator('[data-testid=knowledge-save]').click();
    expect((await savedKnowledge).status()).toBe(200);

    // A picture of the product: a file that is not one is refused in words; a real one is shrunk, sent, shown.
    const photos = desk.locator('[data-testid=product-photos-editor]');
    const photoInput = photos.locator('[data-testid=product-photo-input]');
    await photoInput.setInputFiles({
      name: 'leaflet.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    });
    expect(await photos.locator('[data-testid=product-photo-error]').textContent({ timeout: WAIT })).toContain(
      '不是图片',
    );
    const before = Number(await photos.locator('[data-testid=product-photo-count]').getAttribute('data-count'));
    const uploaded = desk.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === `/api/products/${product.id}/knowledge/photos` && r.request().method() === 'POST',
      { timeout: WAIT },
    );
    await photoInput.setInputFiles({ name: 'shelf.png', mimeType: 'image/png', buffer: stripesPng(640, 480) });
    const photoResponse = await uploaded;
    expect(photoResponse.status()).toBe(201);
    const photo = (await photoResponse.json()) as { id: number; width: number; height: number };
    expect([photo.width, photo.height]).toEqual([640, 480]);
    await photos.locator(`[data-testid=product-photo][data-photo-id="${photo.id}"] img`).waitFor({ timeout: WAIT });
    await photos.locator(`[data-testid=product-photo-count][data-count="${before + 1}"]`).waitFor({ timeout: WAIT });
    expect(await photos.locator('[data-testid=product-photo-error]').count()).toBe(0);

    // A campaign of that product, from today for a month, for every retailer; ends before it starts → the field says so.
    await desk.goto('/campaigns/new');
    const campaignForm = desk.locator('[data-testid=campaign-form]');
    await campaignForm.waitFor({ timeout: WAIT });
    await campaignForm.locator('[data-testid=campaign-name]').fill(`细支新品推广 ${run}`);
    const products = campaignForm.locator('[data-testid=campaign-products]');
    await products.click();
    await desk.keyboard.type(product.name);
    await desk.locator('.ant-select-item-option', { hasText: product.name }).first().click({ timeout: WAIT });
    await desk.keyboard.press('Escape');
    await campaignForm.locator('[data-testid=campaign-starts]').fill(shanghaiToday());
    await campaignForm.locator('[data-testid=campaign-ends]').fill(addDays(shanghaiToday(), -1));
    await campaignForm.locator('[data-testid=campaign-save]').click();
    await campaignForm.locator('.ant-form-item-explain-error').first().waitFor({ timeout: WAIT });
    await campaignForm.locator('[data-testid=campaign-ends]').fill(addDays(shanghaiToday(), 30));
    await campaignForm.locator('[data-testid=campaign-save]').click();
    await desk.waitForURL((url) => /^\/campaigns\/\d+\/edit$/.test(url.pathname), { timeout: WAIT });
    const campaignId = Number(new URL(desk.url()).pathname.split('/')[2]);

    // A gift, and three of it for the manager.
    const items = desk.locator('[data-testid=campaign-items]');
    await items.locator('[data-testid=item-name]').fill('帆布袋');
    await items.locator('[data-testid=item-unit]').fill('个');
    await items.locator('[data-testid=item-add]').click();
    const stockInput = desk.locator(`[data-testid=stock-input][data-manager=${managerName}]`);
    await stockInput.waitFor({ timeout: WAIT });
    await stockInput.fill('3');
    const savedStock = desk.waitForResponse(
      (r) => /\/items\/\d+\/stock$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT',
      { timeout: WAIT },
    );
    await desk.locator('[data-testid=stock-save]').click();
    expect((await savedStock).status()).toBe(200);
    await screenshot(desk, 'campaigns-admin-edit');

    // The manager on a 375 px phone, on the open visit: 新品推介 shows the selling points and the guide.
    const managerContext = await browser.newContext(contextOptions(baseURL, 'phone'));
    const phone = await managerContext.newPage();
    await signIn(phone, managerName);
    await phone.goto(`/visits/${stop.visitId}`);
    await phone.locator('[data-testid=visit-page][data-status=in_progress]').waitFor({ timeout: WAIT });
    await phone.locator('[data-testid=introduce-open]').click({ timeout: WAIT });
    const panel = phone.locator(`[data-testid=introduce-product][data-product-id="${product.id}"]`);
    await panel.waitFor({ timeout: WAIT });
    expect(await panel.locator('[data-testid=talking-guide]').textContent()).toContain(guide);
    expect(await panel.locator('[data-testid=selling-points] li').count()).toBe(2);
    await panel.locator(`[data-testid=product-photo][data-photo-id="${photo.id}"]`).waitFor({ timeout: WAIT });
    expect(await fitsWidth(phone)).toBe(true);
    await panel.locator('[data-testid=introduce-reaction]').getByText('感兴趣', { exact: true }).click();
    const introduced = phone.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/campaigns/${campaignId}/introductions`,
      { timeout: WAIT },
    );
    await panel.locator('[data-testid=introduce-record]').click();
    const introduction = await introduced;
    expect(introduction.status()).toBe(201);
    const sent = introduction.request().postDataJSON() as { visitId?: number; guideShown?: boolean };
    expect(sent.visitId).toBe(stop.visitId);
    expect(sent.guideShown).toBe(true);
    await panel.locator('[data-testid=introduced]').waitFor({ timeout: WAIT });

    const gift = panel.locator('[data-testid=gift-item]').first();
    await gift.locator('[data-testid=gift-left][data-left="3"]').waitFor({ timeout: WAIT });
    await gift.locator('[data-testid=gift-issue]').click();
    await gift.locator('[data-testid=gift-left][data-left="2"]').waitFor({ timeout: WAIT });
    await panel.locator('[data-testid=gift-given][data-status=issued]').waitFor({ timeout: WAIT });
    await screenshot(phone, 'campaigns-manager-introduce-phone');
    await managerContext.close();

    // The retailer on a phone in large type: 新品上市 on its home, the gift confirmed with one tap, its feedback.
    const retailer = await login(shop.body.licenceNo);
    const large = await api(retailer, '/api/me/preferences', { method: 'PATCH', body: { fontScale: 2 } });
    expect(large.status).toBe(200);
    const retailerContext = await browser.newContext(contextOptions(baseURL, 'phone'));
    const shopPhone = await retailerContext.newPage();
    await signIn(shopPhone, shop.body.licenceNo);
    const homeCard = shopPhone.locator('[data-testid=new-products-home-card]');
    await scrollToShopCard(shopPhone, homeCard, WAIT);
    await homeCard.locator('[data-testid=gifts-waiting]').waitFor({ timeout: WAIT });
    await homeCard.locator(`[data-testid=product-photo][data-photo-id="${photo.id}"]`).waitFor({ timeout: WAIT });
    await homeCard.locator('a[href="/my-shop/new-products"]').click();
    await shopPhone.waitForURL((url) => url.pathname === '/my-shop/new-products', { timeout: WAIT });
    const item = shopPhone.locator(`[data-testid=new-product][data-product-id="${product.id}"]`);
    await item.waitFor({ timeout: WAIT });
    expect(await item.locator('[data-testid=retailer-tips]').textContent()).toContain('收银台');
    // The product's picture: a thumbnail named for the product; a tap opens the large one.
    const thumb = item.locator(`[data-testid=product-photo][data-photo-id="${photo.id}"]`);
    expect(await thumb.locator('img').getAttribute('alt')).toBe(product.name);
    await thumb.click();
    const bigPhoto = shopPhone.locator('[data-testid=product-photo-large]');
    await bigPhoto.waitFor({ timeout: WAIT });
    // The large picture arrives and decodes (a string run by the debugger protocol: the page's CSP forbids eval,
    // and the e2e project has no DOM types).
    const naturalWidth = await shopPhone.evaluate<number>(
      "(async () => { const img = document.querySelector('[data-testid=product-photo-large]'); await img.decode(); return img.naturalWidth; })()",
    );
    expect(naturalWidth).toBe(640);
    expect(await bigPhoto.getAttribute('alt')).toBe(product.name);
    expect(await fitsWidth(shopPhone)).toBe(true);
    await screenshot(shopPhone, 'campaigns-retailer-photo-large');
    await shopPhone.keyboard.press('Escape');
    await bigPhoto.waitFor({ state: 'detached', timeout: WAIT });
    // The manager's guide is the manager's: the retailer never sees it.
    expect(await shopPhone.getByText(guide).count()).toBe(0);
    await shopPhone.locator('[data-testid=gift-confirm]').first().click();
    await shopPhone.locator('[data-testid=gift-to-confirm]').waitFor({ state: 'detached', timeout: WAIT });

    await item.locator('[data-testid=feedback-consumer]').getByText('好', { exact: true }).click();
    await item.locator('[data-testid=feedback-price]').getByText('能接受', { exact: true }).click();
    await item.locator('[data-testid=feedback-remark]').fill('顾客说比老款顺口');
    await item.locator('[data-testid=feedback-reorder]').getByText('会', { exact: true }).click();
    const fed = shopPhone.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/campaigns/${campaignId}/feedback`,
      { timeout: WAIT },
    );
    await item.locator('[data-testid=feedback-send]').click();
    expect((await fed).status()).toBe(201);
    expect(await fitsWidth(shopPhone)).toBe(true);
    await screenshot(shopPhone, 'campaigns-retailer-phone-large');
    await retailerContext.close();
    await resetPreferences(baseURL, shop.body.licenceNo);

    const gifts = await api<{ items: { status: string; retailerId: number }[] }>(
      admin,
      `/api/gifts?campaignId=${campaignId}&retailerId=${stop.retailerId}`,
    );
    expect(gifts.body.items.map((g) => g.status)).toEqual(['confirmed']);

    // The funnel: the shop is introduced and interested; the introduced step opens a list that names it.
    await desk.goto(`/campaigns/${campaignId}`);
    const introducedStep = desk.locator('[data-testid=funnel-step][data-stage=introduced]');
    await introducedStep.waitFor({ timeout: WAIT });
    expect(Number(await introducedStep.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    const interestedStep = desk.locator('[data-testid=funnel-step][data-stage=interested]');
    expect(Number(await interestedStep.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await introducedStep.click();
    await desk
      .locator(`[data-testid=funnel-retailer][data-retailer-id="${stop.retailerId}"]`)
      .waitFor({ timeout: WAIT });
    await screenshot(desk, 'campaigns-dashboard-desktop');
    await adminContext.close();
  });
});
