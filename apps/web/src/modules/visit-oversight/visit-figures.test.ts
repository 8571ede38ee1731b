import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  coverageRate,
  duplicateOf,
  formatDuration,
  isDate,
  mondayOf,
  moveItem,
  newItemKey,
  percentOf,
  ratingDeadline,
  shanghaiDate,
  sortBands,
  tierBandProblem,
  weekDays,
  weekRange,
  weekStartOf,
} from './visit-figures';

/** A t() that shows the key and its values, so the tests see which words were chosen with what. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

describe('weeks in Shanghai', () => {
  it('names a week by its Monday in Asia/Shanghai, whatever the UTC day', () => {
    // Tuesday 2026-12-01 noon in Shanghai.
    expect(weekStartOf(new Date('2026-12-01T04:00:00Z'))).toBe('2026-11-30');
    // Sunday 23:30 UTC is already Monday 07:30 in Shanghai: the next week.
    expect(weekStartOf(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
    // Sunday 15:59 UTC is Sunday 23:59 in Shanghai: still this week.
    expect(weekStartOf(new Date('2026-12-06T15:59:00Z'))).toBe('2026-11-30');
    // A Monday is its own week's start.
    expect(weekStartOf(new Date('2026-11-30T00:00:00+08:00'))).toBe('2026-11-30');
  });

  it('finds the Monday of any date, across months and years', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('not a date')).toBe('not a date');
  });

  it('moves by days and lists a week Monday to Sunday', () => {
    expect(addDays('2026-11-30', 7)).toBe('2026-12-07');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekDays('2026-11-30')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weekRange('2026-12-28')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('accepts only real calendar dates', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-2-3')).toBe(false);
    expect(isDate("2026-11-30' OR 1=1")).toBe(false);
    expect(isDate(null)).toBe(false);
  });

  it('gives an instant its Shanghai date', () => {
    expect(shanghaiDate('2026-11-30T17:00:00Z')).toBe('2026-12-01');
    expect(shanghaiDate('2026-11-30T15:59:59Z')).toBe('2026-11-30');
  });
});

describe('rates', () => {
  it('shows a rate as a whole percent, clamped, nothing as 0', () => {
    expect(percentOf(0.875)).toBe(88);
    expect(percentOf(1.2)).toBe(100);
    expect(percentOf(-0.1)).toBe(0);
    expect(percentOf(null)).toBe(0);
    expect(percentOf(Number.NaN)).toBe(0);
  });

  it('has no coverage when nothing is due, and never above 100 %', () => {
    expect(coverageRate(0, 0)).toBeNull();
    expect(coverageRate(4, 3)).toBe(0.75);
    expect(coverageRate(4, 6)).toBe(1);
  });
});

describe('durations in words', () => {
  it('says seconds under a minute, minutes under an hour, hours and minutes beyond', () => {
    expect(formatDuration(45, t)).toBe('visitOversight.common.seconds {"count":45}');
    expect(formatDuration(59.6, t)).toBe('visitOversight.common.minutes {"count":1}');
    expect(formatDuration(3590, t)).toBe('visitOversight.common.minutes {"count":59}');
    expect(formatDuration(25 * 60 + 20, t)).toBe('visitOversight.common.minutes {"count":25}');
    expect(formatDuration(5 * 3600 + 7 * 60, t)).toBe('visitOversight.common.hoursMinutes {"hours":5,"minutes":7}');
    expect(formatDuration(3600, t)).toBe('visitOversight.common.hours {"count":1}');
  });

  it('shows a dash for no time at all or a nonsense one', () => {
    expect(formatDuration(null, t)).toBe('visitOversight.common.none');
    expect(formatDuration(-3, t)).toBe('visitOversight.common.none');
    expect(formatDuration(Number.POSITIVE_INFINITY, t)).toBe('visitOversight.common.none');
  });

  it('gives a rating seven days after the check-out', () => {
    expect(ratingDeadline('2026-11-24T03:00:00.000Z')).toBe('2026-12-01T03:00:00.000Z');
    expect(ratingDeadline('garbage')).toBeNull();
  });
});

describe('tier bands', () => {
  const defaults = [
    { minTier: 25, maxTier: 30, everyWeeks: 1 },
    { minTier: 15, maxTier: 24, everyWeeks: 2 },
    { minTier: 1, maxTier: 14, everyWeeks: 4 },
  ];

  it('accepts the default bands in any order, and a gap (those tiers keep the monthly minimum)', () => {
    expect(tierBandProblem(defaults)).toBeNull();
    expect(tierBandProblem([...defaults].reverse())).toBeNull();
    expect(tierBandProblem([defaults[0], defaults[2]] as typeof defaults)).toBeNull();
    expect(tierBandProblem([])).toBeNull();
  });

  it('names the first tier of an overlap, a reversed, incomplete or out-of-range band', () => {
    expect(tierBandProblem([...defaults, { minTier: 20, maxTier: 21, everyWeeks: 1 }])).toBe(20);
    expect(tierBandProblem([{ minTier: 30, maxTier: 1, everyWeeks: 1 }])).toBe(30);
    expect(tierBandProblem([{ minTier: 0, maxTier: 30, everyWeeks: 1 }])).toBe(0);
    expect(tierBandProblem([{ minTier: 1, maxTier: 31, everyWeeks: 1 }])).toBe(31);
    expect(tierBandProblem([{ minTier: 1, everyWeeks: 1 }])).toBe(1);
  });

  it('reads from the highest tiers down', () => {
    expect(sortBands([...defaults].reverse()).map((b) => b.minTier)).toEqual([25, 15, 1]);
  });
});

describe('checklist editing', () => {
  it('moves an item up or down, clamped at the ends, without touching the input', () => {
    const items = ['a', 'b', 'c'];
    expect(moveItem(items, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(items, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(items, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(items, 5, 1)).toEqual(['a', 'b', 'c']);
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('finds an earlier item with the same name, ignoring case and spaces', () => {
    const items = [
      { zh: '证照亮证', en: 'Licence displayed' },
      { zh: '明码标价', en: 'Price tags' },
      { zh: '证照亮证 ', en: 'licence  DISPLAYED' },
      { zh: '', en: '' },
    ];
    expect(duplicateOf(items, 2, 'zh')).toBe(1);
    expect(duplicateOf(items, 2, 'en')).toBe(1);
    expect(duplicateOf(items, 1, 'zh')).toBeNull();
    expect(duplicateOf(items, 3, 'zh')).toBeNull();
  });

  it('makes a key none of the items has', () => {
    expect(newItemKey([{ key: 'licence' }, { key: 'item_3' }])).toBe('item_4');
    expect(newItemKey([])).toBe('item_1');
  });
});
