/**
 * Quality flags on visits (issue 9 item 6): the signs of a perfunctory visit (走过场) a supervisor looks at first.
 * Pure: the server feeds visits as plain rows, the rules from the versioned flag rules, and stores what comes back.
 *
 * Visit flags (one visit each): time on site under a minimum (60 s), check-in farther from the shop than the radius
 * (200 m), an empty record (no checklist answer, no summary, no photo), a visit over a maximum (5 h).
 * Manager-day flags: a manager's total time on site on a day with done visits under a minimum (60 min).
 * Retailer-month flags: an active retailer with fewer valid visits in a calendar month than the minimum (1).
 * A visit is valid when it is done and carries none of the visit flags that say it may not have been a real
 * visit (short, far, empty); a long visit still happened.
 */
import { dateOfDay, shanghaiDay } from '../calendar';

export const VISIT_FLAG_KINDS = [
  'short_visit',
  'far_check_in',
  'empty_record',
  'long_visit',
  'low_daily_time',
  'retailer_missed_month',
] as const;
export type VisitFlagKind = (typeof VISIT_FLAG_KINDS)[number];

/** Flags that belong to one visit (computed at check-out). */
export const VISIT_LEVEL_FLAG_KINDS = ['short_visit', 'far_check_in', 'empty_record', 'long_visit'] as const;
/** Flags that make a done visit not count as a valid visit for the monthly minimum. */
export const INVALIDATING_FLAG_KINDS: readonly VisitFlagKind[] = ['short_visit', 'far_check_in', 'empty_record'];

export interface VisitFlagRules {
  /** A visit shorter than this (seconds on site) is flagged. */
  minSecondsOnSite: number;
  /** A check-in farther than this from the shop (metres) is flagged. */
  maxCheckInDistanceM: number;
  /** A visit longer than this (seconds on site) is flagged. */
  maxSecondsOnSite: number;
  /** A manager's total time on site on a working day with visits below this (minutes) is flagged. */
  minDailyMinutesOnSite: number;
  /** An active retailer with fewer valid visits than this in a calendar month is flagged. */
  minValidVisitsPerMonth: number;
  /** Each kind can be switched off. */
  enabled: Record<VisitFlagKind, boolean>;
}

/** Defaults from field practice. */
export const DEFAULT_VISIT_FLAG_RULES: VisitFlagRules = {
  minSecondsOnSite: 60,
  maxCheckInDistanceM: 200,
  maxSecondsOnSite: 5 * 3600,
  minDailyMinutesOnSite: 60,
  minValidVisitsPerMonth: 1,
  enabled: {
    short_visit: true,
    far_check_in: true,
    empty_record: true,
    long_visit: true,
    low_daily_time: true,
    retailer_missed_month: true,
  },
};

/** What the rules need to know of a visit. */
export interface QualityVisit {
  id: number;
  retailerId: number;
  managerId: number;
  status: string;
  checkInAt: Date | null;
  checkOutAt: Date | null;
  secondsOnSite: number | null;
  checkInDistanceM: number | null;
  checkInReason?: string | null;
  /** Checklist items answered on the record. */
  checklistAnswers: number;
  /** The record's summary (blank counts as none). */
  summary: string | null;
  photoCount: number;
}

export type FlagDetail = Record<string, string | number | boolean | null>;

export interface VisitQualityFlag {
  kind: VisitFlagKind;
  /** Set on visit flags. */
  visitId: number | null;
  /** Set on visit flags and retailer-month flags. */
  retailerId: number | null;
  managerId: number;
  /** Shanghai day 'YYYY-MM-DD': of the check-in on visit flags, the day itself on manager-day flags. */
  day: string | null;
  /** 'YYYY-MM' on retailer-month flags. */
  month: string | null;
  detail: FlagDetail;
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** A done visit's time on site: the recorded seconds, or check-out minus check-in. */
export function secondsOnSiteOf(v: QualityVisit): number | null {
  if (v.secondsOnSite !== null && Number.isFinite(v.secondsOnSite)) return v.secondsOnSite;
  if (v.checkInAt && v.checkOutAt)
    return Math.max(0, Math.round((v.checkOutAt.getTime() - v.checkInAt.getTime()) / 1000));
  return null;
}

/** No checklist answer, no summary, no photo. */
export function isEmptyRecord(v: Pick<QualityVisit, 'checklistAnswers' | 'summary' | 'photoCount'>): boolean {
  return v.checklistAnswers <= 0 && (v.summary ?? '').trim() === '' && v.photoCount <= 0;
}

function dayOfVisit(v: QualityVisit): string | null {
  const at = v.checkInAt ?? v.checkOutAt;
  return at ? dateOfDay(shanghaiDay(at)) : null;
}

/** The visit flags of one visit; none unless the visit is done. */
export function flagVisit(v: QualityVisit, rules: VisitFlagRules = DEFAULT_VISIT_FLAG_RULES): VisitQualityFlag[] {
  if (v.status !== 'done') return [];
  const base = { visitId: v.id, retailerId: v.retailerId, managerId: v.managerId, day: dayOfVisit(v), month: null };
  const flags: VisitQualityFlag[] = [];
  const seconds = secondsOnSiteOf(v);
  if (rules.enabled.short_visit && seconds !== null && seconds < rules.minSecondsOnSite) {
    flags.push({
      ...base,
      kind: 'short_visit',
      detail: { secondsOnSite: seconds, minSeconds: rules.minSecondsOnSite },
    });
  }
  if (
    rules.enabled.far_check_in &&
    v.checkInDistanceM !== null &&
    Number.isFinite(v.checkInDistanceM) &&
    v.checkInDistanceM > rules.maxCheckInDistanceM
  ) {
    flags.push({
      ...base,
      kind: 'far_check_in',
      detail: {
        distanceM: Math.round(v.checkInDistanceM),
        maxDistanceM: rules.maxCheckInDistanceM,
        reason: v.checkInReason ?? null,
      },
    });
  }
  if (rules.enabled.empty_record && isEmptyRecord(v)) {
    flags.push({ ...base, kind: 'empty_record', detail: { checklistAnswers: 0, summary: false, photos: 0 } });
  }
  if (rules.enabled.long_visit && seconds !== null && seconds > rules.maxSecondsOnSite) {
    flags.push({ ...base, kind: 'long_visit', detail: { secondsOnSite: seconds, maxSeconds: rules.maxSecondsOnSite } });
  }
  return flags;
}

/** Done and not flagged short, far or empty under the rules (whether or not those kinds are switched on). */
export function isValidVisit(v: QualityVisit, rules: VisitFlagRules = DEFAULT_VISIT_FLAG_RULES): boolean {
  if (v.status !== 'done') return false;
  const all = { ...rules, enabled: { ...rules.enabled, short_visit: true, far_check_in: true, empty_record: true } };
  return !flagVisit(v, all).some((f) => INVALIDATING_FLAG_KINDS.includes(f.kind));
}

/**
 * Manager-day flags: for each manager and Shanghai day with at least one done visit (a working day with visits),
 * the total time on site under the minimum. `days`, when given, limits the days looked at.
 */
export function flagManagerDays(
  visits: readonly QualityVisit[],
  rules: VisitFlagRules = DEFAULT_VISIT_FLAG_RULES,
  days?: readonly string[],
): VisitQualityFlag[] {
  if (!rules.enabled.low_daily_time) return [];
  const only = days ? new Set(days) : null;
  const totals = new Map<string, { managerId: number; day: string; seconds: number; visits: number }>();
  for (const v of visits) {
    if (v.status !== 'done') continue;
    const day = dayOfVisit(v);
    if (day === null || (only && !only.has(day))) continue;
    const key = `${v.managerId}|${day}`;
    const t = totals.get(key) ?? { managerId: v.managerId, day, seconds: 0, visits: 0 };
    t.seconds += secondsOnSiteOf(v) ?? 0;
    t.visits += 1;
    totals.set(key, t);
  }
  const min = rules.minDailyMinutesOnSite * 60;
  return [...totals.values()]
    .filter((t) => t.seconds < min)
    .sort((a, b) => a.managerId - b.managerId || a.day.localeCompare(b.day))
    .map((t) => ({
      kind: 'low_daily_time' as const,
      visitId: null,
      retailerId: null,
      managerId: t.managerId,
      day: t.day,
      month: null,
      detail: { visits: t.visits, secondsOnSite: t.seconds, minMinutes: rules.minDailyMinutesOnSite },
    }));
}

/** The Shanghai days of a calendar month 'YYYY-MM', as [first, last] 'YYYY-MM-DD'. */
export function monthDays(month: string): { first: string; last: string } {
  const m = MONTH.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const first = Date.UTC(y, mo - 1, 1) / 86_400_000;
  const next = Date.UTC(y, mo, 1) / 86_400_000;
  return { first: dateOfDay(first), last: dateOfDay(next - 1) };
}

/** The calendar month 'YYYY-MM' of a Shanghai day 'YYYY-MM-DD'. */
export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

export interface MonthRetailer {
  retailerId: number;
  /** The manager responsible for the retailer (the flag goes to them). */
  managerId: number;
}

/**
 * Retailer-month flags: each retailer with fewer valid visits in the month (by Shanghai day of check-in) than
 * the minimum. `retailers` are those that were active and assigned for the month.
 */
export function flagRetailerMonth(
  retailers: readonly MonthRetailer[],
  visits: readonly QualityVisit[],
  month: string,
  rules: VisitFlagRules = DEFAULT_VISIT_FLAG_RULES,
): VisitQualityFlag[] {
  if (!rules.enabled.retailer_missed_month || rules.minValidVisitsPerMonth <= 0) return [];
  monthDays(month);
  const valid = new Map<number, number>();
  const any = new Map<number, number>();
  for (const v of visits) {
    const day = dayOfVisit(v);
    if (v.status !== 'done' || day === null || monthOfDay(day) !== month) continue;
    any.set(v.retailerId, (any.get(v.retailerId) ?? 0) + 1);
    if (isValidVisit(v, rules)) valid.set(v.retailerId, (valid.get(v.retailerId) ?? 0) + 1);
  }
  const seen = new Set<number>();
  const flags: VisitQualityFlag[] = [];
  for (const r of [...retailers].sort((a, b) => a.retailerId - b.retailerId)) {
    if (seen.has(r.retailerId)) continue;
    seen.add(r.retailerId);
    const n = valid.get(r.retailerId) ?? 0;
    if (n >= rules.minValidVisitsPerMonth) continue;
    flags.push({
      kind: 'retailer_missed_month',
      visitId: null,
      retailerId: r.retailerId,
      managerId: r.managerId,
      day: null,
      month,
      detail: { validVisits: n, visits: any.get(r.retailerId) ?? 0, minValidVisits: rules.minValidVisitsPerMonth },
    });
  }
  return flags;
}

export interface EvaluateInput {
  visits: readonly QualityVisit[];
  /** Manager-day flags only for these days (all days with done visits when absent). */
  days?: readonly string[];
  /** Retailer-month flags for these months, over these retailers. */
  months?: readonly string[];
  retailers?: readonly MonthRetailer[];
}

/** Every flag the rules raise on the input: visit flags, manager-day flags, retailer-month flags, in that order. */
export function evaluateVisits(
  input: EvaluateInput,
  rules: VisitFlagRules = DEFAULT_VISIT_FLAG_RULES,
): VisitQualityFlag[] {
  const visitFlags = [...input.visits].sort((a, b) => a.id - b.id).flatMap((v) => flagVisit(v, rules));
  const dayFlags = flagManagerDays(input.visits, rules, input.days);
  const monthFlags = (input.months ?? []).flatMap((m) =>
    flagRetailerMonth(input.retailers ?? [], input.visits, m, rules),
  );
  return [...visitFlags, ...dayFlags, ...monthFlags];
}

/** The identity a stored flag is unique by: (kind, visit), (kind, manager, day) or (kind, retailer, month). */
export function flagKey(f: VisitQualityFlag): string {
  if (f.visitId !== null) return `${f.kind}|v${f.visitId}`;
  if (f.month !== null) return `${f.kind}|r${f.retailerId}|${f.month}`;
  return `${f.kind}|m${f.managerId}|${f.day}`;
}
