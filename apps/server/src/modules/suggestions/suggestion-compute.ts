/**
 * Suggested orders from the inputs a run read: pure (no I/O, no clock), so the city job, a recompute for one
 * retailer and the benchmark compute exactly the same numbers from the same inputs.
 *
 * Per retailer × product ordered in the window: the forecaster (packages/algorithms, `forecastSeries`) reads the
 * weekly history, `suggestOrder` takes the chosen quantile of demand over the order cycle, subtracts the stock the
 * retailer gave, rounds to whole cartons and applies any limit. A series younger than the forecaster's prior
 * threshold (a new shop, or a product new to an established shop) leans on a prior pooled from the same product in
 * similar shops (same business format and tier band), and the reason says so. A product a running campaign targets
 * at a retailer that never ordered it gets a modest first-order suggestion from similar shops' first orders.
 */
import {
  addWeeks,
  DEFAULT_FORECAST_CONFIG,
  type FestivalProfile,
  type ForecastConfig,
  type ForecastOptions,
  fitFestivalProfile,
  forecastSeries,
  pooledPrior,
  type SeriesPrior,
  suggestOrder,
} from '@siyi/algorithms';
import {
  CAMPAIGN_SUGGESTION_METHOD,
  type OrderFrequency,
  orderCycleWeeks,
  type PriorReason,
  type SuggestionFigures,
} from '@siyi/contracts';
import type {
  LimitRow,
  RetailerForSuggestion,
  SeriesRow,
  StockRow,
  SuggestionRowToStore,
} from './suggestions.repository';

/** Bumped whenever the method or its settings change: every stored suggestion names the version that made it. */
export const SUGGESTION_MODEL_VERSION = 'suggest-1';

export interface SuggestionParameters {
  /** Weeks of history read, ending with the week before the ordering week. */
  historyWeeks: number;
  /** Quantile of cycle demand suggested: moderate on purpose (a suggestion too high is pressure in a new form). */
  level: number;
  /** The range shown beside it. */
  lowLevel: number;
  highLevel: number;
  /** Order unit in cartons. */
  roundTo: number;
  /** A stock report older than this many days is stale and not subtracted. */
  stockMaxAgeDays: number;
  /** Similar shops: the same product in shops of the same business format and tier band (tiers per band). */
  tierBandWidth: number;
  /** Fewer similar series than this in the band: the product in every shop of the format, then every shop. */
  minSimilarSeries: number;
  /** Festival terms (Spring Festival, Mid-Autumn) from a profile fitted on the city's per-product totals. */
  festival: boolean;
  forecast: Pick<ForecastConfig, 'priorUntil' | 'priorStrength' | 'recentPeriods'>;
}

export const DEFAULT_SUGGESTION_PARAMETERS: SuggestionParameters = {
  historyWeeks: 52,
  level: 0.6,
  lowLevel: 0.1,
  highLevel: 0.9,
  roundTo: 1,
  stockMaxAgeDays: 7,
  tierBandWidth: 5,
  minSimilarSeries: 5,
  festival: true,
  forecast: {
    priorUntil: DEFAULT_FORECAST_CONFIG.priorUntil,
    priorStrength: DEFAULT_FORECAST_CONFIG.priorStrength,
    recentPeriods: DEFAULT_FORECAST_CONFIG.recentPeriods,
  },
};

export interface SuggestionWindow {
  /** The ordering week suggested for. */
  week: string;
  /** First and last week of history (the last is the week before `week`). */
  fromWeek: string;
  toWeek: string;
  weeks: number;
}

export function suggestionWindow(week: string, historyWeeks: number): SuggestionWindow {
  return { week, fromWeek: addWeeks(week, -historyWeeks), toWeek: addWeeks(week, -1), weeks: historyWeeks };
}

/** Festival profiles by kind of product: gift cartons (dear brands) move far more at festivals than everyday ones. */
export interface FestivalProfiles {
  gift: FestivalProfile | null;
  everyday: FestivalProfile | null;
}

/** Gift cartons: a wholesale price per carton from 250 元 (as the demo city models them). */
export const GIFT_WHOLESALE_FEN = 25_000;

export interface ProductInfo {
  id: number;
  wholesalePriceFen: number;
}

function dense(row: SeriesRow, length: number): number[] {
  const out = new Array<number>(length).fill(0);
  for (let i = 0; i < row.weeks.length; i++) {
    const w = row.weeks[i] as number;
    if (w >= 0 && w < length) out[w] = (out[w] as number) + (row.quantities[i] as number);
  }
  return out;
}

/**
 * Profiles fitted on the city's total of each product per week (gift and everyday apart): totals are where the
 * festival shape shows; one shop's few cartons are mostly noise.
 */
export function fitFestivalProfiles(
  series: readonly SeriesRow[],
  window: SuggestionWindow,
  products: ReadonlyMap<number, ProductInfo>,
): FestivalProfiles {
  const totals = new Map<number, number[]>();
  for (const row of series) {
    let t = totals.get(row.productId);
    if (!t) {
      t = new Array<number>(window.weeks).fill(0);
      totals.set(row.productId, t);
    }
    for (let i = 0; i < row.weeks.length; i++) {
      const w = row.weeks[i] as number;
      t[w] = (t[w] as number) + (row.quantities[i] as number);
    }
  }
  // The weeks before the city's first order are not zeros but no data (a younger database than the window):
  // they would read as a festival's slump, so the totals start at the first week with any order.
  let first = window.weeks;
  for (const row of series) first = Math.min(first, row.weeks[0] ?? window.weeks);
  const gift: number[][] = [];
  const everyday: number[][] = [];
  for (const [productId, t] of totals) {
    ((products.get(productId)?.wholesalePriceFen ?? 0) >= GIFT_WHOLESALE_FEN ? gift : everyday).push(t.slice(first));
  }
  const calendar = { firstPeriodStart: addWeeks(window.fromWeek, first), periodDays: 7 };
  const fit = (h: number[][]) => {
    if (h.length === 0) return null;
    const profile = fitFestivalProfile(h, calendar);
    return profile.observations > 0 ? profile : null;
  };
  return { gift: fit(gift), everyday: fit(everyday) };
}

/** The smallest limit that applies to this retailer and product, or null. */
export function limitFor(
  limits: readonly LimitRow[],
  retailer: RetailerForSuggestion,
  productId: number,
): number | null {
  let best: number | null = null;
  for (const l of limits) {
    if (l.productId !== productId) continue;
    if (l.districtId !== null && l.districtId !== retailer.districtId) continue;
    if (retailer.tier < l.tierFrom || retailer.tier > l.tierTo) continue;
    if (best === null || l.maxCartons < best) best = l.maxCartons;
  }
  return best;
}

export interface ComputeInputs {
  window: SuggestionWindow;
  parameters: SuggestionParameters;
  /** The retailers to suggest for. */
  retailers: readonly RetailerForSuggestion[];
  /** Their series (every retailer × product ordered in the window). */
  series: readonly SeriesRow[];
  /**
   * Series of other shops for the products that need a prior (the city run passes the same array as `series`),
   * with their shops.
   */
  priorSeries: readonly SeriesRow[];
  priorShops: ReadonlyMap<number, Pick<RetailerForSuggestion, 'businessFormat' | 'tier'>>;
  stock: readonly StockRow[];
  limits: readonly LimitRow[];
  products: ReadonlyMap<number, ProductInfo>;
  festival: FestivalProfiles;
  /**
   * Products of running campaigns that target these retailers and that they never ordered (the campaigns module's
   * `firstOrderCandidates`): each gets a first-order suggestion. Absent: none.
   */
  campaigns?: readonly CampaignTarget[];
  /** Observed first orders in the window, the prior of those suggestions (`firstOrdersOf` for the city run). */
  firstOrders?: readonly FirstOrderRow[];
}

/** A product a running campaign targets at a retailer that never ordered it. */
export interface CampaignTarget {
  retailerId: number;
  productId: number;
  campaignId: number;
  campaignName: string;
}

/**
 * A shop's first order of a product seen in the window: the cartons of its first week with an order, when that
 * week is not the window's first (else the series may have begun before the window, and it is not a first order).
 */
export interface FirstOrderRow {
  retailerId: number;
  productId: number;
  businessFormat: string;
  tier: number;
  quantity: number;
}

/** The first orders in the series (the city run's; a one-retailer run reads the same rows from the database). */
export function firstOrdersOf(
  series: readonly SeriesRow[],
  shops: ReadonlyMap<number, Pick<RetailerForSuggestion, 'businessFormat' | 'tier'>>,
): FirstOrderRow[] {
  const out: FirstOrderRow[] = [];
  for (const row of series) {
    const first = row.weeks[0];
    const shop = shops.get(row.retailerId);
    if (first === undefined || first === 0 || !shop) continue;
    out.push({
      retailerId: row.retailerId,
      productId: row.productId,
      businessFormat: shop.businessFormat,
      tier: shop.tier,
      quantity: row.quantities[0] as number,
    });
  }
  return out;
}

interface PriorPool {
  /**
   * Established series of one product, their last `priorUntil` weeks: all of them, by the shop's business format,
   * and by format and tier band (`format:band`), so that a prior picks its similar series without a scan.
   */
  all: number[][];
  byFormat: Map<string, number[][]>;
  byFormatBand: Map<string, number[][]>;
}

function pushTo(map: Map<string, number[][]>, key: string, tail: number[]) {
  const list = map.get(key);
  if (list) list.push(tail);
  else map.set(key, [tail]);
}

/** Established series only: at least `priorUntil` weeks since the product's first order there. */
function buildPriorPools(inputs: ComputeInputs): Map<number, PriorPool> {
  const { window, parameters } = inputs;
  const until = parameters.forecast.priorUntil;
  const pools = new Map<number, PriorPool>();
  for (const row of inputs.priorSeries) {
    const first = row.weeks[0];
    if (first === undefined || window.weeks - first < until) continue;
    const shop = inputs.priorShops.get(row.retailerId);
    if (!shop) continue;
    let pool = pools.get(row.productId);
    if (!pool) {
      pool = { all: [], byFormat: new Map(), byFormatBand: new Map() };
      pools.set(row.productId, pool);
    }
    const tail = dense(row, window.weeks).slice(window.weeks - until);
    const band = Math.floor((shop.tier - 1) / parameters.tierBandWidth);
    pool.all.push(tail);
    pushTo(pool.byFormat, shop.businessFormat, tail);
    pushTo(pool.byFormatBand, `${shop.businessFormat}:${band}`, tail);
  }
  return pools;
}

/** The method named on a campaign's first-order suggestion. */
export const CAMPAIGN_METHOD = CAMPAIGN_SUGGESTION_METHOD;

/**
 * The one exception to "never suggest a product the retailer never ordered": the products a running campaign
 * targets at this retailer (issue 10 §2, issue 12 §6), each once (the first campaign naming it), in the order given.
 */
export function campaignProductsFor(
  campaigns: readonly CampaignTarget[] | undefined,
  retailer: Pick<RetailerForSuggestion, 'id'>,
): CampaignTarget[] {
  const seen = new Set<number>();
  const out: CampaignTarget[] = [];
  for (const c of campaigns ?? []) {
    if (c.retailerId !== retailer.id || seen.has(c.productId)) continue;
    seen.add(c.productId);
    out.push(c);
  }
  return out;
}

interface QuantityPool {
  all: number[];
  byFormat: Map<string, number[]>;
  byFormatBand: Map<string, number[]>;
}

function pushQuantity(map: Map<string, number[]>, key: string, q: number) {
  const list = map.get(key);
  if (list) list.push(q);
  else map.set(key, [q]);
}

/** First-order cartons by product, and of every product together (key null: "new products generally"). */
function buildFirstOrderPools(rows: readonly FirstOrderRow[], bandWidth: number): Map<number | null, QuantityPool> {
  const pools = new Map<number | null, QuantityPool>();
  for (const r of rows) {
    const band = Math.floor((r.tier - 1) / bandWidth);
    for (const key of [r.productId, null]) {
      let pool = pools.get(key);
      if (!pool) {
        pool = { all: [], byFormat: new Map(), byFormatBand: new Map() };
        pools.set(key, pool);
      }
      pool.all.push(r.quantity);
      pushQuantity(pool.byFormat, r.businessFormat, r.quantity);
      pushQuantity(pool.byFormatBand, `${r.businessFormat}:${band}`, r.quantity);
    }
  }
  return pools;
}

/** The similar shops' first orders: same format and tier band, else same format, else all (as the priors). */
function similarQuantities(
  pool: QuantityPool | undefined,
  retailer: RetailerForSuggestion,
  parameters: SuggestionParameters,
): number[] {
  if (!pool) return [];
  const band = Math.floor((retailer.tier - 1) / parameters.tierBandWidth);
  let similar = pool.byFormatBand.get(`${retailer.businessFormat}:${band}`) ?? [];
  if (similar.length < parameters.minSimilarSeries) similar = pool.byFormat.get(retailer.businessFormat) ?? [];
  if (similar.length < parameters.minSimilarSeries) similar = pool.all;
  return similar;
}

/**
 * A campaign's first-order suggestion: the lower median of similar shops' first orders of the product (of any new
 * product when none has ordered this one yet) — modest on purpose, a first try — minus stock given, capped by any
 * limit; the range is their middle half. Null when no similar first order exists to lean on.
 */
function campaignSuggestion(
  target: CampaignTarget,
  retailer: RetailerForSuggestion,
  pools: Map<number | null, QuantityPool>,
  inputs: ComputeInputs,
  stockRow: StockRow | undefined,
): ComputedSuggestion | null {
  const { parameters, window } = inputs;
  let pool: 'product' | 'newProducts' = 'product';
  let similar = similarQuantities(pools.get(target.productId), retailer, parameters);
  if (similar.length === 0) {
    pool = 'newProducts';
    similar = similarQuantities(pools.get(null), retailer, parameters);
  }
  if (similar.length === 0) return null;
  const sorted = [...similar].sort((a, b) => a - b);
  const n = sorted.length;
  const median = sorted[Math.floor((n - 1) / 2)] as number;
  const low = sorted[Math.floor((n - 1) * 0.25)] as number;
  const high = sorted[Math.ceil((n - 1) * 0.75)] as number;
  const stock = stockRow ? stockRow.cartons : null;
  const limit = limitFor(inputs.limits, retailer, target.productId);
  const net = (q: number) => Math.max(0, q - (stock ?? 0));
  const cap = (q: number) => (limit === null ? q : Math.min(q, limit));
  const quantity = cap(net(median));
  const cycleWeeks = orderCycleWeeks(retailer.orderFrequency as OrderFrequency);
  const figures: SuggestionFigures = {
    basis: 'prior',
    priorReason: 'campaign',
    weeks: 0,
    meanWeekly: 0,
    priorMean: null,
    priorShops: n,
    priorWeight: 1,
    cycleWeeks,
    demand: median,
    demandLow: low,
    demandHigh: high,
    stock,
    limit,
    limited: quantity < net(median),
    quantity,
    campaign: { id: target.campaignId, name: target.campaignName },
    firstOrders: { pool, count: n, low, median, high },
  };
  return {
    retailerId: retailer.id,
    districtId: retailer.districtId,
    productId: target.productId,
    quantity,
    low: Math.min(cap(net(low)), quantity),
    high: Math.max(cap(net(high)), quantity),
    method: CAMPAIGN_METHOD,
    history: [],
    figures,
    inputs: {
      figures,
      historyFrom: window.fromWeek,
      historyTo: window.toWeek,
      candidates: [CAMPAIGN_METHOD],
      family: 'empirical',
      level: 0.5,
      stockReportedAt: stockRow ? stockRow.reportedAt.toISOString() : null,
    },
  };
}

export interface ComputedSuggestion extends SuggestionRowToStore {
  figures: SuggestionFigures;
}

/** One retailer × product series as the forecaster reads it: where it starts, and its prior and festival terms. */
export interface PreparedSeries {
  retailer: RetailerForSuggestion;
  productId: number;
  /** Weekly cartons from week `start` of the window to its end, oldest first. */
  history: number[];
  start: number;
  cycleWeeks: number;
  priorReason: PriorReason | null;
  options: Omit<ForecastOptions, 'horizon'>;
  prior: SeriesPrior | null;
}

/**
 * Every retailer × product of `inputs.series` as the forecaster will read it, in retailer then product order.
 * The benchmark scores the forecasts of exactly these series.
 */
export function prepareSeries(inputs: ComputeInputs): PreparedSeries[] {
  return createSeriesPreparer(inputs)(inputs.retailers);
}

/** `prepareSeries` for a part of the retailers at a time, sharing the pooled priors between parts. */
export function createSeriesPreparer(
  inputs: ComputeInputs,
): (retailers: readonly RetailerForSuggestion[]) => PreparedSeries[] {
  const { window, parameters } = inputs;
  const W = window.weeks;
  const until = parameters.forecast.priorUntil;
  const byRetailer = new Map<number, SeriesRow[]>();
  for (const row of inputs.series) {
    let list = byRetailer.get(row.retailerId);
    if (!list) {
      list = [];
      byRetailer.set(row.retailerId, list);
    }
    list.push(row);
  }
  let pools: Map<number, PriorPool> | null = null;
  const priorCache = new Map<string, SeriesPrior | null>();
  const priorFor = (productId: number, retailer: RetailerForSuggestion): SeriesPrior | null => {
    const band = Math.floor((retailer.tier - 1) / parameters.tierBandWidth);
    const key = `${productId}:${retailer.businessFormat}:${band}`;
    if (priorCache.has(key)) return priorCache.get(key) ?? null;
    pools ??= buildPriorPools(inputs);
    const pool = pools.get(productId);
    let prior: SeriesPrior | null = null;
    if (pool) {
      let similar = pool.byFormatBand.get(`${retailer.businessFormat}:${band}`) ?? [];
      if (similar.length < parameters.minSimilarSeries) similar = pool.byFormat.get(retailer.businessFormat) ?? [];
      if (similar.length < parameters.minSimilarSeries) similar = pool.all;
      const pooled = pooledPrior(similar, { window: until });
      if (pooled.series > 0) prior = pooled;
    }
    priorCache.set(key, prior);
    return prior;
  };

  const config = { ...parameters.forecast };
  return (retailers) => {
    const out: PreparedSeries[] = [];
    for (const retailer of retailers) {
      const rows = byRetailer.get(retailer.id);
      if (!rows || rows.length === 0) continue;
      const cycleWeeks = orderCycleWeeks(retailer.orderFrequency as OrderFrequency);
      let shopFirst = W;
      for (const row of rows) shopFirst = Math.min(shopFirst, row.weeks[0] ?? W);
      const newShop = W - shopFirst < until;
      for (const row of rows) {
        const productFirst = row.weeks[0] ?? W;
        const newProduct = !newShop && W - productFirst < until;
        // A new product's history starts at its first order (before it, the shop could not have sold it); every
        // other series starts when the shop first ordered anything in the window.
        const start = newProduct ? productFirst : shopFirst;
        const priorReason: PriorReason | null = newShop ? 'newShop' : newProduct ? 'newProduct' : null;
        const prior = priorReason ? priorFor(row.productId, retailer) : null;
        const product = inputs.products.get(row.productId);
        const profile = parameters.festival
          ? (product?.wholesalePriceFen ?? 0) >= GIFT_WHOLESALE_FEN
            ? inputs.festival.gift
            : inputs.festival.everyday
          : null;
        out.push({
          retailer,
          productId: row.productId,
          history: dense(row, W).slice(start),
          start,
          cycleWeeks,
          priorReason,
          prior,
          options: {
            config,
            ...(profile
              ? { calendar: { firstPeriodStart: addWeeks(window.fromWeek, start), periodDays: 7 }, festival: profile }
              : {}),
            ...(prior ? { prior } : {}),
          },
        });
      }
    }
    return out;
  };
}

/**
 * Suggestions for every retailer × product in `inputs.series`, in retailer then product order. Deterministic:
 * the same inputs give the same rows.
 */
export function computeSuggestions(inputs: ComputeInputs): ComputedSuggestion[] {
  return createSuggester(inputs)(inputs.retailers);
}

/**
 * `computeSuggestions` for a part of the retailers at a time (the city run writes one part while it computes the
 * next), sharing the pooled priors between parts.
 */
export function createSuggester(
  inputs: ComputeInputs,
): (retailers: readonly RetailerForSuggestion[]) => ComputedSuggestion[] {
  const { window, parameters } = inputs;
  const stockAt = new Map<string, StockRow>();
  for (const s of inputs.stock) stockAt.set(`${s.retailerId}:${s.productId}`, s);
  const prepare = createSeriesPreparer(inputs);
  let firstOrderPools: Map<number | null, QuantityPool> | null = null;
  const ordered = new Set(inputs.series.map((r) => `${r.retailerId}:${r.productId}`));
  return (retailers) => {
    const out: ComputedSuggestion[] = [];
    // Campaign first orders first: products a targeted retailer never ordered (in the window or before it).
    for (const retailer of retailers) {
      for (const target of campaignProductsFor(inputs.campaigns, retailer)) {
        if (ordered.has(`${retailer.id}:${target.productId}`)) continue;
        firstOrderPools ??= buildFirstOrderPools(inputs.firstOrders ?? [], parameters.tierBandWidth);
        const row = campaignSuggestion(
          target,
          retailer,
          firstOrderPools,
          inputs,
          stockAt.get(`${retailer.id}:${target.productId}`),
        );
        if (row) out.push(row);
      }
    }
    for (const p of prepare(retailers)) {
      const { retailer, cycleWeeks, prior, priorReason, history, start } = p;
      const forecast = forecastSeries(history, { ...p.options, horizon: cycleWeeks });
      const stockRow = stockAt.get(`${retailer.id}:${p.productId}`);
      const stock = stockRow ? stockRow.cartons : null;
      const limit = limitFor(inputs.limits, retailer, p.productId);
      const s = suggestOrder({
        forecast,
        cycleSteps: cycleWeeks,
        level: parameters.level,
        lowLevel: parameters.lowLevel,
        highLevel: parameters.highLevel,
        stockOnHand: stock,
        roundTo: parameters.roundTo,
        limit,
      });
      const cap = (n: number) => (limit === null ? n : Math.min(n, limit));
      const low = Math.min(cap(Math.max(0, s.low - (stock ?? 0))), s.quantity);
      const high = Math.max(cap(Math.max(0, s.high - (stock ?? 0))), s.quantity);
      const usedPrior = forecast.figures.priorWeight > 0;
      const figures: SuggestionFigures = {
        basis: usedPrior ? 'prior' : 'own',
        priorReason: usedPrior ? priorReason : null,
        weeks: s.figures.recentPeriods,
        meanWeekly: round2(s.figures.recentMean),
        weeksOrdered: countOrdered(history, s.figures.recentPeriods),
        priorMean: usedPrior && prior ? round2(prior.mean) : null,
        priorShops: usedPrior ? forecast.figures.priorSeries : 0,
        priorWeight: round2(forecast.figures.priorWeight),
        cycleWeeks,
        demand: s.figures.cycleDemand,
        demandLow: s.low,
        demandHigh: s.high,
        stock,
        limit,
        limited: s.figures.limited,
        quantity: s.quantity,
      };
      out.push({
        retailerId: retailer.id,
        districtId: retailer.districtId,
        productId: p.productId,
        quantity: s.quantity,
        low,
        high,
        method: forecast.method,
        history,
        figures,
        inputs: {
          figures,
          historyFrom: addWeeks(window.fromWeek, start),
          historyTo: window.toWeek,
          candidates: forecast.candidates.map(candidateName),
          family: forecast.family,
          level: parameters.level,
          cycleMean: round2(s.figures.cycleMean),
          festivalMultiplier: round2(s.figures.festivalMultiplier),
          stockReportedAt: stockRow ? stockRow.reportedAt.toISOString() : null,
        },
      });
    }
    return out;
  };
}

function candidateName(c: { method: string; family: string; alpha?: number; beta?: number; window?: number }): string {
  const settings = [c.alpha, c.beta, c.window].filter((v) => v !== undefined).join('/');
  return settings ? `${c.method}:${c.family}:${settings}` : `${c.method}:${c.family}`;
}

/** Weeks with an order among the last `weeks` of a history (the window the reason quotes). */
function countOrdered(history: readonly number[], weeks: number): number {
  let n = 0;
  for (let i = Math.max(0, history.length - weeks); i < history.length; i++) if ((history[i] as number) > 0) n++;
  return n;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
