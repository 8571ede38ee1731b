import { createHash } from 'node:crypto';

/** What a Drizzle select offers to run as a prepared statement. */
interface Preparable<T> {
  prepare(name: string): { execute(): Promise<T> };
}

/** The fields of Drizzle's node-postgres prepared query that name the statement it sends. */
interface NodePgPreparedFields {
  queryString: string;
  queryConfig: { name?: string | undefined };
  rawQueryConfig: { name?: string | undefined };
}

/**
 * How many statement texts a process names. A search's generic plan holds ~0.3 MB in every backend that ran it
 * (CachedPlan, CachedPlanQuery and CachedPlanSource of pg_backend_memory_contexts), and the texts multiply with
 * the filters a caller combines: past the bound a new text runs unnamed (parsed and planned each time, as before),
 * so the pool's cached plans stay under ~100 MB whatever is asked. The common shapes come first and keep theirs.
 */
export const NAMED_STATEMENTS_LIMIT = 32;

/**
 * A runner of Drizzle selects as named prepared statements whose name is a hash of their SQL text: each
 * connection sends the text once and PostgreSQL parses it once, and after five runs it may keep a generic plan
 * instead of planning every run — for a statement that costs more to plan than to run (a search's: the retailers
 * table has 14 indexes to weigh), most of its cost. The values stay parameters, so every run of the same shape
 * shares the statement. At most `limit` texts are named; others run unnamed.
 *
 * Only for statements whose every index condition narrows under any parameter value: a generic plan is chosen
 * once for all values (see retailerFilterConditions for the one trap, a LIKE without a trigram).
 *
 * Drizzle names a statement when it is prepared, before its text exists; the text is built once, then the name
 * set from it (named-statement.test.ts holds Drizzle to these fields).
 */
export function namedStatements(limit: number) {
  const names = new Set<string>();
  return async function executeNamed<T>(query: Preparable<T>): Promise<T> {
    const prepared = query.prepare('siyi_pending');
    const fields = prepared as unknown as NodePgPreparedFields;
    let name: string | undefined = `siyi_${createHash('sha1').update(fields.queryString).digest('base64url')}`;
    if (!names.has(name)) {
      // Past the bound: unnamed, as Drizzle would have sent it.
      if (names.size >= limit) name = undefined;
      else names.add(name);
    }
    fields.queryConfig.name = name;
    fields.rawQueryConfig.name = name;
    return prepared.execute();
  };
}

/** The process's runner of named statements (NAMED_STATEMENTS_LIMIT texts). */
export const executeNamed = namedStatements(NAMED_STATEMENTS_LIMIT);
