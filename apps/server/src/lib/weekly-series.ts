import { addWeeks, lastCompleteWeekStart, weekStarts } from '@siyi/algorithms';
import type { PeriodFigure } from '@siyi/contracts';

/** "Recent" in every figure: the last four complete calendar weeks. */
export const RECENT_WEEKS = 4;

export interface WeekWindow {
  /** Mondays of every week in the window, oldest first. */
  weeks: string[];
  fromWeek: string;
  /** Last week: the last complete calendar week at `now` (Asia/Shanghai). */
  toWeek: string;
}

/** `count` complete calendar weeks ending with last week — never the current, unfinished one. */
export function weekWindow(now: Date, count: number): WeekWindow {
  const toWeek = lastCompleteWeekStart(now);
  return { weeks: weekStarts(toWeek, count), fromWeek: addWeeks(toWeek, -(count - 1)), toWeek };
}

/** Every week of `weeks`, in that order: the row of that week where there is one, `empty(week)` where not. */
export function fillWeeks<T extends { weekStart: string }>(
  rows: readonly T[],
  weeks: readonly string[],
  empty: (weekStart: string) => T,
): T[] {
  const byWeek = new Map(rows.map((row) => [row.weekStart, row]));
  return weeks.map((week) => byWeek.get(week) ?? empty(week));
}

/**
 * The figures a page heads with, from a filled series ending with last week: last week itself and the last
 * four weeks added up. Weeks without orders are in the series as zeros, so they count as zeros.
 */
export function headlineFigures<T extends { weekStart: string; quantity: number; amountFen: number }>(
  series: readonly T[],
): { lastWeek: T; recentFourWeeks: PeriodFigure } {
  const recent = series.slice(-RECENT_WEEKS);
  const lastWeek = recent.at(-1);
  const first = recent[0];
  if (!lastWeek || !first || recent.length < RECENT_WEEKS) {
    throw new RangeError(`headline figures need at least ${RECENT_WEEKS} weeks, got ${series.length}`);
  }
  return {
    lastWeek,
    recentFourWeeks: {
      fromWeek: first.weekStart,
      toWeek: lastWeek.weekStart,
      quantity: recent.reduce((sum, w) => sum + w.quantity, 0),
      amountFen: recent.reduce((sum, w) => sum + w.amountFen, 0),
    },
  };
}
