/**
 * Time of a tier preview and of publishing it, on the demo city, through the app's own routes (app.inject: no
 * network, but validation, the service, the SQL and the JSON answer all count):
 *
 *   npx tsx bench/tier-runs.ts                       # 7,000 retailers (the demo city)
 *   TIERS_RETAILERS=30000 npx tsx bench/tier-runs.ts # 30,000
 *
 * On a throw-away database of the PostgreSQL server at TIERS_POSTGRES_URL (default 127.0.0.1:5432). Two cases:
 * "as loaded" (the demo city's tiers were computed by the same method from the same 13 weeks, over every shop;
 * the preview tiers active shops only, so the moves are the shops that closed or were suspended shifting the
 * quantiles), and "shuffled" (every retailer's tier moved by −3 … +3 first, as if last quarter's tiers: most
 * retailers move) — TIERS_ROUNDS rounds (default 3) of shuffle → preview → open the first page → publish.
 * Prints the figures and, with TIERS_OUT, writes them as JSON.
 */
import { writeFileSync } from 'node:fs';
import type { TierPublishResponse, TierRunSummary } from '@siyi/contracts';
import { buildApp } from '../apps/server/src/app';
import { testConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/database';
import { systemClock } from '../apps/server/src/lib/clock';
import { type BenchDatabase, openPostgres } from './bench-databases';
import { redactUrl } from './bench-options';
import { DEMO_PASSWORD, timeDemoLoad } from './demo-load';
import { currentLoadAverage, gitState, machineFacts } from './machine';

const retailers = Number(process.env.TIERS_RETAILERS ?? 7000);
const rounds = Number(process.env.TIERS_ROUNDS ?? 3);
const postgresUrl = process.env.TIERS_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups = new Set<() => Promise<void>>();
const registerCleanup = (cleanup: () => Promise<void>) => {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
  });
}

/**
 * TIERS_DATABASE_URL: a database that already holds a demo city (loading 30,000 retailers takes minutes on a busy
 * machine); it is used as it is and kept — the runs publish, so its tiers change.
 */
const existingUrl = process.env.TIERS_DATABASE_URL;

async function openExisting(url: string): Promise<BenchDatabase> {
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  const version = (await database.pool.query<{ version: string }>('select version() as version')).rows[0]?.version;
  return {
    database,
    version: version ?? 'unknown',
    location: redactUrl(url),
    openSeconds: 0,
    migrateSeconds: 0,
    dispose: () => database.close(),
  };
}

async function countsOf(bench: BenchDatabase) {
  const one = async (table: string) =>
    (await bench.database.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n ?? 0;
  return { retailers: await one('retailers'), orderLines: await one('order_lines') };
}

const ms = (since: number) => Math.round((performance.now() - since) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
  const machine = machineFacts();
  const bench = existingUrl ? await openExisting(existingUrl) : await openPostgres(postgresUrl, registerCleanup);
  try {
    process.stdout.write(`demo city with ${retailers} retailers on ${bench.version.split(',')[0]}…\n`);
    const load = existingUrl
      ? { seconds: Number.NaN, summary: await countsOf(bench) }
      : await timeDemoLoad(bench.database, { retailers, weeks: undefined }, () => {});
    process.stdout.write(`loaded in ${load.seconds.toFixed(1)} s\n`);
    const app = await buildApp({
      config: testConfig(),
      database: bench.database,
      clock: systemClock,
      webDist: '/nonexistent-web-dist',
    });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`admin sign-in: ${login.statusCode} ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const headers = { cookie, 'x-csrf-token': csrf };

    const once = async (label: string) => {
      let t = performance.now();
      const preview = await app.inject({ method: 'POST', url: '/api/tiers/preview', headers });
      const previewMs = ms(t);
      if (preview.statusCode !== 200) throw new Error(`preview: ${preview.statusCode} ${preview.body}`);
      const run = preview.json<TierRunSummary>();
      t = performance.now();
      const page = await app.inject({ method: 'GET', url: `/api/tiers/runs/${run.id}?pageSize=20`, headers });
      const openMs = ms(t);
      if (page.statusCode !== 200) throw new Error(`open: ${page.statusCode}`);
      t = performance.now();
      const publish = await app.inject({
        method: 'POST',
        url: '/api/tiers/publish',
        headers,
        payload: { runId: run.id },
      });
      const publishMs = ms(t);
      if (publish.statusCode !== 200) throw new Error(`publish: ${publish.statusCode} ${publish.body}`);
      const applied = publish.json<TierPublishResponse>().applied;
      const row = {
        label,
        retailerCount: run.retailerCount,
        moves: run.moveCount,
        applied,
        previewMs,
        openMs,
        publishMs,
      };
      process.stdout.write(`${JSON.stringify(row)}\n`);
      return row;
    };

    const asLoaded = await once('as loaded');
    const shuffled = [];
    for (let i = 0; i < rounds; i++) {
      // Deterministic per round: −3 … +3 from a hash of the id, kept within 1 … 30.
      // Not timed, and not bound by the pool's 15 s per statement: 30,000 rows on a busy machine take longer.
      const client = await bench.database.pool.connect();
      try {
        await client.query('begin');
        await client.query(`set local statement_timeout = 0`);
        await client.query(
          `update retailers set tier = greatest(1, least(30, tier + (abs(hashint4(id + $1)) % 7) - 3))`,
          [i * 7919],
        );
        await client.query('commit');
      } finally {
        client.release();
      }
      shuffled.push(await once(`shuffled ${i + 1}`));
    }
    await app.close();
    const result = {
      bench: 'tier-runs',
      at: new Date().toISOString(),
      git: gitState(),
      machine,
      loadAverageAtEnd: currentLoadAverage(),
      database: bench.version,
      demoLoadSeconds: Number.isNaN(load.seconds) ? null : Math.round(load.seconds * 10) / 10,
      existingDatabase: existingUrl ? redactUrl(existingUrl) : null,
      retailers: load.summary.retailers,
      orderLines: load.summary.orderLines,
      asLoaded,
      shuffled,
      medians: {
        moves: median(shuffled.map((r) => r.moves)),
        previewMs: median(shuffled.map((r) => r.previewMs)),
        openMs: median(shuffled.map((r) => r.openMs)),
        publishMs: median(shuffled.map((r) => r.publishMs)),
      },
    };
    process.stdout.write(`${JSON.stringify(result.medians)}\n`);
    if (process.env.TIERS_OUT) writeFileSync(process.env.TIERS_OUT, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await bench.dispose();
  }
}

await main();
