import type { CoverageWeek } from '@siyi/contracts';

/** An empty week: nothing due, nothing done, no rates. */
export function emptyWeek(weekStart: string): CoverageWeek {
  return {
    weekStart,
    due: 0,
    done: 0,
    doneOfDue: 0,
    overdue: 0,
    coveragePct: null,
    rated: 0,
    averageRating: null,
    flagged: 0,
    flaggedSharePct: null,
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Several rows' figures of one week as one (the whole district or city): counts add up; coverage and flagged share
 * are recomputed from the sums (not averaged), the average rating is weighted by the ratings behind it.
 */
export function sumWeeks(weekStart: string, weeks: readonly CoverageWeek[]): CoverageWeek {
  const total = emptyWeek(weekStart);
  let ratingSum = 0;
  for (const w of weeks) {
    total.due += w.due;
    total.done += w.done;
    total.doneOfDue += w.doneOfDue;
    total.overdue += w.overdue;
    total.rated += w.rated;
    total.flagged += w.flagged;
    if (w.averageRating !== null) ratingSum += w.averageRating * w.rated;
  }
  total.coveragePct = total.due === 0 ? null : round((100 * total.doneOfDue) / total.due, 1);
  total.averageRating = total.rated === 0 ? null : round(ratingSum / total.rated, 2);
  total.flaggedSharePct = total.done === 0 ? null : round((100 * total.flagged) / total.done, 1);
  return total;
}

/** A row's figures of one week from its series (an empty week when the series lacks it). */
export function weekOf(series: readonly CoverageWeek[], weekStart: string): CoverageWeek {
  return series.find((w) => w.weekStart === weekStart) ?? emptyWeek(weekStart);
}

/** Rows' series added up week by week: the whole's trend. */
export function sumSeries(
  weeks: readonly string[],
  rows: readonly { series: readonly CoverageWeek[] }[],
): CoverageWeek[] {
  return weeks.map((week) =>
    sumWeeks(
      week,
      rows.map((r) => weekOf(r.series, week)),
    ),
  );
}
