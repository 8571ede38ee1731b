import { createHash } from 'node:crypto';

/** What a Drizzle select offers to run as a prepared statement. */
interface Preparable<T> {
  prepare(name: string): { execute(): Promise<T> };
}

/** The fields of Drizzle's node-postgres prepared query that name the statement it sends. */
interface NodePgPreparedFields {
  queryString: string;
  queryConfig: { name?: string };
  rawQueryConfig: { name?: string };
}

/**
 * Runs a Drizzle select as a named prepared statement whose name is a hash of its SQL text: each connection
 * sends the text once and PostgreSQL parses it once, and after five runs it may keep a generic plan instead of
 * planning every run — for a statement that costs more to plan than to run (a search's: the retailers table has
 * two dozen indexes to weigh), most of its cost. The values stay parameters, so every run of the same shape
 * shares the statement.
 *
 * Only for statements whose every index condition narrows under any parameter value: a generic plan is chosen
 * once for all values (see retailerFilterConditions for the one trap, a LIKE without a trigram).
 *
 * Drizzle names a statement when it is prepared, before its text exists; the text is built once, then the name
 * set from it (a test holds Drizzle to these fields: named-statement.test.ts).
 */
export async function executeNamed<T>(query: Preparable<T>): Promise<T> {
  const prepared = query.prepare('siyi_pending');
  const fields = prepared as unknown as NodePgPreparedFields;
  const name = `siyi_${createHash('sha1').update(fields.queryString).digest('base64url')}`;
  fields.queryConfig.name = name;
  fields.rawQueryConfig.name = name;
  return prepared.execute();
}
