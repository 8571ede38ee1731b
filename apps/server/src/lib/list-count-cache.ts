import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * Exact list counts that are not recomputed while nothing changed.
 *
 * Every write that can change a listed table's rows gives it a new version (migration 0021: a statement trigger
 * sets `list_count_versions.version` to a fresh nextval). A list statement reads that version in its own
 * snapshot, next to its page and its count, and answers both; the process keeps the (version, total) pair per
 * WHERE. The next statement with the same WHERE carries the pair as parameters and counts only when the version
 * it reads differs (`versionedCount`), so a cached total is only ever used in a snapshot that holds exactly the
 * rows it was counted from.
 */

export type CountedTable = 'retailers' | 'users';

export interface CachedCount {
  version: number;
  total: number;
}

/**
 * How many WHEREs the cache keeps (least recently used first out): a scope and its filters each make one (an
 * admin's list, a supervisor's district, a manager's retailers, a tier…), so a few hundred hold every
 * list a city's staff pages through; an entry is a short string and two numbers.
 */
export const LIST_COUNT_CACHE_ENTRIES = 500;

/** A bounded map, least recently used out first. */
export class ListCountCache {
  private readonly entries = new Map<string, CachedCount>();

  constructor(readonly maxEntries = LIST_COUNT_CACHE_ENTRIES) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedCount | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedCount): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

/**
 * One cache per database handle: versions are numbers of one database's sequence, so two databases (tests copy
 * one template) may hold the same version with other rows. A transaction is a handle of its own and starts empty.
 */
const caches = new WeakMap<object, ListCountCache>();

export function listCountCache(db: object): ListCountCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ListCountCache();
    caches.set(db, cache);
  }
  return cache;
}

const dialect = new PgDialect();

/** The cache key of a count of `table` under `where`: its SQL text and parameters (scope, filters, today). */
export function countKey(table: CountedTable, where: SQL): string {
  const query = dialect.sqlToQuery(where);
  return `${table}\n${query.sql}\n${JSON.stringify(query.params)}`;
}

/** The table's version, read in the statement's snapshot. */
export function listVersion(table: CountedTable): SQL<number> {
  return sql<number>`(select "version" from "list_count_versions" where "table_name" = ${sql.raw(`'${table}'`)})`;
}

/**
 * `count` (a scalar subquery) — or, when the table's version is still `cached.version`, `cached.total` without
 * running it (its subplan shows "never executed"). Without an entry both parameters are null and it counts: one
 * SQL text either way.
 */
export function versionedCount(table: CountedTable, count: SQL, cached: CachedCount | undefined): SQL<number> {
  return sql<number>`case when ${listVersion(table)} = ${cached?.version ?? null}::bigint
    then ${cached?.total ?? null}::bigint else ${count} end`;
}
