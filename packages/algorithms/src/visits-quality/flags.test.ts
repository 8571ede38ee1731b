import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateVisits,
  flagKey,
  flagManagerDays,
  flagRetailerMonth,
  flagVisit,
  isEmptyRecord,
  isValidVisit,
  monthDays,
  type QualityVisit,
  DEFAULT_VISIT_FLAG_RULES as R,
  type VisitFlagRules,
} from './flags';

// 2026-11-10 10:00 Shanghai = 02:00 UTC.
const T0 = Date.UTC(2026, 10, 10, 2, 0, 0);

function visit(over: Partial<QualityVisit> = {}): QualityVisit {
  const seconds = over.secondsOnSite ?? 15 * 60;
  const checkInAt = over.checkInAt ?? new Date(T0);
  return {
    id: 1,
    retailerId: 10,
    managerId: 100,
    status: 'done',
    checkInAt,
    checkOutAt: seconds === null ? null : new Date(checkInAt.getTime() + seconds * 1000),
    secondsOnSite: seconds,
    checkInDistanceM: 30,
    checkInReason: null,
    checklistAnswers: 5,
    summary: '陈列整齐',
    photoCount: 1,
    ...over,
  };
}

const kinds = (v: QualityVisit, rules: VisitFlagRules = R) => flagVisit(v, rules).map((f) => f.kind);

describe('flagVisit', () => {
  it('leaves an ordinary visit alone', () => {
    expect(flagVisit(visit())).toEqual([]);
    expect(isValidVisit(visit())).toBe(true);
  });

  it('flags time on site under 60 s, and not at 60 s', () => {
    expect(kinds(visit({ secondsOnSite: 59 }))).toEqual(['short_visit']);
    expect(kinds(visit({ secondsOnSite: 60 }))).toEqual([]);
    expect(flagVisit(visit({ secondsOnSite: 12 }))[0]).toMatchObject({
      kind: 'short_visit',
      visitId: 1,
      retailerId: 10,
      managerId: 100,
      day: '2026-11-10',
      detail: { secondsOnSite: 12, minSeconds: 60 },
    });
  });

  it('flags a check-in farther than 200 m with the reason given', () => {
    expect(kinds(visit({ checkInDistanceM: 200 }))).toEqual([]);
    const [f] = flagVisit(visit({ checkInDistanceM: 512.4, checkInReason: '店门口施工' }));
    expect(f).toMatchObject({
      kind: 'far_check_in',
      detail: { distanceM: 512, maxDistanceM: 200, reason: '店门口施工' },
    });
  });

  it('flags an empty record only when checklist, summary and photos are all missing', () => {
    expect(kinds(visit({ checklistAnswers: 0, summary: '  ', photoCount: 0 }))).toEqual(['empty_record']);
    expect(kinds(visit({ checklistAnswers: 0, summary: null, photoCount: 1 }))).toEqual([]);
    expect(kinds(visit({ checklistAnswers: 1, summary: null, photoCount: 0 }))).toEqual([]);
    expect(kinds(visit({ checklistAnswers: 0, summary: '好', photoCount: 0 }))).toEqual([]);
  });

  it('flags a visit over 5 h', () => {
    expect(kinds(visit({ secondsOnSite: 5 * 3600 }))).toEqual([]);
    expect(kinds(visit({ secondsOnSite: 5 * 3600 + 1 }))).toEqual(['long_visit']);
  });

  it('computes time on site from check-in and check-out when the seconds are missing', () => {
    const v = visit({ secondsOnSite: null, checkOutAt: new Date(T0 + 30_000) });
    expect(kinds(v)).toEqual(['short_visit']);
  });

  it('flags nothing on a visit that is not done', () => {
    for (const status of ['planned', 'in_progress', 'cancelled']) {
      expect(flagVisit(visit({ status, secondsOnSite: 1, checklistAnswers: 0, summary: null, photoCount: 0 }))).toEqual(
        [],
      );
    }
  });

  it('honours switched-off kinds and other thresholds', () => {
    const rules: VisitFlagRules = {
      ...R,
      minSecondsOnSite: 300,
      enabled: { ...R.enabled, far_check_in: false },
    };
    expect(kinds(visit({ secondsOnSite: 200, checkInDistanceM: 900 }), rules)).toEqual(['short_visit']);
    // Validity does not depend on the switches: a far check-in is never a valid visit.
    expect(isValidVisit(visit({ checkInDistanceM: 900 }), rules)).toBe(false);
  });

  it('counts a long visit as valid and a short, far or empty one as not', () => {
    expect(isValidVisit(visit({ secondsOnSite: 6 * 3600 }))).toBe(true);
    expect(isValidVisit(visit({ secondsOnSite: 10 }))).toBe(false);
    expect(isValidVisit(visit({ checklistAnswers: 0, summary: '', photoCount: 0 }))).toBe(false);
    expect(isValidVisit(visit({ status: 'in_progress' }))).toBe(false);
  });
});

describe('flagManagerDays', () => {
  it('flags a working day with under 60 min on site, per Shanghai day', () => {
    const visits = [
      visit({ id: 1, secondsOnSite: 20 * 60 }),
      visit({ id: 2, secondsOnSite: 20 * 60, checkInAt: new Date(T0 + 3_600_000) }),
      // 2026-11-10 23:30 Shanghai is 15:30 UTC: the same Shanghai day.
      visit({ id: 3, secondsOnSite: 10 * 60, checkInAt: new Date(Date.UTC(2026, 10, 10, 15, 30)) }),
      // The next Shanghai day (00:30 on the 11th), a full hour: not flagged.
      visit({ id: 4, secondsOnSite: 3600, checkInAt: new Date(Date.UTC(2026, 10, 10, 16, 30)) }),
      // Another manager's short day.
      visit({ id: 5, managerId: 101, secondsOnSite: 5 * 60 }),
      // Not done: does not make a working day.
      visit({ id: 6, managerId: 102, status: 'in_progress' }),
    ];
    const flags = flagManagerDays(visits);
    expect(flags).toEqual([
      {
        kind: 'low_daily_time',
        visitId: null,
        retailerId: null,
        managerId: 100,
        day: '2026-11-10',
        month: null,
        detail: { visits: 3, secondsOnSite: 50 * 60, minMinutes: 60 },
      },
      expect.objectContaining({ managerId: 101, day: '2026-11-10', detail: expect.objectContaining({ visits: 1 }) }),
    ]);
    expect(flagManagerDays(visits, R, ['2026-11-11'])).toEqual([]);
    expect(flagManagerDays(visits, { ...R, enabled: { ...R.enabled, low_daily_time: false } })).toEqual([]);
  });
});

describe('flagRetailerMonth', () => {
  it('flags retailers without a valid visit in the calendar month', () => {
    const retailers = [
      { retailerId: 10, managerId: 100 },
      { retailerId: 11, managerId: 100 },
      { retailerId: 12, managerId: 101 },
      { retailerId: 13, managerId: 101 },
    ];
    const visits = [
      visit({ id: 1, retailerId: 10 }),
      // Only a 20-second visit: not valid.
      visit({ id: 2, retailerId: 11, secondsOnSite: 20 }),
      // A valid visit, but on 1 December Shanghai time (30 Nov 17:00 UTC).
      visit({ id: 3, retailerId: 12, checkInAt: new Date(Date.UTC(2026, 10, 30, 17, 0)) }),
      // A valid visit on 30 November 23:00 Shanghai.
      visit({ id: 4, retailerId: 13, checkInAt: new Date(Date.UTC(2026, 10, 30, 15, 0)) }),
    ];
    const flags = flagRetailerMonth(retailers, visits, '2026-11');
    expect(flags.map((f) => [f.retailerId, f.managerId, f.detail.validVisits, f.detail.visits])).toEqual([
      [11, 100, 0, 1],
      [12, 101, 0, 0],
    ]);
    expect(flags[0]).toMatchObject({ kind: 'retailer_missed_month', month: '2026-11', day: null, visitId: null });
    expect(flagRetailerMonth(retailers, visits, '2026-12').map((f) => f.retailerId)).toEqual([10, 11, 13]);
  });

  it('rejects a month that is not YYYY-MM', () => {
    expect(() => flagRetailerMonth([], [], '2026-13')).toThrow(RangeError);
    expect(() => monthDays('2026-1')).toThrow(RangeError);
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });
});

const arbVisit = fc.record({
  id: fc.integer({ min: 1, max: 40 }),
  retailerId: fc.integer({ min: 1, max: 8 }),
  managerId: fc.integer({ min: 1, max: 3 }),
  status: fc.constantFrom('done', 'done', 'done', 'in_progress', 'planned', 'cancelled'),
  checkInAt: fc
    .integer({ min: 0, max: 60 * 24 * 40 })
    .map((m) => new Date(Date.UTC(2026, 9, 25) + m * 60_000)) as fc.Arbitrary<Date | null>,
  checkOutAt: fc.constant(null) as fc.Arbitrary<Date | null>,
  secondsOnSite: fc.option(fc.integer({ min: 0, max: 8 * 3600 }), { nil: null }),
  checkInDistanceM: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: null }),
  checkInReason: fc.constant(null),
  checklistAnswers: fc.integer({ min: 0, max: 3 }),
  summary: fc.option(fc.constantFrom('', ' ', '好'), { nil: null }),
  photoCount: fc.integer({ min: 0, max: 2 }),
});

const arbRules: fc.Arbitrary<VisitFlagRules> = fc.record({
  minSecondsOnSite: fc.integer({ min: 0, max: 600 }),
  maxCheckInDistanceM: fc.integer({ min: 50, max: 1000 }),
  maxSecondsOnSite: fc.integer({ min: 3600, max: 8 * 3600 }),
  minDailyMinutesOnSite: fc.integer({ min: 0, max: 240 }),
  minValidVisitsPerMonth: fc.integer({ min: 0, max: 3 }),
  enabled: fc.record({
    short_visit: fc.boolean(),
    far_check_in: fc.boolean(),
    empty_record: fc.boolean(),
    long_visit: fc.boolean(),
    low_daily_time: fc.boolean(),
    retailer_missed_month: fc.boolean(),
  }),
});

describe('flag properties', () => {
  it('are deterministic, unique by key, and only raise enabled kinds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbVisit, { selector: (v) => v.id, maxLength: 30 }), arbRules, (visits, rules) => {
        const retailers = Array.from({ length: 8 }, (_, i) => ({ retailerId: i + 1, managerId: (i % 3) + 1 }));
        const input = { visits, retailers, months: ['2026-10', '2026-11'] };
        const flags = evaluateVisits(input, rules);
        expect(evaluateVisits({ ...input, visits: [...visits].reverse() }, rules)).toEqual(flags);
        const keys = flags.map(flagKey);
        expect(new Set(keys).size).toBe(keys.length);
        for (const f of flags) expect(rules.enabled[f.kind]).toBe(true);
        for (const f of flags)
          if (f.visitId !== null) expect(visits.find((v) => v.id === f.visitId)?.status).toBe('done');
      }),
    );
  });

  it('a stricter minimum never removes a short-visit flag', () => {
    fc.assert(
      fc.property(arbVisit, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (v, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const short = (m: number) => kinds(v, { ...R, minSecondsOnSite: m }).includes('short_visit');
        if (short(lo)) expect(short(hi)).toBe(true);
      }),
    );
  });

  it('a retailer-month flag is raised exactly when the retailer has fewer valid visits than the minimum', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbVisit, { selector: (v) => v.id, maxLength: 30 }), arbRules, (visits, rules) => {
        const r = { ...rules, enabled: { ...rules.enabled, retailer_missed_month: true } };
        const retailers = Array.from({ length: 8 }, (_, i) => ({ retailerId: i + 1, managerId: 1 }));
        const flagged = new Set(flagRetailerMonth(retailers, visits, '2026-11', r).map((f) => f.retailerId));
        for (const { retailerId } of retailers) {
          const valid = visits.filter(
            (v) =>
              v.retailerId === retailerId &&
              isValidVisit(v, r) &&
              v.checkInAt !== null &&
              new Date(v.checkInAt.getTime() + 8 * 3_600_000).toISOString().startsWith('2026-11'),
          ).length;
          expect(flagged.has(retailerId)).toBe(valid < r.minValidVisitsPerMonth);
        }
      }),
    );
  });

  it('an empty record is flagged exactly when checklist, summary and photos are all missing', () => {
    fc.assert(
      fc.property(arbVisit, (v) => {
        const done = { ...v, status: 'done' };
        expect(kinds(done).includes('empty_record')).toBe(isEmptyRecord(done));
      }),
    );
  });
});
