/** Calendar days of the visit plans: Asia/Shanghai dates as "YYYY-MM-DD", weeks from Monday (ISO). */
import { SHANGHAI_OFFSET_MS } from '../../ui/format';

const DAY_MS = 86_400_000;

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function parse(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : null;
}

export function isCalendarDate(value: string | null | undefined): value is string {
  return typeof value === 'string' && parse(value) !== null;
}

export function addDays(date: string, days: number): string {
  const ms = parse(date);
  if (ms === null) return date;
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday 1 (Monday) – 7 (Sunday). */
export function isoWeekday(date: string): number {
  const ms = parse(date);
  if (ms === null) return 0;
  const day = new Date(ms).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the date's week. */
export function mondayOf(date: string): string {
  const weekday = isoWeekday(date);
  return weekday === 0 ? date : addDays(date, 1 - weekday);
}

/** The seven days of a week from its Monday. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}
