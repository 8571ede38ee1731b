import { describe, expect, it } from 'vitest';
import { fullTierDistribution, rankManagers } from './dashboard-figures';

describe('dashboard figures', () => {
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
