import type { TimelineItem } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { messageAt } from '../../i18n/key-paths';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';
import { describeEvent } from '../retailer-360/retailer-360-words';
import { orderEventLink } from './order-timeline-words';

// A small stand-in for i18next's `t` over the real catalogues (with its _one/_other plurals), so a missing key shows.
function tFor(tree: unknown, language: 'zh-CN' | 'en') {
  const plural = new Intl.PluralRules(language);
  return ((key: string, values: Record<string, unknown> = {}) => {
    const count = values.count;
    const template =
      typeof count === 'number'
        ? (messageAt(tree, `${key}_${plural.select(count)}`) ?? messageAt(tree, `${key}_other`))
        : messageAt(tree, key);
    if (typeof template !== 'string') return `MISSING:${key}`;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }) as never;
}

const event = (kind: string, data: Record<string, unknown>, actorName: string | null = '南山烟酒店'): TimelineItem => ({
  id: 1,
  occurredAt: '2026-12-02T02:00:00.000Z',
  kind,
  actorName,
  sourceType: 'order',
  sourceId: '7',
  data,
});

describe('orders on the 360 timeline', () => {
  const zh = tFor(zhCN, 'zh-CN');
  const english = tFor(en, 'en');

  it('words a submitted order with its products and cartons', () => {
    const submitted = event('order.submitted', { orderId: 7, week: '2026-11-30', lines: 3, cartons: 12 });
    expect(describeEvent(submitted, zh)).toBe('南山烟酒店 提交了 2026-11-30 这一周的订单：3 个品规，共 12 条');
    expect(describeEvent(submitted, english)).toBe(
      '南山烟酒店 submitted the order for the week of 2026-11-30: 3 products, 12 cartons',
    );
    const one = event('order.submitted', { orderId: 7, week: '2026-11-30', lines: 1, cartons: 1 });
    expect(describeEvent(one, english)).toBe(
      '南山烟酒店 submitted the order for the week of 2026-11-30: 1 product, 1 carton',
    );
  });

  it('words a proposal made, accepted in the portal or by code, and rejected', () => {
    expect(describeEvent(event('order.proposal_made', { proposalId: 4, lines: 2, cartons: 6 }, '宋瑶萌'), zh)).toBe(
      '宋瑶萌 准备了建议订单：2 个品规，共 6 条，等零售户确认',
    );
    expect(
      describeEvent(event('order.proposal_accepted', { proposalId: 4, via: 'portal', lines: 2, cartons: 6 }), zh),
    ).toBe('南山烟酒店 在订货页同意了建议订单（2 个品规，共 6 条），订单已提交');
    expect(
      describeEvent(
        event('order.proposal_accepted', { proposalId: 4, via: 'code', lines: 1, cartons: 4 }, '宋瑶萌'),
        english,
      ),
    ).toBe(
      '宋瑶萌 confirmed the proposed order (1 product, 4 cartons) with the code the retailer read back; the order is submitted',
    );
    expect(describeEvent(event('order.proposal_rejected', { proposalId: 4, via: 'portal' }), zh)).toBe(
      '南山烟酒店 拒绝了建议订单',
    );
    expect(describeEvent(event('order.proposal_rejected', { proposalId: 4, via: 'portal' }), english)).toBe(
      '南山烟酒店 rejected the proposed order',
    );
  });

  it('words a pressure report, on a line or on a whole proposal', () => {
    const line = { productId: 9, productName: '第二种', quantity: 6, concernId: 3, restricted: true };
    expect(describeEvent(event('order.line_pressured', line), zh)).toBe(
      '南山烟酒店 报告被强制搭配：第二种 6 条 已从订单中去掉（客户经理看不到）',
    );
    expect(describeEvent(event('order.line_pressured', line), english)).toBe(
      '南山烟酒店 reported forced bundling: 6 cartons of 第二种 left the order (managers do not see this)',
    );
    const proposal = { proposalId: 4, pressured: true, lines: 1, cartons: 9, concernId: 3, restricted: true };
    expect(describeEvent(event('order.line_pressured', proposal), zh)).toBe(
      '南山烟酒店 报告建议订单（1 个品规，共 9 条）是被强迫的，已转给片区主管（客户经理看不到）',
    );
  });

  it('words a scarce allocation with what was asked and what was given', () => {
    const allocated = { runId: 2, productId: 5, productName: '紧俏烟', requested: 4, allocated: 1 };
    expect(describeEvent(event('order.allocated', allocated, '主管'), zh)).toBe(
      '紧俏品规分配：紧俏烟 申请 4 条，分得 1 条',
    );
    expect(describeEvent(event('order.allocated', allocated, '主管'), english)).toBe(
      'Scarce allocation: 紧俏烟, asked for 4 cartons, allocated 1 carton',
    );
  });

  it('still says who and what for a step it does not know', () => {
    expect(describeEvent(event('order.reopened', {}), zh)).toBe('南山烟酒店：订货（reopened）');
    expect(describeEvent(event('order.reopened', {}, null), english)).toBe('The system: ordering (reopened)');
  });
});

describe('where an order step on the 360 timeline leads', () => {
  const now = Date.parse('2026-12-03T02:00:00.000Z');
  const manager = { role: 'manager', retailerId: 42 };
  const supervisor = { role: 'supervisor', retailerId: 42, districtId: 3 };
  const admin = { role: 'admin', retailerId: 42, districtId: 3 };

  it('leads a submitted order to its week’s order progress, naming the district for an admin', () => {
    const submitted = event('order.submitted', { week: '2026-11-30', lines: 1, cartons: 2 });
    expect(orderEventLink(submitted, manager, now)).toEqual({ to: '/orders/week?week=2026-11-30', label: 'week' });
    expect(orderEventLink(submitted, supervisor, now)?.to).toBe('/orders/week?week=2026-11-30');
    expect(orderEventLink(submitted, admin, now)?.to).toBe('/orders/week?week=2026-11-30&districtId=3');
  });

  it('leads a manager to its proposal page for a recent proposal, others to the week', () => {
    const made = event('order.proposal_made', { proposalId: 5, week: '2026-11-30', lines: 1, cartons: 2 });
    expect(orderEventLink(made, manager, now)).toEqual({
      to: '/orders/proposals/new?retailerId=42',
      label: 'proposals',
    });
    expect(orderEventLink(made, supervisor, now)?.label).toBe('week');
    const old = event('order.proposal_made', { proposalId: 5, week: '2026-10-05', lines: 1, cartons: 2 });
    expect(orderEventLink(old, manager, now)).toEqual({ to: '/orders/week?week=2026-10-05', label: 'week' });
    // Accepted and rejected steps carry no week: the week they happened in.
    const accepted = event('order.proposal_accepted', { proposalId: 5, via: 'code', lines: 1, cartons: 2 });
    expect(orderEventLink(accepted, supervisor, now)?.to).toBe('/orders/week?week=2026-11-30');
  });

  it('leads a pressure report to its concern, never for a manager; an allocation to the allocation page', () => {
    const pressured = event('order.line_pressured', { concernId: 9, productName: 'X', quantity: 1 });
    expect(orderEventLink(pressured, supervisor, now)).toEqual({ to: '/concerns/9', label: 'concern' });
    expect(orderEventLink(pressured, manager, now)).toBeNull();
    const allocated = event('order.allocated', { week: '2026-11-30', productName: 'X', requested: 5, allocated: 2 });
    expect(orderEventLink(allocated, admin, now)?.to).toBe('/orders/allocation?week=2026-11-30&districtId=3');
    expect(orderEventLink(allocated, manager, now)?.label).toBe('week');
    expect(orderEventLink(event('visit.checked_in', {}), supervisor, now)).toBeNull();
  });

  it('has the links’ words in both languages', () => {
    for (const label of ['week', 'proposals', 'concern', 'allocation']) {
      expect(messageAt(zhCN, `ordering.timeline.links.${label}`)).toEqual(expect.any(String));
      expect(messageAt(en, `ordering.timeline.links.${label}`)).toEqual(expect.any(String));
    }
  });
});
