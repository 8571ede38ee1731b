import { readFileSync } from 'node:fs';
import type { RetailerListResponse } from '@siyi/contracts';
import { and, inArray, type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { retailers } from '../../db/schema';
import { containsPattern } from '../../lib/like-pattern';
import {
  createTestApp,
  databaseTargets,
  getAs,
  makeDistrict,
  makeRetailer,
  makeSignedInUser,
  type RetailerRow,
  type Session,
} from '../../testing';
import { lowerAsPostgres, pinyinTerm, retailerFilterConditions } from './retailer-filter-sql';
import { retailerSearchPinyin } from './retailer-pinyin';

const targets = await databaseTargets();
const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

/** The search before the index of Han characters and pairs (migration 0010): what every answer must stay. */
function referenceSearch(q: string): SQL {
  const text = sql`${retailers.searchText} like lower(${containsPattern(q)})`;
  const pinyin = pinyinTerm(q);
  return pinyin === null ? text : sql`(${text} or ${retailers.searchPinyin} like ${containsPattern(pinyin)})`;
}

const SHOPS = [
  { shopName: '红星便利店', ownerName: '王建国', address: '许昌市魏都区东升路12号' },
  { shopName: '建国烟酒店', ownerName: '李鑫', address: '许昌市东大街8号' },
  { shopName: '东大街小卖部', ownerName: '张建', address: '许昌市建安区国贸路3号' },
  { shopName: 'A12号 小卖部', ownerName: 'Li Wei', address: '许昌市魏都区七一路A12号' },
  { shopName: '鑫鑫超市', ownerName: '赵国建', address: '禹州市建国路100号' },
  { shopName: '银行旁烟酒', ownerName: '钱多多', address: '长葛市和尚桥镇' },
  { shopName: 'Ｆｕｌｌ宽便利', ownerName: 'O’Brien', address: '许昌市 % _ \\ 路' },
  { shopName: '𠀀字号老店', ownerName: '孫國建', address: '鄢陵县 建 国 路' },
];

describe.each(targets)('the Chinese search index on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let supervisor: Session;
  const rows: RetailerRow[] = [];

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database);
    const { db } = database;
    const district = await makeDistrict(db);
    ({ session: supervisor } = await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: district.id }));
    for (const shop of SHOPS) {
      rows.push(await makeRetailer(db, { districtId: district.id, ...shop, searchPinyin: retailerSearchPinyin(shop) }));
    }
    // Not filled yet (written before the column, or by the factory's default): found by the LIKE alone.
    rows.push(await makeRetailer(db, { districtId: district.id, shopName: '建国未填店', searchPinyin: '' }));
    rows.push(await makeRetailer(db, { districtId: district.id, shopName: '老字号建国' }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const ids = async (where: SQL) => {
    const mine = inArray(
      retailers.id,
      rows.map((r) => r.id),
    );
    const found = await database.db.select({ id: retailers.id }).from(retailers).where(and(mine, where));
    return found.map((r) => r.id).sort((a, b) => a - b);
  };
  const expectSameAsBefore = async (q: string) => {
    const now = await ids(and(...retailerFilterConditions({ q }, '2026-12-01')) as SQL);
    expect(now, JSON.stringify(q)).toEqual(await ids(referenceSearch(q.trim())));
    return now;
  };

  it('finds one-, two- and three-character Chinese terms, pinyin and mixed terms as the LIKE did', async () => {
    const byName = (q: string) =>
      expectSameAsBefore(q).then((found) => found.map((id) => rows.find((r) => r.id === id)?.shopName).sort());
    expect(await byName('鑫')).toEqual(['建国烟酒店', '鑫鑫超市']);
    expect(await byName('建国')).toEqual(['建国未填店', '建国烟酒店', '红星便利店', '老字号建国', '鑫鑫超市'].sort());
    expect(await byName('东大街')).toEqual(['东大街小卖部', '建国烟酒店'].sort());
    expect(await byName('国建')).toEqual(['鑫鑫超市']);
    expect(await byName('國建')).toEqual(['𠀀字号老店']);
    expect(await byName('𠀀字')).toEqual(['𠀀字号老店']);
    expect(await byName('建 国')).toEqual(['𠀀字号老店']);
    expect(await byName('hxbld')).toEqual(['红星便利店']);
    expect(await byName('jianguo')).toContain('建国烟酒店');
    expect(await byName('a12号')).toEqual(['A12号 小卖部']);
    expect(await byName('12号')).toEqual(expect.arrayContaining(['A12号 小卖部', '红星便利店']));
    expect(await byName('% _ \\')).toEqual(['Ｆｕｌｌ宽便利']);
    await expectSameAsBefore('ｆｕｌｌ宽'); // full-width letters: lower-cased or not as the locale says, as before
  });

  it('property: any piece of any text finds what the LIKE found', async () => {
    const texts = rows.flatMap((r) => [r.shopName, r.ownerName, r.address, r.licenceNo, r.phone]);
    const pieces = fc
      .tuple(fc.constantFrom(...texts), fc.nat(20), fc.integer({ min: 1, max: 5 }))
      .map(([t, from, n]) => {
        const chars = [...t];
        return chars.slice(from % chars.length, (from % chars.length) + n).join('');
      });
    await fc.assert(
      fc.asyncProperty(pieces, async (q) => {
        if (q.trim() !== '') await expectSameAsBefore(q);
      }),
      { numRuns: 150 },
    );
  });

  it('lowers a term in JavaScript only where PostgreSQL’s lower() agrees (naughty strings, any Unicode text)', async () => {
    const lowerIn = async (q: string) =>
      String((await database.pool.query<{ l: string }>('select lower($1) as l', [q])).rows[0]?.l);
    let lowered = 0;
    const check = async (q: string) => {
      const mine = lowerAsPostgres(q);
      if (mine === null) return;
      lowered++;
      expect(mine, JSON.stringify(q)).toBe(await lowerIn(q));
    };
    for (const q of naughtyStrings) if (!q.includes('\u0000')) await check(q);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 12 }), async (q) => {
        if (!q.includes('\u0000')) await check(q);
      }),
      { numRuns: 300 },
    );
    expect(lowered, 'most terms are lowered here').toBeGreaterThan(naughtyStrings.length / 2);
    expect(lowerAsPostgres('HXBLD 红星')).toBe('hxbld 红星');
    expect(lowerAsPostgres('ÉCOLE')).toBeNull();
  });

  it('answers every naughty string as before', async () => {
    for (const q of naughtyStrings) {
      if (q.trim() === '' || q.includes('\u0000')) continue;
      await expectSameAsBefore(q);
    }
  });

  it('serves the list route: a two-character term finds its shops, the one without pinyin too', async () => {
    const response = await getAs(app, supervisor, `/api/retailers?q=${encodeURIComponent('建国')}&pageSize=50`);
    expect(response.statusCode).toBe(200);
    const names = response.json<RetailerListResponse>().items.map((r) => r.shopName);
    expect(names.sort()).toEqual(['建国未填店', '建国烟酒店', '红星便利店', '老字号建国', '鑫鑫超市'].sort());
  });
});
