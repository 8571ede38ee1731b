/**
 * `npm run bench:forecast -- FILE.csv`: the demand forecaster on a wide CSV (`Part, Jan-98, …`, one series per row),
 * following ../shared/data/README.md: blanks are 0, the last 12 periods are held out, quantiles 0.1 … 0.9. Prints
 * ONE JSON line { series, horizon, wql, rmsse, mase, ms, baselines: { zero, seasonalNaive, croston,
 * empiricalQuantile12 } } with every baseline scored in the same run; `ms` is the forecaster's own time for all
 * series (pooled fitting included). Writes the line, with the machine and git state, to bench/results/forecast-<name>-<date>.json.
 *
 * Options:
 *   --validate   score on the training part only: the held-out 12 periods are dropped and the 12 before them are
 *                held out instead. Every tuning choice of the forecaster is made in this mode, never on the
 *                real held-out periods.
 *   --config J   JSON overrides of the forecaster's config (ForecastConfig), for such tuning.
 *   --out FILE   result file (default forecast-<name>[-validate]-<date>.json in bench/results).
 */
import { basename, resolve } from 'node:path';
import {
  type BaselineForecast,
  crostonForecast,
  empiricalQuantileForecast,
  type ForecastConfig,
  fitPooledSettings,
  forecastSeries,
  meanOfDefined,
  QUANTILE_LEVELS,
  seasonalNaiveForecast,
  seriesMase,
  seriesRmsse,
  WqlAccumulator,
  zeroForecast,
} from '@siyi/algorithms';
import { readWideCsv } from './forecast-data';
import { gitState, machineFacts } from './machine';
import { ResultWriter, round } from './routing/bench-io';

const HORIZON = 12;
const SEASON = 12;

interface Scores {
  wql: number;
  rmsse: number;
  mase: number;
}

/** Scores one method over all series: WQL (pooled), MASE on the median, RMSSE on the mean. */
class Scorer {
  private readonly wql = new WqlAccumulator(QUANTILE_LEVELS);
  private readonly mase: number[] = [];
  private readonly rmsse: number[] = [];
  add(train: readonly number[], test: readonly number[], f: BaselineForecast) {
    this.wql.add(test, f.quantiles);
    const median = f.quantiles.map((row) => row[4] as number);
    this.mase.push(seriesMase(train, test, median, SEASON));
    this.rmsse.push(seriesRmsse(train, test, f.mean));
  }
  scores(): Scores {
    return {
      wql: round(this.wql.value, 4),
      rmsse: round(meanOfDefined(this.rmsse), 4),
      mase: round(meanOfDefined(this.mase), 4),
    };
  }
}

function parseArgs(argv: readonly string[]) {
  let file: string | undefined;
  let validate = false;
  let config: Partial<ForecastConfig> = {};
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--validate') validate = true;
    else if (arg === '--config') config = JSON.parse(value()) as Partial<ForecastConfig>;
    else if (arg === '--out') out = value();
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else file = arg;
  }
  if (file === undefined) throw new Error('usage: FILE.csv [--validate] [--config JSON] [--out FILE]');
  return { file: resolve(process.env.INIT_CWD ?? process.cwd(), file), validate, config, out };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const data = readWideCsv(args.file);
  const cut = args.validate ? HORIZON : 0;
  const histories = data.series.map((s) => s.slice(0, s.length - cut));
  const trains = histories.map((s) => s.slice(0, s.length - HORIZON));
  const tests = histories.map((s) => s.slice(s.length - HORIZON));
  const levels = QUANTILE_LEVELS;

  // The forecaster's whole work, timed: pooled settings (level drift, level calibration) fitted on the training
  // part of every series (its own last 12 periods held out), then each series forecast.
  const started = performance.now();
  const pooled = fitPooledSettings(trains, { horizon: HORIZON, config: args.config, byRecency: true, origins: 2 });
  const config = { ...args.config, ...pooled.config };
  const forecasts = trains.map((train) => forecastSeries(train, { horizon: HORIZON, levels, config }));
  const ms = performance.now() - started;

  const ours = new Scorer();
  const base = {
    zero: new Scorer(),
    seasonalNaive: new Scorer(),
    croston: new Scorer(),
    empiricalQuantile12: new Scorer(),
  };
  const methods = new Map<string, number>();
  for (let i = 0; i < trains.length; i++) {
    const train = trains[i] as number[];
    const test = tests[i] as number[];
    const f = forecasts[i];
    if (!f) continue;
    ours.add(train, test, f);
    methods.set(f.method, (methods.get(f.method) ?? 0) + 1);
    base.zero.add(train, test, zeroForecast(HORIZON, levels));
    base.seasonalNaive.add(train, test, seasonalNaiveForecast(train, HORIZON, levels, SEASON));
    base.croston.add(train, test, crostonForecast(train, HORIZON, levels));
    base.empiricalQuantile12.add(train, test, empiricalQuantileForecast(train, HORIZON, levels, 12));
  }
  const line = {
    series: trains.length,
    horizon: HORIZON,
    ...ours.scores(),
    ms: round(ms, 1),
    baselines: {
      zero: base.zero.scores(),
      seasonalNaive: base.seasonalNaive.scores(),
      croston: base.croston.scores(),
      empiricalQuantile12: base.empiricalQuantile12.scores(),
    },
  };
  const name = basename(args.file, '.csv');
  const date = new Date().toISOString().slice(0, 10);
  const writer = new ResultWriter(args.out ?? `forecast-${name}${args.validate ? '-validate' : ''}-${date}.json`);
  writer.header({
    kind: 'forecast',
    file: args.file,
    protocol: args.validate
      ? 'validation inside the training part: last 12 periods dropped, the 12 before them held out'
      : 'blanks = 0, last 12 periods held out, quantiles 0.1…0.9',
    config: args.config,
    pooled: { ...pooled.config, series: pooled.series, holdout: pooled.holdout, lossByScale: pooled.lossByScale },
    machine: machineFacts(),
    git: gitState(),
  });
  writer.line(line);
  writer.summary({ chosenMethods: Object.fromEntries([...methods].sort()) });
}

main();
