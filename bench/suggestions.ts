/**
 * `npm run bench:suggestions`: suggested orders for the whole demo city, computed and stored, and the forecasts
 * behind them scored on the demo city's own order history.
 *
 * On a throw-away database of the PostgreSQL server at SUGGESTIONS_POSTGRES_URL (default 127.0.0.1:5432), the
 * demo city (SUGGESTIONS_RETAILERS, default 7,000, 26 weeks) is loaded, and the order limits the demo generator
 * applies to its scarce products (限量: 1 carton, 2 from tier 11, 3 from tier 21) are written as order_limits.
 * Then:
 *
 * 1. **City runs** — SUGGESTIONS_ROUNDS (default 3) runs of the weekly job's own function (`computeAndStore`,
 *    scope city): read the rollups, forecast every retailer × product, write every row with its history and
 *    figures, one transaction. Wall time of each, split into read / compute / write (target < 10 s).
 * 2. **One retailer on demand** — 10 retailers' recomputes (the route's service call), median.
 * 3. **Scores** — the last 8 weeks of the demo history held out: the series the suggestions read (the same
 *    preparation: start at the shop's first order, a prior for young series, festival terms fitted on training
 *    totals) forecast 8 weeks ahead at levels 0.1 … 0.9; WQL, RMSSE (on the mean), MASE (on the median, scale
 *    m = 1: the history is shorter than a year, so no yearly season), beside the baselines zero, seasonal naive
 *    (m = 1: last week's value), Croston (α 0.1) and the empirical quantiles of the last 12 weeks, all in the same
 *    run on the same series.
 *
 * Writes bench/results/suggestions-<retailers>-<date>.json (SUGGESTIONS_OUT overrides) with the machine, its load
 * and the commit. Timings on a loaded 2-core machine are what they are: the JSON says the load average.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addWeeks,
  type BaselineForecast,
  crostonForecast,
  empiricalQuantileForecast,
  forecastSeries,
  meanOfDefined,
  QUANTILE_LEVELS,
  seasonalNaiveForecast,
  seriesMase,
  seriesRmsse,
  WqlAccumulator,
  weekOf,
  zeroForecast,
} from '@siyi/algorithms';
import { sql } from 'drizzle-orm';
import { systemClock } from '../apps/server/src/lib/clock';
import {
  DEFAULT_SUGGESTION_PARAMETERS,
  fitFestivalProfiles,
  prepareSeries,
  suggestionWindow,
} from '../apps/server/src/modules/suggestions/suggestion-compute';
import * as repo from '../apps/server/src/modules/suggestions/suggestions.repository';
import { computeAndStore } from '../apps/server/src/modules/suggestions/suggestions.service';
import { openPostgres } from './bench-databases';
import { timeDemoLoad } from './demo-load';
import { currentLoadAverage, gitState, machineFacts } from './machine';

const retailers = Number(process.env.SUGGESTIONS_RETAILERS ?? 7000);
const rounds = Number(process.env.SUGGESTIONS_ROUNDS ?? 3);
const postgresUrl = process.env.SUGGESTIONS_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HELD_OUT = 8;

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

const r1 = (n: number) => Math.round(n * 10) / 10;
const r4 = (n: number) => Math.round(n * 10_000) / 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** WQL pooled over series, MASE on the median (level 0.5), RMSSE on the mean. */
class Scorer {
  private readonly wql = new WqlAccumulator(QUANTILE_LEVELS);
  private readonly mase: number[] = [];
  private readonly rmsse: number[] = [];
  add(train: readonly number[], test: readonly number[], f: BaselineForecast) {
    this.wql.add(test, f.quantiles);
    this.mase.push(
      seriesMase(
        train,
        test,
        f.quantiles.map((row) => row[4] as number),
        1,
      ),
    );
    this.rmsse.push(seriesRmsse(train, test, f.mean));
  }
  scores() {
    return { wql: r4(this.wql.value), rmsse: r4(meanOfDefined(this.rmsse)), mase: r4(meanOfDefined(this.mase)) };
  }
}

async function main() {
  const machine = machineFacts();
  const bench = await openPostgres(postgresUrl, registerCleanup);
  try {
    process.stdout.write(`demo city with ${retailers} retailers on ${bench.version.split(',')[0]}…\n`);
    const load = await timeDemoLoad(bench.database, { retailers, weeks: undefined }, () => {});
    process.stdout.write(`loaded in ${load.seconds.toFixed(1)} s (${load.summary.orderLines} order lines)\n`);
    const pool = bench.database.pool;
    await pool.query(`
      insert into order_limits (product_id, tier_from, tier_to, max_cartons)
      select p.id, b.tier_from, b.tier_to, b.max_cartons from products p
      cross join (values (1, 10, 1), (11, 20, 2), (21, 30, 3)) as b(tier_from, tier_to, max_cartons)
      where p.is_scarce`);
    await pool.query('analyze');
    const deps = { db: bench.database.db, clock: systemClock };
    const week = weekOf(systemClock.now());

    // 1. City runs.
    const cityRuns = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      const run = await computeAndStore(deps, { scope: 'city' }, week, { kind: 'schedule' });
      const row = {
        round: i + 1,
        seconds: Math.round((performance.now() - t) / 10) / 100,
        readMs: Math.round(run.timings.readMs),
        computeMs: Math.round(run.timings.computeMs),
        computeCpuMs: Math.round(run.timings.computeCpuMs),
        writeMs: Math.round(run.timings.writeMs),
        retailers: run.retailerCount,
        suggestions: run.rows.length,
        nonZero: run.rows.filter((r) => r.quantity > 0).length,
        limited: run.rows.filter((r) => r.figures.limited).length,
        prior: run.rows.filter((r) => r.figures.basis === 'prior').length,
      };
      process.stdout.write(`${JSON.stringify(row)}\n`);
      cityRuns.push(row);
    }
    const stored = (
      await pool.query<{ n: number; bytes: number }>(
        `select count(*)::int as n, pg_total_relation_size('order_suggestions')::bigint as bytes
         from order_suggestions where week_start = $1`,
        [week],
      )
    ).rows[0];

    // 2. One retailer on demand.
    const sample = (
      await pool.query<{ id: number }>(`select id from retailers where status = 'active' order by id limit 10`)
    ).rows;
    const oneMs: number[] = [];
    const admin = { id: 1, role: 'admin' as const, orgUnitId: 1, retailerId: null };
    for (const { id } of sample) {
      const retailer = await repo.findRetailerInScope(deps.db, sql`true`, id);
      if (!retailer) continue;
      const t = performance.now();
      await computeAndStore(deps, { scope: 'retailer', retailer }, week, {
        kind: 'request',
        actor: admin,
        audit: false,
      });
      oneMs.push(performance.now() - t);
    }

    // 3. Scores: the last 8 weeks held out.
    const parameters = DEFAULT_SUGGESTION_PARAMETERS;
    const trainWeek = addWeeks(week, -HELD_OUT);
    const trainWindow = suggestionWindow(trainWeek, parameters.historyWeeks);
    const fullWindow = suggestionWindow(week, parameters.historyWeeks);
    const active = await repo.findActiveRetailers(deps.db);
    const trainSeries = await repo.readSeries(deps.db, trainWindow, null);
    const fullSeries = await repo.readSeries(deps.db, fullWindow, null);
    const products = await repo.readProducts(deps.db);
    const prepared = prepareSeries({
      window: trainWindow,
      parameters,
      retailers: active,
      series: trainSeries,
      priorSeries: trainSeries,
      priorShops: new Map(active.map((r) => [r.id, r])),
      stock: [],
      limits: [],
      products,
      festival: fitFestivalProfiles(trainSeries, trainWindow, products),
    });
    // The held-out weeks of each series: offsets W-8 … W-1 of the full window.
    const heldOut = new Map<string, number[]>();
    const W = fullWindow.weeks;
    for (const row of fullSeries) {
      const test = new Array<number>(HELD_OUT).fill(0);
      for (let i = 0; i < row.weeks.length; i++) {
        const w = (row.weeks[i] as number) - (W - HELD_OUT);
        if (w >= 0) test[w] = (test[w] as number) + (row.quantities[i] as number);
      }
      heldOut.set(`${row.retailerId}:${row.productId}`, test);
    }
    const ours = new Scorer();
    const baselines = {
      zero: new Scorer(),
      seasonalNaive: new Scorer(),
      croston: new Scorer(),
      empiricalQuantile12: new Scorer(),
    };
    const methods: Record<string, number> = {};
    let forecastMs = 0;
    for (const p of prepared) {
      const test = heldOut.get(`${p.retailer.id}:${p.productId}`) ?? new Array<number>(HELD_OUT).fill(0);
      const t = performance.now();
      const f = forecastSeries(p.history, { ...p.options, horizon: HELD_OUT, levels: QUANTILE_LEVELS });
      forecastMs += performance.now() - t;
      methods[f.method] = (methods[f.method] ?? 0) + 1;
      ours.add(p.history, test, f);
      baselines.zero.add(p.history, test, zeroForecast(HELD_OUT, QUANTILE_LEVELS));
      baselines.seasonalNaive.add(p.history, test, seasonalNaiveForecast(p.history, HELD_OUT, QUANTILE_LEVELS, 1));
      baselines.croston.add(p.history, test, crostonForecast(p.history, HELD_OUT, QUANTILE_LEVELS));
      baselines.empiricalQuantile12.add(
        p.history,
        test,
        empiricalQuantileForecast(p.history, HELD_OUT, QUANTILE_LEVELS, 12),
      );
    }
    const scores = {
      series: prepared.length,
      horizon: HELD_OUT,
      trainWeeks: `${trainWindow.fromWeek} … ${trainWindow.toWeek}`,
      heldOutWeeks: `${addWeeks(week, -HELD_OUT)} … ${addWeeks(week, -1)}`,
      ...ours.scores(),
      ms: Math.round(forecastMs),
      methods,
      baselines: Object.fromEntries(Object.entries(baselines).map(([k, v]) => [k, v.scores()])),
    };
    process.stdout.write(`${JSON.stringify(scores)}\n`);

    const result = {
      bench: 'suggestions',
      at: new Date().toISOString(),
      git: gitState(),
      machine,
      loadAverageAtEnd: currentLoadAverage(),
      database: bench.version,
      demoLoadSeconds: r1(load.seconds),
      retailers: load.summary.retailers,
      orderLines: load.summary.orderLines,
      week,
      parameters,
      cityRuns,
      cityMedianSeconds: median(cityRuns.map((r) => r.seconds)),
      storedRows: stored?.n ?? 0,
      storedTableBytes: Number(stored?.bytes ?? 0),
      oneRetailerMedianMs: Math.round(median(oneMs)),
      scores,
    };
    process.stdout.write(
      `${JSON.stringify({ cityMedianSeconds: result.cityMedianSeconds, oneRetailerMedianMs: result.oneRetailerMedianMs })}\n`,
    );
    const out =
      process.env.SUGGESTIONS_OUT ??
      join(
        dirname(fileURLToPath(import.meta.url)),
        'results',
        `suggestions-${retailers}-${new Date().toISOString().slice(0, 10)}.json`,
      );
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`written to ${out}\n`);
  } finally {
    await bench.dispose();
  }
}

await main();
