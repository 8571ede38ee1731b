import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  DAY_MS,
  dateOfDay,
  dayNumber,
  isoWeekday,
  isoWeekName,
  isoWeekOfDay,
  lastCompleteWeekStart,
  SHANGHAI_OFFSET_MS,
  weekEndInstant,
  weekOf,
  weekStartInstant,
  weekStarts,
  weeksBetween,
} from './calendar';

/** Any instant from 1992 (after China's last daylight saving) to 2100. */
const instant = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms));
/** Any Monday in the same range. */
const monday = instant.map(weekOf);

/** What Intl says the Shanghai calendar date and weekday of an instant are: an oracle independent of our arithmetic. */
function shanghaiByIntl(at: Date): { date: string; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, weekday: part('weekday') };
}

describe('week calendar (ISO weeks in Asia/Shanghai)', () => {
  it('property: an instant lies inside its own week, which starts on a Shanghai Monday', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const week = weekOf(at);
        expect(isoWeekday(dayNumber(week))).toBe(1);
        expect(weekStartInstant(week).getTime()).toBeLessThanOrEqual(at.getTime());
        expect(weekEndInstant(week).getTime()).toBeGreaterThan(at.getTime());
        expect(shanghaiByIntl(weekStartInstant(week))).toEqual({ date: week, weekday: 'Mon' });
      }),
      { numRuns: 500 },
    );
  });

  it('property: a week start and end round-trip, and weeks tile time without gaps', () => {
    fc.assert(
      fc.property(monday, fc.integer({ min: -600, max: 600 }), (week, n) => {
        expect(weekOf(weekStartInstant(week))).toBe(week);
        expect(weekOf(new Date(weekEndInstant(week).getTime() - 1))).toBe(week);
        expect(weekEndInstant(week).getTime()).toBe(weekStartInstant(addWeeks(week, 1)).getTime());
        expect(weekEndInstant(week).getTime() - weekStartInstant(week).getTime()).toBe(7 * DAY_MS);
        expect(addWeeks(addWeeks(week, n), -n)).toBe(week);
        expect(weeksBetween(week, addWeeks(week, n))).toBe(n);
        expect(dateOfDay(dayNumber(week))).toBe(week);
      }),
    );
  });

  it('turns the week at midnight in Shanghai, not in UTC', () => {
    // Monday 2026-11-30 00:00 in Shanghai is Sunday 16:00 UTC.
    expect(weekOf(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-23');
    expect(weekOf(new Date('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30');
    expect(weekStartInstant('2026-11-30').toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(weekEndInstant('2026-11-23').toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('property: the week of an instant agrees with Intl’s Shanghai calendar', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const { date, weekday } = shanghaiByIntl(at);
        const offset = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday);
        expect(weekOf(at)).toBe(dateOfDay(dayNumber(date) - offset));
      }),
      { numRuns: 300 },
    );
  });

  it('property: last week is the complete week just before the one now is in', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const last = lastCompleteWeekStart(now);
        expect(addWeeks(last, 1)).toBe(weekOf(now));
        expect(weekEndInstant(last).getTime()).toBeLessThanOrEqual(now.getTime());
      }),
    );
    // Sunday 23:59 in Shanghai: the current week is not complete yet.
    expect(lastCompleteWeekStart(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-16');
    expect(lastCompleteWeekStart(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-23');
  });

  it('property: a series of weeks has every calendar week, oldest first, ending at the given week', () => {
    fc.assert(
      fc.property(monday, fc.integer({ min: 1, max: 120 }), (last, count) => {
        const weeks = weekStarts(last, count);
        expect(weeks).toHaveLength(count);
        expect(weeks.at(-1)).toBe(last);
        for (let i = 1; i < weeks.length; i++) expect(weeksBetween(weeks[i - 1] as string, weeks[i] as string)).toBe(1);
      }),
    );
  });

  it('numbers ISO weeks, including week 53 and weeks that belong to the next or previous year', () => {
    expect(isoWeekName('2026-11-23')).toBe('2026-W48');
    // 2026 starts on a Thursday: it has 53 ISO weeks, and 2027-01-01 (a Friday) is in 2026-W53.
    expect(isoWeekName('2026-12-28')).toBe('2026-W53');
    expect(isoWeekOfDay(dayNumber('2027-01-03'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeekName('2027-01-04')).toBe('2027-W01');
    // 2020 was a leap year starting on a Wednesday: 53 weeks too.
    expect(isoWeekName('2020-12-28')).toBe('2020-W53');
    // 2024-12-30 (a Monday) begins 2025-W01.
    expect(isoWeekName('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOfDay(dayNumber('2025-12-29'))).toEqual({ year: 2026, week: 1 });
  });

  it('property: ISO week numbers step by one within a year and restart at 1 after week 52 or 53', () => {
    fc.assert(
      fc.property(monday, (week) => {
        const a = isoWeekOfDay(dayNumber(week));
        const b = isoWeekOfDay(dayNumber(addWeeks(week, 1)));
        if (b.year === a.year) expect(b.week).toBe(a.week + 1);
        else {
          expect(b).toEqual({ year: a.year + 1, week: 1 });
          expect([52, 53]).toContain(a.week);
          // A year has 53 weeks exactly when it starts on a Thursday, or is a leap year starting on a Wednesday.
          const jan1 = isoWeekday(dayNumber(`${a.year}-01-01`));
          const leap = (a.year % 4 === 0 && a.year % 100 !== 0) || a.year % 400 === 0;
          expect(a.week === 53).toBe(jan1 === 4 || (leap && jan1 === 3));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what is not a week', () => {
    expect(() => addWeeks('2026-11-24', 1)).toThrow(RangeError);
    expect(() => weekStarts('2026-02-30', 1)).toThrow(RangeError);
    expect(() => dayNumber('26-11-23')).toThrow(RangeError);
    expect(SHANGHAI_OFFSET_MS).toBe(8 * 3_600_000);
  });
});
