import { describe, expect, it } from 'vitest';
import { fullTierDistribution, rankManagers, recentFigures } from './dashboard-figures';

const week = (weekStart: string, quantity: number, amountFen: number, orderingRetailers = 1) => ({
  weekStart,
  quantity,
  amountFen,
  orderingRetailers,
});

describe('dashboard figures', () => {
  it('takes the latest week whatever the order and sums four weeks of money', () => {
    const figures = recentFigures([
      week('2026-11-16', 90, 100, 9),
      week('2026-10-26', 10, 1000),
      week('2026-11-23', 120, 200, 12),
      week('2026-11-02', 20, 300),
      week('2026-11-09', 30, 400),
    ]);
    expect(figures).toEqual({ lastWeekQuantity: 120, lastWeekOrdering: 12, lastWeekChange: 30, recentAmountFen: 1000 });
  });

  it('copes with no weeks and one week', () => {
    expect(recentFigures([])).toEqual({
      lastWeekQuantity: 0,
      lastWeekOrdering: 0,
      lastWeekChange: null,
      recentAmountFen: 0,
    });
    expect(recentFigures([week('2026-11-23', 5, 7)]).lastWeekChange).toBeNull();
  });

  it('fills all 30 tiers', () => {
    const full = fullTierDistribution([
      { tier: 1, count: 4 },
      { tier: 30, count: 2 },
      { tier: 15, count: 9 },
    ]);
    expect(full).toHaveLength(30);
    expect(full[0]).toBe(4);
    expect(full[14]).toBe(9);
    expect(full[29]).toBe(2);
    expect(full.reduce((a, b) => a + b, 0)).toBe(15);
  });

  it('ranks managers by recent quantity, then name', () => {
    const m = (managerId: number, name: string, recentQuantity: number) => ({
      managerId,
      name,
      recentQuantity,
      retailerCount: 1,
      recentAmountFen: 0,
    });
    expect(rankManagers([m(1, 'b', 5), m(2, 'a', 5), m(3, 'c', 9)]).map((x) => x.managerId)).toEqual([3, 2, 1]);
  });
});
