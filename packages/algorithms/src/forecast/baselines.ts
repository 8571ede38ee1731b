/**
 * Simple baselines every forecast score is printed beside (see ../shared/data/README.md). Each returns
 * quantiles[step][j] at the given levels and a mean per step.
 */
import { crostonLevel, empiricalQuantilesInto } from './methods';

export interface BaselineForecast {
  quantiles: number[][];
  mean: number[];
}

function flat(value: number, horizon: number, levels: readonly number[]): BaselineForecast {
  return {
    quantiles: Array.from({ length: horizon }, () => levels.map(() => value)),
    mean: new Array<number>(horizon).fill(value),
  };
}

/** Zero everywhere (WQL exactly 1). */
export function zeroForecast(horizon: number, levels: readonly number[]): BaselineForecast {
  return flat(0, horizon, levels);
}

/** Seasonal naive: step s repeats the value one season (m periods) earlier; every quantile equals it. */
export function seasonalNaiveForecast(
  history: readonly number[],
  horizon: number,
  levels: readonly number[],
  m = 12,
): BaselineForecast {
  const quantiles: number[][] = [];
  const mean: number[] = [];
  const n = history.length;
  for (let s = 0; s < horizon; s++) {
    // The value m periods before step s; for steps beyond one season, the same month of the last season.
    const back = n - m + (s % m);
    const v = back >= 0 && back < n ? (history[back] as number) : n > 0 ? (history[n - 1] as number) : 0;
    quantiles.push(levels.map(() => v));
    mean.push(v);
  }
  return { quantiles, mean };
}

/** Classic Croston (α = 0.1) point forecast, used for every quantile. */
export function crostonForecast(
  history: readonly number[],
  horizon: number,
  levels: readonly number[],
  alpha = 0.1,
): BaselineForecast {
  return flat(crostonLevel(history, alpha), horizon, levels);
}

/** Empirical quantiles of the last `window` periods (default 12), the same at every step; mean of the window. */
export function empiricalQuantileForecast(
  history: readonly number[],
  horizon: number,
  levels: readonly number[],
  window = 12,
): BaselineForecast {
  const q = new Float64Array(levels.length);
  empiricalQuantilesInto(history, window, levels, q, 0, new Float64Array(Math.max(1, window)));
  const start = Math.max(0, history.length - window);
  let sum = 0;
  for (let t = start; t < history.length; t++) sum += history[t] as number;
  const mean = history.length > start ? sum / (history.length - start) : 0;
  return {
    quantiles: Array.from({ length: horizon }, () => Array.from(q)),
    mean: new Array<number>(horizon).fill(mean),
  };
}
