import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retailerFilterConditions } from '../modules/retailers/retailer-filter-sql';
import { databaseTargets, makeDistrict, makeRetailer } from '../testing';
import type { Database, Db } from './database';
import { executeNamed, namedStatements } from './named-statement';
import * as schema from './schema';
import { retailers } from './schema';

const targets = await databaseTargets();

describe.each(targets)('named statements on $kind', (target) => {
  let database: Database;
  let client: pg.PoolClient;
  /** One connection, so its prepared statements can be looked at. */
  let db: Db;

  beforeAll(async () => {
    database = await target.open();
    const districtId = (await makeDistrict(database.db)).id;
    await makeRetailer(database.db, { districtId, shopName: '红星便利店' });
    client = await database.pool.connect();
    db = drizzle(client, { schema }) as unknown as Db;
  });
  afterAll(async () => {
    client?.release();
    await database?.close();
  });

  const prepared = async () =>
    (await client.query<{ name: string }>(`select name from pg_prepared_statements where name like 'siyi\\_%'`)).rows
      .map((row) => row.name)
      .sort();

  it('sends a select once per connection under a name its text decides, the values as parameters', async () => {
    const byName = (name: string) =>
      db.select({ id: retailers.id }).from(retailers).where(sql`${retailers.shopName} = ${name}`);
    const before = await prepared();
    expect(await executeNamed(byName('红星便利店'))).toHaveLength(1);
    expect(await executeNamed(byName('无此店'))).toHaveLength(0);
    const after = await prepared();
    // The same text with other values: one statement, run twice.
    expect(after.length - before.length).toBe(1);
    // Another text: another name.
    await executeNamed(db.select({ id: retailers.id }).from(retailers).where(sql`${retailers.tier} = ${1}`));
    expect((await prepared()).length - after.length).toBe(1);
  });

  it('names at most its bound of texts; past it a new text runs unnamed and still answers', async () => {
    const runOne = namedStatements(1);
    const byTier = (tier: number) =>
      db.select({ id: retailers.id }).from(retailers).where(sql`${retailers.tier} = ${tier} and 1 = 1`);
    const byStatus = () =>
      db.select({ id: retailers.id }).from(retailers).where(sql`${retailers.status} = ${'active'} and 2 = 2`);
    const before = await prepared();
    await runOne(byTier(1));
    await runOne(byTier(2));
    expect((await prepared()).length - before.length).toBe(1);
    expect((await runOne(byStatus())).length).toBeGreaterThan(0);
    expect((await prepared()).length - before.length).toBe(1);
  });

  it('writes search conditions whose generic plan never reads a whole trigram index', async () => {
    // A generic plan is made once for every value; a trigram index asked for a LIKE without a trigram (店, xm)
    // would be read whole at run time. Only LIKEs with a trigram may reach that index: the rest are strpos.
    for (const q of ['店', 'xm', '建国', '东大街', 'hxbld', 'dong sheng', '0374', 'ab c', '红星abc']) {
      const where = sql.join(retailerFilterConditions({ q }, '2026-12-02'), sql` and `);
      const text = db.select({ id: retailers.id }).from(retailers).where(where).toSQL();
      const likes = [...text.sql.matchAll(/like (lower\()?\$(\d+)/g)].map((m) => String(text.params[Number(m[2]) - 1]));
      for (const pattern of likes) expect(pattern, q).toMatch(/[a-z0-9]{3}/i);
    }
    // strpos finds what the LIKE found: the shop by one character of its name.
    const where = sql.join(retailerFilterConditions({ q: '店' }, '2026-12-02'), sql` and `);
    const found = await executeNamed(db.select({ name: retailers.shopName }).from(retailers).where(where));
    expect(found.map((row) => row.name)).toContain('红星便利店');
  });
});
