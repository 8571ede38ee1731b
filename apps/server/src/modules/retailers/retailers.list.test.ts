import { RETAILER_SEARCH_COUNT_CAP } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database, Db } from '../../db/database';
import * as schema from '../../db/schema';
import {
  createTestApp,
  databaseTargets,
  FIXTURE_PASSWORD,
  type Fixture,
  getAs,
  type Session,
  seedFixture,
  signIn,
} from '../../testing';
import { findUsers } from '../users/users.repository';
import { retailerListWhere, retailerOrder } from './retailer-filter-sql';
import {
  findRetailersInScope,
  type RetailerFilters,
  SEARCH_READ_ALL_ROWS,
  SEARCH_WALK_ROWS,
} from './retailers.repository';

const targets = await databaseTargets();
const TODAY = '2026-11-26';

interface Listed {
  id: number;
  shopName: string;
}

/** The order the list promises, stated apart from the SQL: shop name (bytewise here: ASCII names), then id. */
function inListOrder(rows: readonly Listed[]): number[] {
  return [...rows]
    .sort((a, b) => (a.shopName < b.shopName ? -1 : a.shopName > b.shopName ? 1 : a.id - b.id))
    .map((r) => r.id);
}

describe.each(targets)('retailer list: search, paging and its indexes on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let fixture: Fixture;
  let admin: Session;

  beforeAll(async () => {
    database = await target.open();
    fixture = await seedFixture(database.db);
    app = await createTestApp(database);
    admin = await signIn(app, 'admin', FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const total = async (q: string) =>
    (await getAs(app, admin, `/api/retailers?q=${encodeURIComponent(q)}&pageSize=100`)).json<{ total: number }>().total;

  it('searches shop, owner, licence, phone and address, ignoring case', async () => {
    expect(await total('canary-MGRB1')).toBe(3);
    expect(await total('Canary-Unassigned')).toBe(1);
    expect(await total('无人管')).toBe(1);
    expect(await total('411002199999')).toBe(1);
    expect(await total('13900009999')).toBe(1);
    expect(await total('测试路99号')).toBe(1);
  });

  it('never matches a search across two fields', async () => {
    // The shop name ends "…-1" and the owner's name is 无人管; no field holds both.
    expect(await total('unassigned-1无人管')).toBe(0);
    expect(await total('unassigned-1 无人管')).toBe(0);
  });

  it('pages through every match in order (shop name, id), each page with the full total', async () => {
    const sessions: [string, number][] = [
      ['admin', 10],
      ['supA', 7],
      ['mgrA1', 3],
    ];
    for (const [username, expected] of sessions) {
      const session = username === 'admin' ? admin : await signIn(app, username, FIXTURE_PASSWORD);
      const seen: Listed[] = [];
      for (let page = 1; page <= 5; page++) {
        const body = (await getAs(app, session, `/api/retailers?pageSize=3&page=${page}`)).json<{
          total: number;
          items: Listed[];
        }>();
        expect(body.total, `${username} page ${page}`).toBe(expected);
        seen.push(...body.items);
      }
      expect(
        seen.map((r) => r.id),
        username,
      ).toEqual(inListOrder(seen));
      expect(new Set(seen.map((r) => r.id)).size, username).toBe(expected);
    }
    // A search's pages carry the search's total, past the end too.
    const far = (await getAs(app, admin, '/api/retailers?q=CANARY-mgrA&pageSize=2&page=9')).json();
    expect(far).toMatchObject({ items: [], total: 6 });
    expect(far).not.toHaveProperty('totalCapped');
  });

  it('counts a search up to RETAILER_SEARCH_COUNT_CAP matches and says when it stopped there', async () => {
    // Copies of a fixture retailer, one past the cap, made and dropped inside one transaction.
    const copies = async (tx: Db, count: number, marker: string) =>
      tx.execute(sql`insert into retailers (district_id, licence_no, shop_name, owner_name, phone, address, county_code,
          lat, lng, business_format, opens_at, closes_at, tier, status, manager_id, order_weekday)
        select r.district_id, 'cap-' || ${marker} || '-' || n, ${marker} || '-' || lpad(n::text, 5, '0'), r.owner_name,
          r.phone, r.address, r.county_code, r.lat, r.lng, r.business_format, r.opens_at, r.closes_at, r.tier,
          r.status, r.manager_id, r.order_weekday
        from (select * from retailers order by id limit 1) r, generate_series(1, ${count}::int) n`);
    const list = (tx: Db, q: string, page = 1) =>
      findRetailersInScope(tx, sql`true`, { q }, { sort: 'shopName', offset: (page - 1) * 20, limit: 20 }, TODAY);
    const rollback = new Error('rollback');
    const outcome = await database.db
      .transaction(async (tx) => {
        const db = tx as unknown as Db;
        await copies(db, RETAILER_SEARCH_COUNT_CAP, 'at-cap');
        await copies(db, RETAILER_SEARCH_COUNT_CAP + 1, 'past-cap');
        // Exactly the cap: an exact count. One more: the cap, marked as such; the pages go on past it.
        expect(await list(db, 'AT-CAP')).toMatchObject({ total: RETAILER_SEARCH_COUNT_CAP, totalCapped: false });
        const past = await list(db, 'past-cap');
        expect(past).toMatchObject({ total: RETAILER_SEARCH_COUNT_CAP, totalCapped: true });
        expect(past.rows[0]?.shopName).toBe('past-cap-00001');
        // The last page holds the one row past the cap.
        const last = await list(db, 'past-cap', Math.ceil((RETAILER_SEARCH_COUNT_CAP + 1) / 20));
        expect(last.rows.map((r) => r.shopName)).toEqual([
          `past-cap-${String(RETAILER_SEARCH_COUNT_CAP + 1).padStart(5, '0')}`,
        ]);
        // Both ways of answering a search — the page out of the counted matches (at the cap) and the page walked
        // along the order's index (past it) — go on from a cursor in another order too (the copies share a tier,
        // so tierDesc runs down the shop names).
        for (const [marker, count] of [
          ['at-cap', RETAILER_SEARCH_COUNT_CAP],
          ['past-cap', RETAILER_SEARCH_COUNT_CAP + 1],
        ] as const) {
          const byTier = (after?: (string | number | null)[]) =>
            findRetailersInScope(
              db,
              sql`true`,
              { q: marker },
              { sort: 'tierDesc', after, offset: 0, limit: 20 },
              TODAY,
            );
          const first = await byTier();
          const second = await byTier(first.nextKey ?? undefined);
          const name = (n: number) => `${marker}-${String(n).padStart(5, '0')}`;
          const expected = Array.from({ length: 40 }, (_, i) => name(count - i));
          expect(
            [...first.rows, ...second.rows].map((r) => r.shopName),
            marker,
          ).toEqual(expected);
          expect(second, marker).toMatchObject({
            total: RETAILER_SEARCH_COUNT_CAP,
            totalCapped: count > RETAILER_SEARCH_COUNT_CAP,
          });
        }
        // Without a search the count stays exact, however many.
        const all = await findRetailersInScope(db, sql`true`, {}, { sort: 'shopName', offset: 0, limit: 20 }, TODAY);
        expect(all).toMatchObject({ total: 10 + 2 * RETAILER_SEARCH_COUNT_CAP + 1, totalCapped: false });
        throw rollback;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(rollback);
  });

  it('past the cap, takes a search page from a walk along the order or, when its matches sit far along, from all of them — the rows of the plain ordered query either way', async () => {
    // Past the cap, a term spread along the order fills its page within the first SEARCH_WALK_ROWS rows walked; one
    // clustered behind them does not, and its page is sorted out of all its matches. Both must answer exactly what
    // the plain query (every match, in order) answers: the page, the total, the cursor, by cursor and by number.
    const rows = (tx: Db, marker: string, count: number, tier: string) =>
      tx.execute(sql`insert into retailers (district_id, licence_no, shop_name, owner_name, phone, address, county_code,
          lat, lng, business_format, opens_at, closes_at, tier, status, manager_id, order_weekday)
        select r.district_id, 'walk-' || ${marker} || '-' || n, ${marker} || '-' || lpad(n::text, 5, '0'), r.owner_name,
          r.phone, r.address, r.county_code, r.lat, r.lng, r.business_format, r.opens_at, r.closes_at,
          ${sql.raw(tier)}, r.status, r.manager_id, r.order_weekday
        from (select * from retailers order by id limit 1) r, generate_series(1, ${count}::int) n`);
    const rollback = new Error('rollback');
    const outcome = await database.db
      .transaction(async (tx) => {
        const db = tx as unknown as Db;
        // Spread: first in shop-name order, tiers all over. Clustered: after them all, and in the lowest tier.
        await rows(db, 'aaa-spread', SEARCH_WALK_ROWS + 100, '1 + n % 30');
        // Past SEARCH_READ_ALL_ROWS, or its matches would be read and sorted without a walk.
        await rows(db, 'zzz-clustered', SEARCH_READ_ALL_ROWS + 1, '1');
        const scope = sql`true`;
        const plain = async (q: string, sort: 'shopName' | 'tierDesc' | 'tierAsc' | 'licenceExpiry') => {
          const order = retailerOrder(sort);
          const result = await db.execute(
            sql`select ${schema.retailers.id} as "id" from ${schema.retailers}
              where ${retailerListWhere(scope, { q }, TODAY)} order by ${order.orderBy}`,
          );
          return result.rows.map((row) => Number(row.id));
        };
        // The setup holds what the test is about: in shop-name order the first rows walked hold a whole page of
        // the spread term and not one of the clustered term.
        const walkedFirst = (
          await db.execute(
            sql`select ${schema.retailers.shopName} as "name" from ${schema.retailers}
              order by ${retailerOrder('shopName').orderBy} limit ${SEARCH_WALK_ROWS}`,
          )
        ).rows.map((row) => String(row.name));
        expect(walkedFirst.filter((name) => name.includes('spread')).length).toBeGreaterThan(21);
        expect(walkedFirst.filter((name) => name.includes('clustered'))).toEqual([]);

        for (const q of ['spread', 'clustered']) {
          for (const sort of ['shopName', 'tierDesc', 'tierAsc', 'licenceExpiry'] as const) {
            const expected = await plain(q, sort);
            expect(expected.length, q).toBeGreaterThan(RETAILER_SEARCH_COUNT_CAP);
            let after: (string | number | null)[] | undefined;
            for (let page = 0; page < 3; page++) {
              const got = await findRetailersInScope(db, scope, { q }, { sort, after, offset: 0, limit: 20 }, TODAY);
              expect(
                got.rows.map((r) => r.id),
                `${q} ${sort} cursor page ${page}`,
              ).toEqual(expected.slice(page * 20, page * 20 + 20));
              expect(got).toMatchObject({ total: RETAILER_SEARCH_COUNT_CAP, totalCapped: true });
              after = got.nextKey ?? undefined;
            }
            for (const page of [2, 40]) {
              const got = await findRetailersInScope(
                db,
                scope,
                { q },
                { sort, offset: (page - 1) * 20, limit: 20 },
                TODAY,
              );
              expect(
                got.rows.map((r) => r.id),
                `${q} ${sort} page ${page}`,
              ).toEqual(expected.slice((page - 1) * 20, page * 20));
            }
          }
        }
        throw rollback;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(rollback);
  });

  interface PlanNode {
    'Node Type': string;
    'Parent Relationship'?: string;
    Plans?: PlanNode[];
  }
  /** The parts of a UNION ALL page (the members of its Append, not its CTEs), or the whole plan when it has none. */
  const branchesOf = (root: PlanNode): PlanNode[] => {
    const find = (node: PlanNode): PlanNode[] | null =>
      node['Node Type'] === 'Append'
        ? (node.Plans ?? []).filter((child) => child['Parent Relationship'] === 'Member')
        : (node.Plans ?? []).reduce<PlanNode[] | null>((found, child) => found ?? find(child), null);
    return find(root) ?? [root];
  };

  it('reads each list page in index order: no sort for the retailer and user lists, the filters on their own indexes', async () => {
    // The repositories' own SQL, captured as they send it, planned with sorting priced out: a Sort node left in
    // the plan means no index (migration 0003) holds the list's order.
    const captured: { sql: string; params: unknown[] }[] = [];
    const capturing = drizzle(database.pool, {
      schema,
      logger: { logQuery: (query, params) => captured.push({ sql: query, params }) },
    }) as unknown as Db;
    const managerId = fixture.users.mgrA1?.id ?? 0;
    const scopes = [sql`true`, sql`${schema.retailers.districtId} = ${fixture.districtB}`];
    scopes.push(sql`${schema.retailers.managerId} = ${managerId}`);
    for (const scope of scopes)
      await findRetailersInScope(capturing, scope, {}, { sort: 'shopName', offset: 0, limit: 20 }, TODAY);
    await findUsers(capturing, {}, { offset: 0, limit: 20 }, new Date());
    // The tier has no index of its own (migration 0010: a tier publish updates rows in place): its page still
    // walks the list's order, no sort.
    await findRetailersInScope(capturing, sql`true`, { tier: 2 }, { sort: 'shopName', offset: 0, limit: 20 }, TODAY);
    // The filters' own indexes (migrations 0004, 0016): the page (and its count, in the same statement) read the
    // filter's entries only.
    const filters: [RetailerFilters, string][] = [
      [{ status: 'suspended' }, 'retailers_status_shop_name_ix'],
      [{ format: 'kiosk' }, 'retailers_format_shop_name_ix'],
    ];
    for (const [filter] of filters)
      await findRetailersInScope(capturing, sql`true`, filter, { sort: 'shopName', offset: 0, limit: 20 }, TODAY);
    // One statement per first page: the page and its total together.
    const pages = captured.filter((q) => /order by/i.test(q.sql));
    expect(pages).toHaveLength(5 + filters.length);
    expect(captured).toHaveLength(pages.length);
    const filterQueries = captured.slice(-filters.length);

    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query('set local enable_sort = off');
      await client.query('set local enable_seqscan = off');
      for (const page of pages) {
        const plan = await client.query(`explain (format json) ${page.sql}`, page.params);
        // A retailer page has two branches (listPage): its few matches sorted in memory, by design — the branch
        // gated by `<= LIST_SORT_IN_MEMORY_ROWS` — or the walk of the order's index, which must not sort. The
        // user list has one. (The outer query only puts the page's own rows back in order.)
        const [explained] = (plan.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'];
        if (!explained) throw new Error(`no plan for ${page.sql}`);
        const root = explained.Plan;
        const walks = branchesOf(root).filter((branch) => !/"One-Time Filter":"[^"]*<=/.test(JSON.stringify(branch)));
        expect(walks, page.sql).toHaveLength(1);
        expect(JSON.stringify(walks[0]), page.sql).not.toMatch(/"Node Type":"Sort"/);
      }
      for (const [i, [, index]] of filters.entries()) {
        const query = filterQueries[i];
        if (!query) throw new Error(`filter ${i}: no statement captured`);
        const plan = await client.query(`explain ${query.sql}`, query.params);
        const text = plan.rows.map((row: Record<string, string>) => Object.values(row).join('')).join('\n');
        expect(text, query.sql).toContain(index);
        expect(text, query.sql).not.toMatch(/Seq Scan/);
      }
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
