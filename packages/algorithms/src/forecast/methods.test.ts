import { describe, expect, it } from 'vitest';
import { dateOfDay, MID_AUTUMN_FESTIVALS, SPRING_FESTIVALS } from '../calendar';
import { countCdf, countQuantiles, negativeBinomialQuantiles, normalQuantile, poissonQuantiles } from './distributions';
import {
  type FestivalProfile,
  festivalDay,
  festivalMultipliers,
  festivalPositions,
  fitFestivalProfile,
  periodIndexOfDay,
  periodStartDay,
} from './festival';
import {
  crostonLevel,
  empiricalQuantilesInto,
  sbaLevel,
  sesLevel,
  tsbLevel,
  windowMean,
  windowVariance,
} from './methods';

describe('level estimators', () => {
  it('simple exponential smoothing', () => {
    // α = 0.5 on [2, 4, 0]: 2 → 3 → 1.5.
    expect(sesLevel([2, 4, 0], 0.5)).toBe(1.5);
    expect(sesLevel([], 0.5)).toBe(0);
    // Reads only [from, to).
    expect(sesLevel([9, 2, 4, 0, 9], 0.5, 1, 4)).toBe(1.5);
  });

  it('Croston and SBA', () => {
    // α = 0.5 on [0, 2, 0, 0, 4]: first sale 2 after 2 periods; then 4 after 3: size 3, interval 2.5.
    expect(crostonLevel([0, 2, 0, 0, 4], 0.5)).toBeCloseTo(3 / 2.5, 12);
    expect(sbaLevel([0, 2, 0, 0, 4], 0.5)).toBeCloseTo((1 - 0.25) * (3 / 2.5), 12);
    expect(crostonLevel([0, 0, 0], 0.5)).toBe(0);
  });

  it('TSB decays the demand probability every period, so a dying series fades (Croston does not)', () => {
    // α = β = 0.5 on [0, 2, 0, 0, 4]: probability 0 → 0.5 → 0.25 → 0.125 → 0.5625; size 2 → 3.
    expect(tsbLevel([0, 2, 0, 0, 4], 0.5, 0.5)).toBeCloseTo(0.5625 * 3, 12);
    const dying = [3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(crostonLevel(dying, 0.1)).toBe(3);
    expect(tsbLevel(dying, 0.1, 0.2)).toBeCloseTo(3 * 0.8 ** 8, 12);
  });

  it('window mean, variance and empirical quantiles', () => {
    expect(windowMean([9, 1, 0, 3, 2], 4)).toBe(1.5);
    expect(windowVariance([9, 1, 0, 3, 2], 4)).toBeCloseTo((1 + 0 + 9 + 4) / 4 - 1.5 ** 2, 12);
    const out = [0, 0, 0];
    // Last 4 sorted: 0, 1, 2, 3 → ranks ⌈0.4⌉ = 1, ⌈2⌉ = 2, ⌈3.6⌉ = 4.
    empiricalQuantilesInto([9, 1, 0, 3, 2], 4, [0.1, 0.5, 0.9], out, 0, new Float64Array(8));
    expect(out).toEqual([0, 1, 3]);
  });
});

describe('count distributions', () => {
  it('Poisson quantiles are the smallest counts whose CDF reaches the level', () => {
    // Poisson(1): CDF 0.368, 0.736, 0.920, 0.981.
    expect(poissonQuantiles(1, [0.3, 0.5, 0.8, 0.95])).toEqual([0, 1, 2, 3]);
    expect(countCdf(1, 1, 1)).toBeCloseTo(2 * Math.exp(-1), 12);
  });

  it('negative binomial quantiles (mean 2, variance 6: geometric with p = 1/3)', () => {
    // CDF: 1/3, 5/9, 19/27 … ; P(Y ≤ 5) = 1 − (2/3)^6 = 0.912.
    expect(countQuantiles(2, 6, [0.1, 0.5, 0.9])).toEqual([0, 1, 5]);
    expect(negativeBinomialQuantiles(2, 1, [0.1, 0.5, 0.9])).toEqual([0, 1, 5]);
    expect(countCdf(2, 6, 5)).toBeCloseTo(1 - (2 / 3) ** 6, 12);
  });

  it('large means use the normal approximation; zero mean gives zeros', () => {
    expect(countQuantiles(1000, 1000, [0.5])).toEqual([1000]);
    expect(countQuantiles(1000, 1000, [0.975])[0]).toBe(Math.round(1000 + 1.959964 * Math.sqrt(1000)));
    expect(countQuantiles(0, 0, [0.1, 0.9])).toEqual([0, 0]);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
  });
});

describe('festivals', () => {
  it('lunar dates agree with the calendar tables 2015–2035', () => {
    for (let y = 2015; y <= 2035; y++) {
      expect(dateOfDay(festivalDay('springFestival', y))).toBe(SPRING_FESTIVALS[y - 2015]);
      expect(dateOfDay(festivalDay('midAutumn', y))).toBe(MID_AUTUMN_FESTIVALS[y - 2015]);
    }
  }, 60_000);

  it('counts periods relative to the festival, weekly and monthly', () => {
    const weekly = { firstPeriodStart: '2026-01-05', periodDays: 7 };
    // 2026-02-17 (Tuesday) lies in the week of Monday 2026-02-16: period 6.
    expect(periodIndexOfDay(weekly, festivalDay('springFestival', 2026))).toBe(6);
    const pos = festivalPositions(weekly, 10, 'springFestival', 2);
    expect(pos.slice(3, 10)).toEqual([Number.NaN, -2, -1, 0, 1, 2, Number.NaN]);
    const monthly = { firstPeriodStart: '2025-11-01', periodDays: 30, monthly: true };
    expect(periodStartDay(monthly, 3)).toBe(festivalDay('springFestival', 2026) - 16); // 2026-02-01
    expect(periodIndexOfDay(monthly, festivalDay('springFestival', 2026))).toBe(3);
  });

  it('fits a pooled profile that finds a festival bump and applies it', () => {
    const calendar = { firstPeriodStart: '2024-01-01', periodDays: 7 };
    const pos = festivalPositions(calendar, 104, 'springFestival', 5);
    // Every series sells 2 a week, 6 in the week before the Spring Festival.
    const series = Array.from({ length: 50 }, () => pos.map((r) => (r === -1 ? 6 : 2)));
    const profile = fitFestivalProfile(series, calendar, { shrink: 0 });
    expect(profile.multipliers.springFestival[-1 - profile.from]).toBeCloseTo(3, 12);
    expect(profile.multipliers.springFestival[0 - profile.from]).toBeCloseTo(1, 12);
    const mult = festivalMultipliers(calendar, 104, profile);
    for (let i = 0; i < 104; i++) expect(mult[i]).toBeCloseTo(pos[i] === -1 ? 3 : 1, 12);
  });

  it('leaves periods outside the profile at 1', () => {
    const profile: FestivalProfile = {
      from: 0,
      to: 0,
      multipliers: { springFestival: [2], midAutumn: [1.5] },
      observations: 1,
    };
    const calendar = { firstPeriodStart: '2026-01-05', periodDays: 7 };
    const mult = festivalMultipliers(calendar, 52, profile);
    expect(mult[6]).toBe(2); // week of 2026-02-16
    expect(mult[37]).toBe(1.5); // week of 2026-09-21 holds 2026-09-25
    expect(mult.filter((m) => m !== 1)).toHaveLength(2);
  });
});
