import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crostonForecast, empiricalQuantileForecast, seasonalNaiveForecast, zeroForecast } from './baselines';
import { QUANTILE_LEVELS } from './index';
import {
  mase,
  maseScale,
  quantileLoss,
  rmsse,
  rmsseScale,
  seriesMase,
  seriesRmsse,
  WqlAccumulator,
  weightedQuantileLoss,
} from './scores';

describe('quantile loss and WQL', () => {
  it('is twice the pinball loss', () => {
    expect(quantileLoss(0.9, 3, 1)).toBeCloseTo(3.6, 12); // 2 · 0.9 · (3 − 1)
    expect(quantileLoss(0.1, 0, 2)).toBeCloseTo(3.6, 12); // 2 · 0.9 · (2 − 0)
    expect(quantileLoss(0.5, 2, 2)).toBe(0);
  });

  it('matches a hand-computed WQL', () => {
    // Levels 0.1 and 0.9, one value 4, forecasts 2 and 5: 2·0.1·2 + 2·0.1·1 = 0.6, ÷ (2 levels · 4) = 0.075.
    expect(weightedQuantileLoss([[4]], [[[2, 5]]], [0.1, 0.9])).toBeCloseTo(0.075, 12);
    // Two series pool their loss and their scale: (0.6 + 2·0.5·3) ÷ (2 · (4 + 3)).
    const acc = new WqlAccumulator([0.1, 0.9]);
    acc.add([4], [[2, 5]]);
    acc.add([3], [[0, 0]]);
    expect(acc.value).toBeCloseTo((0.6 + 2 * 0.1 * 3 + 2 * 0.9 * 3) / (2 * 7), 12);
  });

  it('scores the zero forecast exactly 1 on any non-negative data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 12, maxLength: 12 }), {
          minLength: 1,
          maxLength: 20,
        }),
        (actuals) => {
          fc.pre(actuals.some((a) => a.some((v) => v > 0)));
          const zero = actuals.map(() => zeroForecast(12, QUANTILE_LEVELS).quantiles);
          expect(weightedQuantileLoss(actuals, zero, QUANTILE_LEVELS)).toBeCloseTo(1, 12);
        },
      ),
    );
  }, 120_000);
});

describe('MASE and RMSSE', () => {
  it('match hand-computed values', () => {
    // Seasonal differences (m = 12): |3 − 1| and |0 − 0| → scale 1; errors |2 − 1|, |2 − 4| → 1.5.
    const history = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0];
    expect(maseScale(history, 12)).toBe(1);
    expect(seriesMase(history, [2, 2], [1, 4])).toBeCloseTo(1.5, 12);
    // One-step differences 2, −1 → mean square 2.5; errors 1 and 3 → mean square 5 → √2.
    expect(rmsseScale([1, 3, 2])).toBe(2.5);
    expect(seriesRmsse([1, 3, 2], [2, 4], [1, 1])).toBeCloseTo(Math.SQRT2, 12);
  });

  it('leave out series whose in-sample scale is zero and average the rest', () => {
    expect(seriesMase(new Array(14).fill(2), [1], [0])).toBeNaN();
    expect(seriesRmsse([5, 5, 5], [1], [0])).toBeNaN();
    expect(
      rmsse(
        [
          [5, 5, 5],
          [1, 3, 2],
        ],
        [[1], [2, 4]],
        [[0], [1, 1]],
      ),
    ).toBeCloseTo(Math.SQRT2, 12);
    const h = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0];
    expect(
      mase(
        [new Array(14).fill(0), h],
        [
          [1, 1],
          [2, 2],
        ],
        [
          [0, 0],
          [1, 4],
        ],
      ),
    ).toBeCloseTo(1.5, 12);
  });
});

describe('baselines', () => {
  it('seasonal naive repeats last season, Croston is flat, empirical reads the last 12', () => {
    const history = Array.from({ length: 24 }, (_, t) => t);
    const sn = seasonalNaiveForecast(history, 3, [0.5]);
    expect(sn.quantiles).toEqual([[12], [13], [14]]);
    // Croston α = 0.1 on [0, 2, 0, 0, 4]: size 2 → 2.2, interval 2 → 2.1; 2.2 / 2.1.
    expect(crostonForecast([0, 2, 0, 0, 4], 2, [0.5]).mean[0]).toBeCloseTo(2.2 / 2.1, 12);
    const emp = empiricalQuantileForecast([9, 9, 9, 1, 0, 3, 2], 1, [0.1, 0.5, 0.9], 4);
    expect(emp.quantiles).toEqual([[0, 1, 3]]);
    expect(emp.mean).toEqual([1.5]);
  });
});
