import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { LruMap, lruPerHandle } from './lru-map';

/**
 * Exact list counts that are not recomputed while nothing changed.
 *
 * Every statement that can change a listed table's rows appends a row to `list_changes` (migration 0022: a
 * statement trigger; appends never wait on one another, so writers of a table never queue on each other for
 * it). A table's version is the sum of the weights its reading snapshot sees: the number of writing statements
 * committed before that snapshot, equal for two snapshots only when they see the same committed writes. A list
 * statement reads that version in its own snapshot, next to its page and its count, and answers both; the
 * process keeps the (version, total) pair per WHERE. The next statement with the same WHERE carries the pair as
 * parameters and counts only when the version it reads differs (`versionedCount`), so a cached total is only
 * ever used in a snapshot that holds exactly the rows it was counted from. A compaction job keeps the log short
 * without changing any sum (lib/list-change-compaction.ts).
 */

export type CountedTable = 'retailers' | 'users';

export interface CachedCount {
  version: number;
  total: number;
  /** A count that stops (a search's): how far it counted, so `total` past it means "more than that". */
  stop?: number;
}

/**
 * How many WHEREs the cache keeps (least recently used first out): a scope and its filters each make one (an
 * admin's list, a supervisor's district, a manager's retailers, a tier…), so a few hundred hold every
 * list a city's staff pages through; an entry is a short string and two numbers.
 */
export const LIST_COUNT_CACHE_ENTRIES = 500;

/** The counts of up to `maxEntries` WHEREs, least recently used out first. */
export class ListCountCache extends LruMap<CachedCount> {
  constructor(maxEntries = LIST_COUNT_CACHE_ENTRIES) {
    super(maxEntries);
  }
}

/**
 * Which cache a count lives in. A search's count (its term in the WHERE, stopped past the search cap) is kept
 * apart: people type many terms, each a few times (the list, a retailer opened, back to the list, the next page),
 * and a run of new terms must not push out the counts of the lists everyone pages through.
 */
export type CountKind = 'list' | 'search';

/** One cache per database handle and kind (`lruPerHandle`). */
const caches: Record<CountKind, (db: object) => LruMap<CachedCount>> = {
  list: lruPerHandle(LIST_COUNT_CACHE_ENTRIES),
  search: lruPerHandle(LIST_COUNT_CACHE_ENTRIES),
};

export function listCountCache(db: object, kind: CountKind = 'list'): LruMap<CachedCount> {
  return caches[kind](db);
}

/** A list statement's side of the cache: the entry for its WHERE, and keeping the pair the statement answered. */
export interface CountMemo {
  /** False for a count that is never cached (the user list's searches): the statement counts, and answers no version. */
  cacheable: boolean;
  /** The count's cache key (`countKey`), null when it is not cached. */
  key: string | null;
  cached: CachedCount | undefined;
  /** Keeps (version, total) as the statement answered them; no version (a transaction that wrote) keeps nothing. */
  remember(version: number | string | null | undefined, total: number, stop?: number): void;
}

/** The cache entry of `table`'s count under `where` (null: not cached) in `db`'s cache of `kind`. */
export function countMemo(db: object, table: CountedTable, where: SQL | null, kind: CountKind = 'list'): CountMemo {
  const cache = listCountCache(db, kind);
  const key = where === null ? null : countKey(table, where);
  return {
    cacheable: key !== null,
    key,
    cached: key === null ? undefined : cache.get(key),
    remember(version, total, stop) {
      if (key !== null && version !== null && version !== undefined)
        cache.set(key, { version: Number(version), total, ...(stop === undefined ? {} : { stop }) });
    },
  };
}

const dialect = new PgDialect();

/** The cache key of a count of `table` under `where`: its SQL text and parameters (scope, filters, today). */
export function countKey(table: CountedTable, where: SQL): string {
  const query = dialect.sqlToQuery(where);
  return `${table}\n${query.sql}\n${JSON.stringify(query.params)}`;
}

/**
 * The table's version, read in the statement's snapshot (migration 0022's `siyi_list_version`, a STABLE function:
 * the caller's snapshot): the sum of the weights of its `list_changes` rows. Null inside a transaction that has
 * written anything (it has a transaction id): its own rows — some perhaps rolled back to a savepoint since — could
 * let two different contents share a sum, so such a statement always counts and its answer is not cached. The
 * read takes no lock and waits for no writer.
 */
export function listVersion(table: CountedTable): SQL<number | null> {
  // A scalar subquery: an InitPlan, run once per statement (a bare call in a select list runs once per row).
  return sql<number | null>`(select siyi_list_version(${sql.raw(`'${table}'`)}))`;
}

/**
 * `count` (a scalar subquery) — or, when `version` (the table's, `listVersion`) is still `cached.version`, `cached.total` without
 * running it (its subplan shows "never executed"). Without an entry both parameters are null and it counts: one
 * SQL text either way.
 */
export function versionedCount(version: SQL, count: SQL, cached: CachedCount | undefined): SQL<number> {
  return sql<number>`case when ${version} = ${cached?.version ?? null}::bigint
    then ${cached?.total ?? null}::bigint else ${count} end`;
}
