import type { ManagerFigure } from '@siyi/contracts';

interface Weekly {
  weekStart: string;
  quantity: number;
  amountFen: number;
  orderingRetailers?: number;
}

export interface RecentFigures {
  /** The latest week's cartons and ordering retailers (0 when there is no week yet). */
  lastWeekQuantity: number;
  lastWeekOrdering: number;
  /** The change in cartons from the week before, or null without two weeks. */
  lastWeekChange: number | null;
  recentAmountFen: number;
}

/** Headline figures from a weekly series: unordered input, at most the last four weeks summed. */
export function recentFigures(weekly: readonly Weekly[]): RecentFigures {
  const sorted = [...weekly].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  const last = sorted.at(-1);
  const previous = sorted.at(-2);
  return {
    lastWeekQuantity: last?.quantity ?? 0,
    lastWeekOrdering: last?.orderingRetailers ?? 0,
    lastWeekChange: last && previous ? last.quantity - previous.quantity : null,
    recentAmountFen: sorted.slice(-4).reduce((sum, w) => sum + w.amountFen, 0),
  };
}

/** Every tier 1–30 with its count (0 when absent), so two distributions always line up. */
export function fullTierDistribution(counts: readonly { tier: number; count: number }[]): number[] {
  const byTier = new Map(counts.map((c) => [c.tier, c.count]));
  return Array.from({ length: 30 }, (_, i) => byTier.get(i + 1) ?? 0);
}

/** Managers from the largest recent quantity down; ties by name so the order is stable. */
export function rankManagers(managers: readonly ManagerFigure[]): ManagerFigure[] {
  return [...managers].sort((a, b) => b.recentQuantity - a.recentQuantity || a.name.localeCompare(b.name));
}
