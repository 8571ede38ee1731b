import type { TimelineItem } from '@siyi/contracts';
import type { TFunction } from 'i18next';

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : Number.isFinite(Number(value)) ? Number(value) : 0;

/** "3 个品规，共 12 条" / "3 products, 12 cartons". */
function amount(data: Record<string, unknown>, t: TFunction): string {
  return t('ordering.timeline.amount', {
    products: t('ordering.timeline.products', { count: count(data.lines) }),
    cartons: t('ordering.timeline.cartons', { count: count(data.cartons) }),
  });
}

/**
 * A step of the shop's weekly order on its 360 timeline: the order submitted, a manager's proposal made, accepted
 * (in the portal or by the code read back) or rejected, a pressure report (only supervisors' timelines carry it),
 * the cartons a scarce product's allocation gave.
 */
export function describeOrderEvent(item: TimelineItem, actor: string, t: TFunction): string {
  const data = item.data;
  const cartons = (value: unknown) => t('ordering.timeline.cartons', { count: count(value) });
  switch (item.kind) {
    case 'order.submitted':
      return t('ordering.timeline.submitted', { actor, week: text(data.week), amount: amount(data, t) });
    case 'order.proposal_made':
      return t('ordering.timeline.proposalMade', { actor, amount: amount(data, t) });
    case 'order.proposal_accepted':
      return data.via === 'code'
        ? t('ordering.timeline.proposalAcceptedCode', { actor, amount: amount(data, t) })
        : t('ordering.timeline.proposalAcceptedPortal', { actor, amount: amount(data, t) });
    case 'order.proposal_rejected':
      return t('ordering.timeline.proposalRejected', { actor });
    case 'order.line_pressured':
      return data.proposalId !== undefined && data.productId === undefined
        ? t('ordering.timeline.proposalPressured', { actor, amount: amount(data, t) })
        : t('ordering.timeline.linePressured', {
            actor,
            product: text(data.productName),
            cartons: cartons(data.quantity),
          });
    case 'order.allocated':
      return t('ordering.timeline.allocated', {
        product: text(data.productName),
        requested: cartons(data.requested),
        allocated: cartons(data.allocated),
      });
    default:
      return t('ordering.timeline.other', { actor, step: item.kind.slice('order.'.length) });
  }
}
