/**
 * `npm run bench`: demo-city load time, and GET /api/retailers against a bare-Fastify ceiling, on the embedded
 * PostgreSQL and (when one answers) a PostgreSQL server. Knobs and the meaning of each figure: bench/README.md.
 */
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import type pg from 'pg';
import type { Database, DatabaseKind } from '../apps/server/src/db/database';
import {
  fetchRoute,
  hammer,
  type LoadSettings,
  type Measurement,
  ROUTES,
  type RouteAnswer,
  type RouteUnderTest,
  signIn,
  startApp,
  startBareServer,
  warmUp,
} from './api-bench';
import {
  type BenchDatabase,
  databaseBytes,
  openEmbedded,
  openPostgres,
  postgresReachable,
  settleAfterLoad,
  tableRowCounts,
} from './bench-databases';
import { type BenchOptions, commandLine, readBenchOptions, redactUrl } from './bench-options';
import { DEMO_PASSWORD, type DemoLoadFigures, timeDemoLoad } from './demo-load';
import { LoadGenerator } from './load-client';
import { currentLoadAverage, gitState, machineBusyShare, machineFacts } from './machine';
import {
  type BenchResults,
  type DatabaseRun,
  type MixedLoadMeasurement,
  type RouteMeasurement,
  renderTable,
  writeResults,
} from './report';
import { captureQueries, replayFloor } from './sql-floor';

const PROCESS_LAYOUT =
  'the app and the bare Fastify serve from the bench main process (one at a time); the embedded PostgreSQL runs ' +
  'as its own child process as in production; autocannon runs in a separate child process (node --import tsx load-generator.ts)';

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

/** The account loadDemoCity names for a role (manager1, supervisor1, admin). */
function demoUsername(demoLogins: DemoLoadFigures['demoLogins'], role: RouteUnderTest['role']): string {
  const login = demoLogins.find((l) => l.role === role);
  if (!login) throw new Error(`loadDemoCity reported no ${role} sign-in`);
  return login.username;
}

/** The bare ceiling depends on the body only, so an identical answer (server vs embedded) is measured once. */
const ceilings = new Map<string, Measurement>();

async function measureCeiling(
  generator: LoadGenerator,
  path: string,
  body: string,
  cookie: string,
  settings: LoadSettings,
) {
  const known = ceilings.get(body);
  if (known) return known;
  const bare = await startBareServer(body);
  try {
    // The same cookie header as the app gets, so both servers parse the same request.
    const figures = await hammer(generator, bare.baseUrl, path, cookie, settings);
    ceilings.set(body, figures);
    return figures;
  } finally {
    await bare.close();
  }
}

/** The pool settings of the app's database, for a bare pool of the same server and database. */
function bareConnection(database: Database): pg.PoolConfig {
  const { max: _max, ...options } = (database.pool as unknown as { options: pg.PoolConfig }).options;
  return options;
}

interface SignedIn {
  role: RouteUnderTest['role'];
  username: string;
  cookie: string;
}

async function measureRoutes(
  database: Database,
  generators: [LoadGenerator, LoadGenerator],
  options: BenchOptions,
  demoLogins: DemoLoadFigures['demoLogins'],
  label: string,
): Promise<{ routes: RouteMeasurement[]; mixed: MixedLoadMeasurement }> {
  const [generator, heavyGenerator] = generators;
  const settings: LoadSettings = {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  };
  const app = await startApp(database);
  const routes: RouteMeasurement[] = [];
  try {
    const sessions = new Map<RouteUnderTest['role'], SignedIn>();
    for (const role of ['manager', 'admin', 'supervisor'] as const) {
      const username =
        role === 'manager' && options.managerUsername ? options.managerUsername : demoUsername(demoLogins, role);
      sessions.set(role, { role, username, cookie: await signIn(app.baseUrl, username, DEMO_PASSWORD) });
    }
    const sessionOf = (role: RouteUnderTest['role']) => {
      const session = sessions.get(role);
      if (!session) throw new Error(`no ${role} session`);
      return session;
    };
    if (options.appWarmupSeconds > 0) {
      // A fresh process runs cold code: V8 has yet to optimise the app's hot paths and the database's caches are
      // cold. Without this the first route measured is penalised; uncounted, split between the routes.
      log(`${label}: warming the app up for ${options.appWarmupSeconds} s…`);
      const share = Math.max(1, Math.round(options.appWarmupSeconds / ROUTES.length));
      for (const route of ROUTES) {
        const { cookie } = sessionOf(route.role);
        await warmUp(generator, app.baseUrl, route.path, cookie, {
          ...settings,
          durationSeconds: share,
          warmupSeconds: 0,
        });
      }
    }
    for (const route of ROUTES) {
      const { cookie, username } = sessionOf(route.role);
      // The route's SQL, captured while it answers one request alone: the floor replays exactly that.
      let answer: RouteAnswer | undefined;
      const queries = await captureQueries(database, async () => {
        answer = await fetchRoute(app.baseUrl, route.path, cookie);
      });
      if (!answer) throw new Error(`GET ${route.path} gave no answer`);
      log(`${label}: ${route.label} (${username}): ${answer.bytes} bytes, ${queries.length} statements; measuring…`);
      const appFigures = await hammer(generator, app.baseUrl, route.path, cookie, settings);
      const floor = await replayFloor(bareConnection(database), queries, settings);
      const ceiling = route.ceiling ? await measureCeiling(generator, route.path, answer.body, cookie, settings) : null;
      log(
        `${label}: ${route.label}: app ${appFigures.requestsPerSecond.toFixed(0)} req/s, ` +
          `SQL floor ${floor.requestsPerSecond.toFixed(0)}/s`,
      );
      routes.push({
        label: route.label,
        path: route.path,
        username,
        role: route.role,
        visibleRetailers: answer.total,
        bodyBytes: answer.bytes,
        app: appFigures,
        floor,
        ceiling,
        appShareOfCeiling: ceiling ? appFigures.requestsPerSecond / ceiling.requestsPerSecond : null,
        appShareOfFloor: appFigures.requestsPerSecond / floor.requestsPerSecond,
      });
    }
    const mixed = await measureMixedLoad(app.baseUrl, [generator, heavyGenerator], sessionOf, settings, label);
    return { routes, mixed };
  } finally {
    await app.close();
  }
}

/**
 * One light route (a manager's list, few connections) alone, then again while a second client drives the heaviest
 * route (admin's 200-row search) with the other connections: how much one user's heavy work slows everyone else.
 */
async function measureMixedLoad(
  baseUrl: string,
  [lightGenerator, heavyGenerator]: [LoadGenerator, LoadGenerator],
  sessionOf: (role: RouteUnderTest['role']) => SignedIn,
  settings: LoadSettings,
  label: string,
): Promise<MixedLoadMeasurement> {
  const light = ROUTES.find((r) => r.label === 'manager list');
  const heavy = ROUTES.find((r) => r.label === 'admin 200-row search');
  if (!light || !heavy) throw new Error('the mixed load needs the manager list and the admin search');
  const lightConnections = Math.max(1, Math.floor(settings.connections / 5));
  const heavyConnections = Math.max(1, settings.connections - lightConnections);
  const lightSettings = { ...settings, connections: lightConnections };
  log(`${label}: mixed load: ${light.label} alone (${lightConnections} connections)…`);
  const alone = await hammer(lightGenerator, baseUrl, light.path, sessionOf(light.role).cookie, lightSettings);
  log(`${label}: mixed load: ${light.label} while ${heavy.label} runs on ${heavyConnections} connections…`);
  // The heavy client starts first and runs longer, so the whole light measurement happens under it.
  const heavySettings = {
    connections: heavyConnections,
    durationSeconds: settings.durationSeconds + settings.warmupSeconds + 2,
    warmupSeconds: 0,
  };
  const heavyRun = hammer(heavyGenerator, baseUrl, heavy.path, sessionOf(heavy.role).cookie, heavySettings);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const underHeavy = await hammer(lightGenerator, baseUrl, light.path, sessionOf(light.role).cookie, lightSettings);
  const heavyFigures = await heavyRun;
  return {
    light: { label: light.label, path: light.path, connections: lightConnections },
    heavy: { label: heavy.label, path: heavy.path, connections: heavyConnections },
    alone,
    underHeavy,
    heavyFigures,
  };
}

async function runOn(
  kind: DatabaseKind,
  options: BenchOptions,
  generators: [LoadGenerator, LoadGenerator],
): Promise<DatabaseRun> {
  log(`${kind}: opening a fresh database…`);
  const target: BenchDatabase =
    kind === 'embedded' ? await openEmbedded() : await openPostgres(options.postgresUrl, registerCleanup);
  try {
    log(`${kind}: ${target.version.split(' on ')[0]} at ${target.location}; loading the demo city…`);
    const demoCity = await timeDemoLoad(target.database, options, (phase) => log(`${kind}: phase ${phase}`));
    log(
      `${kind}: loaded in ${demoCity.seconds.toFixed(1)} s (${Math.round(demoCity.orderLinesPerSecond)} order lines/s)`,
    );
    const rowsByTable = await tableRowCounts(target.database);
    const bytes = await databaseBytes(target.database);
    const settleSeconds = await settleAfterLoad(target);
    const api =
      kind === 'server' && !options.postgresApi
        ? null
        : await measureRoutes(target.database, generators, options, demoCity.demoLogins, kind);
    return {
      kind,
      version: target.version,
      location: target.location,
      openSeconds: target.openSeconds,
      migrateSeconds: target.migrateSeconds,
      settleSeconds,
      demoCity: { ...demoCity, rowsByTable, databaseBytes: bytes },
      routes: api?.routes ?? null,
      mixedLoad: api?.mixed ?? null,
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

  const kinds: DatabaseKind[] = [];
  if (options.databases !== 'server') kinds.push('embedded');
  if (options.databases !== 'embedded') {
    if (await postgresReachable(options.postgresUrl)) kinds.push('server');
    else if (options.databases === 'server')
      throw new Error(`no PostgreSQL server answers at ${redactUrl(options.postgresUrl)}`);
    else notes.push(`PostgreSQL skipped: no server answers at ${redactUrl(options.postgresUrl)}`);
  }
  if (kinds.includes('server') && !options.postgresApi) notes.push('PostgreSQL: load time only (BENCH_POSTGRES_API=0)');

  const generators: [LoadGenerator, LoadGenerator] = [await LoadGenerator.start(), await LoadGenerator.start()];
  const runs: DatabaseRun[] = [];
  try {
    for (const kind of kinds) runs.push(await runOn(kind, options, generators));
  } finally {
    await Promise.all(generators.map((g) => g.stop()));
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
      routes: ROUTES.map((r) => `${r.label}: GET ${r.path} as ${r.role}`),
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
