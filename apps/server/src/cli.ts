/**
 * `siyi serve | migrate | demo` — the server's command line. `npm start` runs `serve`.
 */
import { sql } from 'drizzle-orm';
import { buildApp } from './app';
import { type AppConfig, loadConfig } from './config';
import { type Database, openDatabase, runMigrations } from './db/database';
import { loadDemoCityWithProgress, printDemoLogins } from './db/demo-start';
import { DataDirLockedError } from './db/embedded/embedded-postgres';

function describeDatabase(config: AppConfig): string {
  return config.databaseUrl
    ? `PostgreSQL ${new URL(config.databaseUrl).host}`
    : `PGlite (embedded) in ${config.dataDir}`;
}

async function open(config: AppConfig): Promise<Database> {
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await runMigrations(database);
    return database;
  } catch (error) {
    if (error instanceof DataDirLockedError) {
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

async function serve(config: AppConfig) {
  console.log(`四意 Siyi — starting on ${describeDatabase(config)}`);
  const database = await open(config);
  if (config.demo === 'auto' && (await isEmpty(database))) {
    await loadDemoCityWithProgress(database, config.demoRetailers);
  }
  const app = await buildApp({ config, database });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping — finishing requests, then closing the database cleanly…`);
    const force = setTimeout(() => process.exit(1), 20_000);
    try {
      await app.close();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\n四意 Siyi is ready: http://${shownHost}:${config.port}  (API docs: /api/docs)`);
  await printDemoLogins(database);
}

async function migrateOnly(config: AppConfig) {
  const database = await open(config);
  console.log(`Migrations applied on ${describeDatabase(config)}.`);
  await database.close();
}

async function demo(config: AppConfig) {
  const database = await open(config);
  if (!(await isEmpty(database))) {
    console.error('The database already has data; the demo city is loaded only into an empty database.');
    await database.close();
    process.exit(1);
  }
  await loadDemoCityWithProgress(database, config.demoRetailers);
  await printDemoLogins(database);
  await database.close();
}

const command = process.argv[2] ?? 'serve';
const config = loadConfig();
const commands: Record<string, (c: AppConfig) => Promise<void>> = { serve, migrate: migrateOnly, demo };
const run = commands[command];
if (!run) {
  console.error(`usage: siyi serve | migrate | demo   (unknown command "${command}")`);
  process.exit(2);
}
run(config).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
