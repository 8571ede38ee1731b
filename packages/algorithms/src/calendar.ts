/**
 * The one week calendar of Siyi, and the festival calendar that shapes cigarette demand in China.
 *
 * A week is an ISO week, Monday to Sunday, counted in Asia/Shanghai, and is named by its Monday as a plain
 * calendar date ('YYYY-MM-DD', like orders.week_start). China keeps UTC+8 all year (no daylight saving since
 * 1991), so a Shanghai day is a fixed offset from UTC. Dates are handled as UTC day numbers, so the machine's
 * own time zone never shifts a week. Pure: the demo generator and the server both count weeks here.
 */

export const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, y, mo, d] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

/** The 'YYYY-MM-DD' date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday on or before a day (day numbers). */
export function mondayOfDay(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** The Shanghai calendar day (a day number) an instant falls on. */
export function shanghaiDay(instant: Date): number {
  return Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The week (its Monday) an instant falls in, in Shanghai time. */
export function weekOf(instant: Date): string {
  return dateOfDay(mondayOfDay(shanghaiDay(instant)));
}

/** The instant a week begins: Monday 00:00 in Shanghai (Sunday 16:00 UTC). */
export function weekStartInstant(weekStart: string): Date {
  return new Date(mondayChecked(weekStart) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The instant a week ends, exclusive: the next Monday 00:00 in Shanghai. */
export function weekEndInstant(weekStart: string): Date {
  return new Date((mondayChecked(weekStart) + 7) * DAY_MS - SHANGHAI_OFFSET_MS);
}

function mondayChecked(weekStart: string): number {
  const day = dayNumber(weekStart);
  if (isoWeekday(day) !== 1) throw new RangeError(`a week starts on a Monday, got ${weekStart}`);
  return day;
}

/** The week `weeks` weeks after (negative: before) a week. */
export function addWeeks(weekStart: string, weeks: number): string {
  return dateOfDay(mondayChecked(weekStart) + 7 * weeks);
}

/** Whole weeks from one Monday to another (negative when `to` is earlier). */
export function weeksBetween(from: string, to: string): number {
  return (mondayChecked(to) - mondayChecked(from)) / 7;
}

/**
 * The last complete week at `now`: the week before the current one, in Shanghai time. "Last week" in every
 * figure, and the default end of the demo city's history.
 */
export function lastCompleteWeekStart(now: Date): string {
  return dateOfDay(mondayOfDay(shanghaiDay(now)) - 7);
}

/** `count` consecutive weeks ending with `lastWeekStart`, oldest first: every calendar week, none skipped. */
export function weekStarts(lastWeekStart: string, count: number): string[] {
  const last = mondayChecked(lastWeekStart);
  return Array.from({ length: count }, (_, i) => dateOfDay(last - 7 * (count - 1 - i)));
}

/** The ISO week-numbering year and week (1–53) of a day: the week belongs to the year of its Thursday. */
export function isoWeekOfDay(day: number): { year: number; week: number } {
  const thursday = mondayOfDay(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1) / DAY_MS;
  return { year, week: Math.floor((thursday - firstDay) / 7) + 1 };
}

/** The ISO week name of a week, e.g. '2026-W48'. */
export function isoWeekName(weekStart: string): string {
  const { year, week } = isoWeekOfDay(mondayChecked(weekStart));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Spring Festival (春节, 正月初一) by Gregorian year, 2015–2035. Outside this range the demand model simply has
 * no festival effect.
 */
export const SPRING_FESTIVALS: readonly string[] = [
  '2015-02-19',
  '2016-02-08',
  '2017-01-28',
  '2018-02-16',
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
  '2031-01-23',
  '2032-02-11',
  '2033-01-31',
  '2034-02-19',
  '2035-02-08',
];

/** Mid-Autumn Festival (中秋, 八月十五), 2015–2035: a smaller gift season. */
export const MID_AUTUMN_FESTIVALS: readonly string[] = [
  '2015-09-27',
  '2016-09-15',
  '2017-10-04',
  '2018-09-24',
  '2019-09-13',
  '2020-10-01',
  '2021-09-21',
  '2022-09-10',
  '2023-09-29',
  '2024-09-17',
  '2025-10-06',
  '2026-09-25',
  '2027-09-15',
  '2028-10-03',
  '2029-09-22',
  '2030-09-12',
  '2031-10-01',
  '2032-09-19',
  '2033-09-08',
  '2034-09-27',
  '2035-09-16',
];

const SPRING_DAYS = SPRING_FESTIVALS.map(dayNumber);
const MID_AUTUMN_DAYS = MID_AUTUMN_FESTIVALS.map(dayNumber);

function nearest(days: readonly number[], day: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const d of days) if (Math.abs(d - day) < Math.abs(best - day)) best = d;
  return best;
}

/**
 * Demand multiplier for the ordering week starting on `weekStartDay` (a Monday), as a function of the date only,
 * so that it is right for any window.
 *
 * Spring Festival: shops stock up through the four weeks before it (腊月), peaking about 12 days before, with
 * gift cartons (dear brands, see `gift` below) rising most; then the holiday: many shops close and are still stocked, so the week of
 * and after the festival are well below normal, recovering over the next two weeks. Mid-Autumn brings a small
 * gift bump in the week or two before it. Shapes are smooth bumps in days from the festival (t = middle of the
 * ordering week minus festival day); amplitudes are assumptions, not measurements.
 */
export function festivalFactor(weekStartDay: number, gift: boolean): number {
  // `gift`: a product bought as a present (dear brands); everyday cartons move much less.
  const mid = weekStartDay + 3.5;
  let factor = 1;
  const sf = nearest(SPRING_DAYS, mid);
  if (Number.isFinite(sf)) {
    const t = mid - sf;
    const peak = gift ? 1.6 : 0.7;
    factor *= 1 + peak * Math.exp(-(((t + 12) / 8) ** 2)) - 0.55 * Math.exp(-(((t - 4) / 5) ** 2));
  }
  const ma = nearest(MID_AUTUMN_DAYS, mid);
  if (Number.isFinite(ma)) {
    const t = mid - ma;
    factor *= 1 + (gift ? 0.35 : 0.06) * Math.exp(-(((t + 6) / 6) ** 2));
  }
  return factor;
}
