import type { TierMoveReason } from '@siyi/contracts';
import { describe, expect, it } from 'vitest';
import { i18n, initI18n } from '../../i18n/i18n';
import { tierBandText, tierMoveText } from './tier-reason';

const reason: TierMoveReason = {
  weeks: 13,
  fromWeek: '2026-08-24',
  toWeek: '2026-11-16',
  cartons: 320,
  amountFen: 2_100_000,
  pricePerCartonFen: 6_563,
  volumeBand: 7,
  priceBand: 3,
  volumeBands: 10,
  priceBands: 3,
  rank: 800,
  buyers: 6_693,
  topPercent: 12,
  bandMinCartons: 300,
  bandMaxCartons: 340,
  previous: 18,
};

describe('a tier move in words', () => {
  it('says what was bought, the rank in the city and the tiers, in both languages', async () => {
    await initI18n('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(tierMoveText(reason, 21, t, 'zh-CN')).toBe(
      '近 13 周进货 320 条、金额 ¥2.10万，排在全市前 12%，由 18 档调至 21 档。',
    );
    expect(tierBandText(reason, t, 'zh-CN')).toBe(
      '进货量在第 7 段（共 10 段，本段 300–340 条），单条值 ¥65.63 在本段第 3 档（共 3 档）。',
    );
    await i18n.changeLanguage('en');
    expect(tierMoveText(reason, 21, t, 'en')).toBe(
      'Bought 320 cartons for ¥21.00K in the last 13 weeks, in the top 12% of the city: tier 18 → 21.',
    );
  });

  it('explains a retailer that bought nothing without a rank', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.t.bind(i18n);
    const none = { ...reason, cartons: 0, amountFen: 0, rank: null, topPercent: null, volumeBand: 0, priceBand: 0 };
    expect(tierMoveText({ ...none, bandMinCartons: null, bandMaxCartons: null }, 1, t, 'zh-CN')).toBe(
      '近 13 周没有进货，由 18 档调至 1 档（最低档）。',
    );
    expect(tierBandText({ ...none, bandMinCartons: null, bandMaxCartons: null }, t, 'zh-CN')).toBe(
      '没有进货的零售户不参加排名。',
    );
  });
});
