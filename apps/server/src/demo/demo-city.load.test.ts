import { hash, verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { retailerSearchPinyin } from '../modules/retailers/retailer-pinyin';
import { databaseTargets } from '../testing/test-database';
import { type DemoCityOptions, generateDemoCity } from './demo-city.generate';
import {
  DEMO_PASSWORD,
  type DemoCitySummary,
  type DemoLoadProgress,
  loadDemoCity,
  loadGeneratedDemoCity,
} from './demo-city.load';

const targets = await databaseTargets();
const passwordHash = await hash(DEMO_PASSWORD);
const SMALL: DemoCityOptions = { seed: 11, retailers: 60, weeks: 8, products: 20, lastWeekStart: '2026-11-16' };

describe.each(targets)('loading the demo city into $kind', (target) => {
  let database: Database;
  let rowByRow: Database;
  let summary: DemoCitySummary;
  let schemaBefore: unknown;
  let failedLoad: unknown;
  let emptyAfterFailure: Record<string, number>;
  const progress: DemoLoadProgress[] = [];

  const query = async <T>(db: Database, text: string, values: unknown[] = []) =>
    (await db.pool.query(text, values)).rows as T[];
  const one = async <T>(db: Database, text: string) => (await query<T>(db, text))[0] as T;
  const counts = async (db: Database) =>
    one<Record<string, number>>(
      db,
      `select (select count(*) from org_units)::int as org_units, (select count(*) from users)::int as users,
              (select count(*) from retailers)::int as retailers, (select count(*) from products)::int as products,
              (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as order_lines,
              (select count(*) from sales_weekly)::int as sales_weekly, (select count(*) from tier_history)::int as tier_history`,
    );
  /** Constraints and indexes of the tables the loader suspends: they must come back exactly. */
  const schema = async (db: Database) => ({
    constraints: await query(
      db,
      `select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid in ('orders'::regclass, 'order_lines'::regclass, 'sales_weekly'::regclass, 'retailer_weekly'::regclass)
       order by 1, 2`,
    ),
    indexes: await query(
      db,
      `select indexname, indexdef from pg_indexes
       where tablename in ('orders', 'order_lines', 'sales_weekly', 'retailer_weekly') order by 1`,
    ),
  });

  beforeAll(async () => {
    database = await target.open();
    schemaBefore = await schema(database);
    // A city that breaks half-way (a line with quantity 0 violates a check): nothing of it may remain.
    const broken = generateDemoCity(SMALL);
    broken.lines.quantity[Math.floor(broken.lines.count / 2)] = 0;
    failedLoad = await loadGeneratedDemoCity(database.db, broken, { passwordHash, batchSize: 50 }).catch(
      (e: unknown) => e,
    );
    emptyAfterFailure = await counts(database);
    summary = await loadDemoCity(database.db, { ...SMALL, passwordHash, onProgress: (p) => progress.push(p) });
    rowByRow = await target.open();
    await loadDemoCity(rowByRow.db, { ...SMALL, passwordHash, bulkLoad: false, batchSize: 100 });
  });
  afterAll(async () => {
    await database?.close();
    await rowByRow?.close();
  });

  it('leaves nothing behind when a load fails, and restores the suspended keys and indexes', async () => {
    expect(failedLoad).toBeInstanceOf(Error);
    expect(Object.values(emptyAfterFailure)).toEqual(Object.values(emptyAfterFailure).map(() => 0));
    expect(await schema(database)).toEqual(schemaBefore);
  });

  it('writes what it generated and reports it', async () => {
    const city = generateDemoCity(SMALL);
    expect(summary).toMatchObject({
      orgUnits: 5,
      users: 1 + 4 + 24 + 60,
      retailers: 60,
      products: 20,
      orders: city.orders.count,
      orderLines: city.lines.count,
    });
    expect(summary.demoLogins.map((l) => l.role)).toEqual(['admin', 'supervisor', 'manager', 'retailer']);
    expect(summary.demoLogins[3]?.username).toMatch(/^41\d{10}$/u);
    const c = await counts(database);
    expect(c).toMatchObject({
      org_units: summary.orgUnits,
      users: summary.users,
      retailers: summary.retailers,
      products: summary.products,
      orders: summary.orders,
      order_lines: summary.orderLines,
      sales_weekly: summary.orderLines, // one line per retailer × product × week
      tier_history: summary.retailers,
    });
    expect(await schema(database)).toEqual(schemaBefore);
    const phases = new Set(progress.map((p) => p.phase));
    for (const phase of ['generate', 'retailers', 'products', 'order_lines', 'tiers']) expect(phases).toContain(phase);
    const lastLines = progress.filter((p) => p.phase === 'order_lines').at(-1);
    expect(lastLines).toEqual({ phase: 'order_lines', done: summary.orderLines, total: summary.orderLines });
  });

  it('writes the archive fields and the search pinyin of every retailer as generated', async () => {
    const city = generateDemoCity(SMALL);
    const rows = await query<Record<string, unknown>>(
      database,
      `select licence_no, business_scope, order_method, order_frequency, visit_batch, closed_weekdays, licence_type,
              to_char(licence_valid_from, 'YYYY-MM-DD') as licence_valid_from,
              to_char(licence_valid_to, 'YYYY-MM-DD') as licence_valid_to, credit_grade, is_model_shop,
              minors_notice_posted, near_school, other_contacts, best_visit_from, best_visit_to, notes, search_pinyin
       from retailers order by licence_no`,
    );
    const byLicence = new Map(rows.map((row) => [row.licence_no, row]));
    expect(rows).toHaveLength(city.retailers.length);
    for (const r of city.retailers) {
      const a = city.archive[r.index];
      expect(byLicence.get(r.licenceNo)).toEqual({
        licence_no: r.licenceNo,
        business_scope: a?.businessScope,
        order_method: a?.orderMethod,
        order_frequency: a?.orderFrequency,
        visit_batch: a?.visitBatch,
        closed_weekdays: a?.closedWeekdays,
        licence_type: a?.licenceType,
        licence_valid_from: a?.licenceValidFrom,
        licence_valid_to: a?.licenceValidTo,
        credit_grade: a?.creditGrade,
        is_model_shop: a?.isModelShop,
        minors_notice_posted: a?.minorsNoticePosted,
        near_school: a?.nearSchool,
        other_contacts: a?.otherContacts,
        best_visit_from: a?.bestVisitFrom,
        best_visit_to: a?.bestVisitTo,
        notes: a?.notes,
        search_pinyin: retailerSearchPinyin(r),
      });
    }
  });

  it('refuses to load into a database that has data, and changes nothing', async () => {
    const before = await counts(database);
    await expect(loadDemoCity(database.db, { ...SMALL, passwordHash })).rejects.toThrow(/empty database/u);
    expect(await counts(database)).toEqual(before);
  });

  it('keeps sales_weekly and retailer_weekly equal to the order lines (filled by the triggers)', async () => {
    const raw = await query(
      database,
      `select o.retailer_id as r, l.product_id as p, o.week_start::text as w, sum(l.quantity)::int as q,
              sum(l.quantity::bigint * l.unit_price_fen)::bigint as a
       from order_lines l join orders o on o.id = l.order_id group by 1, 2, 3 order by 1, 2, 3`,
    );
    const kept = await query(
      database,
      `select retailer_id as r, product_id as p, week_start::text as w, quantity as q, amount_fen as a
       from sales_weekly order by 1, 2, 3`,
    );
    expect(kept).toEqual(raw);
    const totals = await one<Record<string, number>>(
      database,
      `select (select sum(quantity) from order_lines)::bigint as lines_q,
              (select sum(quantity::bigint * unit_price_fen) from order_lines)::bigint as lines_a,
              (select sum(quantity) from sales_weekly)::bigint as sales_q,
              (select sum(amount_fen) from sales_weekly)::bigint as sales_a,
              (select sum(quantity) from retailer_weekly)::bigint as weekly_q,
              (select sum(amount_fen) from retailer_weekly)::bigint as weekly_a,
              (select sum(line_count) from retailer_weekly)::bigint as weekly_n,
              (select count(*) from order_lines)::bigint as lines_n`,
    );
    expect(totals.lines_q).toBeGreaterThan(0);
    expect([totals.sales_q, totals.weekly_q]).toEqual([totals.lines_q, totals.lines_q]);
    expect([totals.sales_a, totals.weekly_a]).toEqual([totals.lines_a, totals.lines_a]);
    expect(totals.weekly_n).toBe(totals.lines_n);
  });

  it('gives every retailer a tier in 1..30 with one tier_history row', async () => {
    const rows = await query<{ tier: number; history: number; h_tier: number; basis: string; week: string }>(
      database,
      `select r.tier, count(h.id)::int as history, min(h.tier) as h_tier, min(h.basis) as basis,
              min(h.effective_week)::text as week
       from retailers r left join tier_history h on h.retailer_id = r.id and h.district_id = r.district_id
       group by r.id, r.tier`,
    );
    expect(rows).toHaveLength(60);
    for (const row of rows) {
      expect(row.tier).toBeGreaterThanOrEqual(1);
      expect(row.tier).toBeLessThanOrEqual(30);
      expect(row).toMatchObject({ history: 1, h_tier: row.tier, basis: 'computed:orders-8w', week: '2026-11-23' });
    }
    expect(new Set(rows.map((r) => r.tier)).size).toBeGreaterThan(15);
  });

  it('creates demo accounts that sign in with the demo password, tied to their district and shop', async () => {
    const users = await query<{ role: string; is_demo: boolean; password_hash: string }>(
      database,
      'select role, is_demo, password_hash from users',
    );
    expect(users.every((u) => u.is_demo && u.password_hash === passwordHash)).toBe(true);
    expect(await verify(users[0]?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
    const misfits = await query(
      database,
      `select r.id from retailers r
       join users u on u.retailer_id = r.id
       join users m on m.id = r.manager_id
       where u.role <> 'retailer' or u.username <> r.licence_no or u.org_unit_id <> r.district_id
          or m.role <> 'manager' or m.org_unit_id <> r.district_id`,
    );
    expect(misfits).toEqual([]);
    const managersWithout = await query(
      database,
      `select m.username from users m where m.role = 'manager'
       and not exists (select 1 from retailers r where r.manager_id = m.id)`,
    );
    expect(managersWithout).toEqual([]);
    const company = await one<{ n: number }>(
      database,
      `select count(*)::int as n from org_units where kind = 'company' and name = '许昌市烟草公司' and division_code = '4110'`,
    );
    expect(company.n).toBe(1);
  });

  it("records orders as the retailer's own: delivered, by the retailer's account, at the wholesale price", async () => {
    const wrong = await one<{ orders: number; lines: number }>(
      database,
      `select (select count(*) from orders o join users u on u.id = o.created_by_user_id
               where o.status <> 'delivered' or u.retailer_id <> o.retailer_id or o.submitted_at is null
                  or extract(isodow from o.week_start) <> 1)::int as orders,
              (select count(*) from order_lines l join orders o on o.id = l.order_id
               join products p on p.id = l.product_id
               where l.origin <> 'retailer' or l.added_by_user_id <> o.created_by_user_id
                  or l.unit_price_fen <> p.wholesale_price_fen or l.quantity < 1)::int as lines`,
    );
    expect(wrong).toEqual({ orders: 0, lines: 0 });
  });

  it('gives the same data when loaded row by row with every key checked on the way', async () => {
    const digest = (db: Database) =>
      one(
        db,
        `select (select count(*) from order_lines)::int as n,
                (select sum(quantity) from sales_weekly)::int as q,
                (select sum(amount_fen) from retailer_weekly)::bigint as a,
                (select string_agg(licence_no || ':' || tier, ',' order by licence_no) from retailers) as tiers`,
      );
    expect(await digest(rowByRow)).toEqual(await digest(database));
    expect(await schema(rowByRow)).toEqual(schemaBefore);
  });
});
