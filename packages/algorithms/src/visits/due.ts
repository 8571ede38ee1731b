/**
 * Which retailers a manager must visit in a week: overdue (the interval of its tier band has passed, or never
 * visited), due (the interval ends this week, or the calendar month's only visit cannot wait any longer), or may
 * wait — each with a reason code the UI puts into words. Weeks are ISO weeks in Asia/Shanghai named by their
 * Monday (see ../calendar); a visit counts by its Shanghai calendar date.
 */
import { addWeeks, dateOfDay, dayNumber, isoWeekday, mondayOfDay } from '../calendar';
import { type CoverageRules, frequencyWeeks } from './rules';

export type DueStatus = 'overdue' | 'due' | 'wait';
export type DueReason =
  /** Never validly visited. */
  | 'never-visited'
  /** The tier band's interval ended in an earlier week. */
  | 'overdue'
  /** The tier band's interval ends this week. */
  | 'frequency'
  /** No visit yet this calendar month and the month's remaining working weeks are running out. */
  | 'monthly-minimum'
  /** Nothing requires a visit this week. */
  | 'not-due';

export interface DueInput {
  id: string;
  tier: number;
  /** Shanghai date ('YYYY-MM-DD') of the last valid visit, or null. */
  lastVisit: string | null;
}

export interface DueResult {
  id: string;
  status: DueStatus;
  reason: DueReason;
  /** The week the next visit falls due by the tier band (null: never visited, or no band covers the tier). */
  dueWeek: string | null;
  /** Whole weeks past the due week (0 unless overdue by frequency). */
  weeksOverdue: number;
  /** Set when the monthly minimum needs a visit this week: only these dates of the week count for it. */
  monthDates: string[] | null;
  /** The monthly minimum cannot be met in a later week. */
  lastChance: boolean;
}

/** The working dates of a week under the rules, Monday first. */
export function weekWorkDates(week: string, rules: Pick<CoverageRules, 'workDays'>): string[] {
  const monday = dayNumber(addWeeks(week, 0));
  const out: string[] = [];
  for (let d = monday; d < monday + 7; d++) if (rules.workDays.includes(isoWeekday(d))) out.push(dateOfDay(d));
  return out;
}

const monthKey = (date: string) => date.slice(0, 7);

/**
 * For each month with working days in the week: does the monthly minimum need a visit this week, and is it the
 * last chance? Needed when the next week is not a full working week of that month (so at most the last full
 * working week and a trailing part-week); last chance when the next week has none of its working days.
 */
function monthlyWindows(week: string, rules: CoverageRules): { month: string; dates: string[]; lastChance: boolean }[] {
  const here = weekWorkDates(week, rules);
  const next = weekWorkDates(addWeeks(week, 1), rules);
  const months = [...new Set(here.map(monthKey))];
  const out: { month: string; dates: string[]; lastChance: boolean }[] = [];
  for (const m of months) {
    const nextInMonth = next.filter((d) => monthKey(d) === m).length;
    if (nextInMonth >= rules.workDays.length) continue;
    out.push({ month: m, dates: here.filter((d) => monthKey(d) === m), lastChance: nextInMonth === 0 });
  }
  return out;
}

/** The due state of every retailer in `week`, in input order. */
export function computeDue(week: string, rules: CoverageRules, retailers: readonly DueInput[]): DueResult[] {
  const monday = dayNumber(addWeeks(week, 0));
  const windows = rules.monthlyMinimum ? monthlyWindows(week, rules) : [];
  return retailers.map((r) => {
    const every = frequencyWeeks(rules, r.tier);
    const last = r.lastVisit === null ? null : dayNumber(r.lastVisit);
    let status: DueStatus = 'wait';
    let reason: DueReason = 'not-due';
    let dueWeek: string | null = null;
    let weeksOverdue = 0;
    if (every !== null) {
      if (last === null) {
        status = 'overdue';
        reason = 'never-visited';
      } else {
        const due = mondayOfDay(last) + 7 * every;
        dueWeek = dateOfDay(due);
        if (due < monday) {
          status = 'overdue';
          reason = 'overdue';
          weeksOverdue = (monday - due) / 7;
        } else if (due === monday) {
          status = 'due';
          reason = 'frequency';
        }
      }
    }
    let monthDates: string[] | null = null;
    let lastChance = false;
    for (const w of windows) {
      const monthStart = dayNumber(`${w.month}-01`);
      if (last !== null && last >= monthStart) continue;
      monthDates = w.dates;
      lastChance = w.lastChance;
      if (status === 'wait') {
        status = 'due';
        reason = 'monthly-minimum';
      }
      break;
    }
    return { id: r.id, status, reason, dueWeek, weeksOverdue, monthDates, lastChance };
  });
}

/**
 * Planning priority, most urgent first: overdue (longest overdue, never visited counted as one interval), then the
 * monthly minimum's last chance, then due; within a class the larger tier first, then the id (deterministic).
 */
export function compareDue(a: DueResult & { tier: number }, b: DueResult & { tier: number }): number {
  const cls = (r: DueResult) => (r.status === 'overdue' ? 0 : r.lastChance ? 1 : r.status === 'due' ? 2 : 3);
  const ca = cls(a);
  const cb = cls(b);
  if (ca !== cb) return ca - cb;
  const wa = a.reason === 'never-visited' ? Number.POSITIVE_INFINITY : a.weeksOverdue;
  const wb = b.reason === 'never-visited' ? Number.POSITIVE_INFINITY : b.weeksOverdue;
  if (wa !== wb) return wb - wa;
  if (a.tier !== b.tier) return b.tier - a.tier;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
