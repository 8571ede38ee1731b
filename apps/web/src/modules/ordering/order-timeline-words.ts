import '@/modules/ordering/ordering.messages';
import type { TimelineItem } from '@siyi/contracts';
import type { TFunction } from 'i18next';
import { SHANGHAI_OFFSET_MS } from '../../ui/format';

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

/** Where an order step on the 360 timeline leads, and the words of the link. */
export interface OrderEventLink {
  to: string;
  label: 'week' | 'proposals' | 'concern' | 'allocation';
}

const WEEK = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The Monday of the Shanghai week an instant falls in. */
function shanghaiMonday(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  return new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The page an order step on a retailer's 360 timeline refers to, for the staff member reading it (null when no page
 * shows it to them): an order or a scarce allocation → that week's order progress (the allocation page for a
 * supervisor or admin); a recent proposal → the manager's proposal page for this retailer; a pressure report → its
 * concern (only supervisors' and admins' timelines carry those). An admin's links name the retailer's district.
 */
export function orderEventLink(
  item: TimelineItem,
  viewer: { role: string; retailerId: number; districtId?: number | undefined },
  now: number = Date.now(),
): OrderEventLink | null {
  const data = item.data;
  const district = viewer.role === 'admin' && viewer.districtId !== undefined ? `&districtId=${viewer.districtId}` : '';
  const occurred = Date.parse(item.occurredAt);
  const eventWeek =
    typeof data.week === 'string' && WEEK.test(data.week)
      ? data.week
      : Number.isNaN(occurred)
        ? null
        : shanghaiMonday(occurred);
  const weekLink = (): OrderEventLink | null =>
    eventWeek ? { to: `/orders/week?week=${eventWeek}${district}`, label: 'week' } : null;
  // The proposal page lists the proposals of the week the retailer orders for now (this week or the next).
  const proposalsLink = (): OrderEventLink | null =>
    viewer.role === 'manager' && eventWeek !== null && eventWeek >= shanghaiMonday(now - 7 * DAY_MS)
      ? { to: `/orders/proposals/new?retailerId=${viewer.retailerId}`, label: 'proposals' }
      : weekLink();
  switch (item.kind) {
    case 'order.submitted':
      return weekLink();
    case 'order.proposal_made':
    case 'order.proposal_accepted':
    case 'order.proposal_rejected':
      return proposalsLink();
    case 'order.line_pressured': {
      const concernId = Number(data.concernId);
      return viewer.role !== 'manager' && Number.isInteger(concernId) && concernId > 0
        ? { to: `/concerns/${concernId}`, label: 'concern' }
        : null;
    }
    case 'order.allocated':
      return viewer.role === 'admin' || viewer.role === 'supervisor'
        ? eventWeek
          ? { to: `/orders/allocation?week=${eventWeek}${district}`, label: 'allocation' }
          : null
        : weekLink();
    default:
      return null;
  }
}
