/**
 * The week's supply strategy (issue 11) as the suggestions read it: what the orders module offers a retailer in
 * its ordering week — products on the strategy, selected outlets (选点投放), per-tier limits (限量) with any order
 * limit, scarce products (紧俏) — so that the home card, the 360 page and the order page say the same numbers.
 * The rules stay in the orders module (`orderWeekOf`, `catalogueFor`), imported read-only; nothing is copied.
 */
import type { SuggestionFigures } from '@siyi/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import * as orderRepo from '../orders/orders.repository';
import { catalogueFor, type Offer, orderWeekOf } from '../orders/orders.service';

export type Offers = ReadonlyMap<number, Pick<Offer, 'mode' | 'limit'>>;

/**
 * What the retailer may order in the week it orders for at `now` (this week until its window closes, then the
 * next), when that week's strategy is published; null when it is not (nothing published to respect yet).
 */
export async function offersOfOrderingWeek(db: Db | Tx, retailerId: number, now: Date): Promise<Offers | null> {
  // The caller has already checked the reader's scope on this retailer.
  const retailer = await orderRepo.findRetailerInScope(db, sql`true`, retailerId);
  if (!retailer) return null;
  const { week, window } = await orderWeekOf(db, retailer, now);
  if (!window.published) return null;
  return (await catalogueFor(db, retailer, week)).offers;
}

export interface ShownSuggestion {
  quantity: number;
  low: number;
  high: number;
  figures: SuggestionFigures | null;
}

/**
 * A stored suggestion as the ordering week's offer allows it: null when the product is not offered to the retailer
 * (not on the strategy, not a selected outlet, a zero limit, discontinued); capped at the offer's limit, the reason
 * then saying 限量; a scarce product's reason saying its order is a request the allocation shares out.
 */
export function withinOffer(row: ShownSuggestion, offers: Offers | null, productId: number): ShownSuggestion | null {
  if (offers === null) return row;
  const offer = offers.get(productId);
  if (!offer) return null;
  const limit = offer.limit;
  const quantity = limit === null ? row.quantity : Math.min(row.quantity, limit);
  const capped = quantity < row.quantity;
  const low = Math.min(row.low, quantity);
  const high = Math.max(limit === null ? row.high : Math.min(row.high, limit), quantity);
  const figures: SuggestionFigures | null = row.figures
    ? {
        ...row.figures,
        quantity,
        limit: capped ? limit : row.figures.limit,
        limited: row.figures.limited || capped,
        supplyMode: offer.mode,
      }
    : null;
  return { quantity, low, high, figures };
}
