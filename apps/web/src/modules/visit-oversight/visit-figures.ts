import '@/modules/visit-oversight/visit-oversight.messages';
import type { TFunction } from 'i18next';
import { SHANGHAI_OFFSET_MS } from '../../ui/format';

/**
 * Pure helpers of the visit oversight pages: weeks (Asia/Shanghai ISO weeks, named by their Monday), durations in
 * words, rates as whole percents, the coverage rules' tier bands and the checklist editor's list operations.
 */

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function dateMs(date: string): number | null {
  const match = DATE_ONLY.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDate(ms) === date ? ms : null;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isDate(value: string | null | undefined): value is string {
  return typeof value === 'string' && dateMs(value) !== null;
}

/** The Monday (YYYY-MM-DD) of the Shanghai week holding the instant `now`. */
export function weekStartOf(now: Date): string {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  const isoWeekday = ((new Date(day).getUTCDay() + 6) % 7) + 1; // 1 = Monday … 7 = Sunday
  return isoDate(day - (isoWeekday - 1) * DAY_MS);
}

/** The Monday of a date's week: "2026-12-03" (a Thursday) → "2026-11-30". An invalid date is returned unchanged. */
export function mondayOf(date: string): string {
  const ms = dateMs(date);
  if (ms === null) return date;
  const isoWeekday = ((new Date(ms).getUTCDay() + 6) % 7) + 1;
  return isoDate(ms - (isoWeekday - 1) * DAY_MS);
}

/** A date moved by whole days (negative for earlier). */
export function addDays(date: string, days: number): string {
  const ms = dateMs(date);
  return ms === null ? date : isoDate(ms + days * DAY_MS);
}

/** The seven dates of a week from its Monday. */
export function weekDays(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}

/** A week's first (Monday) and last (Sunday) day. */
export function weekRange(weekStart: string): { from: string; to: string } {
  return { from: weekStart, to: addDays(weekStart, 6) };
}

/** The instant (ISO) as a Shanghai calendar date. */
export function shanghaiDate(isoInstant: string): string {
  const ms = Date.parse(isoInstant);
  return Number.isNaN(ms) ? isoInstant.slice(0, 10) : isoDate(ms + SHANGHAI_OFFSET_MS);
}

/** A rate 0–1 as a whole percent for a chart (0.875 → 88); no rate → 0. */
export function percentOf(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.round(Math.min(Math.max(rate, 0), 1) * 100);
}

/** Done of due as a rate; nothing due → null (no coverage to speak of, not 0 % nor 100 %). */
export function coverageRate(due: number, done: number): number | null {
  if (!(due > 0)) return null;
  return Math.min(done, due) / due;
}

/**
 * Seconds as words: under a minute in seconds ("45 秒"), under an hour in whole minutes, else hours and minutes.
 */
export function formatDuration(seconds: number | null | undefined, t: TFunction): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return t('visitOversight.common.none');
  }
  const whole = Math.round(seconds);
  if (whole < 60) return t('visitOversight.common.seconds', { count: whole });
  // Whole minutes rounded down: 59 min 50 s is not yet the hour a limit may ask for.
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return t('visitOversight.common.minutes', { count: minutes });
  if (minutes % 60 === 0) return t('visitOversight.common.hours', { count: minutes / 60 });
  return t('visitOversight.common.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** The last moment a retailer may rate a visit: seven days after the check-out. */
export function ratingDeadline(checkOutAt: string, days = 7): string | null {
  const ms = Date.parse(checkOutAt);
  return Number.isNaN(ms) ? null : new Date(ms + days * DAY_MS).toISOString();
}

export const MIN_TIER = 1;
export const MAX_TIER = 30;

export interface TierBand {
  minTier: number;
  maxTier: number;
  everyWeeks: number;
}

/**
 * The first tier where the bands go wrong — a band upside down or outside 1–30, or two bands overlapping — or null
 * when they are fine. A tier in no band is allowed: it is only held to the monthly minimum.
 */
export function tierBandProblem(bands: readonly Partial<TierBand>[]): number | null {
  const counts = new Array<number>(MAX_TIER + 1).fill(0);
  for (const band of bands) {
    const min = band.minTier;
    const max = band.maxTier;
    if (!Number.isInteger(min) || !Number.isInteger(max)) return min ?? max ?? MIN_TIER;
    if ((min as number) > (max as number) || (min as number) < MIN_TIER) return min as number;
    if ((max as number) > MAX_TIER) return max as number;
    for (let tier = min as number; tier <= (max as number); tier += 1) counts[tier] = (counts[tier] ?? 0) + 1;
  }
  for (let tier = MIN_TIER; tier <= MAX_TIER; tier += 1) if ((counts[tier] ?? 0) > 1) return tier;
  return null;
}

/** Bands from the highest tiers down, the way the rule reads ("25–30 weekly" first). */
export function sortBands<T extends Partial<TierBand>>(bands: readonly T[]): T[] {
  return [...bands].sort((a, b) => (b.minTier ?? 0) - (a.minTier ?? 0));
}

/** A list with the item at `index` moved by `delta` places (clamped to the ends); the input is left as it is. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const out = [...items];
  if (index < 0 || index >= out.length) return out;
  const target = Math.min(Math.max(index + delta, 0), out.length - 1);
  const [item] = out.splice(index, 1);
  out.splice(target, 0, item as T);
  return out;
}

export interface ChecklistItemLabels {
  key?: string;
  zh?: string;
  en?: string;
}

const normalise = (label: string | undefined) => (label ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** The 1-based number of an earlier item with the same label in that language, or null. */
export function duplicateOf(
  items: readonly ChecklistItemLabels[],
  index: number,
  language: 'zh' | 'en',
): number | null {
  const mine = normalise(items[index]?.[language]);
  if (mine === '') return null;
  for (let i = 0; i < index; i += 1) if (normalise(items[i]?.[language]) === mine) return i + 1;
  return null;
}

/** A key for a new checklist item, unlike any of the others ("item_4", "item_5" …). */
export function newItemKey(items: readonly ChecklistItemLabels[]): string {
  const taken = new Set(items.map((i) => i.key));
  for (let n = items.length + 1; ; n += 1) if (!taken.has(`item_${n}`)) return `item_${n}`;
}
