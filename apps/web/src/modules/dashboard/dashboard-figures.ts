import type { ManagerFigure } from '@siyi/contracts';

/** Every tier 1–30 with its count (0 when absent), so two distributions always line up. */
export function fullTierDistribution(counts: readonly { tier: number; count: number }[]): number[] {
  const byTier = new Map(counts.map((c) => [c.tier, c.count]));
  return Array.from({ length: 30 }, (_, i) => byTier.get(i + 1) ?? 0);
}

/** Managers from the largest recent quantity down; ties by name so the order is stable. */
export function rankManagers(managers: readonly ManagerFigure[]): ManagerFigure[] {
  return [...managers].sort((a, b) => b.recentQuantity - a.recentQuantity || a.name.localeCompare(b.name));
}
