import { and, eq, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/database';
import * as schema from '../../db/schema';
import { retailers } from '../../db/schema';
import { countKey, listCountCache, listVersion } from '../../lib/list-count-cache';
import { databaseTargets, makeDistrict, makeRetailer } from '../../testing';
import { type RetailerFilters, retailerListWhere } from './retailer-filter-sql';
import { findRetailersInScope } from './retailers.repository';

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

  it('keeps a search’s count as it was: counted every time, capped, never cached', async () => {
    const term = { q: '工厂商店' };
    const answer = await list(term);
    expect(answer.total).toBe(await truth(term));
    expect(cached(term)).toBeUndefined();
  });

  it('keeps one entry per scope and filters, and counts a page past the end alone', async () => {
    const where: SQL = and(scope(), eq(retailers.tier, 5)) as SQL;
    expect(countKey('retailers', where)).not.toBe(countKey('retailers', and(scope(), eq(retailers.tier, 6)) as SQL));
    const far = await list({ tier: 5 }, db, 100);
    expect(far.rows).toEqual([]);
    expect(far.total).toBe(await truth({ tier: 5 }));
  });
});
