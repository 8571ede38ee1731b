/**
 * `npm run bench`: demo-city load time, and GET /api/retailers against a bare-Fastify ceiling, on PGlite and
 * (when a server answers) PostgreSQL. Knobs and the meaning of each figure: bench/README.md.
 */
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import type { Database } from '../apps/server/src/db/database';
import {
  fetchListing,
  hammer,
  LISTING_PATH,
  type ListingAnswer,
  type LoadSettings,
  type Measurement,
  signIn,
  startApp,
  startBareServer,
  warmUp,
} from './api-bench';
import {
  type BenchDatabase,
  databaseBytes,
  openPglite,
  openPostgres,
  postgresReachable,
  settleAfterLoad,
  tableRowCounts,
} from './bench-databases';
import { type BenchOptions, commandLine, readBenchOptions, redactUrl } from './bench-options';
import { DEMO_PASSWORD, type DemoLoadFigures, timeDemoLoad } from './demo-load';
import { LoadGenerator } from './load-client';
import { currentLoadAverage, gitState, machineBusyShare, machineFacts } from './machine';
import { type BenchResults, type DatabaseRun, type ListingMeasurement, renderTable, writeResults } from './report';

const PROCESS_LAYOUT =
  'the app and the bare Fastify serve from the bench main process (one at a time); PGlite runs in its own child ' +
  'process as in production; autocannon runs in a separate child process (node --import tsx load-generator.ts)';

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Clean-ups that must run even when the run is interrupted: today, dropping the throw-away PostgreSQL database. */
const cleanups = new Set<() => Promise<void>>();
function registerCleanup(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and a second
  // signal without a handler would kill it before the throw-away database is dropped.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: cleaning up…`);
    // Dropping the database ends the connection the load is using, whose client then throws: expected now.
    process.on('uncaughtException', () => {});
    void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });
}

/** The account loadDemoCity names for a role (manager1, admin). */
function demoUsername(demoLogins: DemoLoadFigures['demoLogins'], role: 'manager' | 'admin'): string {
  const login = demoLogins.find((l) => l.role === role);
  if (!login) throw new Error(`loadDemoCity reported no ${role} sign-in`);
  return login.username;
}

/** The bare ceiling depends on the body only, so an identical answer (PostgreSQL vs PGlite) is measured once. */
const ceilings = new Map<string, Measurement>();

async function measureCeiling(generator: LoadGenerator, body: string, cookie: string, settings: LoadSettings) {
  const known = ceilings.get(body);
  if (known) return known;
  const bare = await startBareServer(body);
  try {
    // The same cookie header as the app gets, so both servers parse the same request.
    const figures = await hammer(generator, bare.baseUrl, cookie, settings);
    ceilings.set(body, figures);
    return figures;
  } finally {
    await bare.close();
  }
}

async function measureListing(
  database: Database,
  generator: LoadGenerator,
  options: BenchOptions,
  demoLogins: DemoLoadFigures['demoLogins'],
  label: string,
): Promise<ListingMeasurement[]> {
  const settings: LoadSettings = {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  };
  const users: { username: string; role: 'manager' | 'admin' }[] = [
    { username: options.managerUsername ?? demoUsername(demoLogins, 'manager'), role: 'manager' },
    { username: demoUsername(demoLogins, 'admin'), role: 'admin' },
  ];
  const app = await startApp(database);
  const measurements: ListingMeasurement[] = [];
  try {
    const sessions: ((typeof users)[number] & { cookie: string; answer: ListingAnswer })[] = [];
    for (const user of users) {
      const cookie = await signIn(app.baseUrl, user.username, DEMO_PASSWORD);
      const answer = await fetchListing(app.baseUrl, cookie);
      log(`${label}: ${user.username} sees ${answer.total} retailers; ${answer.bytes} bytes a page`);
      sessions.push({ ...user, cookie, answer });
    }
    if (options.appWarmupSeconds > 0) {
      // A fresh process runs cold code: V8 has yet to optimise the app's hot paths and PGlite's WASM is still on
      // its baseline tier. Without this the first user measured is penalised; uncounted, split between the users.
      log(`${label}: warming the app up for ${options.appWarmupSeconds} s…`);
      const share = Math.max(1, Math.round(options.appWarmupSeconds / sessions.length));
      for (const session of sessions) {
        await warmUp(generator, app.baseUrl, session.cookie, { ...settings, durationSeconds: share, warmupSeconds: 0 });
      }
    }
    for (const { cookie, answer, ...user } of sessions) {
      log(`${label}: ${user.username}: measuring the app…`);
      const appFigures = await hammer(generator, app.baseUrl, cookie, settings);
      log(`${label}: ${user.username}: ${appFigures.requestsPerSecond.toFixed(0)} req/s — measuring the bare ceiling…`);
      const ceiling = await measureCeiling(generator, answer.body, cookie, settings);
      measurements.push({
        username: user.username,
        role: user.role,
        visibleRetailers: answer.total,
        bodyBytes: answer.bytes,
        app: appFigures,
        ceiling,
        appShareOfCeiling: appFigures.requestsPerSecond / ceiling.requestsPerSecond,
      });
    }
  } finally {
    await app.close();
  }
  return measurements;
}

async function runOn(
  kind: 'pglite' | 'postgres',
  options: BenchOptions,
  generator: LoadGenerator,
): Promise<DatabaseRun> {
  log(`${kind}: opening a fresh database…`);
  const target: BenchDatabase =
    kind === 'pglite' ? await openPglite() : await openPostgres(options.postgresUrl, registerCleanup);
  try {
    log(`${kind}: ${target.version.split(' on ')[0]} at ${target.location}; loading the demo city…`);
    const demoCity = await timeDemoLoad(target.database, options, (phase) => log(`${kind}: phase ${phase}`));
    log(
      `${kind}: loaded in ${demoCity.seconds.toFixed(1)} s (${Math.round(demoCity.orderLinesPerSecond)} order lines/s)`,
    );
    const rowsByTable = await tableRowCounts(target.database);
    const bytes = await databaseBytes(target.database);
    const settleSeconds = await settleAfterLoad(target);
    const listing =
      kind === 'postgres' && !options.postgresApi
        ? null
        : await measureListing(target.database, generator, options, demoCity.demoLogins, kind);
    return {
      kind,
      version: target.version,
      location: target.location,
      openSeconds: target.openSeconds,
      migrateSeconds: target.migrateSeconds,
      settleSeconds,
      demoCity: { ...demoCity, rowsByTable, databaseBytes: bytes },
      listing,
    };
  } finally {
    await target.dispose();
  }
}

async function main(): Promise<void> {
  const options = readBenchOptions();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineFacts();
  const notes: string[] = [];
  const busyAtStart = await machineBusyShare();
  if (busyAtStart !== null && busyAtStart > 0.25) {
    notes.push(`other work kept ${Math.round(busyAtStart * 100)}% of the CPU busy when the run started`);
  }

  const kinds: ('pglite' | 'postgres')[] = [];
  if (options.databases !== 'postgres') kinds.push('pglite');
  if (options.databases !== 'pglite') {
    if (await postgresReachable(options.postgresUrl)) kinds.push('postgres');
    else if (options.databases === 'postgres')
      throw new Error(`no PostgreSQL server answers at ${redactUrl(options.postgresUrl)}`);
    else notes.push(`PostgreSQL skipped: no server answers at ${redactUrl(options.postgresUrl)}`);
  }
  if (kinds.includes('postgres') && !options.postgresApi)
    notes.push('PostgreSQL: load time only (BENCH_POSTGRES_API=0)');

  const generator = await LoadGenerator.start();
  const runs: DatabaseRun[] = [];
  try {
    for (const kind of kinds) runs.push(await runOn(kind, options, generator));
  } finally {
    await generator.stop();
  }

  const require = createRequire(import.meta.url);
  const autocannonPackage = require('autocannon/package.json') as { version: string };
  const results: BenchResults = {
    name: options.name,
    command: commandLine(options),
    startedAt,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    processLayout: PROCESS_LAYOUT,
    settings: {
      retailers: options.retailers ?? 'default',
      weeks: options.weeks ?? 'default',
      url: LISTING_PATH,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      appWarmupSeconds: options.appWarmupSeconds,
    },
    machine: { ...machine, busyShareAtStart: busyAtStart, loadAverageAtEnd: currentLoadAverage() },
    git: gitState(),
    versions: { node: process.version, fastify: Fastify().version, autocannon: autocannonPackage.version },
    runs,
    notes,
  };
  const paths = writeResults(results);
  console.log(`\n${renderTable(results)}`);
  console.log(`Wrote ${paths.join(' and ')} in ${results.wallSeconds} s.`);
}

/** A failed query's message carries its parameters, megabytes of them for the demo load: keep the head. */
function describeError(error: unknown): string {
  const text = (value: unknown) => (value instanceof Error ? (value.stack ?? value.message) : String(value));
  const clip = (s: string) => (s.length > 2_000 ? `${s.slice(0, 2_000)}… (${s.length} characters)` : s);
  const cause = error instanceof Error && error.cause !== undefined ? `\ncaused by: ${clip(text(error.cause))}` : '';
  return `${clip(text(error))}${cause}`;
}

main().catch(async (error: unknown) => {
  // Interrupted: the failure is the interruption's doing, and the signal handler is already cleaning up.
  if (stopping) return;
  console.error(`bench failed: ${describeError(error)}`);
  await Promise.allSettled([...cleanups].map((c) => c()));
  process.exit(1);
});
