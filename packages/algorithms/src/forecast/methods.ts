/**
 * Level estimators for short, intermittent demand: each reads a history (oldest first, one value per period,
 * zeros included) and returns the expected demand per period for the periods ahead (a flat forecast). Pure and
 * allocation-free: they read `history[from … to)`, so a rolling-origin holdout can call them on a prefix
 * without slicing.
 */

/** Simple exponential smoothing: level ← level + α(y − level), started at the first value. */
export function sesLevel(history: ArrayLike<number>, alpha: number, from = 0, to = history.length): number {
  if (to <= from) return 0;
  let level = history[from] as number;
  for (let t = from + 1; t < to; t++) level += alpha * ((history[t] as number) - level);
  return level;
}

/**
 * Croston's method: the size of the nonzero demands and the interval between them, each smoothed with α at
 * each nonzero demand; forecast size / interval. The first interval counts from the start of the history.
 * `debias` = 1 − α/2 gives the Syntetos–Boylan approximation (SBA); 1 is the classic method.
 */
export function crostonLevel(
  history: ArrayLike<number>,
  alpha: number,
  debias = 1,
  from = 0,
  to = history.length,
): number {
  let size = 0;
  let interval = 0;
  let since = 0;
  let started = false;
  for (let t = from; t < to; t++) {
    since++;
    const y = history[t] as number;
    if (y > 0) {
      if (started) {
        size += alpha * (y - size);
        interval += alpha * (since - interval);
      } else {
        size = y;
        interval = since;
        started = true;
      }
      since = 0;
    }
  }
  return started ? (debias * size) / interval : 0;
}

/** Syntetos–Boylan approximation: Croston × (1 − α/2). */
export function sbaLevel(history: ArrayLike<number>, alpha: number, from = 0, to = history.length): number {
  return crostonLevel(history, alpha, 1 - alpha / 2, from, to);
}

/**
 * Teunter–Syntetos–Babai (TSB): the probability of a nonzero demand is smoothed every period (β), so a series
 * that stops selling decays toward zero instead of waiting for its next sale as Croston does; the size of the
 * nonzero demands is smoothed at each one (α). Forecast probability × size.
 */
export function tsbLevel(
  history: ArrayLike<number>,
  alpha: number,
  beta: number,
  from = 0,
  to = history.length,
): number {
  let prob = -1;
  let size = 0;
  let nonzero = 0;
  for (let t = from; t < to; t++) {
    const y = history[t] as number;
    const hit = y > 0 ? 1 : 0;
    if (prob < 0) {
      prob = hit;
    } else {
      prob += beta * (hit - prob);
    }
    if (hit) {
      size = nonzero === 0 ? y : size + alpha * (y - size);
      nonzero++;
    }
  }
  return prob < 0 ? 0 : prob * size;
}

/** Mean of the last `window` periods before `to` (fewer when the history is shorter). */
export function windowMean(history: ArrayLike<number>, window: number, from = 0, to = history.length): number {
  const start = Math.max(from, to - window);
  if (to <= start) return 0;
  let sum = 0;
  for (let t = start; t < to; t++) sum += history[t] as number;
  return sum / (to - start);
}

/** Variance (divided by n) of the last `window` periods before `to`. */
export function windowVariance(history: ArrayLike<number>, window: number, from = 0, to = history.length): number {
  const start = Math.max(from, to - window);
  const n = to - start;
  if (n <= 1) return 0;
  let sum = 0;
  let sq = 0;
  for (let t = start; t < to; t++) {
    const y = history[t] as number;
    sum += y;
    sq += y * y;
  }
  const mean = sum / n;
  return Math.max(0, sq / n - mean * mean);
}

/**
 * Empirical quantiles of the last `window` periods: for each ascending level q, the smallest observed value v
 * with (count of values ≤ v) / n ≥ q (the inverse of the empirical distribution). Writes into out[offset + j].
 * `scratch` must hold at least `window` numbers (it is sorted in place).
 */
export function empiricalQuantilesInto(
  history: ArrayLike<number>,
  window: number,
  levels: readonly number[],
  out: number[] | Float64Array,
  offset: number,
  scratch: Float64Array,
  from = 0,
  to = history.length,
): void {
  const start = Math.max(from, to - window);
  const n = to - start;
  if (n <= 0) {
    for (let j = 0; j < levels.length; j++) out[offset + j] = 0;
    return;
  }
  for (let t = start; t < to; t++) scratch[t - start] = history[t] as number;
  const view = scratch.subarray(0, n);
  view.sort();
  for (let j = 0; j < levels.length; j++) {
    const rank = Math.max(1, Math.ceil((levels[j] as number) * n - 1e-9));
    out[offset + j] = view[Math.min(n, rank) - 1] as number;
  }
}
