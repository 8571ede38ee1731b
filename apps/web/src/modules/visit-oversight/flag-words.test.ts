import { describe, expect, it } from 'vitest';
import { messageAt } from '../../i18n/key-paths';
import { en } from '../../i18n/locales/en';
import { zhCN } from '../../i18n/locales/zh-CN';
import { flagDetailWords } from './flag-words';

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

const flag = (kind: string, detail: Record<string, string | number | boolean | null>) => ({
  kind,
  detail,
  day: '2026-11-27',
  month: kind === 'retailer_missed_month' ? '2026-11' : null,
});

describe("a flag's evidence in words", () => {
  const zh = tFor(zhCN, 'zh-CN');
  const english = tFor(en, 'en');

  it('says how short or long a visit was against the limit', () => {
    expect(flagDetailWords(flag('short_visit', { secondsOnSite: 42, minSeconds: 60 }), zh)).toEqual([
      '在店 42 秒（下限 1 分钟）',
    ]);
    expect(flagDetailWords(flag('long_visit', { secondsOnSite: 19_800, maxSeconds: 18_000 }), english)).toEqual([
      '5 h 30 min in the shop (maximum 5 hours)',
    ]);
  });

  it('says how far a check-in was, with the reason given', () => {
    expect(flagDetailWords(flag('far_check_in', { distanceM: 512, maxDistanceM: 200, reason: '修路' }), zh)).toEqual([
      '签到距门店 512 米（上限 200 米）',
      '签到说明：修路',
    ]);
    expect(flagDetailWords(flag('far_check_in', { distanceM: 512, maxDistanceM: 200, reason: null }), zh)).toHaveLength(
      1,
    );
  });

  it("words an empty record, a manager's short day and a retailer's missed month", () => {
    expect(flagDetailWords(flag('empty_record', { checklistAnswers: 0 }), english)).toEqual([
      'No checklist, products or summary',
    ]);
    expect(flagDetailWords(flag('low_daily_time', { visits: 3, secondsOnSite: 1900, minMinutes: 60 }), zh)).toEqual([
      '当天拜访 3 家，在店共 31 分钟（下限 1 小时）',
    ]);
    expect(
      flagDetailWords(flag('retailer_missed_month', { validVisits: 0, visits: 1, minValidVisits: 1 }), english),
    ).toEqual(['2026-11: 0 valid visits (at least 1)']);
  });

  it('says nothing for a kind it does not know, and a dash for a missing figure', () => {
    expect(flagDetailWords(flag('a_new_kind', {}), zh)).toEqual([]);
    expect(flagDetailWords(flag('short_visit', {}), zh)).toEqual(['在店 —（下限 —）']);
  });
});
