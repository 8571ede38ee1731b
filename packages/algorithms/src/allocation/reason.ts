/**
 * The sentence a retailer reads under its allocation, in zh-CN and en, built from the stored structured reason
 * (so a reason stored years ago reads the same, and the UI and server never reassemble the figures themselves).
 */
import type { AllocationReason } from './allocate';

export type AllocationReasonLocale = 'zh-CN' | 'en';

/**
 * The share as a whole percent, rounded DOWN so the sentence never promises more than was met (99.6 % reads
 * 99 %, only a fully met demand reads 100 %), but never 0 % when some weighted demand was met.
 */
export function allocationPercent(share: number): number {
  if (!(share > 0)) return 0;
  if (share >= 1) return 100;
  return Math.max(1, Math.floor(share * 100 + 1e-9));
}

/**
 * "申请 5 条，分得 2 条：本周供应满足 38% 的加权需求" / "Requested 5, allocated 2: this week's supply meets 38% of
 * weighted demand", with a clause when the published tie order decided the retailer's last carton.
 */
export function formatAllocationReason(reason: AllocationReason, locale: AllocationReasonLocale): string {
  const pct = allocationPercent(reason.shareOfWeightedDemandMet);
  if (locale === 'zh-CN') {
    const tie = reason.tieBroken ? '；最后一条在同一水位上按公布的顺序决定' : '';
    return `申请 ${reason.requested} 条，分得 ${reason.allocated} 条：本周供应满足 ${pct}% 的加权需求${tie}`;
  }
  const tie = reason.tieBroken ? '; the last carton at the final level went by the published tie order' : '';
  return `Requested ${reason.requested}, allocated ${reason.allocated}: this week's supply meets ${pct}% of weighted demand${tie}`;
}
