/**
 * Display formatters. Pure and locale-driven: words come from Intl, never from literals here,
 * so both languages stay in the i18n resources or in the platform's own data.
 */

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

/** Money at or above this many fen (¥10,000) is shown in the compact form (万 / K). */
export const COMPACT_MONEY_FROM_FEN = 1_000_000;

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

/** An integer count with grouping: 12,345. */
export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Fen → yuan with two decimals: 123456 → "¥1,234.56". Integer arithmetic keeps the cents exact. */
export function formatFen(fen: number, locale: string): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  const text = `¥${formatCount(yuan, locale)}.${String(cents).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/**
 * Fen → a short money figure for big sums: 12,345,600 fen → "¥12.35万" (zh) / "¥123.46K" (en);
 * below ¥10,000 it is the exact form of formatFen.
 */
export function formatFenCompact(fen: number, locale: string): string {
  if (Math.abs(fen) < COMPACT_MONEY_FROM_FEN) return formatFen(fen, locale);
  const text = numberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(Math.abs(fen) / 100);
  return fen < 0 ? `-¥${text}` : `¥${text}`;
}

/** Fen → yuan as a plain number, for chart axes. */
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
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(date);
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
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
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
  return new Intl.DateTimeFormat(locale, {
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
