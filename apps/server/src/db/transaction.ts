import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './database';
import type * as schema from './schema';

declare const inTransactionBrand: unique symbol;

/**
 * A handle that is inside a transaction opened by `inTransaction`. Writes that must commit together with the
 * change they describe — the audit trail, the retailer's timeline — take a `Tx`, never a `Db`: passing the plain
 * pool handle inside a command does not type-check, so an audit row can never land outside the change's
 * transaction (or without one).
 *
 * Rule for every command (docs/ARCHITECTURE.md "The write path"): no network or file I/O inside the callback —
 * upload bytes, hash passwords and call other services before `inTransaction`, then write rows inside it.
 */
export type Tx = PgTransaction<NodePgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>> & {
  readonly [inTransactionBrand]: true;
};

/** Runs one command in one transaction: every row it writes commits together or not at all. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as Tx));
}
