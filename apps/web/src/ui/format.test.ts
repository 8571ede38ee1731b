import { describe, expect, it } from 'vitest';
import {
  fenToYuan,
  formatCoordinate,
  formatCount,
  formatDate,
  formatDateTime,
  formatFen,
  formatFenCompact,
  formatMinutes,
  formatOpeningHours,
  formatWeekday,
  formatWeekLabel,
  telHref,
} from './format';

describe('money', () => {
  it('shows fen as yuan with exactly two decimals and grouping', () => {
    expect(formatFen(0, 'zh-CN')).toBe('¥0.00');
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05');
    expect(formatFen(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatFen(123456, 'en')).toBe('¥1,234.56');
    expect(formatFen(-1999, 'en')).toBe('-¥19.99');
  });

  it('stays exact where floating point would not', () => {
    // 0.1 + 0.2 style errors: 1_000_000_000_07 fen must keep its 7 fen.
    expect(formatFen(100_000_000_007, 'en')).toBe('¥1,000,000,000.07');
  });

  it('uses 万 in Chinese and K/M in English for big sums only', () => {
    expect(formatFenCompact(999_999, 'zh-CN')).toBe('¥9,999.99');
    expect(formatFenCompact(1_000_000, 'zh-CN')).toBe('¥1万');
    expect(formatFenCompact(12_345_600, 'zh-CN')).toBe('¥12.35万');
    expect(formatFenCompact(12_345_600, 'en')).toBe('¥123.46K');
    expect(formatFenCompact(-12_345_600, 'en')).toBe('-¥123.46K');
  });

  it('converts fen to yuan for charts', () => {
    expect(fenToYuan(12345)).toBe(123.45);
  });

  it('groups counts', () => {
    expect(formatCount(1234567, 'zh-CN')).toBe('1,234,567');
  });
});

describe('time', () => {
  it('formats minutes after midnight', () => {
    expect(formatMinutes(0)).toBe('00:00');
    expect(formatMinutes(450)).toBe('07:30');
    expect(formatMinutes(1440)).toBe('24:00');
    expect(formatMinutes(-5)).toBe('00:00');
    expect(formatOpeningHours(450, 1320)).toBe('07:30–22:00');
  });

  it('names ISO weekdays in both languages', () => {
    expect(formatWeekday(1, 'zh-CN')).toBe('星期一');
    expect(formatWeekday(7, 'zh-CN')).toBe('星期日');
    expect(formatWeekday(3, 'en')).toBe('Wednesday');
    expect(formatWeekday(0, 'en')).toBe('');
    expect(formatWeekday(8, 'en')).toBe('');
  });

  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-11-23', 'zh-CN')).toBe('2026年11月23日');
    expect(formatDate('2026-11-23', 'en')).toBe('Nov 23, 2026');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatWeekLabel('2026-01-05')).toBe('01-05');
  });

  it('shows instants in Asia/Shanghai', () => {
    // 16:05 UTC is 00:05 the next day in Shanghai.
    expect(formatDateTime('2026-11-23T16:05:00Z', 'zh-CN')).toBe('2026/11/24 00:05');
  });
});

describe('misc', () => {
  it('formats coordinates and phone links', () => {
    expect(formatCoordinate(30.5)).toBe('30.500000');
    expect(telHref('138-0013 8000')).toBe('tel:13800138000');
    expect(telHref('+86 138 0013 8000')).toBe('tel:+8613800138000');
  });
});
