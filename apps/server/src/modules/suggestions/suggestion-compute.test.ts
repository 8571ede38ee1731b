import { fc, test } from '@fast-check/vitest';
import { suggestionReason } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ComputeInputs,
  computeSuggestions,
  DEFAULT_SUGGESTION_PARAMETERS,
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
});
