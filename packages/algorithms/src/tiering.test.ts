import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTiers, MAX_TIER, PRICE_CLASS_LABELS, priceClassOf, type TierPurchase, tierMap } from './tiering';

describe('computeTiers', () => {
  it('gives 30 distinct retailers the 30 tiers, volume first, then 单条值', () => {
    // Volume rank v (0…29) and, inside each block of three, an increasing price.
    const purchases: TierPurchase[] = Array.from({ length: 30 }, (_, v) => ({
      retailerId: 100 + v,
      cartons: 10 + v,
      amountFen: (10 + v) * (5_000 + (v % 3) * 3_000),
    }));
    const tiers = computeTiers(purchases);
    expect(tiers.map((t) => t.tier)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const top = tiers.at(-1);
    expect(top).toMatchObject({ retailerId: 129, tier: 30, volumeBand: 10, priceBand: 3 });
  });

  it('ranks 单条值 inside a volume band', () => {
    const tiers = tierMap(
      computeTiers([
        { retailerId: 1, cartons: 100, amountFen: 100 * 30_000 },
        { retailerId: 2, cartons: 100, amountFen: 100 * 10_000 },
        { retailerId: 3, cartons: 100, amountFen: 100 * 20_000 },
      ]),
    );
    // All three share the volume band (equal volume), so their price decides: cheap, middle, dear.
    expect([tiers.get(2), tiers.get(3), tiers.get(1)]).toEqual([1, 2, 3]);
  });

  it('sums several rows of one retailer and gives non-buyers tier 1 without counting them in the bands', () => {
    const purchases: TierPurchase[] = [
      { retailerId: 7, cartons: 5, amountFen: 50_000 },
      { retailerId: 7, cartons: 5, amountFen: 50_000 },
      { retailerId: 8, cartons: 0, amountFen: 0 },
      ...Array.from({ length: 9 }, (_, i) => ({ retailerId: 20 + i, cartons: 1 + i, amountFen: (1 + i) * 10_000 })),
    ];
    const tiers = computeTiers(purchases);
    const seven = tiers.find((t) => t.retailerId === 7);
    expect(seven).toMatchObject({ cartons: 10, amountFen: 100_000, pricePerCartonFen: 10_000 });
    expect(seven?.volumeBand).toBe(10);
    expect(tiers.find((t) => t.retailerId === 8)).toMatchObject({ tier: 1, volumeBand: 0, priceBand: 0 });
    // Ten buyers, ten volume bands: the dormant shop did not take band 1 from the smallest buyer.
    expect(
      tiers
        .filter((t) => t.volumeBand > 0)
        .map((t) => t.volumeBand)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('never splits ties', () => {
    const tiers = computeTiers(
      Array.from({ length: 40 }, (_, i) => ({ retailerId: i, cartons: i < 20 ? 50 : 60 + i, amountFen: 0 })),
    );
    const bands = new Set(tiers.filter((t) => t.cartons === 50).map((t) => t.volumeBand));
    expect(bands.size).toBe(1);
  });

  it('takes other band counts and rejects nonsense', () => {
    const tiers = computeTiers(
      Array.from({ length: 12 }, (_, i) => ({
        retailerId: i,
        cartons: 1 + i,
        amountFen: (1 + i) * (1_000 + (i % 3) * 500),
      })),
      { volumeBands: 4, priceBands: 3 },
    );
    expect(Math.max(...tiers.map((t) => t.tier))).toBe(12);
    expect(() => computeTiers([], { volumeBands: 0 })).toThrow(RangeError);
    expect(() => computeTiers([{ retailerId: 1, cartons: Number.NaN, amountFen: 0 }])).toThrow(RangeError);
    expect(computeTiers([])).toEqual([]);
  });

  const purchasesArb = fc.uniqueArray(
    fc.record({
      retailerId: fc.integer({ min: 1, max: 100_000 }),
      cartons: fc.integer({ min: 0, max: 5_000 }),
      pricePerCarton: fc.integer({ min: 500, max: 100_000 }),
    }),
    { selector: (r) => r.retailerId, maxLength: 300 },
  );
  const toPurchases = (rows: { retailerId: number; cartons: number; pricePerCarton: number }[]): TierPurchase[] =>
    rows.map((r) => ({ retailerId: r.retailerId, cartons: r.cartons, amountFen: r.cartons * r.pricePerCarton }));

  it('property: every retailer gets one tier in 1..30', () => {
    fc.assert(
      fc.property(purchasesArb, (rows) => {
        const tiers = computeTiers(toPurchases(rows));
        expect(tiers).toHaveLength(rows.length);
        for (const t of tiers) {
          expect(Number.isInteger(t.tier)).toBe(true);
          expect(t.tier).toBeGreaterThanOrEqual(1);
          expect(t.tier).toBeLessThanOrEqual(MAX_TIER);
        }
      }),
    );
  });

  it('property: more volume never gives a lower tier at equal price band', () => {
    fc.assert(
      fc.property(purchasesArb, (rows) => {
        const tiers = computeTiers(toPurchases(rows)).filter((t) => t.cartons > 0);
        for (const a of tiers) {
          for (const b of tiers) {
            if (a.cartons > b.cartons) expect(a.volumeBand).toBeGreaterThanOrEqual(b.volumeBand);
            if (a.cartons > b.cartons && a.priceBand === b.priceBand) expect(a.tier).toBeGreaterThanOrEqual(b.tier);
          }
        }
      }),
    );
  });

  it('property: deterministic and independent of input order', () => {
    fc.assert(
      fc.property(purchasesArb, fc.integer(), (rows, salt) => {
        const purchases = toPurchases(rows);
        const shuffled = [...purchases].sort(
          (a, b) => (((a.retailerId * 2654435761) ^ salt) % 1009) - (((b.retailerId * 2654435761) ^ salt) % 1009),
        );
        expect(computeTiers(shuffled)).toEqual(computeTiers(purchases));
      }),
    );
  });

  it('property: with distinct volumes the ten volume bands hold equal shares (±1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 400 }), fc.integer(), (n, seed) => {
        const purchases = Array.from({ length: n }, (_, i) => ({
          retailerId: i,
          cartons: 1 + i,
          amountFen: (1 + i) * (1_000 + ((((i + 1) * 7919 + seed) >>> 0) % 50_000)),
        }));
        const counts = new Array<number>(10).fill(0);
        for (const t of computeTiers(purchases)) counts[t.volumeBand - 1] = (counts[t.volumeBand - 1] ?? 0) + 1;
        for (const c of counts) {
          expect(c).toBeGreaterThanOrEqual(Math.floor(n / 10));
          expect(c).toBeLessThanOrEqual(Math.ceil(n / 10));
        }
      }),
    );
  });
});

describe('priceClassOf', () => {
  it('applies the 价类 thresholds per carton (lower bounds inclusive)', () => {
    expect(priceClassOf(10_000)).toBe(1);
    expect(priceClassOf(9_999)).toBe(2);
    expect(priceClassOf(7_000)).toBe(2);
    expect(priceClassOf(6_999)).toBe(3);
    expect(priceClassOf(3_000)).toBe(3);
    expect(priceClassOf(2_999)).toBe(4);
    expect(priceClassOf(1_650)).toBe(4);
    expect(priceClassOf(1_649)).toBe(5);
    expect(priceClassOf(1)).toBe(5);
    expect(PRICE_CLASS_LABELS[priceClassOf(58_350)]).toBe('一类'); // 软中华, wholesale 583.5 元/条
  });

  it('rejects prices that are not positive numbers', () => {
    expect(() => priceClassOf(0)).toThrow(RangeError);
    expect(() => priceClassOf(-5)).toThrow(RangeError);
    expect(() => priceClassOf(Number.NaN)).toThrow(RangeError);
  });

  it('property: dearer never means a lower class number… i.e. never a cheaper class', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (p, d) => {
        expect(priceClassOf(p + d)).toBeLessThanOrEqual(priceClassOf(p));
      }),
    );
  });
});
