import type { TFunction } from 'i18next';

/**
 * How a tier was reached, in words. The server stores a code (`computed:orders-13w`, `manual`); people read a
 * sentence, and a code this version does not know yet still reads as a sentence, never as the code.
 */
export function tierBasisText(basis: string, t: TFunction): string {
  const computed = /^computed:orders-(\d{1,3})w$/.exec(basis);
  if (computed) return t('retailers.detail.basisComputedOrders', { count: Number(computed[1]) });
  if (basis === 'manual') return t('retailers.detail.basisManual');
  return t('retailers.detail.basisOther');
}
