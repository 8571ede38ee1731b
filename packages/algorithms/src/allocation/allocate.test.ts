import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../random';
import {
  type AllocationRequest,
  type AllocationResult,
  type AllocationRule,
  allocateScarceProducts,
  allocateScarceSupply,
  defaultAllocationRule,
  MAX_ALLOCATION_REQUEST,
  productTieSeed,
  publishedTieOrder,
  tierWeightTable,
} from './allocate';

const RULE = defaultAllocationRule('2026-W49');

function amounts(result: AllocationResult): number[] {
  return result.allocations.map((a) => a.allocated);
}

function byId(result: AllocationResult): Map<number, number> {
  return new Map(result.allocations.map((a) => [a.retailerId, a.allocated]));
}

/** Requests with distinct retailer ids; `maxRequest` bounds each request. */
function requestsArb(maxLength: number, maxRequest: number) {
  return fc.uniqueArray(
    fc.record({
      retailerId: fc.integer({ min: 1, max: 1_000_000 }),
      tier: fc.integer({ min: 1, max: 30 }),
      requested: fc.integer({ min: 0, max: maxRequest }),
    }),
    { maxLength, selector: (r) => r.retailerId },
  );
}

const tieKindArb = fc.constantFrom('higherTierThenSeededOrder' as const, 'seededOrder' as const);

/** A rule with a random weight (1 … 5) per tier, or random bands, and a random seed. */
const ruleArb: fc.Arbitrary<AllocationRule> = fc.oneof(
  fc.record({
    tierWeights: fc.record({ perTier: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 30, maxLength: 30 }) }),
    tieBreak: fc.record({ kind: tieKindArb, seed: fc.string({ minLength: 1, maxLength: 12 }) }),
  }),
  fc
    .tuple(fc.integer({ min: 2, max: 29 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .map(([cut, low, high]) => ({
      tierWeights: {
        bands: [
          { fromTier: 1, toTier: cut - 1, weight: low },
          { fromTier: cut, toTier: 30, weight: high },
        ],
      },
      tieBreak: { kind: 'higherTierThenSeededOrder' as const, seed: `s${cut}` },
    })),
);

const total = (xs: readonly { requested: number }[]) => xs.reduce((s, r) => s + r.requested, 0);

// ---- The definition of "max-min fair within weights" (see allocate.ts), as exact fractions ----

/** The level λ(i, k) = (k − ½)/w = (2k − 1)/(2w) of a retailer's k-th carton, as [numerator, denominator]. */
function level(k: number, weight: number): [number, number] {
  return [2 * k - 1, 2 * weight];
}
function cmp([a, b]: [number, number], [c, d]: [number, number]): number {
  return a * d - c * b;
}

/** Levels of all cartons an allocation hands out, highest first. */
function levelsHandedOut(alloc: readonly number[], weights: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  alloc.forEach((a, i) => {
    for (let k = 1; k <= a; k++) out.push(level(k, weights[i] as number));
  });
  return out.sort((x, y) => cmp(y, x));
}

function compareLex(x: readonly [number, number][], y: readonly [number, number][]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = cmp(x[i] as [number, number], y[i] as [number, number]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** Every integer vector 0 ≤ bᵢ ≤ capᵢ with Σ b = sum. */
function allAllocations(caps: readonly number[], sum: number): number[][] {
  const out: number[][] = [];
  const b: number[] = [];
  const rec = (i: number, left: number) => {
    if (i === caps.length) {
      if (left === 0) out.push([...b]);
      return;
    }
    for (let v = 0; v <= Math.min(caps[i] as number, left); v++) {
      b.push(v);
      rec(i + 1, left - v);
      b.pop();
    }
  };
  rec(0, sum);
  return out;
}

describe('allocateScarceSupply — properties', () => {
  it('hands out integers, never above a request, and exactly min(supply, total requested): no carton wasted', () => {
    fc.assert(
      fc.property(requestsArb(40, 60), fc.integer({ min: 0, max: 3_000 }), ruleArb, (requests, supply, rule) => {
        const result = allocateScarceSupply(supply, requests, rule);
        const sum = amounts(result).reduce((s, a) => s + a, 0);
        expect(sum).toBe(Math.min(supply, total(requests)));
        expect(sum).toBeLessThanOrEqual(supply);
        expect(result.summary.totalAllocated).toBe(sum);
        const asked = new Map(requests.map((r) => [r.retailerId, r.requested]));
        for (const a of result.allocations) {
          expect(Number.isInteger(a.allocated)).toBe(true);
          expect(a.allocated).toBeGreaterThanOrEqual(0);
          expect(a.allocated).toBeLessThanOrEqual(asked.get(a.retailerId) as number);
          expect(a.reason.allocated).toBe(a.allocated);
          expect(a.reason.capped).toBe(a.allocated === a.reason.requested);
        }
        expect(result.allocations.map((a) => a.retailerId)).toEqual(
          requests.map((r) => r.retailerId).sort((x, y) => x - y),
        );
      }),
    );
  });

  it('does not depend on the input order, and gives the same result every time', () => {
    fc.assert(
      fc.property(
        requestsArb(40, 30),
        fc.integer({ min: 0, max: 1_000 }),
        ruleArb,
        fc.integer(),
        (requests, supply, rule, shuffleSeed) => {
          const first = allocateScarceSupply(supply, requests, rule);
          const shuffled = new Random(shuffleSeed).shuffle(requests.map((r) => ({ ...r })));
          expect(allocateScarceSupply(supply, shuffled, rule)).toEqual(first);
          expect(allocateScarceSupply(supply, requests, rule)).toEqual(first);
        },
      ),
    );
  });

  it('is monotone: more supply never gives anyone less', () => {
    fc.assert(
      fc.property(
        requestsArb(30, 25),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 50 }),
        ruleArb,
        (requests, supply, more, rule) => {
          const less = byId(allocateScarceSupply(supply, requests, rule));
          for (const step of [1, more]) {
            const bigger = byId(allocateScarceSupply(supply + step, requests, rule));
            for (const [id, a] of less) expect(bigger.get(id) as number).toBeGreaterThanOrEqual(a);
          }
        },
      ),
    );
  });

  it('is max-min fair within weights: no carton handed out sits above a carton withheld', () => {
    fc.assert(
      fc.property(requestsArb(40, 40), fc.integer({ min: 0, max: 1_500 }), ruleArb, (requests, supply, rule) => {
        const weights = tierWeightTable(rule.tierWeights);
        const result = allocateScarceSupply(supply, requests, rule);
        let highestGiven: [number, number] | undefined;
        let lowestWithheld: [number, number] | undefined;
        for (const a of result.allocations) {
          const w = weights[a.reason.tier] as number;
          if (a.allocated > 0) {
            const l = level(a.allocated, w);
            if (!highestGiven || cmp(l, highestGiven) > 0) highestGiven = l;
          }
          if (a.allocated < a.reason.requested) {
            const l = level(a.allocated + 1, w);
            if (!lowestWithheld || cmp(l, lowestWithheld) < 0) lowestWithheld = l;
          }
        }
        if (highestGiven && lowestWithheld) expect(cmp(highestGiven, lowestWithheld)).toBeLessThanOrEqual(0);
        // The reported level is the level of the last carton handed out.
        const [num, den] = highestGiven ?? [0, 1];
        expect(result.summary.level).toBe(num / den);
      }),
      { numRuns: 400 },
    );
  });

  it('is max-min fair by brute force: the levels handed out are lexicographically smallest of all allocations', () => {
    fc.assert(
      fc.property(requestsArb(4, 4), fc.integer({ min: 0, max: 16 }), ruleArb, (requests, supply, rule) => {
        const weightOfTier = tierWeightTable(rule.tierWeights);
        const result = allocateScarceSupply(supply, requests, rule);
        const caps = result.allocations.map((a) => a.reason.requested);
        const weights = result.allocations.map((a) => weightOfTier[a.reason.tier] as number);
        const ours = amounts(result);
        const oursLevels = levelsHandedOut(ours, weights);
        const sum = ours.reduce((s, a) => s + a, 0);
        for (const other of allAllocations(caps, sum)) {
          const c = compareLex(oursLevels, levelsHandedOut(other, weights));
          // Never worse than any allocation with the same total …
          expect(c).toBeLessThanOrEqual(0);
          // … and an equally fair one differs only where the declared tie order decided, by one carton.
          if (c === 0) {
            other.forEach((b, i) => {
              if (b !== ours[i]) {
                expect(result.allocations[i]?.reason.tieBroken).toBe(true);
                expect(Math.abs(b - (ours[i] as number))).toBe(1);
              }
            });
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lets the seed change only the retailers whose last carton the tie order decided', () => {
    fc.assert(
      fc.property(requestsArb(30, 10), fc.integer({ min: 0, max: 200 }), (requests, supply) => {
        const a = allocateScarceSupply(supply, requests, defaultAllocationRule('week-a'));
        const b = allocateScarceSupply(supply, requests, defaultAllocationRule('week-b'));
        a.allocations.forEach((x, i) => {
          const y = b.allocations[i];
          if (x.allocated !== y?.allocated) {
            expect(x.reason.tieBroken && y?.reason.tieBroken).toBe(true);
            expect(Math.abs(x.allocated - (y?.allocated ?? 0))).toBe(1);
          }
        });
      }),
    );
  });

  it('hands the cartons at the final level to the tied retailers earliest in the published tie order', () => {
    fc.assert(
      fc.property(requestsArb(40, 8), fc.integer({ min: 0, max: 300 }), ruleArb, (requests, supply, rule) => {
        const result = allocateScarceSupply(supply, requests, rule);
        const place = new Map(publishedTieOrder(requests, rule.tieBreak).map((id, i) => [id, i]));
        const tied = result.allocations.filter((a) => a.reason.tieBroken);
        if (tied.length === 0) return;
        const byPlace = [...tied].sort(
          (x, y) => (place.get(x.retailerId) as number) - (place.get(y.retailerId) as number),
        );
        // A winner's last carton sits exactly at the final level (the same fraction gives the same double); a
        // loser's next carton does.
        const won = byPlace.map((a) => (2 * a.allocated - 1) / (2 * a.reason.weight) === result.summary.level);
        for (const [i, a] of byPlace.entries()) {
          if (!won[i]) expect((2 * a.allocated + 1) / (2 * a.reason.weight)).toBe(result.summary.level);
        }
        // Once a tied retailer misses out, every later one misses out too.
        const firstLoss = won.indexOf(false);
        expect(firstLoss).toBeGreaterThan(0);
        expect(won.slice(firstLoss).every((w) => !w)).toBe(true);
      }),
    );
  });

  it('reports the weighted share of demand met, the same for every retailer', () => {
    fc.assert(
      fc.property(requestsArb(20, 20), fc.integer({ min: 0, max: 300 }), ruleArb, (requests, supply, rule) => {
        const weights = tierWeightTable(rule.tierWeights);
        const result = allocateScarceSupply(supply, requests, rule);
        let met = 0;
        let asked = 0;
        for (const a of result.allocations) {
          met += (weights[a.reason.tier] as number) * a.allocated;
          asked += (weights[a.reason.tier] as number) * a.reason.requested;
        }
        expect(result.summary.weightedDemandMetShare).toBeCloseTo(asked === 0 ? 1 : met / asked, 12);
        for (const a of result.allocations) {
          expect(a.reason.shareOfWeightedDemandMet).toBe(result.summary.weightedDemandMetShare);
        }
      }),
    );
  });
});

describe('allocateScarceSupply — examples and edge cases', () => {
  const r = (retailerId: number, tier: number, requested: number): AllocationRequest => ({
    retailerId,
    tier,
    requested,
  });

  it('gives a single carton to the higher weight: its continuous share is ¾ against ¼', () => {
    const result = allocateScarceSupply(1, [r(1, 1, 5), r(2, 30, 5)], RULE);
    expect(amounts(result)).toEqual([0, 1]);
    expect(result.allocations[1]?.reason).toMatchObject({ weight: 3, level: 1 / 6, capped: false, tieBroken: false });
  });

  it('rounds the water-filling shares to the nearest carton: 8 cartons over weights 1, 2, 3 give 1, 3, 4', () => {
    // Continuous shares at level 8/6: 1.33, 2.67, 4; rounded 1, 3, 4 (sum 8).
    const result = allocateScarceSupply(8, [r(1, 1, 10), r(2, 15, 10), r(3, 25, 10)], RULE);
    expect(amounts(result)).toEqual([1, 3, 4]);
  });

  it('does not show the Alabama paradox of largest remainders (weights 3, 1, 3; requests 7, 4, 2)', () => {
    const requests = [r(1, 25, 7), r(2, 1, 4), r(3, 26, 2)];
    const rows = [0, 1, 2, 3, 4, 5, 6, 13].map((s) => amounts(allocateScarceSupply(s, requests, RULE)));
    for (let i = 1; i < rows.length; i++) {
      rows[i]?.forEach((a, j) => {
        expect(a).toBeGreaterThanOrEqual(rows[i - 1]?.[j] as number);
      });
    }
    expect(rows.at(-1)).toEqual([7, 4, 2]);
  });

  it('breaks a tie by the higher tier first, then by the seeded order, not by the input order', () => {
    // Tiers 25 and 30 weigh the same (3): one carton, both tied at level 1/6; tier 30 wins either way round.
    for (const order of [
      [r(1, 25, 3), r(2, 30, 3)],
      [r(2, 30, 3), r(1, 25, 3)],
    ]) {
      const result = allocateScarceSupply(1, order, RULE);
      expect(amounts(result)).toEqual([0, 1]);
      expect(result.allocations.every((a) => a.reason.tieBroken)).toBe(true);
      expect(result.summary.tieBrokenRetailers).toBe(2);
    }
    // Equal tiers: the seeded order decides, and over many seeds each retailer wins sometimes.
    const winners = new Set<number>();
    for (let s = 0; s < 40; s++) {
      const result = allocateScarceSupply(1, [r(1, 7, 3), r(2, 7, 3)], defaultAllocationRule(`seed-${s}`));
      winners.add(result.allocations.find((a) => a.allocated === 1)?.retailerId as number);
    }
    expect(winners).toEqual(new Set([1, 2]));
  });

  it('with seededOrder ignores the tier among retailers tied at the same level', () => {
    const rule: AllocationRule = { ...RULE, tieBreak: { kind: 'seededOrder', seed: 'x' } };
    const lowWins = new Set<boolean>();
    for (let s = 0; s < 40; s++) {
      const result = allocateScarceSupply(1, [r(1, 25, 3), r(2, 30, 3)], {
        ...rule,
        tieBreak: { ...rule.tieBreak, seed: `${s}` },
      });
      lowWins.add(result.allocations[0]?.allocated === 1);
    }
    expect(lowWins).toEqual(new Set([true, false]));
  });

  it('zero supply: nobody gets anything, level 0', () => {
    const result = allocateScarceSupply(0, [r(1, 3, 4), r(2, 30, 9)], RULE);
    expect(amounts(result)).toEqual([0, 0]);
    expect(result.summary).toMatchObject({
      totalAllocated: 0,
      level: 0,
      weightedDemandMetShare: 0,
      tieBrokenRetailers: 0,
    });
    expect(result.allocations.every((a) => !a.reason.capped && !a.reason.tieBroken)).toBe(true);
  });

  it('zero requests: an empty list, and requests of 0 cartons', () => {
    expect(allocateScarceSupply(50, [], RULE)).toEqual({
      allocations: [],
      summary: {
        supply: 50,
        totalRequested: 0,
        totalAllocated: 0,
        weightedDemandMetShare: 1,
        level: 0,
        tieSeed: '2026-W49',
        tieBrokenRetailers: 0,
      },
    });
    const result = allocateScarceSupply(50, [r(1, 3, 0), r(2, 30, 0)], RULE);
    expect(amounts(result)).toEqual([0, 0]);
    expect(result.allocations.every((a) => a.reason.capped)).toBe(true);
  });

  it('supply at or above demand: everyone gets the full request', () => {
    for (const supply of [12, 13, 1_000]) {
      const result = allocateScarceSupply(supply, [r(1, 1, 2), r(2, 20, 4), r(3, 30, 6)], RULE);
      expect(amounts(result)).toEqual([2, 4, 6]);
      expect(result.summary).toMatchObject({ totalAllocated: 12, weightedDemandMetShare: 1 });
      expect(result.allocations.every((a) => a.reason.capped && !a.reason.tieBroken)).toBe(true);
    }
  });

  it('all equal: ten retailers of one tier asking 3 each share 7 cartons one each, the seeded order picking', () => {
    const requests = Array.from({ length: 10 }, (_, i) => r(i + 1, 10, 3));
    const result = allocateScarceSupply(7, requests, RULE);
    expect(amounts(result).sort()).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(result.summary.tieBrokenRetailers).toBe(10);
    // 25 cartons: two each (20), the remaining five by the tie order.
    expect(amounts(allocateScarceSupply(25, requests, RULE)).sort()).toEqual([2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
  });

  it('a single retailer gets min(supply, request)', () => {
    expect(amounts(allocateScarceSupply(3, [r(9, 12, 5)], RULE))).toEqual([3]);
    expect(amounts(allocateScarceSupply(8, [r(9, 12, 5)], RULE))).toEqual([5]);
  });

  it('counts huge numbers exactly', () => {
    const big = MAX_ALLOCATION_REQUEST;
    const requests = [r(1, 1, big), r(2, 20, big - 1), r(3, 30, 7), r(4, 30, big)];
    const supply = big + 12_345;
    const result = allocateScarceSupply(supply, requests, RULE);
    expect(amounts(result).reduce((s, a) => s + a, 0)).toBe(supply);
    expect(result.allocations[2]?.allocated).toBe(7);
    // Shares 1 : 2 : 3 of the supply left after the capped retailer, each within a carton of its continuous share.
    const level = (supply - 7) / 6;
    expect(Math.abs((result.allocations[0]?.allocated as number) - level)).toBeLessThanOrEqual(1);
    expect(Math.abs((result.allocations[1]?.allocated as number) - 2 * level)).toBeLessThanOrEqual(1);
    expect(Math.abs((result.allocations[3]?.allocated as number) - 3 * level)).toBeLessThanOrEqual(1);
    expect(amounts(allocateScarceSupply(Number.MAX_SAFE_INTEGER, requests, RULE))).toEqual([big, big - 1, 7, big]);
  });

  it('rejects bad input with a RangeError, never a wrong allocation', () => {
    const bad: [number, AllocationRequest[], AllocationRule][] = [
      [-1, [], RULE],
      [1.5, [], RULE],
      [Number.NaN, [], RULE],
      [Number.POSITIVE_INFINITY, [], RULE],
      [5, [r(1, 0, 2)], RULE],
      [5, [r(1, 31, 2)], RULE],
      [5, [r(1, 2.5, 2)], RULE],
      [5, [r(1, 3, -1)], RULE],
      [5, [r(1, 3, 0.5)], RULE],
      [5, [r(1, 3, MAX_ALLOCATION_REQUEST + 1)], RULE],
      [5, [r(1, 3, 2), r(1, 4, 2)], RULE],
      [5, [r(1.5, 3, 2)], RULE],
      [5, [r(1, 3, 2)], { ...RULE, tieBreak: { kind: 'higherTierThenSeededOrder', seed: '' } }],
      [5, [r(1, 3, 2)], { ...RULE, tieBreak: { kind: 'inputOrder' as 'seededOrder', seed: 'x' } }],
      [5, [r(1, 3, 2)], { ...RULE, tierWeights: { bands: [{ fromTier: 1, toTier: 29, weight: 1 }] } }],
      [
        5,
        [r(1, 3, 2)],
        {
          ...RULE,
          tierWeights: {
            bands: [
              { fromTier: 1, toTier: 30, weight: 1 },
              { fromTier: 30, toTier: 30, weight: 2 },
            ],
          },
        },
      ],
      [5, [r(1, 3, 2)], { ...RULE, tierWeights: { bands: [{ fromTier: 1, toTier: 30, weight: 1.5 }] } }],
      [5, [r(1, 3, 2)], { ...RULE, tierWeights: { bands: [{ fromTier: 1, toTier: 30, weight: 0 }] } }],
      [5, [r(1, 3, 2)], { ...RULE, tierWeights: { bands: [{ fromTier: 0, toTier: 30, weight: 1 }] } }],
      [5, [r(1, 3, 2)], { ...RULE, tierWeights: { perTier: [1, 2, 3] } }],
    ];
    for (const [supply, requests, rule] of bad) {
      expect(() => allocateScarceSupply(supply, requests, rule)).toThrow(RangeError);
    }
  });

  it('accepts one weight per tier as well as bands, with the same result', () => {
    const perTier = Array.from({ length: 30 }, (_, i) => (i >= 24 ? 3 : i >= 14 ? 2 : 1));
    const requests = [r(1, 1, 9), r(2, 15, 9), r(3, 24, 9), r(4, 25, 9), r(5, 30, 9)];
    const rule: AllocationRule = { ...RULE, tierWeights: { perTier } };
    expect(allocateScarceSupply(17, requests, rule)).toEqual(allocateScarceSupply(17, requests, RULE));
  });
});

describe('allocateScarceProducts', () => {
  it('allocates 20 products, each as on its own with the product seed, whatever the product order', () => {
    const random = new Random(7);
    const products = Array.from({ length: 20 }, (_, p) => ({
      productId: 100 + p,
      supply: random.int(0, 400),
      requests: Array.from({ length: 60 }, (_, i) => ({
        retailerId: i + 1,
        tier: random.int(1, 30),
        requested: random.int(0, 12),
      })),
    }));
    const results = allocateScarceProducts(products, RULE);
    expect(results.map((p) => p.productId)).toEqual(products.map((p) => p.productId));
    for (const { productId, result } of results) {
      const p = products.find((x) => x.productId === productId);
      if (!p) throw new Error('missing product');
      const alone = allocateScarceSupply(p.supply, p.requests, {
        ...RULE,
        tieBreak: { ...RULE.tieBreak, seed: productTieSeed('2026-W49', productId) },
      });
      expect(result).toEqual(alone);
      expect(result.summary.totalAllocated).toBe(Math.min(p.supply, total(p.requests)));
    }
    expect(allocateScarceProducts(new Random(1).shuffle([...products]), RULE)).toEqual(results);
  });

  it('rejects a product listed twice', () => {
    const p = { productId: 1, supply: 1, requests: [] };
    expect(() => allocateScarceProducts([p, p], RULE)).toThrow(RangeError);
  });
});
