/**
 * Weekly coverage figures (issue 9 item 7) from plain visit rows, and the rows behind each figure: a figure and
 * its list come from the same predicate, so every number on the dashboard opens onto exactly its evidence.
 *
 * - due: the week's planned visits (source 'plan' or 'added'), not cancelled;
 * - done: the week's done visits, planned or not;
 * - overdue: due visits not done whose day has passed (the planned day, or the week's Sunday when unscheduled);
 * - coverage %: due visits done / due visits;
 * - rated: done visits with a retailer's rating; average rating over them;
 * - flagged: done visits with at least one visit flag; flagged share = flagged / done.
 */
import { addWeeks, dateOfDay, dayNumber } from '../calendar';

export const COVERAGE_FIGURES = ['due', 'done', 'overdue', 'flagged', 'rated'] as const;
export type CoverageFigure = (typeof COVERAGE_FIGURES)[number];

export interface CoverageVisit {
  visitId: number;
  retailerId: number;
  managerId: number;
  districtId: number;
  /** Monday 'YYYY-MM-DD' of the visit's week. */
  weekStart: string;
  source: string;
  status: string;
  plannedDate: string | null;
  /** The retailer's score 1–5, or null. */
  rating: number | null;
  /** Carries at least one visit flag. */
  flagged: boolean;
}

export interface CoverageFigures {
  weekStart: string;
  due: number;
  done: number;
  /** Due visits that are done (the numerator of coverage). */
  doneOfDue: number;
  overdue: number;
  /** 0–100 with one decimal, null when nothing was due. */
  coveragePct: number | null;
  rated: number;
  /** Two decimals, null when nothing was rated. */
  averageRating: number | null;
  flagged: number;
  /** 0–100 with one decimal, null when nothing was done. */
  flaggedSharePct: number | null;
}

const PLANNED_SOURCES = new Set(['plan', 'added']);

function isDue(v: CoverageVisit): boolean {
  return PLANNED_SOURCES.has(v.source) && v.status !== 'cancelled';
}

function isDone(v: CoverageVisit): boolean {
  return v.status === 'done';
}

/** The last day a due visit can still be done on time. */
function deadline(v: CoverageVisit): string {
  return v.plannedDate ?? dateOfDay(dayNumber(v.weekStart) + 6);
}

/** Whether a visit of `weekStart` counts in `figure` on `today` (Shanghai 'YYYY-MM-DD'). */
export function inCoverageFigure(v: CoverageVisit, weekStart: string, figure: CoverageFigure, today: string): boolean {
  if (v.weekStart !== weekStart) return false;
  switch (figure) {
    case 'due':
      return isDue(v);
    case 'done':
      return isDone(v);
    case 'overdue':
      return isDue(v) && !isDone(v) && deadline(v) < today;
    case 'rated':
      return isDone(v) && v.rating !== null;
    case 'flagged':
      return isDone(v) && v.flagged;
  }
}

/** The visits behind one figure, in visit id order. */
export function coverageItems<T extends CoverageVisit>(
  visits: readonly T[],
  weekStart: string,
  figure: CoverageFigure,
  today: string,
): T[] {
  return visits.filter((v) => inCoverageFigure(v, weekStart, figure, today)).sort((a, b) => a.visitId - b.visitId);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The figures of one week. */
export function coverageFigures(visits: readonly CoverageVisit[], weekStart: string, today: string): CoverageFigures {
  let due = 0;
  let done = 0;
  let doneOfDue = 0;
  let overdue = 0;
  let rated = 0;
  let ratingSum = 0;
  let flagged = 0;
  for (const v of visits) {
    if (v.weekStart !== weekStart) continue;
    if (inCoverageFigure(v, weekStart, 'due', today)) {
      due += 1;
      if (isDone(v)) doneOfDue += 1;
    }
    if (inCoverageFigure(v, weekStart, 'done', today)) done += 1;
    if (inCoverageFigure(v, weekStart, 'overdue', today)) overdue += 1;
    if (inCoverageFigure(v, weekStart, 'rated', today)) {
      rated += 1;
      ratingSum += v.rating ?? 0;
    }
    if (inCoverageFigure(v, weekStart, 'flagged', today)) flagged += 1;
  }
  return {
    weekStart,
    due,
    done,
    doneOfDue,
    overdue,
    coveragePct: due === 0 ? null : round((100 * doneOfDue) / due, 1),
    rated,
    averageRating: rated === 0 ? null : round(ratingSum / rated, 2),
    flagged,
    flaggedSharePct: done === 0 ? null : round((100 * flagged) / done, 1),
  };
}

/** The week and the `before` weeks before it, oldest first. */
export function coverageWeeks(weekStart: string, before = 8): string[] {
  return Array.from({ length: before + 1 }, (_, i) => addWeeks(weekStart, i - before));
}

/** Figures for each of `weeks`. */
export function coverageSeries(
  visits: readonly CoverageVisit[],
  weeks: readonly string[],
  today: string,
): CoverageFigures[] {
  return weeks.map((w) => coverageFigures(visits, w, today));
}
