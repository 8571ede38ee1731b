import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded/embedded-postgres';
import * as schema from './schema';

/** A database handle or a transaction: repositories and services take either. */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  readonly pool: pg.Pool;
  /** Cheap and queue-free: true while the database can be reached as far as this process knows. */
  isAvailable(): boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Longest a single statement may run (ms); PGlite serves one query at a time, so keep it short. */
  statementTimeoutMs?: number;
  poolSize?: number;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// BIGINT (int8) and NUMERIC come back as strings by default; our counts and fen sums fit in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let poolConfig: pg.PoolConfig;
  if (options.databaseUrl) {
    poolConfig = { connectionString: options.databaseUrl, max: options.poolSize ?? 10 };
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir });
    // One connection: PGlite executes one query at a time anyway, and the socket server may interleave
    // the protocol messages of concurrent connections (docs/adr/0002-embedded-database-process.md).
    poolConfig = { host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres', max: 1 };
  }
  const pool = new pg.Pool({
    ...poolConfig,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 60_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
  });
  let lastError: Error | undefined;
  pool.on('error', (error) => {
    lastError = error;
  });
  pool.on('connect', () => {
    lastError = undefined;
  });
  const db = drizzle(pool, { schema });
  const kind: DatabaseKind = embedded ? 'pglite' : 'postgres';
  return {
    kind,
    db,
    pool,
    isAvailable: () => (embedded ? embedded.isRunning() : lastError === undefined),
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}

export async function runMigrations(database: Database): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}
