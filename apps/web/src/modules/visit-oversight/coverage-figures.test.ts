import type { CoverageWeek } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { emptyWeek, sumSeries, sumWeeks, weekOf } from './coverage-figures';

const week = (weekStart: string, w: Partial<CoverageWeek>): CoverageWeek => ({ ...emptyWeek(weekStart), ...w });

describe('coverage of a whole from its rows', () => {
  const a = week('2026-11-30', {
    due: 10,
    done: 9,
    doneOfDue: 8,
    overdue: 1,
    coveragePct: 80,
    rated: 4,
    averageRating: 5,
    flagged: 1,
    flaggedSharePct: 11.1,
  });
  const b = week('2026-11-30', {
    due: 30,
    done: 12,
    doneOfDue: 12,
    overdue: 6,
    coveragePct: 40,
    rated: 1,
    averageRating: 2,
    flagged: 3,
    flaggedSharePct: 25,
  });

  it('adds the counts and recomputes the rates from the sums, not their average', () => {
    const total = sumWeeks('2026-11-30', [a, b]);
    expect(total).toMatchObject({ due: 40, done: 21, doneOfDue: 20, overdue: 7, rated: 5, flagged: 4 });
    expect(total.coveragePct).toBe(50);
    // (4 × 5 + 1 × 2) / 5, not (5 + 2) / 2.
    expect(total.averageRating).toBe(4.4);
    expect(total.flaggedSharePct).toBe(19);
  });

  it('has no rates when nothing was due, done or rated', () => {
    expect(sumWeeks('2026-11-30', [])).toEqual(emptyWeek('2026-11-30'));
    const total = sumWeeks('2026-11-30', [week('2026-11-30', { due: 3, overdue: 3 })]);
    expect(total.coveragePct).toBe(0);
    expect(total.averageRating).toBeNull();
    expect(total.flaggedSharePct).toBeNull();
  });

  it('finds a week in a series, or an empty one', () => {
    expect(weekOf([a], '2026-11-30')).toBe(a);
    expect(weekOf([a], '2026-12-07')).toEqual(emptyWeek('2026-12-07'));
  });

  it('adds rows week by week, a row missing a week counting as nothing', () => {
    const earlier = week('2026-11-23', { due: 5, done: 5, doneOfDue: 5, coveragePct: 100 });
    const series = sumSeries(['2026-11-23', '2026-11-30'], [{ series: [earlier, a] }, { series: [b] }]);
    expect(series.map((w) => [w.weekStart, w.due, w.coveragePct])).toEqual([
      ['2026-11-23', 5, 100],
      ['2026-11-30', 40, 50],
    ]);
  });
});
