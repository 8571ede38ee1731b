import { addWeeks } from '@siyi/algorithms';
import type { RecomputeSuggestionsResponse, Suggestion, SuggestionFigures } from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, orderLimits, orderSuggestions, retailerStock, suggestionRuns } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  getAs,
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
import { SUGGESTION_MODEL_VERSION } from './suggestion-compute';

const targets = await databaseTargets();

// Wednesday 2026-12-02, 10:00 in Shanghai: the current ordering week is 2026-11-30, history ends 2026-11-23.
const NOW = '2026-12-02T02:00:00Z';
const WEEK = '2026-11-30';
const LAST = '2026-11-23';
const HISTORY = 20;

describe.each(targets)('suggested orders on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  let shop: RetailerRow;
  let other: RetailerRow;
  let steady: ProductRow;
  let limited: ProductRow;
  let neverOrdered: ProductRow;
  let fresh: ProductRow;
  const s: Record<'admin' | 'mgr' | 'mgrOther' | 'supOther' | 'shop' | 'otherShop', Session> = {} as never;
  /** The steady product's weekly cartons at the shop, oldest first, ending last week. */
  const steadyWeeks = Array.from({ length: HISTORY }, (_, i) => 3 + (i % 3));

  const get = (session: Session, query: string, lang = 'zh-CN') =>
    app.inject({
      method: 'GET',
      url: `/api/orders/suggestions?${query}`,
      headers: { cookie: session.cookie, 'accept-language': lang },
    });
  const recompute = (session: Session, payload: unknown, lang = 'zh-CN') =>
    app.inject({
      method: 'POST',
      url: '/api/orders/suggestions/recompute',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': lang },
      payload: payload as Record<string, unknown>,
    });
  const storedFigures = async (productId: number) => {
    const [row] = await database.db
      .select({ inputs: orderSuggestions.inputs })
      .from(orderSuggestions)
      .where(
        and(
          eq(orderSuggestions.retailerId, shop.id),
          eq(orderSuggestions.weekStart, WEEK),
          eq(orderSuggestions.productId, productId),
        ),
      );
    return row?.inputs.figures as SuggestionFigures;
  };

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock });
    const company = await makeCompany(db);
    const d1 = await makeDistrict(db, { parentId: company.id });
    const d2 = await makeDistrict(db, { parentId: company.id });
    steady = await makeProduct(db, { name: '稳定烟' });
    limited = await makeProduct(db, { name: '限量烟', isScarce: true });
    neverOrdered = await makeProduct(db, { name: '没订过' });
    fresh = await makeProduct(db, { name: '新上架', isNew: true });
    s.admin = (await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id })).session;
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1.id });
    s.mgr = mgr.session;
    s.mgrOther = (await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1.id })).session;
    s.supOther = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d2.id })).session;
    shop = await makeRetailer(db, { districtId: d1.id, managerId: mgr.user.id, tier: 10 });
    other = await makeRetailer(db, { districtId: d1.id, managerId: mgr.user.id, tier: 11 });
    const peers = [other];
    for (let n = 0; n < 5; n++) peers.push(await makeRetailer(db, { districtId: d2.id, tier: 9 + n }));
    await makeRetailerUser(db, shop);
    await makeRetailerUser(db, other);
    s.shop = await signIn(app, shop.licenceNo, FIXTURE_PASSWORD);
    s.otherShop = await signIn(app, other.licenceNo, FIXTURE_PASSWORD);

    for (let i = 0; i < HISTORY; i++) {
      const week = addWeeks(LAST, -(HISTORY - 1 - i));
      const lines = [
        { product: steady, quantity: steadyWeeks[i] as number },
        { product: limited, quantity: 6 },
      ];
      // The new product reached the shop two weeks ago.
      if (i >= HISTORY - 2) lines.push({ product: fresh, quantity: 1 });
      await makeOrder(db, shop, week, lines);
      for (const [j, peer] of peers.entries()) {
        await makeOrder(db, peer, week, [
          { product: neverOrdered, quantity: 2 },
          { product: fresh, quantity: 1 + ((i + j) % 2) },
        ]);
      }
    }
    await database.db.insert(orderLimits).values({ productId: limited.id, maxCartons: 2 });
    await database.db.insert(retailerStock).values({
      retailerId: shop.id,
      productId: steady.id,
      districtId: shop.districtId,
      cartons: 2,
      reportedAt: new Date('2026-12-01T09:00:00Z'),
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers the retailer itself, its manager and an admin; anyone else gets 404', async () => {
    const own = await get(s.shop, `retailerId=${shop.id}`);
    expect(own.statusCode).toBe(200);
    expect((await get(s.mgr, `retailerId=${shop.id}`)).statusCode).toBe(200);
    expect((await get(s.admin, `retailerId=${shop.id}`)).statusCode).toBe(200);
    expect((await get(s.otherShop, `retailerId=${shop.id}`)).statusCode).toBe(404);
    expect((await get(s.mgrOther, `retailerId=${shop.id}`)).statusCode).toBe(404);
    expect((await get(s.supOther, `retailerId=${shop.id}`)).statusCode).toBe(404);
    expect((await get(s.shop, 'retailerId=999999')).statusCode).toBe(404);
  });

  it('suggests only what the retailer has ordered, each with a reason that quotes the figures used', async () => {
    const items = (await get(s.shop, `retailerId=${shop.id}&week=${WEEK}`)).json<Suggestion[]>();
    const ids = items.map((i) => i.productId).sort((a, b) => a - b);
    expect(ids).toEqual([steady.id, limited.id, fresh.id].sort((a, b) => a - b));
    expect(ids).not.toContain(neverOrdered.id);

    const item = items.find((i) => i.productId === steady.id) as Suggestion;
    const f = await storedFigures(steady.id);
    const last8 = steadyWeeks.slice(-8);
    const mean = last8.reduce((a, b) => a + b, 0) / 8;
    expect(f.weeks).toBe(8);
    expect(f.meanWeekly).toBeCloseTo(mean, 2);
    expect(f.stock).toBe(2);
    expect(f.quantity).toBe(item.quantity);
    expect(item.quantity).toBe(Math.max(0, f.demand - 2));
    expect(item.low).toBeLessThanOrEqual(item.quantity);
    expect(item.high).toBeGreaterThanOrEqual(item.quantity);
    const meanText = (Math.round(mean * 10) / 10).toFixed(1).replace(/\.0$/, '');
    expect(item.reason).toBe(`近 8 周平均 ${meanText} 条/周，库存 2 条，建议 ${item.quantity} 条`);
    expect(item.productName).toBe('稳定烟');

    const en = (await get(s.shop, `retailerId=${shop.id}`, 'en')).json<Suggestion[]>();
    expect(en.find((i) => i.productId === steady.id)?.reason).toBe(
      `Last 8 weeks: ${meanText} cartons a week on average, 2 in stock: suggest ${item.quantity} carton${item.quantity === 1 ? '' : 's'}`,
    );
  });

  it('never suggests more than the limit, and says the limit held', async () => {
    const items = (await get(s.mgr, `retailerId=${shop.id}`)).json<Suggestion[]>();
    const item = items.find((i) => i.productId === limited.id) as Suggestion;
    expect(item.quantity).toBe(2);
    expect(item.high).toBeLessThanOrEqual(2);
    expect(item.reason).toContain('限量 2 条');
    expect(item.reason).toContain('未报库存');
    const f = await storedFigures(limited.id);
    expect(f.limited).toBe(true);
    expect(f.demand).toBeGreaterThan(2);
  });

  it('leans on similar shops for a product new to the shop, and says so', async () => {
    const items = (await get(s.shop, `retailerId=${shop.id}`)).json<Suggestion[]>();
    const item = items.find((i) => i.productId === fresh.id) as Suggestion;
    const f = await storedFigures(fresh.id);
    expect(f.basis).toBe('prior');
    expect(f.priorReason).toBe('newProduct');
    expect(f.priorShops).toBe(6);
    expect(item.reason).toMatch(
      /^新品，近 2 周平均 1 条\/周，参照 6 家相近零售户约 1\.5 条\/周，未报库存，建议 \d+ 条$/,
    );
  });

  it('the weekly job stores every active retailer’s suggestions with the model version and inputs, once', async () => {
    const first = await app.jobs.runDue();
    expect(first.failed).toBe(0);
    await app.jobs.runDue();
    const runs = await database.db
      .select()
      .from(suggestionRuns)
      .where(and(eq(suggestionRuns.scope, 'city'), eq(suggestionRuns.weekStart, WEEK)));
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run?.modelVersion).toBe(SUGGESTION_MODEL_VERSION);
    expect(run?.trigger).toBe('schedule');
    expect(run?.parameters).toMatchObject({ level: 0.6, historyWeeks: 52, fromWeek: '2025-12-01', toWeek: LAST });
    const rows = await database.db
      .select()
      .from(orderSuggestions)
      .where(eq(orderSuggestions.runId, run?.id ?? 0));
    // The shop's 3 products and each of the 6 peers' 2.
    expect(rows).toHaveLength(3 + 6 * 2);
    const mine = rows.find((r) => r.retailerId === shop.id && r.productId === steady.id);
    expect(mine?.modelVersion).toBe(SUGGESTION_MODEL_VERSION);
    expect(mine?.history).toEqual(steadyWeeks);
    expect(mine?.inputs).toMatchObject({ historyTo: LAST, level: 0.6, figures: { stock: 2, weeks: 8 } });
    expect(mine?.districtId).toBe(shop.districtId);
  });

  it('recomputes one retailer on demand, audited and idempotent', async () => {
    const before = (await get(s.mgr, `retailerId=${shop.id}`)).json<Suggestion[]>();
    const a = await recompute(s.mgr, { retailerId: shop.id });
    expect(a.statusCode).toBe(200);
    const b = await recompute(s.mgr, { retailerId: shop.id, week: WEEK });
    expect(b.statusCode).toBe(200);
    const first = a.json<RecomputeSuggestionsResponse>();
    const second = b.json<RecomputeSuggestionsResponse>();
    expect(second.items).toEqual(first.items);
    expect(first.items).toEqual(before);
    expect(second.modelVersion).toBe(SUGGESTION_MODEL_VERSION);
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orderSuggestions)
      .where(and(eq(orderSuggestions.retailerId, shop.id), eq(orderSuggestions.weekStart, WEEK)));
    expect(n).toBe(3);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'suggestions.recomputed'), eq(auditLog.entityId, String(shop.id))));
    expect(audits).toHaveLength(2);
    expect(audits[0]?.after).toMatchObject({ week: WEEK, modelVersion: SUGGESTION_MODEL_VERSION, suggestions: 3 });

    expect((await recompute(s.shop, { retailerId: shop.id })).statusCode).toBe(403);
    expect((await recompute(s.mgrOther, { retailerId: shop.id })).statusCode).toBe(404);
    expect((await recompute(s.admin, { retailerId: shop.id })).statusCode).toBe(200);
  });

  it('takes the stock the retailer gives off its suggestion at once', async () => {
    const put = (session: Session, payload: unknown) =>
      app.inject({
        method: 'PUT',
        url: '/api/orders/stock',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: payload as Record<string, unknown>,
      });
    const answer = await put(s.shop, { retailerId: shop.id, items: [{ productId: steady.id, cartons: 40 }] });
    expect(answer.statusCode).toBe(200);
    const item = answer.json<RecomputeSuggestionsResponse>().items.find((i) => i.productId === steady.id);
    expect(item?.quantity).toBe(0);
    expect(item?.reason).toContain('库存 40 条，建议 0 条');
    const [stock] = await database.db.select().from(retailerStock).where(eq(retailerStock.retailerId, shop.id));
    expect(stock).toMatchObject({ cartons: 40, productId: steady.id });
    // The count is audited with who gave it and the run it fed (a later count replaces it in retailer_stock).
    const counted = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'suggestions.stockReported'), eq(auditLog.entityId, String(shop.id))));
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({ actorRole: 'retailer', districtId: shop.districtId });
    expect(counted[0]?.after).toMatchObject({
      week: WEEK,
      runId: answer.json<RecomputeSuggestionsResponse>().runId,
      items: [{ productId: steady.id, cartons: 40 }],
    });

    expect(
      (await put(s.otherShop, { retailerId: shop.id, items: [{ productId: steady.id, cartons: 1 }] })).statusCode,
    ).toBe(404);
    const bad = await put(s.mgr, {
      retailerId: shop.id,
      items: [
        { productId: 999_999, cartons: 1 },
        { productId: steady.id, cartons: -1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json<{ fields: Record<string, string> }>().fields)).toEqual(['items.1.cartons']);
    const unknown = await put(s.mgr, { retailerId: shop.id, items: [{ productId: 999_999, cartons: 1 }] });
    expect(unknown.json<{ fields: Record<string, string> }>().fields).toEqual({
      'items.0.productId': '没有这个品规。',
    });
    // Put the stock back as the other tests expect it.
    expect((await put(s.mgr, { retailerId: shop.id, items: [{ productId: steady.id, cartons: 2 }] })).statusCode).toBe(
      200,
    );
  });

  it('answers bad input with 400 and a message per field', async () => {
    const bad = await recompute(s.mgr, { retailerId: 'x', week: '2026-12-01' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ code: string; fields: Record<string, string> }>().fields;
    expect(Object.keys(fields).sort()).toEqual(['retailerId', 'week']);
    expect(fields.week).toBe('订货周请用该周星期一的日期，例如 2026-11-30。');

    const past = await recompute(s.mgr, { retailerId: shop.id, week: '2026-11-23' }, 'en');
    expect(past.statusCode).toBe(400);
    expect(past.json<{ fields: Record<string, string> }>().fields.week).toMatch(/^Only this week/);

    const future = await get(s.mgr, `retailerId=${shop.id}&week=2026-12-07`);
    expect(future.statusCode).toBe(400);
    expect(future.json<{ fields: Record<string, string> }>().fields.week).toBe('这一周还没有到，暂时没有建议订量。');

    const query = await get(s.mgr, 'retailerId=abc&week=2026-13-01');
    expect(query.statusCode).toBe(400);
    expect(Object.keys(query.json<{ fields: Record<string, string> }>().fields).sort()).toEqual(['retailerId', 'week']);

    const extra = await recompute(s.mgr, { retailerId: shop.id, quantity: 99 });
    expect(extra.statusCode).toBe(400);
  });

  it('a past week shows what was stored and computes nothing new', async () => {
    const past = await getAs(app, s.shop, `/api/orders/suggestions?retailerId=${shop.id}&week=${LAST}`);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toEqual([]);
    const runs = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(suggestionRuns)
      .where(eq(suggestionRuns.weekStart, LAST));
    expect(runs[0]?.n).toBe(0);
  });
});
