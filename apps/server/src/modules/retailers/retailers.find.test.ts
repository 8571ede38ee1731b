import { readFileSync } from 'node:fs';
import type { RetailerListResponse, RetailerMapResponse, RetailerSort } from '@siyi/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  databaseTargets,
  getAs,
  makeDistrict,
  makeRetailer,
  makeSignedInUser,
  makeUser,
  type RetailerRow,
  type Session,
} from '../../testing';
import { retailerSearchPinyin } from './retailer-pinyin';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

/** 2026-11-26 10:00 in Shanghai: licence dates below are days from this one. */
const NOW = '2026-11-26T02:00:00Z';
const day = (offset: number) => new Date(Date.UTC(2026, 10, 26 + offset)).toISOString().slice(0, 10);

describe.each(targets)('finding retailers on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let supervisor: Session;
  let manager: Session;
  let managerId: number;
  let districtId: number;
  /** Every retailer of the test's district. */
  const shops: RetailerRow[] = [];

  const list = async (session: Session, query: string) => {
    const response = await getAs(app, session, `/api/retailers?${query}`);
    expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
    return response.json<RetailerListResponse>();
  };
  const names = async (session: Session, query: string) =>
    (await list(session, `${query}&pageSize=200`)).items.map((r) => r.shopName).sort();

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database, { clock: new ManualClock(NOW) });
    const { db } = database;
    const district = await makeDistrict(db);
    districtId = district.id;
    const other = await makeDistrict(db);
    ({ session: supervisor } = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: district.id }));
    const signedIn = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: district.id });
    manager = signedIn.session;
    managerId = signedIn.user.id;
    const colleague = await makeUser(db, { role: 'manager', orgUnitId: district.id });
    const make = async (values: Partial<RetailerRow> & { shopName: string; ownerName: string; address: string }) => {
      const row = await makeRetailer(db, {
        districtId: district.id,
        managerId,
        searchPinyin: retailerSearchPinyin(values),
        ...values,
      });
      shops.push(row);
      return row;
    };
    await make({
      shopName: '红星便利店',
      ownerName: '王建国',
      address: '许昌市魏都区东升路12号',
      tier: 5,
      businessFormat: 'convenience',
      licenceValidTo: day(30),
      licenceNo: '411002300001',
      phone: '13811112222',
    });
    await make({
      shopName: '德顺烟酒店',
      ownerName: '李梅',
      address: '许昌市建安区解放路8号',
      tier: 12,
      businessFormat: 'tobacco_shop',
      licenceValidTo: day(-5),
    });
    await make({
      shopName: '平安超市',
      ownerName: '张伟',
      address: '长葛市和平路3号',
      tier: 25,
      businessFormat: 'supermarket',
      status: 'suspended',
      licenceValidTo: day(400),
      managerId: colleague.id,
    });
    await make({
      shopName: '银行门口小卖部',
      ownerName: '赵四',
      address: '禹州市人民路1号',
      tier: 1,
      businessFormat: 'kiosk',
      licenceValidTo: day(60),
    });
    await make({
      shopName: '边界商店',
      ownerName: '钱七',
      address: '鄢陵县花都大道9号',
      tier: 30,
      licenceValidTo: day(61),
    });
    // Many more, with repeated names and tiers, so every order has ties that only the id breaks.
    for (let i = 0; i < 45; i++) {
      await make({
        shopName: `${['老王', '小李', '阿华'][i % 3]}小卖部`,
        ownerName: `店主${i}`,
        address: `许昌市测试路${i}号`,
        tier: 1 + ((i * 7) % 30),
        licenceValidTo: i % 4 === 0 ? null : day((i * 37) % 900),
        businessFormat: i % 2 ? 'grocery' : 'convenience',
      });
    }
    // A retailer elsewhere: never in this district's lists.
    await makeRetailer(db, {
      districtId: other.id,
      shopName: '红星便利店',
      ownerName: '王建国',
      address: '许昌市魏都区东升路12号',
      searchPinyin: retailerSearchPinyin({
        shopName: '红星便利店',
        ownerName: '王建国',
        address: '许昌市魏都区东升路12号',
      }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('finds a shop by pinyin initials, by full pinyin, by Chinese, licence and phone', async () => {
    expect(await names(supervisor, 'q=hxbld')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=HXBLD')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=dongsheng')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=dong%20sheng')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=wangjianguo')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=yinhang')).toEqual(['银行门口小卖部']);
    expect(await names(supervisor, `q=${encodeURIComponent('红星')}`)).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=411002300001')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=13811112222')).toEqual(['红星便利店']);
    expect(await names(supervisor, 'q=dsyjd')).toEqual(['德顺烟酒店']);
    expect(await names(supervisor, 'q=zzzqqq')).toEqual([]);
  });

  it('filters by tier range, single tier, format, status and manager', async () => {
    const inRange = await list(supervisor, 'tierMin=20&tierMax=30&pageSize=200');
    expect(inRange.items.length).toBe(shops.filter((s) => s.tier >= 20).length);
    expect(inRange.items.every((r) => r.tier >= 20 && r.tier <= 30)).toBe(true);
    const upTo = await list(supervisor, 'tierMax=5&pageSize=200');
    expect(upTo.total).toBe(shops.filter((s) => s.tier <= 5).length);
    expect((await list(supervisor, 'tier=12&pageSize=200')).total).toBe(shops.filter((s) => s.tier === 12).length);
    expect(await names(supervisor, 'format=supermarket')).toEqual(['平安超市']);
    expect(await names(supervisor, 'status=suspended')).toEqual(['平安超市']);
    expect(await names(supervisor, 'format=kiosk&tierMax=3')).toEqual(['银行门口小卖部']);
    const mine = await list(supervisor, `managerId=${managerId}&pageSize=200`);
    expect(mine.total).toBe(shops.length - 1);
    expect(mine.manager?.id).toBe(managerId);
  });

  it('filters licences expiring within 60 days (today included) and those already expired', async () => {
    const expiring = await list(supervisor, 'licence=expiring&pageSize=200');
    const expected = shops.filter(
      (s) => s.licenceValidTo !== null && s.licenceValidTo >= day(0) && s.licenceValidTo <= day(60),
    );
    expect(expiring.items.map((r) => r.id).sort()).toEqual(expected.map((s) => s.id).sort());
    expect(expiring.items.map((r) => r.shopName)).toContain('银行门口小卖部'); // day 60: still inside
    expect(expiring.items.map((r) => r.shopName)).not.toContain('边界商店'); // day 61: outside
    const expired = await list(supervisor, 'licence=expired&pageSize=200');
    expect(expired.items.map((r) => r.id).sort()).toEqual(
      shops
        .filter((s) => s.licenceValidTo !== null && s.licenceValidTo < day(0))
        .map((s) => s.id)
        .sort(),
    );
    expect(expired.items.every((r) => r.licenceValidTo !== null && r.licenceValidTo < day(0))).toBe(true);
  });

  it('sorts by tier either way and by licence expiry, soonest first and unknown dates last', async () => {
    const down = (await list(supervisor, 'sort=tierDesc&pageSize=200')).items.map((r) => r.tier);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    const up = (await list(supervisor, 'sort=tierAsc&pageSize=200')).items.map((r) => r.tier);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    const expiry = (await list(supervisor, 'sort=licenceExpiry&pageSize=200')).items.map((r) => r.licenceValidTo);
    const known = expiry.filter((d) => d !== null);
    expect(known).toEqual([...known].sort());
    expect(expiry.slice(known.length).every((d) => d === null)).toBe(true);
    expect(expiry.length).toBe(shops.length);
  });

  it('property: following nextCursor visits every match exactly once, in order, for any filter and sort', async () => {
    const sorts: RetailerSort[] = ['shopName', 'tierDesc', 'tierAsc', 'licenceExpiry'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sorts),
        fc.integer({ min: 1, max: 9 }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.option(fc.constantFrom('小卖部', 'xmb', 'laowang', '许昌', 'hxbld'), { nil: undefined }),
        fc.option(fc.constantFrom('expiring', 'expired'), { nil: undefined }),
        async (sort, pageSize, tierMin, q, licence) => {
          const params = new URLSearchParams({ sort });
          if (tierMin !== undefined) params.set('tierMin', String(tierMin));
          if (q !== undefined) params.set('q', q);
          if (licence !== undefined) params.set('licence', licence);
          const all = await list(supervisor, `${params}&pageSize=200`);
          params.set('pageSize', String(pageSize));
          const seen: number[] = [];
          let cursor: string | null = null;
          for (let pages = 0; pages < 100; pages++) {
            const page: RetailerListResponse = await list(supervisor, `${params}${cursor ? `&cursor=${cursor}` : ''}`);
            expect(page.total).toBe(all.total);
            expect(page.items.length).toBeLessThanOrEqual(pageSize);
            seen.push(...page.items.map((r) => r.id));
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          expect(seen).toEqual(all.items.map((r) => r.id));
          expect(new Set(seen).size).toBe(all.total);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('pages by number as before, and the page number agrees with the cursor', async () => {
    const first = await list(supervisor, 'pageSize=7');
    const second = await list(supervisor, 'pageSize=7&page=2');
    const byCursor = await list(supervisor, `pageSize=7&cursor=${first.nextCursor}`);
    expect(byCursor.items.map((r) => r.id)).toEqual(second.items.map((r) => r.id));
    const last = await list(supervisor, `pageSize=7&page=${Math.ceil(shops.length / 7)}`);
    expect(last.nextCursor).toBeNull();
  });

  it('keeps a manager to their own retailers whatever the filters, and a supervisor to the district', async () => {
    const everything = await list(manager, 'q=hxbld&pageSize=200');
    expect(everything.items.map((r) => r.shopName)).toEqual(['红星便利店']);
    expect(await names(manager, 'status=suspended')).toEqual([]); // the colleague's shop
    const district = await list(supervisor, 'pageSize=200');
    expect(district.total).toBe(shops.length);
    expect(district.items.every((r) => r.districtId === districtId)).toBe(true);
  });

  it('refuses a crossed tier range, a foreign or forged cursor and unknown values with 400 and the field', async () => {
    const bad = async (query: string, field: string) => {
      const response = await getAs(app, supervisor, `/api/retailers?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(Object.keys(response.json<{ fields?: Record<string, string> }>().fields ?? {}), query).toContain(field);
    };
    await bad('tierMin=20&tierMax=10', 'tierMax');
    const { nextCursor } = await list(supervisor, 'pageSize=3&sort=shopName');
    await bad(`sort=tierDesc&cursor=${nextCursor}`, 'cursor');
    await bad(`cursor=${Buffer.from('["shopName",1,2]').toString('base64url')}`, 'cursor');
    await bad('cursor=not-a-cursor', 'cursor');
    await bad('cursor=%2B%2F%3D', 'cursor');
    await bad('sort=recent', 'sort');
    await bad('licence=soon', 'licence');
    await bad('tierMin=0', 'tierMin');
  });

  it('maps the filtered list: the same matches as the list, county outlines of the scope and the tiles', async () => {
    const response = await getAs(app, supervisor, '/api/retailers/map?tierMin=20');
    expect(response.statusCode).toBe(200);
    const map = response.json<RetailerMapResponse>();
    const expected = shops.filter((s) => s.tier >= 20);
    expect(map.points.map((p) => p.id).sort()).toEqual(expected.map((s) => s.id).sort());
    expect(map).toMatchObject({ total: expected.length, sampled: false });
    for (const p of map.points) {
      const shop = expected.find((s) => s.id === p.id);
      expect(p).toMatchObject({ lat: shop?.lat, lng: shop?.lng, tier: shop?.tier });
    }
    expect(map.outlines.map((o) => o.code)).toEqual(['411002']);
    expect(map.outlines[0]?.ring.length).toBeGreaterThanOrEqual(3);
    expect(map.tiles?.crs).toBe('gcj02');
    const mine = (await getAs(app, manager, '/api/retailers/map?q=pingan')).json<RetailerMapResponse>();
    expect(mine.points).toEqual([]); // 平安超市 is the colleague's
    expect((await getAs(app, manager, '/api/retailers/map?tierMin=9&tierMax=2')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/retailers/map' })).statusCode).toBe(401);
  });

  it('answers every naughty string as a search with 200 or 400, never 500', async () => {
    for (const q of naughtyStrings) {
      const response = await getAs(app, supervisor, `/api/retailers?q=${encodeURIComponent(q)}&pageSize=5`);
      expect([200, 400], JSON.stringify(q)).toContain(response.statusCode);
    }
  });
});
