import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { retailers } from '../../db/schema';
import { databaseTargets, makeDistrict, makeRetailer } from '../../testing';
import { retailerSearchPinyin } from './retailer-pinyin';
import { backfillSearchPinyin } from './retailer-pinyin-backfill';

const targets = await databaseTargets();

describe.each(targets)('backfilling search_pinyin on $kind', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('fills every empty row in batches, leaves version and filled rows alone, and then has nothing to do', async () => {
    const { db } = database;
    const district = await makeDistrict(db);
    const empty = [];
    for (let i = 0; i < 7; i++) {
      empty.push(await makeRetailer(db, { districtId: district.id, shopName: `红星便利店${i}`, searchPinyin: '' }));
    }
    const kept = await makeRetailer(db, { districtId: district.id, searchPinyin: 'already set' });
    await db.execute(sql`update retailers set search_pinyin = '' where id = ${empty[0]?.id}`);

    const filled = await backfillSearchPinyin(db, 3);
    expect(filled).toBeGreaterThanOrEqual(empty.length);
    for (const r of empty) {
      const [row] = await db.select().from(retailers).where(eq(retailers.id, r.id));
      expect(row?.searchPinyin).toBe(retailerSearchPinyin(r));
      expect(row?.searchPinyin).toContain('hxbld');
      expect(row?.version).toBe(r.version);
    }
    const [keptRow] = await db.select().from(retailers).where(eq(retailers.id, kept.id));
    expect(keptRow?.searchPinyin).toBe('already set');
    expect(await backfillSearchPinyin(db, 3)).toBe(0);
  });
});
