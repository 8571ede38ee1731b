/**
 * Display formatters. Pure and locale-driven: words come from Intl, never from literals here,
 * so both languages stay in the i18n resources or in the platform's own data.
 */

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

// Making an Intl formatter costs milliseconds (a phone at 4× slowdown: ~10 ms each) and a page formats hundreds
// of values: one formatter per locale and options, reused.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** An integer count with grouping: 12,345. */
export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export interface MoneyScale {
  /** Yuan per unit of the scale: 1, 10,000 (万), 1,000 (K) … */
  divisor: number;
  /** What follows the number: '', '万', 'K' … */
  suffix: string;
  /** The smallest amount in yuan shown in this scale. */
  from: number;
}

/**
 * The scales money is shown in, smallest first: exact yuan below ¥10,000, then 万 and 亿 in Chinese, K, M and
 * B in English. Money figures, cards, tooltips and chart axes all use these, so a sum reads the same everywhere.
 */
export function moneyScales(locale: string): readonly MoneyScale[] {
  let scales = moneyScaleCache.get(locale);
  if (!scales) {
    // Chinese groups big sums by 万 (10⁴); English by thousands. The words themselves come from Intl.
    const steps = locale.startsWith('zh') ? [1e4, 1e8] : [1e3, 1e6, 1e9];
    const compact = numberFormat(locale, { notation: 'compact' });
    scales = [
      { divisor: 1, suffix: '', from: 0 },
      ...steps.map((divisor) => ({
        divisor,
        suffix: compact.formatToParts(divisor).find((part) => part.type === 'compact')?.value ?? '',
        from: Math.max(divisor, 1e4),
      })),
    ];
    moneyScaleCache.set(locale, scales);
  }
  return scales;
}
const moneyScaleCache = new Map<string, readonly MoneyScale[]>();

/** The largest scale whose threshold `yuan` reaches. */
export function moneyScaleFor(yuan: number, locale: string): MoneyScale {
  const scales = moneyScales(locale);
  let chosen = scales[0] as MoneyScale;
  for (const scale of scales) if (Math.abs(yuan) >= scale.from) chosen = scale;
  return chosen;
}

/** Hundredths as "1,234.56": integer arithmetic keeps them exact. */
function hundredths(value: number, locale: string): string {
  const whole = Math.trunc(value / 100);
  return `${formatCount(whole, locale)}.${String(value % 100).padStart(2, '0')}`;
}

/**
 * The one money format: fen → "¥8,000.00" below ¥10,000; above, two decimals of the scale: "¥612.80万",
 * "¥1.23亿" (zh), "¥612.80K", "¥6.13M" (en). Always grouped, always two decimals.
 */
export function formatMoney(fen: number, locale: string): string {
  const abs = Math.abs(Math.trunc(fen));
  const scales = moneyScales(locale);
  let scale = moneyScaleFor(abs / 100, locale);
  // Hundredths of the scale's unit, rounded; rounding up to the next scale's threshold moves to that scale.
  let scaled = Math.round(abs / scale.divisor);
  const next = scales[scales.indexOf(scale) + 1];
  if (next && (scaled / 100) * scale.divisor >= next.from) {
    scale = next;
    scaled = Math.round(abs / scale.divisor);
  }
  const text = `¥${hundredths(scaled, locale)}${scale.suffix}`;
  return fen < 0 && scaled > 0 ? `-${text}` : text;
}

/** A money axis tick in yuan, in the axis's scale: 12,000 in 万 → "1.2". */
export function formatScaled(value: number, divisor: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value / divisor);
}

/** Fen → yuan as a plain number, for chart values. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Minutes after midnight → "07:30". 1440 (midnight at the end of the day) shows as "24:00". */
export function formatMinutes(minutes: number): string {
  const clamped = Math.min(Math.max(Math.trunc(minutes), 0), 24 * 60);
  const h = Math.trunc(clamped / 60);
  const m = clamped % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "07:30–22:00". */
export function formatOpeningHours(opensAt: number, closesAt: number): string {
  return `${formatMinutes(opensAt)}–${formatMinutes(closesAt)}`;
}

// 2024-01-01 was a Monday; ISO weekday n is that date + (n - 1) days.
const MONDAY_UTC = Date.UTC(2024, 0, 1);

/** ISO weekday 1–7 → the weekday's name in the locale ("星期一", "Monday"). */
export function formatWeekday(isoWeekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7) return '';
  const date = new Date(MONDAY_UTC + (isoWeekday - 1) * 86_400_000);
  return dateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(date);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date ("2026-11-23", e.g. a week's Monday) in the locale; it is already a Shanghai date,
 * so it is formatted without any time-zone shift.
 */
export function formatDate(isoDate: string, locale: string): string {
  const match = DATE_ONLY.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A week's Monday as a short axis label: "2026-11-23" → "11-23". */
export function formatWeekLabel(weekStart: string): string {
  const match = DATE_ONLY.exec(weekStart);
  return match ? `${match[2]}-${match[3]}` : weekStart;
}

/** A UTC instant (ISO-8601) shown as a date and time in Asia/Shanghai. */
export function formatDateTime(isoInstant: string, locale: string): string {
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  return dateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: SHANGHAI_TIME_ZONE,
  }).format(date);
}

/** WGS-84 degrees with six decimals (about 0.1 m). */
export function formatCoordinate(degrees: number): string {
  return degrees.toFixed(6);
}

/** A phone number as a tel: URI: keeps digits and a leading +. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}
