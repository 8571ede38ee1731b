/**
 * Writes a generated demo city into an empty database, in one transaction: a half-loaded city never remains.
 *
 * Speed matters (the full city is loaded by the first `npm start`, before the server answers, and every round
 * trip to the database costs): rows go in as multi-row `INSERT … SELECT FROM unnest(arrays)`
 * in batches, with the arrays sent as one text parameter each, and the next batch is encoded while the
 * database works on the current one. Orders are written before their lines and with their final status, so
 * the rollup triggers on order_lines (migration 0001) fill sales_weekly and retailer_weekly; this loader never
 * writes the rollups itself.
 */
import { addWeeks, weekStartInstant } from '@siyi/algorithms';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { retailerSearchPinyin } from '../modules/retailers/retailer-pinyin';
import type { DemoArchiveFields } from './demo-city.archive';
import { loadDemoCampaigns } from './demo-city.campaigns';
import { demoConcernScenarios, loadDemoConcerns } from './demo-city.concerns';
import {
  type DemoCity,
  type DemoCityOptions,
  type DemoRetailer,
  generateDemoCity,
  type StaffRole,
} from './demo-city.generate';
import { loadDemoOrdering } from './demo-city.ordering';
import { loadDemoVisits } from './demo-city.visits';

/** The public password of every demo account (users.is_demo = true). */
export { DEMO_PASSWORD } from '../modules/auth/auth.service';

export interface DemoLoadProgress {
  phase: string;
  done: number;
  total: number;
}

export interface DemoCitySummary {
  orgUnits: number;
  users: number;
  retailers: number;
  products: number;
  orders: number;
  orderLines: number;
  demoLogins: { role: string; username: string }[];
}

export interface DemoLoadOptions {
  /** argon2id hash of DEMO_PASSWORD, computed once by the caller; stored in every demo account. */
  passwordHash: string;
  onProgress?: (progress: DemoLoadProgress) => void;
  /** Order lines per statement (with their orders); default 100,000. */
  batchSize?: number;
  /** The present the demo's concerns are dated back from (default: now, kept within the city's current week). */
  now?: Date;
  /**
   * Drop the foreign keys and secondary indexes of orders, order_lines and the rollup tables while loading and
   * re-create them (same names and definitions, every row checked) before commit, the way pg_restore loads
   * data; default true. Needs the rights of the tables' owner, which the app has since it runs the migrations.
   */
  bulkLoad?: boolean;
}

/**
 * The demo's now: `now`, kept inside the week after the city's last one (from its Monday 10:00 Shanghai), so the
 * concerns' ages read the same whenever in the week the city is loaded, and a city built for another week still
 * gets a present of its own.
 */
export function demoPresent(lastWeekStart: string, now: Date): Date {
  const monday = weekStartInstant(addWeeks(lastWeekStart, 1)).getTime();
  const earliest = monday + 10 * 3_600_000;
  const latest = monday + 7 * 86_400_000 - 3_600_000;
  return new Date(Math.min(Math.max(now.getTime(), earliest), latest));
}

/** Retailers per statement: small enough that encoding the next batch overlaps writing this one. */
const RETAILER_BATCH = 2000;

/** Generates the demo city for `options` and loads it (see loadGeneratedDemoCity). */
export async function loadDemoCity(db: Db, options: DemoCityOptions & DemoLoadOptions): Promise<DemoCitySummary> {
  options.onProgress?.({ phase: 'generate', done: 0, total: 1 });
  const city = generateDemoCity(options);
  options.onProgress?.({ phase: 'generate', done: 1, total: 1 });
  return loadGeneratedDemoCity(db, city, options);
}

/**
 * Loads an already generated city. The database must hold no org units, users, retailers or products: the demo
 * city is a whole, not something to merge into real data.
 */
export async function loadGeneratedDemoCity(
  db: Db,
  city: DemoCity,
  options: DemoLoadOptions,
): Promise<DemoCitySummary> {
  const progress = options.onProgress ?? (() => {});
  const batchSize = options.batchSize ?? 100_000;
  const { passwordHash } = options;

  await db.transaction(async (tx) => {
    // The loader's own limit: batches of tens of thousands of rows may outlast the web requests' statement
    // timeout (15 s) on a slow machine. The extra memory lets the rollup trigger's join and grouping run without
    // spilling to disk.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`set local work_mem = '64MB'`);

    const existing = await tx.execute<{ n: number }>(sql`
      select (select count(*) from org_units) + (select count(*) from users)
           + (select count(*) from retailers) + (select count(*) from products) as n`);
    if (Number(existing.rows[0]?.n ?? 0) > 0) {
      throw new Error(
        'the demo city can only be loaded into an empty database (org units, users, retailers or products exist)',
      );
    }

    // Org units -------------------------------------------------------------------------------------------
    progress({ phase: 'org_units', done: 0, total: 1 + city.districts.length });
    const company = await tx.execute<{ id: number }>(sql`
      insert into org_units (parent_id, kind, code, name, division_code)
      values (null, 'company', ${city.company.code}, ${city.company.name}, ${city.company.divisionCode})
      returning id`);
    const companyId = Number(company.rows[0]?.id);
    const districtRows = await tx.execute<{ id: number; code: string }>(sql`
      insert into org_units (parent_id, kind, code, name, division_code)
      select ${companyId}::int, 'district', code, name, division_code
      from unnest(${textArray(city.districts.map((d) => d.code))}::text[],
                  ${textArray(city.districts.map((d) => d.name))}::text[],
                  ${textArray(city.districts.map((d) => d.divisionCode))}::text[]) as u(code, name, division_code)
      returning id, code`);
    const orgIdByCode = new Map<string, number>([[city.company.code, companyId]]);
    for (const row of districtRows.rows) orgIdByCode.set(row.code, Number(row.id));
    const orgId = (code: string): number => {
      const id = orgIdByCode.get(code);
      if (id === undefined) throw new Error(`unknown org unit ${code}`);
      return id;
    };
    progress({ phase: 'org_units', done: 1 + city.districts.length, total: 1 + city.districts.length });

    // Staff -----------------------------------------------------------------------------------------------
    progress({ phase: 'users', done: 0, total: city.staff.length });
    const staffRows = await tx.execute<{ id: number; username: string }>(sql`
      insert into users (username, display_name, role, org_unit_id, phone, password_hash, is_demo)
      select username, display_name, role, org_unit_id, phone, ${passwordHash}::text, true
      from unnest(${textArray(city.staff.map((s) => s.username))}::text[],
                  ${textArray(city.staff.map((s) => s.displayName))}::text[],
                  ${textArray(city.staff.map((s): StaffRole => s.role))}::text[],
                  ${intArray(city.staff.map((s) => orgId(s.orgCode)))}::int[],
                  ${textArray(city.staff.map((s) => s.phone))}::text[])
           as u(username, display_name, role, org_unit_id, phone)
      returning id, username`);
    const staffId = new Map(staffRows.rows.map((r) => [r.username, Number(r.id)]));
    progress({ phase: 'users', done: city.staff.length, total: city.staff.length });

    // Retailers and their accounts ------------------------------------------------------------------------
    const retailerDbId = new Int32Array(city.retailers.length);
    const retailerUserId = new Int32Array(city.retailers.length);
    const retailerDistrictId = new Int32Array(city.retailers.length);
    for (const r of city.retailers) retailerDistrictId[r.index] = orgId(r.districtCode);
    progress({ phase: 'retailers', done: 0, total: city.retailers.length });
    // Retailers go in batches, and the next batch is encoded — its search_pinyin above all, pinyin-pro's
    // conversion being most of the encoding's cost — while the database writes the current one.
    const encodeRetailers = (start: number) => {
      const batch = city.retailers.slice(start, start + RETAILER_BATCH);
      const col = <T>(f: (r: DemoRetailer) => T) => batch.map(f);
      const arc = <T>(f: (a: DemoArchiveFields) => T) =>
        batch.map((r) => f(city.archive[r.index] as DemoArchiveFields));
      return {
        batch,
        query: sql`
        insert into retailers (district_id, licence_no, shop_name, owner_name, phone, address, county_code, town_code,
                               lat, lng, business_format, opens_at, closes_at, tier, status, manager_id, order_weekday,
                               business_scope, order_method, order_frequency, visit_batch, closed_weekdays,
                               licence_type, licence_valid_from, licence_valid_to, credit_grade, is_model_shop,
                               minors_notice_posted, near_school, other_contacts, best_visit_from, best_visit_to,
                               notes, search_pinyin)
        select d, l, sn, o, ph, a, cc, tc, lat, lng, f, oa, ca, t, st, m, ow,
               bs, om, ofr, vb, cw::smallint[], lt, lvf, lvt, cg, ms, mn, ns, oc::jsonb, bvf, bvt, n, sp
        from unnest(
          ${intArray(col((r) => retailerDistrictId[r.index] as number))}::int[],
          ${textArray(col((r) => r.licenceNo))}::text[],
          ${textArray(col((r) => r.shopName))}::text[],
          ${textArray(col((r) => r.ownerName))}::text[],
          ${textArray(col((r) => r.phone))}::text[],
          ${textArray(col((r) => r.address))}::text[],
          ${textArray(col((r) => r.countyCode))}::text[],
          ${textArray(col((r) => r.townCode))}::text[],
          ${floatArray(col((r) => r.lat))}::float8[],
          ${floatArray(col((r) => r.lng))}::float8[],
          ${textArray(col((r) => r.businessFormat))}::text[],
          ${intArray(col((r) => r.opensAt))}::smallint[],
          ${intArray(col((r) => r.closesAt))}::smallint[],
          ${intArray(col((r) => r.tier))}::smallint[],
          ${textArray(col((r) => r.status))}::text[],
          ${intArray(col((r) => requireId(staffId, r.managerUsername)))}::int[],
          ${intArray(col((r) => r.orderWeekday))}::smallint[],
          ${textArray(arc((a) => a.businessScope))}::text[],
          ${textArray(arc((a) => a.orderMethod))}::text[],
          ${textArray(arc((a) => a.orderFrequency))}::text[],
          ${nullableIntArray(arc((a) => a.visitBatch))}::smallint[],
          ${textArray(arc((a) => intArray(a.closedWeekdays)))}::text[],
          ${textArray(arc((a) => a.licenceType))}::text[],
          ${textArray(arc((a) => a.licenceValidFrom))}::date[],
          ${textArray(arc((a) => a.licenceValidTo))}::date[],
          ${textArray(arc((a) => a.creditGrade))}::text[],
          ${boolArray(arc((a) => a.isModelShop))}::boolean[],
          ${boolArray(arc((a) => a.minorsNoticePosted))}::boolean[],
          ${boolArray(arc((a) => a.nearSchool))}::boolean[],
          ${textArray(arc((a) => JSON.stringify(a.otherContacts)))}::text[],
          ${nullableIntArray(arc((a) => a.bestVisitFrom))}::smallint[],
          ${nullableIntArray(arc((a) => a.bestVisitTo))}::smallint[],
          ${textArray(arc((a) => a.notes))}::text[],
          ${textArray(col((r) => retailerSearchPinyin(r)))}::text[])
          as u(d, l, sn, o, ph, a, cc, tc, lat, lng, f, oa, ca, t, st, m, ow,
               bs, om, ofr, vb, cw, lt, lvf, lvt, cg, ms, mn, ns, oc, bvf, bvt, n, sp)
        returning id, licence_no`,
      };
    };
    let next = city.retailers.length > 0 ? encodeRetailers(0) : undefined;
    for (let start = 0; next; start += RETAILER_BATCH) {
      const { batch, query } = next;
      const inserted = tx.execute<{ id: number; licence_no: string }>(query);
      // Let the driver send the statement before this process gets busy encoding the next batch.
      await new Promise((resolve) => setImmediate(resolve));
      next = start + RETAILER_BATCH < city.retailers.length ? encodeRetailers(start + RETAILER_BATCH) : undefined;
      const rows = await inserted;
      const col = <T>(f: (r: DemoRetailer) => T) => batch.map(f);
      const idByLicence = new Map(rows.rows.map((row) => [row.licence_no, Number(row.id)]));
      for (const r of batch) retailerDbId[r.index] = requireId(idByLicence, r.licenceNo);

      const users = await tx.execute<{ id: number; username: string }>(sql`
        insert into users (username, display_name, role, org_unit_id, retailer_id, phone, password_hash, is_demo)
        select username, display_name, 'retailer', org_unit_id, retailer_id, phone, ${passwordHash}::text, true
        from unnest(${textArray(col((r) => r.licenceNo))}::text[],
                    ${textArray(col((r) => r.ownerName))}::text[],
                    ${intArray(col((r) => retailerDistrictId[r.index] as number))}::int[],
                    ${intArray(col((r) => retailerDbId[r.index] as number))}::int[],
                    ${textArray(col((r) => r.phone))}::text[])
             as u(username, display_name, org_unit_id, retailer_id, phone)
        returning id, username`);
      const userByLicence = new Map(users.rows.map((row) => [row.username, Number(row.id)]));
      for (const r of batch) retailerUserId[r.index] = requireId(userByLicence, r.licenceNo);
      progress({ phase: 'retailers', done: start + batch.length, total: city.retailers.length });
    }

    // Products --------------------------------------------------------------------------------------------
    progress({ phase: 'products', done: 0, total: city.products.length });
    const p = city.products;
    const productRows = await tx.execute<{ id: number; code: string }>(sql`
      insert into products (code, brand, name, spec, manufacturer, format, packs_per_carton, wholesale_price_fen,
                            retail_price_fen, price_class, is_new, is_scarce)
      select * from unnest(
        ${textArray(p.map((x) => x.code))}::text[],
        ${textArray(p.map((x) => x.brand))}::text[],
        ${textArray(p.map((x) => x.name))}::text[],
        ${textArray(p.map((x) => x.spec))}::text[],
        ${textArray(p.map((x) => x.manufacturer))}::text[],
        ${textArray(p.map((x) => x.format))}::text[],
        ${intArray(p.map((x) => x.packsPerCarton))}::smallint[],
        ${intArray(p.map((x) => x.wholesalePriceFen))}::int[],
        ${intArray(p.map((x) => x.retailPriceFen))}::int[],
        ${intArray(p.map((x) => x.priceClass))}::smallint[],
        ${boolArray(p.map((x) => x.isNew))}::boolean[],
        ${boolArray(p.map((x) => x.isScarce))}::boolean[])
      returning id, code`);
    const productIdByCode = new Map(productRows.rows.map((row) => [row.code, Number(row.id)]));
    const productDbId = Int32Array.from(p.map((x) => requireId(productIdByCode, x.code)));
    const productPrice = Int32Array.from(p.map((x) => x.wholesalePriceFen));
    progress({ phase: 'products', done: p.length, total: p.length });

    // Orders and their lines ------------------------------------------------------------------------------
    // Row-by-row foreign-key checks and index maintenance would cost most of the load (an index probe and a
    // row lock per key, several B-tree insertions per row); see suspendForeignKeysAndIndexes.
    const restore = options.bulkLoad === false ? undefined : await suspendForeignKeysAndIndexes(tx);
    const { orders, lines } = city;
    const weeksLiteral = textArray(city.weekStarts);
    // One statement per chunk of orders: the orders go in through a data-modifying CTE and their lines join
    // it on the order's natural key (retailer, week), so no ids travel back to this process. The rollup
    // triggers run at the end of each statement and see both.
    const encodeChunk = (first: number, last: number) => {
      const oRetailer: number[] = [];
      const oDistrict: number[] = [];
      const oWeek: number[] = [];
      const oSubmitted: number[] = [];
      const oUser: number[] = [];
      const lRetailer: number[] = [];
      const lWeek: number[] = [];
      const lProduct: number[] = [];
      const lPrice: number[] = [];
      const lUser: number[] = [];
      for (let o = first; o < last; o++) {
        const r = orders.retailer[o] as number;
        const retailerId = retailerDbId[r] as number;
        const userId = retailerUserId[r] as number;
        const week = (orders.week[o] as number) + 1;
        oRetailer.push(retailerId);
        oDistrict.push(retailerDistrictId[r] as number);
        oWeek.push(week);
        oSubmitted.push((orders.submittedAt[o] as number) / 1000);
        oUser.push(userId);
        for (let l = orders.firstLine[o] as number; l < (orders.firstLine[o + 1] as number); l++) {
          const prod = lines.product[l] as number;
          lRetailer.push(retailerId);
          lWeek.push(week);
          lProduct.push(productDbId[prod] as number);
          lPrice.push(productPrice[prod] as number);
          lUser.push(userId);
        }
      }
      const firstLine = orders.firstLine[first] as number;
      const lastLine = orders.firstLine[last] as number;
      return {
        lines: lastLine,
        expected: lastLine - firstLine,
        query: sql`
          with weeks as (select ${weeksLiteral}::date[] as w),
          new_orders as (
            insert into orders (retailer_id, district_id, week_start, status, submitted_at, created_by_user_id)
            select u.r, u.d, weeks.w[u.wk], 'delivered', to_timestamp(u.s), u.c
            from weeks, unnest(${intArray(oRetailer)}::int[], ${intArray(oDistrict)}::int[], ${intArray(oWeek)}::int[],
                               ${floatArray(oSubmitted)}::float8[], ${intArray(oUser)}::int[]) as u(r, d, wk, s, c)
            returning id, retailer_id, week_start
          )
          insert into order_lines (order_id, product_id, quantity, unit_price_fen, origin, added_by_user_id)
          select o.id, x.p, x.q, x.u, 'retailer', x.a
          from weeks cross join unnest(${intArray(lRetailer)}::int[], ${intArray(lWeek)}::int[], ${intArray(lProduct)}::int[],
                             ${intArray(lines.quantity.subarray(firstLine, lastLine))}::int[], ${intArray(lPrice)}::int[],
                             ${intArray(lUser)}::int[]) as x(r, wk, p, q, u, a)
          join new_orders o on o.retailer_id = x.r and o.week_start = weeks.w[x.wk]`,
      };
    };
    // Chunks end on order boundaries, about `batchSize` lines each.
    const cuts: number[] = [0];
    for (let o = 1, limit = batchSize; o < orders.count; o++) {
      if ((orders.firstLine[o] as number) >= limit) {
        cuts.push(o);
        limit = (orders.firstLine[o] as number) + batchSize;
      }
    }
    if (orders.count > 0) cuts.push(orders.count);
    // One phase for both: each statement writes orders and their lines; progress counts lines.
    progress({ phase: 'order_lines', done: 0, total: lines.count });
    const run = async (chunk: ReturnType<typeof encodeChunk>) => {
      const result = await tx.execute(chunk.query);
      // Every line must have found its order in the same statement.
      if (result.rowCount !== chunk.expected) {
        throw new Error(`expected ${chunk.expected} order lines in a statement, wrote ${result.rowCount}`);
      }
      progress({ phase: 'order_lines', done: chunk.lines, total: lines.count });
    };
    let pending: Promise<void> = Promise.resolve();
    for (let c = 0; c + 1 < cuts.length; c++) {
      // Encode the next chunk while the database is still busy with the previous one.
      const chunk = encodeChunk(cuts[c] as number, cuts[c + 1] as number);
      await pending;
      pending = run(chunk);
    }
    await pending;
    if (restore) {
      progress({ phase: 'indexes', done: 0, total: 1 });
      await restore();
      progress({ phase: 'indexes', done: 1, total: 1 });
    }

    // Tiers -----------------------------------------------------------------------------------------------
    const tiers = city.tiers.assignments;
    progress({ phase: 'tiers', done: 0, total: tiers.length });
    await tx.execute(sql`
      insert into tier_history (retailer_id, district_id, tier, previous_tier, effective_week, basis)
      select r, d, t, null, ${city.tiers.effectiveWeek}::date, ${city.tiers.basis}::text
      from unnest(${intArray(tiers.map((a) => retailerDbId[a.retailerId] as number))}::int[],
                  ${intArray(tiers.map((a) => retailerDistrictId[a.retailerId] as number))}::int[],
                  ${intArray(tiers.map((a) => a.tier))}::smallint[]) as u(r, d, t)`);
    progress({ phase: 'tiers', done: tiers.length, total: tiers.length });

    // Concerns (诉求): a small set in every state on manager1's shops, the sample retailer first -----------
    progress({ phase: 'concerns', done: 0, total: demoConcernScenarios.length });
    const concernShops = city.retailers
      .filter((r) => r.managerUsername === 'manager1' && r.status === 'active')
      .sort(
        (a, b) =>
          Number(b.licenceNo === city.sampleRetailerLicence) - Number(a.licenceNo === city.sampleRetailerLicence),
      )
      .slice(0, 6)
      .map((r) => ({
        retailerId: retailerDbId[r.index] as number,
        districtId: retailerDistrictId[r.index] as number,
        managerId: staffId.get(r.managerUsername) ?? null,
        userId: retailerUserId[r.index] as number,
      }));
    const supervisorByDistrict = new Map<number, number>();
    for (const s of city.staff) {
      const id = staffId.get(s.username);
      if (s.role === 'supervisor' && id !== undefined && !supervisorByDistrict.has(orgId(s.orgCode))) {
        supervisorByDistrict.set(orgId(s.orgCode), id);
      }
    }
    const concernCount = await loadDemoConcerns(
      tx,
      concernShops,
      (districtId) => supervisorByDistrict.get(districtId) ?? null,
      demoPresent(city.options.lastWeekStart, options.now ?? new Date()),
    );
    progress({ phase: 'concerns', done: concernCount, total: demoConcernScenarios.length });

    // Visits (拜访): 9 weeks of every manager's history and the current week planned, with ratings and flags ------
    progress({ phase: 'visits', done: 0, total: 1 });
    await loadDemoVisits(tx, {
      seed: city.options.seed,
      shops: city.retailers
        .filter((r) => staffId.has(r.managerUsername))
        .sort(
          (a, b) =>
            Number(b.licenceNo === city.sampleRetailerLicence) - Number(a.licenceNo === city.sampleRetailerLicence),
        )
        .map((r) => ({
          retailerId: retailerDbId[r.index] as number,
          districtId: retailerDistrictId[r.index] as number,
          managerId: staffId.get(r.managerUsername) as number,
          userId: retailerUserId[r.index] ?? null,
          lat: r.lat,
          lng: r.lng,
          tier: r.tier,
          closedWeekdays: city.archive[r.index]?.closedWeekdays ?? [],
          active: r.status === 'active',
          isManager1: r.managerUsername === 'manager1',
        })),
      supervisorOf: (districtId) => supervisorByDistrict.get(districtId) ?? null,
      present: demoPresent(city.options.lastWeekStart, options.now ?? new Date()),
    });
    progress({ phase: 'visits', done: 1, total: 1 });

    // Ordering (issue 11): this week's supply strategy published in every district, windows open to the week's end -
    await loadDemoOrdering(tx, demoPresent(city.options.lastWeekStart, options.now ?? new Date()));

    // New-product promotion (issue 12): a running campaign on manager1's district, its funnel proven by records --
    await loadDemoCampaigns(tx, demoPresent(city.options.lastWeekStart, options.now ?? new Date()), {
      sampleLicence: city.sampleRetailerLicence,
    });

    // Autovacuum would analyze these tables only some time after the commit: until then the planner would guess
    // at empty tables for the app's first queries.
    progress({ phase: 'analyze', done: 0, total: 1 });
    await tx.execute(sql`analyze org_units, users, retailers, products, orders, order_lines, sales_weekly,
                                 retailer_weekly, tier_history, visits, visit_ratings, visit_flags`);
    progress({ phase: 'analyze', done: 1, total: 1 });
  });

  const manager = city.staff.find((s) => s.role === 'manager');
  const supervisor = city.staff.find((s) => s.role === 'supervisor');
  return {
    orgUnits: 1 + city.districts.length,
    users: city.staff.length + city.retailers.length,
    retailers: city.retailers.length,
    products: city.products.length,
    orders: city.orders.count,
    orderLines: city.lines.count,
    demoLogins: [
      { role: 'admin', username: 'admin' },
      ...(supervisor ? [{ role: 'supervisor', username: supervisor.username }] : []),
      ...(manager ? [{ role: 'manager', username: manager.username }] : []),
      { role: 'retailer', username: city.sampleRetailerLicence },
    ],
  };
}

/**
 * Bulk-load mode, the way pg_restore loads data: drops the foreign keys that orders and order_lines hold and the
 * secondary indexes of orders, order_lines and the two rollup tables, inside the caller's transaction, and
 * returns a function that re-creates them from their own catalogue definitions (so a schema change cannot go
 * stale here). Re-creating checks every row at once (foreign keys by one join, unique indexes while building),
 * which costs far less than checking and indexing row by row. The rollup tables keep their unique indexes: the
 * triggers' ON CONFLICT needs them.
 */
async function suspendForeignKeysAndIndexes(tx: Db): Promise<() => Promise<void>> {
  const foreignKeys = await tx.execute<{ table_name: string; constraint_name: string; definition: string }>(sql`
    select conrelid::regclass::text as table_name, quote_ident(conname) as constraint_name,
           pg_get_constraintdef(oid) as definition
    from pg_constraint
    where contype = 'f' and conrelid in ('orders'::regclass, 'order_lines'::regclass)
    order by 1, 2`);
  const indexes = await tx.execute<{ index_name: string; definition: string }>(sql`
    select i.indexrelid::regclass::text as index_name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid in ('orders'::regclass, 'order_lines'::regclass, 'sales_weekly'::regclass,
                         'retailer_weekly'::regclass)
      and not i.indisprimary
      and not (i.indisunique and i.indrelid in ('sales_weekly'::regclass, 'retailer_weekly'::regclass))
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 1`);
  for (const fk of foreignKeys.rows) {
    await tx.execute(sql.raw(`alter table ${fk.table_name} drop constraint ${fk.constraint_name}`));
  }
  for (const ix of indexes.rows) await tx.execute(sql.raw(`drop index ${ix.index_name}`));
  return async () => {
    // Index builds sort in memory rather than in temporary files.
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const ix of indexes.rows) await tx.execute(sql.raw(ix.definition));
    for (const fk of foreignKeys.rows) {
      await tx.execute(sql.raw(`alter table ${fk.table_name} add constraint ${fk.constraint_name} ${fk.definition}`));
    }
  };
}

function requireId(map: ReadonlyMap<string, number>, key: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`no id for ${key}`);
  return id;
}

// PostgreSQL array literals, built here rather than by the driver so that the encoding of the next batch can
// overlap the database's work on the current one, and so that a JavaScript array never turns into one bind
// parameter per element (drizzle's sql template expands arrays into parameter lists).

function intArray(values: ArrayLike<number>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer: ${v}`);
    out += i === 0 ? String(v) : `,${v}`;
  }
  return `${out}}`;
}

function nullableIntArray(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : intArray([v]).slice(1, -1))).join(',')}}`;
}

function floatArray(values: ArrayLike<number>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    out += i === 0 ? String(v) : `,${v}`;
  }
  return `${out}}`;
}

function boolArray(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
}

function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/gu, (c) => `\\${c}`)}"`).join(',')}}`;
}
