import type { TierMoveReason } from '@siyi/contracts';
import type { TFunction } from 'i18next';
import { formatCount, formatMoney } from '../../ui/format';

/**
 * A run's reason for a move, in words: what the retailer bought in the window, where that ranks it among the
 * city's buyers, and the tiers before and after ("近 13 周进货 320 条、金额 ¥2.10万，排在全市前 12%，由 18 档调至
 * 21 档。"). The server stores the figures; the sentence is made here, in the reader's language.
 */
export function tierMoveText(
  reason: TierMoveReason,
  toTier: number,
  t: TFunction,
  locale: string,
  /** Leave out "由 18 档调至 21 档" where the tiers are already said (the retailer's card heads with them). */
  { withTiers = true }: { withTiers?: boolean } = {},
): string {
  const values = { weeks: reason.weeks, from: reason.previous, to: toTier };
  if (reason.rank === null || reason.cartons <= 0) {
    return t(withTiers ? 'tiers.reason.none' : 'tiers.reason.noneOnly', values);
  }
  return t(withTiers ? 'tiers.reason.bought' : 'tiers.reason.boughtOnly', {
    ...values,
    cartons: formatCount(reason.cartons, locale),
    amount: formatMoney(reason.amountFen, locale),
    percent: reason.topPercent ?? 100,
  });
}

/** The band behind the tier: which volume band (with its cartons boundary) and which 单条值 band within it. */
export function tierBandText(reason: TierMoveReason, t: TFunction, locale: string): string {
  if (reason.volumeBand === 0 || reason.bandMinCartons === null || reason.bandMaxCartons === null) {
    return t('tiers.reason.bandNone');
  }
  return t('tiers.reason.band', {
    band: reason.volumeBand,
    bands: reason.volumeBands,
    min: formatCount(reason.bandMinCartons, locale),
    max: formatCount(reason.bandMaxCartons, locale),
    price: formatMoney(reason.pricePerCartonFen, locale),
    priceBand: reason.priceBand,
    priceBands: reason.priceBands,
  });
}
