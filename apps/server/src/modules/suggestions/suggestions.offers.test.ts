import { addWeeks } from '@siyi/algorithms';
import type { CampaignSegment, CurrentOrderResponse, Suggestion } from '@siyi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import {
  campaignProducts,
  campaigns,
  orderLimits,
  supplyStrategies,
  supplyStrategyOutlets,
  supplyWeeks,
} from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  makeCompany,
  makeDistrict,
  makeOrder,
  makeProduct,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  type ProductRow,
  type RetailerRow,
  type Session,
  signIn,
} from '../../testing';
import { FIXTURE_PASSWORD } from '../../testing/fixture';
import { databaseTargets } from '../../testing/test-database';
import { CAMPAIGN_METHOD } from './suggestion-compute';

const targets = await databaseTargets();

// Wednesday 2026-12-02, 10:00 in Shanghai: the shops order on Fridays, so they are ordering this week (2026-11-30).
const NOW = '2026-12-02T02:00:00Z';
const WEEK = '2026-11-30';
const LAST = '2026-11-23';
const HISTORY = 20;

/**
 * What the retailer is told: a running campaign's product it never ordered becomes a first-order suggestion (issue
 * 10 §2, issue 12 §6), and every suggestion it sees keeps within its ordering week's published supply strategy
 * (issue 11), as the order page does.
 */
describe.each(targets)('suggestions within campaigns and the week’s strategy on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  let shop: RetailerRow;
  let untargeted: RetailerRow;
  const p = {} as Record<
    'steady' | 'fresh' | 'ended' | 'upcoming' | 'capped' | 'limited' | 'selected' | 'scarce' | 'off',
    ProductRow
  >;
  const s = {} as Record<'shop' | 'untargeted' | 'mgr', Session>;

  const get = async (session: Session, retailerId: number, lang = 'zh-CN') => {
    const answer = await app.inject({
      method: 'GET',
      url: `/api/orders/suggestions?retailerId=${retailerId}`,
      headers: { cookie: session.cookie, 'accept-language': lang },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<Suggestion[]>();
  };
  const of = (items: Suggestion[], product: ProductRow) => items.find((i) => i.productId === product.id);

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock });
    const company = await makeCompany(db);
    const d1 = await makeDistrict(db, { parentId: company.id });
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1.id });
    s.mgr = mgr.session;
    for (const key of [
      'steady',
      'fresh',
      'ended',
      'upcoming',
      'capped',
      'limited',
      'selected',
      'scarce',
      'off',
    ] as const) {
      p[key] = await makeProduct(db, { name: `品规-${key}` });
    }
    shop = await makeRetailer(db, { districtId: d1.id, managerId: mgr.user.id, tier: 10, orderWeekday: 5 });
    untargeted = await makeRetailer(db, { districtId: d1.id, managerId: mgr.user.id, tier: 11, orderWeekday: 5 });
    const peers: RetailerRow[] = [];
    for (let n = 0; n < 5; n++) {
      peers.push(await makeRetailer(db, { districtId: d1.id, tier: 9 + n, orderWeekday: 5 }));
    }
    await makeRetailerUser(db, shop);
    await makeRetailerUser(db, untargeted);
    s.shop = await signIn(app, shop.licenceNo, FIXTURE_PASSWORD);
    s.untargeted = await signIn(app, untargeted.licenceNo, FIXTURE_PASSWORD);

    // Peers first ordered the fresh product six weeks ago: 1, 1, 2, 2, 3 cartons, then 1 a week.
    const firsts = [1, 1, 2, 2, 3];
    for (let i = 0; i < HISTORY; i++) {
      const week = addWeeks(LAST, -(HISTORY - 1 - i));
      const own = [
        { product: p.steady, quantity: 4 },
        { product: p.limited, quantity: 6 },
        { product: p.selected, quantity: 3 },
        { product: p.scarce, quantity: 4 },
        { product: p.off, quantity: 2 },
      ];
      await makeOrder(db, shop, week, own);
      await makeOrder(db, untargeted, week, own);
      for (const [j, peer] of peers.entries()) {
        const lines = [{ product: p.steady, quantity: 3 }];
        if (i === HISTORY - 6) lines.push({ product: p.fresh, quantity: firsts[j] as number });
        if (i > HISTORY - 6) lines.push({ product: p.fresh, quantity: 1 });
        await makeOrder(db, peer, week, lines);
      }
    }

    // A running campaign targets the shop (by list) with the fresh product and the capped one; campaigns that
    // ended last week or start next week target it too, with products of their own.
    const goals = { introducedSharePct: 60, firstOrders: 10, reorders: 5, reorderWeeks: 4 };
    const segment: CampaignSegment = { kind: 'retailers', retailerIds: [shop.id] };
    const made = await db
      .insert(campaigns)
      .values([
        { name: '清风上市', startsOn: '2026-11-16', endsOn: '2026-12-31', segment, goals },
        { name: '已结束', startsOn: '2026-10-01', endsOn: '2026-11-29', segment, goals },
        { name: '下周开始', startsOn: '2026-12-07', endsOn: '2026-12-31', segment, goals },
      ])
      .returning({ id: campaigns.id });
    const [running, ended, upcoming] = made.map((c) => c.id) as [number, number, number];
    await db.insert(campaignProducts).values([
      { campaignId: running, productId: p.fresh.id, position: 0 },
      { campaignId: running, productId: p.capped.id, position: 1 },
      { campaignId: ended, productId: p.ended.id, position: 0 },
      { campaignId: upcoming, productId: p.upcoming.id, position: 0 },
    ]);
    // No shop ever ordered the capped product; the order limit caps its first order at 1.
    await db.insert(orderLimits).values({ productId: p.capped.id, maxCartons: 1 });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('suggests a running campaign’s product to a targeted shop that never ordered it, and says why', async () => {
    const items = await get(s.shop, shop.id);
    const fresh = of(items, p.fresh);
    // Similar shops' first orders 1, 1, 2, 2, 3: the lower median 2, the middle half 1–2.
    expect(fresh).toMatchObject({ quantity: 2, low: 1, high: 2, method: CAMPAIGN_METHOD });
    expect(fresh?.reason).toBe(
      '推广活动「清风上市」，此前从未订过这个品规，5 家同类门店首次多订 1–2 条，未报库存，建议 2 条',
    );
    const en = of(await get(s.mgr, shop.id, 'en'), p.fresh);
    expect(en?.reason).toBe(
      'Campaign "清风上市", never ordered here before, 5 similar shops\' first orders: mostly 1–2 cartons, stock not given: suggest 2 cartons',
    );
    // Never ordered by anyone: first orders of new products generally (the fresh product's five), capped at 1.
    const capped = of(items, p.capped);
    expect(capped).toMatchObject({ quantity: 1, high: 1, method: CAMPAIGN_METHOD });
    expect(capped?.reason).toMatch(
      /^推广活动「清风上市」，此前从未订过这个品规，尚无同类门店订过，.*限量 1 条，建议 1 条$/,
    );
    // The shop's own products keep their forecast; campaigns outside their period suggest nothing.
    expect(of(items, p.steady)?.method).not.toBe(CAMPAIGN_METHOD);
    expect(of(items, p.ended)).toBeUndefined();
    expect(of(items, p.upcoming)).toBeUndefined();
  });

  it('suggests nothing new to a shop the campaign does not target', async () => {
    const items = await get(s.untargeted, untargeted.id);
    expect(items.map((i) => i.productId).sort((a, b) => a - b)).toEqual(
      [p.steady.id, p.limited.id, p.selected.id, p.scarce.id, p.off.id].sort((a, b) => a - b),
    );
  });

  it('the whole-city run gives the targeted shop the same first-order suggestions as its own run', async () => {
    const campaignRows = (items: Suggestion[]) => items.filter((i) => i.method === CAMPAIGN_METHOD);
    const before = await get(s.shop, shop.id);
    expect(campaignRows(before)).toHaveLength(2);
    expect((await app.jobs.runDue()).failed).toBe(0);
    const city = await get(s.shop, shop.id);
    expect(campaignRows(city)).toEqual(campaignRows(before));
    const again = await app.inject({
      method: 'POST',
      url: '/api/orders/suggestions/recompute',
      headers: { cookie: s.mgr.cookie, 'x-csrf-token': s.mgr.csrfToken },
      payload: { retailerId: shop.id },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(await get(s.shop, shop.id)).toEqual(city);
  });

  it('keeps within the published strategy of the ordering week: limits, selected outlets, scarce requests', async () => {
    const unpublished = await get(s.shop, shop.id);
    expect(of(unpublished, p.limited)?.quantity).toBeGreaterThan(2);
    expect(of(unpublished, p.off)).toBeDefined();

    const db = database.db;
    const [week] = await db
      .insert(supplyWeeks)
      .values({
        weekStart: WEEK,
        districtId: shop.districtId,
        status: 'published',
        publishedAt: new Date('2026-11-28T04:00:00Z'),
      })
      .returning();
    const row = (productId: number, mode: 'open' | 'limited' | 'selected' | 'scarce', extra = {}) => ({
      weekStart: WEEK,
      districtId: shop.districtId,
      productId,
      mode,
      version: week?.version ?? 1,
      ...extra,
    });
    await db.insert(supplyStrategies).values([
      row(p.steady.id, 'open'),
      row(p.fresh.id, 'open'),
      row(p.capped.id, 'open'),
      row(p.limited.id, 'limited', {
        tierLimits: [
          { tierFrom: 1, tierTo: 10, maxCartons: 2 },
          { tierFrom: 11, tierTo: 30, maxCartons: 5 },
        ],
      }),
      row(p.selected.id, 'selected'),
      row(p.scarce.id, 'scarce', { supply: 10 }),
    ]);
    // Only the other shop is a selected outlet; the off product is not on the strategy at all.
    await db.insert(supplyStrategyOutlets).values({
      weekStart: WEEK,
      districtId: shop.districtId,
      productId: p.selected.id,
      retailerId: untargeted.id,
    });

    const items = await get(s.shop, shop.id);
    const limited = of(items, p.limited);
    expect(limited).toMatchObject({ quantity: 2 });
    expect(limited?.high).toBeLessThanOrEqual(2);
    expect(limited?.reason).toMatch(/限量 2 条，建议 2 条$/);
    expect((await get(s.mgr, shop.id, 'en')).find((i) => i.productId === p.limited.id)?.reason).toMatch(
      /limit 2: suggest 2 cartons$/,
    );
    expect(of(items, p.selected)).toBeUndefined();
    expect(of(items, p.off)).toBeUndefined();
    const scarce = of(items, p.scarce);
    expect(scarce?.reason).toMatch(/紧俏品规，所订为申请，按分配到货，建议 \d+ 条$/);
    expect(of(items, p.steady)?.reason).not.toContain('紧俏');
    // The campaign's first order is on the strategy: still suggested.
    expect(of(items, p.fresh)?.quantity).toBe(2);

    // The other shop (tier 11): its band's limit 5, and it is the selected outlet.
    const other = await get(s.untargeted, untargeted.id);
    expect(of(other, p.limited)?.quantity).toBeLessThanOrEqual(5);
    expect(of(other, p.selected)).toBeDefined();
    expect(of(other, p.off)).toBeUndefined();
  });

  it('says on the order page exactly what it says on the home card', async () => {
    const card = await get(s.shop, shop.id);
    const page = await app.inject({
      method: 'GET',
      url: '/api/orders/current',
      headers: { cookie: s.shop.cookie, 'accept-language': 'zh-CN' },
    });
    expect(page.statusCode, page.body).toBe(200);
    const products = page.json<CurrentOrderResponse>().products;
    const onPage = products.filter((x) => x.suggestion !== null);
    expect(onPage.map((x) => x.productId).sort((a, b) => a - b)).toEqual(
      card.map((c) => c.productId).sort((a, b) => a - b),
    );
    for (const x of onPage) {
      const c = card.find((i) => i.productId === x.productId);
      expect(x.suggestion).toEqual({ quantity: c?.quantity, reason: c?.reason });
      if (x.limit !== null) expect(x.suggestion?.quantity ?? 0).toBeLessThanOrEqual(x.limit);
    }
  });

  it('after the shop’s cut-off it follows next week’s strategy, once published', async () => {
    // Friday 2026-12-04 10:00 in Shanghai: the Friday shop's window closed Thursday night; it orders for next week.
    clock.advanceMinutes(2 * 24 * 60);
    try {
      const session = await signIn(app, shop.licenceNo, FIXTURE_PASSWORD);
      const unpublished = await get(session, shop.id);
      expect(of(unpublished, p.off)).toBeDefined();
      expect(of(unpublished, p.selected)).toBeDefined();
      expect(of(unpublished, p.limited)?.quantity).toBeGreaterThan(2);

      const next = '2026-12-07';
      const db = database.db;
      await db.insert(supplyWeeks).values({
        weekStart: next,
        districtId: shop.districtId,
        status: 'published',
        publishedAt: new Date('2026-12-05T04:00:00Z'),
      });
      await db.insert(supplyStrategies).values([
        { weekStart: next, districtId: shop.districtId, productId: p.steady.id, mode: 'open', version: 1 },
        {
          weekStart: next,
          districtId: shop.districtId,
          productId: p.limited.id,
          mode: 'limited',
          tierLimits: [{ tierFrom: 1, tierTo: 30, maxCartons: 1 }],
          version: 1,
        },
      ]);
      const items = await get(session, shop.id);
      expect(items.map((i) => i.productId).sort((a, b) => a - b)).toEqual(
        [p.steady.id, p.limited.id].sort((a, b) => a - b),
      );
      expect(of(items, p.limited)?.reason).toMatch(/限量 1 条，建议 1 条$/);
    } finally {
      clock.advanceMinutes(-2 * 24 * 60);
    }
  });
});
