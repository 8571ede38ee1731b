import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COVERAGE_FIGURES,
  type CoverageVisit,
  coverageFigures,
  coverageItems,
  coverageSeries,
  coverageWeeks,
} from './coverage';

const WEEK = '2026-11-16';

function v(visitId: number, over: Partial<CoverageVisit> = {}): CoverageVisit {
  return {
    visitId,
    retailerId: visitId,
    managerId: 1,
    districtId: 1,
    weekStart: WEEK,
    source: 'plan',
    status: 'planned',
    plannedDate: '2026-11-18',
    rating: null,
    flagged: false,
    ...over,
  };
}

describe('coverageFigures', () => {
  const visits = [
    v(1, { status: 'done', rating: 5 }),
    v(2, { status: 'done', rating: 2, flagged: true }),
    v(3, { status: 'done' }),
    v(4), // planned for Wednesday, not done
    v(5, { plannedDate: '2026-11-21' }), // planned for Saturday, not done
    v(6, { source: 'unplanned', status: 'done', plannedDate: null, rating: 4 }),
    v(7, { status: 'cancelled' }),
    v(8, { source: 'added', status: 'in_progress', plannedDate: null }),
    v(9, { weekStart: '2026-11-09', status: 'done' }),
  ];

  it('counts due, done, overdue, coverage, rating and flagged share on a Thursday', () => {
    expect(coverageFigures(visits, WEEK, '2026-11-19')).toEqual({
      weekStart: WEEK,
      due: 6,
      done: 4,
      doneOfDue: 3,
      overdue: 1,
      coveragePct: 50,
      rated: 3,
      averageRating: 3.67,
      flagged: 1,
      flaggedSharePct: 25,
    });
  });

  it('makes every undone due visit overdue once the week is over', () => {
    expect(coverageFigures(visits, WEEK, '2026-11-23').overdue).toBe(3);
    expect(coverageItems(visits, WEEK, 'overdue', '2026-11-23').map((x) => x.visitId)).toEqual([4, 5, 8]);
  });

  it('gives null percentages and rating for an empty week', () => {
    expect(coverageFigures([], WEEK, '2026-11-19')).toMatchObject({
      due: 0,
      coveragePct: null,
      averageRating: null,
      flaggedSharePct: null,
    });
  });

  it('lists the week and the 8 before it', () => {
    const weeks = coverageWeeks(WEEK);
    expect(weeks).toHaveLength(9);
    expect(weeks[0]).toBe('2026-09-21');
    expect(weeks[8]).toBe(WEEK);
    expect(coverageSeries(visits, weeks, '2026-11-19').map((f) => f.done)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 4]);
  });
});

const arbVisit = fc.record({
  visitId: fc.integer({ min: 1, max: 1000 }),
  retailerId: fc.integer({ min: 1, max: 20 }),
  managerId: fc.integer({ min: 1, max: 3 }),
  districtId: fc.constant(1),
  weekStart: fc.constantFrom('2026-11-09', WEEK),
  source: fc.constantFrom('plan', 'unplanned', 'added'),
  status: fc.constantFrom('planned', 'in_progress', 'done', 'cancelled'),
  plannedDate: fc.option(fc.constantFrom('2026-11-10', '2026-11-16', '2026-11-18', '2026-11-22'), { nil: null }),
  rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  flagged: fc.boolean(),
});

describe('coverage properties', () => {
  it('every figure equals the length of its list, and the shares stay in range', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbVisit, { selector: (x) => x.visitId, maxLength: 40 }),
        fc.constantFrom('2026-11-15', '2026-11-19', '2026-11-30'),
        (visits, today) => {
          const f = coverageFigures(visits, WEEK, today);
          for (const figure of COVERAGE_FIGURES) {
            expect(coverageItems(visits, WEEK, figure, today)).toHaveLength(f[figure]);
          }
          expect(f.doneOfDue).toBeLessThanOrEqual(Math.min(f.due, f.done));
          expect(f.overdue).toBeLessThanOrEqual(f.due - f.doneOfDue);
          expect(f.flagged).toBeLessThanOrEqual(f.done);
          expect(f.rated).toBeLessThanOrEqual(f.done);
          if (f.coveragePct !== null) expect(f.coveragePct).toBeGreaterThanOrEqual(0);
          if (f.coveragePct !== null) expect(f.coveragePct).toBeLessThanOrEqual(100);
          if (f.averageRating !== null) expect(f.averageRating).toBeGreaterThanOrEqual(1);
          if (f.averageRating !== null) expect(f.averageRating).toBeLessThanOrEqual(5);
        },
      ),
    );
  });

  it('overdue never shrinks as days pass', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbVisit, { selector: (x) => x.visitId, maxLength: 40 }), (visits) => {
        const days = ['2026-11-16', '2026-11-18', '2026-11-20', '2026-11-23'];
        const overdue = days.map((d) => coverageFigures(visits, WEEK, d).overdue);
        for (let i = 1; i < overdue.length; i++) expect(overdue[i]).toBeGreaterThanOrEqual(overdue[i - 1] ?? 0);
      }),
    );
  });
});
