import { z } from 'zod';
import { TierRunStatus } from './archive';
import { IdParams, paginated } from './common';

/** Tiers run 1 (smallest buyers) … 30 (largest); see packages/algorithms/src/tiering.ts. */
export const TIER_MIN = 1;
export const TIER_MAX = 30;
/** Re-tiering reads the last 13 complete weeks of orders (a quarter), the same window the demo city used. */
export const TIER_WINDOW_WEEKS = 13;

const Tier = z.number().int().min(TIER_MIN).max(TIER_MAX);

/**
 * Why a run moves a retailer, as data the web app puts into words ("近 13 周进货金额 ¥2.1 万，排在全市前 12%，
 * 由 18 档调至 21 档"). Figures are over the run's window; ranks are among the active retailers that bought.
 */
export const TierMoveReason = z.object({
  /** The window: `weeks` complete calendar weeks from `fromWeek` to `toWeek` (Mondays). */
  weeks: z.number().int(),
  fromWeek: z.string(),
  toWeek: z.string(),
  /** Cartons (条) and amount (fen) the retailer bought in the window. */
  cartons: z.number(),
  amountFen: z.number(),
  /** 单条值: amount per carton, fen (0 when nothing was bought). */
  pricePerCartonFen: z.number(),
  /** Volume band 1 … volumeBands (0: bought nothing) and 单条值 band within it 1 … priceBands. */
  volumeBand: z.number().int(),
  priceBand: z.number().int(),
  volumeBands: z.number().int(),
  priceBands: z.number().int(),
  /** 1 = bought the most cartons; equal cartons share a rank. Null when it bought nothing. */
  rank: z.number().int().nullable(),
  /** How many active retailers bought anything in the window (the population of the ranks). */
  buyers: z.number().int(),
  /** "Among the top N %" by cartons, 1 … 100; null when it bought nothing. */
  topPercent: z.number().int().nullable(),
  /** The cartons that the retailer's volume band spans in this run (its boundary), null without purchases. */
  bandMinCartons: z.number().nullable(),
  bandMaxCartons: z.number().nullable(),
  /** The tier before the run. */
  previous: z.number().int(),
});
export type TierMoveReason = z.infer<typeof TierMoveReason>;

export const TierRunBasis = z.object({
  /** 'orders-13w': computeTiers over the window's cartons and amount (10 volume × 3 单条值 bands). */
  method: z.string(),
  weeks: z.number().int(),
  fromWeek: z.string(),
  toWeek: z.string(),
  volumeBands: z.number().int(),
  priceBands: z.number().int(),
  /** Active retailers that bought in the window. */
  buyers: z.number().int(),
  upCount: z.number().int(),
  downCount: z.number().int(),
  /** Retailers per tier 1 … 30 before and after the run (index 0 = tier 1). */
  distribution: z.object({ before: z.array(z.number().int()), after: z.array(z.number().int()) }),
});
export type TierRunBasis = z.infer<typeof TierRunBasis>;

export const TierRunSummary = z.object({
  id: z.number().int(),
  status: TierRunStatus,
  /** The Monday from which the run's tiers apply once published. */
  effectiveWeek: z.string(),
  basis: TierRunBasis,
  /** Active retailers tiered by the run. */
  retailerCount: z.number().int(),
  moveCount: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string(),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
});
export type TierRunSummary = z.infer<typeof TierRunSummary>;

export const TierRunListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TierRunListQuery = z.infer<typeof TierRunListQuery>;

export const TierRunListResponse = paginated(TierRunSummary);
export type TierRunListResponse = z.infer<typeof TierRunListResponse>;

export const tierMoveDirections = ['up', 'down'] as const;
export const TierMoveDirection = z.enum(tierMoveDirections);
export type TierMoveDirection = z.infer<typeof TierMoveDirection>;

export const TierRunParams = IdParams;

/** The run, its summary, and one page of its moves, filtered by district and direction. */
export const TierRunQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  districtId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  direction: TierMoveDirection.optional(),
});
export type TierRunQuery = z.infer<typeof TierRunQuery>;

export const TierMove = z.object({
  retailerId: z.number().int(),
  shopName: z.string(),
  licenceNo: z.string(),
  districtId: z.number().int(),
  districtName: z.string(),
  fromTier: z.number().int(),
  toTier: z.number().int(),
  reason: TierMoveReason,
});
export type TierMove = z.infer<typeof TierMove>;

export const TierDistrictSummary = z.object({
  districtId: z.number().int(),
  districtName: z.string(),
  up: z.number().int(),
  down: z.number().int(),
});
export type TierDistrictSummary = z.infer<typeof TierDistrictSummary>;

export const TierRunDetail = z.object({
  run: TierRunSummary,
  /** Moves up and down per district (every district with a move), by district name. */
  districts: z.array(TierDistrictSummary),
  moves: paginated(TierMove),
});
export type TierRunDetail = z.infer<typeof TierRunDetail>;

export const TierPublishRequest = z.object({ runId: z.number().int().positive().max(2_147_483_647) }).strict();
export type TierPublishRequest = z.infer<typeof TierPublishRequest>;

export const TierPublishResponse = z.object({ run: TierRunSummary, applied: z.number().int() });
export type TierPublishResponse = z.infer<typeof TierPublishResponse>;

/** A hand edit of one retailer's tier: only with a reason, and with the version the editor read. */
export const TierOverrideRequest = z
  .object({
    tier: Tier,
    reason: z.string().trim().min(2).max(200),
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .strict();
export type TierOverrideRequest = z.infer<typeof TierOverrideRequest>;

/** The latest change of a retailer's tier and why: what the retailer's home puts into plain words. */
export const TierExplanation = z.object({
  tier: z.number().int(),
  previousTier: z.number().int().nullable(),
  effectiveWeek: z.string(),
  /** tier_history.basis: 'computed:orders-13w', 'computed:orders-13w:run-12', 'manual:<reason>'. */
  basis: z.string(),
  /** For a change by a published run: the run's reason data. */
  reason: TierMoveReason.nullable(),
});
export type TierExplanation = z.infer<typeof TierExplanation>;

export const RetailerTier = z.object({
  retailerId: z.number().int(),
  tier: z.number().int(),
  version: z.number().int(),
  /** Null when the tier was never recorded in tier_history. */
  latest: TierExplanation.nullable(),
});
export type RetailerTier = z.infer<typeof RetailerTier>;
