import { readFileSync } from 'node:fs';
import type {
  CampaignDetail,
  CampaignFunnel,
  CampaignListResponse,
  FunnelRetailerListResponse,
  Gift,
  GiftStockRow,
  NewProductsResponse,
  ProductKnowledge,
} from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import {
  auditLog,
  campaignFeedback,
  campaignIntroductions,
  campaignItems,
  campaigns,
  giftStock,
  gifts,
  productKnowledge,
  timelineEvents,
  visits,
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
import { firstOrderCandidates } from './campaign-targets';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

// Wednesday 2026-12-02, 10:00 in Shanghai: the week is 2026-11-30.
const NOW = '2026-12-02T02:00:00Z';

type Who = 'admin' | 'sup1' | 'sup2' | 'mgr' | 'mgrOther' | 'mgr2' | 'shopA' | 'shopB' | 'shopC';

describe.each(targets)('new-product campaigns on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  const s: Record<Who, Session> = {} as never;
  const ids: Partial<Record<Who, number>> = {};
  const usernames: Partial<Record<Who, string>> = {};
  const shop: Record<'A' | 'B' | 'C' | 'D', RetailerRow> = {} as never;
  const p: Record<'fresh' | 'fresh2' | 'old', ProductRow> = {} as never;
  let d1: number;
  let d2: number;
  let running: CampaignDetail;
  let ended: CampaignDetail;
  let giftItemId: number;

  const call = (who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: s[who].cookie, 'x-csrf-token': s[who].csrfToken, 'accept-language': 'zh-CN' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const count = async (
    table:
      | typeof campaigns
      | typeof gifts
      | typeof campaignIntroductions
      | typeof campaignFeedback
      | typeof productKnowledge
      | typeof giftStock
      | typeof campaignItems,
  ) => (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
  const audits = async (prefix: string) =>
    (
      await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(sql`${auditLog.action} like ${`${prefix}%`}`)
    )[0]?.n ?? 0;
  const writes = async () => ({
    campaigns: await count(campaigns),
    gifts: await count(gifts),
    introductions: await count(campaignIntroductions),
    feedback: await count(campaignFeedback),
    knowledge: await count(productKnowledge),
    stock: await count(giftStock),
    items: await count(campaignItems),
    audits: (await audits('campaign')) + (await audits('gift')) + (await audits('product')),
  });

  const campaignBody = () => ({
    name: '新品推广：细支新品',
    productIds: [p.fresh.id, p.fresh2.id],
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    // Tiers 5–15: shops A, C (district 1) and D (district 2); B (tier 20) is not targeted.
    segment: { kind: 'rules', tiers: { from: 5, to: 15 } },
    goals: { introducedSharePct: 80, firstOrders: 2, reorders: 1, reorderWeeks: 4 },
  });

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock });
    const company = await makeCompany(db);
    d1 = (await makeDistrict(db, { parentId: company.id })).id;
    d2 = (await makeDistrict(db, { parentId: company.id })).id;
    p.fresh = await makeProduct(db, { name: '新品细支', isNew: true });
    p.fresh2 = await makeProduct(db, { name: '新品中支', isNew: true, format: 'medium' });
    p.old = await makeProduct(db, { name: '老品' });
    const users = {
      admin: await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id }),
      sup1: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d1 }),
      sup2: await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d2 }),
      mgr: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 }),
      mgrOther: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 }),
      mgr2: await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d2 }),
    };
    for (const [who, { user, session }] of Object.entries(users)) {
      s[who as Who] = session;
      ids[who as Who] = user.id;
      usernames[who as Who] = user.username;
    }
    shop.A = await makeRetailer(db, { districtId: d1, managerId: ids.mgr, tier: 10 });
    shop.B = await makeRetailer(db, { districtId: d1, managerId: ids.mgr, tier: 20, businessFormat: 'grocery' });
    shop.C = await makeRetailer(db, { districtId: d1, managerId: ids.mgrOther, tier: 12 });
    shop.D = await makeRetailer(db, { districtId: d2, managerId: ids.mgr2, tier: 8 });
    for (const [who, row] of [
      ['shopA', shop.A],
      ['shopB', shop.B],
      ['shopC', shop.C],
    ] as const) {
      await makeRetailerUser(db, row);
      s[who] = await signIn(app, row.licenceNo, FIXTURE_PASSWORD);
      ids[who] = row.id;
      usernames[who] = row.licenceNo;
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('keeps product knowledge: admins write it (version, 409), staff read it, retailers only new or campaign products', async () => {
    const url = `/api/products/${p.fresh.id}/knowledge`;
    const empty = (await call('mgr', 'GET', url)).json<ProductKnowledge>();
    expect(empty).toMatchObject({ version: 0, sellingPoints: [], talkingGuide: '' });
    const body = {
      sellingPoints: ['细支低焦，口感柔和', '包装清新'],
      targetConsumers: '25–40 岁白领',
      pricePosition: '三类烟中价位',
      talkingGuide: '先请老板闻烟丝香气，\n再讲低焦。',
      retailerTips: '放在收银台旁第一排。',
      version: 0,
    };
    for (const who of ['mgr', 'sup1', 'shopA'] as const) {
      expect((await call(who, 'PUT', url, body)).statusCode, who).toBe(403);
    }
    const first = await call('admin', 'PUT', url, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<ProductKnowledge>()).toMatchObject({ version: 1, sellingPoints: body.sellingPoints });
    // Someone else wrote first: a second "first write" is stale.
    const stale = await call('admin', 'PUT', url, { ...body, talkingGuide: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 1 });
    const second = await call('admin', 'PUT', url, { ...body, version: 1, pricePosition: '中高端' });
    expect(second.json<ProductKnowledge>()).toMatchObject({ version: 2, pricePosition: '中高端' });
    expect(await audits('product.knowledge')).toBe(2);

    expect((await call('sup1', 'GET', url)).json<ProductKnowledge>().talkingGuide).toContain('低焦');
    // A new product on sale: the retailer reads it, without the manager's guide; an old product outside any
    // campaign is not found.
    const seen = await call('shopB', 'GET', url);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<ProductKnowledge>()).toMatchObject({ talkingGuide: null, retailerTips: body.retailerTips });
    expect((await call('shopB', 'GET', `/api/products/${p.old.id}/knowledge`)).statusCode).toBe(404);
    expect((await call('admin', 'GET', '/api/products/999999/knowledge')).statusCode).toBe(404);
  });

  it('refuses bad knowledge with a message per field and writes nothing', async () => {
    const url = `/api/products/${p.fresh2.id}/knowledge`;
    const before = await writes();
    const cases: [string, unknown, string][] = [
      [
        'eleven selling points',
        { sellingPoints: Array.from({ length: 11 }, (_, i) => `点${i}`), version: 0 },
        'sellingPoints',
      ],
      ['a blank point', { sellingPoints: ['  '], version: 0 }, 'sellingPoints.0'],
      ['a broken character', { sellingPoints: ['\uD800'], version: 0 }, 'sellingPoints.0'],
      ['no version', { sellingPoints: ['a'] }, 'version'],
      ['a negative version', { version: -1 }, 'version'],
      ['a NUL', { talkingGuide: 'a\u0000b', version: 0 }, 'talkingGuide'],
      ['an unknown field', { version: 0, photos: [] }, ''],
    ];
    for (const [label, payload, field] of cases) {
      const response = await call('admin', 'PUT', url, payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      if (field) expect(Object.keys(response.json().fields ?? {}), label).toContain(field);
    }
    expect(await writes()).toEqual(before);
    // Every naughty string as a selling point and the guide: a clear answer, never a 500.
    for (const text of naughtyStrings) {
      const response = await call('admin', 'PUT', url, { sellingPoints: [text], talkingGuide: text, version: 999 });
      expect(response.statusCode, JSON.stringify(text)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(text)).toBeLessThan(500);
    }
    expect(await writes()).toEqual(before);
  });

  it('refuses a bad campaign (reversed dates, empty segment, unknown ids, naughty strings) and writes nothing', async () => {
    const before = await writes();
    const cases: [string, Record<string, unknown>, string][] = [
      ['dates reversed', { startsOn: '2026-12-31', endsOn: '2026-11-01' }, 'endsOn'],
      ['no such date', { startsOn: '2026-02-30' }, 'startsOn'],
      ['not a date', { endsOn: '31/12/2026' }, 'endsOn'],
      ['empty rules', { segment: { kind: 'rules' } }, 'segment'],
      ['empty lists', { segment: { kind: 'rules', formats: [], districtIds: [] } }, 'segment'],
      ['empty hand-picked list', { segment: { kind: 'retailers', retailerIds: [] } }, 'segment'],
      ['reversed tiers', { segment: { kind: 'rules', tiers: { from: 20, to: 5 } } }, 'segment.tiers.to'],
      ['tier 31', { segment: { kind: 'rules', tiers: { from: 1, to: 31 } } }, 'segment.tiers.to'],
      ['unknown segment kind', { segment: { kind: 'everyone' } }, 'segment.kind'],
      ['no products', { productIds: [] }, 'productIds'],
      ['a product twice', { productIds: [p.fresh.id, p.fresh.id] }, 'productIds.1'],
      ['an unknown product', { productIds: [p.fresh.id, 999_999] }, 'productIds.1'],
      ['an unknown district', { segment: { kind: 'rules', districtIds: [999_999] } }, 'segment.districtIds.0'],
      ['an unknown retailer', { segment: { kind: 'retailers', retailerIds: [999_999] } }, 'segment.retailerIds.0'],
      ['a blank name', { name: '   ' }, 'name'],
      ['reorder weeks 0', { goals: { reorderWeeks: 0 } }, 'goals.reorderWeeks'],
      ['share 101 %', { goals: { introducedSharePct: 101 } }, 'goals.introducedSharePct'],
    ];
    for (const [label, change, field] of cases) {
      const response = await call('admin', 'POST', '/api/campaigns', { ...campaignBody(), ...change });
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      expect(Object.keys(response.json().fields ?? {}), label).toContain(field);
      expect(response.json().message, label).toBeTruthy();
    }
    const reversed = await call('admin', 'POST', '/api/campaigns', {
      ...campaignBody(),
      startsOn: '2026-12-31',
      endsOn: '2026-11-01',
    });
    expect(reversed.json().fields.endsOn).toBe('结束日期不能早于开始日期。');
    for (const text of naughtyStrings) {
      const response = await call('admin', 'POST', '/api/campaigns', {
        ...campaignBody(),
        name: text,
        startsOn: text,
        segment: { kind: text },
      });
      expect(response.statusCode, JSON.stringify(text)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(text)).toBeLessThan(500);
    }
    expect((await call('mgr', 'POST', '/api/campaigns', campaignBody())).statusCode).toBe(403);
    expect((await call('sup1', 'POST', '/api/campaigns', campaignBody())).statusCode).toBe(403);
    expect(await writes()).toEqual(before);
  });

  it('creates campaigns (admin), shows each staff member those reaching its retailers, and edits with a version', async () => {
    const created = await call('admin', 'POST', '/api/campaigns', campaignBody());
    expect(created.statusCode, created.body).toBe(201);
    running = created.json<CampaignDetail>();
    expect(running).toMatchObject({ status: 'running', targetCount: 3, introducedCount: 0, version: 1 });
    expect(running.goals).toEqual({ introducedSharePct: 80, firstOrders: 2, reorders: 1, reorderWeeks: 4 });
    expect(running.products.map((x) => x.id)).toEqual([p.fresh.id, p.fresh2.id]);
    const past = await call('admin', 'POST', '/api/campaigns', {
      name: '十月新品',
      productIds: [p.fresh.id],
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      segment: { kind: 'retailers', retailerIds: [shop.B.id] },
    });
    expect(past.statusCode, past.body).toBe(201);
    ended = past.json<CampaignDetail>();
    expect(ended).toMatchObject({ status: 'ended', targetCount: 1 });
    expect(ended.goals.reorderWeeks).toBe(4);
    expect(await audits('campaign.create')).toBe(2);

    const list = async (who: Who, query = '') =>
      (await call(who, 'GET', `/api/campaigns${query}`)).json<CampaignListResponse>();
    expect((await list('admin')).items.map((c) => c.id)).toEqual([running.id, ended.id]);
    expect((await list('admin', '?status=running')).items.map((c) => c.id)).toEqual([running.id]);
    const ofSup1 = await list('sup1');
    expect(ofSup1.items.map((c) => [c.id, c.targetCount])).toEqual([
      [running.id, 2],
      [ended.id, 1],
    ]);
    expect((await list('sup2')).items.map((c) => [c.id, c.targetCount])).toEqual([[running.id, 1]]);
    expect((await list('mgr')).items.map((c) => [c.id, c.targetCount])).toEqual([
      [running.id, 1],
      [ended.id, 1],
    ]);
    expect((await list('mgr2')).total).toBe(1);
    expect((await call('shopA', 'GET', '/api/campaigns')).statusCode).toBe(403);
    expect((await call('mgr2', 'GET', `/api/campaigns/${ended.id}`)).statusCode).toBe(404);
    expect((await call('sup2', 'GET', `/api/campaigns/${ended.id}`)).statusCode).toBe(404);
    expect((await call('sup1', 'GET', `/api/campaigns/${ended.id}`)).statusCode).toBe(200);

    const edit = { ...campaignBody(), name: '新品推广：细支新品（十二月）', version: running.version };
    expect((await call('sup1', 'PUT', `/api/campaigns/${running.id}`, edit)).statusCode).toBe(403);
    const edited = await call('admin', 'PUT', `/api/campaigns/${running.id}`, edit);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<CampaignDetail>()).toMatchObject({ version: 2, name: edit.name });
    const stale = await call('admin', 'PUT', `/api/campaigns/${running.id}`, { ...edit, name: '过期' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ name: edit.name, version: 2 });
    const reversed = await call('admin', 'PUT', `/api/campaigns/${running.id}`, {
      ...edit,
      version: 2,
      endsOn: '2026-10-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect((await call('admin', 'PUT', '/api/campaigns/999999', { ...edit, version: 2 })).statusCode).toBe(404);
    running = (await call('admin', 'GET', `/api/campaigns/${running.id}`)).json<CampaignDetail>();
    expect(running.version).toBe(2);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'campaign.update'), eq(auditLog.entityId, String(running.id))));
    expect(audit?.before).toMatchObject({ name: '新品推广：细支新品' });
    expect(audit?.after).toMatchObject({ name: edit.name });
  });

  it('gives gifts and materials stock per manager (admin); negative 400, below what is out 409', async () => {
    const item = await call('admin', 'POST', `/api/campaigns/${running.id}/items`, {
      kind: 'gift',
      name: '新品打火机',
      unit: '个',
    });
    expect(item.statusCode, item.body).toBe(201);
    giftItemId = item.json().id;
    expect(
      (await call('mgr', 'POST', `/api/campaigns/${running.id}/items`, { kind: 'gift', name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await call('admin', 'POST', `/api/campaigns/${running.id}/items`, { kind: 'cash', name: 'x' })).statusCode,
    ).toBe(400);
    const url = `/api/campaigns/${running.id}/items/${giftItemId}/stock`;
    const before = await writes();
    for (const quantity of [-1, 1.5, '3', null]) {
      const response = await call('admin', 'PUT', url, { managerId: ids.mgr, quantity });
      expect(response.statusCode, String(quantity)).toBe(400);
      expect(Object.keys(response.json().fields)).toEqual(['quantity']);
    }
    expect((await call('admin', 'PUT', url, { managerId: ids.mgr, quantity: -5 })).json().fields.quantity).toBe(
      '库存请填 0 或正整数。',
    );
    expect((await call('admin', 'PUT', url, { managerId: ids.sup1, quantity: 5 })).statusCode).toBe(400);
    expect((await call('mgr', 'PUT', url, { managerId: ids.mgr, quantity: 5 })).statusCode).toBe(403);
    expect(
      (
        await call('admin', 'PUT', `/api/campaigns/${ended.id}/items/${giftItemId}/stock`, {
          managerId: ids.mgr,
          quantity: 5,
        })
      ).statusCode,
    ).toBe(404);
    expect(await writes()).toEqual(before);
    const set = await call('admin', 'PUT', url, { managerId: ids.mgr, quantity: 4 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<GiftStockRow>()).toMatchObject({ assigned: 4, issued: 0, available: 4, managerId: ids.mgr });
    const mine = (await call('mgr', 'GET', '/api/gift-stock')).json().items;
    expect(mine).toHaveLength(1);
    expect((await call('mgr2', 'GET', '/api/gift-stock')).json().items).toEqual([]);
    expect((await call('sup1', 'GET', `/api/gift-stock?campaignId=${running.id}`)).json().items).toHaveLength(1);
    expect((await call('sup2', 'GET', '/api/gift-stock')).json().items).toEqual([]);
    expect((await call('shopA', 'GET', '/api/gift-stock')).statusCode).toBe(403);
  });

  it('records an introduction by the retailer’s manager only, while running, with the guide shown, on its visit', async () => {
    const url = `/api/campaigns/${running.id}/introductions`;
    const body = { retailerId: shop.A.id, productId: p.fresh.id, guideShown: true, reaction: 'interested' };
    const before = await writes();
    const refusals: [Who, string, unknown, number, string?][] = [
      ['mgr', url, { ...body, guideShown: false }, 400, 'guideShown'],
      ['mgr', url, { ...body, guideShown: undefined }, 400, 'guideShown'],
      ['mgr', url, { ...body, reaction: 'maybe' }, 400, 'reaction'],
      ['mgr', url, { ...body, productId: p.old.id }, 400, 'productId'],
      ['mgr', url, { ...body, retailerId: shop.B.id }, 400, 'retailerId'],
      ['mgr', url, { ...body, visitId: 999_999 }, 400, 'visitId'],
      ['mgrOther', url, body, 404],
      ['mgr2', url, body, 404],
      ['sup1', url, body, 403],
      ['admin', url, body, 403],
      ['shopA', url, body, 403],
      ['mgr', `/api/campaigns/${ended.id}/introductions`, { ...body, retailerId: shop.B.id }, 409, 'campaign'],
      ['mgr', '/api/campaigns/999999/introductions', body, 404],
    ];
    for (const [who, target, payload, status, field] of refusals) {
      const response = await call(who, 'POST', target, payload);
      expect(response.statusCode, `${who} ${JSON.stringify(payload)}: ${response.body}`).toBe(status);
      if (field) expect(Object.keys(response.json().fields ?? {})).toContain(field);
    }
    expect(await writes()).toEqual(before);

    // On a checked-in visit of the manager to this shop.
    const [visit] = await database.db
      .insert(visits)
      .values({
        retailerId: shop.A.id,
        managerId: ids.mgr as number,
        districtId: d1,
        weekStart: '2026-11-30',
        source: 'unplanned',
        status: 'in_progress',
        checkInAt: new Date(NOW),
      })
      .returning({ id: visits.id });
    const made = await call('mgr', 'POST', url, { ...body, visitId: visit?.id, note: '老板说先进两条试试' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      retailerId: shop.A.id,
      visitId: visit?.id,
      guideShown: true,
      reaction: 'interested',
    });
    const other = await call('mgrOther', 'POST', url, { ...body, retailerId: shop.C.id, reaction: 'undecided' });
    expect(other.statusCode, other.body).toBe(201);
    const [event] = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.retailerId, shop.A.id), eq(timelineEvents.kind, 'campaign.introduced')));
    expect(event?.data).toMatchObject({
      campaignId: running.id,
      campaignName: running.name,
      productId: p.fresh.id,
      productName: '新品细支',
      visitId: visit?.id,
    });
    expect(await audits('campaign.introduce')).toBe(2);
    const listed = (await call('mgr', 'GET', url)).json().items;
    expect(listed.map((i: { retailerId: number }) => i.retailerId)).toEqual([shop.A.id]);
    expect((await call('sup1', 'GET', url)).json().items).toHaveLength(2);
    expect((await call('sup2', 'GET', url)).json().items).toHaveLength(0);
  });

  it('issues gifts from the manager’s own stock only: beyond it 409 and nothing written; no order field', async () => {
    const issue = (who: Who, payload: Record<string, unknown>) => call(who, 'POST', '/api/gifts/issue', payload);
    const first = await issue('mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 3 });
    expect(first.statusCode, first.body).toBe(201);
    const gift = first.json<Gift>();
    expect(gift).toMatchObject({ status: 'issued', quantity: 3, itemName: '新品打火机', shopName: shop.A.shopName });
    expect(Object.keys(gift).some((k) => /order/i.test(k))).toBe(false);

    const before = await writes();
    const over = await issue('mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 2 });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'CONFLICT', fields: { quantity: '库存不足：您手上还有 1 个。' } });
    for (const [who, payload, status] of [
      ['mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 0 }, 400],
      ['mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: -1 }, 400],
      ['mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 101 }, 400],
      ['mgr', { itemId: 999_999, retailerId: shop.A.id }, 400],
      ['mgr', { itemId: giftItemId, retailerId: shop.A.id, orderId: 1 }, 400],
      ['mgr', { itemId: giftItemId, retailerId: shop.C.id }, 404],
      // B is the manager's own shop but not in the campaign's target: a gift is for a targeted shop.
      ['mgr', { itemId: giftItemId, retailerId: shop.B.id }, 400],
      ['mgr2', { itemId: giftItemId, retailerId: shop.D.id }, 409],
      ['sup1', { itemId: giftItemId, retailerId: shop.A.id }, 403],
      ['shopA', { itemId: giftItemId, retailerId: shop.A.id }, 403],
    ] as const) {
      const response = await issue(who, payload);
      expect(response.statusCode, `${who} ${JSON.stringify(payload)}: ${response.body}`).toBe(status);
    }
    for (const text of naughtyStrings.slice(0, 200)) {
      const response = await issue('mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 5, note: text });
      expect(response.statusCode, JSON.stringify(text)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(text)).toBeLessThan(500);
    }
    expect(await writes()).toEqual(before);

    // The admin cannot cut the stock below what is out.
    const cut = await call('admin', 'PUT', `/api/campaigns/${running.id}/items/${giftItemId}/stock`, {
      managerId: ids.mgr,
      quantity: 2,
    });
    expect(cut.statusCode).toBe(409);
    expect(cut.json().fields.quantity).toContain('3');

    // The retailer confirms its own gift with a tap; another retailer's is not found; twice is 409.
    expect((await call('shopB', 'POST', `/api/gifts/${gift.id}/confirm`)).statusCode).toBe(404);
    expect((await call('shopC', 'POST', `/api/gifts/${gift.id}/confirm`)).statusCode).toBe(404);
    expect((await call('mgr', 'POST', `/api/gifts/${gift.id}/confirm`)).statusCode).toBe(403);
    const confirmed = await call('shopA', 'POST', `/api/gifts/${gift.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<Gift>()).toMatchObject({ status: 'confirmed' });
    expect((await call('shopA', 'POST', `/api/gifts/${gift.id}/confirm`)).statusCode).toBe(409);
    expect((await call('mgr', 'POST', `/api/gifts/${gift.id}/return`, { note: '' })).statusCode).toBe(409);

    // A gift not yet signed for comes back into stock.
    const last = (await issue('mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 1 })).json<Gift>();
    expect((await issue('mgr', { itemId: giftItemId, retailerId: shop.A.id, quantity: 1 })).statusCode).toBe(409);
    expect((await call('mgrOther', 'POST', `/api/gifts/${last.id}/return`, { note: 'x' })).statusCode).toBe(404);
    const back = await call('mgr', 'POST', `/api/gifts/${last.id}/return`, { note: '零售户说不需要' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<Gift>()).toMatchObject({ status: 'returned', returnNote: '零售户说不需要' });
    expect((await call('shopA', 'POST', `/api/gifts/${last.id}/confirm`)).statusCode).toBe(409);
    const stock = (await call('mgr', 'GET', `/api/gift-stock?campaignId=${running.id}`)).json().items[0];
    expect(stock).toMatchObject({ assigned: 4, issued: 3, confirmed: 3, returned: 1, available: 1 });

    const kinds = await database.db
      .select({ kind: timelineEvents.kind, data: timelineEvents.data })
      .from(timelineEvents)
      .where(sql`${timelineEvents.kind} like 'gift.%'`)
      .orderBy(timelineEvents.id);
    expect(kinds.map((k) => k.kind)).toEqual(['gift.issued', 'gift.confirmed', 'gift.issued', 'gift.returned']);
    expect(kinds[0]?.data).toMatchObject({ campaignName: running.name, item: '新品打火机', quantity: 3 });
    // The stock set once, two gifts issued, one confirmed, one returned.
    expect(await audits('gift.')).toBe(5);

    // Each sees the gifts of its scope.
    expect((await call('shopA', 'GET', '/api/gifts')).json().total).toBe(2);
    expect((await call('shopC', 'GET', '/api/gifts')).json().total).toBe(0);
    expect((await call('mgr', 'GET', '/api/gifts?status=returned')).json().total).toBe(1);
    expect((await call('sup2', 'GET', '/api/gifts')).json().total).toBe(0);
  });

  it('never gives beyond the stock, even when a manager taps issue several times at once', async () => {
    const card = (
      await call('admin', 'POST', `/api/campaigns/${running.id}/items`, {
        kind: 'material',
        name: '陈列台卡',
        unit: '张',
      })
    ).json<{ id: number }>();
    await call('admin', 'PUT', `/api/campaigns/${running.id}/items/${card.id}/stock`, {
      managerId: ids.mgrOther,
      quantity: 2,
    });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call('mgrOther', 'POST', '/api/gifts/issue', { itemId: card.id, retailerId: shop.C.id, quantity: 1 }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    const [given] = await database.db
      .select({ n: sql<number>`coalesce(sum(${gifts.quantity}), 0)::int` })
      .from(gifts)
      .where(eq(gifts.itemId, card.id));
    expect(given?.n).toBe(2);
  });

  it('takes the retailer’s feedback on a targeted, running campaign only', async () => {
    const url = `/api/campaigns/${running.id}/feedback`;
    const body = {
      productId: p.fresh.id,
      consumerResponse: 'good',
      priceAcceptance: 'accepted',
      qualityRemark: '口感顺，回头客问过两次',
      wouldReorder: 'yes',
    };
    const before = await writes();
    for (const [who, target, payload, status] of [
      ['shopA', url, { ...body, consumerResponse: 'great' }, 400],
      ['shopA', url, { ...body, wouldReorder: undefined }, 400],
      ['shopA', url, { ...body, productId: p.old.id }, 400],
      ['shopA', url, { ...body, qualityRemark: 'x'.repeat(501) }, 400],
      ['shopB', url, body, 404],
      ['shopB', `/api/campaigns/${ended.id}/feedback`, body, 409],
      ['mgr', url, body, 403],
    ] as const) {
      const response = await call(who, 'POST', target, payload);
      expect(response.statusCode, `${who} ${JSON.stringify(payload)}: ${response.body}`).toBe(status);
    }
    for (const text of naughtyStrings.slice(0, 200)) {
      const response = await call('shopA', 'POST', url, { ...body, qualityRemark: text, wouldReorder: text });
      expect(response.statusCode, JSON.stringify(text)).toBe(400);
    }
    expect(await writes()).toEqual(before);
    const made = await call('shopA', 'POST', url, body);
    expect(made.statusCode, made.body).toBe(201);
    const fromC = await call('shopC', 'POST', url, {
      ...body,
      consumerResponse: 'fair',
      wouldReorder: 'unsure',
      qualityRemark: '',
    });
    expect(fromC.statusCode).toBe(201);
    const [event] = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.retailerId, shop.A.id), eq(timelineEvents.kind, 'campaign.feedback')));
    expect(event?.data).toMatchObject({ wouldReorder: 'yes', remark: body.qualityRemark });
    expect((await call('shopA', 'GET', url)).json().items).toHaveLength(1);
    expect((await call('sup1', 'GET', url)).json().items).toHaveLength(2);
    expect((await call('mgr', 'GET', url)).json().items).toHaveLength(1);
  });

  it('derives the funnel from records: an order line after the introduction is a first order, a second week a reorder', async () => {
    const funnel = async (who: Who, query = '') => {
      const response = await call(who, 'GET', `/api/campaigns/${running.id}/funnel${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<CampaignFunnel>();
    };
    // Before any order: A introduced (interested by its reaction), C introduced (interested by its feedback).
    let f = await funnel('admin');
    expect(f.totals).toEqual({ target: 3, introduced: 2, interested: 2, firstOrder: 0, reorder: 0 });
    // Orders that prove nothing: one in the week before the introduction, a draft, another product, another shop.
    await makeOrder(database.db, shop.A, '2026-11-23', [{ product: p.fresh, quantity: 2 }]);
    await makeOrder(database.db, shop.C, '2026-11-30', [{ product: p.fresh, quantity: 2 }], { status: 'draft' });
    await makeOrder(database.db, shop.D, '2026-11-30', [{ product: p.fresh, quantity: 2 }]);
    f = await funnel('admin');
    expect(f.totals.firstOrder).toBe(0);

    // The order of the introduction's week with a line of the product: first order.
    await makeOrder(
      database.db,
      shop.A,
      '2026-11-30',
      [
        { product: p.fresh, quantity: 2 },
        { product: p.old, quantity: 5 },
      ],
      { submittedAt: new Date('2026-12-03T02:00:00Z') },
    );
    f = await funnel('admin');
    expect(f.totals).toEqual({ target: 3, introduced: 2, interested: 2, firstOrder: 1, reorder: 0 });
    expect(f.reorderRate).toBe(0);

    // A second order week within four weeks: reorder.
    clock.advanceMinutes(7 * 24 * 60);
    // A week later every session has expired: sign in again.
    for (const who of Object.keys(usernames) as Who[]) {
      s[who] = await signIn(app, usernames[who] as string, FIXTURE_PASSWORD);
    }
    await makeOrder(database.db, shop.A, '2026-12-07', [{ product: p.fresh, quantity: 3 }], {
      submittedAt: new Date('2026-12-08T02:00:00Z'),
    });
    f = await funnel('admin');
    expect(f.totals).toEqual({ target: 3, introduced: 2, interested: 2, firstOrder: 1, reorder: 1 });
    expect(f.reorderRate).toBe(1);
    expect(f.coverage).toBeCloseTo(2 / 3);
    expect(f.byDistrict.map((d) => [d.districtId, d.target, d.introduced, d.firstOrder])).toEqual([
      [d1, 2, 2, 1],
      [d2, 1, 0, 0],
    ]);
    expect(f.byManager.find((m) => m.managerId === ids.mgr)).toMatchObject({ target: 1, reorder: 1 });
    expect(f.feedback).toMatchObject({
      count: 2,
      consumerResponse: { good: 1, fair: 1, poor: 0 },
      wouldReorder: { yes: 1, unsure: 1, no: 0 },
    });
    expect(f.feedback.remarks.map((r) => r.retailerId)).toEqual([shop.A.id]);
    expect(f.gifts[0]).toMatchObject({ assigned: 4, issued: 3, confirmed: 3, returned: 1 });
    const lastWeek = f.coverageOverTime.at(-1);
    expect(lastWeek).toMatchObject({ week: '2026-12-07', introduced: 2 });
    expect(f.coverageOverTime.find((w) => w.week === '2026-11-23')?.introduced).toBe(0);

    const rows = (
      await call('admin', 'GET', `/api/campaigns/${running.id}/funnel/retailers`)
    ).json<FunnelRetailerListResponse>();
    const a = rows.items.find((r) => r.retailerId === shop.A.id);
    expect(a).toMatchObject({
      stage: 'reorder',
      interestSource: 'reaction',
      firstOrderWeek: '2026-11-30',
      reorderWeek: '2026-12-07',
      giftsIssued: 3,
      latestWouldReorder: 'yes',
    });
    expect(rows.items.find((r) => r.retailerId === shop.C.id)).toMatchObject({
      stage: 'interested',
      interestSource: 'feedback',
      firstOrderWeek: null,
    });
    const notYet = (
      await call('admin', 'GET', `/api/campaigns/${running.id}/funnel/retailers?stage=target`)
    ).json<FunnelRetailerListResponse>();
    expect(notYet.items.map((r) => r.retailerId)).toEqual([shop.D.id]);

    // Scope: a supervisor its district, a manager its retailers; filters narrow, never widen.
    expect((await funnel('sup1')).totals).toEqual({
      target: 2,
      introduced: 2,
      interested: 2,
      firstOrder: 1,
      reorder: 1,
    });
    expect((await funnel('sup2')).totals).toEqual({
      target: 1,
      introduced: 0,
      interested: 0,
      firstOrder: 0,
      reorder: 0,
    });
    expect((await funnel('sup2', `?districtId=${d1}`)).totals.target).toBe(0);
    expect((await funnel('mgr')).totals).toEqual({
      target: 1,
      introduced: 1,
      interested: 1,
      firstOrder: 1,
      reorder: 1,
    });
    expect((await funnel('admin', `?managerId=${ids.mgrOther}`)).totals.target).toBe(1);
    expect((await call('shopA', 'GET', `/api/campaigns/${running.id}/funnel`)).statusCode).toBe(403);
    expect((await call('mgr2', 'GET', `/api/campaigns/${ended.id}/funnel`)).statusCode).toBe(404);
    expect((await call('admin', 'GET', `/api/campaigns/${running.id}/funnel?districtId=abc`)).statusCode).toBe(400);
    expect((await call('admin', 'GET', `/api/campaigns/${running.id}/funnel/retailers?stage=ordered`)).statusCode).toBe(
      400,
    );
  });

  it('exports the funnel as XLSX for admins and supervisors, in their language, formulas defused', async () => {
    const response = await call('sup1', 'GET', `/api/campaigns/${running.id}/funnel.xlsx?lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [summary, sheet] = workbook.worksheets;
    const total = summary?.getRow(2);
    expect(total?.getCell(1).value).toBe('Total');
    expect([3, 4, 5, 6, 7].map((c) => total?.getCell(c).value)).toEqual([2, 2, 2, 1, 1]);
    expect(sheet?.rowCount).toBe(3);
    const shopRow = sheet?.getRows(2, 2)?.find((r) => r.getCell(1).value === shop.A.shopName);
    expect(shopRow?.getCell(6).value).toBe('Reorder');
    expect(shopRow?.getCell(10).value).toBe('2026-11-30');
    // The furthest along first; times as Shanghai wall time.
    expect(sheet?.getRow(2).getCell(1).value).toBe(shop.A.shopName);
    expect(shopRow?.getCell(7).value).toBe('2026-12-02 10:00');
    expect((await call('mgr', 'GET', `/api/campaigns/${running.id}/funnel.xlsx`)).statusCode).toBe(403);
    expect((await call('sup2', 'GET', `/api/campaigns/${ended.id}/funnel.xlsx`)).statusCode).toBe(404);
    const zh = await call('admin', 'GET', `/api/campaigns/${running.id}/funnel.xlsx`);
    expect(decodeURIComponent(String(zh.headers['content-disposition']))).toContain('漏斗');
  });

  it('shows the retailer its 新品上市 with tips (no guide) and gifts to confirm; the manager the guide for its shop', async () => {
    // A gift waiting for shop A.
    await call('mgr', 'POST', '/api/gifts/issue', { itemId: giftItemId, retailerId: shop.A.id, quantity: 1 });
    const mine = await call('shopA', 'GET', '/api/new-products');
    expect(mine.statusCode, mine.body).toBe(200);
    const view = mine.json<NewProductsResponse>();
    expect(view.retailerId).toBe(shop.A.id);
    expect(view.items.map((i) => i.product.id)).toEqual([p.fresh.id, p.fresh2.id]);
    const fresh = view.items[0];
    expect(fresh?.campaigns.map((c) => c.id)).toEqual([running.id]);
    expect(fresh?.knowledge).toMatchObject({ talkingGuide: null, retailerTips: '放在收银台旁第一排。' });
    expect(fresh?.introduction?.reaction).toBe('interested');
    expect(fresh?.feedback?.wouldReorder).toBe('yes');
    expect(view.giftsToConfirm.map((g) => g.quantity)).toEqual([1]);
    // Not targeted by the running campaign: B still sees the new products on sale, with no campaign.
    const ofB = (await call('shopB', 'GET', '/api/new-products')).json<NewProductsResponse>();
    expect(ofB.items.every((i) => i.campaigns.length === 0)).toBe(true);
    expect((await call('shopB', 'GET', `/api/new-products?retailerId=${shop.A.id}`)).statusCode).toBe(404);
    // The manager's panel during a visit: the same list, with the talking guide.
    const panel = (await call('mgr', 'GET', `/api/new-products?retailerId=${shop.A.id}`)).json<NewProductsResponse>();
    expect(panel.items[0]?.knowledge.talkingGuide).toContain('低焦');
    expect((await call('mgr', 'GET', `/api/new-products?retailerId=${shop.D.id}`)).statusCode).toBe(404);
    expect((await call('mgr', 'GET', '/api/new-products')).statusCode).toBe(400);
    expect((await call('sup2', 'GET', `/api/new-products?retailerId=${shop.A.id}`)).statusCode).toBe(404);
  });
  it('stores naughty text in a campaign’s name and description as given (trimmed), or refuses it clearly', async () => {
    let created = 0;
    for (const text of naughtyStrings.filter((_, i) => i % 4 === 0)) {
      const response = await call('admin', 'POST', '/api/campaigns', {
        name: text.slice(0, 80),
        description: text,
        productIds: [p.fresh.id],
        startsOn: '2027-01-01',
        endsOn: '2027-01-31',
        segment: { kind: 'retailers', retailerIds: [shop.B.id] },
      });
      expect(response.statusCode, `${JSON.stringify(text)}: ${response.body}`).toBeLessThan(500);
      if (response.statusCode === 201) {
        created += 1;
        const detail = response.json<CampaignDetail>();
        expect(detail.name).toBe(text.slice(0, 80).trim());
        expect(detail.description).toBe(text.trim());
        const back = (await call('admin', 'GET', `/api/campaigns/${detail.id}`)).json<CampaignDetail>();
        expect(back.name).toBe(detail.name);
      } else {
        expect(response.statusCode, JSON.stringify(text)).toBe(400);
      }
    }
    expect(created).toBeGreaterThan(50);
    expect((await call('admin', 'GET', '/api/campaigns?status=upcoming&pageSize=200')).json().total).toBe(created);
  });
  it('tells the suggestions which targeted retailers never ordered a running campaign’s product', async () => {
    const candidates = await firstOrderCandidates(
      database.db,
      [shop.A.id, shop.B.id, shop.C.id, shop.D.id],
      new Date('2026-12-10T02:00:00Z'),
    );
    const pairs = candidates.map((c) => [c.retailerId, c.productId, c.campaignId]);
    // A ordered the first product (not the second); C only has a draft of it; D ordered it; B is not targeted.
    expect(pairs).toEqual([
      [shop.A.id, p.fresh2.id, running.id],
      [shop.C.id, p.fresh.id, running.id],
      [shop.C.id, p.fresh2.id, running.id],
      [shop.D.id, p.fresh2.id, running.id],
    ]);
    expect(candidates.find((c) => c.retailerId === shop.C.id && c.productId === p.fresh.id)?.introducedAt).toEqual(
      new Date(NOW),
    );
    expect(candidates[0]?.campaignName).toBe(running.name);
    // After the campaign: nothing.
    expect(await firstOrderCandidates(database.db, [shop.C.id], new Date('2027-01-02T02:00:00Z'))).toEqual([]);
  });
});
