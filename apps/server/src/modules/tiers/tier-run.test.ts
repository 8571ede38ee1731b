import { describe, expect, it } from 'vitest';
import { computeTierRun, type TierInput, tierInputsFingerprint } from './tier-run';

const window = { weeks: 13, fromWeek: '2026-08-24', toWeek: '2026-11-16' };
const shop = (retailerId: number, tier: number, cartons: number, amountFen: number, districtId = 1): TierInput => ({
  retailerId,
  districtId,
  tier,
  cartons,
  amountFen,
});

describe('computeTierRun', () => {
  it('lists only the retailers whose tier changes, each with its rank, band and boundary', () => {
    // Four buyers: 10 volume bands over n = 4 put them in bands 1, 3, 6 and 8; one retailer bought nothing.
    const inputs = [
      shop(1, 22, 100, 2_000_000),
      shop(2, 10, 50, 800_000),
      shop(3, 10, 10, 200_000),
      shop(4, 10, 0, 0),
      shop(5, 7, 30, 600_000, 2),
    ];
    const run = computeTierRun(inputs, window);
    expect(run.retailerCount).toBe(5);
    expect(run.buyers).toBe(4);
    expect(run.moves.map((m) => [m.retailerId, m.fromTier, m.toTier])).toEqual([
      [2, 10, 16],
      [3, 10, 1],
      [4, 10, 1],
    ]);
    expect(run.upCount).toBe(1);
    expect(run.downCount).toBe(2);
    expect(run.moves[0]?.reason).toEqual({
      ...window,
      cartons: 50,
      amountFen: 800_000,
      pricePerCartonFen: 16_000,
      volumeBand: 6,
      priceBand: 1,
      volumeBands: 10,
      priceBands: 3,
      rank: 2,
      buyers: 4,
      topPercent: 50,
      bandMinCartons: 50,
      bandMaxCartons: 50,
      previous: 10,
    });
    const none = run.moves.find((m) => m.retailerId === 4)?.reason;
    expect(none).toMatchObject({ cartons: 0, volumeBand: 0, rank: null, topPercent: null, bandMinCartons: null });
    // Before: 3 at tier 10, one at 22, one at 7; after: tiers 1, 1, 7, 16, 22.
    expect(run.distribution.before[9]).toBe(3);
    expect(run.distribution.after[0]).toBe(2);
    expect(run.distribution.after.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('shares the best rank among equal cartons', () => {
    const run = computeTierRun([shop(1, 1, 40, 400_000), shop(2, 1, 40, 800_000), shop(3, 1, 5, 50_000)], window);
    const ranks = Object.fromEntries(run.moves.map((m) => [m.retailerId, m.reason.rank]));
    expect(ranks[1]).toBe(1);
    expect(ranks[2]).toBe(1);
  });

  it('fingerprints what the run read, whatever the order, and notices a changed tier or total', () => {
    const inputs = [shop(1, 5, 10, 100), shop(2, 6, 20, 200)];
    const base = tierInputsFingerprint(inputs, window);
    expect(tierInputsFingerprint([...inputs].reverse(), window)).toBe(base);
    expect(tierInputsFingerprint([shop(1, 4, 10, 100), shop(2, 6, 20, 200)], window)).not.toBe(base);
    expect(tierInputsFingerprint([shop(1, 5, 10, 101), shop(2, 6, 20, 200)], window)).not.toBe(base);
    expect(tierInputsFingerprint(inputs, { ...window, toWeek: '2026-11-23' })).not.toBe(base);
  });
});
