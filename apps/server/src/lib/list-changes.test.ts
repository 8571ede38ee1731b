import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../db/database';
import * as schema from '../db/schema';
import type { JobQueue } from '../jobs/job-queue';
import { findRetailersInScope } from '../modules/retailers/retailers.repository';
import { findUsers } from '../modules/users/users.repository';
import { databaseTargets, makeDistrict, makeRetailer, makeUser } from '../testing';
import {
  compactListChanges,
  LIST_CHANGE_COMPACTION_CRON,
  LIST_CHANGE_COMPACTION_JOB,
  registerListChangeCompaction,
} from './list-change-compaction';
import { listVersion } from './list-count-cache';

const targets = await databaseTargets();

/**
 * The lists' versions (migration 0022): writers append to list_changes and never wait on one another for it; the
 * version is the sum a snapshot sees, exact under concurrent writers and compactions.
 */
describe.each(targets)('list_changes: lock-free, exact list versions on $kind', (target) => {
  let database: Database;
  let db: Db;
  let districtId: number;
  let ids: number[];

  beforeAll(async () => {
    database = await target.open();
    db = database.db;
    districtId = (await makeDistrict(db)).id;
    ids = [];
    for (let i = 0; i < 20; i++) ids.push((await makeRetailer(db, { districtId })).id);
  });
  afterAll(async () => {
    await database?.close();
  });

  /** A connection of its own that fails fast instead of hanging if a write ever queues on a shared row again. */
  const connect = async (): Promise<pg.PoolClient> => {
    const client = await database.pool.connect();
    await client.query(`set lock_timeout = '1s'`);
    await client.query(`set statement_timeout = '10s'`);
    return client;
  };
  const release = async (client: pg.PoolClient) => {
    await client.query('rollback').catch(() => {});
    await client.query('reset lock_timeout');
    await client.query('reset statement_timeout');
    client.release();
  };
  const version = async (table: 'retailers' | 'users' = 'retailers', on: Db = db) => {
    const result = await on.execute<{ v: string }>(sql`select ${listVersion(table)} as "v"`);
    return Number(result.rows[0]?.v);
  };
  const logRows = async (table: string) => {
    const result = await db.execute<{ n: string }>(
      sql`select count(*) as "n" from "list_changes" where "table_name" = ${table}`,
    );
    return Number(result.rows[0]?.n);
  };

  it('lets a writer that locked retailers FOR UPDATE update them while another transaction writes retailers', async () => {
    const [first, second] = ids as [number, number];
    const locker = await connect();
    const importer = await connect();
    try {
      // A reassignment: locks its retailers (territory.repository lockRetailers), then updates them.
      await locker.query('begin');
      await locker.query('select id from retailers where id = $1 for update', [first]);
      // An import: writes retailers first, then locks the ones it updates (retailer-import findRetailersByLicence).
      await importer.query('begin');
      await importer.query('update retailers set phone = $1 where id = $2', ['13700009991', second]);
      // 0021: this waited for the import's version row, while the import waited below for this retailer: deadlock.
      await locker.query('update retailers set phone = $1 where id = $2', ['13700009992', first]);
      const importerLock = importer.query('select id from retailers where id = $1 for update', [first]);
      await locker.query('commit');
      await importerLock;
      await importer.query('update retailers set tier = 5 where id = $1', [first]);
      await importer.query('commit');
    } finally {
      await release(locker);
      await release(importer);
    }
    const rows = await db.execute<{ id: number; phone: string; tier: number }>(
      sql`select id, phone, tier from retailers where id in (${first}, ${second}) order by id`,
    );
    expect(rows.rows).toEqual([
      { id: first, phone: '13700009992', tier: 5 },
      { id: second, phone: '13700009991', tier: 10 },
    ]);
  });

  it('never makes a writer of another retailer wait for an open transaction that wrote retailers', async () => {
    const [, , a, b] = ids as [number, number, number, number];
    const open = await connect();
    const other = await connect();
    try {
      const before = await version();
      await open.query('begin');
      await open.query('update retailers set phone = $1 where id = $2', ['13700009993', a]);
      await open.query('update retailers set tier = tier where id = $1', [a]);
      // lock_timeout 1 s: each of these would fail if it queued on the open transaction.
      await other.query('update retailers set phone = $1 where id = $2', ['13700009994', b]);
      await other.query('begin');
      await other.query('update retailers set tier = 6 where id = $1', [b]);
      await other.query('delete from retailers where id = -1');
      await other.query('commit');
      // Its own writes are not yet visible to others: the version moved by the other's committed statements only.
      expect(await version()).toBe(before + 3);
      await open.query('commit');
      expect(await version()).toBe(before + 5);
    } finally {
      await release(open);
      await release(other);
    }
  });

  it('compacts without changing the sum, also with two compactions at once (one commits, one rolls back)', async () => {
    for (let i = 0; i < 5; i++) await db.execute(sql`update retailers set tier = tier where id = ${ids[0]}`);
    const before = { retailers: await version('retailers'), users: await version('users') };
    expect(await logRows('retailers')).toBeGreaterThan(1);

    const one = await connect();
    const two = await connect();
    try {
      // Both take the same rows: the second waits for the first, then skips every row it deleted.
      await one.query('begin');
      const removedByOne = await compactListChanges(drizzle(one, { schema }) as unknown as Db);
      expect(removedByOne).toBeGreaterThan(1);
      const second = compactListChanges(drizzle(two, { schema }) as unknown as Db);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await version('retailers')).toBe(before.retailers); // the first's work is not yet committed
      await one.query('commit');
      expect(await second).toBe(0);
      expect(await logRows('retailers')).toBe(1);
      expect(await version('retailers')).toBe(before.retailers);
      expect(await version('users')).toBe(before.users);

      // The first rolls back: the second, having waited, deletes the rows itself and counts them once.
      for (let i = 0; i < 4; i++) await db.execute(sql`update retailers set tier = tier where id = ${ids[0]}`);
      const grown = await version('retailers');
      expect(grown).toBe(before.retailers + 4);
      await one.query('begin');
      expect(await compactListChanges(drizzle(one, { schema }) as unknown as Db)).toBe(5);
      const again = compactListChanges(drizzle(two, { schema }) as unknown as Db);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await one.query('rollback');
      expect(await again).toBe(5);
      expect(await logRows('retailers')).toBe(1);
      expect(await version('retailers')).toBe(grown);
      // A single row is left as it is.
      expect(await compactListChanges(db)).toBe(0);
    } finally {
      await release(one);
      await release(two);
    }
  });

  it('stays exact while two writers and two compactors run at once: one content per version, every commit counted', async () => {
    const start = await version();
    const writers = [await connect(), await connect()];
    const compactors = [await connect(), await connect()];
    let committedStatements = 0;
    let writing = true;
    const fingerprints = new Map<number, string>();
    let reads = 0;
    let compactions = 0;
    try {
      const write = async (client: pg.PoolClient, w: number) => {
        const mine: number[] = [];
        for (let i = 0; i < 30; i++) {
          let statements = 0;
          await client.query('begin');
          await client.query('update retailers set phone = $1 where id = $2', [
            `1380000${String(w * 1000 + i).padStart(4, '0')}`,
            ids[(i * 7 + w) % ids.length],
          ]);
          statements++;
          if (i % 3 === 0) {
            const inserted = await makeRetailer(drizzle(client, { schema }) as unknown as Db, { districtId });
            mine.push(inserted.id);
            statements++;
          } else if (i % 3 === 1 && mine.length > 0) {
            await client.query('delete from retailers where id = $1', [mine.pop()]);
            statements++;
          }
          // A statement rolled back to its savepoint is no change.
          await client.query('savepoint s');
          await client.query('update retailers set tier = 9 where id = $1', [ids[(i + w) % ids.length]]);
          await client.query('rollback to savepoint s');
          if (i % 5 === 4) {
            await client.query('rollback');
          } else {
            await client.query('commit');
            committedStatements += statements;
          }
        }
      };
      const compact = async (client: pg.PoolClient) => {
        const handle = drizzle(client, { schema }) as unknown as Db;
        while (writing) {
          await compactListChanges(handle);
          compactions++;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      };
      const read = async () => {
        let previous = -1;
        while (writing) {
          const result = await db.execute<{ v: string; f: string }>(sql`select ${listVersion('retailers')} as "v",
            (select md5(string_agg(id || ':' || phone || ':' || tier, ',' order by id)) from retailers
              where district_id = ${districtId}) as "f"`);
          const row = result.rows[0];
          if (!row) throw new Error('no row');
          const v = Number(row.v);
          expect(v, 'a version never goes back').toBeGreaterThanOrEqual(previous);
          previous = v;
          const seen = fingerprints.get(v);
          if (seen !== undefined) expect(row.f, `one content at version ${v}`).toBe(seen);
          fingerprints.set(v, row.f);
          reads++;
        }
      };
      const running = [read(), ...compactors.map(compact)];
      await Promise.all(writers.map((client, w) => write(client, w)));
      writing = false;
      await Promise.all(running);
    } finally {
      writing = false;
      for (const client of [...writers, ...compactors]) await release(client);
    }
    expect(reads).toBeGreaterThan(10);
    expect(compactions).toBeGreaterThan(2);
    expect(await version()).toBe(start + committedStatements);
    await compactListChanges(db);
    expect(await logRows('retailers')).toBe(1);
    expect(await version()).toBe(start + committedStatements);
  });

  it('reads each version once per list statement, not once per row', async () => {
    for (let i = 0; i < 25; i++) await makeUser(db, { role: 'manager', orgUnitId: districtId });
    const client = await connect();
    try {
      const on = drizzle(client, { schema }) as unknown as Db;
      const calls = async () => {
        const result = await client.query(
          `select coalesce(sum(calls), 0)::int as n from pg_stat_xact_user_functions where funcname = 'siyi_list_version'`,
        );
        return Number(result.rows[0]?.n);
      };
      // A transaction that writes nothing (no transaction id): the versions are read, and counted per call.
      await client.query('begin');
      await client.query(`set local track_functions = 'pl'`);
      // Each statement reads a version at most twice (the cached count's test, the version answered; a miss's
      // test against null is folded away), each an InitPlan: never once per row of the page.
      let before = 0;
      for (const round of ['miss', 'hit']) {
        const users = await findUsers(on, {}, { offset: 0, limit: 20 }, new Date());
        expect(users.rows).toHaveLength(20);
        const retailersPage = await findRetailersInScope(
          on,
          sql`true`,
          {},
          { sort: 'shopName', offset: 0, limit: 10 },
          '2026-12-02',
        );
        expect(retailersPage.rows).toHaveLength(10);
        const now = await calls();
        expect(now - before, round).toBeGreaterThanOrEqual(round === 'miss' ? 2 : 4);
        expect(now - before, round).toBeLessThanOrEqual(4);
        before = now;
      }
      await client.query('commit');
    } finally {
      await release(client);
    }
  });

  it('is compacted by a recurring job every few minutes', async () => {
    const registered: { name: string; cron: string }[] = [];
    const jobs = {
      every: (name: string, cron: string) => registered.push({ name, cron }),
    } as unknown as JobQueue;
    registerListChangeCompaction(jobs);
    expect(registered).toEqual([{ name: LIST_CHANGE_COMPACTION_JOB, cron: LIST_CHANGE_COMPACTION_CRON }]);
    expect(LIST_CHANGE_COMPACTION_CRON).toBe('*/5 * * * *');
  });
});
