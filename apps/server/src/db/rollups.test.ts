import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, type Fixture, seedFixture } from '../testing';
import type { Database } from './database';

const targets = await databaseTargets();

describe.each(targets)('rollups and the audit trail on $kind', (target) => {
  let database: Database;
  let fixture: Fixture;

  beforeAll(async () => {
    database = await target.open();
    fixture = await seedFixture(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const query = async <T>(text: string, values: unknown[] = []) =>
    (await database.pool.query(text, values)).rows as T[];

  /** Rollups recomputed from raw lines of counted orders, and the maintained rollups, side by side. */
  async function expectRollupsMatchRawLines() {
    const raw = await query<{ r: number; p: number; w: string; q: number; a: number }>(`
      select o.retailer_id as r, l.product_id as p, o.week_start::text as w, sum(l.quantity)::int as q,
             sum(l.quantity::bigint * l.unit_price_fen)::bigint as a
      from order_lines l join orders o on o.id = l.order_id
      where o.status in ('submitted', 'confirmed', 'delivered')
      group by 1, 2, 3 order by 1, 2, 3`);
    const kept = await query<{ r: number; p: number; w: string; q: number; a: number }>(`
      select retailer_id as r, product_id as p, week_start::text as w, quantity as q, amount_fen as a
      from sales_weekly where quantity <> 0 order by 1, 2, 3`);
    expect(kept).toEqual(raw);
    const rawWeekly = await query(`
      select o.retailer_id as r, o.week_start::text as w, sum(l.quantity)::int as q, count(*)::int as n
      from order_lines l join orders o on o.id = l.order_id
      where o.status in ('submitted', 'confirmed', 'delivered') group by 1, 2 order by 1, 2`);
    const keptWeekly = await query(`
      select retailer_id as r, week_start::text as w, quantity as q, line_count as n
      from retailer_weekly where line_count <> 0 order by 1, 2`);
    expect(keptWeekly).toEqual(rawWeekly);
  }

  it('keeps sales_weekly and retailer_weekly equal to the raw lines through inserts, updates and deletes', async () => {
    await expectRollupsMatchRawLines();
    const [shop] = fixture.retailers;
    const [productA, productB] = fixture.productIds;
    const [order] = await query<{ id: number }>(
      `insert into orders (retailer_id, district_id, week_start, status) values ($1, $2, '2026-11-23', 'submitted') returning id`,
      [shop?.id, shop?.districtId],
    );
    await query(
      `insert into order_lines (order_id, product_id, quantity, unit_price_fen, origin) values ($1, $2, 3, 1000, 'retailer'), ($1, $3, 2, 500, 'retailer')`,
      [order?.id, productA, productB],
    );
    await expectRollupsMatchRawLines();
    await query('update order_lines set quantity = quantity + 4 where order_id = $1 and product_id = $2', [
      order?.id,
      productA,
    ]);
    await expectRollupsMatchRawLines();
    await query('delete from order_lines where order_id = $1 and product_id = $2', [order?.id, productB]);
    await expectRollupsMatchRawLines();
    const [row] = await query<{ quantity: number }>(
      `select quantity from retailer_weekly where retailer_id = $1 and week_start = '2026-11-23'`,
      [shop?.id],
    );
    expect(row?.quantity).toBe(7);
  });

  it('counts drafts only once confirmed, and removes cancelled orders', async () => {
    const shop = fixture.retailers[4];
    const [productA] = fixture.productIds;
    const [order] = await query<{ id: number }>(
      `insert into orders (retailer_id, district_id, week_start, status) values ($1, $2, '2026-11-30', 'draft') returning id`,
      [shop?.id, shop?.districtId],
    );
    await query(
      `insert into order_lines (order_id, product_id, quantity, unit_price_fen, origin) values ($1, $2, 5, 1000, 'manager_proposal')`,
      [order?.id, productA],
    );
    const week = () =>
      query<{ quantity: number }>(
        `select quantity from retailer_weekly where retailer_id = $1 and week_start = '2026-11-30'`,
        [shop?.id],
      );
    expect(await week()).toEqual([]);
    await query(`update orders set status = 'submitted' where id = $1`, [order?.id]);
    expect((await week())[0]?.quantity).toBe(5);
    await query(`update orders set status = 'confirmed' where id = $1`, [order?.id]);
    expect((await week())[0]?.quantity).toBe(5);
    await query(`update orders set status = 'cancelled' where id = $1`, [order?.id]);
    expect((await week())[0]?.quantity).toBe(0);
    await expectRollupsMatchRawLines();
  });

  it('refuses to delete an order that has lines: orders are cancelled, not deleted', async () => {
    const [order] = await query<{ id: number }>('select order_id as id from order_lines limit 1');
    await expect(query('delete from orders where id = $1', [order?.id])).rejects.toThrow(/foreign key/);
  });

  it('keeps the audit trail append-only', async () => {
    await query(
      `insert into audit_log (occurred_at, entity_type, entity_id, action) values (now(), 'retailer', '1', 'tier_changed')`,
    );
    await expect(query(`update audit_log set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(query('truncate audit_log')).rejects.toThrow(/append-only/);
    const [count] = await query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'tier_changed'`,
    );
    expect(count?.n).toBe(1);
  });
});
