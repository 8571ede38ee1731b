import { createHash } from 'node:crypto';
import { computeTiers, MAX_TIER } from '@siyi/algorithms';
import type { TierMoveReason } from '@siyi/contracts';

/** What a run reads per active retailer: where it is, its tier now, and what it bought in the window. */
export interface TierInput {
  retailerId: number;
  districtId: number;
  tier: number;
  cartons: number;
  amountFen: number;
}

export interface TierWindow {
  weeks: number;
  fromWeek: string;
  toWeek: string;
}

export interface ComputedMove {
  retailerId: number;
  districtId: number;
  fromTier: number;
  toTier: number;
  reason: TierMoveReason;
}

export interface ComputedRun {
  moves: ComputedMove[];
  retailerCount: number;
  buyers: number;
  upCount: number;
  downCount: number;
  distribution: { before: number[]; after: number[] };
  fingerprint: string;
}

export const VOLUME_BANDS = 10;
export const PRICE_BANDS = 3;

/**
 * A digest of exactly what a run was computed from: every active retailer's id, district, tier and window totals,
 * in id order. Publishing recomputes it; any difference — a tier set by hand, an order cancelled in the window, a
 * shop closed or moved to another district — means the run no longer describes the data, so it is refused (409).
 * A profile edit that bumps `version` but changes none of these leaves the run publishable.
 */
export function tierInputsFingerprint(inputs: readonly TierInput[], window: TierWindow): string {
  const hash = createHash('sha256');
  hash.update(`${window.fromWeek}/${window.toWeek}\n`);
  const sorted = [...inputs].sort((a, b) => a.retailerId - b.retailerId);
  for (const r of sorted) hash.update(`${r.retailerId},${r.districtId},${r.tier},${r.cartons},${r.amountFen}\n`);
  return hash.digest('hex');
}

/**
 * Tiers every input retailer with `computeTiers` (10 volume bands × 3 单条值 bands, quantiles over the active
 * retailers that bought in the window — the same method and window the demo city was tiered with) and lists the
 * retailers whose tier would change, each with its reason as data: window totals, volume and price band, rank
 * among the buyers, the cartons its volume band spans in this run, and the tier before.
 */
export function computeTierRun(inputs: readonly TierInput[], window: TierWindow): ComputedRun {
  const assignments = computeTiers(
    inputs.map((r) => ({ retailerId: r.retailerId, cartons: r.cartons, amountFen: r.amountFen })),
    { volumeBands: VOLUME_BANDS, priceBands: PRICE_BANDS },
  );
  const byId = new Map(inputs.map((r) => [r.retailerId, r]));

  // Ranks by cartons among buyers, best first; equal cartons share the best rank.
  const buyerCartons = assignments
    .filter((a) => a.cartons > 0)
    .map((a) => a.cartons)
    .sort((x, y) => y - x);
  const buyers = buyerCartons.length;
  const rankOf = new Map<number, number>();
  buyerCartons.forEach((c, i) => {
    if (!rankOf.has(c)) rankOf.set(c, i + 1);
  });

  // The cartons each volume band spans in this run: its lower and upper boundary.
  const bandRange = new Map<number, { min: number; max: number }>();
  for (const a of assignments) {
    if (a.volumeBand === 0) continue;
    const range = bandRange.get(a.volumeBand);
    if (!range) bandRange.set(a.volumeBand, { min: a.cartons, max: a.cartons });
    else {
      range.min = Math.min(range.min, a.cartons);
      range.max = Math.max(range.max, a.cartons);
    }
  }

  const before = new Array<number>(MAX_TIER).fill(0);
  const after = new Array<number>(MAX_TIER).fill(0);
  const moves: ComputedMove[] = [];
  let upCount = 0;
  let downCount = 0;
  for (const a of assignments) {
    const input = byId.get(a.retailerId) as TierInput;
    before[input.tier - 1] = (before[input.tier - 1] ?? 0) + 1;
    after[a.tier - 1] = (after[a.tier - 1] ?? 0) + 1;
    if (a.tier === input.tier) continue;
    if (a.tier > input.tier) upCount += 1;
    else downCount += 1;
    const rank = a.cartons > 0 ? (rankOf.get(a.cartons) ?? null) : null;
    const range = bandRange.get(a.volumeBand);
    moves.push({
      retailerId: a.retailerId,
      districtId: input.districtId,
      fromTier: input.tier,
      toTier: a.tier,
      reason: {
        weeks: window.weeks,
        fromWeek: window.fromWeek,
        toWeek: window.toWeek,
        cartons: a.cartons,
        amountFen: a.amountFen,
        pricePerCartonFen: Math.round(a.pricePerCartonFen),
        volumeBand: a.volumeBand,
        priceBand: a.priceBand,
        volumeBands: VOLUME_BANDS,
        priceBands: PRICE_BANDS,
        rank,
        buyers,
        topPercent: rank === null ? null : Math.max(1, Math.ceil((rank * 100) / buyers)),
        bandMinCartons: range?.min ?? null,
        bandMaxCartons: range?.max ?? null,
        previous: input.tier,
      },
    });
  }

  return {
    moves,
    retailerCount: inputs.length,
    buyers,
    upCount,
    downCount,
    distribution: { before, after },
    fingerprint: tierInputsFingerprint(inputs, window),
  };
}
