/**
 * Scarce-supply allocation (紧俏货源分配): one product's weekly supply shared among the retailers that asked for it,
 * by a rule published before the requests are collected. Pure and deterministic: the result depends only on the
 * supply, the multiset of requests and the rule — never on the input order, the clock or Math.random.
 *
 * ## The rule in one picture
 * Pour the supply as water over all requests at once. A retailer with tier weight w fills w cartons for every unit
 * the water level rises, and stops at its request. Whole cartons are handed out in the order the water reaches the
 * MIDDLE of each carton: retailer i's k-th carton has the level
 *
 *     λ(i, k) = (k − ½) / wᵢ        (1 ≤ k ≤ requestᵢ)
 *
 * and the allocation is the min(supply, Σ requests) cartons of lowest level. So allocationᵢ =
 * min(requestᵢ, round(L · wᵢ)) for the final level L (the level of the last carton handed out): the continuous
 * water-filling share rounded to the nearest whole carton, the level chosen so that the cartons add up exactly.
 * Cartons exactly at the final level (several retailers reaching a carton's middle at the same height) are
 * handed out one at a time in the declared tie order, which is published with the rule (a seed string), never the
 * input order. This is Sainte-Laguë / Webster rounding of the water-filling shares, with the requests as caps.
 *
 * ## "Max-min fair within weights", for whole cartons — the exact definition the tests check
 * An integer allocation a (0 ≤ aᵢ ≤ requestᵢ, Σ a = min(supply, Σ requests)) is max-min fair within weights iff
 * no carton handed out sits above a carton withheld:
 *
 *     max { λ(j, aⱼ) : aⱼ > 0 }  ≤  min { λ(i, aᵢ + 1) : aᵢ < requestᵢ }.
 *
 * Equivalently (the lexicographic form, checked by brute force): sort the levels of all cartons handed out from
 * the highest down; that vector is lexicographically smallest among all integer allocations with the same total —
 * the highest level any retailer's carton needed is as low as it can be, then the next highest, and so on. Every
 * fair allocation hands out the same multiset of levels; they differ only in which of the retailers tied at the
 * final level get its last cartons, and the declared tie order fixes that.
 *
 * ## Why not the two obvious alternatives
 * - Leximin of allocated/weight (maximise the smallest aᵢ/wᵢ, then the next, …) is perverse for whole cartons: with
 *   one carton, a weight-3 and a weight-1 retailer, both options leave someone at 0, and the second-smallest ratio
 *   is larger (1 instead of ⅓) when the weight-1 retailer gets it — the tier weights would count against the
 *   higher tier. The continuous shares (¼ and ¾) say the weight-3 retailer should get it; the rule here does.
 * - Flooring the continuous level and handing the leftover cartons to the largest fractional remainders (Hamilton)
 *   breaks monotonicity (the Alabama paradox): weights (3, 1, 3), requests (7, 4, 2) give (1, 1, 1) from 3 cartons
 *   but (2, 0, 2) from 4 — one more carton of supply takes the weight-1 retailer's carton away. Here the cartons
 *   are handed out from one fixed list (levels, then the tie order), so more supply only ever adds cartons.
 *
 * ## Guarantees (each is a property test in allocate.test.ts)
 * integers; 0 ≤ aᵢ ≤ requestᵢ; Σ a = min(supply, Σ requests) (no carton kept back while someone is short);
 * order-independent; deterministic; monotone in supply; max-min fair within weights as defined above.
 *
 * Exact arithmetic: weights are positive integers (write 2 : 3 rather than 1 : 1.5 — only ratios matter) and every
 * level comparison is a cross-multiplication of integers below 2⁵³, so no rounding of doubles can decide a carton.
 */
import { hashSeed } from '../random';
import { MAX_TIER } from '../tiering';

/** One retailer's request for the product this week. */
export interface AllocationRequest {
  retailerId: number;
  /** Tier (档位) 1 … 30 at the time the rule was published. */
  tier: number;
  /** Cartons (条) asked for; an integer ≥ 0. */
  requested: number;
}

/** Tiers fromTier … toTier (inclusive) weigh `weight`. */
export interface TierWeightBand {
  fromTier: number;
  toTier: number;
  weight: number;
}

/** Either bands covering tiers 1 … 30 exactly once, or one weight per tier (`perTier[0]` is tier 1's). */
export type TierWeights = { bands: readonly TierWeightBand[] } | { perTier: readonly number[] };

/**
 * The declared order among retailers tied at the final level. The seed is published with the rule (e.g. the week,
 * "2026-W49"), so anyone can recompute the order; it is a hash of (seed, retailerId), not the order of submission.
 * - higherTierThenSeededOrder: the higher tier first, then the seeded order.
 * - seededOrder: the seeded order alone.
 */
export interface TieBreak {
  kind: 'higherTierThenSeededOrder' | 'seededOrder';
  seed: string;
}

export interface AllocationRule {
  tierWeights: TierWeights;
  tieBreak: TieBreak;
}

export interface AllocationReason {
  requested: number;
  allocated: number;
  tier: number;
  weight: number;
  /** The final water level L (the level of the last carton handed out; 0 when none was). Same for every retailer. */
  level: number;
  /**
   * The week's share of weighted demand met, Σ wᵢ·aᵢ / Σ wᵢ·requestᵢ (1 when nothing was requested): the figure
   * the reason sentence quotes. The same for every retailer of the product, repeated so a stored reason stands alone.
   */
  shareOfWeightedDemandMet: number;
  /** Got its full request. */
  capped: boolean;
  /**
   * Was among the retailers tied at the final level when fewer cartons were left than tied retailers, so the
   * declared tie order decided whether it got one more carton (true for those that got it and those that did not).
   */
  tieBroken: boolean;
}

export interface RetailerAllocation {
  retailerId: number;
  allocated: number;
  reason: AllocationReason;
}

export interface AllocationSummary {
  supply: number;
  totalRequested: number;
  /** = min(supply, totalRequested). */
  totalAllocated: number;
  weightedDemandMetShare: number;
  level: number;
  /** The seed the tie order used. */
  tieSeed: string;
  /** Retailers whose last carton the tie order decided. */
  tieBrokenRetailers: number;
}

export interface AllocationResult {
  /** Sorted by retailerId. */
  allocations: RetailerAllocation[];
  summary: AllocationSummary;
}

/** Weights are small integers; the bound keeps every level product (2k − 1)·w·w′ far below 2⁵³. */
export const MAX_ALLOCATION_WEIGHT = 1_000;
/** Cartons one retailer may request of one product — far above any real order, low enough for exact arithmetic. */
export const MAX_ALLOCATION_REQUEST = 1_000_000_000_000;

/** The example rule of the issue: tiers 25–30 weigh 3, 15–24 weigh 2, 1–14 weigh 1. */
export function defaultAllocationRule(seed: string): AllocationRule {
  return {
    tierWeights: {
      bands: [
        { fromTier: 1, toTier: 14, weight: 1 },
        { fromTier: 15, toTier: 24, weight: 2 },
        { fromTier: 25, toTier: 30, weight: 3 },
      ],
    },
    tieBreak: { kind: 'higherTierThenSeededOrder', seed },
  };
}

/**
 * The weight of each tier (index = tier; index 0 unused). Throws RangeError unless every tier 1 … 30 has exactly
 * one positive integer weight ≤ MAX_ALLOCATION_WEIGHT: a rule that forgets a tier must not be published.
 */
export function tierWeightTable(weights: TierWeights): number[] {
  const table: number[] = new Array(MAX_TIER + 1).fill(0);
  const set = (tier: number, weight: number) => {
    if (!Number.isInteger(weight) || weight < 1 || weight > MAX_ALLOCATION_WEIGHT) {
      throw new RangeError(`tier ${tier}: weight must be an integer 1 … ${MAX_ALLOCATION_WEIGHT}, got ${weight}`);
    }
    if (table[tier] !== 0) throw new RangeError(`tier ${tier} has more than one weight`);
    table[tier] = weight;
  };
  if ('bands' in weights) {
    for (const band of weights.bands) {
      const { fromTier, toTier } = band;
      if (!isTier(fromTier) || !isTier(toTier) || fromTier > toTier) {
        throw new RangeError(`band ${fromTier}–${toTier}: tiers must be integers 1 … ${MAX_TIER}, from ≤ to`);
      }
      for (let t = fromTier; t <= toTier; t++) set(t, band.weight);
    }
  } else {
    if (weights.perTier.length !== MAX_TIER) {
      throw new RangeError(`perTier needs ${MAX_TIER} weights, got ${weights.perTier.length}`);
    }
    weights.perTier.forEach((w, i) => {
      set(i + 1, w);
    });
  }
  for (let t = 1; t <= MAX_TIER; t++) if (table[t] === 0) throw new RangeError(`tier ${t} has no weight`);
  return table;
}

function isTier(t: number): boolean {
  return Number.isInteger(t) && t >= 1 && t <= MAX_TIER;
}

/** Retailers of one weight, their requests sorted ascending with prefix sums, for Σ min(requestᵢ, m) in O(log n). */
interface WeightGroup {
  weight: number;
  sorted: Float64Array;
  /** prefix[i] = sorted[0] + … + sorted[i − 1]. */
  prefix: Float64Array;
  max: number;
}

/** Σ over the group of min(requestᵢ, m). */
function sumCapped(g: WeightGroup, m: number): number {
  const { sorted } = g;
  // First index whose request exceeds m: those below take their request, the rest take m each.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= m) lo = mid + 1;
    else hi = mid;
  }
  return (g.prefix[lo] as number) + (sorted.length - lo) * m;
}

/** ⌊num / den⌋ for non-negative integers below 2⁵³, corrected so that double division cannot be off by one. */
function floorDiv(num: number, den: number): number {
  let q = Math.floor(num / den);
  while (q * den > num) q--;
  while ((q + 1) * den <= num) q++;
  return q;
}

/**
 * Levels are fractions p / (2w) with p = 2k − 1 odd. For a retailer of weight v, the number of its cartons whose
 * level is ≤ p / (2w) is ⌊(p·v + w) / (2w)⌋, and < p / (2w) is ⌊(p·v + w − 1) / (2w)⌋ (from (2j − 1)·w ≤ p·v).
 */
function cartonsUpTo(v: number, p: number, w: number, strict: boolean): number {
  return floorDiv(p * v + w - (strict ? 1 : 0), 2 * w);
}

function countUpTo(groups: readonly WeightGroup[], p: number, w: number, strict: boolean): number {
  let total = 0;
  for (const g of groups) total += sumCapped(g, cartonsUpTo(g.weight, p, w, strict));
  return total;
}

/**
 * Allocates `supply` cartons of one product among `requests` by `rule` (see the file comment for the rule and
 * its guarantees). Throws RangeError on bad input: supply or a request that is not an integer ≥ 0 (requests at most
 * MAX_ALLOCATION_REQUEST), a tier outside 1 … 30, a retailer listed twice, an incomplete weight table, an empty
 * seed, or more requested cartons in total than doubles count exactly.
 */
export function allocateScarceSupply(
  supply: number,
  requests: readonly AllocationRequest[],
  rule: AllocationRule,
): AllocationResult {
  if (!Number.isSafeInteger(supply) || supply < 0) {
    throw new RangeError(`supply must be an integer ≥ 0, got ${supply}`);
  }
  const weightOf = tierWeightTable(rule.tierWeights);
  const { kind, seed } = rule.tieBreak;
  if (kind !== 'higherTierThenSeededOrder' && kind !== 'seededOrder') {
    throw new RangeError(`unknown tie break ${String(kind)}`);
  }
  if (typeof seed !== 'string' || seed.length === 0)
    throw new RangeError('the tie-break seed must be a non-empty string');

  // Sorted by retailer id from the start: the output order, and no trace of the input order anywhere after.
  // (Requests usually arrive in id order already; checking first skips a comparator sort of 30,000 objects.)
  let inOrder = true;
  for (let i = 1; i < requests.length && inOrder; i++) {
    inOrder = (requests[i - 1] as AllocationRequest).retailerId < (requests[i] as AllocationRequest).retailerId;
  }
  const rows = inOrder ? requests : [...requests].sort((x, y) => x.retailerId - y.retailerId);
  const n = rows.length;
  let totalRequested = 0;
  let weightedRequested = 0;
  const byWeight = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = rows[i] as AllocationRequest;
    if (!Number.isSafeInteger(r.retailerId)) throw new RangeError(`retailerId must be an integer, got ${r.retailerId}`);
    if (i > 0 && (rows[i - 1] as AllocationRequest).retailerId === r.retailerId) {
      throw new RangeError(`retailer ${r.retailerId} is listed more than once`);
    }
    if (!isTier(r.tier)) throw new RangeError(`retailer ${r.retailerId}: tier must be an integer 1 … ${MAX_TIER}`);
    if (!Number.isInteger(r.requested) || r.requested < 0 || r.requested > MAX_ALLOCATION_REQUEST) {
      throw new RangeError(
        `retailer ${r.retailerId}: requested must be an integer 0 … ${MAX_ALLOCATION_REQUEST}, got ${r.requested}`,
      );
    }
    const w = weightOf[r.tier] as number;
    totalRequested += r.requested;
    weightedRequested += w * r.requested;
    const list = byWeight.get(w);
    if (list) list.push(r.requested);
    else byWeight.set(w, [r.requested]);
  }
  if (totalRequested > Number.MAX_SAFE_INTEGER) throw new RangeError('the requests add up to more than 2⁵³ cartons');

  const groups: WeightGroup[] = [...byWeight]
    .sort((x, y) => x[0] - y[0])
    .map(([weight, list]) => {
      const sorted = Float64Array.from(list).sort();
      const prefix = new Float64Array(sorted.length + 1);
      for (let i = 0; i < sorted.length; i++) prefix[i + 1] = (prefix[i] as number) + (sorted[i] as number);
      return { weight, sorted, prefix, max: sorted.length ? (sorted[sorted.length - 1] as number) : 0 };
    });

  const target = Math.min(supply, totalRequested);

  // The final level L* = p*/(2w*): the lowest carton level at which at least `target` cartons lie at or below.
  // Each weight's own levels are searched by bisection on k; L* is the lowest of the per-weight answers.
  let bestP = 0;
  let bestW = 1;
  if (target > 0) {
    let found = false;
    for (const g of groups) {
      const w = g.weight;
      if (g.max === 0 || countUpTo(groups, 2 * g.max - 1, w, false) < target) continue;
      let lo = 1;
      let hi = g.max;
      while (lo < hi) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (countUpTo(groups, 2 * mid - 1, w, false) >= target) hi = mid;
        else lo = mid + 1;
      }
      const p = 2 * lo - 1;
      // p / (2w) < bestP / (2·bestW)  ⇔  p·bestW < bestP·w.
      if (!found || p * bestW < bestP * w) {
        bestP = p;
        bestW = w;
        found = true;
      }
    }
  }

  // Cartons strictly below L* all go out; the cartons exactly at L* (one per tied retailer at most) are handed out
  // in the tie order until `target` is reached.
  // Indexed by weight: the cartons below L*, and the carton exactly at L* (0: none at this weight).
  const below = new Float64Array(MAX_ALLOCATION_WEIGHT + 1);
  const tiedCarton = new Float64Array(MAX_ALLOCATION_WEIGHT + 1);
  let handedOut = 0;
  if (target > 0) {
    for (const g of groups) {
      const c = cartonsUpTo(g.weight, bestP, bestW, true);
      below[g.weight] = c;
      handedOut += sumCapped(g, c);
      const num = bestP * g.weight + bestW;
      if (num % (2 * bestW) === 0) tiedCarton[g.weight] = num / (2 * bestW);
    }
  }
  const leftover = target - handedOut;

  const allocated = new Float64Array(n);
  const tied: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i] as AllocationRequest;
    const w = weightOf[r.tier] as number;
    allocated[i] = Math.min(r.requested, below[w] as number);
    const k = tiedCarton[w] as number;
    if (k > 0 && r.requested >= k) tied.push(i);
  }
  let tieBrokenRetailers = 0;
  const tieBroken = new Uint8Array(n);
  if (leftover > 0) {
    if (leftover < tied.length) {
      // One number per tied retailer: (30 − tier)·2³² + hash for higher tier first, else the hash (below 2⁵³, exact);
      // the retailer id settles the (practically impossible) equal hashes.
      const key = new Float64Array(n);
      for (const i of tied) key[i] = tieKey(rows[i] as AllocationRequest, rule.tieBreak);
      tied.sort(
        (x, y) =>
          (key[x] as number) - (key[y] as number) ||
          (rows[x] as AllocationRequest).retailerId - (rows[y] as AllocationRequest).retailerId,
      );
      for (const i of tied) tieBroken[i] = 1;
      tieBrokenRetailers = tied.length;
    }
    for (let t = 0; t < leftover; t++) {
      const i = tied[t] as number;
      allocated[i] = (allocated[i] as number) + 1;
    }
  }

  let weightedAllocated = 0;
  for (let i = 0; i < n; i++)
    weightedAllocated += (weightOf[(rows[i] as AllocationRequest).tier] as number) * (allocated[i] as number);
  const share = weightedRequested === 0 ? 1 : weightedAllocated / weightedRequested;
  const level = target > 0 ? bestP / (2 * bestW) : 0;

  const allocations: RetailerAllocation[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as AllocationRequest;
    const a = allocated[i] as number;
    allocations[i] = {
      retailerId: r.retailerId,
      allocated: a,
      reason: {
        requested: r.requested,
        allocated: a,
        tier: r.tier,
        weight: weightOf[r.tier] as number,
        level,
        shareOfWeightedDemandMet: share,
        capped: a === r.requested,
        tieBroken: tieBroken[i] === 1,
      },
    };
  }
  return {
    allocations,
    summary: {
      supply,
      totalRequested,
      totalAllocated: target,
      weightedDemandMetShare: share,
      level,
      tieSeed: seed,
      tieBrokenRetailers,
    },
  };
}

/**
 * A retailer's place in the tie order as one number, smaller first: (30 − tier)·2³² + hashSeed(seed, retailerId)
 * for higherTierThenSeededOrder (exact: below 2³⁷), the hash alone for seededOrder. Equal keys (practically
 * impossible) fall back to the retailer id.
 */
function tieKey(r: AllocationRequest, tieBreak: TieBreak): number {
  const tierPart = tieBreak.kind === 'higherTierThenSeededOrder' ? (MAX_TIER - r.tier) * 2 ** 32 : 0;
  return tierPart + hashSeed(tieBreak.seed, r.retailerId);
}

/**
 * The declared tie order of these retailers, first to last (retailer ids), so it can be published next to the rule
 * and anyone can check that a tie at the final level went to the retailers earliest in it.
 */
export function publishedTieOrder(requests: readonly AllocationRequest[], tieBreak: TieBreak): number[] {
  return requests
    .map((r) => ({ id: r.retailerId, key: tieKey(r, tieBreak) }))
    .sort((x, y) => x.key - y.key || x.id - y.id)
    .map((x) => x.id);
}

/** One scarce product of the week. */
export interface ScarceProduct {
  productId: number;
  supply: number;
  requests: readonly AllocationRequest[];
}

export interface ProductAllocation {
  productId: number;
  result: AllocationResult;
}

/**
 * The seed the tie order of one product uses: the published seed and the product id. Distinct per product, so the
 * same retailers do not win every product's ties in a week.
 */
export function productTieSeed(seed: string, productId: number): string {
  return `${seed}/${productId}`;
}

/** Allocates every scarce product of the week by one rule; the result is sorted by productId. */
export function allocateScarceProducts(products: readonly ScarceProduct[], rule: AllocationRule): ProductAllocation[] {
  const sorted = [...products].sort((x, y) => x.productId - y.productId);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as ScarceProduct).productId === (sorted[i - 1] as ScarceProduct).productId) {
      throw new RangeError(`product ${(sorted[i] as ScarceProduct).productId} is listed more than once`);
    }
  }
  return sorted.map((p) => ({
    productId: p.productId,
    result: allocateScarceSupply(p.supply, p.requests, {
      tierWeights: rule.tierWeights,
      tieBreak: { kind: rule.tieBreak.kind, seed: productTieSeed(rule.tieBreak.seed, p.productId) },
    }),
  }));
}
