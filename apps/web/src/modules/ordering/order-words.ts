const CHINESE_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A price class number as the trade says it: 一类 … 五类 in Chinese, the digit in English. */
export function priceClassNumber(n: number, locale: string): string {
  if (locale.startsWith('zh')) return CHINESE_DIGITS[n - 1] ?? String(n);
  return String(n);
}
