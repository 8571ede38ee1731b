/**
 * Coverage rules of visits: how often a retailer is visited by tier band, the monthly minimum, and the shape of a
 * manager's working week (days, hours, daily cap, minutes per visit). Admin-configurable and versioned on the
 * server; pure data here so that the due computation and the week plan read one shape.
 */

export interface TierBandFrequency {
  /** Inclusive tier range (1 = smallest … 30 = largest). */
  minTier: number;
  maxTier: number;
  /** A visit every this many ISO weeks (1 = weekly). */
  everyWeeks: number;
}

export interface CoverageRules {
  /** Frequencies by tier band; a tier in no band is only held to the monthly minimum. */
  bands: TierBandFrequency[];
  /** Every active retailer at least once per calendar month. */
  monthlyMinimum: boolean;
  /** At most this many planned visits a day. */
  dailyCap: number;
  /** ISO weekdays worked (1 = Monday … 7 = Sunday). */
  workDays: number[];
  /** Working hours, minutes after midnight. */
  dayStart: number;
  dayEnd: number;
  /** Minutes planned at each shop. */
  serviceMinutes: number;
  /** A check-in farther than this from the shop needs a reason. */
  checkInRadiusMeters: number;
}

export const DEFAULT_COVERAGE_RULES: CoverageRules = {
  bands: [
    { minTier: 25, maxTier: 30, everyWeeks: 1 },
    { minTier: 15, maxTier: 24, everyWeeks: 2 },
    { minTier: 1, maxTier: 14, everyWeeks: 4 },
  ],
  monthlyMinimum: true,
  // A manager serves about 300 shops; the bands above ask about 120 visits a week of them, so 25 a day (15 minutes
  // each) is what the rules need — a cap of 12 left half the due shops unplanned every week.
  dailyCap: 25,
  workDays: [1, 2, 3, 4, 5],
  dayStart: 510,
  dayEnd: 1080,
  serviceMinutes: 15,
  checkInRadiusMeters: 200,
};

/** The visit interval of a tier in weeks, or null when no band covers it (the monthly minimum still applies). */
export function frequencyWeeks(rules: CoverageRules, tier: number): number | null {
  for (const b of rules.bands) if (tier >= b.minTier && tier <= b.maxTier) return b.everyWeeks;
  return null;
}

/**
 * What is wrong with a set of rules, as field paths and codes (empty when fine). The server's request schema
 * checks types; this checks the rules as a whole: overlapping bands, hours the wrong way round, a day too short
 * for one visit.
 */
export function coverageRuleProblems(rules: CoverageRules): { path: string; code: string }[] {
  const problems: { path: string; code: string }[] = [];
  const bands = [...rules.bands].sort((a, b) => a.minTier - b.minTier);
  rules.bands.forEach((b, i) => {
    if (!(Number.isInteger(b.minTier) && Number.isInteger(b.maxTier) && b.minTier >= 1 && b.maxTier <= 30)) {
      problems.push({ path: `bands.${i}`, code: 'tier-range' });
    } else if (b.minTier > b.maxTier) problems.push({ path: `bands.${i}`, code: 'tier-order' });
    if (!(Number.isInteger(b.everyWeeks) && b.everyWeeks >= 1 && b.everyWeeks <= 52)) {
      problems.push({ path: `bands.${i}.everyWeeks`, code: 'every-weeks' });
    }
  });
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1] as TierBandFrequency;
    const cur = bands[i] as TierBandFrequency;
    if (cur.minTier <= prev.maxTier) {
      problems.push({ path: `bands.${rules.bands.indexOf(cur)}`, code: 'overlap' });
    }
  }
  if (!(Number.isInteger(rules.dailyCap) && rules.dailyCap >= 1 && rules.dailyCap <= 60)) {
    problems.push({ path: 'dailyCap', code: 'daily-cap' });
  }
  const days = new Set(rules.workDays);
  if (days.size === 0 || days.size !== rules.workDays.length || rules.workDays.some((d) => !(d >= 1 && d <= 7))) {
    problems.push({ path: 'workDays', code: 'work-days' });
  }
  const minuteOk = (m: number) => Number.isInteger(m) && m >= 0 && m <= 1440;
  const hoursOk = minuteOk(rules.dayStart) && minuteOk(rules.dayEnd) && rules.dayStart < rules.dayEnd;
  if (!hoursOk) problems.push({ path: 'dayEnd', code: 'day-hours' });
  if (!(Number.isInteger(rules.serviceMinutes) && rules.serviceMinutes >= 1 && rules.serviceMinutes <= 240)) {
    problems.push({ path: 'serviceMinutes', code: 'service-minutes' });
  } else if (hoursOk && rules.dayEnd - rules.dayStart < rules.serviceMinutes) {
    problems.push({ path: 'serviceMinutes', code: 'day-too-short' });
  }
  if (
    !(
      Number.isInteger(rules.checkInRadiusMeters) &&
      rules.checkInRadiusMeters >= 10 &&
      rules.checkInRadiusMeters <= 5000
    )
  ) {
    problems.push({ path: 'checkInRadiusMeters', code: 'radius' });
  }
  return problems;
}
