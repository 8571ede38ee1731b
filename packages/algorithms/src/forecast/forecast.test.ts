import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countQuantiles } from './distributions';
import type { FestivalProfile } from './festival';
import {
  calibratedLevel,
  fitPooledLevel,
  fitPooledSettings,
  forecastOverCycle,
  forecastSeries,
  LEVEL_FEATURES,
  pooledPrior,
  QUANTILE_LEVELS,
  type SeriesForecast,
  suggestOrder,
} from './index';

/** A forecast of `steps` periods, each Poisson with mean `mean` (built by hand for the cycle and order tests). */
function poissonForecast(mean: number, steps: number): SeriesForecast {
  return {
    method: 'window',
    family: 'poisson',
    candidates: [],
    levels: [...QUANTILE_LEVELS],
    quantiles: Array.from({ length: steps }, () => countQuantiles(mean, mean, QUANTILE_LEVELS)),
    mean: new Array(steps).fill(mean),
    variance: new Array(steps).fill(mean),
    figures: {
      periods: 8,
      nonzeroPeriods: 6,
      recentMean: mean,
      recentPeriods: 8,
      periodsSinceSale: 0,
      priorWeight: 0,
      priorSeries: 0,
      festivalMultipliers: new Array(steps).fill(1),
    },
    calibration: null,
  };
}

const history = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 60 });
const calibration = fc
  .array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 3, maxLength: 3 })
  .map((v) => ({ at: [0.25, 0.5, 0.75], to: [...v].sort((a, b) => a - b) }));

describe('forecastSeries', () => {
  it('gives whole, non-negative quantiles that never cross, and the same forecast for the same input', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 1, max: 8 }),
        fc.option(calibration, { nil: null }),
        fc.double({ min: 0.3, max: 1.5, noNaN: true }),
        (h, horizon, cal, levelScale) => {
          const options = { horizon, config: { calibration: cal, levelScale } };
          const f = forecastSeries(h, options);
          expect(f.quantiles).toHaveLength(horizon);
          for (const row of f.quantiles) {
            for (let j = 0; j < row.length; j++) {
              const v = row[j] as number;
              expect(Number.isInteger(v) && v >= 0).toBe(true);
              if (j > 0) expect(v).toBeGreaterThanOrEqual(row[j - 1] as number);
            }
          }
          for (const m of f.mean) expect(m).toBeGreaterThanOrEqual(0);
          expect(forecastSeries([...h], options)).toEqual(f);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('keeps quantiles ordered with festival multipliers and a prior', () => {
    const profile: FestivalProfile = {
      from: -2,
      to: 1,
      multipliers: { springFestival: [1.4, 2.5, 0.3, 0.7], midAutumn: [1.2, 1.1, 1, 1] },
      observations: 10,
    };
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 60 }), (h, offsetWeeks) => {
        const first = new Date(Date.UTC(2025, 0, 6) + offsetWeeks * 7 * 86_400_000).toISOString().slice(0, 10);
        const f = forecastSeries(h, {
          horizon: 6,
          calendar: { firstPeriodStart: first, periodDays: 7 },
          festival: profile,
          prior: { mean: 2, variance: 5, series: 12 },
        });
        for (const row of f.quantiles) {
          for (let j = 1; j < row.length; j++) expect(row[j]).toBeGreaterThanOrEqual(row[j - 1] as number);
          expect(row[0]).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('forecasts zero for a series that never sold, and the prior (said so) for a new one', () => {
    const zero = forecastSeries([0, 0, 0, 0], { horizon: 2 });
    expect(zero.method).toBe('zero');
    expect(zero.quantiles.flat().every((v) => v === 0)).toBe(true);
    const fresh = forecastSeries([], { horizon: 2, prior: { mean: 3, variance: 3, series: 40 } });
    expect(fresh.method).toBe('prior');
    expect(fresh.figures).toMatchObject({ priorWeight: 1, priorSeries: 40 });
    expect(fresh.quantiles[0]).toEqual(countQuantiles(3, 3, QUANTILE_LEVELS));
    // Two periods of its own: the prior weighs 6 / (6 + 2) in the level.
    const young = forecastSeries([4, 4], { horizon: 1, prior: { mean: 0, variance: 0, series: 5 } });
    expect(young.figures.priorWeight).toBeCloseTo(0.75, 12);
    expect(young.mean[0]).toBeCloseTo(1, 12);
  });

  it('chooses by rolling-origin holdout: a one-period window loses to a 12-period mean on alternating sales', () => {
    const h = Array.from({ length: 36 }, (_, t) => (t % 2 === 0 ? 0 : 10));
    const f = forecastSeries(h, {
      horizon: 1,
      config: {
        combine: 1,
        candidates: [
          { method: 'window', family: 'poisson', window: 1 },
          { method: 'window', family: 'negbin', window: 12 },
        ],
      },
    });
    expect(f.candidates).toEqual([{ method: 'window', family: 'negbin', window: 12 }]);
    expect(f.mean[0]).toBe(5);
  });

  it('lets a series that stopped selling fade', () => {
    const h = [...new Array(24).fill(5), ...new Array(12).fill(0)];
    const f = forecastSeries(h, { horizon: 4 });
    expect(f.quantiles[0]?.[4]).toBe(0);
    expect(f.figures.periodsSinceSale).toBe(12);
  });

  it('quotes the figures it read', () => {
    const f = forecastSeries([0, 2, 4, 0, 3, 1, 2, 5, 0, 3], { horizon: 1 });
    expect(f.figures).toMatchObject({ periods: 10, nonzeroPeriods: 7, recentPeriods: 8, periodsSinceSale: 0 });
    expect(f.figures.recentMean).toBeCloseTo((4 + 0 + 3 + 1 + 2 + 5 + 0 + 3) / 8, 12);
  });
});

describe('forecastOverCycle', () => {
  it('takes the quantile of the sum, not the sum of the quantiles', () => {
    const cycle = forecastOverCycle(poissonForecast(1, 4), 4, { levels: [0.5, 0.9] });
    // Sum of four Poisson(1) = Poisson(4): median 4, 0.9-quantile 7 (CDF(6) = 0.889, CDF(7) = 0.949).
    expect(cycle.quantiles).toEqual([4, 7]);
    expect(cycle.mean).toBe(4);
    // The per-period 0.9-quantile is 2: summed, 8.
    expect(poissonForecast(1, 4).quantiles[0]?.[8]).toBe(2);
  });

  it('refuses a cycle beyond the horizon', () => {
    expect(() => forecastOverCycle(poissonForecast(1, 2), 3)).toThrow(RangeError);
  });
});

describe('suggestOrder', () => {
  it('is the cycle quantile minus stock, rounded to the unit, capped by the limit', () => {
    const forecast = poissonForecast(1, 4);
    const free = suggestOrder({ forecast, cycleSteps: 4, stockOnHand: 1, roundTo: 2 });
    // Median of Poisson(4) = 4, minus stock 1 = 3, nearest multiple of 2: 4.
    expect(free.quantity).toBe(4);
    expect(free.figures).toMatchObject({ cycleDemand: 4, stockOnHand: 1, need: 3, rounded: 4, limited: false });
    expect([free.low, free.high]).toEqual([2, 7]); // Poisson(4) at 0.1 and 0.9
    const capped = suggestOrder({ forecast, cycleSteps: 4, stockOnHand: 1, roundTo: 2, limit: 3 });
    expect(capped.quantity).toBe(2);
    expect(capped.figures).toMatchObject({ limit: 3, limited: true, rounded: 4 });
  });

  it('never exceeds its limit and its figures are the ones used', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('nearest' as const, 'up' as const, 'down' as const),
        (mean, steps, level, stock, limit, roundTo, rounding) => {
          const forecast = poissonForecast(mean, 4);
          const s = suggestOrder({
            forecast,
            cycleSteps: steps,
            level,
            stockOnHand: stock,
            limit,
            roundTo,
            rounding,
            lowLevel: Math.min(0.05, level),
            highLevel: Math.max(0.95, level),
          });
          if (limit !== null) expect(s.quantity).toBeLessThanOrEqual(limit);
          expect(s.quantity).toBeGreaterThanOrEqual(0);
          expect(s.quantity % roundTo).toBe(0);
          const cycle = forecastOverCycle(forecast, steps, { levels: [level] });
          const f = s.figures;
          expect(f.cycleDemand).toBe(cycle.quantiles[0]);
          expect(f.need).toBe(Math.max(0, f.cycleDemand - (stock ?? 0)));
          expect(f.stockOnHand).toBe(stock);
          expect(f.limit).toBe(limit);
          expect(f.recentMean).toBe(forecast.figures.recentMean);
          expect(Math.abs(f.rounded - f.need)).toBeLessThanOrEqual(roundTo);
          expect(s.quantity).toBe(f.limited ? Math.floor((limit as number) / roundTo) * roundTo : f.rounded);
          expect(s.low).toBeLessThanOrEqual(f.cycleDemand);
          expect(s.high).toBeGreaterThanOrEqual(f.cycleDemand);
        },
      ),
      { numRuns: 500 },
    );
  }, 120_000);
});

describe('pooling', () => {
  it('pooledPrior: mean of means; within- plus between-series variance', () => {
    expect(pooledPrior([[2, 2], [4, 4], []])).toEqual({ mean: 3, variance: 1, series: 2 });
    expect(pooledPrior([])).toEqual({ mean: 0, variance: 0, series: 0 });
  });

  it('calibratedLevel interpolates a monotone map and is the identity without one', () => {
    const cal = { at: [0.25, 0.75], to: [0.1, 0.8] };
    expect(calibratedLevel(null, 0.3)).toBe(0.3);
    expect(calibratedLevel(cal, 0.5)).toBeCloseTo(0.45, 12);
    expect(calibratedLevel(cal, 0.125)).toBeCloseTo(0.05, 12);
    expect(calibratedLevel(cal, 0.875)).toBeCloseTo(0.9, 12);
  });

  it('fitPooledSettings is deterministic, reads only what it is given and returns a monotone calibration', () => {
    const series = Array.from({ length: 60 }, (_, s) =>
      Array.from({ length: 30 }, (_, t) => ((s * 7 + t * 3) % 5 === 0 ? (s % 4) + 1 : 0)),
    );
    const a = fitPooledSettings(series, { horizon: 6 });
    expect(fitPooledSettings(series, { horizon: 6 })).toEqual(a);
    const to = a.config.calibration?.to ?? [];
    expect(to).toHaveLength(19);
    for (let k = 1; k < to.length; k++) expect(to[k]).toBeGreaterThanOrEqual(to[k - 1] as number);
    expect(a.series).toBe(60);
    // A second origin six periods earlier doubles the windows scored.
    expect(fitPooledSettings(series, { horizon: 6, origins: 2, originStride: 6 }).series).toBe(120);
  }, 120_000);

  it('fitPooledLevel keeps the prior weights when they already fit (steady series)', () => {
    const series = Array.from({ length: 20 }, (_, s) => new Array(30).fill(s + 1));
    const coef = fitPooledLevel(series, { horizon: 6 });
    expect(coef).toHaveLength(LEVEL_FEATURES.length);
    const f = forecastSeries(new Array(30).fill(7), {
      horizon: 1,
      config: { candidates: [{ method: 'pooledRegression', family: 'poisson', coefficients: coef }], combine: 1 },
    });
    expect(f.mean[0]).toBeCloseTo(7, 6);
  });
});
