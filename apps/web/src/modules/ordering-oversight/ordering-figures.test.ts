import type { AllocationRunResponse, OrderWeekResponse, ProposalView } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import {
  addableProducts,
  allocationRows,
  cleanCode,
  filterRetailers,
  isoToShanghaiLocal,
  newStrategyRow,
  productLabel,
  proposalChoices,
  proposalLines,
  respectRows,
  rowMessages,
  type StrategyRow,
  shanghaiLocalToIso,
  shownProposal,
  stateCounts,
  strategyItems,
  suggestedQuantities,
  tierLimitProblem,
  uncoveredTiers,
  wholePercent,
  withProposal,
} from './ordering-figures';

type Retailer = OrderWeekResponse['retailers'][number];
type Manager = OrderWeekResponse['managers'][number];

const retailer = (id: number, shopName: string, state: Retailer['state']): Retailer => ({
  retailerId: id,
  shopName,
  managerId: 6,
  state,
  lineCount: 0,
  cartons: 0,
  submittedAt: null,
});

const manager = (over: Partial<Manager> & { managerId: number; name: string }): Manager => ({
  lines: 10,
  ownOrUnchangedShare: 1,
  proposals: 0,
  proposalsRejected: 0,
  rejectionRate: null,
  pressureReports: 0,
  ...over,
});

describe('the week at a glance', () => {
  const rows = [
    retailer(1, '乙店', 'submitted'),
    retailer(2, '甲店', 'not_yet'),
    retailer(3, '丙便利店', 'proposal_waiting'),
    retailer(4, '丁便利店', 'not_yet'),
  ];

  it('counts every state, zero included', () => {
    expect(stateCounts(rows)).toEqual({ not_yet: 2, draft: 0, proposal_waiting: 1, submitted: 1 });
    expect(stateCounts([])).toEqual({ not_yet: 0, draft: 0, proposal_waiting: 0, submitted: 0 });
  });

  it('filters by state and name, nothing done first', () => {
    expect(filterRetailers(rows, 'all', '').map((r) => r.retailerId)).toEqual([4, 2, 3, 1]);
    expect(filterRetailers(rows, 'not_yet', '').map((r) => r.retailerId)).toEqual([4, 2]);
    expect(filterRetailers(rows, 'all', ' 便利 ').map((r) => r.retailerId)).toEqual([4, 3]);
    expect(filterRetailers(rows, 'draft', '')).toEqual([]);
  });

  it('turns shares into whole percents, clamped, null kept', () => {
    expect(wholePercent(0.376)).toBe(38);
    expect(wholePercent(1.2)).toBe(100);
    expect(wholePercent(-0.1)).toBe(0);
    expect(wholePercent(null)).toBeNull();
    expect(wholePercent(Number.NaN)).toBeNull();
  });

  it('puts the managers worth a look first: pressure, a low own share or many rejections', () => {
    const rows = respectRows([
      manager({ managerId: 1, name: 'B 好' }),
      manager({ managerId: 2, name: 'A 低', ownOrUnchangedShare: 0.7 }),
      manager({ managerId: 3, name: 'C 举报', pressureReports: 1 }),
      manager({ managerId: 4, name: 'D 拒绝', proposals: 3, proposalsRejected: 2, rejectionRate: 2 / 3 }),
      manager({ managerId: 5, name: 'E 空', lines: 0, ownOrUnchangedShare: null }),
    ]);
    expect(rows.map((r) => [r.managerId, r.attention])).toEqual([
      [2, true],
      [3, true],
      [4, true],
      [1, false],
      [5, false],
    ]);
    expect(rows.find((r) => r.managerId === 4)).toMatchObject({ ownPercent: 100, rejectionPercent: 67 });
    expect(rows.find((r) => r.managerId === 5)?.ownPercent).toBeNull();
  });

  it('keeps a manager’s own figures without a pressure count (the server sends none to a manager)', () => {
    const rows = respectRows([
      manager({ managerId: 1, name: '自己', pressureReports: null }),
      manager({ managerId: 2, name: '自己 低', pressureReports: null, ownOrUnchangedShare: 0.5 }),
    ]);
    expect(rows.map((r) => [r.managerId, r.pressureReports, r.attention])).toEqual([
      [2, null, true],
      [1, null, false],
    ]);
  });
});

describe('the manager’s proposal', () => {
  const suggestions = [
    { productId: 1, productName: '红旗渠', quantity: 3, low: 1, high: 5, reason: '近 8 周平均 3 条', method: 'window' },
    { productId: 2, productName: '黄金叶', quantity: 0, low: 0, high: 1, reason: '库存够', method: 'window' },
  ];
  const top = [
    { productId: 2, brand: '黄金叶', name: '黄金叶', quantity: 12, amountFen: 100 },
    { productId: 9, brand: '中华', name: '中华', quantity: 4, amountFen: 100 },
  ];

  it('offers the suggestions first, then the best sellers, each product once', () => {
    const choices = proposalChoices(suggestions, top);
    expect(choices.map((c) => [c.productId, c.suggestion?.quantity ?? null, c.recentCartons])).toEqual([
      [1, 3, null],
      [2, 0, 12],
      [9, null, 4],
    ]);
  });

  it('prefills only positive suggestions and sends only whole quantities of one carton or more', () => {
    const choices = proposalChoices(suggestions, top);
    expect(suggestedQuantities(choices)).toEqual({ 1: 3 });
    expect(proposalLines(choices, { 1: 3, 2: 0, 9: 2.5 })).toEqual([{ productId: 1, quantity: 3 }]);
    expect(proposalLines(choices, { 9: 2, 1: null })).toEqual([{ productId: 9, quantity: 2 }]);
  });

  it('keeps only the six digits of a code as read out', () => {
    expect(cleanCode('12 34 56')).toBe('123456');
    expect(cleanCode('1234567')).toBe('123456');
    expect(cleanCode('abc')).toBe('');
  });
});

describe('the tier limits editor', () => {
  it('accepts bands that do not overlap, in any order', () => {
    expect(
      tierLimitProblem([
        { tierFrom: 15, tierTo: 30, maxCartons: 5 },
        { tierFrom: 1, tierTo: 14, maxCartons: 2 },
      ]),
    ).toEqual({ kind: 'ok' });
  });

  it('names the first problem and its band', () => {
    expect(tierLimitProblem([])).toEqual({ kind: 'none' });
    expect(tierLimitProblem(null)).toEqual({ kind: 'none' });
    expect(tierLimitProblem([{ tierFrom: 1, tierTo: 5 }])).toEqual({ kind: 'whole', index: 0 });
    expect(
      tierLimitProblem([
        { tierFrom: 1, tierTo: 5, maxCartons: 1 },
        { tierFrom: 0, tierTo: 9, maxCartons: 1 },
      ]),
    ).toEqual({ kind: 'tierRange', index: 1 });
    expect(tierLimitProblem([{ tierFrom: 1, tierTo: 31, maxCartons: 1 }])).toEqual({ kind: 'tierRange', index: 0 });
    expect(tierLimitProblem([{ tierFrom: 9, tierTo: 3, maxCartons: 1 }])).toEqual({ kind: 'fromAfterTo', index: 0 });
    expect(tierLimitProblem([{ tierFrom: 1, tierTo: 3, maxCartons: 1000 }])).toEqual({ kind: 'cartons', index: 0 });
    expect(tierLimitProblem([{ tierFrom: 1, tierTo: 3, maxCartons: 1.5 }])).toEqual({ kind: 'cartons', index: 0 });
    expect(
      tierLimitProblem([
        { tierFrom: 1, tierTo: 10, maxCartons: 1 },
        { tierFrom: 10, tierTo: 20, maxCartons: 2 },
      ]),
    ).toEqual({ kind: 'overlap', index: 1, tier: 10 });
  });

  it('lists the tiers no band covers', () => {
    expect(
      uncoveredTiers([
        { tierFrom: 3, tierTo: 10, maxCartons: 1 },
        { tierFrom: 20, tierTo: 29, maxCartons: 1 },
      ]),
    ).toEqual([
      { from: 1, to: 2 },
      { from: 11, to: 19 },
      { from: 30, to: 30 },
    ]);
    expect(uncoveredTiers([{ tierFrom: 1, tierTo: 30, maxCartons: 1 }])).toEqual([]);
  });
});

describe('the strategy body', () => {
  const row = (over: Partial<StrategyRow>): StrategyRow => ({
    productId: 1,
    productName: 'x',
    mode: 'open',
    tierLimits: [
      { tierFrom: 20, tierTo: 30, maxCartons: 4 },
      { tierFrom: 1, tierTo: 19, maxCartons: 2 },
    ],
    retailerIds: [5, 5, 6],
    supply: 40,
    ...over,
  });

  it('sends only the fields of each row’s mode, limits sorted, outlets once', () => {
    expect(
      strategyItems([
        row({ productId: 1, mode: 'open' }),
        row({ productId: 2, mode: 'limited' }),
        row({ productId: 3, mode: 'selected' }),
        row({ productId: 4, mode: 'scarce' }),
        row({ productId: 5, mode: 'scarce', supply: null }),
      ]),
    ).toEqual([
      { productId: 1, mode: 'open' },
      {
        productId: 2,
        mode: 'limited',
        tierLimits: [
          { tierFrom: 1, tierTo: 19, maxCartons: 2 },
          { tierFrom: 20, tierTo: 30, maxCartons: 4 },
        ],
      },
      { productId: 3, mode: 'selected', retailerIds: [5, 6] },
      { productId: 4, mode: 'scarce', supply: 40 },
      { productId: 5, mode: 'scarce', supply: 0 },
    ]);
  });

  it('finds a row’s server messages by its index only', () => {
    const fields = { 'items.1.tierLimits': 'bands', 'items.10.productId': 'unknown', 'items.1': 'row', closesAt: 'x' };
    expect(rowMessages(fields, 1)).toEqual(['bands', 'row']);
    expect(rowMessages(fields, 10)).toEqual(['unknown']);
    expect(rowMessages(fields, 2)).toEqual([]);
  });

  it('reads a closing time as Shanghai wall time and back', () => {
    expect(shanghaiLocalToIso('2026-12-06T23:30')).toBe('2026-12-06T23:30:00+08:00');
    expect(shanghaiLocalToIso('2026-12-06')).toBeNull();
    expect(isoToShanghaiLocal('2026-12-06T16:00:00.000Z')).toBe('2026-12-07T00:00');
    expect(isoToShanghaiLocal(null)).toBe('');
  });
});

describe('the allocation result', () => {
  it('names the products from the strategy and puts the least met first', () => {
    const run: AllocationRunResponse = {
      runId: 7,
      week: '2026-11-30',
      districtId: 2,
      rule: {},
      products: [
        { productId: 1, supply: 10, totalRequested: 10, totalAllocated: 10, weightedDemandMetShare: 1, retailers: 3 },
        { productId: 2, supply: 5, totalRequested: 20, totalAllocated: 5, weightedDemandMetShare: 0.254, retailers: 9 },
      ],
    };
    expect(allocationRows(run, [{ productId: 1, productName: '中华' }])).toEqual([
      { productId: 2, name: '#2', supply: 5, requested: 20, allocated: 5, metPercent: 25, retailers: 9 },
      { productId: 1, name: '中华', supply: 10, requested: 10, allocated: 10, metPercent: 100, retailers: 3 },
    ]);
  });
});

describe('the proposal read back', () => {
  const proposal = (id: number, status: ProposalView['status'] = 'pending'): ProposalView => ({
    id,
    retailerId: 7,
    managerId: 3,
    week: '2026-11-30',
    status,
    createdAt: '2026-12-02T02:00:00.000Z',
    decidedAt: null,
    decidedVia: null,
    codeExpiresAt: null,
    lines: [],
  });

  it('shows the latest of the week, none while another is composed or when there is none', () => {
    expect(shownProposal([proposal(1), proposal(2)], false)?.id).toBe(2);
    expect(shownProposal([proposal(1)], true)).toBeNull();
    expect(shownProposal([], false)).toBeNull();
    expect(shownProposal(undefined, false)).toBeNull();
  });

  it('adds a proposal just sent last and replaces one decided where it was', () => {
    expect(withProposal(undefined, proposal(5)).map((p) => p.id)).toEqual([5]);
    expect(withProposal([proposal(1)], proposal(5)).map((p) => p.id)).toEqual([1, 5]);
    const decided = withProposal([proposal(1), proposal(5)], proposal(1, 'accepted'));
    expect(decided.map((p) => [p.id, p.status])).toEqual([
      [1, 'accepted'],
      [5, 'pending'],
    ]);
  });
});

describe('adding a product to the strategy', () => {
  const product = (id: number, status: 'active' | 'discontinued' = 'active') => ({
    id,
    code: `C${id}`,
    brand: '黄金叶',
    name: `烟${id}`,
    spec: '84mm',
    priceClass: 3,
    wholesalePriceFen: 20_000,
    status,
  });

  it('offers the active products not yet in the strategy, whatever last week held', () => {
    const rows = [newStrategyRow(product(2))];
    expect(
      addableProducts([product(1), product(2), product(3, 'discontinued'), product(4)], rows).map((p) => p.id),
    ).toEqual([1, 4]);
  });

  it('starts an added product open, and labels it with spec and code', () => {
    expect(newStrategyRow(product(9))).toEqual({
      productId: 9,
      productName: '烟9',
      mode: 'open',
      tierLimits: [],
      retailerIds: [],
      supply: null,
    });
    expect(strategyItems([newStrategyRow(product(9))])).toEqual([{ productId: 9, mode: 'open' }]);
    expect(productLabel(product(9))).toBe('烟9 · 84mm · C9');
    expect(productLabel({ ...product(9), spec: ' ' })).toBe('烟9 · C9');
  });
});
