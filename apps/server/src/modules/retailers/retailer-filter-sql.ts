/**
 * The retailer list's filters and orders as SQL: one builder for every reader of "the filtered list" — the list
 * page, its map and the export (modules/retailer-export imports `retailerFilterConditions`), so they always
 * agree on what a filter means.
 */
import { dateOfDay, shanghaiDay } from '@siyi/algorithms';
import type { BusinessFormat, LicenceFilter, RetailerSort, RetailerStatus } from '@siyi/contracts';
import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { retailers } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { containsPattern } from '../../lib/like-pattern';
import { hanSearchKeys } from './retailer-pinyin';

/**
 * "Expiring": the licence ends within this many days, today included — the same window as the 360 page's
 * `LICENCE_EXPIRING_DAYS` (contracts retailer-profile.ts).
 */
export const LICENCE_EXPIRING_WITHIN_DAYS = 60;

export interface RetailerFilters {
  q?: string | undefined;
  tier?: number | undefined;
  tierMin?: number | undefined;
  tierMax?: number | undefined;
  format?: BusinessFormat | undefined;
  status?: RetailerStatus | undefined;
  managerId?: number | undefined;
  districtId?: number | undefined;
  licence?: LicenceFilter | undefined;
}

/** Today in Asia/Shanghai (YYYY-MM-DD): the day licence validity is measured from. */
export function shanghaiToday(now: Date): string {
  return dateOfDay(shanghaiDay(now));
}

/**
 * What a search term matches in pinyin: letters (with digits) typed on a Latin keyboard, spaces and the
 * syllable separator ' dropped ("dong sheng", "xi'an" → "dongsheng", "xian"). Null when the term has no Latin
 * letter (Chinese, or only digits — those are matched as text: licence, phone, house numbers).
 */
export function pinyinTerm(q: string): string | null {
  const compact = q.toLowerCase().replace(/[\s']+/g, '');
  return /^[a-z0-9]+$/.test(compact) && /[a-z]/.test(compact) ? compact : null;
}

/**
 * The term lower-cased as search_text is (PostgreSQL's lower(), migration 0003), when JavaScript is sure to agree:
 * every character ASCII or without case (Chinese, digits, punctuation). Lowered once here, not once per row tested
 * (a prepared statement's generic plan calls lower() on its parameter for every row). Null for any other cased
 * letter (É, İ, Σ…): the database's own lower() then does it.
 */
export function lowerAsPostgres(q: string): string | null {
  for (const c of q) {
    if (c.charCodeAt(0) < 0x80) continue;
    if (c.toLowerCase() !== c || c.toUpperCase() !== c) return null;
  }
  return q.toLowerCase();
}

/**
 * The pairs of neighbouring Han characters of shop, owner and address (the fourth line of search_pinyin,
 * retailer-pinyin.ts)
 * as an array: exactly the expression of the GIN index `retailers_search_han_ix` (migration 0010), so the
 * planner can use it; `retailers_search_pinyin_missing_ix` holds the rows without it.
 */
const searchHanGrams = sql`string_to_array(split_part(${retailers.searchPinyin}, E'\\n', 4), ' ')`;

/** A text[] literal parameter: one bound value, whatever the number of keys. */
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v}"`).join(',')}}`}::text[]`;

/**
 * The filters as SQL conditions (to AND with the caller's scope). `today` (YYYY-MM-DD, shanghaiToday) is the
 * day licence expiry is measured from. Rejects a tier range whose ends are crossed (400, field `tierMax`).
 *
 * The search reads two maintained columns, each with a trigram index: search_text (lower-cased shop, owner,
 * licence, phone, address — migration 0003) and search_pinyin (full pinyin and initials of shop, owner and
 * address — 0005), so "hxbld", "dongsheng", "红星" and "0374" all find their shop. Trigrams need three
 * characters; a two-character Chinese term (建国) is found through the index of Han character pairs (0010) and
 * then checked by the same LIKE. A one-character term is read by the LIKE alone: common ones (店) fill a page
 * from the first rows of the list's order, and the count stops at the cap.
 */
export function retailerFilterConditions(filters: RetailerFilters, today: string): SQL[] {
  const conditions: SQL[] = [];
  const q = filters.q?.trim();
  if (q) {
    // A LIKE only where a trigram index can serve it (a run of three ASCII letters or digits makes a trigram
    // under any locale), else strpos, which no index answers: the search's statements are prepared once and may
    // run on a generic plan (searchPage), and a generic plan that reads a trigram index for a LIKE without a
    // trigram (店, xm — or 建国 under the C locale) would read the whole index.
    const lowered = lowerAsPostgres(q);
    // The term as search_text holds it: lowered here, or by the database's lower() where JavaScript may differ.
    const asText = (value: string) => (lowered === null ? sql`lower(${value})` : sql`${value}`);
    const term = lowered ?? q;
    const text = /[a-z0-9]{3}/i.test(q)
      ? sql`${retailers.searchText} like ${asText(containsPattern(term))}`
      : sql`strpos(${retailers.searchText}, ${asText(term)}) > 0`;
    // A Chinese term also asks the index of its character pairs: every row holding the term holds them, so the
    // result is the text condition's, found without testing every retailer. Rows whose search_pinyin is not
    // filled yet (the start-up backfill fills them) are tested by the text condition alone.
    const keys = hanSearchKeys(q);
    const textOrPairs =
      keys === null
        ? text
        : sql`((${searchHanGrams} @> ${textArray(keys)} or ${retailers.searchPinyin} = '') and ${text})`;
    const pinyin = pinyinTerm(q);
    const pinyinMatch =
      pinyin === null
        ? null
        : pinyin.length >= 3
          ? sql`${retailers.searchPinyin} like ${containsPattern(pinyin)}`
          : sql`strpos(${retailers.searchPinyin}, ${pinyin}) > 0`;
    // Pinyin first: a Latin-letter term's matches are nearly all pinyin matches, and every match read through the
    // trigram indexes is tested again (a recheck), which then stops at the first arm (7% of reading 1,936 matches).
    conditions.push(pinyinMatch === null ? textOrPairs : sql`(${pinyinMatch} or ${textOrPairs})`);
  }
  if (filters.tierMin !== undefined && filters.tierMax !== undefined && filters.tierMin > filters.tierMax) {
    throw new AppError('VALIDATION_FAILED', { tierMax: 'retailerList.tierRange' });
  }
  if (filters.tier !== undefined) conditions.push(eq(retailers.tier, filters.tier));
  if (filters.tierMin !== undefined) conditions.push(gte(retailers.tier, filters.tierMin));
  if (filters.tierMax !== undefined) conditions.push(lte(retailers.tier, filters.tierMax));
  if (filters.format) conditions.push(eq(retailers.businessFormat, filters.format));
  if (filters.status) conditions.push(eq(retailers.status, filters.status));
  if (filters.managerId !== undefined) conditions.push(eq(retailers.managerId, filters.managerId));
  if (filters.districtId !== undefined) conditions.push(eq(retailers.districtId, filters.districtId));
  if (filters.licence === 'expired') {
    conditions.push(sql`${retailers.licenceValidTo} < ${today}::date`);
  } else if (filters.licence === 'expiring') {
    // Still valid today, and ending within the window (today + 60 days included).
    conditions.push(
      sql`${retailers.licenceValidTo} between ${today}::date and ${today}::date + ${LICENCE_EXPIRING_WITHIN_DAYS}::int`,
    );
  }
  return conditions;
}

/** The scope AND the filters: the WHERE of every read of the filtered list. */
export function retailerListWhere(scope: SQL, filters: RetailerFilters, today: string): SQL {
  return and(scope, ...retailerFilterConditions(filters, today)) as SQL;
}

// ---------------------------------------------------------------------------------------------------------
// Orders and keyset cursors

/** The position of a row in an order: its sort key values, the id last. */
type CursorKey = (string | number | null)[];

interface OrderSpec {
  /** The ORDER BY. */
  orderBy: SQL;
  /** The same order over a page's key columns (k0, k1, id), to keep the page's order after a join. */
  pageOrder(k0: unknown, k1: unknown, id: unknown): SQL;
  /** The values of a row that a cursor records (a row selected with `keyColumns`). */
  keyColumns: Record<string, SQL>;
  /** The retailer columns the order, its keys and its cursor condition read (the id first). */
  columns: SQL;
  keyOf(row: Record<string, unknown>): CursorKey;
  /** Rows strictly after `key` in this order. */
  after(key: CursorKey): SQL;
  /** Checks a decoded key's shape. */
  valid(key: unknown[]): key is CursorKey;
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 400;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Every order ends with the id, so it is total. Tier orders run the whole (tier, shop name, id) triple one way,
 * so a row comparison and the index of migration 0004 serve them, forwards or backwards.
 */
const ORDERS: Record<RetailerSort, OrderSpec> = {
  shopName: {
    orderBy: sql`${retailers.shopName}, ${retailers.id}`,
    pageOrder: (k0, _k1, id) => sql`${k0}, ${id}`,
    keyColumns: { k0: sql`${retailers.shopName}` },
    columns: sql`${retailers.id}, ${retailers.shopName}`,
    keyOf: (r) => [r.k0 as string, r.id as number],
    after: ([name, id]) => sql`(${retailers.shopName}, ${retailers.id}) > (${name}, ${id})`,
    valid: (k): k is CursorKey => k.length === 2 && isText(k[0]) && isInt(k[1]),
  },
  tierDesc: {
    orderBy: sql`${retailers.tier} desc, ${retailers.shopName} desc, ${retailers.id} desc`,
    pageOrder: (k0, k1, id) => sql`${k0} desc, ${k1} desc, ${id} desc`,
    keyColumns: { k0: sql`${retailers.tier}`, k1: sql`${retailers.shopName}` },
    columns: sql`${retailers.id}, ${retailers.tier}, ${retailers.shopName}`,
    keyOf: (r) => [Number(r.k0), r.k1 as string, r.id as number],
    after: ([tier, name, id]) =>
      sql`(${retailers.tier}, ${retailers.shopName}, ${retailers.id}) < (${tier}, ${name}, ${id})`,
    valid: (k): k is CursorKey => k.length === 3 && isInt(k[0]) && isText(k[1]) && isInt(k[2]),
  },
  tierAsc: {
    orderBy: sql`${retailers.tier}, ${retailers.shopName}, ${retailers.id}`,
    pageOrder: (k0, k1, id) => sql`${k0}, ${k1}, ${id}`,
    keyColumns: { k0: sql`${retailers.tier}`, k1: sql`${retailers.shopName}` },
    columns: sql`${retailers.id}, ${retailers.tier}, ${retailers.shopName}`,
    keyOf: (r) => [Number(r.k0), r.k1 as string, r.id as number],
    after: ([tier, name, id]) =>
      sql`(${retailers.tier}, ${retailers.shopName}, ${retailers.id}) > (${tier}, ${name}, ${id})`,
    valid: (k): k is CursorKey => k.length === 3 && isInt(k[0]) && isText(k[1]) && isInt(k[2]),
  },
  licenceExpiry: {
    // Soonest first; retailers without a known validity come last (ASC puts NULLs last).
    orderBy: sql`${retailers.licenceValidTo}, ${retailers.id}`,
    // 'YYYY-MM-DD' text sorts as the date does; NULLs last again.
    pageOrder: (k0, _k1, id) => sql`${k0}, ${id}`,
    keyColumns: { k0: sql`to_char(${retailers.licenceValidTo}, 'YYYY-MM-DD')` },
    columns: sql`${retailers.id}, ${retailers.licenceValidTo}`,
    keyOf: (r) => [(r.k0 as string | null) ?? null, r.id as number],
    after: ([date, id]) =>
      date === null
        ? sql`(${retailers.licenceValidTo} is null and ${retailers.id} > ${id})`
        : sql`((${retailers.licenceValidTo}, ${retailers.id}) > (${date}::date, ${id}) or ${retailers.licenceValidTo} is null)`,
    valid: (k): k is CursorKey => k.length === 2 && (k[0] === null || isDate(k[0])) && isInt(k[1]),
  },
};

export function retailerOrder(sort: RetailerSort): OrderSpec {
  return ORDERS[sort];
}

/** A cursor names its order, so a cursor from another order is refused rather than misread. */
export function encodeCursor(sort: RetailerSort, key: CursorKey): string {
  return Buffer.from(JSON.stringify([sort, ...key]), 'utf8').toString('base64url');
}

/** The key a cursor marks in `sort`'s order; 400 (field `cursor`) when it is not one of ours for that order. */
export function decodeCursor(sort: RetailerSort, cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed[0] === sort) {
    const key = parsed.slice(1);
    if (ORDERS[sort].valid(key)) return key;
  }
  throw new AppError('VALIDATION_FAILED', { cursor: 'retailerList.cursorInvalid' });
}
