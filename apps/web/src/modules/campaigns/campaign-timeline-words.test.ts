import type { TimelineItem } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { messageAt } from '../../i18n/key-paths';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';
import { describeEvent } from '../retailer-360/retailer-360-words';

// A small stand-in for i18next's `t` over the real catalogues, so a missing key shows.
function tFor(tree: unknown) {
  return ((key: string, values: Record<string, unknown> = {}) => {
    const template = messageAt(tree, key);
    if (typeof template !== 'string') return `MISSING:${key}`;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }) as never;
}

const event = (kind: string, data: Record<string, unknown>, actorName: string | null = '李经理'): TimelineItem => ({
  id: 1,
  occurredAt: '2026-12-02T02:00:00.000Z',
  kind,
  actorName,
  sourceType: 'campaign_introduction',
  sourceId: '7',
  data,
});

describe('new-product promotion on the 360 timeline', () => {
  const zh = tFor(zhCN);
  const english = tFor(en);

  it('words an introduction on a visit with the reaction, and one off a visit', () => {
    const onVisit = event('campaign.introduced', {
      campaignName: '细支新品',
      productId: 3,
      productName: '黄金叶(浓香中支)',
      reaction: 'interested',
      guideShown: true,
      visitId: 9,
    });
    expect(describeEvent(onVisit, zh)).toBe('李经理 拜访时推介了新品 黄金叶(浓香中支)，零售户感兴趣');
    expect(describeEvent(onVisit, english)).toBe(
      '李经理 introduced the new product 黄金叶(浓香中支) on a visit; the retailer: Interested',
    );
    const off = event('campaign.introduced', { campaignName: '细支新品', reaction: 'not_interested' });
    // An older entry without the product's name names the campaign instead.
    expect(describeEvent(off, zh)).toBe('李经理 推介了新品 细支新品，零售户不感兴趣');
  });

  it('words feedback with its answers and its remark', () => {
    const feedback = event(
      'campaign.feedback',
      {
        campaignName: '细支新品',
        productName: '黄金叶(浓香中支)',
        consumerResponse: 'good',
        priceAcceptance: 'too_high',
        wouldReorder: 'unsure',
        remark: '比老款顺口',
      },
      '南山烟酒店',
    );
    expect(describeEvent(feedback, zh)).toBe(
      '南山烟酒店 反馈新品 黄金叶(浓香中支)：顾客反应好，价格偏高，还会再订：看情况。“比老款顺口”',
    );
    expect(describeEvent(feedback, english)).toBe(
      '南山烟酒店 gave feedback on the new product 黄金叶(浓香中支): customers: Well, price: Too high, would order again: Maybe. "比老款顺口"',
    );
  });

  it('words a gift given, confirmed and taken back, and keeps an unknown step readable', () => {
    expect(describeEvent(event('gift.issued', { item: '帆布袋', quantity: 1 }), zh)).toBe('李经理 送出 1 份 帆布袋');
    expect(describeEvent(event('gift.confirmed', { item: '帆布袋', quantity: 2 }, '南山烟酒店'), english)).toBe(
      '南山烟酒店 confirmed receiving 2 × 帆布袋',
    );
    expect(describeEvent(event('gift.returned', { item: '帆布袋', quantity: 1 }), zh)).toBe('李经理 收回 1 份 帆布袋');
    expect(describeEvent(event('gift.lost', { item: '帆布袋' }), zh)).not.toContain('MISSING');
  });
});
