import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase, runMigrations } from '../apps/server/src/db/database';
import { redactUrl } from './bench-options';

export interface BenchDatabase {
  readonly database: Database;
  /** `select version()` of the server. */
  readonly version: string;
  /** Where it lives, for the record: the embedded data directory or the throw-away database's URL without a password. */
  readonly location: string;
  /** Seconds to start the database and to run the migrations: part of a first start, not of the demo load. */
  readonly openSeconds: number;
  readonly migrateSeconds: number;
  /** Closes it; on PostgreSQL also drops the throw-away database. */
  dispose(): Promise<void>;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

async function serverVersion(database: Database): Promise<string> {
  const result = await database.pool.query<{ version: string }>('select version() as version');
  return result.rows[0]?.version ?? 'unknown';
}

async function migrated(database: Database, opened: number, location: string, dispose: () => Promise<void>) {
  const openSeconds = seconds(opened);
  const migrating = performance.now();
  await runMigrations(database);
  const migrateSeconds = seconds(migrating);
  return { database, version: await serverVersion(database), location, openSeconds, migrateSeconds, dispose };
}

/** A fresh embedded PostgreSQL on a temporary data directory, exactly as the app opens one. */
export async function openEmbedded(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'siyi-bench-'));
  const opened = performance.now();
  const database = await openDatabase({ dataDir: dir });
  const dispose = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return await migrated(database, opened, dir, dispose);
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * An administrative connection to the server: one pooled connection through the app's own openDatabase,
 * so the bench needs no database driver of its own.
 */
async function adminConnection(url: string): Promise<Database> {
  return openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
}

/** True when a PostgreSQL server answers at `url` within a few seconds. */
export async function postgresReachable(url: string): Promise<boolean> {
  let admin: Database | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    admin = await adminConnection(url);
    const probe = admin.pool.query('select 1');
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), 3_000);
    });
    await Promise.race([probe, timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await admin?.close().catch(() => {});
  }
}

/**
 * A throw-away database `siyi_bench_<random>` on the server at `adminUrl`, opened with the app's default
 * pool. `dispose()` drops it; `registerCleanup` lets an interrupted run drop it too.
 */
export async function openPostgres(
  adminUrl: string,
  registerCleanup: (cleanup: () => Promise<void>) => () => void,
): Promise<BenchDatabase> {
  const name = `siyi_bench_${randomBytes(6).toString('hex')}`;
  const admin = await adminConnection(adminUrl);
  try {
    await admin.pool.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const dropDatabase = async () => {
    const dropper = await adminConnection(adminUrl);
    try {
      await dropper.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.close();
    }
  };
  // Interrupted: drop at once. FORCE ends our own connections too, where closing the pool first would wait for
  // the statement in progress (a bulk insert can run for half a minute).
  const unregister = registerCleanup(dropDatabase);
  const dispose = async () => {
    unregister();
    await database?.close().catch(() => {});
    await dropDatabase();
  };
  try {
    const opened = performance.now();
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    return await migrated(database, opened, redactUrl(url.toString()), dispose);
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Row counts of every table in the public schema, biggest first: what the demo city left behind. */
export async function tableRowCounts(database: Database): Promise<Record<string, number>> {
  const tables = await database.pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: [string, number][] = [];
  for (const { name } of tables.rows) {
    const result = await database.pool.query<{ n: number }>(`select count(*)::int as n from "${name}"`);
    counts.push([name, result.rows[0]?.n ?? 0]);
  }
  counts.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(counts);
}

/** Bytes on disk of the current database. */
export async function databaseBytes(database: Database): Promise<number> {
  const result = await database.pool.query<{ bytes: number }>(
    'select pg_database_size(current_database())::bigint as bytes',
  );
  return result.rows[0]?.bytes ?? 0;
}

/**
 * Vacuums and checkpoints after the bulk load, so that the autovacuum of a million fresh rows and the checkpoint
 * flushing them do not land in the middle of the API measurements. Returns seconds taken; a refused CHECKPOINT
 * (no privilege) is tolerated.
 */
export async function settleAfterLoad(target: BenchDatabase): Promise<number | null> {
  const started = performance.now();
  await target.database.pool.query('vacuum (analyze)');
  await target.database.pool.query('checkpoint').catch(() => {});
  return (performance.now() - started) / 1000;
}
