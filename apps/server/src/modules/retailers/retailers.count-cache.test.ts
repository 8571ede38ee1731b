import { RETAILER_SEARCH_COUNT_CAP, type RetailerSort } from '@siyi/contracts';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/database';
import * as schema from '../../db/schema';
import { retailers } from '../../db/schema';
import { countKey, listCountCache, listVersion } from '../../lib/list-count-cache';
import { databaseTargets, makeDistrict, makeRetailer } from '../../testing';
import { type RetailerFilters, retailerListWhere, retailerOrder } from './retailer-filter-sql';
import { findRetailersInScope, SEARCH_READ_ALL_ROWS, SEARCH_WALK_ROWS, searchWalkMisses } from './retailers.repository';

const targets = await databaseTargets();
const TODAY = '2026-11-26';

describe.each(targets)('retailer list: the count cached by the retailers’ version on $kind', (target) => {
  let database: Database;
  let db: Db;
  let writerClient: pg.PoolClient;
  /** Writes from a connection of its own, as another request would. */
  let writer: Db;
  let districtId: number;
  let otherDistrictId: number;
  const scope = () => sql`${retailers.districtId} = ${districtId}`;

  beforeAll(async () => {
    database = await target.open();
    db = database.db;
    districtId = (await makeDistrict(db)).id;
    otherDistrictId = (await makeDistrict(db)).id;
    for (let i = 0; i < 30; i++) await makeRetailer(db, { districtId, tier: i % 3 === 0 ? 5 : 6 });
    writerClient = await database.pool.connect();
    writer = drizzle(writerClient, { schema });
  });
  afterAll(async () => {
    writerClient?.release();
    await database?.close();
  });

  const list = (filters: RetailerFilters, on: Db = db, page = 1) =>
    findRetailersInScope(on, scope(), filters, { sort: 'shopName', offset: (page - 1) * 5, limit: 5 }, TODAY);
  const truth = async (filters: RetailerFilters) => {
    const [row] = await writer
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(retailers)
      .where(retailerListWhere(scope(), filters, TODAY));
    return row?.n ?? 0;
  };
  const cached = (filters: RetailerFilters) =>
    listCountCache(db).get(countKey('retailers', retailerListWhere(scope(), filters, TODAY)));

  it('keeps every total exact while other connections insert, move and delete retailers', async () => {
    const filters: RetailerFilters[] = [{}, { tier: 5 }, { tier: 6 }, { status: 'suspended' }];
    const check = async (when: string) => {
      for (const f of filters) {
        const answer = await list(f);
        expect(answer.total, `${when} ${JSON.stringify(f)}`).toBe(await truth(f));
        // An empty first page has no row to carry the version: it is counted, and the cache left as it was.
        if (answer.total > 0) expect(cached(f)?.total, `${when} ${JSON.stringify(f)} cached`).toBe(answer.total);
        // A deep page carries the total too.
        expect((await list(f, db, 3)).total).toBe(answer.total);
      }
    };
    await check('at first');
    const versionBefore = cached({})?.version;
    await check('unchanged');
    expect(cached({})?.version, 'no write, same version').toBe(versionBefore);

    const added = await makeRetailer(writer, { districtId, tier: 5 });
    await check('after an insert');
    expect(cached({})?.version).not.toBe(versionBefore);
    // Out of scope and into it: the district is the scope.
    await makeRetailer(writer, { districtId: otherDistrictId, tier: 5 });
    await check('after an insert elsewhere');
    await writer.update(retailers).set({ tier: 6 }).where(eq(retailers.id, added.id));
    await check('after a tier change');
    await writer.update(retailers).set({ status: 'suspended' }).where(eq(retailers.id, added.id));
    await check('after a status change');
    await writer.update(retailers).set({ districtId: otherDistrictId }).where(eq(retailers.id, added.id));
    await check('after a move out of the district');
    await writer.update(retailers).set({ districtId }).where(eq(retailers.id, added.id));
    await check('after a move back');
    await writer.delete(retailers).where(eq(retailers.id, added.id));
    await check('after a delete');
  });

  it('never gives two contents one version: a reader inside a writing transaction gets none, a rollback leaves it', async () => {
    const versionIn = async (on: Db) => {
      const result = await on.execute<{ version: string | null }>(sql`select ${listVersion('retailers')} as "version"`);
      const version = result.rows[0]?.version;
      return version === null || version === undefined ? null : Number(version);
    };
    const committed = await versionIn(writer);
    expect(committed).not.toBeNull();
    let inside: number | null | undefined;
    const rollback = new Error('rollback');
    await expect(
      db.transaction(async (tx) => {
        const handle = tx as unknown as Db;
        await makeRetailer(handle, { districtId });
        inside = await versionIn(handle);
        // Inside the transaction its own rows and no version: counted, never taken from outside, never cached.
        expect((await list({}, handle)).total).toBe((await truth({})) + 1);
        expect(listCountCache(handle).size).toBe(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(inside).toBeNull();
    expect(await versionIn(writer)).toBe(committed);
    // Another writer commits a different change: a new version.
    const other = await makeRetailer(writer, { districtId, status: 'suspended' });
    const next = await versionIn(writer);
    expect(next).not.toBe(committed);
    expect((await list({})).total).toBe(await truth({}));
    expect((await list({ status: 'suspended' })).total).toBe(await truth({ status: 'suspended' }));
    await writer.delete(retailers).where(eq(retailers.id, other.id));
  });

  it('answers each total with the version it was counted at, while a writer commits concurrently', async () => {
    // The writer records the true count of the scope at each version it commits; every answer's (version, total)
    // must be one of those pairs, whether the total was counted or taken from the cache.
    const countAt = new Map<number, number>();
    // The version the writer's transaction will commit: the committed changes and its own (the only writer here).
    const version = async (on: Db) => {
      const result = await on.execute<{ version: string }>(
        sql`select coalesce(sum("weight"), 0) as "version" from "list_changes" where "table_name" = 'retailers'`,
      );
      return Number(result.rows[0]?.version);
    };
    countAt.set(await version(writer), await truth({}));
    let writing = true;
    const ids: number[] = [];
    const writes = (async () => {
      for (let i = 0; i < 40; i++) {
        await writer.transaction(async (tx) => {
          const t = tx as unknown as Db;
          if (i % 3 === 2 && ids.length > 0) {
            await t.delete(retailers).where(eq(retailers.id, ids.pop() as number));
          } else {
            ids.push((await makeRetailer(t, { districtId })).id);
          }
          const [row] = await t
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(retailers)
            .where(scope());
          countAt.set(await version(t), row?.n ?? 0);
        });
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      writing = false;
    })();
    let answers = 0;
    let hits = 0;
    let previous: number | undefined;
    while (writing) {
      const answer = await list({});
      const pair = cached({});
      expect(pair?.total).toBe(answer.total);
      if (pair === undefined) throw new Error('no cache entry');
      expect(countAt.has(pair.version), `version ${pair.version} committed by the writer`).toBe(true);
      expect(answer.total, `at version ${pair.version}`).toBe(countAt.get(pair.version));
      if (pair.version === previous) hits++;
      previous = pair.version;
      answers++;
    }
    await writes;
    expect(answers).toBeGreaterThan(10);
    expect(hits, 'some answers came from the cache').toBeGreaterThan(0);
    expect((await list({})).total).toBe(await truth({}));
  });

  it('does not run the count on a hit: its subplan is never executed', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    // A handle of its own (its own cache) that records the SQL it sends.
    const logged = drizzle(database.pool, {
      schema,
      logger: { logQuery: (query, params) => statements.push({ sql: query, params }) },
    }) as unknown as Db;
    const plan = async () => {
      const last = statements.at(-1);
      if (!last) throw new Error('no statement');
      const result = await database.pool.query(`explain (analyze, costs off, timing off) ${last.sql}`, last.params);
      return result.rows.map((row: Record<string, string>) => Object.values(row)[0]).join('\n');
    };
    const countLines = (text: string) => text.split('\n').filter((line) => /Aggregate/.test(line));
    await list({}, logged);
    const miss = countLines(await plan());
    expect(miss.length).toBeGreaterThan(0);
    expect(miss.join('\n')).not.toMatch(/never executed/);
    const hit = await list({}, logged);
    expect(hit.total).toBe(await truth({}));
    const hitCounts = countLines(await plan());
    expect(hitCounts.length).toBeGreaterThan(0);
    for (const line of hitCounts) expect(line).toMatch(/never executed/);
  });

  const searchCached = (filters: RetailerFilters) =>
    listCountCache(db, 'search').get(countKey('retailers', retailerListWhere(scope(), filters, TODAY)));

  it('keeps a search’s count in the searches’ own cache at its version, and counts again once the retailers change', async () => {
    const term = { q: '工厂商店' };
    const before = listCountCache(db).size;
    const answer = await list(term);
    expect(answer.total).toBe(Math.min(await truth(term), RETAILER_SEARCH_COUNT_CAP));
    expect(answer.total).toBeGreaterThan(0);
    expect(cached(term), 'not among the lists’ counts').toBeUndefined();
    expect(listCountCache(db).size).toBe(before);
    const pair = searchCached(term);
    expect(pair?.total).toBe(answer.total);
    expect((await list(term)).total).toBe(answer.total);
    expect(searchCached(term)?.version).toBe(pair?.version);

    const added = await makeRetailer(writer, { districtId });
    const after = await list(term);
    expect(after.total).toBe(answer.total + 1);
    expect(searchCached(term)?.version).not.toBe(pair?.version);
    await writer.delete(retailers).where(eq(retailers.id, added.id));
    expect((await list(term)).total).toBe(answer.total);
  });

  it('past the cap, answers a search from its cached count and remembered walk with the plain query’s rows, and counts exactly again when a delete brings it under the cap', async () => {
    // Committed rows (a transaction that wrote has no version, and caches nothing): a term spread along the shop
    // name order, whose walk fills its page, and one behind every other row, whose walk comes back short.
    const rows = (marker: string, count: number, tier: string) =>
      writer.execute(sql`insert into retailers (district_id, licence_no, shop_name, owner_name, phone, address,
          county_code, lat, lng, business_format, opens_at, closes_at, tier, status, manager_id, order_weekday)
        select ${districtId}, 'cache-' || ${marker} || '-' || n, ${marker} || '-' || lpad(n::text, 5, '0'),
          r.owner_name, r.phone, r.address, r.county_code, r.lat, r.lng, r.business_format, r.opens_at, r.closes_at,
          ${sql.raw(tier)}, r.status, r.manager_id, r.order_weekday
        from (select * from retailers order by id limit 1) r, generate_series(1, ${count}::int) n`);
    await rows('aaa-spread', SEARCH_WALK_ROWS + 100, '1 + n % 30');
    await rows('zzz-clustered', SEARCH_READ_ALL_ROWS + 1, '1');
    const plain = async (q: string, sort: RetailerSort) => {
      const result = await writer.execute(
        sql`select ${retailers.id} as "id" from ${retailers}
          where ${retailerListWhere(scope(), { q }, TODAY)} order by ${retailerOrder(sort).orderBy}`,
      );
      return result.rows.map((row) => Number(row.id));
    };
    const page = (q: string, sort: RetailerSort, after?: (string | number | null)[]) =>
      findRetailersInScope(db, scope(), { q }, { sort, after, offset: 0, limit: 20 }, TODAY);
    const misses = searchWalkMisses(db);
    try {
      for (const q of ['spread', 'clustered']) {
        for (const sort of ['shopName', 'tierDesc'] as const) {
          const expected = await plain(q, sort);
          const missesBefore = misses.size;
          // Counted, then twice from the cache (and, for a short walk, without walking): the same rows each time.
          for (let run = 0; run < 3; run++) {
            let after: (string | number | null)[] | undefined;
            for (let n = 0; n < 2; n++) {
              const got = await page(q, sort, after);
              expect(
                got.rows.map((r) => r.id),
                `${q} ${sort} run ${run} page ${n}`,
              ).toEqual(expected.slice(n * 20, n * 20 + 20));
              expect(got).toMatchObject({ total: RETAILER_SEARCH_COUNT_CAP, totalCapped: true });
              // A first search counts only to the cap shown; asked again, on to SEARCH_READ_ALL_ROWS.
              if (sort === 'shopName' && run === 0 && n === 0) {
                expect(searchCached({ q })).toMatchObject({
                  total: RETAILER_SEARCH_COUNT_CAP + 1,
                  stop: RETAILER_SEARCH_COUNT_CAP,
                });
              }
              after = got.nextKey ?? undefined;
            }
          }
          expect(searchCached({ q })).toMatchObject({ total: SEARCH_READ_ALL_ROWS + 1, stop: SEARCH_READ_ALL_ROWS });
          // The clustered term's first page in shop-name order sits behind every spread row: its walk came back
          // short, and is remembered; the spread term's walk fills.
          if (q === 'clustered' && sort === 'shopName') expect(misses.size).toBeGreaterThan(missesBefore);
          if (q === 'spread' && sort === 'shopName') expect(misses.size).toBe(missesBefore);
        }
      }
      // A delete moves the version: the cached count is not used. Down to SEARCH_READ_ALL_ROWS the matches are
      // read and sorted (no walk), still past the cap shown; down to the cap the total is exact.
      const keep = async (n: number) =>
        writer.execute(
          sql`delete from ${retailers} where ${retailers.licenceNo} like 'cache-zzz-clustered-%'
            and ${retailers.id} not in (select ${retailers.id} from ${retailers}
              where ${retailers.licenceNo} like 'cache-zzz-clustered-%' order by ${retailers.id} limit ${n})`,
        );
      for (const [left, capped] of [
        [SEARCH_READ_ALL_ROWS, true],
        [RETAILER_SEARCH_COUNT_CAP, false],
      ] as const) {
        await keep(left);
        for (const sort of ['shopName', 'tierDesc'] as const) {
          const got = await page('clustered', sort);
          expect(got, `${left} left`).toMatchObject({ total: RETAILER_SEARCH_COUNT_CAP, totalCapped: capped });
          expect(got.rows.map((r) => r.id)).toEqual((await plain('clustered', sort)).slice(0, 20));
        }
        expect(searchCached({ q: 'clustered' })?.total).toBe(left);
      }
    } finally {
      await writer.execute(sql`delete from ${retailers} where ${retailers.licenceNo} like 'cache-%'`);
    }
  });

  it('keeps one entry per scope and filters, and counts a page past the end alone', async () => {
    const where: SQL = and(scope(), eq(retailers.tier, 5)) as SQL;
    expect(countKey('retailers', where)).not.toBe(countKey('retailers', and(scope(), eq(retailers.tier, 6)) as SQL));
    const far = await list({ tier: 5 }, db, 100);
    expect(far.rows).toEqual([]);
    expect(far.total).toBe(await truth({ tier: 5 }));
  });
});
