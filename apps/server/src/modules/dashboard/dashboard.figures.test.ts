import { weekStarts } from '@siyi/algorithms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { orderLines, orders } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import {
  createTestApp,
  databaseTargets,
  FIXTURE_PASSWORD,
  type Fixture,
  type FixtureRetailer,
  getAs,
  type Session,
  seedFixture,
  signIn,
} from '../../testing';

const targets = await databaseTargets();

/**
 * "Now" is Thursday 2026-12-03 10:00 in Shanghai: the current week (2026-11-30) is not over, so last week is
 * 2026-11-23 and the last four complete weeks are 2026-11-02 … 2026-11-23.
 */
const NOW = '2026-12-03T02:00:00Z';
const LAST_WEEK = '2026-11-23';

/**
 * The shop that skips weeks: besides the fixture's order in 2026-11-16 it ordered in 2026-10-12, 2026-10-26 and
 * 2026-11-02, nothing last week, and already in the unfinished current week. The four most recent weeks *with
 * orders* would be 10-26, 11-02, 11-16 and 11-30: exactly what the figures must not add up.
 */
const SKIPPING_ORDERS: { week: string; quantity: number; unitPriceFen: number }[] = [
  { week: '2026-10-12', quantity: 5, unitPriceFen: 10_000 },
  { week: '2026-10-26', quantity: 7, unitPriceFen: 10_000 },
  { week: '2026-11-02', quantity: 3, unitPriceFen: 20_000 },
  { week: '2026-11-30', quantity: 11, unitPriceFen: 10_000 },
];

interface Weekly {
  weekStart: string;
  quantity: number;
  amountFen: number;
  orderingRetailers?: number;
}

describe.each(targets)('weekly figures are calendar weeks on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let fixture: Fixture;
  let shop: FixtureRetailer;
  const clock = new ManualClock(NOW);
  const sessions = new Map<string, Session>();

  /** Cartons and fen of one retailer's orders per week, straight from the order lines: the oracle. */
  async function rawWeeks(
    retailerIds: readonly number[],
  ): Promise<Map<string, { quantity: number; amountFen: number }>> {
    const { rows } = await database.pool.query<{ week: string; quantity: number; amount_fen: string }>(
      `select o.week_start::text as week, sum(l.quantity)::int as quantity, sum(l.quantity * l.unit_price_fen)::text as amount_fen
         from order_lines l join orders o on o.id = l.order_id
        where o.retailer_id = any($1::int[]) group by 1`,
      [retailerIds],
    );
    return new Map(rows.map((r) => [r.week, { quantity: r.quantity, amountFen: Number(r.amount_fen) }]));
  }

  /** Every week present, consecutive, ending with last week, each equal to the raw lines or zero. */
  async function expectCalendarSeries(series: readonly Weekly[], count: number, retailerIds: readonly number[]) {
    expect(series.map((w) => w.weekStart)).toEqual(weekStarts(LAST_WEEK, count));
    const raw = await rawWeeks(retailerIds);
    for (const w of series) {
      const expected = raw.get(w.weekStart) ?? { quantity: 0, amountFen: 0 };
      expect({ week: w.weekStart, quantity: w.quantity, amountFen: w.amountFen }).toEqual({
        week: w.weekStart,
        ...expected,
      });
    }
  }

  beforeAll(async () => {
    database = await target.open();
    fixture = await seedFixture(database.db);
    const found = fixture.retailers.find((r) => r.managerId === fixture.users.mgrA1?.id);
    if (!found) throw new Error('fixture: no retailer of mgrA1');
    shop = found;
    const [productId] = fixture.productIds;
    for (const order of SKIPPING_ORDERS) {
      const [placed] = await database.db
        .insert(orders)
        .values({ retailerId: shop.id, districtId: shop.districtId, weekStart: order.week, status: 'delivered' })
        .returning({ id: orders.id });
      if (!placed || productId === undefined) throw new Error('order');
      await database.db.insert(orderLines).values({
        orderId: placed.id,
        productId,
        quantity: order.quantity,
        unitPriceFen: order.unitPriceFen,
        origin: 'retailer',
      });
    }
    app = await createTestApp(database, { clock });
    for (const username of ['mgrA1', 'supA', shop.licenceNo]) {
      sessions.set(username, await signIn(app, username, FIXTURE_PASSWORD));
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = async <T>(username: string, url: string): Promise<T> => {
    const session = sessions.get(username);
    if (!session) throw new Error(username);
    const response = await getAs(app, session, url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  it('gives a retailer that skipped weeks every calendar week, zeros included, up to last week', async () => {
    const sales = await get<{ weeks: Weekly[]; lastWeek: Weekly; recentFourWeeks: Record<string, unknown> }>(
      shop.licenceNo,
      `/api/retailers/${shop.id}/sales?weeks=26`,
    );
    expect(sales.weeks).toHaveLength(26);
    await expectCalendarSeries(sales.weeks, 26, [shop.id]);
    expect(sales.weeks.filter((w) => w.quantity === 0).length).toBeGreaterThan(20);
    // The unfinished current week is not in the series.
    expect(sales.weeks.some((w) => w.weekStart === '2026-11-30')).toBe(false);
  });

  it('says last week is 0 when the shop ordered nothing last week', async () => {
    const sales = await get<{ lastWeek: Weekly }>(shop.licenceNo, `/api/retailers/${shop.id}/sales`);
    expect(sales.lastWeek).toEqual({ weekStart: LAST_WEEK, quantity: 0, amountFen: 0 });
  });

  it('adds only the last four calendar weeks into the four-week figures', async () => {
    const raw = await rawWeeks([shop.id]);
    const fourWeeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
    const expected = fourWeeks.reduce(
      (sum, w) => ({
        quantity: sum.quantity + (raw.get(w)?.quantity ?? 0),
        amountFen: sum.amountFen + (raw.get(w)?.amountFen ?? 0),
      }),
      { quantity: 0, amountFen: 0 },
    );
    // 11-02 and 11-16 only: neither 10-26 (five weeks ago) nor the current week.
    expect(expected.quantity).toBe(3 + (raw.get('2026-11-16')?.quantity ?? Number.NaN));
    for (const weeks of [1, 4, 26]) {
      const sales = await get<{ weeks: Weekly[]; recentFourWeeks: unknown }>(
        'mgrA1',
        `/api/retailers/${shop.id}/sales?weeks=${weeks}`,
      );
      expect(sales.weeks).toHaveLength(weeks);
      expect(sales.recentFourWeeks).toEqual({ fromWeek: '2026-11-02', toWeek: LAST_WEEK, ...expected });
    }
  });

  it('keeps the top products to the period’s complete weeks', async () => {
    const sales = await get<{ topProducts: { productId: number; quantity: number }[] }>(
      'mgrA1',
      `/api/retailers/${shop.id}/sales?weeks=4`,
    );
    const raw = await rawWeeks([shop.id]);
    const total = ['2026-11-02', '2026-11-16'].reduce((sum, w) => sum + (raw.get(w)?.quantity ?? 0), 0);
    expect(sales.topProducts.reduce((sum, p) => sum + p.quantity, 0)).toBe(total);
  });

  it('gives the manager home every week, last week and four calendar weeks of the whole book', async () => {
    const mine = fixture.retailers.filter((r) => r.managerId === fixture.users.mgrA1?.id).map((r) => r.id);
    const dashboard = await get<{ weekly: Weekly[]; lastWeek: Weekly; recentFourWeeks: Record<string, number> }>(
      'mgrA1',
      '/api/dashboard/manager',
    );
    await expectCalendarSeries(dashboard.weekly, 26, mine);
    expect(dashboard.lastWeek).toEqual({ weekStart: LAST_WEEK, quantity: 0, amountFen: 0, orderingRetailers: 0 });
    const nov16 = dashboard.weekly.find((w) => w.weekStart === '2026-11-16');
    expect(nov16?.orderingRetailers).toBe(mine.length);
    const raw = await rawWeeks(mine);
    const fourWeeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
    expect(dashboard.recentFourWeeks).toEqual({
      fromWeek: '2026-11-02',
      toWeek: LAST_WEEK,
      quantity: fourWeeks.reduce((sum, w) => sum + (raw.get(w)?.quantity ?? 0), 0),
      amountFen: fourWeeks.reduce((sum, w) => sum + (raw.get(w)?.amountFen ?? 0), 0),
    });
  });

  it('gives the district every week and each manager the last four calendar weeks only', async () => {
    const inDistrict = fixture.retailers.filter((r) => r.districtId === fixture.districtA).map((r) => r.id);
    const dashboard = await get<{
      weekly: Weekly[];
      lastWeek: Weekly;
      managers: { managerId: number; recentQuantity: number; recentAmountFen: number }[];
    }>('supA', '/api/dashboard/district?weeks=8');
    await expectCalendarSeries(dashboard.weekly, 8, inDistrict);
    expect(dashboard.lastWeek.quantity).toBe(0);
    const raw = await rawWeeks([shop.id]);
    const rawOthers = await rawWeeks(
      fixture.retailers.filter((r) => r.managerId === fixture.users.mgrA1?.id && r.id !== shop.id).map((r) => r.id),
    );
    const mgrA1 = dashboard.managers.find((m) => m.managerId === fixture.users.mgrA1?.id);
    const recent = (m: typeof raw, key: 'quantity' | 'amountFen') =>
      ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].reduce((sum, w) => sum + (m.get(w)?.[key] ?? 0), 0);
    expect(mgrA1).toMatchObject({
      recentQuantity: recent(raw, 'quantity') + recent(rawOthers, 'quantity'),
      recentAmountFen: recent(raw, 'amountFen') + recent(rawOthers, 'amountFen'),
    });
  });

  it('turns last week over at Monday 00:00 in Shanghai, not in UTC', async () => {
    const at = async (instant: string) => {
      const moved = await createTestApp(database, { clock: new ManualClock(instant) });
      try {
        const session = await signIn(moved, shop.licenceNo, FIXTURE_PASSWORD);
        return (await getAs(moved, session, `/api/retailers/${shop.id}/sales?weeks=4`)).json<{ lastWeek: Weekly }>();
      } finally {
        await moved.close();
      }
    };
    // Sunday 2026-11-29 23:59:59 in Shanghai: the week of 11-23 is not over, last week is 11-16 (with orders).
    const sunday = await at('2026-11-29T15:59:59Z');
    expect(sunday.lastWeek.weekStart).toBe('2026-11-16');
    expect(sunday.lastWeek.quantity).toBeGreaterThan(0);
    // One second later it is Monday in Shanghai (still Sunday in UTC): last week is 11-23, with nothing bought.
    const monday = await at('2026-11-29T16:00:00Z');
    expect(monday.lastWeek).toEqual({ weekStart: LAST_WEEK, quantity: 0, amountFen: 0 });
  });
});
