import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addWeeks, dateOfDay, dayNumber, isoWeekday } from '../calendar';
import { computeDue, weekWorkDates } from './due';
import { coverageRuleProblems, DEFAULT_COVERAGE_RULES, frequencyWeeks } from './rules';
import { type PlanRetailer, planWeek, reoptimizeDay, scheduleDay, visitWindow } from './week-plan';

const frozen = () => 0;
const rules = DEFAULT_COVERAGE_RULES;
const base = { lat: 34.0357, lng: 113.8523 }; // 许昌

function shop(id: string, extra: Partial<PlanRetailer> = {}): PlanRetailer {
  return {
    id,
    tier: 28,
    lastVisit: null,
    lat: base.lat,
    lng: base.lng,
    opensAt: 480,
    closesAt: 1320,
    bestVisitFrom: null,
    bestVisitTo: null,
    closedWeekdays: [],
    ...extra,
  };
}

describe('coverage rules', () => {
  it('the default bands: 25–30 weekly, 15–24 every two weeks, 1–14 every four', () => {
    expect([30, 25, 24, 15, 14, 1].map((t) => frequencyWeeks(rules, t))).toEqual([1, 1, 2, 2, 4, 4]);
    expect(coverageRuleProblems(rules)).toEqual([]);
  });

  it('overlapping bands, hours the wrong way round, an empty week are problems', () => {
    const bad = {
      ...rules,
      bands: [
        { minTier: 20, maxTier: 30, everyWeeks: 1 },
        { minTier: 10, maxTier: 20, everyWeeks: 0 },
      ],
      dayStart: 1000,
      dayEnd: 900,
      workDays: [],
    };
    expect(coverageRuleProblems(bad).map((p) => p.code)).toEqual(['every-weeks', 'overlap', 'work-days', 'day-hours']);
  });
});

describe('computeDue', () => {
  // 2026-11-09 is a Monday; its month has two more full working weeks after it.
  const week = '2026-11-09';
  it('by tier band: due when the interval ends this week, overdue after, waiting before', () => {
    const due = computeDue(week, rules, [
      { id: 'weekly-last-week', tier: 28, lastVisit: '2026-11-04' },
      { id: 'weekly-two-ago', tier: 28, lastVisit: '2026-10-28' },
      { id: 'fortnight-last-week', tier: 20, lastVisit: '2026-11-06' },
      { id: 'four-weeks-ago', tier: 5, lastVisit: '2026-10-12' },
      { id: 'never', tier: 5, lastVisit: null },
      { id: 'this-week', tier: 28, lastVisit: '2026-11-09' },
    ]);
    expect(due.map((d) => [d.id, d.status, d.reason, d.weeksOverdue])).toEqual([
      ['weekly-last-week', 'due', 'frequency', 0],
      ['weekly-two-ago', 'overdue', 'overdue', 1],
      ['fortnight-last-week', 'wait', 'not-due', 0],
      ['four-weeks-ago', 'due', 'frequency', 0],
      ['never', 'overdue', 'never-visited', 0],
      ['this-week', 'wait', 'not-due', 0],
    ]);
    expect(due[2]?.dueWeek).toBe('2026-11-16');
  });

  it('the monthly minimum: the last full working week and the part-week after it, only on the month’s days', () => {
    // September 2026 ends on a Wednesday: the week of 21 Sept is its last full working week.
    const early = computeDue('2026-09-14', rules, [{ id: 'a', tier: 5, lastVisit: '2026-08-31' }]);
    expect(early[0]?.status).toBe('wait');
    const full = computeDue('2026-09-21', rules, [{ id: 'a', tier: 5, lastVisit: '2026-08-31' }]);
    expect(full[0]).toMatchObject({ status: 'due', reason: 'monthly-minimum', lastChance: false });
    const last = computeDue('2026-09-28', rules, [
      { id: 'a', tier: 5, lastVisit: '2026-08-31' },
      { id: 'b', tier: 5, lastVisit: '2026-09-08' },
    ]);
    // Due by its band as well; the month's last chance narrows the days to September's.
    expect(last[0]).toMatchObject({
      reason: 'frequency',
      lastChance: true,
      monthDates: ['2026-09-28', '2026-09-29', '2026-09-30'],
    });
    expect(last[1]?.status).toBe('wait');
  });

  it('the working dates of a week follow the rules’ weekdays', () => {
    expect(weekWorkDates('2026-11-09', rules)).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
    ]);
    expect(weekWorkDates('2026-11-09', { workDays: [6] })).toEqual(['2026-11-14']);
    expect(() => weekWorkDates('2026-11-10', rules)).toThrow(/Monday/);
  });
});

describe('planWeek', () => {
  it('overdue first: when the week is short of room the overdue are kept and the due left out with the reason', () => {
    const small = { ...rules, dailyCap: 2, workDays: [1, 2] };
    const retailers = [
      ...Array.from({ length: 3 }, (_, i) => shop(`due${i}`, { lastVisit: '2026-11-04' })),
      ...Array.from({ length: 3 }, (_, i) => shop(`over${i}`, { lastVisit: '2026-10-21' })),
    ];
    const plan = planWeek(
      { week: '2026-11-09', rules: small, base, retailers },
      { seed: 1, maxIterations: 200, clock: frozen },
    );
    const planned = plan.days.flatMap((d) => d.stops.map((s) => s.retailerId)).sort();
    expect(planned).toEqual(['due0', 'over0', 'over1', 'over2']);
    expect(plan.unassigned).toEqual([
      { retailerId: 'due1', status: 'due', dueReason: 'frequency', reason: 'capacity' },
      { retailerId: 'due2', status: 'due', dueReason: 'frequency', reason: 'capacity' },
    ]);
  });

  it('closed days, best visit hours, pinned and started visits', () => {
    const plan = planWeek(
      {
        week: '2026-11-09',
        rules,
        base,
        retailers: [
          shop('closed-mon-thu', { closedWeekdays: [1, 2, 3, 4] }),
          shop('closed-all', { closedWeekdays: [1, 2, 3, 4, 5] }),
          shop('afternoon', { bestVisitFrom: 840, bestVisitTo: 900 }),
          shop('night', { opensAt: 1140, closesAt: 120 }),
          shop('pinned'),
          shop('started'),
        ],
        kept: [
          { visitId: '7', retailerId: 'pinned', date: '2026-11-11', pinned: true },
          { visitId: '8', retailerId: 'started', date: '2026-11-09', pinned: false },
        ],
      },
      { seed: 1, maxIterations: 200, clock: frozen },
    );
    const where = new Map(plan.days.flatMap((d) => d.stops.map((s) => [s.retailerId, { date: d.date, ...s }])));
    expect(where.get('closed-mon-thu')?.date).toBe('2026-11-13');
    expect(where.get('afternoon')?.arrival).toBeLessThanOrEqual(880);
    expect(where.get('pinned')).toMatchObject({ date: '2026-11-11', visitId: '7', pinned: true, reason: 'pinned' });
    expect(where.has('started')).toBe(false);
    expect(plan.unassigned).toEqual([
      { retailerId: 'closed-all', status: 'overdue', dueReason: 'never-visited', reason: 'closed' },
      { retailerId: 'night', status: 'overdue', dueReason: 'never-visited', reason: 'hours' },
    ]);
  });

  it('re-planning the current week plans nothing before today', () => {
    const plan = planWeek(
      {
        week: '2026-11-09',
        rules,
        base,
        retailers: [shop('a'), shop('b', { closedWeekdays: [4, 5] })],
        fromDate: '2026-11-12',
      },
      { seed: 1, maxIterations: 100, clock: frozen },
    );
    expect(plan.days.map((d) => d.date)).toEqual(['2026-11-12', '2026-11-13']);
    expect(plan.unassigned).toEqual([
      { retailerId: 'b', status: 'overdue', dueReason: 'never-visited', reason: 'closed' },
    ]);
  });

  const weeks = fc.integer({ min: 0, max: 120 }).map((k) => addWeeks('2026-01-05', k));
  const retailer = fc.record({
    tier: fc.integer({ min: 1, max: 30 }),
    back: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
    lat: fc.double({ min: 33.95, max: 34.12, noNaN: true }),
    lng: fc.double({ min: 113.75, max: 113.95, noNaN: true }),
    opensAt: fc.integer({ min: 360, max: 720 }),
    hours: fc.integer({ min: 30, max: 900 }),
    best: fc.option(fc.tuple(fc.integer({ min: 480, max: 1000 }), fc.integer({ min: 0, max: 240 })), { nil: null }),
    closed: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
  });

  test.prop([weeks, fc.array(retailer, { maxLength: 45 }), fc.integer({ min: 1, max: 12 }), fc.integer()], {
    numRuns: 40,
  })(
    'honours frequencies, closed days, windows and caps; every due retailer is planned or unassigned with a reason; deterministic',
    (week, raw, cap, seed) => {
      const monday = dayNumber(week);
      const retailers = raw.map((r, i) =>
        shop(`r${i}`, {
          tier: r.tier,
          lastVisit: r.back === null ? null : dateOfDay(monday - 1 - r.back),
          lat: r.lat,
          lng: r.lng,
          opensAt: r.opensAt,
          closesAt: Math.min(1439, r.opensAt + r.hours),
          bestVisitFrom: r.best ? r.best[0] : null,
          bestVisitTo: r.best ? r.best[0] + r.best[1] : null,
          closedWeekdays: r.closed,
        }),
      );
      const weekRules = { ...rules, dailyCap: cap };
      const options = { seed, maxIterations: 60, clock: frozen };
      const plan = planWeek({ week, rules: weekRules, base, retailers }, options);
      const due = new Map(computeDue(week, weekRules, retailers).map((d) => [d.id, d]));
      const seen = new Map<string, number>();
      for (const day of plan.days) {
        expect(day.stops.length).toBeLessThanOrEqual(cap);
        for (const s of day.stops) {
          seen.set(s.retailerId, (seen.get(s.retailerId) ?? 0) + 1);
          const d = due.get(s.retailerId);
          const r = retailers.find((x) => x.id === s.retailerId) as PlanRetailer;
          // Nobody before due (the monthly minimum counts as due), and only on the month's days for it.
          expect(d?.status).not.toBe('wait');
          if (d?.monthDates && d.reason === 'monthly-minimum') expect(d.monthDates).toContain(day.date);
          expect(r.closedWeekdays).not.toContain(isoWeekday(dayNumber(day.date)));
          const [, to] = visitWindow(r, rules.serviceMinutes);
          expect(s.arrival).not.toBeNull();
          expect(s.arrival as number).toBeLessThanOrEqual(to - rules.serviceMinutes + 1);
          expect(s.arrival as number).toBeGreaterThanOrEqual(rules.dayStart - 1);
        }
      }
      for (const u of plan.unassigned) seen.set(u.retailerId, (seen.get(u.retailerId) ?? 0) + 1);
      const needed = [...due.values()].filter((d) => d.status !== 'wait').map((d) => d.id);
      expect([...seen.keys()].sort()).toEqual(needed.sort());
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      // Overdue kept first: a due visit is planned only when no overdue one was left out for room.
      const overdueLeft = plan.unassigned.some(
        (u) => u.status === 'overdue' && (u.reason === 'capacity' || u.reason === 'no-room'),
      );
      if (overdueLeft) {
        const dueIn = plan.days
          .flatMap((d) => d.stops)
          .filter((s) => s.status === 'due' && !due.get(s.retailerId)?.lastChance);
        expect(
          dueIn.length === 0 || plan.unassigned.every((u) => u.reason !== 'capacity' || u.status !== 'overdue'),
        ).toBe(true);
      }
      expect(planWeek({ week, rules: weekRules, base, retailers }, options)).toEqual(plan);
    },
  );
});

describe('reoptimizeDay', () => {
  it('orders the rest of the day from where the manager stands, nearest first, arrivals after now', () => {
    const east = (km: number) => ({ lat: base.lat, lng: base.lng + km / 92.2 });
    const order = reoptimizeDay(
      {
        from: base,
        now: 600,
        serviceMinutes: 20,
        stops: [
          { id: 'far', ...east(6) },
          { id: 'near', ...east(1) },
          { id: 'mid', ...east(3) },
          { id: 'shut', ...east(2), window: [480, 560] },
        ],
      },
      { seed: 1, maxIterations: 100, clock: frozen },
    );
    expect(order.map((s) => s.id)).toEqual(['near', 'mid', 'far', 'shut']);
    expect(order[0]?.arrival).toBeGreaterThanOrEqual(600);
    expect(order[3]?.arrival).toBeNull();
  });
});

describe('scheduleDay', () => {
  it('keeps the order, waits for opening, and gives null to a visit past its window', () => {
    const east = (km: number) => ({ lat: base.lat, lng: base.lng + km / 92.2 });
    const times = scheduleDay({
      base,
      start: 510,
      serviceMinutes: 20,
      stops: [
        { id: 'a', ...east(1), window: [600, 1200] },
        { id: 'b', ...east(2), window: [480, 610] },
        { id: 'c', ...east(3) },
      ],
    });
    expect(times[0]).toEqual({ id: 'a', arrival: 600 });
    expect(times[1]).toEqual({ id: 'b', arrival: null });
    expect(times[2]?.arrival).toBeGreaterThan(620);
  });
});

describe('planWeek at the turn of a month', () => {
  it('an overdue shop still gets a day when the month’s last chance is already past', () => {
    // Week of Monday 30 November 2026 re-planned on Tuesday: November's only day is gone.
    const plan = planWeek(
      { week: '2026-11-30', rules, base, retailers: [shop('a')], fromDate: '2026-12-01' },
      { seed: 1, maxIterations: 50, clock: frozen },
    );
    expect(plan.unassigned).toEqual([]);
    expect(plan.days[0]?.stops.map((s) => s.retailerId)).toEqual(['a']);
  });
});
