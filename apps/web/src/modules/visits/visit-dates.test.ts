import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, isoWeekday, mondayOf, shanghaiDate, weekDays } from './visit-dates';

describe('plan days in Shanghai', () => {
  it('takes the Shanghai date of an instant (UTC+8)', () => {
    expect(shanghaiDate(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(shanghaiDate(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });

  it('finds the Monday of a week and its seven days across a month and a year end', () => {
    expect(isoWeekday('2026-12-01')).toBe(2);
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(addDays('2026-11-30', -7)).toBe('2026-11-23');
  });

  it('refuses what is not a calendar date', () => {
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
    expect(isCalendarDate('2026-12-01')).toBe(true);
  });
});
