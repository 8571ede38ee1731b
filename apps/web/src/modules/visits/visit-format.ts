import type { VisitPlanStop } from '@siyi/contracts';

/** How plan days, times and stops read. Pure. */

/** A plan day as people say it: "12月1日周二", "Tue, Dec 1" (the year is the week's, shown once above). */
export function formatDay(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    at,
  );
}

/** An instant as the time of day in Shanghai: "09:12". */
export function formatClock(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** Stops of the day in visiting order: planned order first, then the rest (unplanned ones) as created. */
export function dayStops(stops: readonly VisitPlanStop[]): VisitPlanStop[] {
  return [...stops]
    .filter((s) => s.status !== 'cancelled')
    .sort((a, b) => (a.plannedOrder ?? 10_000) - (b.plannedOrder ?? 10_000) || a.visitId - b.visitId);
}

/** Today's visits in figures, for the manager's home: how many done of how many, and where to go next. */
export interface DaySummary {
  done: number;
  total: number;
  /** The visit under way, else the first one still planned; null when none is left. */
  next: VisitPlanStop | null;
}

export function daySummary(stops: readonly VisitPlanStop[]): DaySummary {
  const ordered = dayStops(stops);
  return {
    done: ordered.filter((s) => s.status === 'done').length,
    total: ordered.length,
    next: ordered.find((s) => s.status === 'in_progress') ?? ordered.find((s) => s.status === 'planned') ?? null,
  };
}
