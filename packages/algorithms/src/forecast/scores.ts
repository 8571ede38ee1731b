/**
 * Forecast scores, exactly as ../shared/data/README.md defines them (the Chronos evaluation protocol):
 * - WQL: Σ over series, steps and levels of 2·pinball(q, y, f), ÷ (number of levels · Σ|y|) over the held-out
 *   values. Forecasting zero everywhere scores exactly 1.
 * - MASE: per series, mean |y − median| over the held-out steps ÷ mean in-sample |y_t − y_{t−m}| (m = 12);
 *   series with a zero denominator are left out; mean over series.
 * - RMSSE: per series, √(mean (y − mean forecast)² ÷ mean in-sample (y_t − y_{t−1})²); series with a zero
 *   denominator are left out; mean over series.
 */

/** 2 · pinball loss of forecast f at level q for outcome y. */
export function quantileLoss(q: number, y: number, f: number): number {
  return 2 * (y >= f ? q * (y - f) : (1 - q) * (f - y));
}

/** Accumulates WQL over series: add each series' held-out values and quantile forecasts, then read `value`. */
export class WqlAccumulator {
  private loss = 0;
  private scale = 0;
  constructor(readonly levels: readonly number[]) {}

  /** `quantiles[step][j]` is the forecast at levels[j] for actual[step]. */
  add(actual: readonly number[], quantiles: readonly (readonly number[])[]): void {
    for (let s = 0; s < actual.length; s++) {
      const y = actual[s] as number;
      const row = quantiles[s] as readonly number[];
      for (let j = 0; j < this.levels.length; j++)
        this.loss += quantileLoss(this.levels[j] as number, y, row[j] as number);
      this.scale += Math.abs(y);
    }
  }

  /** The total loss so far (before scaling). */
  get totalLoss(): number {
    return this.loss;
  }

  /** Σ|y| so far. */
  get totalScale(): number {
    return this.scale;
  }

  /** WQL = loss ÷ (levels · Σ|y|); NaN when every held-out value is zero. */
  get value(): number {
    return this.scale > 0 ? this.loss / (this.levels.length * this.scale) : Number.NaN;
  }
}

/** WQL of a set of series (see WqlAccumulator). */
export function weightedQuantileLoss(
  actuals: readonly (readonly number[])[],
  forecasts: readonly (readonly (readonly number[])[])[],
  levels: readonly number[],
): number {
  const acc = new WqlAccumulator(levels);
  for (let i = 0; i < actuals.length; i++) acc.add(actuals[i] as number[], forecasts[i] as number[][]);
  return acc.value;
}

/** Mean in-sample |y_t − y_{t−m}| (the MASE scale); NaN when the history is not longer than m. */
export function maseScale(history: readonly number[], m: number): number {
  if (history.length <= m) return Number.NaN;
  let sum = 0;
  for (let t = m; t < history.length; t++) sum += Math.abs((history[t] as number) - (history[t - m] as number));
  return sum / (history.length - m);
}

/** Mean in-sample (y_t − y_{t−1})² (the RMSSE scale); NaN for fewer than two values. */
export function rmsseScale(history: readonly number[]): number {
  if (history.length < 2) return Number.NaN;
  let sum = 0;
  for (let t = 1; t < history.length; t++) {
    const d = (history[t] as number) - (history[t - 1] as number);
    sum += d * d;
  }
  return sum / (history.length - 1);
}

/** One series' MASE term: mean |y − f| ÷ scale; NaN when the scale is zero (the series is left out). */
export function seriesMase(history: readonly number[], actual: readonly number[], median: readonly number[], m = 12) {
  const scale = maseScale(history, m);
  if (!(scale > 0)) return Number.NaN;
  let sum = 0;
  for (let s = 0; s < actual.length; s++) sum += Math.abs((actual[s] as number) - (median[s] as number));
  return sum / actual.length / scale;
}

/** One series' RMSSE term: √(mean (y − f)² ÷ scale); NaN when the scale is zero (the series is left out). */
export function seriesRmsse(history: readonly number[], actual: readonly number[], mean: readonly number[]) {
  const scale = rmsseScale(history);
  if (!(scale > 0)) return Number.NaN;
  let sum = 0;
  for (let s = 0; s < actual.length; s++) {
    const d = (actual[s] as number) - (mean[s] as number);
    sum += d * d;
  }
  return Math.sqrt(sum / actual.length / scale);
}

/** Mean of the finite terms (the series left out are NaN); NaN when none is finite. */
export function meanOfDefined(terms: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const t of terms) {
    if (Number.isFinite(t)) {
      sum += t;
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}

/** MASE over series (mean of the defined per-series terms). */
export function mase(
  histories: readonly (readonly number[])[],
  actuals: readonly (readonly number[])[],
  medians: readonly (readonly number[])[],
  m = 12,
): number {
  return meanOfDefined(histories.map((h, i) => seriesMase(h, actuals[i] as number[], medians[i] as number[], m)));
}

/** RMSSE over series (mean of the defined per-series terms). */
export function rmsse(
  histories: readonly (readonly number[])[],
  actuals: readonly (readonly number[])[],
  means: readonly (readonly number[])[],
): number {
  return meanOfDefined(histories.map((h, i) => seriesRmsse(h, actuals[i] as number[], means[i] as number[])));
}
