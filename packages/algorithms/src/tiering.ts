/**
 * Retailer tiers (档位) and product price classes (价类).
 *
 * Tiers follow the scheme documented in practice (docs/domain-notes.md [C5][C6]): 30 tiers = 10 bands of total
 * order volume (cartons) × 3 bands of 单条值 (average price per carton). Bands are quantiles, so every band
 * holds about the same number of retailers ("tier counts per band set so each band has similar capability").
 * Volume dominates: tier = (volumeBand − 1) · priceBands + priceBand, so tier 30 is the top volume band with
 * the dearest mix and tier 1 the smallest buyers of the cheapest mix.
 *
 * The price bands are cut within each volume band (not over all retailers): volume and price mix are
 * correlated, and global cuts would leave the top volume band almost without low-price retailers, so the 30
 * tiers would be far from equal in size. Within-band cuts give every tier ≈ n/30 retailers.
 */

export interface TierPurchase {
  retailerId: number;
  /** Cartons (条) bought in the window. Several rows for one retailer are summed. */
  cartons: number;
  /** Amount paid in the window, in fen. */
  amountFen: number;
}

export interface TierAssignment {
  retailerId: number;
  /** 1 … volumeBands × priceBands (30 by default). */
  tier: number;
  /** 1 … volumeBands (0 for a retailer that bought nothing in the window). */
  volumeBand: number;
  /** 1 … priceBands (0 for a retailer that bought nothing in the window). */
  priceBand: number;
  cartons: number;
  amountFen: number;
  /** 单条值: amountFen / cartons, in fen per carton (0 when nothing was bought). */
  pricePerCartonFen: number;
}

export interface TieringOptions {
  /** Number of volume bands; default 10. */
  volumeBands?: number;
  /** Number of 单条值 bands within each volume band; default 3. */
  priceBands?: number;
}

export const MAX_TIER = 30;

/**
 * Assigns every retailer in `purchases` a tier. Pure and deterministic: the result depends only on the
 * multiset of (retailerId, totals), not on the input order. The output is sorted by retailerId.
 *
 * - Ties never split: retailers with equal volume get the same volume band (and equal 单条值 within a volume
 *   band the same price band), so a band may hold a few more or fewer than its share.
 * - Monotone: more volume never gives a lower volume band; at equal price band, more volume never gives a
 *   lower tier.
 * - Retailers with no purchases (cartons ≤ 0) get tier 1 and are left out of the quantiles, so a block of
 *   dormant shops does not push everyone else up a band. New entrants without history are tiered by other
 *   means (shop type, area: [C6][C7]); the caller decides.
 */
export function computeTiers(purchases: readonly TierPurchase[], options: TieringOptions = {}): TierAssignment[] {
  const volumeBands = options.volumeBands ?? 10;
  const priceBands = options.priceBands ?? 3;
  if (!Number.isInteger(volumeBands) || volumeBands < 1 || !Number.isInteger(priceBands) || priceBands < 1) {
    throw new RangeError('volumeBands and priceBands must be positive integers');
  }

  const totals = new Map<number, { cartons: number; amountFen: number }>();
  for (const p of purchases) {
    if (!Number.isFinite(p.cartons) || !Number.isFinite(p.amountFen)) {
      throw new RangeError(`retailer ${p.retailerId}: cartons and amountFen must be finite`);
    }
    const t = totals.get(p.retailerId);
    if (t) {
      t.cartons += p.cartons;
      t.amountFen += p.amountFen;
    } else {
      totals.set(p.retailerId, { cartons: p.cartons, amountFen: p.amountFen });
    }
  }

  const result: TierAssignment[] = [];
  const buyers: TierAssignment[] = [];
  for (const [retailerId, t] of totals) {
    const buying = t.cartons > 0;
    const row: TierAssignment = {
      retailerId,
      tier: 1,
      volumeBand: 0,
      priceBand: 0,
      cartons: t.cartons,
      amountFen: t.amountFen,
      pricePerCartonFen: buying ? t.amountFen / t.cartons : 0,
    };
    result.push(row);
    if (buying) buyers.push(row);
  }

  // Sort by value with the id as tie-break only for a stable, input-order-free result.
  buyers.sort((x, y) => x.cartons - y.cartons || x.retailerId - y.retailerId);
  const volumeGroups: TierAssignment[][] = Array.from({ length: volumeBands }, () => []);
  assignQuantileBands(
    buyers,
    (r) => r.cartons,
    volumeBands,
    (r, band) => {
      r.volumeBand = band;
      volumeGroups[band - 1]?.push(r);
    },
  );

  for (const group of volumeGroups) {
    group.sort((x, y) => x.pricePerCartonFen - y.pricePerCartonFen || x.retailerId - y.retailerId);
    assignQuantileBands(
      group,
      (r) => r.pricePerCartonFen,
      priceBands,
      (r, band) => {
        r.priceBand = band;
        r.tier = (r.volumeBand - 1) * priceBands + band;
      },
    );
  }

  result.sort((x, y) => x.retailerId - y.retailerId);
  return result;
}

/**
 * For rows sorted ascending by `value`: band = ⌊rank · bands / n⌋ + 1 where rank is the number of rows with a
 * strictly smaller value, so equal values share a band and the bands are quantiles.
 */
function assignQuantileBands<T>(
  sorted: readonly T[],
  value: (row: T) => number,
  bands: number,
  assign: (row: T, band: number) => void,
): void {
  const n = sorted.length;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const row = sorted[i] as T;
    if (i > 0 && value(row) !== value(sorted[i - 1] as T)) rank = i;
    assign(row, Math.min(bands, Math.floor((rank * bands) / n) + 1));
  }
}

/** A retailer id → tier map, for callers that only need the tier. */
export function tierMap(assignments: readonly TierAssignment[]): Map<number, number> {
  return new Map(assignments.map((a) => [a.retailerId, a.tier]));
}

/** 价类 1 … 5 (一类 … 五类). */
export type PriceClass = 1 | 2 | 3 | 4 | 5;

export const PRICE_CLASS_LABELS: Readonly<Record<PriceClass, string>> = {
  1: '一类',
  2: '二类',
  3: '三类',
  4: '四类',
  5: '五类',
};

/**
 * Price class from a price per carton (条) in fen: 一类 ≥ 100 元, 二类 70–100, 三类 30–70, 四类 16.5–30,
 * 五类 < 16.5 (lower bounds inclusive).
 *
 * Officially the class is defined on the allocation price (调拨价) per carton, which no public source gives for
 * our products; Siyi applies the same thresholds to the wholesale price (批发价) the retailer pays, which runs
 * somewhat above 调拨价, so a product near a threshold may land one class higher than its official class.
 */
export function priceClassOf(pricePerCartonFen: number): PriceClass {
  if (!Number.isFinite(pricePerCartonFen) || pricePerCartonFen <= 0) {
    throw new RangeError(`price per carton must be a positive number of fen, got ${pricePerCartonFen}`);
  }
  if (pricePerCartonFen >= 10_000) return 1;
  if (pricePerCartonFen >= 7_000) return 2;
  if (pricePerCartonFen >= 3_000) return 3;
  if (pricePerCartonFen >= 1_650) return 4;
  return 5;
}
