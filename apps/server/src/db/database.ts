import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { ensureJobSchema } from '../jobs/job-queue';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded/embedded-postgres';
import * as schema from './schema';

/** A database handle or a transaction: repositories and services take either. */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/** `embedded`: PostgreSQL started by Siyi on its data directory; `server`: a PostgreSQL server at DATABASE_URL. */
export type DatabaseKind = 'embedded' | 'server';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  readonly pool: pg.Pool;
  /** Cheap: false once this process knows the database is gone (the embedded server exited). */
  isAvailable(): boolean;
  /** A round trip through the pool, bounded by `timeoutMs`: true when the database answered. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise the embedded PostgreSQL in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Longest a web request's statement may run (ms). */
  statementTimeoutMs?: number;
  poolSize?: number;
  /** The embedded server stopped by itself: see EmbeddedPostgresOptions.onUnexpectedExit. */
  onEmbeddedExit?: (reason: string) => void;
  /** Drop the embedded cluster's app database and start from an empty one (`siyi demo --reset`). */
  recreateEmbedded?: boolean;
}

/** What a statement of a web request may take; migrations and the demo loader set their own limits. */
export const REQUEST_STATEMENT_TIMEOUT_MS = 15_000;
export const POOL_SIZE = 10;
/** The database the app uses inside the embedded cluster (`postgres` stays the maintenance database). */
export const EMBEDDED_DATABASE = 'siyi';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// BIGINT (int8) and NUMERIC come back as strings by default; our counts and fen sums fit in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

/** A pool and its Drizzle handle over `config`; `onClose` runs after the pool has ended. */
export function connectDatabase(
  kind: DatabaseKind,
  config: pg.PoolConfig,
  hooks: { isAvailable?: () => boolean; onClose?: () => Promise<void> } = {},
): Database {
  const pool = new pg.Pool({
    max: POOL_SIZE,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 10_000,
    statement_timeout: REQUEST_STATEMENT_TIMEOUT_MS,
    ...config,
  });
  // A connection whose server went away: an idle one is dropped by the pool, a busy one fails its query (the
  // caller sees that); neither may surface as an unhandled 'error' event that kills the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const isAvailable = hooks.isAvailable ?? (() => true);
  return {
    kind,
    db: drizzle(pool, { schema }),
    pool,
    isAvailable,
    async ping(timeoutMs = 3000) {
      if (!isAvailable()) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answer = pool.query('select 1').then(
        () => true,
        () => false,
      );
      const ok = await Promise.race([answer, timeout]);
      clearTimeout(timer);
      return ok;
    },
    async close() {
      const ended = pool.end();
      if (hooks.onClose) {
        // pool.end() waits for every checked-out connection; a long statement (the demo load) would hold it.
        // Stopping the server ends such statements, so their connections come back.
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
        await hooks.onClose();
      }
      await ended;
    },
  };
}

async function ensureEmbeddedDatabase(server: EmbeddedPostgres, name: string, recreate: boolean): Promise<void> {
  const admin = new pg.Client({ host: server.host, port: server.port, user: server.user, database: 'postgres' });
  await admin.connect();
  try {
    if (recreate) await admin.query(`drop database if exists ${name} with (force)`);
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const timeouts = { statement_timeout: options.statementTimeoutMs ?? REQUEST_STATEMENT_TIMEOUT_MS };
  if (options.databaseUrl) {
    return connectDatabase('server', {
      connectionString: options.databaseUrl,
      max: options.poolSize ?? POOL_SIZE,
      ...timeouts,
    });
  }
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    ...(options.onEmbeddedExit ? { onUnexpectedExit: options.onEmbeddedExit } : {}),
  });
  try {
    await ensureEmbeddedDatabase(server, EMBEDDED_DATABASE, options.recreateEmbedded ?? false);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return connectDatabase(
    'embedded',
    {
      host: server.host,
      port: server.port,
      user: server.user,
      database: EMBEDDED_DATABASE,
      max: options.poolSize ?? POOL_SIZE,
      ...timeouts,
    },
    { isAvailable: () => server.isRunning(), onClose: () => server.stop() },
  );
}

/** Migrations run on one connection without the web requests' statement timeout (an index build may take long). */
export async function runMigrations(database: Pick<Database, 'pool'>): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query(`set statement_timeout = '30min'`);
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    // The job queue's own tables (schema `pgboss`), created or upgraded by pg-boss itself: docs/adr/0007.
    await ensureJobSchema(client);
  } finally {
    await client.query('reset statement_timeout').catch(() => {});
    client.release();
  }
}
