/**
 * `siyi serve | migrate | demo [--reset]` — the server's command line. `npm start` runs `serve`.
 */
import { sql } from 'drizzle-orm';
import { type AppInstance, buildApp } from './app';
import { type AppConfig, loadConfig } from './config';
import { type Database, type DatabaseOptions, openDatabase, runMigrations } from './db/database';
import { DataDirLockedError, DataDirUnreachableError, LegacyDataDirError } from './db/embedded/embedded-postgres';
import { loadDemoCityWithProgress, printDemoLogins } from './demo/demo-start';
import { backfillSearchPinyin } from './modules/retailers/retailer-pinyin-backfill';

function describeDatabase(config: AppConfig): string {
  return config.databaseUrl
    ? `PostgreSQL server ${new URL(config.databaseUrl).host}`
    : `embedded PostgreSQL in ${config.dataDir}`;
}

/** The embedded PostgreSQL stopped under us: never stay half alive — stop serving and exit non-zero. */
function embeddedDatabaseDied(config: AppConfig) {
  return (reason: string) => {
    console.error(
      `\n嵌入式 PostgreSQL 意外停止（${reason}）。Siyi 已停止服务，请重新启动（npm start）；日志：${config.dataDir}/postgresql.log\n` +
        `The embedded PostgreSQL stopped unexpectedly (${reason}). Siyi has stopped serving; start it again (npm start). Log: ${config.dataDir}/postgresql.log\n`,
    );
    process.exit(1);
  };
}

async function open(config: AppConfig, options: Pick<DatabaseOptions, 'recreateEmbedded'> = {}): Promise<Database> {
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onEmbeddedExit: embeddedDatabaseDied(config),
      ...options,
    });
    await runMigrations(database);
    // Retailers written before search_pinyin existed (migration 0005) become findable by pinyin.
    const filled = await backfillSearchPinyin(database.db);
    if (filled > 0) console.log(`search_pinyin filled for ${filled} retailers`);
    return database;
  } catch (error) {
    if (
      error instanceof DataDirLockedError ||
      error instanceof LegacyDataDirError ||
      error instanceof DataDirUnreachableError
    ) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function isEmpty(database: Database): Promise<boolean> {
  const result = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  return (result.rows[0]?.n ?? 0) === 0;
}

/**
 * From the moment the database is open, Ctrl-C, SIGTERM or a closed terminal stops Siyi cleanly: the HTTP server first (when it
 * runs), then the database — also in the middle of loading the demo city, which is then rolled back.
 */
let stopping = false;

function closeOnSignals(database: Database, app: () => AppInstance | undefined = () => undefined) {
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping — finishing requests, then closing the database cleanly…`);
    const force = setTimeout(() => process.exit(1), 20_000);
    try {
      await app()?.close();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  // SIGHUP: the terminal was closed. PostgreSQL, in its own process group, would not hear of it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void shutdown(signal));
}

async function serve(config: AppConfig) {
  const started = Date.now();
  console.log(`四意 Siyi — starting on ${describeDatabase(config)}`);
  const database = await open(config);
  let app: AppInstance | undefined;
  closeOnSignals(database, () => app);
  try {
    if (config.demo === 'auto' && (await isEmpty(database))) {
      await loadDemoCityWithProgress(database, config.demoRetailers);
    }
    app = await buildApp({ config, database, jobs: 'run', webDist: config.webDist });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // Never leave the embedded PostgreSQL running behind a failed start (a port in use, say).
    await database.close().catch(() => {});
    throw error;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n四意 Siyi is ready in ${seconds} s: http://${shownHost}:${config.port}  (API docs: /api/docs)`);
  await printDemoLogins(database);
}

async function migrateOnly(config: AppConfig) {
  const database = await open(config);
  console.log(`Migrations applied on ${describeDatabase(config)}.`);
  await database.close();
}

async function demo(config: AppConfig, args: string[]) {
  const reset = args.includes('--reset');
  if (reset && config.databaseUrl) {
    console.error(
      'demo --reset 只重建嵌入式数据库。使用 PostgreSQL 服务器时，请自行删除并重建数据库，再运行 npm run demo。\n' +
        'demo --reset rebuilds the embedded database only. On a PostgreSQL server, drop and create the database yourself, then run npm run demo.',
    );
    process.exit(2);
  }
  // The data directory's lock refuses this while a server runs on it.
  const database = await open(config, { recreateEmbedded: reset });
  closeOnSignals(database);
  if (!(await isEmpty(database))) {
    console.error(
      '数据库中已有数据，演示城市只载入空数据库；要丢弃全部数据并重新载入，请运行 npm run demo:reset。\n' +
        'The database already has data; the demo city is loaded only into an empty database. To discard everything and reload it, run npm run demo:reset.',
    );
    await database.close();
    process.exit(1);
  }
  await loadDemoCityWithProgress(database, config.demoRetailers);
  await printDemoLogins(database);
  await database.close();
}

const [command = 'serve', ...args] = process.argv.slice(2);
const config = loadConfig();
const commands: Record<string, (c: AppConfig, args: string[]) => Promise<void>> = {
  serve,
  migrate: migrateOnly,
  demo,
};
const runCommand = commands[command];
if (!runCommand) {
  console.error(`usage: siyi serve | migrate | demo [--reset]   (unknown command "${command}")`);
  process.exit(2);
}
runCommand(config, args).catch((error: unknown) => {
  // Stopping on a signal ends the work in progress (the demo load) with an error: the shutdown exits.
  if (stopping) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
