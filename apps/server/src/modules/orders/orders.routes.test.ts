import { readFileSync } from 'node:fs';
import { addWeeks } from '@siyi/algorithms';
import type {
  CurrentOrderResponse,
  OrderWeekResponse,
  ProposalView,
  SubmitOrderResponse,
  SupplyStrategyResponse,
} from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import {
  auditLog,
  concerns,
  notifications,
  orderLineEvents,
  orderLines,
  orderProposals,
  orderSubmissions,
  orders,
  scarceRequests,
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
import { expireProposals } from './orders.service';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

// Wednesday 2026-12-02, 10:00 in Shanghai: the open week is 2026-11-30.
const NOW = '2026-12-02T02:00:00Z';
const WEEK = '2026-11-30';
const LIMIT_TIER_10 = 3;

type Who = 'admin' | 'sup' | 'supOther' | 'mgr' | 'mgrOther' | 'shop' | 'peer' | 'late' | 'lone';

describe.each(targets)('ordering with respect on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  let shop: RetailerRow;
  let peer: RetailerRow;
  let late: RetailerRow;
  let lone: RetailerRow;
  let d1: number;
  const p: Record<'open' | 'open2' | 'limited' | 'scarce' | 'selected' | 'gone' | 'offList', ProductRow> = {} as never;
  const s: Record<Who, Session> = {} as never;
  const ids: Partial<Record<Who, number>> = {};

  const call = (who: Who, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie: s[who].cookie, 'x-csrf-token': s[who].csrfToken, 'accept-language': 'zh-CN', ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const current = async (who: Who) => {
    const response = await call(who, 'GET', '/api/orders/current');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CurrentOrderResponse>();
  };
  const submit = (who: Who, key: string | null, payload: unknown = {}) =>
    call(who, 'POST', '/api/orders/current/submit', payload, key === null ? {} : { 'idempotency-key': key });
  /** Everything an ordering command may write, counted. */
  const writes = async () => {
    const count = async (table: typeof orders | typeof orderLines | typeof orderLineEvents | typeof scarceRequests) =>
      (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
    const audits = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'order%'`);
    return {
      orders: await count(orders),
      lines: await count(orderLines),
      events: await count(orderLineEvents),
      requests: await count(scarceRequests),
      audits: audits[0]?.n ?? 0,
      proposals: (await database.db.select({ n: sql<number>`count(*)::int` }).from(orderProposals))[0]?.n ?? 0,
    };
  };
  const orderOf = async (retailerId: number) => {
    const [order] = await database.db
      .select()
      .from(orders)
      .where(and(eq(orders.retailerId, retailerId), eq(orders.weekStart, WEEK)));
    const lines = order ? await database.db.select().from(orderLines).where(eq(orderLines.orderId, order.id)) : [];
    return { order, lines };
  };

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await createTestApp(database, { clock });
    const company = await makeCompany(db);
    const district1 = await makeDistrict(db, { parentId: company.id });
    const district2 = await makeDistrict(db, { parentId: company.id });
    d1 = district1.id;
    p.open = await makeProduct(db, { name: '常订烟' });
    p.open2 = await makeProduct(db, { name: '第二种' });
    p.limited = await makeProduct(db, { name: '限量烟' });
    p.scarce = await makeProduct(db, { name: '紧俏烟', isScarce: true });
    p.selected = await makeProduct(db, { name: '选点烟' });
    p.gone = await makeProduct(db, { name: '停产烟', status: 'discontinued' });
    p.offList = await makeProduct(db, { name: '本周不供' });
    const admin = await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id });
    const sup = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d1 });
    const supOther = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: district2.id });
    const mgr = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    const mgrOther = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1 });
    Object.assign(s, {
      admin: admin.session,
      sup: sup.session,
      supOther: supOther.session,
      mgr: mgr.session,
      mgrOther: mgrOther.session,
    });
    ids.mgr = mgr.user.id;
    ids.mgrOther = mgrOther.user.id;
    ids.sup = sup.user.id;
    // Friday order day: the window stays open until Saturday 00:00 in Shanghai.
    shop = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 10, orderWeekday: 5 });
    peer = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 26, orderWeekday: 5 });
    // Monday order day: this week's window closed on Monday night.
    late = await makeRetailer(db, { districtId: d1, managerId: mgr.user.id, tier: 10, orderWeekday: 1 });
    lone = await makeRetailer(db, { districtId: d1, managerId: mgrOther.user.id, tier: 10, orderWeekday: 5 });
    for (const [who, shopRow] of [
      ['shop', shop],
      ['peer', peer],
      ['late', late],
      ['lone', lone],
    ] as const) {
      await makeRetailerUser(db, shopRow);
      s[who] = await signIn(app, shopRow.licenceNo, FIXTURE_PASSWORD);
    }
    // Eight weeks of history: the shop orders 3 cartons of the open product every week (so it gets a suggestion).
    for (let i = 1; i <= 8; i++) {
      await makeOrder(db, shop, addWeeks(WEEK, -i), [
        { product: p.open, quantity: 3 },
        { product: p.limited, quantity: 2 },
      ]);
    }
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const strategy = {
    items: [
      { productId: 0, mode: 'open' },
      { productId: 0, mode: 'open' },
      {
        productId: 0,
        mode: 'limited',
        tierLimits: [
          { tierFrom: 1, tierTo: 14, maxCartons: LIMIT_TIER_10 },
          { tierFrom: 15, tierTo: 30, maxCartons: 6 },
        ],
      },
      { productId: 0, mode: 'scarce', supply: 7 },
      { productId: 0, mode: 'selected', retailerIds: [0] },
    ],
  };
  const strategyBody = () => ({
    items: [
      { ...strategy.items[0], productId: p.open.id },
      { ...strategy.items[1], productId: p.open2.id },
      { ...strategy.items[2], productId: p.limited.id },
      { ...strategy.items[3], productId: p.scarce.id },
      { ...strategy.items[4], productId: p.selected.id, retailerIds: [shop.id] },
    ],
  });

  it('orders nothing before the week’s strategy is published (409), and only planners may publish it', async () => {
    const before = await current('shop');
    expect(before.window).toMatchObject({ published: false, open: false });
    expect(before.products).toEqual([]);
    const refused = await call('shop', 'PUT', '/api/orders/current', {
      lines: [{ productId: p.open.id, quantity: 1 }],
    });
    expect(refused.statusCode).toBe(409);
    expect(Object.keys(refused.json().fields)).toEqual(['window']);

    expect((await call('mgr', 'PUT', `/api/supply-strategies/${WEEK}`, strategyBody())).statusCode).toBe(403);
    expect((await call('shop', 'GET', `/api/supply-strategies/${WEEK}`)).statusCode).toBe(403);
    // Another district's supervisor: not found; an admin must name the district.
    expect(
      (await call('supOther', 'PUT', `/api/supply-strategies/${WEEK}`, { ...strategyBody(), districtId: d1 }))
        .statusCode,
    ).toBe(404);
    expect((await call('admin', 'GET', `/api/supply-strategies/${WEEK}`)).statusCode).toBe(400);
  });

  it('refuses a bad strategy with a message per field and writes nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['limited without limits', { items: [{ productId: p.limited.id, mode: 'limited' }] }, 'items.0.tierLimits'],
      [
        'overlapping bands',
        {
          items: [
            {
              productId: p.limited.id,
              mode: 'limited',
              tierLimits: [
                { tierFrom: 1, tierTo: 10, maxCartons: 2 },
                { tierFrom: 10, tierTo: 30, maxCartons: 4 },
              ],
            },
          ],
        },
        'items.0.tierLimits',
      ],
      ['selected without outlets', { items: [{ productId: p.selected.id, mode: 'selected' }] }, 'items.0.retailerIds'],
      ['unknown product', { items: [{ productId: 99_999_999, mode: 'open' }] }, 'items.0.productId'],
      ['discontinued product', { items: [{ productId: p.gone.id, mode: 'open' }] }, 'items.0.productId'],
      [
        'an outlet of another district',
        { items: [{ productId: p.selected.id, mode: 'selected', retailerIds: [99_999_999] }] },
        'items.0.retailerIds.0',
      ],
      ['a past week', { items: [] }, 'week'],
      ['a bad mode', { items: [{ productId: p.open.id, mode: 'forced' }] }, 'items.0.mode'],
    ];
    for (const [label, payload, field] of cases) {
      const week = label === 'a past week' ? addWeeks(WEEK, -1) : WEEK;
      const response = await call('sup', 'PUT', `/api/supply-strategies/${week}`, payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      expect(Object.keys(response.json().fields ?? {}), label).toContain(field);
    }
    const head = await call('sup', 'GET', `/api/supply-strategies/${WEEK}`);
    expect(head.json<SupplyStrategyResponse>()).toMatchObject({ status: 'none', version: 0, items: [] });
  });

  it('publishes the strategy (audited, versioned), which opens the window', async () => {
    const published = await call('sup', 'PUT', `/api/supply-strategies/${WEEK}`, { ...strategyBody(), publish: true });
    expect(published.statusCode, published.body).toBe(200);
    const body = published.json<SupplyStrategyResponse>();
    expect(body).toMatchObject({ status: 'published', version: 1, districtId: d1 });
    expect(body.items.find((i) => i.productId === p.selected.id)?.retailerIds).toEqual([shop.id]);
    // A save from a stale read is refused with the strategy as it is now.
    const stale = await call('sup', 'PUT', `/api/supply-strategies/${WEEK}`, { ...strategyBody(), publish: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(1);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'supply.published'));
    expect(audits).toHaveLength(1);
    expect((await call('admin', 'GET', `/api/supply-strategies/${WEEK}?districtId=${d1}`)).json().version).toBe(1);
  });

  it('shows the retailer its week: window, products it may order with history, suggestion, limit', async () => {
    const mine = await current('shop');
    expect(mine.window.open).toBe(true);
    // A Friday shop orders until Thursday 24:00 in Shanghai (the day before its order day).
    expect(mine.window).toMatchObject({ closesAt: '2026-12-03T16:00:00.000Z', expectedOpensAt: null });
    expect(mine.week).toBe(WEEK);
    // A Monday shop on a Wednesday: this week's window closed on Sunday at 24:00, so it works on next week's order,
    // whose strategy is not published yet (usually on the Saturday at 12:00).
    const next = await current('late');
    expect(next.week).toBe(addWeeks(WEEK, 1));
    expect(next.window).toEqual({
      published: false,
      open: false,
      opensAt: null,
      closesAt: '2026-12-06T16:00:00.000Z',
      expectedOpensAt: '2026-12-05T04:00:00.000Z',
    });
    expect(next.products).toEqual([]);
    const byId = new Map(mine.products.map((x) => [x.productId, x]));
    expect([...byId.keys()].sort()).toEqual(
      [p.open.id, p.open2.id, p.limited.id, p.scarce.id, p.selected.id].sort((a, b) => a - b),
    );
    expect(byId.get(p.limited.id)?.limit).toBe(LIMIT_TIER_10);
    expect(byId.get(p.open.id)?.lastWeeks).toEqual([3, 3, 3, 3]);
    expect(byId.get(p.open.id)?.suggestion?.quantity).toBeGreaterThan(0);
    expect(byId.get(p.open.id)?.suggestion?.reason).not.toBe('');
    // The selected product is not offered to a shop outside the outlets; the higher tier has the higher limit.
    const other = await current('peer');
    expect(other.products.map((x) => x.productId)).not.toContain(p.selected.id);
    expect(other.products.find((x) => x.productId === p.limited.id)?.limit).toBe(6);
    // Staff do not use the retailer's page.
    expect((await call('mgr', 'GET', '/api/orders/current')).statusCode).toBe(403);
  });

  it('refuses bad lines with a clear message per field, never a 500, and writes nothing', async () => {
    const before = await writes();
    const cases: [string, unknown, number, string][] = [
      ['negative', { lines: [{ productId: p.open.id, quantity: -1 }] }, 400, 'lines.0.quantity'],
      ['zero', { lines: [{ productId: p.open.id, quantity: 0 }] }, 400, 'lines.0.quantity'],
      ['fractional', { lines: [{ productId: p.open.id, quantity: 1.5 }] }, 400, 'lines.0.quantity'],
      ['huge', { lines: [{ productId: p.open.id, quantity: 1e12 }] }, 400, 'lines.0.quantity'],
      ['1000', { lines: [{ productId: p.open.id, quantity: 1000 }] }, 400, 'lines.0.quantity'],
      ['text', { lines: [{ productId: p.open.id, quantity: '3' }] }, 400, 'lines.0.quantity'],
      ['unknown product', { lines: [{ productId: 99_999_999, quantity: 1 }] }, 400, 'lines.0.productId'],
      ['discontinued', { lines: [{ productId: p.gone.id, quantity: 1 }] }, 400, 'lines.0.productId'],
      ['not on sale', { lines: [{ productId: p.offList.id, quantity: 1 }] }, 400, 'lines.0.productId'],
      [
        'above the limit',
        { lines: [{ productId: p.limited.id, quantity: LIMIT_TIER_10 + 1 }] },
        400,
        'lines.0.quantity',
      ],
      [
        'the same product twice',
        {
          lines: [
            { productId: p.open.id, quantity: 1 },
            { productId: p.open.id, quantity: 2 },
          ],
        },
        400,
        'lines.1.productId',
      ],
      ['an extra field', { lines: [{ productId: p.open.id, quantity: 1, origin: 'retailer' }] }, 400, 'lines.0'],
    ];
    for (const [label, payload, status, field] of cases) {
      const response = await call('shop', 'PUT', '/api/orders/current', payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      expect(Object.keys(response.json().fields ?? {}).join(' '), label).toContain(field);
    }
    const aboveLimit = await call('shop', 'PUT', '/api/orders/current', {
      lines: [{ productId: p.limited.id, quantity: 9 }],
    });
    expect(aboveLimit.json().fields['lines.0.quantity']).toContain(String(LIMIT_TIER_10));
    const selectedElsewhere = await call('peer', 'PUT', '/api/orders/current', {
      lines: [{ productId: p.selected.id, quantity: 1 }],
    });
    expect(selectedElsewhere.statusCode).toBe(400);
    // A Monday shop's window for this week closed on Sunday night: on Wednesday it works on next week's order,
    // whose strategy is not published yet — 409 on the window (saying when it usually opens), for saving and for
    // submitting.
    const closed = await call('late', 'PUT', '/api/orders/current', { lines: [{ productId: p.open.id, quantity: 1 }] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().fields.window).toMatch(/还没有发布.*2026-12-05 12:00/);
    expect((await submit('late', 'late-key-0001', { lines: [{ productId: p.open.id, quantity: 1 }] })).statusCode).toBe(
      409,
    );
    // Naughty strings in every field a line has.
    for (const text of naughtyStrings) {
      for (const payload of [
        { lines: [{ productId: text, quantity: 1 }] },
        { lines: [{ productId: p.open.id, quantity: text }] },
        { lines: text },
      ]) {
        const response = await call('shop', 'PUT', '/api/orders/current', payload);
        expect(response.statusCode, `${JSON.stringify(text)}: ${response.body}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, JSON.stringify(text)).toBeLessThan(500);
      }
      // As the Idempotency-Key too, where HTTP can carry it at all (visible Latin-1 text).
      if (/^[\t\x20-\x7e]*$/.test(text)) {
        const keyed = await submit('shop', text);
        expect(keyed.statusCode, JSON.stringify(text)).toBeGreaterThanOrEqual(400);
        expect(keyed.statusCode, JSON.stringify(text)).toBeLessThan(500);
      }
    }
    expect(await writes()).toEqual(before);
  });

  it('saves the draft recording how each line came about', async () => {
    const suggested = (await current('shop')).products.find((x) => x.productId === p.open.id)?.suggestion
      ?.quantity as number;
    const saved = await call('shop', 'PUT', '/api/orders/current', {
      lines: [
        { productId: p.open.id, quantity: suggested },
        { productId: p.open2.id, quantity: 2 },
        { productId: p.scarce.id, quantity: 5 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const order = saved.json<CurrentOrderResponse>();
    expect(order.status).toBe('draft');
    const originOf = (productId: number) => order.lines.find((l) => l.productId === productId)?.origin;
    expect(originOf(p.open.id)).toBe('suggestion_accepted');
    expect(originOf(p.open2.id)).toBe('retailer_typed');
    // The scarce product is a request for the allocation, not a line.
    expect(originOf(p.scarce.id)).toBeUndefined();
    expect(order.products.find((x) => x.productId === p.scarce.id)?.requested).toBe(5);

    const edited = await call('shop', 'PUT', '/api/orders/current', {
      lines: [
        { productId: p.open.id, quantity: suggested + 1 },
        { productId: p.scarce.id, quantity: 5 },
      ],
    });
    const after = edited.json<CurrentOrderResponse>();
    expect(after.lines.map((l) => [l.productId, l.origin])).toEqual([[p.open.id, 'suggestion_edited']]);
    const events = await database.db
      .select()
      .from(orderLineEvents)
      .where(and(eq(orderLineEvents.retailerId, shop.id), eq(orderLineEvents.productId, p.open2.id)));
    expect(events.map((e) => [e.kind, e.oldQuantity, e.newQuantity])).toEqual([
      ['set', 0, 2],
      ['removed', 2, 0],
    ]);
  });

  it('submits once per Idempotency-Key: a replay answers the same and changes nothing', async () => {
    const noKey = await submit('shop', null);
    expect(noKey.statusCode).toBe(400);
    expect(Object.keys(noKey.json().fields)).toEqual(['idempotencyKey']);
    const first = await submit('shop', 'submit-key-0001');
    expect(first.statusCode, first.body).toBe(200);
    const answer = first.json<SubmitOrderResponse>();
    expect(answer).toMatchObject({ status: 'submitted', replayed: false });
    expect(answer.requests).toEqual([{ productId: p.scarce.id, quantity: 5 }]);
    const before = await writes();
    const { order: orderBefore } = await orderOf(shop.id);
    clock.advanceMinutes(5);
    const again = await submit('shop', 'submit-key-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...answer, replayed: true });
    expect(await writes()).toEqual(before);
    const { order: orderAfter } = await orderOf(shop.id);
    expect(orderAfter?.submittedAt).toEqual(orderBefore?.submittedAt);
    expect(orderAfter?.updatedAt).toEqual(orderBefore?.updatedAt);
    // The same key with another body, or from another retailer: refused, nothing changed.
    const other = await submit('shop', 'submit-key-0001', { lines: [{ productId: p.open.id, quantity: 1 }] });
    expect(other.statusCode).toBe(409);
    expect((await submit('peer', 'submit-key-0001')).statusCode).toBe(409);
    expect(await writes()).toEqual(before);
    expect((await current('shop')).status).toBe('submitted');
    // Saving the same lines again leaves it submitted; a change makes it a draft until it is submitted again.
    const same = answer.lines.concat(answer.requests);
    expect((await call('shop', 'PUT', '/api/orders/current', { lines: same })).json().status).toBe('submitted');
    expect(await writes()).toEqual(before);
    const changed = same.map((l) => (l.productId === p.scarce.id ? { ...l, quantity: 4 } : l));
    expect((await call('shop', 'PUT', '/api/orders/current', { lines: changed })).json().status).toBe('draft');
    const resubmitted = await submit('shop', 'submit-key-0002', { lines: same });
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', replayed: false });
  });

  it('holds the limit when 50 submissions arrive at once, and a key sent 50 times at once submits once', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) => ({
      key: `burst-${String(i).padStart(4, '0')}`,
      quantity: (i % 6) + 1,
    }));
    const responses = await Promise.all(
      attempts.map((a) =>
        submit('peer', a.key, {
          lines: [
            { productId: p.limited.id, quantity: a.quantity + 3 },
            { productId: p.open.id, quantity: a.quantity },
          ],
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(
      statuses.every((code) => code === 200 || code === 400),
      statuses.join(','),
    ).toBe(true);
    // Quantities 4–6 of the limited product are within the tier-26 limit of 6; 7–9 are above it.
    expect(statuses.filter((c) => c === 200)).toHaveLength(attempts.filter((a) => a.quantity + 3 <= 6).length);
    const { order, lines } = await orderOf(peer.id);
    expect(order?.status).toBe('submitted');
    const limited = lines.find((l) => l.productId === p.limited.id)?.quantity as number;
    expect(limited).toBeLessThanOrEqual(6);
    // The order is exactly one accepted request, never a mix of two.
    const open = lines.find((l) => l.productId === p.open.id)?.quantity;
    expect(limited - 3).toBe(open);
    expect(lines).toHaveLength(2);
    const stored = await database.db.select().from(orderSubmissions).where(eq(orderSubmissions.retailerId, peer.id));
    expect(stored).toHaveLength(statuses.filter((c) => c === 200).length);

    const same = await Promise.all(
      Array.from({ length: 50 }, () =>
        submit('lone', 'lone-once-key', { lines: [{ productId: p.open.id, quantity: 2 }] }),
      ),
    );
    expect(same.map((r) => r.statusCode).every((c) => c === 200)).toBe(true);
    const bodies = same.map((r) => r.json<SubmitOrderResponse>());
    expect(new Set(bodies.map((b) => `${b.orderId}@${b.submittedAt}`)).size).toBe(1);
    expect(bodies.filter((b) => !b.replayed)).toHaveLength(1);
    const submittedAudits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.submitted'), eq(auditLog.actorUserId, await userOf(lone.id))));
    expect(submittedAudits).toHaveLength(1);
  });

  const userOf = async (retailerId: number) => {
    const rows = await database.db.execute<{ id: number }>(
      sql`select id from users where retailer_id = ${retailerId} limit 1`,
    );
    return rows.rows[0]?.id as number;
  };

  const codeOf = async (proposalId: number) => {
    const rows = await database.db
      .select({ params: notifications.params })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'order.proposal'),
          sql`${notifications.params}->>'proposalId' = ${String(proposalId)}`,
        ),
      );
    return String(rows[0]?.params.code);
  };

  let proposal: ProposalView;

  it('a manager’s proposal is only a proposal: nothing reaches the order without the retailer’s act', async () => {
    const before = await orderOf(late.id);
    const byRetailer = { retailerId: shop.id, lines: [{ productId: p.open2.id, quantity: 4 }] };
    expect((await call('shop', 'POST', '/api/orders/proposals', byRetailer)).statusCode).toBe(403);
    const foreign = await call('mgrOther', 'POST', '/api/orders/proposals', {
      retailerId: shop.id,
      lines: [{ productId: p.open2.id, quantity: 4 }],
    });
    expect(foreign.statusCode).toBe(404);
    const overLimit = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: shop.id,
      lines: [{ productId: p.limited.id, quantity: 20 }],
    });
    expect(overLimit.statusCode).toBe(400);
    // Outside the retailer's window a proposal cannot be made either.
    const closed = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: late.id,
      lines: [{ productId: p.open2.id, quantity: 4 }],
    });
    expect(closed.statusCode).toBe(409);
    expect(await orderOf(late.id)).toEqual(before);

    const shopBefore = await orderOf(shop.id);
    const made = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: shop.id,
      lines: [
        { productId: p.open2.id, quantity: 4 },
        { productId: p.limited.id, quantity: 2 },
      ],
    });
    expect(made.statusCode, made.body).toBe(200);
    proposal = made.json<ProposalView>();
    expect(proposal.status).toBe('pending');
    expect(proposal.lines.map((l) => [l.productId, l.quantity, typeof l.id])).toEqual([
      [p.open2.id, 4, 'number'],
      [p.limited.id, 2, 'number'],
    ]);
    expect(made.body).not.toContain(await codeOf(proposal.id));
    // Whatever jobs are due run: the order is as it was.
    await app.jobs.runDue();
    expect(await orderOf(shop.id)).toEqual(shopBefore);
    const seen = await current('shop');
    expect(seen.proposals.map((x) => [x.id, x.status])).toEqual([[proposal.id, 'pending']]);
  });

  it('the manager accepts only with the code the retailer reads back; a wrong code changes nothing', async () => {
    const before = await orderOf(shop.id);
    const noCode = await call('mgr', 'POST', `/api/orders/proposals/${proposal.id}/accept`, {});
    expect(noCode.statusCode).toBe(400);
    expect(Object.keys(noCode.json().fields)).toEqual(['code']);
    const code = await codeOf(proposal.id);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await call('mgr', 'POST', `/api/orders/proposals/${proposal.id}/accept`, { code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(await orderOf(shop.id)).toEqual(before);
    // Another manager, even with the code: not its retailer.
    expect((await call('mgrOther', 'POST', `/api/orders/proposals/${proposal.id}/accept`, { code })).statusCode).toBe(
      404,
    );
    const accepted = await call('mgr', 'POST', `/api/orders/proposals/${proposal.id}/accept`, { code });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<ProposalView>()).toMatchObject({ status: 'accepted', decidedVia: 'code' });
    const mine = await current('shop');
    expect(mine.status).toBe('submitted');
    const line = mine.lines.find((l) => l.productId === p.open2.id);
    expect(line).toMatchObject({ quantity: 4, origin: 'proposal_accepted', proposalId: proposal.id });
    expect((await call('mgr', 'POST', `/api/orders/proposals/${proposal.id}/accept`, { code })).statusCode).toBe(409);
  });

  it('a line reported as pressured leaves the order and becomes a 强制搭配 concern the manager cannot read', async () => {
    const mine = await current('shop');
    const line = mine.lines.find((l) => l.productId === p.open2.id);
    if (!line) throw new Error('no proposed line');
    expect(
      (await call('peer', 'POST', `/api/orders/lines/${line.id}/pressured`, { note: '不是我的' })).statusCode,
    ).toBe(404);
    expect((await call('shop', 'POST', `/api/orders/lines/${line.id}/pressured`, { note: '   ' })).statusCode).toBe(
      400,
    );
    const note = '客户经理说不订这个就不给紧俏烟。';
    const reported = await call('shop', 'POST', `/api/orders/lines/${line.id}/pressured`, { note });
    expect(reported.statusCode, reported.body).toBe(200);
    const { concernId } = reported.json<{ concernId: number }>();
    const after = await current('shop');
    expect(after.lines.map((l) => l.id)).not.toContain(line.id);
    const [concern] = await database.db.select().from(concerns).where(eq(concerns.id, concernId));
    expect(concern).toMatchObject({ category: 'forced_ordering', text: note, ownerUserId: ids.sup, sensitive: true });
    expect((await call('sup', 'GET', `/api/concerns/${concernId}`)).statusCode).toBe(200);
    expect((await call('mgr', 'GET', `/api/concerns/${concernId}`)).statusCode).toBe(404);
    expect((await call('shop', 'POST', `/api/orders/lines/${line.id}/pressured`, { note })).statusCode).toBe(404);
  });

  it('the retailer accepts in its portal, or rejects and says it felt pressured', async () => {
    const make = async (quantity: number) => {
      const made = await call('mgr', 'POST', '/api/orders/proposals', {
        retailerId: peer.id,
        lines: [{ productId: p.open2.id, quantity }],
      });
      expect(made.statusCode, made.body).toBe(200);
      return made.json<ProposalView>();
    };
    const kept = await make(1);
    const accepted = await call('peer', 'POST', `/api/orders/proposals/${kept.id}/accept`, {});
    expect(accepted.json<ProposalView>()).toMatchObject({ status: 'accepted', decidedVia: 'portal' });
    const pressed = await make(8);
    expect((await call('shop', 'POST', `/api/orders/proposals/${pressed.id}/reject`, {})).statusCode).toBe(404);
    const rejected = await call('peer', 'POST', `/api/orders/proposals/${pressed.id}/reject`, { pressured: true });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<ProposalView>().status).toBe('rejected');
    const [concern] = await database.db
      .select()
      .from(concerns)
      .where(and(eq(concerns.retailerId, peer.id), eq(concerns.category, 'forced_ordering')));
    expect(concern?.text).toContain('第二种');
    expect((await call('peer', 'POST', `/api/orders/proposals/${pressed.id}/accept`, {})).statusCode).toBe(409);
  });

  it('a code tried five times wrongly is dead, even the right one after it', async () => {
    const made = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: shop.id,
      lines: [{ productId: p.open.id, quantity: 1 }],
    });
    expect(made.statusCode, made.body).toBe(200);
    const tried = made.json<ProposalView>();
    const code = await codeOf(tried.id);
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const response = await call('mgr', 'POST', `/api/orders/proposals/${tried.id}/accept`, { code: wrong });
      expect(response.json().fields.code).toMatch(/确认码不对/);
    }
    const late5 = await call('mgr', 'POST', `/api/orders/proposals/${tried.id}/accept`, { code });
    expect(late5.statusCode).toBe(400);
    expect(late5.json().fields.code).toMatch(/过期|次数/);
    // The retailer itself can still decide in its portal: it rejects it, without a report.
    const rejected = await call('shop', 'POST', `/api/orders/proposals/${tried.id}/reject`, {});
    expect(rejected.json<ProposalView>().status).toBe('rejected');
  });

  it('a proposal left pending expires once the retailer’s window closes, and can no longer be accepted', async () => {
    const made = await call('mgr', 'POST', '/api/orders/proposals', {
      retailerId: peer.id,
      lines: [{ productId: p.open.id, quantity: 1 }],
    });
    const waiting = made.json<ProposalView>();
    // The Friday shop's window is open until Thursday 24:00 (16:00Z): until then nothing expires; then it does, once.
    const deps = { db: database.db, jobs: app.jobs };
    expect(await expireProposals(deps, new Date(NOW))).toBe(0);
    expect(await expireProposals(deps, new Date('2026-12-03T15:59:59Z'))).toBe(0);
    expect(await expireProposals(deps, new Date('2026-12-03T16:00:00Z'))).toBe(1);
    expect(await expireProposals(deps, new Date('2026-12-07T02:00:00Z'))).toBe(0);
    const accepted = await call('peer', 'POST', `/api/orders/proposals/${waiting.id}/accept`, {});
    expect(accepted.statusCode).toBe(409);
    expect((await current('peer')).proposals.find((x) => x.id === waiting.id)?.status).toBe('expired');
  });

  it('shows staff the week per retailer and the respect figures per manager, within scope', async () => {
    const week = await call('mgr', 'GET', `/api/orders/week?week=${WEEK}`);
    expect(week.statusCode, week.body).toBe(200);
    const body = week.json<OrderWeekResponse>();
    const stateOf = new Map(body.retailers.map((r) => [r.retailerId, r.state]));
    expect(stateOf.get(shop.id)).toBe('submitted');
    expect(stateOf.get(late.id)).toBe('not_yet');
    // Each retailer's cut-off this week: the Friday shop Thursday 24:00, the Monday shop the Sunday before.
    const closesOf = new Map(body.retailers.map((r) => [r.retailerId, r.closesAt]));
    expect(closesOf.get(shop.id)).toBe('2026-12-03T16:00:00.000Z');
    expect(closesOf.get(late.id)).toBe('2026-11-29T16:00:00.000Z');
    expect(stateOf.has(lone.id)).toBe(false);
    const me = body.managers.find((m) => m.managerId === ids.mgr);
    // Five proposals: three accepted or rejected by the retailer, one rejected after its code wore out, one expired.
    // The manager learns nothing of the two pressure reports (a pressured line, a proposal rejected as pressured).
    expect(me).toMatchObject({ proposals: 5, proposalsRejected: 2, pressureReports: null });
    expect(me?.rejectionRate).toBeCloseTo(2 / 4);
    expect(me?.ownOrUnchangedShare).toBeGreaterThan(0);
    expect(me?.ownOrUnchangedShare).toBeLessThan(1);
    expect(week.body).not.toMatch(/pressure(?!Reports":null)/i);
    // The supervisor and the admin see them, and the pressured line counted against the manager's share.
    for (const who of ['sup', 'admin'] as const) {
      const seen = (await call(who, 'GET', `/api/orders/week?week=${WEEK}&districtId=${d1}`)).json<OrderWeekResponse>();
      const figures = seen.managers.find((m) => m.managerId === ids.mgr);
      expect(figures, who).toMatchObject({ proposals: 5, proposalsRejected: 2, pressureReports: 2 });
      // One pressured line more than the manager sees, and a lower share.
      expect(figures?.lines, who).toBe((me?.lines ?? 0) + 1);
      expect(figures?.ownOrUnchangedShare ?? 1, who).toBeLessThan(me?.ownOrUnchangedShare ?? 0);
    }
    // The manager's own figures are the same whichever way it asks (its managerId, the district).
    const asked = (
      await call('mgr', 'GET', `/api/orders/week?week=${WEEK}&managerId=${ids.mgr}`)
    ).json<OrderWeekResponse>();
    expect(asked.managers.find((m) => m.managerId === ids.mgr)).toEqual(me);
    expect((await call('mgrOther', 'GET', `/api/orders/week?managerId=${ids.mgr}`)).statusCode).toBe(404);
    const district = (await call('sup', 'GET', `/api/orders/week`)).json<OrderWeekResponse>();
    expect(district.retailers.map((r) => r.retailerId)).toContain(lone.id);
    expect((await call('supOther', 'GET', '/api/orders/week')).json<OrderWeekResponse>().retailers).toEqual([]);
    expect((await call('sup', 'GET', '/api/orders/week?districtId=99999999')).statusCode).toBe(404);
    const admin = (await call('admin', 'GET', `/api/orders/week?districtId=${d1}`)).json<OrderWeekResponse>();
    expect(admin.retailers.map((r) => r.retailerId).sort()).toEqual(district.retailers.map((r) => r.retailerId).sort());
    expect((await call('shop', 'GET', '/api/orders/week')).statusCode).toBe(403);
  });

  it('allocates the scarce product by the published rule and tells each retailer why', async () => {
    const asked = await call('peer', 'PUT', '/api/orders/current', {
      lines: [{ productId: p.scarce.id, quantity: 6 }],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await call('mgr', 'POST', `/api/allocations/${WEEK}/run`, {})).statusCode).toBe(403);
    const run = await call('sup', 'POST', `/api/allocations/${WEEK}/run`, {});
    expect(run.statusCode, run.body).toBe(200);
    const [product] = run.json().products;
    expect(product).toMatchObject({ productId: p.scarce.id, supply: 7, totalRequested: 11, totalAllocated: 7 });
    const rows = await database.db.select().from(scarceRequests).where(eq(scarceRequests.productId, p.scarce.id));
    expect(rows.reduce((sum, r) => sum + (r.allocated ?? 0), 0)).toBe(7);
    for (const r of rows) expect(r.allocated).toBeLessThanOrEqual(r.requested);
    // The cartons allocated are the product's line on each order now, from the retailer's own request.
    const shopLine = (await current('shop')).lines.find((l) => l.productId === p.scarce.id);
    const shopAllocated = rows.find((r) => r.retailerId === shop.id)?.allocated;
    expect(shopLine).toMatchObject({ quantity: shopAllocated, origin: 'retailer_typed' });
    expect((await current('peer')).lines.find((l) => l.productId === p.scarce.id)?.quantity).toBe(
      rows.find((r) => r.retailerId === peer.id)?.allocated,
    );
    // Running it again gives the same cartons: the lines stay as they are, with no new events.
    const eventsBefore = (await writes()).events;
    expect((await call('sup', 'POST', `/api/allocations/${WEEK}/run`, {})).statusCode).toBe(200);
    expect((await writes()).events).toBe(eventsBefore);
    const explained = await call('shop', 'GET', `/api/allocations/${WEEK}/explain`);
    expect(explained.statusCode, explained.body).toBe(200);
    const [item] = explained.json().items;
    expect(item.reason).toMatch(/^申请 5 条，分得 \d 条/);
    expect((await current('shop')).products.find((x) => x.productId === p.scarce.id)?.allocationReason).toBe(
      item.reason,
    );
    expect((await call('shop', 'GET', `/api/allocations/${WEEK}/explain?retailerId=${peer.id}`)).statusCode).toBe(404);
    expect((await call('mgr', 'GET', `/api/allocations/${WEEK}/explain?retailerId=${peer.id}`)).statusCode).toBe(200);
    expect((await call('mgrOther', 'GET', `/api/allocations/${WEEK}/explain?retailerId=${peer.id}`)).statusCode).toBe(
      404,
    );
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'allocation.run'));
    expect(audit).toHaveLength(2);
  });
});
