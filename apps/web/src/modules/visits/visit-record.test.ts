import type { VisitRecord } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { adoptConcernIds, checklistProgress, emptyRecord, recordBody } from './visit-record';

const filled = (): VisitRecord => ({
  checklist: { licence_displayed: { answer: 'yes', note: '' }, price_tags: { answer: 'no', note: ' 缺两个 ' } },
  market: {
    stockNotes: '中华缺货',
    consumerRemarks: '',
    competitorPrices: [
      { product: '红塔山', price: 95, note: '' },
      { product: '  ', price: 10, note: '' },
    ],
  },
  heardConcerns: [
    { category: 'supply', text: '货源不足', concernId: null },
    { category: 'price', text: '已报', concernId: 41 },
    { category: 'other', text: ' ', concernId: null },
  ],
  productsIntroduced: [{ productId: 3, productName: '黄金叶(天叶)', note: '' }],
  followUps: [
    { text: '补许可证复印件', dueDate: '2026-12-08', done: false },
    { text: '', dueDate: '2026-12-08', done: false },
  ],
  summary: '整体良好',
});

describe('the record sent to the server', () => {
  it('leaves out names, null ids and rows still blank, and trims checklist notes', () => {
    const body = recordBody(filled());
    expect(body.checklist).toEqual({
      licence_displayed: { answer: 'yes', note: '' },
      price_tags: { answer: 'no', note: '缺两个' },
    });
    expect(body.market?.competitorPrices).toEqual([{ product: '红塔山', price: 95, note: '' }]);
    expect(body.heardConcerns).toEqual([
      { category: 'supply', text: '货源不足' },
      { category: 'price', text: '已报', concernId: 41 },
    ]);
    expect(body.productsIntroduced).toEqual([{ productId: 3, note: '' }]);
    expect(body.followUps).toEqual([{ text: '补许可证复印件', dueDate: '2026-12-08', done: false }]);
    expect(body.summary).toBe('整体良好');
  });

  it('sends an empty record as empty lists', () => {
    expect(recordBody(emptyRecord())).toEqual({
      checklist: {},
      market: { stockNotes: '', consumerRemarks: '', competitorPrices: [] },
      heardConcerns: [],
      productsIntroduced: [],
      followUps: [],
      summary: '',
    });
  });
});

describe('concerns raised while typing on', () => {
  it('takes the ids the server gave, by text and category, once each', () => {
    const local: VisitRecord = {
      ...emptyRecord(),
      heardConcerns: [
        { category: 'supply', text: '货源不足', concernId: null },
        { category: 'supply', text: '货源不足', concernId: null },
        { category: 'delivery', text: '新的', concernId: null },
      ],
      summary: 'typed on',
    };
    const server: VisitRecord = {
      ...emptyRecord(),
      heardConcerns: [
        { category: 'supply', text: '货源不足', concernId: 7 },
        { category: 'supply', text: '货源不足', concernId: 8 },
      ],
    };
    const merged = adoptConcernIds(local, server);
    expect(merged.heardConcerns.map((c) => c.concernId)).toEqual([7, 8, null]);
    expect(merged.summary).toBe('typed on');
  });

  it('changes nothing when the server raised none', () => {
    const local = filled();
    expect(adoptConcernIds(local, emptyRecord())).toBe(local);
  });
});

describe('checklist progress', () => {
  it('counts the answered items of the template only', () => {
    expect(checklistProgress(filled(), ['licence_displayed', 'minors_notice', 'price_tags'])).toEqual({
      done: 2,
      total: 3,
    });
  });
});
