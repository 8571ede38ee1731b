import { describe, expect, it } from 'vitest';
import { countSteps, coverageOverTime, type FunnelIntroduction, retailerSteps } from './campaign-funnel';

// Wednesday 2026-12-02, 10:00 in Shanghai (week 2026-11-30).
const AT = new Date('2026-12-02T02:00:00Z');
const intro = (over: Partial<FunnelIntroduction> = {}): FunnelIntroduction => ({
  id: 1,
  retailerId: 7,
  productId: 100,
  visitId: 55,
  reaction: 'undecided',
  introducedAt: AT,
  ...over,
});
const week = (weekStart: string, productId = 100, submittedAt: Date | null = null) => ({
  retailerId: 7,
  productId,
  weekStart,
  submittedAt,
});

describe('a retailer’s funnel steps, from records', () => {
  it('is at target with no introduction, whatever it ordered or said', () => {
    const steps = retailerSteps(
      [],
      [{ retailerId: 7, wouldReorder: 'yes', createdAt: AT }],
      [week('2026-11-30'), week('2026-12-07')],
      4,
    );
    expect(steps).toMatchObject({ stage: 'target', introducedAt: null, firstOrderWeek: null, reorderWeek: null });
  });

  it('counts an order week at or after the introduction’s week as the first order, never one before', () => {
    const before = retailerSteps([intro()], [], [week('2026-11-23')], 4);
    expect(before).toMatchObject({ stage: 'introduced', firstOrderWeek: null });
    const same = retailerSteps([intro()], [], [week('2026-11-23'), week('2026-11-30')], 4);
    expect(same).toMatchObject({ stage: 'first_order', firstOrderWeek: '2026-11-30', interestSource: 'order' });
    // Another product's order proves nothing for this one.
    expect(retailerSteps([intro()], [], [week('2026-11-30', 200)], 4).stage).toBe('introduced');
  });

  it('counts a second order week within N weeks of the first as the reorder, and not one later', () => {
    const within = retailerSteps([intro()], [], [week('2026-11-30'), week('2026-12-28')], 4);
    expect(within).toMatchObject({ stage: 'reorder', reorderWeek: '2026-12-28' });
    const late = retailerSteps([intro()], [], [week('2026-11-30'), week('2027-01-04')], 4);
    expect(late).toMatchObject({ stage: 'first_order', reorderWeek: null });
    expect(retailerSteps([intro()], [], [week('2026-11-30'), week('2027-01-04')], 5).stage).toBe('reorder');
  });

  it('takes interest from the earliest of the reaction, a feedback that would reorder, and the first order', () => {
    const later = new Date('2026-12-05T02:00:00Z');
    expect(retailerSteps([intro({ reaction: 'interested' })], [], [], 4)).toMatchObject({
      stage: 'interested',
      interestSource: 'reaction',
      interestedAt: AT,
    });
    const said = retailerSteps([intro()], [{ retailerId: 7, wouldReorder: 'unsure', createdAt: later }], [], 4);
    expect(said).toMatchObject({ stage: 'interested', interestSource: 'feedback', interestedAt: later });
    // "Would not reorder" is no interest.
    const no = retailerSteps([intro()], [{ retailerId: 7, wouldReorder: 'no', createdAt: later }], [], 4);
    expect(no.stage).toBe('introduced');
  });

  it('uses the first introduction of each product for its weeks, and the earliest first order overall', () => {
    const steps = retailerSteps(
      [
        intro({ id: 2, productId: 200, introducedAt: new Date('2026-12-09T02:00:00Z') }),
        intro({ id: 1, productId: 100 }),
      ],
      [],
      // Product 200 ordered in the week of 100's introduction, before 200 was introduced: not its first order.
      [week('2026-11-30', 200), week('2026-12-14', 200), week('2026-12-21', 100)],
      4,
    );
    expect(steps).toMatchObject({
      introductionId: 1,
      visitId: 55,
      stage: 'first_order',
      firstOrderWeek: '2026-12-14',
    });
  });
});

describe('funnel figures', () => {
  it('counts each step with the retailers past it', () => {
    expect(countSteps(['target', 'introduced', 'interested', 'first_order', 'reorder', 'reorder'])).toEqual({
      target: 6,
      introduced: 5,
      interested: 4,
      firstOrder: 3,
      reorder: 2,
    });
  });

  it('gives coverage per week from the campaign’s start to now, cumulative', () => {
    const series = coverageOverTime('2026-11-18', '2026-12-31', AT, [new Date('2026-11-20T02:00:00Z'), AT, null, null]);
    expect(series).toEqual([
      { week: '2026-11-16', introduced: 1, coverage: 0.25 },
      { week: '2026-11-23', introduced: 1, coverage: 0.25 },
      { week: '2026-11-30', introduced: 2, coverage: 0.5 },
    ]);
    expect(coverageOverTime('2027-01-01', '2027-01-31', AT, [null])).toEqual([]);
  });
});
