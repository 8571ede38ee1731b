import { fc, test } from '@fast-check/vitest';
import { type SuggestionFigures, suggestionReason } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_METHOD,
  type CampaignTarget,
  type ComputeInputs,
  computeSuggestions,
  DEFAULT_SUGGESTION_PARAMETERS,
  firstOrdersOf,
  limitFor,
  suggestionWindow,
} from './suggestion-compute';
import type { RetailerForSuggestion, SeriesRow } from './suggestions.repository';

const WEEK = '2026-11-30';
const window = suggestionWindow(WEEK, 52);
const shop: RetailerForSuggestion = {
  id: 1,
  districtId: 7,
  managerId: null,
  tier: 12,
  businessFormat: 'convenience',
  orderFrequency: 'weekly',
  status: 'active',
};

/** A sparse rollup row from a dense weekly history that ends last week. */
function row(retailerId: number, productId: number, weekly: readonly number[]): SeriesRow {
  const weeks: number[] = [];
  const quantities: number[] = [];
  const offset = window.weeks - weekly.length;
  weekly.forEach((q, i) => {
    if (q > 0) {
      weeks.push(offset + i);
      quantities.push(q);
    }
  });
  return { retailerId, productId, weeks, quantities };
}

function inputs(overrides: Partial<ComputeInputs>): ComputeInputs {
  return {
    window,
    parameters: { ...DEFAULT_SUGGESTION_PARAMETERS, festival: false },
    retailers: [shop],
    series: [],
    priorSeries: [],
    priorShops: new Map([[shop.id, shop]]),
    stock: [],
    limits: [],
    products: new Map(),
    festival: { gift: null, everyday: null },
    ...overrides,
  };
}

describe('suggestions from their inputs', () => {
  it('takes the stock off the chosen quantile of cycle demand and quotes the figures it used', () => {
    const history = [4, 3, 5, 4, 4, 3, 5, 4, 4, 3, 5, 4, 4, 3, 5, 4];
    const [s] = computeSuggestions(
      inputs({
        series: [row(1, 10, history)],
        stock: [{ retailerId: 1, productId: 10, cartons: 2, reportedAt: new Date('2026-12-01T00:00:00Z') }],
      }),
    );
    if (!s) throw new Error('no suggestion');
    expect(s.figures.stock).toBe(2);
    expect(s.quantity).toBe(Math.max(0, s.figures.demand - 2));
    expect(s.figures.weeks).toBe(8);
    expect(s.figures.meanWeekly).toBe(4);
    expect(s.history).toEqual(history);
    expect(suggestionReason(s.figures, 'zh-CN')).toBe(`近 8 周平均 4 条/周，库存 2 条，建议 ${s.quantity} 条`);
  });

  it('words the reason in English with the right number: 1 carton a week, 1.5 cartons', () => {
    const one = computeSuggestions(inputs({ series: [row(1, 10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])] }))[0];
    if (!one) throw new Error('no suggestion');
    expect(one.figures.meanWeekly).toBe(1);
    expect(suggestionReason(one.figures, 'en')).toBe(
      `Last 8 weeks: 1 carton a week on average, stock not given: suggest ${one.quantity} carton${one.quantity === 1 ? '' : 's'}`,
    );
    const more = computeSuggestions(inputs({ series: [row(1, 10, [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2])] }))[0];
    expect(suggestionReason(more?.figures as never, 'en')).toMatch(/^Last 8 weeks: 1\.5 cartons a week on average/);
  });

  it('says in how many weeks the shop ordered when the suggestion sits a carton or more below its average', () => {
    // Mostly quiet, with one big week lately: an average of 1.25 over the last 8 weeks, ordered in 4 of them.
    const spiky = [0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 6, 0, 1, 0, 0, 1, 0];
    const [s] = computeSuggestions(inputs({ series: [row(1, 10, spiky)] }));
    if (!s) throw new Error('no suggestion');
    expect(s.figures).toMatchObject({ weeks: 8, meanWeekly: 1.25, weeksOrdered: 4 });
    expect(s.figures.demand).toBeLessThanOrEqual(1.25 - 1);
    expect(suggestionReason(s.figures, 'zh-CN')).toBe(
      `近 8 周平均 1.3 条/周，其中 4 周有订货，未报库存，建议 ${s.quantity} 条`,
    );
    expect(suggestionReason(s.figures, 'en')).toContain('1.3 cartons a week on average, ordered in 4 of them,');
    // A steady shop orders every week: nothing to add. Rows stored before the figure existed read as before.
    const [steady] = computeSuggestions(inputs({ series: [row(1, 10, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3])] }));
    expect(steady?.figures.weeksOrdered).toBe(8);
    expect(suggestionReason(steady?.figures as never, 'zh-CN')).not.toContain('有订货');
    const { weeksOrdered: _, ...older } = s.figures;
    expect(suggestionReason(older, 'zh-CN')).toBe(`近 8 周平均 1.3 条/周，未报库存，建议 ${s.quantity} 条`);
  });

  it('covers a two-week cycle for a shop that orders every other week, and says so', () => {
    const history = Array.from({ length: 20 }, () => 3);
    const weekly = computeSuggestions(inputs({ series: [row(1, 10, history)] }))[0];
    const biweekly = computeSuggestions(
      inputs({ retailers: [{ ...shop, orderFrequency: 'biweekly' }], series: [row(1, 10, history)] }),
    )[0];
    expect(biweekly?.figures.cycleWeeks).toBe(2);
    expect(biweekly?.quantity).toBeGreaterThan(weekly?.quantity ?? 0);
    expect(suggestionReason(biweekly?.figures as never, 'zh-CN')).toContain('两周一订');
  });

  it('applies the smallest limit that matches the district and the tier band', () => {
    const limits = [
      { productId: 10, districtId: null, tierFrom: 1, tierTo: 30, maxCartons: 5 },
      { productId: 10, districtId: 7, tierFrom: 10, tierTo: 15, maxCartons: 2 },
      { productId: 10, districtId: 8, tierFrom: 1, tierTo: 30, maxCartons: 1 },
      { productId: 11, districtId: null, tierFrom: 1, tierTo: 30, maxCartons: 0 },
    ];
    expect(limitFor(limits, shop, 10)).toBe(2);
    expect(limitFor(limits, { ...shop, tier: 20 }, 10)).toBe(5);
    expect(limitFor(limits, shop, 12)).toBeNull();
  });

  test.prop(
    [
      fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 52 }),
      fc.option(fc.nat({ max: 30 }), { nil: null }),
      fc.option(fc.nat({ max: 12 }), { nil: null }),
      fc.constantFrom('weekly', 'biweekly', 'monthly'),
    ],
    { numRuns: 200 },
  )('never suggests more than the limit, never below zero, low ≤ quantity ≤ high', (history, stock, limit, freq) => {
    const series = history.some((q) => q > 0) ? history : [...history, 1];
    const [s] = computeSuggestions(
      inputs({
        retailers: [{ ...shop, orderFrequency: freq as RetailerForSuggestion['orderFrequency'] }],
        series: [row(1, 10, series)],
        stock: stock === null ? [] : [{ retailerId: 1, productId: 10, cartons: stock, reportedAt: new Date() }],
        limits: limit === null ? [] : [{ productId: 10, districtId: null, tierFrom: 1, tierTo: 30, maxCartons: limit }],
      }),
    );
    if (!s) throw new Error('no suggestion');
    expect(s.quantity).toBeGreaterThanOrEqual(0);
    if (limit !== null) expect(s.high).toBeLessThanOrEqual(limit);
    expect(s.low).toBeLessThanOrEqual(s.quantity);
    expect(s.quantity).toBeLessThanOrEqual(s.high);
    const reason = suggestionReason(s.figures, 'zh-CN');
    expect(reason.endsWith(`建议 ${s.quantity} 条`)).toBe(true);
    if (s.figures.limited) expect(reason).toContain(`限量 ${limit} 条`);
  });

  it('suggests nothing for a product the retailer never ordered, even one its peers order', () => {
    const peer = { ...shop, id: 2 };
    const rows = computeSuggestions(
      inputs({
        retailers: [shop, peer],
        series: [row(1, 10, [2, 2, 2]), row(2, 11, [5, 5, 5])],
      }),
    );
    expect(rows.filter((r) => r.retailerId === 1).map((r) => r.productId)).toEqual([10]);
  });

  it('is deterministic: the same inputs give the same rows', () => {
    const make = () =>
      computeSuggestions(
        inputs({ series: [row(1, 10, [1, 0, 3, 0, 0, 2, 5, 1, 0, 0, 4]), row(1, 11, [0, 0, 9, 9, 8])] }),
      );
    expect(make()).toEqual(make());
  });

  describe('a campaign’s first-order suggestion', () => {
    // Six similar shops (same format, tiers 10–14): product 20 reached them in the window with first orders
    // 1, 1, 2, 2, 3, 5 cartons; product 21 none has ordered; product 30 was new to them at 4 cartons each.
    const peers = [2, 3, 4, 5, 6, 7].map((id, i) => ({ ...shop, id, tier: 10 + (i % 5) }));
    const firsts = [1, 1, 2, 2, 3, 5];
    const peerSeries = peers.flatMap((p, i) => [
      row(p.id, 20, [0, 0, firsts[i] as number, 1, 2]),
      row(p.id, 30, [0, 4, 4, 4]),
      row(p.id, 40, new Array(window.weeks).fill(3)),
    ]);
    const shops = new Map([shop, ...peers].map((r) => [r.id, r]));
    const campaign = (productId: number, retailerId = shop.id): CampaignTarget => ({
      retailerId,
      productId,
      campaignId: 9,
      campaignName: '新品推广 · 清风',
    });
    const campaignInputs = (overrides: Partial<ComputeInputs>) => {
      const series = [row(1, 10, [2, 2, 2, 2]), ...peerSeries];
      return inputs({
        retailers: [shop],
        series,
        priorSeries: series,
        priorShops: shops,
        firstOrders: firstOrdersOf(series, shops),
        ...overrides,
      });
    };

    it('counts as a first order only a series that began inside the window', () => {
      const rows = firstOrdersOf(peerSeries, shops);
      expect(rows.filter((r) => r.productId === 40)).toEqual([]);
      expect(rows.filter((r) => r.productId === 20).map((r) => r.quantity)).toEqual(firsts);
    });

    it('suggests a targeted product the shop never ordered: the lower median of similar shops’ first orders, said so', () => {
      const rows = computeSuggestions(campaignInputs({ campaigns: [campaign(20)] }));
      const s = rows.find((r) => r.productId === 20);
      expect(s).toMatchObject({ quantity: 2, low: 1, high: 3, method: CAMPAIGN_METHOD, history: [] });
      expect(s?.figures).toMatchObject({
        priorReason: 'campaign',
        campaign: { id: 9, name: '新品推广 · 清风' },
        firstOrders: { pool: 'product', count: 6, low: 1, median: 2, high: 3 },
      });
      expect(suggestionReason(s?.figures as SuggestionFigures, 'zh-CN')).toBe(
        '推广活动「新品推广 · 清风」，此前从未订过这个品规，6 家同类门店首次多订 1–3 条，未报库存，建议 2 条',
      );
      expect(suggestionReason(s?.figures as SuggestionFigures, 'en')).toBe(
        'Campaign "新品推广 · 清风", never ordered here before, 6 similar shops\' first orders: mostly 1–3 cartons, stock not given: suggest 2 cartons',
      );
      // The shop's own product keeps its forecast.
      expect(rows.find((r) => r.productId === 10)?.method).not.toBe(CAMPAIGN_METHOD);
    });

    it('leans on first orders of new products generally when no shop has ordered the product yet', () => {
      const [s] = computeSuggestions(campaignInputs({ campaigns: [campaign(21)] })).filter((r) => r.productId === 21);
      // The first orders in the shop's tier band (11–15; enough of them): product 20's at tiers 11–14 (1, 2, 2, 3),
      // product 30's there (4 each) and the shop's own product 10 (2).
      expect(s?.figures.firstOrders).toMatchObject({ pool: 'newProducts', count: 9, median: 3, low: 2, high: 4 });
      expect(suggestionReason(s?.figures as SuggestionFigures, 'zh-CN')).toContain(
        '尚无同类门店订过，同类门店进新品的 9 次首单多为 2–4 条',
      );
    });

    it('never goes above a limit, and takes off stock given', () => {
      const limited = computeSuggestions(
        campaignInputs({
          campaigns: [campaign(20)],
          limits: [{ productId: 20, districtId: null, tierFrom: 1, tierTo: 30, maxCartons: 1 }],
        }),
      ).find((r) => r.productId === 20);
      expect(limited).toMatchObject({ quantity: 1, high: 1 });
      expect(limited?.figures).toMatchObject({ limit: 1, limited: true });
      expect(suggestionReason(limited?.figures as SuggestionFigures, 'zh-CN')).toMatch(/限量 1 条，建议 1 条$/);
      const stocked = computeSuggestions(
        campaignInputs({
          campaigns: [campaign(20)],
          stock: [{ retailerId: 1, productId: 20, cartons: 5, reportedAt: new Date('2026-11-29T00:00:00Z') }],
        }),
      ).find((r) => r.productId === 20);
      expect(stocked).toMatchObject({ quantity: 0, low: 0, high: 0 });
    });

    it('suggests nothing for an untargeted shop, a product the shop already orders, or with no first order to lean on', () => {
      // The campaign targets another shop.
      expect(computeSuggestions(campaignInputs({ campaigns: [campaign(20, 99)] })).map((r) => r.productId)).toEqual([
        10,
      ]);
      // Product 10 is the shop's own: its forecast, once.
      const own = computeSuggestions(campaignInputs({ campaigns: [campaign(10)] }));
      expect(own.map((r) => [r.productId, r.method === CAMPAIGN_METHOD])).toEqual([[10, false]]);
      // No first orders at all in the city.
      expect(
        computeSuggestions(campaignInputs({ campaigns: [campaign(20)], firstOrders: [] })).map((r) => r.productId),
      ).toEqual([10]);
    });

    it('is deterministic', () => {
      const make = () => computeSuggestions(campaignInputs({ campaigns: [campaign(20), campaign(21)] }));
      expect(make()).toEqual(make());
    });
  });
});
