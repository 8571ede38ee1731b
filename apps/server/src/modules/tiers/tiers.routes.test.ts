import { readFileSync } from 'node:fs';
import type { RetailerTier, TierPublishResponse, TierRunDetail, TierRunSummary } from '@siyi/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { auditLog, orders, retailers, tierHistory, tierRunMoves, timelineEvents } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  getAs,
  makeCompany,
  makeDistrict,
  makeOrder,
  makeProduct,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  type OrgUnitRow,
  type ProductRow,
  type RetailerRow,
  type Session,
  signIn,
} from '../../testing';
import { FIXTURE_PASSWORD } from '../../testing/fixture';
import { databaseTargets } from '../../testing/test-database';

const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

const targets = await databaseTargets();

// Thursday 2026-11-26 (Shanghai): last complete week starts 2026-11-16; 13 weeks go back to 2026-08-24.
const NOW = '2026-11-26T02:00:00Z';
const WINDOW = { weeks: 13, fromWeek: '2026-08-24', toWeek: '2026-11-16' };

describe.each(targets)('tiers: preview, publish and hand edits on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  const clock = new ManualClock(NOW);
  let d1: OrgUnitRow;
  let d2: OrgUnitRow;
  let dear: ProductRow;
  let cheap: ProductRow;
  let shops: Record<'big' | 'mid' | 'small' | 'idle' | 'other' | 'closed', RetailerRow>;
  let smallOrderId: number;
  const s: Record<'admin' | 'sup1' | 'sup2' | 'mgr1' | 'shop', Session> = {} as never;

  const send = (method: 'POST' | 'PATCH', url: string, session: Session | null, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const preview = (session: Session | null = s.admin) => send('POST', '/api/tiers/preview', session);
  const publish = (runId: number, session: Session | null = s.admin) =>
    send('POST', '/api/tiers/publish', session, { runId });
  const override = (id: number, body: unknown, session: Session) =>
    send('PATCH', `/api/retailers/${id}/tier`, session, body);
  const tiersNow = async () =>
    Object.fromEntries(
      (await database.db.select({ id: retailers.id, tier: retailers.tier }).from(retailers)).map((r) => [r.id, r.tier]),
    );
  const count = async (table: typeof tierHistory | typeof auditLog | typeof timelineEvents) =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;

  beforeAll(async () => {
    database = await target.open();
    const db = database.db;
    app = await (await import('../../testing')).createTestApp(database, { clock });
    const company = await makeCompany(db);
    d1 = await makeDistrict(db, { parentId: company.id, name: '一片区' });
    d2 = await makeDistrict(db, { parentId: company.id, name: '二片区' });
    dear = await makeProduct(db, { wholesalePriceFen: 20_000 });
    cheap = await makeProduct(db, { wholesalePriceFen: 10_000 });
    s.admin = (await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id })).session;
    s.sup1 = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d1.id })).session;
    s.sup2 = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: d2.id })).session;
    const mgr1 = await makeSignedInUser(app, db, { role: 'manager', orgUnitId: d1.id });
    s.mgr1 = mgr1.session;
    // Everyone starts at tier 10 (the factory's default).
    shops = {
      big: await makeRetailer(db, { districtId: d1.id, managerId: mgr1.user.id }),
      mid: await makeRetailer(db, { districtId: d1.id, managerId: mgr1.user.id }),
      small: await makeRetailer(db, { districtId: d1.id }),
      idle: await makeRetailer(db, { districtId: d1.id }),
      other: await makeRetailer(db, { districtId: d2.id }),
      closed: await makeRetailer(db, { districtId: d2.id, status: 'closed' }),
    };
    const shopUser = await makeRetailerUser(db, shops.big);
    s.shop = await signIn(app, shopUser.username, FIXTURE_PASSWORD);

    // In the window: big 100 cartons of the dear one; mid 30 dear + 20 cheap; small 10 cheap; other 30 dear.
    await makeOrder(db, shops.big, '2026-09-07', [{ product: dear, quantity: 60 }]);
    await makeOrder(db, shops.big, WINDOW.toWeek, [{ product: dear, quantity: 40 }]);
    await makeOrder(db, shops.mid, '2026-10-05', [
      { product: dear, quantity: 30 },
      { product: cheap, quantity: 20 },
    ]);
    smallOrderId = (await makeOrder(db, shops.small, WINDOW.fromWeek, [{ product: cheap, quantity: 10 }])).id;
    await makeOrder(db, shops.other, '2026-11-02', [{ product: dear, quantity: 30 }]);
    // Outside the window (the week before it, and the current week) or not counted: none of these count.
    await makeOrder(db, shops.small, '2026-08-17', [{ product: dear, quantity: 1000 }]);
    await makeOrder(db, shops.idle, '2026-11-23', [{ product: dear, quantity: 1000 }]);
    await makeOrder(db, shops.idle, '2026-10-05', [{ product: dear, quantity: 1000 }], { status: 'cancelled' });
    await makeOrder(db, shops.closed, '2026-10-05', [{ product: dear, quantity: 500 }]);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lets only admins preview, list, open and publish runs', async () => {
    for (const who of ['sup1', 'mgr1', 'shop'] as const) {
      expect((await preview(s[who])).statusCode, who).toBe(403);
      expect((await getAs(app, s[who], '/api/tiers/runs')).statusCode, who).toBe(403);
      expect((await getAs(app, s[who], '/api/tiers/runs/1')).statusCode, who).toBe(403);
      expect((await publish(1, s[who])).statusCode, who).toBe(403);
    }
    expect((await preview(null)).statusCode).toBe(401);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/tiers/preview', headers: { cookie: s.admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await getAs(app, s.admin, '/api/tiers/runs')).json()).toMatchObject({ total: 0 });
  });

  it('previews every active retailer from its last 13 weeks and gives each move its reason, changing nothing', async () => {
    const before = await tiersNow();
    const response = await preview();
    expect(response.statusCode).toBe(200);
    const run = response.json<TierRunSummary>();
    expect(run).toMatchObject({
      status: 'preview',
      effectiveWeek: '2026-11-23',
      retailerCount: 5,
      moveCount: 5,
      basis: { method: 'orders-13w', ...WINDOW, volumeBands: 10, priceBands: 3, buyers: 4, upCount: 2, downCount: 3 },
    });
    expect(run.basis.distribution.before[9]).toBe(5);
    expect(await tiersNow()).toEqual(before);

    // n = 4 buyers → volume bands 1 (small), 3 (other), 6 (mid), 8 (big); one 单条值 band each.
    const detail = (await getAs(app, s.admin, `/api/tiers/runs/${run.id}?pageSize=50`)).json<TierRunDetail>();
    const moves = Object.fromEntries(detail.moves.items.map((m) => [m.retailerId, m]));
    expect(detail.moves.total).toBe(5);
    expect(moves[shops.closed.id]).toBeUndefined();
    expect(moves[shops.big.id]).toMatchObject({ fromTier: 10, toTier: 22, districtName: '一片区' });
    expect(moves[shops.big.id]?.reason).toEqual({
      ...WINDOW,
      cartons: 100,
      amountFen: 2_000_000,
      pricePerCartonFen: 20_000,
      volumeBand: 8,
      priceBand: 1,
      volumeBands: 10,
      priceBands: 3,
      rank: 1,
      buyers: 4,
      topPercent: 25,
      bandMinCartons: 100,
      bandMaxCartons: 100,
      previous: 10,
    });
    expect(moves[shops.mid.id]?.reason).toMatchObject({
      cartons: 50,
      amountFen: 800_000,
      pricePerCartonFen: 16_000,
      rank: 2,
      topPercent: 50,
    });
    expect(moves[shops.mid.id]?.toTier).toBe(16);
    expect(moves[shops.small.id]).toMatchObject({ toTier: 1, reason: { cartons: 10, amountFen: 100_000, rank: 4 } });
    expect(moves[shops.idle.id]).toMatchObject({ toTier: 1, reason: { cartons: 0, rank: null, volumeBand: 0 } });
    expect(moves[shops.other.id]).toMatchObject({ toTier: 7, districtName: '二片区', reason: { rank: 3 } });
    // Largest jumps first.
    expect(detail.moves.items[0]?.retailerId).toBe(shops.big.id);
    expect(detail.districts).toEqual([
      { districtId: d1.id, districtName: '一片区', up: 2, down: 2 },
      { districtId: d2.id, districtName: '二片区', up: 0, down: 1 },
    ]);

    const down1 = (
      await getAs(app, s.admin, `/api/tiers/runs/${run.id}?districtId=${d1.id}&direction=down`)
    ).json<TierRunDetail>();
    expect(down1.moves.items.map((m) => m.retailerId).sort()).toEqual([shops.small.id, shops.idle.id].sort());
    const paged = (await getAs(app, s.admin, `/api/tiers/runs/${run.id}?pageSize=2&page=3`)).json<TierRunDetail>();
    expect(paged.moves).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(paged.moves.items).toHaveLength(1);
    for (const bad of ['direction=sideways', 'districtId=abc', 'pageSize=0', 'page=-1']) {
      expect((await getAs(app, s.admin, `/api/tiers/runs/${run.id}?${bad}`)).statusCode, bad).toBe(400);
    }
    expect((await getAs(app, s.admin, '/api/tiers/runs/999999')).statusCode).toBe(404);
  });

  it('supersedes an older preview: it cannot be published (409) and nothing changes', async () => {
    const older = (await preview()).json<TierRunSummary>();
    const newer = (await preview()).json<TierRunSummary>();
    const list = (await getAs(app, s.admin, '/api/tiers/runs')).json<{ items: TierRunSummary[] }>();
    expect(list.items[0]).toMatchObject({ id: newer.id, status: 'preview' });
    expect(list.items.find((r) => r.id === older.id)?.status).toBe('superseded');
    const history = await count(tierHistory);
    const refused = await publish(older.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONFLICT', fields: { runId: expect.any(String) } });
    expect(await count(tierHistory)).toBe(history);
    expect((await publish(999_999)).statusCode).toBe(404);
    for (const body of [{}, { runId: 'x' }, { runId: -1 }, { runId: 1, extra: true }]) {
      expect((await send('POST', '/api/tiers/publish', s.admin, body)).statusCode).toBe(400);
    }
  });

  it('refuses a run whose data changed since: a cancelled order in the window or a tier set by hand (409)', async () => {
    const run = (await preview()).json<TierRunSummary>();
    await database.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, smallOrderId));
    const before = await tiersNow();
    expect((await publish(run.id)).statusCode).toBe(409);
    expect(await tiersNow()).toEqual(before);
    await database.db.update(orders).set({ status: 'delivered' }).where(eq(orders.id, smallOrderId));

    const again = (await preview()).json<TierRunSummary>();
    const version = (await getAs(app, s.admin, `/api/retailers/${shops.other.id}/tier`)).json<RetailerTier>().version;
    expect(
      (await override(shops.other.id, { tier: 12, reason: '新开超市，面积大', version }, s.admin)).statusCode,
    ).toBe(200);
    const history = await count(tierHistory);
    const audits = await count(auditLog);
    const refused = await publish(again.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().fields.runId).toMatch(/重新试算|new preview/);
    expect(await count(tierHistory)).toBe(history);
    expect(await count(auditLog)).toBe(audits);
  });

  it('rolls back every move when one cannot be applied', async () => {
    const run = (await preview()).json<TierRunSummary>();
    // A move whose `from` no longer matches the retailer (as if written around the lock): the run must not half-apply.
    await database.db
      .update(tierRunMoves)
      .set({ fromTier: 29 })
      .where(and(eq(tierRunMoves.runId, run.id), eq(tierRunMoves.retailerId, shops.idle.id)));
    const before = await tiersNow();
    const counts = [await count(tierHistory), await count(auditLog), await count(timelineEvents)];
    expect((await publish(run.id)).statusCode).toBe(409);
    expect(await tiersNow()).toEqual(before);
    expect([await count(tierHistory), await count(auditLog), await count(timelineEvents)]).toEqual(counts);
  });

  it('publishes a run in one go: tiers, versions, history naming the run, one audit row and event per change', async () => {
    const run = (await preview()).json<TierRunSummary>();
    expect(run.moveCount).toBe(5);
    const versionBefore = (await getAs(app, s.admin, `/api/retailers/${shops.big.id}/tier`)).json<RetailerTier>();
    const response = await publish(run.id);
    expect(response.statusCode).toBe(200);
    const body = response.json<TierPublishResponse>();
    expect(body.applied).toBe(5);
    expect(body.run).toMatchObject({ id: run.id, status: 'published', publishedAt: '2026-11-26T02:00:00.000Z' });
    const now = await tiersNow();
    expect(now[shops.big.id]).toBe(22);
    expect(now[shops.mid.id]).toBe(16);
    expect(now[shops.small.id]).toBe(1);
    expect(now[shops.idle.id]).toBe(1);
    expect(now[shops.other.id]).toBe(7);
    expect(now[shops.closed.id]).toBe(10);

    const history = await database.db
      .select()
      .from(tierHistory)
      .where(eq(tierHistory.basis, `computed:orders-13w:run-${run.id}`));
    expect(history).toHaveLength(5);
    expect(history.find((h) => h.retailerId === shops.big.id)).toMatchObject({
      tier: 22,
      previousTier: 10,
      effectiveWeek: '2026-11-23',
    });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'tier.changed'), eq(auditLog.entityId, String(shops.big.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entityType: 'retailer',
      actorRole: 'admin',
      districtId: d1.id,
      before: { tier: 10, version: versionBefore.version },
      after: { tier: 22, version: versionBefore.version + 1, runId: run.id },
    });
    const events = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.kind, 'tier.changed'), eq(timelineEvents.sourceId, String(run.id))));
    expect(events).toHaveLength(5);

    // The retailer reads its own change and why; another shop is not found for it.
    const mine = await getAs(app, s.shop, `/api/retailers/${shops.big.id}/tier`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<RetailerTier>()).toMatchObject({
      tier: 22,
      version: versionBefore.version + 1,
      latest: { tier: 22, previousTier: 10, reason: { cartons: 100, rank: 1, topPercent: 25 } },
    });
    expect((await getAs(app, s.shop, `/api/retailers/${shops.mid.id}/tier`)).statusCode).toBe(404);

    const twice = await publish(run.id);
    expect(twice.statusCode).toBe(409);
    // A fresh preview right after publishing finds nothing to move.
    expect((await preview()).json<TierRunSummary>().moveCount).toBe(0);
  });

  it('lets an admin or the district supervisor set a tier by hand, only with a reason, audited and on the timeline', async () => {
    const read = async (id: number) => (await getAs(app, s.admin, `/api/retailers/${id}/tier`)).json<RetailerTier>();
    const { version } = await read(shops.mid.id);
    // Out of scope: the other district's supervisor does not see the shop at all.
    expect((await override(shops.mid.id, { tier: 20, reason: '店面扩大', version }, s.sup2)).statusCode).toBe(404);
    // In scope, not allowed: the shop's own manager; the retailer itself.
    expect((await override(shops.mid.id, { tier: 20, reason: '店面扩大', version }, s.mgr1)).statusCode).toBe(403);
    const shopOwn = await read(shops.big.id);
    expect(
      (await override(shops.big.id, { tier: 30, reason: '我要升档', version: shopOwn.version }, s.shop)).statusCode,
    ).toBe(403);
    // No reason, a blank one, a tier out of range, a missing version: 400 with the field named.
    for (const [body, field] of [
      [{ tier: 20, version }, 'reason'],
      [{ tier: 20, reason: '   ', version }, 'reason'],
      [{ tier: 31, reason: '店面扩大', version }, 'tier'],
      [{ tier: 20, reason: '店面扩大' }, 'version'],
    ] as const) {
      const bad = await override(shops.mid.id, body, s.sup1);
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().fields ?? {})).toContain(field);
    }
    expect((await override(shops.mid.id, { tier: 16, reason: '不变', version }, s.sup1)).statusCode).toBe(400);

    const ok = await override(shops.mid.id, { tier: 20, reason: '店面扩大，新增陈列柜', version }, s.sup1);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<RetailerTier>()).toMatchObject({
      tier: 20,
      version: version + 1,
      latest: { tier: 20, previousTier: 16, basis: 'manual:店面扩大，新增陈列柜', reason: null },
    });
    const stale = await override(shops.mid.id, { tier: 21, reason: '再调一次', version }, s.admin);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toEqual({ tier: 20, version: version + 1 });

    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'tier.overridden'), eq(auditLog.entityId, String(shops.mid.id))));
    expect(audit).toMatchObject({
      actorRole: 'supervisor',
      before: { tier: 16, version },
      after: { tier: 20, version: version + 1, reason: '店面扩大，新增陈列柜' },
    });
    const [event] = await database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.retailerId, shops.mid.id), eq(timelineEvents.sourceType, 'tier_history')));
    expect(event).toMatchObject({ kind: 'tier.changed', data: { from: 16, to: 20, manual: true } });
  });

  it('answers naughty reasons with 200 or 400, never a 500, and stores them as given', async () => {
    let { version, tier } = (await getAs(app, s.admin, `/api/retailers/${shops.small.id}/tier`)).json<RetailerTier>();
    const statuses = new Set<number>();
    for (const reason of naughtyStrings.filter((_, i) => i % 7 === 0)) {
      const next = tier === 1 ? 2 : 1;
      const response = await override(shops.small.id, { tier: next, reason, version }, s.admin);
      statuses.add(response.statusCode);
      expect([200, 400], reason).toContain(response.statusCode);
      if (response.statusCode === 200) {
        const body = response.json<RetailerTier>();
        expect(body.latest?.basis).toBe(`manual:${reason.trim()}`);
        ({ version, tier } = body);
      }
    }
    expect(statuses.has(200)).toBe(true);
  });
});
