import { z } from 'zod';
import type { Locale } from './common';

/**
 * Suggested orders (建议订量): a quantile of the retailer's own demand over its order cycle, minus the stock it
 * gave, in whole cartons (条), capped by any limit (限量). A suggestion too high is the old pressure in a new form,
 * so the chosen quantile is moderate and every suggestion says why, from the figures it actually used.
 */

/** Message keys of the rules zod cannot say alone (worded in the server and web catalogues). */
export const suggestionMessages = {
  weekNotMonday: 'suggestions.weekNotMonday',
  unknownProduct: 'suggestions.unknownProduct',
  duplicateProduct: 'suggestions.duplicateProduct',
} as const;

const MAX_ID = 2_147_483_647;

/** True for a real calendar date that is a Monday ('YYYY-MM-DD'). */
export function isMondayDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value && date.getUTCDay() === 1;
}

/** An ordering week named by its Monday. */
export const SuggestionWeek = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isMondayDate, { message: suggestionMessages.weekNotMonday });

export const SuggestionQuery = z.strictObject({
  retailerId: z.coerce.number().int().positive().max(MAX_ID),
  /** The ordering week (its Monday); default: the current week in Asia/Shanghai. */
  week: SuggestionWeek.optional(),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

/** How a suggestion was reached: from the retailer's own history, or from similar series when it has none. */
export const suggestionBases = ['own', 'prior'] as const;
export type SuggestionBasis = (typeof suggestionBases)[number];

/**
 * Why the prior was needed: the shop is new, the product is new to the shop, or a running campaign targets the shop
 * with a product it never ordered (a first-order suggestion from similar shops' first orders).
 */
export const priorReasons = ['newShop', 'newProduct', 'campaign'] as const;
export type PriorReason = (typeof priorReasons)[number];

/**
 * The figures a suggestion used, stored with it; the reason line is rendered from these in the reader's language
 * (`suggestionReason`), never stored as text.
 */
export const SuggestionFigures = z.object({
  basis: z.enum(suggestionBases),
  /** Set when basis = prior. */
  priorReason: z.enum(priorReasons).nullable(),
  /** The recent window quoted: `weeks` weeks of the series' own, `meanWeekly` cartons a week over them. */
  weeks: z.number().int(),
  meanWeekly: z.number(),
  /**
   * In how many of those `weeks` the retailer ordered at all (absent on rows stored before it was kept). Quoted when
   * the demand suggested for sits a carton or more below the average over the cycle: a series ordered in few weeks
   * has a low typical week despite its average.
   */
  weeksOrdered: z.number().int().optional(),
  /** With a prior: the similar series' mean a week, how many shops it pooled, and its weight in the forecast. */
  priorMean: z.number().nullable(),
  priorShops: z.number().int(),
  priorWeight: z.number(),
  /** The order cycle in weeks (weekly 1, biweekly 2, monthly 4). */
  cycleWeeks: z.number().int(),
  /** The chosen quantile of demand over the cycle and the range (low and high quantiles), whole cartons. */
  demand: z.number().int(),
  demandLow: z.number().int(),
  demandHigh: z.number().int(),
  /** Stock on hand the retailer gave (cartons), null when it gave none. */
  stock: z.number().int().nullable(),
  /** The limit (限量) that applies, null when none. */
  limit: z.number().int().nullable(),
  /** True when the limit lowered the suggestion. */
  limited: z.boolean(),
  /** The suggestion itself. */
  quantity: z.number().int(),
  /**
   * A campaign's first-order suggestion (priorReason = campaign): the campaign, and the first orders it leans on —
   * of this product in similar shops (`pool` = product), or of any product new to similar shops when none has
   * ordered this one yet (`pool` = newProducts): how many first orders (one per shop for a product; a shop may
   * count once per new product in the other pool), their middle half (`low`–`high`) and median.
   */
  campaign: z.object({ id: z.number().int(), name: z.string() }).optional(),
  firstOrders: z
    .object({
      pool: z.enum(['product', 'newProducts']),
      count: z.number().int(),
      low: z.number().int(),
      median: z.number().int(),
      high: z.number().int(),
    })
    .optional(),
  /**
   * Set when the reader's ordering week has a published supply strategy for the product (issue 11): its mode —
   * scarce means the order is a request the allocation shares out. Added when read, never stored.
   */
  supplyMode: z.enum(['open', 'limited', 'selected', 'scarce']).optional(),
});
export type SuggestionFigures = z.infer<typeof SuggestionFigures>;

/** The method of a campaign's first-order suggestion (a product a targeted retailer never ordered). */
export const CAMPAIGN_SUGGESTION_METHOD = 'campaign-prior';

export const Suggestion = z.object({
  productId: z.number().int(),
  productName: z.string(),
  /** Cartons (条) suggested, and the range of suggestions the demand's low and high quantiles would give. */
  quantity: z.number().int(),
  low: z.number().int(),
  high: z.number().int(),
  /** One line in the caller's language, quoting the figures used. */
  reason: z.string(),
  /** The forecasting method chosen for this series (e.g. 'sba', 'empirical', 'prior'; 'campaign-prior'). */
  method: z.string(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionListResponse = z.array(Suggestion);
export type SuggestionListResponse = z.infer<typeof SuggestionListResponse>;

export const RecomputeSuggestionsBody = z.strictObject({
  retailerId: z.number().int().positive().max(MAX_ID),
  /** The ordering week (its Monday); default: the current week. */
  week: SuggestionWeek.optional(),
});
export type RecomputeSuggestionsBody = z.infer<typeof RecomputeSuggestionsBody>;

export const RecomputeSuggestionsResponse = z.object({
  runId: z.number().int(),
  week: z.string(),
  modelVersion: z.string(),
  items: SuggestionListResponse,
});
export type RecomputeSuggestionsResponse = z.infer<typeof RecomputeSuggestionsResponse>;

/** Stock on hand the retailer gives (or its staff count on a visit): cartons per product, the latest count kept. */
export const StockReportBody = z.strictObject({
  retailerId: z.number().int().positive().max(MAX_ID),
  items: z
    .array(
      z.strictObject({
        productId: z.number().int().positive().max(MAX_ID),
        cartons: z.number().int().min(0).max(10_000),
      }),
    )
    .min(1)
    .max(500)
    .superRefine((items, ctx) => {
      const seen = new Set<number>();
      items.forEach((item, i) => {
        if (seen.has(item.productId)) {
          ctx.addIssue({ code: 'custom', path: [i, 'productId'], message: suggestionMessages.duplicateProduct });
        }
        seen.add(item.productId);
      });
    }),
});
export type StockReportBody = z.infer<typeof StockReportBody>;

const ORDER_CYCLE_WEEKS = { weekly: 1, biweekly: 2, monthly: 4 } as const;
/** Weeks in one order cycle (订货频次): what a suggestion must cover until the next order. */
export function orderCycleWeeks(frequency: keyof typeof ORDER_CYCLE_WEEKS): number {
  return ORDER_CYCLE_WEEKS[frequency];
}

function one(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

const cycleZh: Record<number, string> = { 2: '两周一订', 4: '每月一订' };
const cycleEn: Record<number, string> = { 2: 'ordering every two weeks', 4: 'ordering monthly' };

/**
 * The one-line reason, e.g. "近 8 周平均 3.2 条/周，库存 2 条，建议 2 条" / "Last 8 weeks: 3.2 cartons a week on
 * average, 2 in stock: suggest 2 cartons"; "近 8 周平均 1.3 条/周，其中 3 周有订货，…，建议 0 条" when the demand it
 * suggests for sits a carton or more below that average. Every figure in it is one the suggestion used.
 */
export function suggestionReason(f: SuggestionFigures, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const parts: string[] = [];
  if (f.priorReason === 'campaign' && f.campaign && f.firstOrders) {
    const o = f.firstOrders;
    const range = o.low === o.high ? `${o.high}` : `${o.low}–${o.high}`;
    parts.push(zh ? `推广活动「${f.campaign.name}」` : `Campaign "${f.campaign.name}"`);
    parts.push(zh ? '此前从未订过这个品规' : 'never ordered here before');
    parts.push(
      o.pool === 'product'
        ? zh
          ? `${o.count} 家同类门店首次多订 ${range} 条`
          : `${o.count} similar shops' first orders: mostly ${range} carton${o.high === 1 ? '' : 's'}`
        : zh
          ? `尚无同类门店订过，同类门店进新品的 ${o.count} 次首单多为 ${range} 条`
          : `no similar shop has ordered it yet; ${o.count} first orders of new products in similar shops: mostly ${range} carton${o.high === 1 ? '' : 's'}`,
    );
    return finish(f, parts, zh);
  }
  if (f.basis === 'prior') {
    parts.push(f.priorReason === 'newShop' ? (zh ? '新店' : 'New shop') : zh ? '新品' : 'New product');
  }
  if (f.weeks > 0) {
    parts.push(
      zh
        ? `近 ${f.weeks} 周平均 ${one(f.meanWeekly)} 条/周`
        : `${f.basis === 'prior' ? 'last' : 'Last'} ${f.weeks} week${f.weeks === 1 ? '' : 's'}: ${one(f.meanWeekly)} carton${one(f.meanWeekly) === '1' ? '' : 's'} a week on average`,
    );
  }
  if (
    f.weeks > 0 &&
    f.weeksOrdered !== undefined &&
    f.weeksOrdered < f.weeks &&
    f.demand <= f.meanWeekly * f.cycleWeeks - 1
  ) {
    parts.push(zh ? `其中 ${f.weeksOrdered} 周有订货` : `ordered in ${f.weeksOrdered} of them`);
  }
  if (f.basis === 'prior' && f.priorMean !== null) {
    parts.push(
      zh
        ? `参照 ${f.priorShops} 家相近零售户约 ${one(f.priorMean)} 条/周`
        : `${f.priorShops} similar shops take about ${one(f.priorMean)} a week`,
    );
  }
  if (f.cycleWeeks > 1) parts.push(zh ? (cycleZh[f.cycleWeeks] ?? '') : (cycleEn[f.cycleWeeks] ?? ''));
  return finish(f, parts, zh);
}

/** The clauses every reason ends with: stock, limit, a scarce product's request, and the suggestion. */
function finish(f: SuggestionFigures, parts: string[], zh: boolean): string {
  parts.push(
    f.stock === null ? (zh ? '未报库存' : 'stock not given') : zh ? `库存 ${f.stock} 条` : `${f.stock} in stock`,
  );
  if (f.limited && f.limit !== null) parts.push(zh ? `限量 ${f.limit} 条` : `limit ${f.limit}`);
  if (f.supplyMode === 'scarce') {
    parts.push(zh ? '紧俏品规，所订为申请，按分配到货' : 'scarce: the order is a request, shared out by allocation');
  }
  return zh
    ? `${parts.join('，')}，建议 ${f.quantity} 条`
    : `${parts.join(', ')}: suggest ${f.quantity} carton${f.quantity === 1 ? '' : 's'}`;
}
