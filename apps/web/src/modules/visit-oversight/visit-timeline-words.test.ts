import type { TimelineItem } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { messageAt } from '../../i18n/key-paths';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';
import { describeEvent } from '../retailer-360/retailer-360-words';

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

const event = (kind: string, data: Record<string, unknown>, actorName: string | null = '宋瑶萌'): TimelineItem => ({
  id: 1,
  occurredAt: '2026-11-26T02:00:00.000Z',
  kind,
  actorName,
  sourceType: 'visit',
  sourceId: '7',
  data,
});

describe('visits on the 360 timeline', () => {
  const zh = tFor(zhCN, 'zh-CN');
  const english = tFor(en, 'en');

  it('words a check-in near the shop, and a far one with its distance and reason', () => {
    expect(describeEvent(event('visit.checked_in', { distanceM: 35 }), zh)).toBe('宋瑶萌 到店签到');
    expect(describeEvent(event('visit.checked_in', { distanceM: 512.4, reason: '店门口在修路' }), zh)).toBe(
      '宋瑶萌 签到（距门店 512 米，说明：店门口在修路）',
    );
    expect(describeEvent(event('visit.checkedIn', { distanceM: 512, reason: 'Road works' }), english)).toBe(
      '宋瑶萌 checked in 512 m from the shop (reason: Road works)',
    );
  });

  it('words a check-out with the time on site', () => {
    expect(describeEvent(event('visit.checked_out', { secondsOnSite: 25 * 60 }), zh)).toBe(
      '宋瑶萌 完成拜访，在店 25 分钟',
    );
    expect(describeEvent(event('visit.checked_out', { secondsOnSite: 61 }), english)).toBe(
      '宋瑶萌 finished a visit after 1 minute in the shop',
    );
  });

  it('words the rating with its stars and comment', () => {
    expect(describeEvent(event('visit.rated', { score: 4 }, '南山烟酒店'), zh)).toBe('南山烟酒店 为拜访打了 4 星');
    expect(describeEvent(event('visit.rated', { score: 5, comment: '讲得很清楚' }, '南山烟酒店'), zh)).toBe(
      '南山烟酒店 为拜访打了 5 星：讲得很清楚',
    );
    expect(describeEvent(event('visit.rated', { score: 2 }, 'Shop'), english)).toBe('Shop rated a visit 2 stars');
  });

  it('words a flag by its kind, a spot-check and a call-back with its outcome', () => {
    expect(describeEvent(event('visit.flagged', { kind: 'retailer_missed_month' }, null), zh)).toBe(
      '拜访被标记为异常：整月没有有效拜访',
    );
    expect(describeEvent(event('visit.flagged', { kind: 'short_visit' }, null), zh)).toBe(
      '拜访被标记为异常：在店时间过短',
    );
    expect(describeEvent(event('visit.flagged', { kind: 'far_check_in' }, null), english)).toBe(
      'A visit was flagged: Checked in far from the shop',
    );
    expect(describeEvent(event('visit.flagged', { kind: 'a_new_kind' }, null), zh)).toBe('拜访被标记为异常：其他异常');
    expect(describeEvent(event('visit.spot_checked', { outcome: 'cleared', note: '电话核实属实' }), zh)).toBe(
      '宋瑶萌 抽检了拜访：拜访正常（已核实或有合理说明）。电话核实属实',
    );
    expect(describeEvent(event('visit.spot_checked', { outcome: 'confirmed', note: '' }), english)).toBe(
      '宋瑶萌 spot-checked a visit: The problem is real',
    );
    expect(describeEvent(event('visit.spot_checked', {}), english)).toBe('宋瑶萌 spot-checked a visit');
    expect(describeEvent(event('visit.callback', { outcome: 'not_visited', reached: true }), zh)).toBe(
      '宋瑶萌 就拜访回访了零售户：零售户说没有来过',
    );
    expect(describeEvent(event('visit.callback', { outcome: 'unreachable', reached: false }), english)).toBe(
      '宋瑶萌 called the retailer back about a visit: Could not reach the retailer',
    );
    expect(describeEvent(event('visit.callback', {}), english)).toBe('宋瑶萌 called the retailer back about a visit');
  });

  it('still says who and what for a step it does not know', () => {
    expect(describeEvent(event('visit.reassigned', {}), zh)).toBe('宋瑶萌：拜访（reassigned）');
    expect(describeEvent(event('visit.photo', {}), english)).toBe('宋瑶萌 added a visit photo');
  });

  it('words a follow-up promised on a visit and marked done later', () => {
    const done = event('visit.follow_up_done', { visitId: 7, text: '下次带新品宣传册', dueDate: '2026-12-03' });
    expect(describeEvent(done, zh)).toBe('宋瑶萌 完成了拜访时约定的跟进事项：下次带新品宣传册');
    expect(describeEvent(done, english)).toBe('宋瑶萌 did a follow-up promised on a visit: 下次带新品宣传册');
    expect(describeEvent(event('visit.follow_up_done', { visitId: 7 }), zh)).toBe(
      '宋瑶萌 完成了拜访时约定的一项跟进事项',
    );
  });
});
