import type { TimelineItem } from '@siyi/contracts';
import { profileMessages } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { messageAt } from '../../i18n/key-paths';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';

// The words module takes i18next's `t`; a small stand-in reads the real catalogues, so a missing key shows.
function tFor(tree: unknown) {
  return ((key: string, values: Record<string, unknown> = {}) => {
    const template = messageAt(tree, key);
    if (typeof template !== 'string') return `MISSING:${key}`;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
  }) as never;
}

const { describeEvent, fieldName, fieldValue, issueMessage } = await import('./retailer-360-words');

const event = (kind: string, data: Record<string, unknown>, actorName: string | null = '宋瑶萌'): TimelineItem => ({
  id: 1,
  occurredAt: '2026-11-26T02:00:00.000Z',
  kind,
  actorName,
  sourceType: 'retailer',
  sourceId: '1',
  data,
});

describe('the 360 page in words', () => {
  const zh = tFor(zhCN);
  const english = tFor(en);

  it('words every step of a tracked concern, with its category and status, in both languages', () => {
    expect(describeEvent(event('concern.raised', { category: 'supply' }), zh)).toBe('宋瑶萌 提出了诉求（货源）');
    expect(describeEvent(event('concern.resolved', { category: 'delivery', status: 'resolved' }), zh)).toBe(
      '宋瑶萌：诉求（配送）→ 已解决，待确认',
    );
    expect(describeEvent(event('concern.reopened', { category: 'supply' }), english)).toMatch(
      /^宋瑶萌: concern \(Supply\) → \S/,
    );
    expect(describeEvent(event('concern.rated', { category: 'price', stars: 4 }), zh)).toBe(
      '宋瑶萌 为诉求（价格）的处理打了 4 星',
    );
    for (const step of ['escalated', 'callback', 'photo', 'accepted', 'in_progress', 'confirmed', 'closed', 'new']) {
      for (const t of [zh, english]) {
        const words = describeEvent(event(`concern.${step}`, { category: 'ordering' }), t);
        expect(words, step).not.toMatch(/MISSING|concern\.|\{\{/);
      }
    }
  });

  it('puts every known timeline event into a sentence in both languages', () => {
    expect(describeEvent(event('profile.updated', { fields: ['phone', 'notes'] }), zh)).toBe(
      '宋瑶萌 修改了档案：电话、备注',
    );
    expect(describeEvent(event('profile.updated', { fields: ['phone', 'notes'] }), english)).toBe(
      '宋瑶萌 changed the profile: Phone, Notes',
    );
    expect(describeEvent(event('concern.heard', { topic: '货源' }), zh)).toBe('宋瑶萌 记录了听到的关注点：货源');
    expect(describeEvent(event('tier.changed', { from: 12, to: 14 }), zh)).toBe('档位 12 档 → 14 档');
    expect(describeEvent(event('tier.changed', { from: 12, to: 14, manual: true, reason: '新店' }), english)).toBe(
      '宋瑶萌 set the tier 12 → 14, because: 新店',
    );
    expect(describeEvent(event('assignment.changed', { fromManagerName: null, toManagerName: '李四' }), zh)).toBe(
      '客户经理由 无 改为 李四',
    );
    expect(describeEvent(event('payment.received', {}, null), english)).toBe('The system: payment.received');
  });

  it('shows stored values as people read them', () => {
    expect(fieldValue('opensAt', 450, zh, 'zh-CN')).toBe('07:30');
    expect(fieldValue('isModelShop', true, english, 'en')).toBe('Yes');
    expect(fieldValue('orderMethod', 'visit', zh, 'zh-CN')).toBe('上门访销');
    expect(fieldValue('creditGrade', 'A', english, 'en')).toBe('Grade A');
    expect(fieldValue('notes', '', zh, 'zh-CN')).toBe('（空）');
    expect(fieldValue('otherContacts', [{ name: '王芳', phone: '13912345678', role: '配偶' }], zh, 'zh-CN')).toBe(
      '王芳（配偶） 13912345678',
    );
    expect(fieldName('licenceValidTo', english)).toBe('Valid to');
    expect(fieldName('somethingNew', english)).toBe('somethingNew');
  });

  it('words every rule of the shared schema in both catalogues', () => {
    for (const key of Object.values(profileMessages)) {
      expect(issueMessage({ message: key }, zh)).not.toMatch(/MISSING/);
      expect(issueMessage({ message: key }, english)).not.toMatch(/MISSING/);
    }
    expect(issueMessage({ message: 'x', code: 'too_big', maximum: 60 }, english)).toBe('Use at most 60 characters.');
  });
});

describe('the page a timeline step opens', async () => {
  const { timelineSourceLink } = await import('./retailer-360-words');
  it('opens the concern or the visit the step names, in both languages', () => {
    expect(timelineSourceLink(event('concern.raised', { concernId: 14, category: 'supply' }))).toEqual({
      to: '/concerns/14',
      label: 'openConcern',
    });
    expect(timelineSourceLink(event('visit.checked_in', { visitId: 7 }))).toEqual({
      to: '/visits/7',
      label: 'openVisit',
    });
    for (const label of ['openConcern', 'openVisit']) {
      expect(messageAt(zhCN, `retailer360.timeline.${label}`)).toEqual(expect.any(String));
      expect(messageAt(en, `retailer360.timeline.${label}`)).toEqual(expect.any(String));
    }
  });
  it('opens nothing for a step without its id, with a malformed one, or of another kind', () => {
    expect(timelineSourceLink(event('concern.heard', { body: '缺货' }))).toBeNull();
    expect(timelineSourceLink(event('visit.checked_out', { visitId: '7' }))).toBeNull();
    expect(timelineSourceLink(event('profile.updated', { concernId: 3 }))).toBeNull();
  });
});
