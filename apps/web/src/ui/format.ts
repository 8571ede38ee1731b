/**
 * Display formatters. Pure and locale-driven: words come from Intl or the i18n resources — except the digits and
 * money scale words of the app's two languages (below), which a test holds equal to Intl's.
 */

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
/** Shanghai's offset from UTC: +8 h all year (China has kept no daylight saving time since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

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

/*
 * The first Intl number formatter of a page costs 50–80 ms here (ICU's start-up; four times that on a phone at
 * Lighthouse's 4× slowdown), in the first screen's longest task. Chinese (zh-CN) and English write numbers alike —
 * Western digits, a comma every three, a point, rounding half away from zero — so for them counts, axis ticks and
 * money scale words are written here; any other locale, and any number beyond plain digits, still goes to Intl.
 * format.test.ts compares both ways on random numbers.
 */
const PLAIN_DIGIT_LOCALES = /^(?:zh|en)(?:-|$)/;
// Beyond a trillion, hundredths run out of a double's digits in the rounding below: Intl takes those.
const MAX_PLAIN = 1e12;

function writesPlainDigits(locale: string, value: number): boolean {
  // A tiny fraction (5e-324) prints in exponent form, which the rounding below does not read: Intl takes those.
  return (
    PLAIN_DIGIT_LOCALES.test(locale) &&
    Number.isFinite(value) &&
    Math.abs(value) < MAX_PLAIN &&
    !String(value).includes('e')
  );
}

/** Rounds half away from zero at `digits` decimals of the number's shortest decimal form (as Intl does). */
function roundHalfExpand(value: number, digits: number): number {
  const shifted = Math.round(Number(`${Math.abs(value)}e${digits}`));
  return Math.sign(value) * Number(`${shifted}e-${digits}`);
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Up to `digits` decimals, trailing zeros dropped, grouped: 1234.5 → "1,234.5". */
function writePlain(value: number, digits: number): string {
  const rounded = roundHalfExpand(value, digits);
  // Intl keeps the sign of a negative that rounds to zero ("-0"); so do we, so both ways read the same.
  if (rounded === 0) return value < 0 || Object.is(value, -0) ? '-0' : '0';
  const [whole = '0', fraction = ''] = Math.abs(rounded).toFixed(digits).split('.');
  const kept = fraction.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${groupThousands(whole)}${kept ? `.${kept}` : ''}`;
}

/** An integer count with grouping: 12,345. */
export function formatCount(value: number, locale: string): string {
  if (writesPlainDigits(locale, value)) return writePlain(value, 0);
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
    // Chinese groups big sums by 万 (10⁴); English by thousands. The words are Intl's compact ones (written out for
    // the app's two languages: see PLAIN_DIGIT_LOCALES).
    const steps = locale.startsWith('zh') ? [1e4, 1e8] : [1e3, 1e6, 1e9];
    const known = locale.startsWith('zh') ? ['万', '亿'] : locale.startsWith('en') ? ['K', 'M', 'B'] : null;
    const compact = known ? null : numberFormat(locale, { notation: 'compact' });
    scales = [
      { divisor: 1, suffix: '', from: 0 },
      ...steps.map((divisor, index) => ({
        divisor,
        suffix: known?.[index] ?? compact?.formatToParts(divisor).find((part) => part.type === 'compact')?.value ?? '',
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
  const scaled = value / divisor;
  if (writesPlainDigits(locale, scaled)) return writePlain(scaled, 2);
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(scaled);
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

/*
 * Dates, like numbers, are written here for the app's two languages: a page's first Intl date formatter starts ICU
 * (tens of milliseconds, ×4 on a phone) in the first screen's longest task, and every home shows a date. The words
 * are CLDR's as Intl writes them for exactly these locales (other English locales order the parts differently, so
 * they, and any other locale, still go to Intl); format.test.ts holds both ways equal on random dates.
 */
const PLAIN_DATE_LOCALES = new Set(['zh-CN', 'zh', 'en', 'en-US']);
const ZH_WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function writesPlainDates(locale: string): boolean {
  return PLAIN_DATE_LOCALES.has(locale);
}

function plainWeekday(isoWeekday: number, locale: string, width: 'long' | 'short'): string {
  if (locale.startsWith('zh')) return `${width === 'long' ? '星期' : '周'}${ZH_WEEKDAYS[isoWeekday - 1]}`;
  const name = EN_WEEKDAYS[isoWeekday - 1] ?? '';
  return width === 'long' ? name : name.slice(0, 3);
}

/** ISO weekday 1–7 → the weekday's name in the locale ("星期一", "Monday"; short: "周一", "Mon"). */
export function formatWeekday(isoWeekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7) return '';
  if (writesPlainDates(locale)) return plainWeekday(isoWeekday, locale, width);
  const date = new Date(MONDAY_UTC + (isoWeekday - 1) * 86_400_000);
  return dateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(date);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A 'YYYY-MM-DD' date's parts and its midnight UTC (a day out of range rolls over, as Date.UTC does). */
function calendarDate(isoDate: string): { year: number; month: number; day: number; date: Date } | null {
  const match = DATE_ONLY.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return { year, month, day, date: new Date(Date.UTC(year, month - 1, day)) };
}

/** The ISO weekday (1 = Monday … 7 = Sunday) of a UTC date. */
function isoWeekdayOf(date: Date): number {
  return ((date.getUTCDay() + 6) % 7) + 1;
}

/**
 * A calendar date ("2026-11-23", e.g. a week's Monday) in the locale: "2026年11月23日", "Nov 23, 2026". It is
 * already a Shanghai date, so it is formatted without any time-zone shift.
 */
export function formatDate(isoDate: string, locale: string): string {
  const parsed = calendarDate(isoDate);
  if (!parsed) return isoDate;
  const { year, month, day, date } = parsed;
  if (writesPlainDates(locale) && date.getUTCDate() === day && date.getUTCMonth() === month - 1) {
    return locale.startsWith('zh') ? `${year}年${month}月${day}日` : `${EN_MONTHS[month - 1]} ${day}, ${year}`;
  }
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A calendar date with its weekday, without the year: "12月6日（周日）" (the way a Chinese retailer reads a
 * deadline), "Sun, Dec 6".
 */
export function formatDayWithWeekday(isoDate: string, locale: string): string {
  const date = calendarDate(isoDate)?.date;
  if (!date || Number.isNaN(date.getTime())) return isoDate;
  const zh = locale.startsWith('zh');
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const weekday = isoWeekdayOf(date);
  if (zh) return `${month}月${day}日（${plainWeekday(weekday, 'zh-CN', 'short')}）`;
  if (writesPlainDates(locale)) return `${plainWeekday(weekday, 'en', 'short')}, ${EN_MONTHS[month - 1]} ${day}`;
  return dateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A week's Monday as a short axis label: "2026-11-23" → "11-23". */
export function formatWeekLabel(weekStart: string): string {
  const match = DATE_ONLY.exec(weekStart);
  return match ? `${match[2]}-${match[3]}` : weekStart;
}

/** A UTC instant (ISO-8601) shown as a date and time in Asia/Shanghai: "2026/11/23 14:05", "11/23/2026, 14:05". */
export function formatDateTime(isoInstant: string, locale: string): string {
  const date = new Date(isoInstant);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return isoInstant;
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  // Shanghai has kept UTC+8 all year since 1991; before that (and for years Intl writes in other eras) Intl decides.
  if (writesPlainDates(locale) && year >= 1992 && year <= 9999) {
    const two = (n: number) => String(n).padStart(2, '0');
    const [month, day] = [two(local.getUTCMonth() + 1), two(local.getUTCDate())];
    const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
    return locale.startsWith('zh') ? `${year}/${month}/${day} ${time}` : `${month}/${day}/${year}, ${time}`;
  }
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
