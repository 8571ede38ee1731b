import { formatDayWithWeekday, SHANGHAI_OFFSET_MS } from '../../ui/format';

const CHINESE_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A price class number as the trade says it: 一类 … 五类 in Chinese, the digit in English. */
export function priceClassNumber(n: number, locale: string): string {
  if (locale.startsWith('zh')) return CHINESE_DIGITS[n - 1] ?? String(n);
  return String(n);
}

/**
 * A window's opening or closing time in Shanghai time as a retailer says it, with the weekday: midnight is the end
 * of the day before ("12月6日（周日）24:00", "Sun, Dec 6, 24:00" — not "12/07 00:00"); any other time as it is
 * ("12月5日（周六）12:00").
 */
export function formatCutOff(isoInstant: string, locale: string): string {
  const ms = Date.parse(isoInstant);
  if (Number.isNaN(ms)) return isoInstant;
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  const midnight = local.getUTCHours() === 0 && local.getUTCMinutes() === 0;
  const day = new Date(local.getTime() - (midnight ? 86_400_000 : 0)).toISOString().slice(0, 10);
  const time = midnight ? '24:00' : local.toISOString().slice(11, 16);
  const zh = locale.startsWith('zh');
  return zh ? `${formatDayWithWeekday(day, locale)}${time}` : `${formatDayWithWeekday(day, locale)}, ${time}`;
}
