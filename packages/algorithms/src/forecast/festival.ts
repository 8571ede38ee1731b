/**
 * Festival seasonality: the Spring Festival (春节, 正月初一) and Mid-Autumn (中秋, 八月十五) move with the lunar
 * calendar, so a "same week last year" term misses them. Here a period's position relative to each festival is
 * counted in periods (weeks or months), and a profile of demand multipliers by that position is fitted by
 * pooling many series (one shop sells too little to read its own festival bump).
 */
import { Lunar } from 'lunar-typescript';
import { dayNumber } from '../calendar';

/** Where period 0 of a history starts and how long a period is (7 = weeks, 30 ≈ months: see `monthly`). */
export interface PeriodCalendar {
  /** 'YYYY-MM-DD' of the first day of period 0. */
  firstPeriodStart: string;
  /** Days per period; 7 for weeks. Monthly periods: set `monthly` instead. */
  periodDays: number;
  /** Periods are calendar months starting at firstPeriodStart's month (periodDays is then ignored). */
  monthly?: boolean;
}

export type Festival = 'springFestival' | 'midAutumn';
export const FESTIVALS: readonly Festival[] = ['springFestival', 'midAutumn'];

/**
 * Multipliers of demand by position relative to each festival: `multipliers[f][r - from]` applies to the period
 * that lies r periods after the one holding festival f (r < 0: before it). Outside [from, to] the multiplier is 1.
 */
export interface FestivalProfile {
  from: number;
  to: number;
  multipliers: Record<Festival, number[]>;
  /** How many (series × festival occurrences) the profile was fitted on. */
  observations: number;
}

const festivalDayCache = new Map<string, number>();

/** Day number (days since 1970-01-01) of a festival in a Gregorian year, from the lunar calendar. */
export function festivalDay(festival: Festival, year: number): number {
  const key = `${festival}:${year}`;
  let day = festivalDayCache.get(key);
  if (day === undefined) {
    const lunar = festival === 'springFestival' ? Lunar.fromYmd(year, 1, 1) : Lunar.fromYmd(year, 8, 15);
    day = dayNumber(lunar.getSolar().toYmd());
    festivalDayCache.set(key, day);
  }
  return day;
}

/** The first day (day number) of period `index` of a calendar. */
export function periodStartDay(calendar: PeriodCalendar, index: number): number {
  const first = dayNumber(calendar.firstPeriodStart);
  if (!calendar.monthly) return first + index * calendar.periodDays;
  const d = new Date(first * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + index, 1) / 86_400_000;
}

/** The index of the period holding a day (may be negative or beyond the history). */
export function periodIndexOfDay(calendar: PeriodCalendar, day: number): number {
  const first = dayNumber(calendar.firstPeriodStart);
  if (!calendar.monthly) return Math.floor((day - first) / calendar.periodDays);
  const a = new Date(first * 86_400_000);
  const b = new Date(day * 86_400_000);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/**
 * For periods [0, count) of a calendar, each period's position relative to the nearest occurrence of `festival`
 * (0 = the period holding it), or NaN when farther than `reach` periods.
 */
export function festivalPositions(
  calendar: PeriodCalendar,
  count: number,
  festival: Festival,
  reach: number,
): number[] {
  const out = new Array<number>(count).fill(Number.NaN);
  if (count <= 0) return out;
  const firstYear = new Date(periodStartDay(calendar, 0) * 86_400_000).getUTCFullYear() - 1;
  const lastYear = new Date(periodStartDay(calendar, count) * 86_400_000).getUTCFullYear() + 1;
  for (let year = firstYear; year <= lastYear; year++) {
    const at = periodIndexOfDay(calendar, festivalDay(festival, year));
    for (let r = -reach; r <= reach; r++) {
      const i = at + r;
      if (i < 0 || i >= count) continue;
      const prev = out[i] as number;
      if (Number.isNaN(prev) || Math.abs(r) < Math.abs(prev)) out[i] = r;
    }
  }
  return out;
}

/**
 * Multiplier of each period [0, count) under a profile (1 where no festival is near). Where the two festivals'
 * windows overlap (never for weeks; they are about seven months apart) the multipliers multiply.
 */
export function festivalMultipliers(calendar: PeriodCalendar, count: number, profile: FestivalProfile): number[] {
  const out = new Array<number>(count).fill(1);
  const reach = Math.max(-profile.from, profile.to);
  for (const f of FESTIVALS) {
    const pos = festivalPositions(calendar, count, f, reach);
    const mult = profile.multipliers[f];
    for (let i = 0; i < count; i++) {
      const r = pos[i] as number;
      if (Number.isNaN(r) || r < profile.from || r > profile.to) continue;
      out[i] = (out[i] as number) * (mult[r - profile.from] as number);
    }
  }
  return out;
}

/**
 * Fits a festival profile by pooling series that share one calendar: for each position r in [from, to], the
 * multiplier is Σ demand at r ÷ Σ of each series' baseline there (the mean of its periods farther than `to - from`
 * from any festival, within a year around), shrunk toward 1 by `shrink` baseline units so that thin evidence
 * gives a mild profile. Series with no sale in the baseline periods are skipped.
 */
export function fitFestivalProfile(
  histories: readonly (readonly number[])[],
  calendar: PeriodCalendar,
  options: { from?: number; to?: number; shrink?: number } = {},
): FestivalProfile {
  const from = options.from ?? (calendar.monthly ? -1 : -5);
  const to = options.to ?? (calendar.monthly ? 1 : 3);
  const shrink = options.shrink ?? 20;
  const width = to - from + 1;
  let maxLen = 0;
  for (const h of histories) maxLen = Math.max(maxLen, h.length);
  const reach = Math.max(-from, to);
  const positions = {
    springFestival: festivalPositions(calendar, maxLen, 'springFestival', reach),
    midAutumn: festivalPositions(calendar, maxLen, 'midAutumn', reach),
  };
  const quiet = new Array<boolean>(maxLen).fill(true);
  for (const f of FESTIVALS) {
    const pos = positions[f];
    for (let i = 0; i < maxLen; i++) if (!Number.isNaN(pos[i] as number)) quiet[i] = false;
  }
  const num = { springFestival: new Float64Array(width), midAutumn: new Float64Array(width) };
  const den = { springFestival: new Float64Array(width), midAutumn: new Float64Array(width) };
  let observations = 0;
  for (const h of histories) {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < h.length; i++) {
      if (quiet[i]) {
        sum += h[i] as number;
        n++;
      }
    }
    if (n === 0 || sum <= 0) continue;
    const base = sum / n;
    for (const f of FESTIVALS) {
      const pos = positions[f];
      for (let i = 0; i < h.length; i++) {
        const r = pos[i] as number;
        if (Number.isNaN(r) || r < from || r > to) continue;
        const nf = num[f];
        const df = den[f];
        nf[r - from] = (nf[r - from] as number) + (h[i] as number);
        df[r - from] = (df[r - from] as number) + base;
        if (r === 0) observations++;
      }
    }
  }
  const multipliers = { springFestival: [] as number[], midAutumn: [] as number[] };
  for (const f of FESTIVALS) {
    for (let j = 0; j < width; j++)
      multipliers[f].push(((num[f][j] as number) + shrink) / ((den[f][j] as number) + shrink));
  }
  return { from, to, multipliers, observations };
}
