import type { AllocationRunResponse, ProductListResponse, ProposalView } from '@siyi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  makeCompany,
  makeDistrict,
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

const targets = await databaseTargets();

// Wednesday 2026-12-02, 10:00 in Shanghai: the open week is 2026-11-30.
const NOW = '2026-12-02T02:00:00Z';
const WEEK = '2026-11-30';

type Who = 'admin' | 'sup' | 'supOther' | 'mgr' | 'mgrOther' | 'shop' | 'peer';

describe.each(targets)('ordering read-backs on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  let shop: RetailerRow;
  let peer: RetailerRow;
  let d1: number;
  let d2: number;
  const p: Record<'open' | 'scarce' | 'gone' | 'other', ProductRow> = {} as never;
  const s: Record<Who, Session> = {} as never;

  const call = (who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: s[who].cookie, 'x-csrf-token': s[who].csrfToken, 'accept-language': 'zh-CN' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock });
    const company = await makeCompany(db);
    d1 = (await makeDistrict(db, { parentId: company.id })).id;
    d2 = (await makeDistrict(db, { parentId: company.id })).id;
    p.open = await makeProduct(db, { brand: '回读牌', name: '回读常订', priceClass: 2 });
    p.scarce = await makeProduct(db, { brand: '回读牌', name: '回读紧俏', isScarce: true, priceClass: 1 });
    p.gone = await makeProduct(db, { brand: '回读牌', name: '回读停产', status: 'discontinued' });
    p.other = await makeProduct(db, { brand: '别家牌', name: '别家烟' });
    const admin = await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id });
    const sup = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d1 });
    const supOther = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d2 });
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    const mgrOther = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    Object.assign(s, {
      admin: admin.session,
      sup: sup.session,
      supOther: supOther.session,
      mgr: mgr.session,
      mgrOther: mgrOther.session,
    });
    shop = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 10, orderWeekday: 5 });
    peer = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 26, orderWeekday: 5 });
    for (const [who, row] of [
      ['shop', shop],
      ['peer', peer],
    ] as const) {
      await makeRetailerUser(db, row);
      s[who] = await signIn(app, row.licenceNo, FIXTURE_PASSWORD);
    }
    const published = await call('sup', 'PUT', `/api/supply-strategies/${WEEK}`, {
      items: [
        { productId: p.open.id, mode: 'open' },
        { productId: p.scarce.id, mode: 'scarce', supply: 7 },
      ],
      publish: true,
    });
    expect(published.statusCode, published.body).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('reads back the latest allocation run as the run answered it, in scope only', async () => {
    expect((await call('sup', 'GET', `/api/allocations/${WEEK}/runs/latest`)).statusCode).toBe(404);
    for (const [who, quantity] of [
      ['shop', 5],
      ['peer', 6],
    ] as const) {
      const asked = await call(who, 'PUT', '/api/orders/current', { lines: [{ productId: p.scarce.id, quantity }] });
      expect(asked.statusCode, asked.body).toBe(200);
    }
    const first = await call('sup', 'POST', `/api/allocations/${WEEK}/run`, { seed: 'first' });
    expect(first.statusCode, first.body).toBe(200);
    const run = await call('sup', 'POST', `/api/allocations/${WEEK}/run`, {});
    expect(run.statusCode, run.body).toBe(200);
    const ran = run.json<AllocationRunResponse>();
    expect(ran.runId).toBeGreaterThan(first.json<AllocationRunResponse>().runId);

    const latest = await call('sup', 'GET', `/api/allocations/${WEEK}/runs/latest`);
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json()).toEqual(ran);
    expect(ran.products[0]).toMatchObject({ supply: 7, totalRequested: 11, totalAllocated: 7, retailers: 2 });
    const byAdmin = await call('admin', 'GET', `/api/allocations/${WEEK}/runs/latest?districtId=${d1}`);
    expect(byAdmin.json()).toEqual(ran);

    // An admin must name the district; another district's supervisor, a manager or a retailer cannot read it.
    expect((await call('admin', 'GET', `/api/allocations/${WEEK}/runs/latest`)).statusCode).toBe(400);
    expect((await call('admin', 'GET', `/api/allocations/${WEEK}/runs/latest?districtId=${d2}`)).statusCode).toBe(404);
    expect((await call('supOther', 'GET', `/api/allocations/${WEEK}/runs/latest?districtId=${d1}`)).statusCode).toBe(
      404,
    );
    expect((await call('supOther', 'GET', `/api/allocations/${WEEK}/runs/latest`)).statusCode).toBe(404);
    expect((await call('mgr', 'GET', `/api/allocations/${WEEK}/runs/latest`)).statusCode).toBe(403);
    expect((await call('shop', 'GET', `/api/allocations/${WEEK}/runs/latest`)).statusCode).toBe(403);
    expect((await call('sup', 'GET', '/api/allocations/2026-12-01/runs/latest')).statusCode).toBe(400);
    expect((await call('sup', 'GET', `/api/allocations/${WEEK}/runs/latest?districtId=abc`)).statusCode).toBe(400);
  });

  it('lets a manager read back the proposals it sent, never with the code, and no one else’s', async () => {
    const made = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: shop.id,
      lines: [{ productId: p.open.id, quantity: 2 }],
    });
    expect(made.statusCode, made.body).toBe(200);
    const proposal = made.json<ProposalView>();

    const read = await call('mgr', 'GET', `/api/orders/proposals?retailerId=${shop.id}&week=${WEEK}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual([proposal]);
    expect(read.body).not.toMatch(/code(Hash|Failures)|"code"/);
    // The week defaults to the open one; another week has none.
    expect((await call('mgr', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).json()).toEqual([proposal]);
    expect((await call('mgr', 'GET', `/api/orders/proposals?retailerId=${shop.id}&week=2026-11-23`)).json()).toEqual(
      [],
    );
    expect((await call('mgr', 'GET', `/api/orders/proposals?retailerId=${peer.id}`)).json()).toEqual([]);
    // The decision shows once the retailer has made it.
    const rejected = await call('shop', 'POST', `/api/orders/proposals/${proposal.id}/reject`, {});
    expect(rejected.statusCode, rejected.body).toBe(200);
    const after = (await call('mgr', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).json<ProposalView[]>();
    expect(after.map((x) => [x.id, x.status, x.decidedVia])).toEqual([[proposal.id, 'rejected', 'portal']]);

    expect((await call('sup', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).json()).toHaveLength(1);
    expect((await call('admin', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).json()).toHaveLength(1);
    expect((await call('mgrOther', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).statusCode).toBe(404);
    expect((await call('supOther', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).statusCode).toBe(404);
    expect((await call('shop', 'GET', `/api/orders/proposals?retailerId=${shop.id}`)).statusCode).toBe(403);
    expect((await call('mgr', 'GET', '/api/orders/proposals?retailerId=999999')).statusCode).toBe(404);
    const bad = await call('mgr', 'GET', '/api/orders/proposals');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('retailerId');
    expect((await call('mgr', 'GET', `/api/orders/proposals?retailerId=${shop.id}&week=2026-12-01`)).statusCode).toBe(
      400,
    );
  });

  it('lists active products to pick from, by search, for staff only', async () => {
    const all = await call('sup', 'GET', '/api/products');
    expect(all.statusCode, all.body).toBe(200);
    const listed = all.json<ProductListResponse>();
    expect(listed.truncated).toBe(false);
    const ids = listed.items.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([p.open.id, p.scarce.id, p.other.id]));
    expect(ids).not.toContain(p.gone.id);
    expect(listed.items.find((x) => x.id === p.open.id)).toEqual({
      id: p.open.id,
      code: p.open.code,
      brand: '回读牌',
      name: '回读常订',
      spec: p.open.spec,
      priceClass: 2,
      wholesalePriceFen: p.open.wholesalePriceFen,
      status: 'active',
    });
    const found = (
      await call('mgr', 'GET', `/api/products?q=${encodeURIComponent(' 回读 ')}`)
    ).json<ProductListResponse>();
    // By price class, then brand and name.
    expect(found.items.map((x) => x.id)).toEqual([p.scarce.id, p.open.id]);
    const byCode = (await call('admin', 'GET', `/api/products?q=${p.other.code}`)).json<ProductListResponse>();
    expect(byCode.items.map((x) => x.id)).toEqual([p.other.id]);
    // Wildcards are searched for as themselves.
    expect((await call('admin', 'GET', '/api/products?q=%25')).json<ProductListResponse>().items).toEqual([]);
    const gone = (await call('admin', 'GET', '/api/products?status=discontinued&q=回读')).json<ProductListResponse>();
    expect(gone.items.map((x) => x.id)).toEqual([p.gone.id]);

    expect((await call('shop', 'GET', '/api/products')).statusCode).toBe(403);
    expect((await call('sup', 'GET', '/api/products?status=sold')).statusCode).toBe(400);
    expect((await call('sup', 'GET', `/api/products?q=${'x'.repeat(101)}`)).statusCode).toBe(400);
    expect((await call('sup', 'GET', '/api/products?q=%07')).statusCode).toBe(400);
  });
});
