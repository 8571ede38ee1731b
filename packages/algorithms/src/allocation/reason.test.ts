import { describe, expect, it } from 'vitest';
import { allocateScarceSupply, defaultAllocationRule } from './allocate';
import { allocationPercent, formatAllocationReason } from './reason';

describe('formatAllocationReason', () => {
  const reason = {
    requested: 5,
    allocated: 2,
    tier: 12,
    weight: 1,
    level: 2.5,
    shareOfWeightedDemandMet: 0.3846,
    capped: false,
    tieBroken: false,
  };

  it('words the reason in zh-CN and en', () => {
    expect(formatAllocationReason(reason, 'zh-CN')).toBe('申请 5 条，分得 2 条：本周供应满足 38% 的加权需求');
    expect(formatAllocationReason(reason, 'en')).toBe(
      "Requested 5, allocated 2: this week's supply meets 38% of weighted demand",
    );
  });

  it('says when the published tie order decided the last carton', () => {
    const tied = { ...reason, tieBroken: true };
    expect(formatAllocationReason(tied, 'zh-CN')).toBe(
      '申请 5 条，分得 2 条：本周供应满足 38% 的加权需求；最后一条在同一水位上按公布的顺序决定',
    );
    expect(formatAllocationReason(tied, 'en')).toContain('published tie order');
  });

  it('rounds the percent down, reads 100 only when all demand was met and 0 only when none was', () => {
    expect(allocationPercent(0.996)).toBe(99);
    expect(allocationPercent(1)).toBe(100);
    expect(allocationPercent(0.001)).toBe(1);
    expect(allocationPercent(0)).toBe(0);
    expect(allocationPercent(0.38)).toBe(38);
    expect(allocationPercent(0.29)).toBe(29);
  });

  it('words a real allocation', () => {
    const result = allocateScarceSupply(
      8,
      [
        { retailerId: 1, tier: 3, requested: 5 },
        { retailerId: 2, tier: 30, requested: 10 },
      ],
      defaultAllocationRule('2026-W49'),
    );
    // Weights 1 and 3: 2 and 6 cartons; weighted demand met (2 + 18) / (5 + 30) = 57 %.
    const first = result.allocations[0];
    if (!first) throw new Error('no allocation');
    expect(formatAllocationReason(first.reason, 'en')).toBe(
      "Requested 5, allocated 2: this week's supply meets 57% of weighted demand",
    );
  });
});
