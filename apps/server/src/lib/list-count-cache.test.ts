import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { retailers } from '../db/schema';
import { countKey, LIST_COUNT_CACHE_ENTRIES, ListCountCache, listCountCache } from './list-count-cache';

describe('ListCountCache', () => {
  it('keeps at most its bound, dropping the least recently used first', () => {
    const cache = new ListCountCache(3);
    cache.set('a', { version: 1, total: 10 });
    cache.set('b', { version: 1, total: 20 });
    cache.set('c', { version: 1, total: 30 });
    expect(cache.get('a')).toEqual({ version: 1, total: 10 }); // a is now the most recent
    cache.set('d', { version: 1, total: 40 });
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    // A new pair for a key replaces the old one without growing.
    cache.set('a', { version: 2, total: 11 });
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toEqual({ version: 2, total: 11 });
  });

  it('stays bounded under many distinct filters', () => {
    const cache = new ListCountCache();
    for (let i = 0; i < LIST_COUNT_CACHE_ENTRIES * 3; i++) cache.set(`k${i}`, { version: i, total: i });
    expect(cache.size).toBe(LIST_COUNT_CACHE_ENTRIES);
    expect(cache.get(`k${LIST_COUNT_CACHE_ENTRIES * 3 - 1}`)).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('is one cache per database handle', () => {
    const a = {};
    const b = {};
    listCountCache(a).set('k', { version: 1, total: 1 });
    expect(listCountCache(a).get('k')).toBeDefined();
    expect(listCountCache(b).get('k')).toBeUndefined();
  });

  it("keeps searches' counts apart from lists', so new search terms never push a list's count out", () => {
    const db = {};
    listCountCache(db).set('k', { version: 1, total: 1 });
    for (let i = 0; i < LIST_COUNT_CACHE_ENTRIES * 2; i++)
      listCountCache(db, 'search').set(`s${i}`, { version: 1, total: i });
    expect(listCountCache(db).get('k')).toEqual({ version: 1, total: 1 });
    expect(listCountCache(db, 'search').get('k')).toBeUndefined();
    expect(listCountCache(db, 'search').size).toBe(LIST_COUNT_CACHE_ENTRIES);
  });

  it('keys a count by its table, its WHERE text and its parameters', () => {
    const district = (id: number) => sql`${retailers.districtId} = ${id}`;
    expect(countKey('retailers', district(1))).toBe(countKey('retailers', district(1)));
    expect(countKey('retailers', district(1))).not.toBe(countKey('retailers', district(2)));
    expect(countKey('retailers', district(1))).not.toBe(countKey('users', district(1)));
    expect(countKey('retailers', sql`${retailers.managerId} = ${1}`)).not.toBe(countKey('retailers', district(1)));
  });
});
