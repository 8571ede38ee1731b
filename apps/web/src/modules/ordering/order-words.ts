import { formatDate, formatDateTime } from '../../ui/format';

const CHINESE_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A price class number as the trade says it: 一类 … 五类 in Chinese, the digit in English. */
export function priceClassNumber(n: number, locale: string): string {
  if (locale.startsWith('zh')) return CHINESE_DIGITS[n - 1] ?? String(n);
  return String(n);
}

/**
 * A cut-off in Shanghai time as a retailer says it: midnight is the end of the day before ("2026年12月6日 24:00",
 * not "12/07 00:00"); any other time as date and time.
 */
export function formatCutOff(isoInstant: string, locale: string): string {
  const ms = Date.parse(isoInstant);
  if (Number.isNaN(ms)) return isoInstant;
  // Shanghai keeps UTC+8 all year.
  const local = new Date(ms + 8 * 3_600_000);
  if (local.getUTCHours() === 0 && local.getUTCMinutes() === 0 && local.getUTCSeconds() === 0) {
    const dayBefore = new Date(local.getTime() - 86_400_000).toISOString().slice(0, 10);
    return `${formatDate(dayBefore, locale)} 24:00`;
  }
  return formatDateTime(isoInstant, locale);
}
