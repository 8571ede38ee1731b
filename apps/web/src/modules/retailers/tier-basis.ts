import type { TFunction } from 'i18next';

/**
 * How a tier was reached, in words. The server stores a code (`computed:orders-13w`, `manual`); people read a
 * sentence, and a code this version does not know yet still reads as a sentence, never as the code. A published
 * tier run adds its id (`computed:orders-13w:run-12`); a hand edit carries its reason (`manual:<reason>`), which
 * is shown as written.
 */
export function tierBasisText(basis: string, t: TFunction): string {
  const computed = /^computed:orders-(\d{1,3})w(?::run-\d{1,10})?$/.exec(basis);
  if (computed) return t('retailers.detail.basisComputedOrders', { count: Number(computed[1]) });
  if (basis === 'manual') return t('retailers.detail.basisManual');
  if (basis.startsWith('manual:') && basis.length > 'manual:'.length) {
    return t('tiers.basis.manualWithReason', { reason: basis.slice('manual:'.length) });
  }
  return t('retailers.detail.basisOther');
}
