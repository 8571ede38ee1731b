/**
 * Count distributions for demand: Poisson and negative binomial (mean μ, variance μ + μ²/k), and their quantiles.
 *
 * Demand is a whole number of cartons, so a quantile is the smallest count n with P(Y ≤ n) ≥ q: the value that
 * minimises the expected pinball loss at level q. Quantiles of several levels are read in one walk up the
 * cumulative distribution (levels sorted ascending), without allocating. Large means (μ > 400) use a normal
 * approximation with the same mean and variance (the walk would be long and the shapes are then near-normal).
 */

/** Above this mean the normal approximation is used. */
const WALK_LIMIT_MEAN = 400;

/**
 * Writes into `out[offset + j]` the quantile at `levels[j]` of a count with mean `mean` and variance `variance`:
 * Poisson when variance ≤ mean (under-dispersed counts are treated as Poisson), negative binomial otherwise.
 * `levels` must be ascending in (0, 1).
 */
export function countQuantilesInto(
  mean: number,
  variance: number,
  levels: readonly number[],
  out: number[] | Float64Array,
  offset = 0,
): void {
  const n = levels.length;
  if (!(mean > 1e-9)) {
    for (let j = 0; j < n; j++) out[offset + j] = 0;
    return;
  }
  if (mean > WALK_LIMIT_MEAN) {
    const sd = Math.sqrt(Math.max(variance, mean));
    for (let j = 0; j < n; j++)
      out[offset + j] = Math.max(0, Math.round(mean + sd * normalQuantile(levels[j] as number)));
    return;
  }
  let p: number;
  let ratio: number;
  let k = 0;
  const nb = variance > mean * (1 + 1e-9);
  if (nb) {
    k = (mean * mean) / (variance - mean);
    const pr = mean / (k + mean);
    p = Math.exp(k * Math.log1p(-pr));
    ratio = pr;
  } else {
    p = Math.exp(-mean);
    ratio = mean;
  }
  let cdf = p;
  let count = 0;
  let j = 0;
  // Cap on the walk: far beyond any level's quantile for the means allowed here.
  const cap = Math.ceil(mean + 60 * Math.sqrt(Math.max(variance, mean)) + 50);
  while (j < n) {
    const level = levels[j] as number;
    if (cdf >= level - 1e-12 || count >= cap) {
      out[offset + j] = count;
      j++;
      continue;
    }
    p *= nb ? (ratio * (count + k)) / (count + 1) : ratio / (count + 1);
    count++;
    cdf += p;
  }
}

/** The quantiles of a count distribution at ascending `levels` (see countQuantilesInto). */
export function countQuantiles(mean: number, variance: number, levels: readonly number[]): number[] {
  const out = new Array<number>(levels.length).fill(0);
  countQuantilesInto(mean, variance, levels, out, 0);
  return out;
}

/** Poisson quantiles at ascending levels. */
export function poissonQuantiles(mean: number, levels: readonly number[]): number[] {
  return countQuantiles(mean, mean, levels);
}

/** Negative binomial quantiles (mean μ, size k: variance μ + μ²/k) at ascending levels. */
export function negativeBinomialQuantiles(mean: number, size: number, levels: readonly number[]): number[] {
  return countQuantiles(mean, mean + (mean * mean) / size, levels);
}

/** P(Y ≤ n) for a count with this mean and variance (Poisson when variance ≤ mean). */
export function countCdf(mean: number, variance: number, n: number): number {
  if (n < 0) return 0;
  if (!(mean > 1e-9)) return 1;
  const nb = variance > mean * (1 + 1e-9);
  let p: number;
  let ratio: number;
  let k = 0;
  if (nb) {
    k = (mean * mean) / (variance - mean);
    ratio = mean / (k + mean);
    p = Math.exp(k * Math.log1p(-ratio));
  } else {
    ratio = mean;
    p = Math.exp(-mean);
  }
  let cdf = p;
  for (let c = 0; c < n; c++) {
    p *= nb ? (ratio * (c + k)) / (c + 1) : ratio / (c + 1);
    cdf += p;
  }
  return Math.min(1, cdf);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x =
      (((((-0.007784894002430293 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) * q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((0.007784695709041462 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.9285104469687) * r + 138.357751867269) * r -
      30.66479806614716) *
      r +
      2.506628277459239) *
      q) /
    (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r -
      13.28068155288572) *
      r +
      1)
  );
}
