import { describe, expect, it } from 'vitest';
import {
  applyAllSuggestions,
  applySuggestion,
  clampQuantity,
  fieldMessagesByProduct,
  filterProducts,
  groupProducts,
  isDirty,
  linesToSend,
  maxFor,
  msUntilClose,
  type OrderProduct,
  orderTotals,
  serverQuantities,
  shanghaiWeekOf,
  splitUsual,
  suggestionsPending,
  windowState,
} from './order-draft';
import { formatCutOff, priceClassNumber } from './order-words';

function product(id: number, over: Partial<OrderProduct> = {}): OrderProduct {
  return {
    productId: id,
    code: `P${id}`,
    brand: 'Brand',
    name: `Product ${id}`,
    spec: '84mm',
    priceClass: 3,
    wholesalePriceFen: 10_000,
    mode: 'open',
    limit: null,
    lastWeeks: [0, 0, 0, 0],
    stock: null,
    suggestion: null,
    quantity: 0,
    requested: null,
    allocated: null,
    allocationReason: null,
    ...over,
  };
}

describe('quantities', () => {
  it('reads the server: a line quantity, or a scarce product’s request', () => {
    const q = serverQuantities([
      product(1, { quantity: 3 }),
      product(2, { mode: 'scarce', quantity: 1, requested: 5 }),
      product(3, { mode: 'scarce', requested: null }),
    ]);
    expect([...q]).toEqual([
      [1, 3],
      [2, 5],
      [3, 0],
    ]);
  });

  it('keeps typed values whole and within 0 … the limit (999 without one)', () => {
    expect(maxFor({ limit: null })).toBe(999);
    expect(maxFor({ limit: 4 })).toBe(4);
    expect(clampQuantity(2.7, 4)).toBe(2);
    expect(clampQuantity(-3, 4)).toBe(0);
    expect(clampQuantity(12, 4)).toBe(4);
    expect(clampQuantity('abc', 4)).toBe(0);
    expect(clampQuantity(Number.NaN, 4)).toBe(0);
  });

  it('sends only products with cartons, in the page’s order, and knows when something changed', () => {
    const products = [product(1, { quantity: 2 }), product(2), product(3)];
    const q = new Map([
      [3, 1],
      [1, 2],
      [2, 0],
    ]);
    expect(linesToSend(q, products)).toEqual([
      { productId: 1, quantity: 2 },
      { productId: 3, quantity: 1 },
    ]);
    expect(isDirty(q, products)).toBe(true);
    expect(isDirty(serverQuantities(products), products)).toBe(false);
  });
});

describe('suggestions', () => {
  const withSuggestion = product(1, { suggestion: { quantity: 6, reason: 'r' } });
  const limited = product(2, { limit: 2, suggestion: { quantity: 5, reason: 'r' } });
  const none = product(3);

  it('takes one suggestion, never above the limit', () => {
    expect(applySuggestion(new Map(), withSuggestion).get(1)).toBe(6);
    expect(applySuggestion(new Map(), limited).get(2)).toBe(2);
  });

  it('takes all at once and leaves typed quantities of products without a suggestion', () => {
    const before = new Map([
      [1, 1],
      [3, 4],
    ]);
    const after = applyAllSuggestions(before, [withSuggestion, limited, none]);
    expect([...after].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 6],
      [2, 2],
      [3, 4],
    ]);
    // The original map is not changed (React state).
    expect(before.get(1)).toBe(1);
  });

  it('says whether "use all suggestions" has work to do', () => {
    const products = [withSuggestion, limited, none];
    expect(suggestionsPending(new Map(), products)).toBe(true);
    expect(suggestionsPending(applyAllSuggestions(new Map(), products), products)).toBe(false);
    expect(suggestionsPending(new Map(), [none])).toBe(false);
  });
});

describe('totals', () => {
  it('counts products, cartons and the amount at wholesale price; zero quantities do not count', () => {
    const products = [product(1, { wholesalePriceFen: 25_000 }), product(2, { wholesalePriceFen: 9_550 }), product(3)];
    const totals = orderTotals(
      new Map([
        [1, 2],
        [2, 3],
        [3, 0],
      ]),
      products,
    );
    expect(totals).toEqual({ lines: 2, cartons: 5, amountFen: 2 * 25_000 + 3 * 9_550 });
    expect(orderTotals(new Map(), products)).toEqual({ lines: 0, cartons: 0, amountFen: 0 });
  });

  it('counts a scarce request as asked until it is allocated, then as given', () => {
    const asked = product(1, { mode: 'scarce', requested: 5 });
    const given = product(2, { mode: 'scarce', requested: 5, allocated: 2 });
    const q = new Map([
      [1, 5],
      [2, 5],
    ]);
    expect(orderTotals(q, [asked]).cartons).toBe(5);
    expect(orderTotals(q, [given]).cartons).toBe(2);
    expect(orderTotals(q, [product(3, { mode: 'scarce', requested: 4, allocated: 0 })]).lines).toBe(0);
  });
});

describe('grouping and search', () => {
  const products = [
    product(1, { priceClass: 2, brand: '中华', name: '中华（硬）' }),
    product(2, { priceClass: 1, brand: '黄鹤楼', name: '黄鹤楼（1916）', code: 'HHL1916' }),
    product(3, { priceClass: 2, brand: '玉溪', name: '玉溪（软）' }),
    product(4, { priceClass: 1, brand: '中华', name: '中华（软）' }),
  ];

  it('groups by price class, 一类 first, keeping the server’s order inside a group', () => {
    const groups = groupProducts(products, 'priceClass');
    expect(groups.map((g) => [g.value, g.products.map((p) => p.productId)])).toEqual([
      [1, [2, 4]],
      [2, [1, 3]],
    ]);
  });

  it('groups by brand in the order the brands first appear', () => {
    const groups = groupProducts(products, 'brand');
    expect(groups.map((g) => [g.value, g.products.map((p) => p.productId)])).toEqual([
      ['中华', [1, 4]],
      ['黄鹤楼', [2]],
      ['玉溪', [3]],
    ]);
  });

  it('finds by name, brand or code, ignoring case, spaces and full-width letters', () => {
    expect(filterProducts(products, '').map((p) => p.productId)).toEqual([1, 2, 3, 4]);
    expect(filterProducts(products, '中华').map((p) => p.productId)).toEqual([1, 4]);
    expect(filterProducts(products, 'ｈｈｌ 1916').map((p) => p.productId)).toEqual([2]);
    expect(filterProducts(products, 'nothing')).toEqual([]);
  });

  it('says a midnight cut-off as 24:00 of the day before (Shanghai time)', () => {
    // 2026-12-07 00:00 in Shanghai.
    expect(formatCutOff('2026-12-06T16:00:00.000Z', 'zh-CN')).toBe('12月6日（周日）24:00');
    expect(formatCutOff('2026-12-06T16:00:00.000Z', 'en')).toBe('Sun, Dec 6, 24:00');
    expect(formatCutOff('2026-12-05T04:00:00.000Z', 'zh-CN')).toBe('12月5日（周六）12:00');
    expect(formatCutOff('2026-12-05T04:00:00.000Z', 'en')).toBe('Sat, Dec 5, 12:00');
    expect(formatCutOff('2026-12-06T10:30:00.000Z', 'zh-CN')).toContain('18:30');
  });

  it('names price classes as the trade does', () => {
    expect(priceClassNumber(1, 'zh-CN')).toBe('一');
    expect(priceClassNumber(5, 'zh-CN')).toBe('五');
    expect(priceClassNumber(3, 'en')).toBe('3');
  });
});

describe('usual products first', () => {
  it('puts suggested, recently ordered, ordered or special products first and keeps the rest behind', () => {
    const { usual, others } = splitUsual([
      product(1),
      product(2, { suggestion: { quantity: 0, reason: 'r' } }),
      product(3, { lastWeeks: [0, 1, 0, 0] }),
      product(4, { quantity: 2 }),
      product(5, { mode: 'scarce' }),
      product(6, { mode: 'limited', limit: 3 }),
      product(7),
    ]);
    expect(usual.map((p) => p.productId)).toEqual([2, 3, 4, 5, 6]);
    expect(others.map((p) => p.productId)).toEqual([1, 7]);
  });
});

describe('server messages on the right product', () => {
  it('places lines.N.* on the N-th line sent and keeps the rest apart', () => {
    const sent = [
      { productId: 7, quantity: 2 },
      { productId: 9, quantity: 50 },
    ];
    const { byProduct, general } = fieldMessagesByProduct(
      { 'lines.1.quantity': 'above the limit', window: 'closed', 'lines.5.quantity': 'stray' },
      sent,
    );
    expect([...byProduct]).toEqual([[9, 'above the limit']]);
    expect(general).toEqual(['closed', 'stray']);
  });
});

describe('the window in words', () => {
  const closesAt = '2026-12-06T16:00:00.000Z';
  const now = Date.parse('2026-12-02T00:00:00Z');
  const expectedOpensAt = '2026-12-05T04:00:00.000Z';
  it('tells unpublished, open, not yet open and closed apart', () => {
    expect(windowState({ published: false, open: false, opensAt: null, closesAt, expectedOpensAt }, now)).toEqual({
      kind: 'unpublished',
      expectedOpensAt,
    });
    expect(windowState({ published: false, open: false, opensAt: null, closesAt, expectedOpensAt: null }, now)).toEqual(
      { kind: 'unpublished', expectedOpensAt: null },
    );
    expect(windowState({ published: true, open: true, opensAt: null, closesAt, expectedOpensAt: null }, now)).toEqual({
      kind: 'open',
      closesAt,
    });
    const notYet = { published: true, open: false, opensAt: '2026-12-03T00:00:00Z', closesAt, expectedOpensAt: null };
    expect(windowState(notYet, now).kind).toBe('notYet');
    const closed = { published: true, open: false, opensAt: '2026-11-30T00:00:00Z', closesAt, expectedOpensAt: null };
    expect(windowState(closed, now).kind).toBe('closed');
  });

  it('closes a window the server called open once its closing time has passed on the page', () => {
    const open = { published: true, open: true, opensAt: null, closesAt, expectedOpensAt: null };
    expect(windowState(open, Date.parse(closesAt) - 1).kind).toBe('open');
    expect(windowState(open, Date.parse(closesAt))).toEqual({ kind: 'closed', closesAt });
    expect(msUntilClose(windowState(open, Date.parse(closesAt) - 60_000), Date.parse(closesAt) - 60_000)).toBe(60_500);
    expect(msUntilClose(windowState(open, now), now)).toBeNull();
    expect(msUntilClose({ kind: 'closed', closesAt }, now)).toBeNull();
  });

  it('names the Shanghai week of an instant by its Monday', () => {
    // Sunday 23:30 in Shanghai is still the week of Monday 30 November; 00:30 on Monday is the next.
    expect(shanghaiWeekOf(Date.parse('2026-12-06T15:30:00Z'))).toBe('2026-11-30');
    expect(shanghaiWeekOf(Date.parse('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(shanghaiWeekOf(Date.parse('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
  });
});
