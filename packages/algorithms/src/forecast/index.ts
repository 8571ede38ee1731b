/**
 * Demand forecast and suggested order quantities (issue 10): pure, deterministic, fast.
 *
 * `forecastSeries` turns one retailer × product history (one value per period, oldest first, zeros included)
 * into a probabilistic forecast: for each step ahead, quantiles at the requested levels plus the mean and the
 * variance. Several candidate models (exponential smoothing, Croston/SBA, TSB, recent-window means, each with a
 * Poisson or negative-binomial spread, and empirical quantiles) are scored on a rolling-origin holdout inside the
 * series' own history by the same pinball loss as WQL; the best few are combined (quantile averaging). Festival
 * peaks (Spring Festival, Mid-Autumn: lunar dates) enter through a pooled profile; new series lean on a pooled
 * prior from similar series.
 *
 * `forecastOverCycle` gives the distribution of the demand summed over an order cycle (a quantile of the sum, not
 * a sum of quantiles), and `suggestOrder` turns it into a quantity: the chosen quantile of cycle demand − stock on
 * hand, rounded to the order unit, capped by any limit, with every figure it used.
 */
import { countQuantilesInto } from './distributions';
import { type FestivalProfile, festivalMultipliers, type PeriodCalendar } from './festival';
import { crostonLevel, empiricalQuantilesInto, sesLevel, tsbLevel, windowMean, windowVariance } from './methods';

export * from './baselines';
export * from './distributions';
export * from './festival';
export * from './methods';
export * from './scores';

/** The quantile levels of the benchmark protocol and the default of every forecast: 0.1, 0.2, …, 0.9. */
export const QUANTILE_LEVELS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** The model family behind a candidate's level. */
export type ForecastMethod =
  | 'zero'
  | 'ses'
  | 'croston'
  | 'sba'
  | 'tsb'
  | 'window'
  | 'empirical'
  | 'pooledRegression'
  | 'prior';

/** How the spread around the level is modelled. */
export type DemandFamily = 'poisson' | 'negbin' | 'empirical' | 'hurdle';

/** One candidate model: a level estimator and a spread. */
export interface Candidate {
  method: Exclude<ForecastMethod, 'zero' | 'prior'>;
  family: DemandFamily;
  /** Smoothing weight of sizes / levels (ses, croston, sba, tsb). */
  alpha?: number;
  /** Smoothing weight of the demand probability (tsb). */
  beta?: number;
  /** Periods read by `window` and `empirical`. */
  window?: number;
  /** pooledRegression: weights of LEVEL_FEATURES (fitted over many series by `fitPooledLevel`). */
  coefficients?: readonly number[];
}

/** A prior for a series with little or no history of its own, pooled from similar series (`pooledPrior`). */
export interface SeriesPrior {
  /** Expected demand per period of a similar series. */
  mean: number;
  /** Variance of one period's demand of a similar series (within-series and between-series spread). */
  variance: number;
  /** How many series it was pooled from. */
  series: number;
}

/** Tuning of `forecastSeries`; the defaults were chosen on training windows only (see bench/forecast.ts). */
export interface ForecastConfig {
  candidates: readonly Candidate[];
  /** Rolling-origin holdout: this many origins… */
  holdoutOrigins: number;
  /** …each scored on the next `holdoutHorizon` periods (the last origins end at the end of the history). */
  holdoutHorizon: number;
  /** Fewer periods before the first origin than this: that origin is skipped. */
  minTrain: number;
  /** The best `combine` candidates (by holdout loss) are averaged quantile by quantile. */
  combine: number;
  /** Periods read to estimate the spread (variance ÷ mean) of a series. */
  dispersionWindow: number;
  /** A series shorter than this many periods is blended with the prior when one is given. */
  priorUntil: number;
  /** Weight of the prior, in periods of history. */
  priorStrength: number;
  /** Periods that `recentMean` (the figure quoted in reasons) averages. */
  recentPeriods: number;
  /** Multiplier of every candidate's level (a pooled drift, e.g. from `fitPooledScale`); 1 = none. */
  levelScale: number;
  /** The series' own dispersion (variance ÷ mean) is shrunk toward this pooled one with `dispersionStrength`. */
  pooledDispersion: number;
  /** Weight of the pooled dispersion, in periods (0 = the series' own only). */
  dispersionStrength: number;
  /**
   * Level calibration pooled over many series (`fitPooledSettings`): the quantile asked at level q is read from
   * the model at level map(q), a non-decreasing piecewise-linear map through the points (at[k], to[k]); null =
   * identity. It corrects the shape a count model gets wrong (more zeros, heavier tails than it assumes).
   */
  calibration: LevelCalibration | null;
  /**
   * Per recency class (see `recencyClass`: sold last period, 1–2, 3–5, ≥ 6 periods ago or never), a level scale
   * and calibration that replace the two above; null = the same for all. Fitted by `fitPooledSettings`.
   */
  byRecency: RecencySetting[] | null;
}

export interface RecencySetting {
  levelScale: number;
  calibration: LevelCalibration | null;
}

/** Recency classes: 0 = sold in the last period, 1 = 1–2 periods ago, 2 = 3–5 periods ago, 3 = longer or never. */
export const RECENCY_CLASSES = 4;

export function recencyClass(periodsSinceSale: number | null): number {
  if (periodsSinceSale === null) return 3;
  if (periodsSinceSale === 0) return 0;
  if (periodsSinceSale <= 2) return 1;
  if (periodsSinceSale <= 5) return 2;
  return 3;
}

/** A non-decreasing piecewise-linear map of quantile levels (see ForecastConfig.calibration). */
export interface LevelCalibration {
  at: number[];
  to: number[];
}

/** The model level to read for a requested level under a calibration (identity when null). */
export function calibratedLevel(calibration: LevelCalibration | null, q: number): number {
  if (!calibration || calibration.at.length === 0) return q;
  const { at, to } = calibration;
  const last = at.length - 1;
  if (q <= (at[0] as number)) return ((to[0] as number) * q) / (at[0] as number);
  if (q >= (at[last] as number)) {
    const a = at[last] as number;
    const t = to[last] as number;
    return t + ((1 - t) * (q - a)) / (1 - a);
  }
  let k = 1;
  while ((at[k] as number) < q) k++;
  const a0 = at[k - 1] as number;
  const a1 = at[k] as number;
  const t0 = to[k - 1] as number;
  const t1 = to[k] as number;
  return t0 + ((t1 - t0) * (q - a0)) / (a1 - a0);
}

/**
 * The default candidates. Chosen on the car-parts training part only (bench/forecast.ts --validate: the last 12
 * training months held out): exponential smoothing with α = 0.2 and a negative-binomial spread was the best
 * single model there; α = 0.1 / 0.3, TSB and a 12-period mean are its rivals per series.
 */
export const DEFAULT_CANDIDATES: readonly Candidate[] = [
  { method: 'ses', family: 'negbin', alpha: 0.2 },
  { method: 'ses', family: 'negbin', alpha: 0.1 },
  { method: 'ses', family: 'negbin', alpha: 0.3 },
  { method: 'tsb', family: 'negbin', alpha: 0.2, beta: 0.2 },
  { method: 'window', family: 'negbin', window: 12 },
];

export const DEFAULT_FORECAST_CONFIG: ForecastConfig = {
  candidates: DEFAULT_CANDIDATES,
  holdoutOrigins: 3,
  holdoutHorizon: 4,
  minTrain: 6,
  combine: 2,
  dispersionWindow: 36,
  priorUntil: 13,
  priorStrength: 6,
  recentPeriods: 8,
  levelScale: 1,
  pooledDispersion: 1,
  dispersionStrength: 0,
  calibration: null,
  byRecency: null,
};

export interface ForecastOptions {
  /** Periods ahead to forecast. */
  horizon: number;
  /** Quantile levels, ascending in (0, 1); default QUANTILE_LEVELS. */
  levels?: readonly number[];
  /** Dates of the periods (needed for festival terms): period 0 is the first value of the history. */
  calendar?: PeriodCalendar;
  /** Festival multipliers pooled over similar series (`fitFestivalProfile`); needs `calendar`. */
  festival?: FestivalProfile;
  /** Prior from similar series for a new product or shop (`pooledPrior`). */
  prior?: SeriesPrior;
  /** Overrides of the tuning. */
  config?: Partial<ForecastConfig>;
}

/** Figures a reason can quote; all are the ones the forecast used. */
export interface ForecastFigures {
  /** Periods of history. */
  periods: number;
  /** Periods with a nonzero value. */
  nonzeroPeriods: number;
  /** Mean of the last `recentPeriods` periods (fewer when the history is shorter; 0 with no history). */
  recentMean: number;
  recentPeriods: number;
  /** Periods since the last nonzero value (null when there was none). */
  periodsSinceSale: number | null;
  /** The prior's weight in the level (0 = the series' own history only). */
  priorWeight: number;
  /** How many similar series the prior pooled (0 without a prior). */
  priorSeries: number;
  /** Festival multiplier of each step ahead (1 = none). */
  festivalMultipliers: number[];
}

export interface SeriesForecast {
  /** The method of the best candidate (or 'prior' / 'zero'). */
  method: ForecastMethod;
  family: DemandFamily;
  /** The candidates combined, best first (empty for 'prior' and 'zero'). */
  candidates: Candidate[];
  levels: number[];
  /** quantiles[step][j]: the forecast at levels[j] for step `step` ahead (0 = the next period). */
  quantiles: number[][];
  /** Expected demand of each step. */
  mean: number[];
  /** Variance of each step's demand. */
  variance: number[];
  figures: ForecastFigures;
  /** The level calibration used (forecastOverCycle reads the sum's quantiles through it too). */
  calibration: LevelCalibration | null;
}

/** The demand summed over the steps of an order cycle. */
export interface CycleForecast {
  steps: number;
  mean: number;
  variance: number;
  levels: number[];
  /** Quantiles of the sum at `levels`. */
  quantiles: number[];
}

// ---------------------------------------------------------------------------------------------------------------
// Scratch space reused by every call (single-threaded, so shared scratch is safe and saves allocations).
let scratch = new Float64Array(256);
let deseason = new Float64Array(256);
let sizes = new Float64Array(256);
/** Number of sorted nonzero sizes in `sizes` for the current hurdle candidate. */
let sizeCount = 0;
const candProb = new Float64Array(32);
const qa = new Float64Array(64);
const qb = new Float64Array(64);
const MAX_CANDIDATES = 32;
const candLoss = new Float64Array(MAX_CANDIDATES);
const candMean = new Float64Array(MAX_CANDIDATES);
const candVar = new Float64Array(MAX_CANDIDATES);
const order = new Int32Array(MAX_CANDIDATES);
/** The level scale of the series being forecast (its recency class's, or the config's). */
let activeScale = 1;
/** The dispersion ratio of the series being forecast, and the history length it was computed for (−1: none). */
let ratio = 1;
let ratioAt = -1;

function ensureScratch(n: number) {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  if (deseason.length < n) deseason = new Float64Array(Math.max(n, deseason.length * 2));
  if (sizes.length < n) sizes = new Float64Array(Math.max(n, sizes.length * 2));
}

/**
 * The features of a pooled level regression, read from history[0, to): recent window means, exponential
 * smoothing and TSB levels, and whether the series has gone quiet. `fitPooledLevel` fits their weights.
 */
export const LEVEL_FEATURES: readonly string[] = [
  'mean3',
  'mean6',
  'mean12',
  'mean24',
  'ses0.2',
  'ses0.05',
  'tsb0.1',
  'quiet6×mean24',
];

/** Writes the LEVEL_FEATURES of history[0, to) into out[0…]. */
export function levelFeaturesInto(h: ArrayLike<number>, to: number, out: Float64Array | number[]): void {
  out[0] = windowMean(h, 3, 0, to);
  out[1] = windowMean(h, 6, 0, to);
  out[2] = windowMean(h, 12, 0, to);
  out[3] = windowMean(h, 24, 0, to);
  out[4] = sesLevel(h, 0.2, 0, to);
  out[5] = sesLevel(h, 0.05, 0, to);
  out[6] = tsbLevel(h, 0.1, 0.1, 0, to);
  out[7] = (out[1] as number) === 0 ? (out[3] as number) : 0;
}

const featureScratch = new Float64Array(16);

function regressionLevel(h: ArrayLike<number>, to: number, coef: readonly number[]): number {
  levelFeaturesInto(h, to, featureScratch);
  let level = 0;
  for (let k = 0; k < coef.length; k++) level += (coef[k] as number) * (featureScratch[k] as number);
  return level;
}

/** Level and variance of a (non-empirical) candidate fitted on history[0, to). */
function fitLevel(c: Candidate, h: ArrayLike<number>, to: number, cfg: ForecastConfig, out: Float64Array, i: number) {
  let level: number;
  switch (c.method) {
    case 'ses':
      level = sesLevel(h, c.alpha ?? 0.1, 0, to);
      break;
    case 'croston':
      level = crostonLevel(h, c.alpha ?? 0.1, 1, 0, to);
      break;
    case 'sba':
      level = crostonLevel(h, c.alpha ?? 0.1, 1 - (c.alpha ?? 0.1) / 2, 0, to);
      break;
    case 'tsb':
      level = tsbLevel(h, c.alpha ?? 0.1, c.beta ?? 0.1, 0, to);
      break;
    case 'window':
    case 'empirical':
      level = windowMean(h, c.window ?? 12, 0, to);
      break;
    case 'pooledRegression':
      level = regressionLevel(h, to, c.coefficients ?? []);
      break;
  }
  level = Math.max(0, level) * activeScale;
  candMean[i] = level;
  let variance = level;
  if (c.family === 'hurdle') {
    // Demand = (a sale happens, probability p) × (its size, drawn from the series' own recent nonzero sizes).
    sizeCount = 0;
    for (let t = to - 1; t >= 0 && sizeCount < (c.window ?? 24); t--) {
      const y = h[t] as number;
      if (y > 0) sizes[sizeCount++] = y;
    }
    if (sizeCount === 0) {
      candProb[i] = 0;
      out[i] = 0;
      return;
    }
    const view = sizes.subarray(0, sizeCount);
    view.sort();
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < sizeCount; k++) {
      const v = view[k] as number;
      s1 += v;
      s2 += v * v;
    }
    s1 /= sizeCount;
    s2 /= sizeCount;
    const p = Math.min(1, level / s1);
    candProb[i] = p;
    out[i] = Math.max(0, p * s2 - p * p * s1 * s1);
    return;
  }
  if (c.family === 'negbin' || c.family === 'empirical') {
    if (ratioAt !== to) {
      // Variance ÷ mean of the series up to `to`: the same for every candidate at one origin, so computed once.
      const m = windowMean(h, cfg.dispersionWindow, 0, to);
      const v = windowVariance(h, cfg.dispersionWindow, 0, to);
      const own = m > 0 ? Math.max(1, v / m) : cfg.pooledDispersion;
      const w = Math.min(to, cfg.dispersionWindow);
      ratio = (w * own + cfg.dispersionStrength * cfg.pooledDispersion) / (w + cfg.dispersionStrength);
      ratioAt = to;
    }
    variance = level * ratio;
  }
  out[i] = variance;
}

/** Quantiles of candidate i (fitted up to `to`) into `dst`. */
function candidateQuantiles(
  c: Candidate,
  h: ArrayLike<number>,
  to: number,
  levels: readonly number[],
  i: number,
  dst: Float64Array,
) {
  if (c.family === 'empirical') {
    empiricalQuantilesInto(h, c.window ?? 12, levels, dst, 0, scratch, 0, to);
  } else if (c.family === 'hurdle') {
    const p = candProb[i] as number;
    for (let j = 0; j < levels.length; j++) {
      const q = levels[j] as number;
      if (sizeCount === 0 || q <= 1 - p + 1e-12) {
        dst[j] = 0;
      } else {
        const rank = Math.max(1, Math.ceil(((q - (1 - p)) / p) * sizeCount - 1e-9));
        dst[j] = sizes[Math.min(sizeCount, rank) - 1] as number;
      }
    }
  } else {
    countQuantilesInto(candMean[i] as number, candVar[i] as number, levels, dst, 0);
  }
}

const multiplierCache = new WeakMap<FestivalProfile, Map<string, number[]>>();

function cachedMultipliers(calendar: PeriodCalendar, count: number, profile: FestivalProfile): number[] {
  let byKey = multiplierCache.get(profile);
  if (!byKey) {
    byKey = new Map();
    multiplierCache.set(profile, byKey);
  }
  const key = `${calendar.firstPeriodStart}|${calendar.periodDays}|${calendar.monthly ? 1 : 0}|${count}`;
  let m = byKey.get(key);
  if (!m) {
    m = festivalMultipliers(calendar, count, profile);
    byKey.set(key, m);
  }
  return m;
}

/**
 * A probabilistic forecast of one series. Deterministic: the same history and options give the same forecast.
 * Quantiles are whole numbers ≥ 0 that never decrease with the level.
 */
export function forecastSeries(history: readonly number[], options: ForecastOptions): SeriesForecast {
  const cfg = options.config ? { ...DEFAULT_FORECAST_CONFIG, ...options.config } : DEFAULT_FORECAST_CONFIG;
  const levels = [...(options.levels ?? QUANTILE_LEVELS)];
  for (let j = 0; j < levels.length; j++) {
    const q = levels[j] as number;
    if (!(q > 0 && q < 1) || (j > 0 && q < (levels[j - 1] as number))) {
      throw new RangeError('levels must be ascending in (0, 1)');
    }
  }
  const horizon = Math.max(0, Math.floor(options.horizon));
  const n = history.length;
  const L = levels.length;
  if (L > qa.length) throw new RangeError(`at most ${qa.length} quantile levels`);
  if (cfg.candidates.length > MAX_CANDIDATES) throw new RangeError(`at most ${MAX_CANDIDATES} candidates`);
  ensureScratch(n + 1);

  // Festival multipliers for history and horizon; the history is divided by them before fitting.
  let mult: number[] | null = null;
  if (options.calendar && options.festival) mult = cachedMultipliers(options.calendar, n + horizon, options.festival);
  let h: ArrayLike<number> = history;
  let nonzero = 0;
  let lastSale = -1;
  for (let t = 0; t < n; t++) {
    const y = history[t] as number;
    if (!(y >= 0) || !Number.isFinite(y)) throw new RangeError(`history[${t}] is not a count ≥ 0: ${y}`);
    if (y > 0) {
      nonzero++;
      lastSale = t;
    }
  }
  const setting = cfg.byRecency ? cfg.byRecency[recencyClass(lastSale < 0 ? null : n - 1 - lastSale)] : undefined;
  activeScale = setting ? setting.levelScale : cfg.levelScale;
  ratioAt = -1;
  const calibration = setting ? setting.calibration : cfg.calibration;
  const modelLevels = levels.map((q) => calibratedLevel(calibration, q));
  if (mult) {
    for (let t = 0; t < n; t++) deseason[t] = (history[t] as number) / (mult[t] as number);
    h = deseason;
  }

  const recentPeriods = Math.min(cfg.recentPeriods, n);
  const figures: ForecastFigures = {
    periods: n,
    nonzeroPeriods: nonzero,
    recentMean: recentPeriods > 0 ? windowMean(history, recentPeriods) : 0,
    recentPeriods,
    periodsSinceSale: lastSale < 0 ? null : n - 1 - lastSale,
    priorWeight: 0,
    priorSeries: 0,
    festivalMultipliers: Array.from({ length: horizon }, (_, s) => (mult ? (mult[n + s] as number) : 1)),
  };

  const prior = options.prior;
  const usePrior = prior !== undefined && n < cfg.priorUntil;
  const finish = (
    method: ForecastMethod,
    family: DemandFamily,
    candidates: Candidate[],
    baseMean: number,
    baseVar: number,
    baseQ: Float64Array | null,
  ): SeriesForecast => {
    const quantiles: number[][] = [];
    const mean: number[] = [];
    const variance: number[] = [];
    for (let s = 0; s < horizon; s++) {
      const m = figures.festivalMultipliers[s] as number;
      const row = new Array<number>(L);
      if (baseQ && m === 1) {
        for (let j = 0; j < L; j++) row[j] = baseQ[j] as number;
      } else if (baseQ) {
        // Scale the combined quantiles by the festival multiplier, keeping whole, ordered counts.
        let prev = 0;
        for (let j = 0; j < L; j++) {
          const v = Math.max(prev, Math.round((baseQ[j] as number) * m));
          row[j] = v;
          prev = v;
        }
      } else {
        countQuantilesInto(baseMean * m, baseVar * m * m, modelLevels, row, 0);
      }
      quantiles.push(row);
      mean.push(baseMean * m);
      variance.push(baseVar * m * m);
    }
    return { method, family, candidates, levels, quantiles, mean, variance, figures, calibration };
  };

  if (n === 0 || (nonzero === 0 && !usePrior)) {
    if (usePrior && prior) {
      figures.priorWeight = 1;
      figures.priorSeries = prior.series;
      return finish('prior', 'negbin', [], prior.mean, Math.max(prior.variance, prior.mean), null);
    }
    return finish('zero', 'poisson', [], 0, 0, null);
  }

  // Rolling-origin holdout: score every candidate by pinball loss on the periods after each origin.
  const C = cfg.candidates.length;
  for (let i = 0; i < C; i++) candLoss[i] = 0;
  let scored = false;
  for (let k = cfg.holdoutOrigins; k >= 1; k--) {
    const origin = n - k * cfg.holdoutHorizon;
    if (origin < cfg.minTrain) continue;
    const end = Math.min(n, origin + cfg.holdoutHorizon);
    scored = true;
    for (let i = 0; i < C; i++) {
      const c = cfg.candidates[i] as Candidate;
      fitLevel(c, h, origin, cfg, candVar, i);
      candidateQuantiles(c, h, origin, modelLevels, i, qa);
      let loss = 0;
      for (let t = origin; t < end; t++) {
        const y = h[t] as number;
        for (let j = 0; j < L; j++) {
          const f = qa[j] as number;
          const q = levels[j] as number;
          loss += y >= f ? q * (y - f) : (1 - q) * (f - y);
        }
      }
      candLoss[i] = (candLoss[i] as number) + loss;
    }
  }
  for (let i = 0; i < C; i++) order[i] = i;
  if (scored) {
    // Stable insertion sort by loss (ties keep the configured order: deterministic).
    for (let a = 1; a < C; a++) {
      const v = order[a] as number;
      let b = a - 1;
      while (b >= 0 && (candLoss[order[b] as number] as number) > (candLoss[v] as number)) {
        order[b + 1] = order[b] as number;
        b--;
      }
      order[b + 1] = v;
    }
  }
  const take = Math.max(1, Math.min(cfg.combine, C));
  // Refit the chosen candidates on the whole history and average their quantiles, means and variances.
  for (let j = 0; j < L; j++) qb[j] = 0;
  let meanSum = 0;
  let varSum = 0;
  const chosen: Candidate[] = [];
  for (let r = 0; r < take; r++) {
    const i = order[r] as number;
    const c = cfg.candidates[i] as Candidate;
    chosen.push(c);
    fitLevel(c, h, n, cfg, candVar, i);
    candidateQuantiles(c, h, n, modelLevels, i, qa);
    for (let j = 0; j < L; j++) qb[j] = (qb[j] as number) + (qa[j] as number);
    meanSum += candMean[i] as number;
    varSum += candVar[i] as number;
  }
  let baseMean = meanSum / take;
  let baseVar = varSum / take;
  const best = chosen[0] as Candidate;
  if (usePrior && prior) {
    const w = cfg.priorStrength / (cfg.priorStrength + n);
    figures.priorWeight = w;
    figures.priorSeries = prior.series;
    baseMean = (1 - w) * baseMean + w * prior.mean;
    baseVar = (1 - w) * baseVar + w * Math.max(prior.variance, prior.mean);
    return finish(best.method, 'negbin', chosen, baseMean, baseVar, null);
  }
  // Averaged quantiles are rounded to whole counts (averages of ordered vectors stay ordered).
  const q = new Float64Array(L);
  for (let j = 0; j < L; j++) q[j] = Math.round((qb[j] as number) / take);
  return finish(best.method, best.family, chosen, baseMean, baseVar, q);
}

/**
 * The distribution of demand summed over `steps` periods starting `from` steps ahead (default 0): its mean and
 * variance are the sums of the steps' (periods taken as independent), and its quantiles those of a negative
 * binomial (Poisson when not over-dispersed) with that mean and variance — the quantile of the sum, which is
 * smaller than the sum of the quantiles for high levels.
 */
export function forecastOverCycle(
  forecast: SeriesForecast,
  steps: number,
  options: { from?: number; levels?: readonly number[] } = {},
): CycleForecast {
  const from = options.from ?? 0;
  const levels = [...(options.levels ?? forecast.levels)];
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError('steps must be a whole number ≥ 1');
  if (from + steps > forecast.mean.length) throw new RangeError('the cycle runs beyond the forecast horizon');
  let mean = 0;
  let variance = 0;
  for (let s = from; s < from + steps; s++) {
    mean += forecast.mean[s] as number;
    variance += forecast.variance[s] as number;
  }
  const quantiles = new Array<number>(levels.length).fill(0);
  const modelLevels = levels.map((q) => calibratedLevel(forecast.calibration, q));
  countQuantilesInto(mean, variance, modelLevels, quantiles, 0);
  return { steps, mean, variance, levels, quantiles };
}

/** A suggested order and every figure behind it (a reason quotes these, never others). */
export interface OrderSuggestion {
  /** Units to order: a multiple of `roundTo`, ≥ 0, never above the limit. */
  quantity: number;
  /** Cycle demand at the low and high levels (a plain-words range: "likely between low and high"). */
  low: number;
  high: number;
  figures: {
    method: ForecastMethod;
    /** Mean of the recent periods and how many (from the forecast's figures). */
    recentMean: number;
    recentPeriods: number;
    cycleSteps: number;
    /** The level of the cycle-demand quantile used and that quantile. */
    level: number;
    cycleDemand: number;
    /** Expected cycle demand (mean). */
    cycleMean: number;
    stockOnHand: number | null;
    /** cycleDemand − stock on hand, floored at 0, before rounding. */
    need: number;
    roundTo: number;
    /** `need` rounded to the order unit. */
    rounded: number;
    limit: number | null;
    /** True when the limit lowered the quantity. */
    limited: boolean;
    /** The prior's weight and series count (new product / new shop). */
    priorWeight: number;
    priorSeries: number;
    /** The largest festival multiplier over the cycle (1 = none). */
    festivalMultiplier: number;
  };
}

export interface SuggestOrderInput {
  forecast: SeriesForecast;
  /** Periods the order must cover (e.g. 1 for a weekly order). */
  cycleSteps: number;
  /** Quantile level of cycle demand to stock for (0.5 = the median; higher = fewer empty shelves). */
  level?: number;
  /** The retailer's stock on hand, when given. */
  stockOnHand?: number | null;
  /** Order unit (e.g. 1 carton); the need is rounded to a multiple of it. */
  roundTo?: number;
  /** 'nearest' (default), 'up' or 'down'. */
  rounding?: 'nearest' | 'up' | 'down';
  /** The most that may be ordered (an allocation cap), if any. */
  limit?: number | null;
  /** Levels of the low / high figures; default 0.1 / 0.9. */
  lowLevel?: number;
  highLevel?: number;
}

/**
 * The suggested quantity: the `level` quantile of demand over the cycle − stock on hand (when given), rounded to
 * the order unit, capped by the limit (rounded down to the unit so that the cap holds).
 */
export function suggestOrder(input: SuggestOrderInput): OrderSuggestion {
  const level = input.level ?? 0.5;
  const lowLevel = input.lowLevel ?? 0.1;
  const highLevel = input.highLevel ?? 0.9;
  const roundTo = input.roundTo ?? 1;
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  if (!(lowLevel > 0 && lowLevel <= level && level <= highLevel && highLevel < 1)) {
    throw new RangeError('levels must satisfy 0 < low ≤ level ≤ high < 1');
  }
  if (!(roundTo > 0)) throw new RangeError('roundTo must be positive');
  const stock = input.stockOnHand ?? null;
  if (stock !== null && !(stock >= 0)) throw new RangeError('stockOnHand must be ≥ 0');
  const limit = input.limit ?? null;
  if (limit !== null && !(limit >= 0)) throw new RangeError('limit must be ≥ 0');
  const cycle = forecastOverCycle(input.forecast, input.cycleSteps, { levels: [lowLevel, level, highLevel] });
  const [low, cycleDemand, high] = cycle.quantiles as [number, number, number];
  const need = Math.max(0, cycleDemand - (stock ?? 0));
  const units = need / roundTo;
  const whole =
    input.rounding === 'up'
      ? Math.ceil(units - 1e-9)
      : input.rounding === 'down'
        ? Math.floor(units + 1e-9)
        : Math.round(units);
  const rounded = Math.max(0, whole) * roundTo; // max(0, ·) also turns −0 into 0
  let quantity = rounded;
  let limited = false;
  if (limit !== null && quantity > limit) {
    quantity = Math.floor(limit / roundTo + 1e-9) * roundTo;
    limited = true;
  }
  let festivalMultiplier = 1;
  for (let s = 0; s < input.cycleSteps; s++) {
    festivalMultiplier = Math.max(festivalMultiplier, input.forecast.figures.festivalMultipliers[s] as number);
  }
  const f = input.forecast.figures;
  return {
    quantity,
    low,
    high,
    figures: {
      method: input.forecast.method,
      recentMean: f.recentMean,
      recentPeriods: f.recentPeriods,
      cycleSteps: input.cycleSteps,
      level,
      cycleDemand,
      cycleMean: cycle.mean,
      stockOnHand: stock,
      need,
      roundTo,
      rounded,
      limit,
      limited,
      priorWeight: f.priorWeight,
      priorSeries: f.priorSeries,
      festivalMultiplier,
    },
  };
}

/**
 * A prior for a new series from similar ones (the same product in other shops, or the same shop's other
 * products): the mean of their recent means, and the variance of one period of a randomly chosen similar series
 * (mean within-series variance + variance of the means). Series with no history are ignored.
 */
export function pooledPrior(similar: readonly (readonly number[])[], options: { window?: number } = {}): SeriesPrior {
  const window = options.window ?? 13;
  let count = 0;
  let sumMean = 0;
  let sumMeanSq = 0;
  let sumVar = 0;
  for (const s of similar) {
    if (s.length === 0) continue;
    const m = windowMean(s, window);
    sumMean += m;
    sumMeanSq += m * m;
    sumVar += windowVariance(s, window);
    count++;
  }
  if (count === 0) return { mean: 0, variance: 0, series: 0 };
  const mean = sumMean / count;
  const between = Math.max(0, sumMeanSq / count - mean * mean);
  return { mean, variance: sumVar / count + between, series: count };
}

/** What `fitPooledSettings` chose, and on what. */
export interface PooledSettings {
  /** Pass these as `config` overrides to forecastSeries. */
  config: Pick<ForecastConfig, 'levelScale' | 'calibration' | 'byRecency'>;
  /** Series scored (after sampling) and the holdout periods each. */
  series: number;
  holdout: number;
  /** Pooled holdout loss (Σ 2·pinball at the knots ÷ (knots · Σ|y|)) of each level scale tried, calibrated. */
  lossByScale: { scale: number; loss: number }[];
}

/** Fewer series than this in a recency class: the class takes the pooled setting of all classes. */
const MIN_CLASS_SERIES = 30;

/**
 * Pools many series to tune what one series cannot tell: a common drift of the level (`levelScale`, e.g. parts
 * dying out, a market shrinking) and a calibration of quantile levels (`calibration`), overall and per recency
 * class. Each series' last `horizon` periods are held out, the forecaster is fitted on the rest, and for every
 * level scale in `scales` the quantile losses at knot levels 0.05…0.95 are summed for model levels on a 0.02
 * grid; each knot takes the model level of least loss (made non-decreasing), and the scale of least total loss
 * wins (ties: the one nearest 1). Only the histories given are read — pass the training part, never the periods
 * to be scored. Deterministic; at most `maxSeries` series are used (an even stride through the list).
 */
export function fitPooledSettings(
  histories: readonly (readonly number[])[],
  options: {
    horizon: number;
    config?: Partial<ForecastConfig>;
    scales?: readonly number[];
    maxSeries?: number;
    calendar?: PeriodCalendar;
    festival?: FestivalProfile;
    /** Also fit a setting per recency class (default false). */
    byRecency?: boolean;
    /** Holdout windows per series (default 1), each `originStride` (default ⌈horizon / 2⌉) periods earlier. */
    origins?: number;
    originStride?: number;
  },
): PooledSettings {
  const H = Math.max(1, Math.floor(options.horizon));
  const scales = options.scales ?? [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2];
  const maxSeries = options.maxSeries ?? 4000;
  const grid: number[] = [];
  for (let g = 1; g <= 49; g++) grid.push(g / 50);
  const knots: number[] = [];
  for (let k = 1; k <= 19; k++) knots.push(k / 20);
  const G = grid.length;
  const K = knots.length;
  const R = RECENCY_CLASSES;
  const eligible: (readonly number[])[] = [];
  const minTrain = options.config?.minTrain ?? DEFAULT_FORECAST_CONFIG.minTrain;
  // Each series gives `origins` windows, every `originStride` periods back from its end (the later ones first).
  const origins = Math.max(1, Math.floor(options.origins ?? 1));
  const originStride = Math.max(1, Math.floor(options.originStride ?? Math.ceil(H / 2)));
  for (let k = 0; k < origins; k++) {
    for (const h of histories) {
      const end = h.length - k * originStride;
      if (end >= H + minTrain) eligible.push(k === 0 ? h : h.slice(0, end));
    }
  }
  const stride = Math.max(1, eligible.length / maxSeries);
  const sample: (readonly number[])[] = [];
  for (let x = 0; Math.floor(x) < eligible.length; x += stride) sample.push(eligible[Math.floor(x)] as number[]);
  const classScale = new Float64Array(R + 1);
  const classCount = new Int32Array(R + 1);
  // For class c (R = all), scale s and model level g: A = Σ (y − f)⁺ and B = Σ (y − f)⁻ over held-out values,
  // so that the loss at knot q is q·A + (q − 1)·B — no pass over the knots per value.
  const S = scales.length;
  const A = new Float64Array((R + 1) * S * G);
  const B = new Float64Array((R + 1) * S * G);
  const perClass = options.byRecency === true;
  for (let si = 0; si < S; si++) {
    for (const h of sample) {
      const n = h.length;
      const f = forecastSeries(h.slice(0, n - H), {
        horizon: H,
        levels: grid,
        config: { ...options.config, levelScale: scales[si] as number, calibration: null, byRecency: null },
        ...(options.calendar ? { calendar: options.calendar } : {}),
        ...(options.festival ? { festival: options.festival } : {}),
      });
      const c = recencyClass(f.figures.periodsSinceSale);
      if (si === 0) {
        classCount[c] = (classCount[c] as number) + 1;
        classCount[R] = (classCount[R] as number) + 1;
        for (let t = n - H; t < n; t++) {
          classScale[c] = (classScale[c] as number) + Math.abs(h[t] as number);
          classScale[R] = (classScale[R] as number) + Math.abs(h[t] as number);
        }
      }
      for (let pass = 0; pass < (perClass ? 2 : 1); pass++) {
        const base = ((pass === 0 ? R : c) * S + si) * G;
        for (let step = 0; step < H; step++) {
          const y = h[n - H + step] as number;
          const row = f.quantiles[step] as number[];
          for (let g = 0; g < G; g++) {
            const diff = y - (row[g] as number);
            if (diff >= 0) A[base + g] = (A[base + g] as number) + diff;
            else B[base + g] = (B[base + g] as number) + diff;
          }
        }
      }
    }
  }
  const lossAt = (base: number, q: number, g: number) =>
    q * (A[base + g] as number) + (q - 1) * (B[base + g] as number);
  const choose = (c: number) => {
    let best: { scale: number; total: number; to: number[] } | null = null;
    const byScale: { scale: number; loss: number }[] = [];
    for (let si = 0; si < S; si++) {
      const base = (c * S + si) * G;
      let total = 0;
      const to: number[] = [];
      let floor = 0;
      for (let k = 0; k < K; k++) {
        const q = knots[k] as number;
        let arg = 0;
        for (let g = 1; g < G; g++) if (lossAt(base, q, g) < lossAt(base, q, arg)) arg = g;
        floor = Math.max(floor, grid[arg] as number);
        to.push(floor);
        total += lossAt(base, q, Math.round(floor * 50) - 1);
      }
      const s = scales[si] as number;
      const sc = classScale[c] as number;
      byScale.push({ scale: s, loss: sc > 0 ? (2 * total) / (K * sc) : 0 });
      if (
        !best ||
        total < best.total - 1e-9 ||
        (Math.abs(total - best.total) <= 1e-9 && Math.abs(s - 1) < Math.abs(best.scale - 1))
      ) {
        best = { scale: s, total, to };
      }
    }
    return { best, byScale };
  };
  const all = choose(R);
  const overall: RecencySetting =
    all.best && sample.length > 0
      ? { levelScale: all.best.scale, calibration: { at: knots, to: all.best.to } }
      : { levelScale: 1, calibration: null };
  const byRecency: RecencySetting[] = [];
  for (let c = 0; c < R; c++) {
    const b = (classCount[c] as number) >= MIN_CLASS_SERIES && (classScale[c] as number) > 0 ? choose(c).best : null;
    byRecency.push(b ? { levelScale: b.scale, calibration: { at: knots, to: b.to } } : overall);
  }
  return {
    config: {
      levelScale: overall.levelScale,
      calibration: overall.calibration,
      byRecency: options.byRecency ? byRecency : null,
    },
    series: sample.length,
    holdout: H,
    lossByScale: all.byScale,
  };
}

/**
 * Fits the weights of a pooled level regression: over many series and several origins inside the histories
 * given (every `horizon` periods back from the end, `origins` of them), least squares of the mean of the next
 * `horizon` periods on LEVEL_FEATURES at the origin (no intercept: a series with no sales stays at zero), with a
 * small ridge toward `ses0.2` alone. Only the histories given are read — pass the training part.
 */
export function fitPooledLevel(
  histories: readonly (readonly number[])[],
  options: { horizon: number; origins?: number; ridge?: number; minTrain?: number },
): number[] {
  const H = Math.max(1, Math.floor(options.horizon));
  const origins = options.origins ?? 2;
  const minTrain = options.minTrain ?? 6;
  const P = LEVEL_FEATURES.length;
  const xtx = new Float64Array(P * P);
  const xty = new Float64Array(P);
  const x = new Float64Array(P);
  let rows = 0;
  for (const h of histories) {
    for (let k = 1; k <= origins; k++) {
      const origin = h.length - k * H;
      if (origin < minTrain) continue;
      levelFeaturesInto(h, origin, x);
      let y = 0;
      for (let t = origin; t < origin + H; t++) y += h[t] as number;
      y /= H;
      for (let a = 0; a < P; a++) {
        const xa = x[a] as number;
        if (xa === 0) continue;
        xty[a] = (xty[a] as number) + xa * y;
        for (let b = 0; b < P; b++) xtx[a * P + b] = (xtx[a * P + b] as number) + xa * (x[b] as number);
      }
      rows++;
    }
  }
  // Ridge toward the prior weights (ses0.2 alone), scaled to the data.
  const prior = new Float64Array(P);
  prior[4] = 1;
  let trace = 0;
  for (let a = 0; a < P; a++) trace += xtx[a * P + a] as number;
  const lambda = (options.ridge ?? 1e-3) * (trace > 0 ? trace / P : 1);
  for (let a = 0; a < P; a++) {
    xtx[a * P + a] = (xtx[a * P + a] as number) + lambda;
    xty[a] = (xty[a] as number) + lambda * (prior[a] as number);
  }
  if (rows === 0) return Array.from(prior);
  return solveSymmetric(xtx, xty, P);
}

/** Solves A x = b for a symmetric positive-definite A (P × P, row-major) by Gaussian elimination with pivoting. */
function solveSymmetric(a: Float64Array, b: Float64Array, P: number): number[] {
  const m = Float64Array.from(a);
  const v = Float64Array.from(b);
  for (let col = 0; col < P; col++) {
    let piv = col;
    for (let r = col + 1; r < P; r++)
      if (Math.abs(m[r * P + col] as number) > Math.abs(m[piv * P + col] as number)) piv = r;
    if (piv !== col) {
      for (let c = 0; c < P; c++) {
        const t = m[col * P + c] as number;
        m[col * P + c] = m[piv * P + c] as number;
        m[piv * P + c] = t;
      }
      const t = v[col] as number;
      v[col] = v[piv] as number;
      v[piv] = t;
    }
    const d = m[col * P + col] as number;
    if (Math.abs(d) < 1e-300) continue;
    for (let r = col + 1; r < P; r++) {
      const f = (m[r * P + col] as number) / d;
      if (f === 0) continue;
      for (let c = col; c < P; c++) m[r * P + c] = (m[r * P + c] as number) - f * (m[col * P + c] as number);
      v[r] = (v[r] as number) - f * (v[col] as number);
    }
  }
  const out = new Array<number>(P).fill(0);
  for (let r = P - 1; r >= 0; r--) {
    let sum = v[r] as number;
    for (let c = r + 1; c < P; c++) sum -= (m[r * P + c] as number) * (out[c] as number);
    const d = m[r * P + r] as number;
    out[r] = Math.abs(d) < 1e-300 ? 0 : sum / d;
  }
  return out;
}
