import type { Db } from '../../db/database';
import { findFirstOrderCandidates } from './campaigns.repository';
import { shanghaiDate } from './campaigns.service';

/** A product a targeted retailer has never ordered, and the running campaign that targets it with it. */
export interface FirstOrderCandidate {
  retailerId: number;
  productId: number;
  campaignId: number;
  campaignName: string;
  /** When its manager first introduced it to the retailer, if it did. */
  introducedAt: Date | null;
}

/**
 * The agreed function for the suggestions (issue 12: "campaign targets feed the suggestions"): for these
 * retailers, the products of running campaigns targeting them that they never ordered — each may become a
 * first-order suggestion whose reason names the campaign. Read-only, no permission logic: the caller's own scope
 * chose the retailers. One query whatever the number of retailers.
 */
export function firstOrderCandidates(
  db: Db,
  retailerIds: readonly number[],
  now: Date,
): Promise<FirstOrderCandidate[]> {
  return findFirstOrderCandidates(db, retailerIds, shanghaiDate(now));
}
