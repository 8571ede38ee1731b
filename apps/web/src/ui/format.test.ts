import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fenToYuan,
  formatCoordinate,
  formatCount,
  formatDate,
  formatDateTime,
  formatDayWithWeekday,
  formatMinutes,
  formatMoney,
  formatOpeningHours,
  formatScaled,
  formatWeekday,
  formatWeekLabel,
  moneyScaleFor,
  moneyScales,
  telHref,
} from './format';

describe('money', () => {
  it('shows sums below ¥10,000 exactly, with two decimals and grouping', () => {
    expect(formatMoney(0, 'zh-CN')).toBe('¥0.00');
    expect(formatMoney(5, 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(123456, 'zh-CN')).toBe('¥1,234.56');
    expect(formatMoney(123456, 'en')).toBe('¥1,234.56');
    expect(formatMoney(999_999, 'zh-CN')).toBe('¥9,999.99');
    expect(formatMoney(-1999, 'en')).toBe('-¥19.99');
  });

  it('shows big sums in 万 and 亿 in Chinese, K, M and B in English, always two decimals', () => {
    expect(formatMoney(1_000_000, 'zh-CN')).toBe('¥1.00万');
    expect(formatMoney(612_800_000, 'zh-CN')).toBe('¥612.80万');
    expect(formatMoney(612_800_000, 'en')).toBe('¥6.13M');
    expect(formatMoney(12_345_600, 'en')).toBe('¥123.46K');
    expect(formatMoney(-12_345_600, 'en')).toBe('-¥123.46K');
    expect(formatMoney(123_456_789_000, 'zh-CN')).toBe('¥12.35亿');
    expect(formatMoney(9_999_940_000, 'zh-CN')).toBe('¥9,999.94万');
    expect(formatMoney(345_678_900_000, 'en')).toBe('¥3.46B');
  });

  it('moves to the next scale when rounding reaches it', () => {
    // ¥99,999,999.99 is 9,999.9999万: it rounds to 1.00亿, never to "10,000.00万".
    expect(formatMoney(9_999_999_999, 'zh-CN')).toBe('¥1.00亿');
    expect(formatMoney(99_999_999, 'en')).toBe('¥1.00M');
  });

  it('property: a money figure never loses more than half a hundredth of its unit, nor shows a bare number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e14, max: 1e14 }), fc.constantFrom('zh-CN', 'en'), (fen, locale) => {
        const text = formatMoney(fen, locale);
        expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}(万|亿|K|M|B)?$/);
        const scale = moneyScales(locale).find((s) => s.suffix === (text.match(/[万亿KMB]$/)?.[0] ?? ''));
        const shown = Number(text.replace(/[¥,万亿KMB]/g, '')) * (scale?.divisor ?? Number.NaN);
        expect(Math.abs(shown - fen / 100)).toBeLessThanOrEqual((scale?.divisor ?? 0) / 200 + 1e-6 * Math.abs(fen));
      }),
    );
  });

  it('picks the scale of a money axis from its largest value', () => {
    expect(moneyScaleFor(8_000, 'zh-CN').suffix).toBe('');
    expect(moneyScaleFor(12_000, 'zh-CN').suffix).toBe('万');
    expect(moneyScaleFor(12_000, 'en').suffix).toBe('K');
    expect(moneyScaleFor(3e9, 'en').suffix).toBe('B');
    expect(formatScaled(12_000, 1e4, 'zh-CN')).toBe('1.2');
  });

  it('converts fen to yuan for charts', () => {
    expect(fenToYuan(12345)).toBe(123.45);
  });

  it("property: counts, axis ticks and money scale words written without Intl are exactly Intl's", () => {
    const numbers = fc.oneof(
      fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
      fc.double({ min: -1e14, max: 1e14, noNaN: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000),
      fc.integer({ min: -100_000, max: 100_000 }).map((n) => n + 0.5),
    );
    fc.assert(
      fc.property(numbers, fc.constantFrom('zh-CN', 'en'), (value, locale) => {
        expect(formatCount(value, locale)).toBe(
          new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value),
        );
        expect(formatScaled(value, 1, locale)).toBe(
          new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value),
        );
      }),
      { numRuns: 3000 },
    );
    for (const locale of ['zh-CN', 'en']) {
      const compact = new Intl.NumberFormat(locale, { notation: 'compact' });
      for (const scale of moneyScales(locale).slice(1)) {
        expect(scale.suffix).toBe(compact.formatToParts(scale.divisor).find((p) => p.type === 'compact')?.value);
      }
    }
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

  it('writes weekdays with their day the way a retailer reads a deadline', () => {
    expect(formatDayWithWeekday('2026-12-06', 'zh-CN')).toBe('12月6日（周日）');
    expect(formatDayWithWeekday('2026-12-06', 'en')).toBe('Sun, Dec 6');
    expect(formatWeekday(1, 'zh-CN', 'short')).toBe('周一');
    expect(formatWeekday(7, 'en', 'short')).toBe('Sun');
  });

  it("property: dates, weekdays and Shanghai times written without Intl are exactly Intl's", () => {
    const references = new Map<string, Intl.DateTimeFormat>();
    const referenceFormat = (locale: string, options: Intl.DateTimeFormatOptions) => {
      const key = `${locale}|${JSON.stringify(options)}`;
      const format = references.get(key) ?? new Intl.DateTimeFormat(locale, options);
      references.set(key, format);
      return format;
    };
    const locales = ['zh-CN', 'zh', 'en', 'en-US'] as const;
    // From 1992 (Shanghai on UTC+8 all year) to the end of 2100, to the minute.
    const instants = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 11, 31) });
    fc.assert(
      fc.property(instants, fc.constantFrom(...locales), (ms, locale) => {
        const instant = new Date(Math.floor(ms / 60_000) * 60_000);
        const isoDate = instant.toISOString().slice(0, 10);
        const day = new Date(`${isoDate}T00:00:00Z`);
        const intl = (options: Intl.DateTimeFormatOptions) => referenceFormat(locale, options);
        expect(formatDate(isoDate, locale)).toBe(
          intl({ year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(day),
        );
        expect(formatDateTime(instant.toISOString(), locale)).toBe(
          intl({
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone: 'Asia/Shanghai',
          }).format(instant),
        );
        const withWeekday = intl({
          weekday: 'short',
          month: locale.startsWith('zh') ? 'numeric' : 'short',
          day: 'numeric',
          timeZone: 'UTC',
        });
        const parts = withWeekday.formatToParts(day);
        const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
        expect(formatDayWithWeekday(isoDate, locale)).toBe(
          locale.startsWith('zh')
            ? `${part('month')}月${part('day')}日（${part('weekday')}）`
            : withWeekday.format(day),
        );
      }),
      { numRuns: 2000 },
    );
    for (const locale of locales) {
      for (let weekday = 1; weekday <= 7; weekday++) {
        const date = new Date(Date.UTC(2024, 0, weekday));
        for (const width of ['long', 'short'] as const) {
          expect(formatWeekday(weekday, locale, width)).toBe(
            new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(date),
          );
        }
      }
    }
  });
});

describe('misc', () => {
  it('formats coordinates and phone links', () => {
    expect(formatCoordinate(30.5)).toBe('30.500000');
    expect(telHref('138-0013 8000')).toBe('tel:13800138000');
    expect(telHref('+86 138 0013 8000')).toBe('tel:+8613800138000');
  });
});
