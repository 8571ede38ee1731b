/**
 * `npx tsx bench/forecast-speed.ts [N]`: the forecaster's throughput on N synthetic weekly series (default 200,000,
 * the size of the demo city: 7,000 retailers × their products). Each series is 20–104 weeks of Poisson sales with a
 * rate drawn from 0.2 to 6.2 cartons a week (seeded, so every run forecasts the same series). Times, on one core:
 * the pooled settings (`fitPooledSettings`, 2,000 series sampled, horizon 4, two origins), then `forecastSeries` +
 * `suggestOrder` (horizon 2, a one-week cycle) for every series. Prints one JSON line with wall and CPU time;
 * CPU time is the honest figure on a shared machine. The demo city's own figures are in bench/suggestions.ts.
 */
import { fitPooledSettings, forecastSeries, Random, suggestOrder } from '@siyi/algorithms';
import { currentLoadAverage } from './machine';

function poisson(rnd: Random, rate: number): number {
  let k = 0;
  let p = Math.exp(-rate);
  let c = p;
  const u = rnd.next();
  while (u > c && k < 200) {
    k++;
    p *= rate / k;
    c += p;
  }
  return k;
}

function main() {
  const n = Number(process.argv[2] ?? 200_000);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: [N] (a whole number of series)');
  const rnd = new Random(7);
  const series: number[][] = [];
  for (let s = 0; s < n; s++) {
    const rate = 0.2 + 6 * rnd.next() ** 2;
    const weeks = 20 + Math.floor(rnd.next() * 85);
    series.push(Array.from({ length: weeks }, () => poisson(rnd, rate)));
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let wall = performance.now();
  let c = cpu();
  const pooled = fitPooledSettings(series, { horizon: 4, maxSeries: 2000, origins: 2 });
  const fit = { ms: Math.round(performance.now() - wall), cpuMs: Math.round(cpu() - c) };
  wall = performance.now();
  c = cpu();
  let ordered = 0;
  for (const h of series) {
    const forecast = forecastSeries(h, { horizon: 2, config: pooled.config });
    ordered += suggestOrder({ forecast, cycleSteps: 1 }).quantity;
  }
  const all = { ms: Math.round(performance.now() - wall), cpuMs: Math.round(cpu() - c) };
  process.stdout.write(
    `${JSON.stringify({
      series: n,
      fit,
      forecastAndSuggest: all,
      cpuMicrosPerSeries: Math.round(((all.cpuMs + fit.cpuMs) * 1000) / n),
      cartonsSuggested: ordered,
      loadAverage: currentLoadAverage(),
    })}\n`,
  );
}

main();
