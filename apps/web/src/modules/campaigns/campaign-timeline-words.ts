import '@/modules/campaigns/campaigns.messages';
import type { TimelineItem } from '@siyi/contracts';
import type { TFunction } from 'i18next';

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

const REACTIONS = new Set(['interested', 'undecided', 'not_interested']);
const CONSUMER = new Set(['good', 'fair', 'poor']);
const PRICE = new Set(['accepted', 'too_high', 'too_low']);
const REORDER = new Set(['yes', 'unsure', 'no']);

/** An answer's words, or the stored value when this page does not know it (a newer server). */
function word(value: unknown, known: ReadonlySet<string>, key: (v: string) => string): string {
  const v = text(value);
  return known.has(v) ? key(v) : v;
}

/**
 * A new-product promotion step on the shop's 360 timeline: an introduction (on a visit or not) with the retailer's
 * reaction, the retailer's feedback, a gift given, confirmed or taken back. Null for a kind it does not know.
 */
export function describeCampaignEvent(item: TimelineItem, actor: string, t: TFunction): string | null {
  const data = item.data;
  // Older entries name only the campaign: it stands in for the product then.
  const product = text(data.productName) || text(data.campaignName);
  const quantity = text(data.quantity) || '1';
  const gift = text(data.item);
  switch (item.kind) {
    case 'campaign.introduced': {
      const reaction = word(data.reaction, REACTIONS, (v) =>
        t(`campaigns.introduce.reactions.${v}` as 'campaigns.introduce.reactions.interested'),
      );
      return data.visitId !== undefined
        ? t('campaigns.timeline.introducedOnVisit', { actor, product, reaction })
        : t('campaigns.timeline.introduced', { actor, product, reaction });
    }
    case 'campaign.feedback': {
      const values = {
        actor,
        product,
        consumer: word(data.consumerResponse, CONSUMER, (v) =>
          t(`campaigns.shop.consumerResponses.${v}` as 'campaigns.shop.consumerResponses.good'),
        ),
        price: word(data.priceAcceptance, PRICE, (v) =>
          t(`campaigns.shop.priceAcceptances.${v}` as 'campaigns.shop.priceAcceptances.accepted'),
        ),
        reorder: word(data.wouldReorder, REORDER, (v) =>
          t(`campaigns.shop.wouldReorders.${v}` as 'campaigns.shop.wouldReorders.yes'),
        ),
      };
      const remark = text(data.remark);
      return remark
        ? t('campaigns.timeline.feedbackRemark', { ...values, remark })
        : t('campaigns.timeline.feedback', values);
    }
    case 'gift.issued':
      return t('campaigns.timeline.giftIssued', { actor, quantity, gift });
    case 'gift.confirmed':
      return t('campaigns.timeline.giftConfirmed', { actor, quantity, gift });
    case 'gift.returned':
      return t('campaigns.timeline.giftReturned', { actor, quantity, gift });
    default:
      return null;
  }
}
